"""A plan's own targets are its commitments; a summary's targets are no results (claims.find_claims own_targets).

The real CLI on real files: a 工作要点 whose 主要目标 are written as targets (prose, and a table of last
year's actual beside this year's target), and a summary whose table puts the target beside what was done.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLAN = """XX县教育局2024年工作要点
一、主要目标
指标|2023年实际|2024年目标
学前三年毛入园率|88.5%|92%
普惠性幼儿园覆盖率|83.5%|84%
高中阶段教育毛入学率目标为93%。
二、重点任务
新建改扩建公办幼儿园5所。
"""

SUMMARY = """XX县教育局2023年工作总结
一、主要指标完成情况
指标|2023年目标|2023年完成
学前三年毛入园率|92%|88.5%
普惠性幼儿园覆盖率|86%|88.6%
高中阶段教育毛入学率目标为93%。
"""


def statuses(tmp_path: Path, text: str) -> dict[str, str]:
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", str(report), "--format", "json", "--no-config", "--exit-zero"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [rep] = json.loads(proc.stdout)["reports"]
    return {f["rule"]: f["status"] for f in rep["findings"]}


def test_a_plans_targets_are_its_commitments(tmp_path):
    got = statuses(tmp_path, PLAN)
    assert got["preschool.gross-enrolment"] == "met"          # 2024年目标值92% ≥ 90%; 88.5% is 2023's
    assert got["preschool.inclusive-coverage"] == "unmet"     # a commitment below the line: 84% < 85%
    assert got["high-school.gross-enrolment"] == "met"        # 目标为93% in prose


def test_a_summarys_targets_are_no_results(tmp_path):
    got = statuses(tmp_path, SUMMARY)
    assert got["preschool.gross-enrolment"] == "unmet"        # done 88.5%, whatever the target column says
    assert got["preschool.inclusive-coverage"] == "met"       # done 88.6%
    assert got["high-school.gross-enrolment"] != "met"        # a target only
