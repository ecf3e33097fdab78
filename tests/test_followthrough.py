"""Tests for ``govedu-check follow-through PLAN SUMMARY`` on plan/summary pairs built from the seeds.

Plan 1 is seed 004 as it is (莒县 2020年工作要点). Its summary is written here from the plan's own
commitments: some rewritten as achieved with a figure at or above the promise, some with a lower
figure, some only as work in progress, the rest left out. Plan 2 is the 2022 plan part of seed
000 (a mixed 2021 report + 2022 plan), against a constructed 2022 summary.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.compare.followthrough import Keywords, commitments, follow_through
from checker.reading.load import load
from checker.reading.normalize import normalize
from checker.packs import all_rules, load_packs
from checker.cli.reports import follow_app
from checker.reading.structure import structure

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PLAN_2020 = SEEDS / "004_489d2595ade12a5d.txt"
MIXED_2021_PLAN_2022 = SEEDS / "000_fe85392cbbe105c4.txt"

# The 2020 summary of plan 004. Comments name the plan paragraph each line answers.
SUMMARY_2020 = """莒县教育和体育局2020年工作总结
一、统筹推进各类教育高质量发展
1.学前教育普惠发展。全年新建、改扩建普惠性幼儿园26处,城镇居住区配套幼儿园专项整治任务全部“清零”。学前三年毛入园率达到92.6%,普惠率达到83.1%。
2.义务教育优质均衡发展。新建、改扩建学校9处,完成112个55人及以上大班额班级“清零”任务。全县中小学文明校园创建工作有序推进。
3.高中教育。县二中新校区已投入使用,县一中新校区主体完工。高中段入学率达到98.5%。
二、加强教师队伍建设
4.深化中小学教师“县管校聘”改革,全年完成教师交流轮岗、支教顶岗532名。招聘新教师486名补充到教学一线。建成名校长工作室6个、名师工作室24个。评选农村特级教师11名。
5.成立了家庭教育专家指导委员会,建成家校共育示范点4所。
三、体育工作
6.全县全年举办赛事18次。开展青少年体育联赛4项。
"""
# plan 6 (学前): 24处 → 26处, 清零 done, 90% → 92.6%, 85% → 83.1%; 50% left out
# plan 7 (义务): 12处 → 9处, 105个 → 112个, 文明校园全覆盖 only "有序推进"; 辍学清零 left out
# plan 8 (高中): 县二中 in use, 县一中 only 主体完工; plan 15: 98% → 98.5%
# plan 17: 500名以上 → 532名, 500名左右 → 486名; plan 21: 6个 → 6个, 30个 → 24个; 4次 left out
# plan 16: 指导委员会 founded (家庭教育 one only), 3至6所 → 4所; plan 22: 11名 → 11名
# plan 10/12: 不少于15次 → 18次, 至少6项 → 4项; the rest left out

# (what identifies the commitment: its figure as written, or words of its subject) → status
EXPECTED_2020 = {
    "500名以上": "delivered", "24处": "delivered", "90%以上": "delivered", "105个": "delivered",
    "98%以上": "delivered", "3至6所": "delivered", "500名左右": "delivered", "6个": "delivered",
    "11名": "delivered", "不少于15次": "delivered",
    "城镇居住区配套幼儿园": "delivered", "县二中新校区": "delivered", "家庭教育专家指导委员会": "delivered",
    "85%以上": "partly", "12处": "partly", "至少6项": "partly", "30个": "partly",
    "文明校园": "partly", "县一中新校区": "partly",
    "4100名": "not_mentioned", "50%以上": "not_mentioned", "8000元": "not_mentioned",
    "不少于5次": "not_mentioned", "10处": "not_mentioned", "4次": "not_mentioned", "20处": "not_mentioned",
    "失学辍学": "not_mentioned", "特殊教育资源教室": "not_mentioned", "马拉松": "not_mentioned",
    "特色学校": "not_mentioned", "心理健康教育指导委员会": "not_mentioned", "职称制度": "not_mentioned",
    "只增不减": "not_mentioned", "人工智能试点县": "not_mentioned", "考务": "not_mentioned",
}
SUMMARY_FIGURES_2020 = {"500名以上": "532名", "24处": "26处", "85%以上": "83.1%", "12处": "9处",
                        "105个": "112个", "30个": "24个", "500名左右": "486名"}

# The 2022 summary for the plan part of seed 000 ("二、2022工作打算").
SUMMARY_2022 = """桓台县教育和体育局2022年工作总结
一、2022年工作情况
(一)优化城乡教育资源布局
风华小学、东和嘉园小学已建成并投入使用。桓台县第二实验幼儿园主体完工。对桓台县实验幼儿园、起凤镇实验幼儿园完成了抗震加固和改扩建。
(二)推进教育信息化建设
成功创建“信息化教学实验区”。打造“1+N”城乡教学联合体8个,推广交互式在线教学系统,全县中小学实现全覆盖。
(三)职业教育
建立以安全培训为主的技能培训鉴定中心,全年开展各类社会培训3200人次。
"""
EXPECTED_2022 = {
    "风华小学": "delivered", "东和嘉园小学": "delivered", "桓台县第二实验幼儿园": "partly",
    "桓台县第三实验幼儿园": "not_mentioned", "桓台县湖滨幼儿园": "not_mentioned",
    "桓台县实验幼儿园": "delivered", "起凤镇实验幼儿园": "delivered", "华沟幼儿园": "not_mentioned",
    "信息化教学实验区": "delivered", "城乡教学联合体": "delivered", "交互式在线教学系统": "delivered",
    "高水平中职学校": "not_mentioned", "产教联合体": "not_mentioned", "技能培训鉴定中心": "delivered",
}


def run(args: list[str], **kw) -> tuple[int, str, str]:
    result = CliRunner().invoke(follow_app, args, **kw)
    return result.exit_code, result.stdout, result.stderr


def follow_json(tmp_path: Path, plan: Path, summary_text: str, name: str = "summary.txt") -> dict:
    summary = tmp_path / name
    summary.write_text(summary_text, encoding="utf-8")
    code, out, err = run([str(plan), str(summary), "--format", "json"])
    assert code == 0, err
    return json.loads(out)


def identify(item: dict, key: str) -> bool:
    """A quota is named by its figure as written, a measure by words of its subject."""
    if item["target"]:
        return key == item["target"]["text"]
    return key in item["subject"]


def classify(data: dict, expected: dict) -> dict:
    """Each expected key → the status of the one commitment it identifies."""
    got = {}
    for key in expected:
        hits = [c for c in data["commitments"] if identify(c, key)]
        assert len(hits) == 1, (key, [c["subject"] for c in hits])
        got[key] = hits[0]["status"]
    return got


# ================================================================ the seed pairs
def test_plan_2020_against_its_summary(tmp_path):
    data = follow_json(tmp_path, PLAN_2020, SUMMARY_2020)
    assert data["plan"]["year"] == 2020 and data["summary"]["year"] == 2020 and data["warnings"] == []
    assert classify(data, EXPECTED_2020) == EXPECTED_2020
    # Every commitment found is one of the expected ones: no slogans (“三个第一”), ordinals
    # (第三期), years or durations (学前三年) were taken for quotas.
    assert len(data["commitments"]) == len(EXPECTED_2020)
    counts = {s: list(EXPECTED_2020.values()).count(s) for s in ("delivered", "partly", "not_mentioned")}
    assert data["counts"] == counts
    for c in data["commitments"]:
        if c["target"] and c["target"]["text"] in SUMMARY_FIGURES_2020:
            assert c["summary"]["figure"] == SUMMARY_FIGURES_2020[c["target"]["text"]]
            assert c["summary"]["figure"] in c["summary"]["text"]
        if c["status"] == "not_mentioned":
            assert c["summary"] is None
        else:
            assert c["summary"]["text"] in SUMMARY_2020
        assert c["plan"]["text"] in PLAN_2020.read_text(encoding="utf-8")


def test_local_quotas_of_the_issue_are_commitments(tmp_path):
    data = follow_json(tmp_path, PLAN_2020, SUMMARY_2020)
    quotas = {(c["target"]["value"], c["target"]["unit"]): c for c in data["commitments"] if c["target"]}
    assert "教师交流轮岗" in quotas[(500.0, "名")]["subject"] and quotas[(500.0, "名")]["target"]["comparator"] == ">="
    assert "普惠性幼儿园" in quotas[(24.0, "处")]["subject"]
    assert "大班额班级" in quotas[(105.0, "个")]["subject"]      # the noun after the figure
    assert quotas[(500.0, "名")]["plan"]["line"] > 3             # the body's sentence, not the page title


def test_plan_part_of_a_mixed_report_against_a_2022_summary(tmp_path):
    data = follow_json(tmp_path, MIXED_2021_PLAN_2022, SUMMARY_2022)
    assert data["plan"]["kind"] == "mixed" and data["plan"]["year"] == 2022
    assert data["warnings"] == []                 # 2022 plan vs 2022 summary: no year mismatch
    assert classify(data, EXPECTED_2022) == EXPECTED_2022
    assert len(data["commitments"]) == len(EXPECTED_2022)
    # Only the plan part counts: nothing from the 2021 summary part (lines before "二、2022工作打算").
    plan_part_line = next(i for i, line in enumerate(MIXED_2021_PLAN_2022.read_text(encoding="utf-8").split("\n"), 1)
                          if "2022工作打算" in line)
    assert all(c["plan"]["line"] > plan_part_line for c in data["commitments"])


# ================================================================ rules in small
@pytest.fixture(scope="module")
def keywords() -> Keywords:
    return Keywords(t for r in all_rules(load_packs()) for t in r.terms)


def doc(tmp_path: Path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    src = load(str(path))
    return structure(normalize(src))


def test_quotas_from_the_issue_text(tmp_path, keywords):
    plan = doc(tmp_path, "2024年工作要点\n一、重点任务\n年内完成教师交流轮岗、支教顶岗500名以上。"
                         "新建、改扩建普惠性幼儿园24处。完成105个大班额班级清零。\n", "p.txt")
    found = [(c.kind, c.value, c.unit, c.subject) for c in commitments(plan, keywords)]
    assert found == [("quota", 500.0, "名", "教师交流轮岗、支教顶岗"), ("quota", 24.0, "处", "新建、改扩建普惠性幼儿园"),
                     ("quota", 105.0, "个", "大班额班级清零")]


def test_traditional_plan_reads_the_same(tmp_path, keywords):
    simplified = doc(tmp_path, "2024年工作要点\n一、重点任务\n新建、改扩建普惠性幼儿园24处。\n", "s.txt")
    traditional = doc(tmp_path, "2024年工作要點\n一、重點任務\n新建、改擴建普惠性幼兒園24處。\n", "t.txt")
    assert [(c.value, c.unit, c.subject) for c in commitments(traditional, keywords)] == \
           [(c.value, c.unit, c.subject) for c in commitments(simplified, keywords)]


def test_slogans_ordinals_years_are_not_commitments(tmp_path, keywords):
    plan = doc(tmp_path, "2024年工作要点\n一、总体思路\n坚持“三个第一”“四个激活”发展理念,完成第三期学前教育三年行动计划,"
                         "2024年是关键之年,不让一个学生掉队。\n", "p.txt")
    assert commitments(plan, keywords) == []


def test_units_and_upper_limits(tmp_path, keywords):
    plan = doc(tmp_path, "2024年工作要点\n一、重点任务\n全年培训乡村教师1200人。大班额比例控制在5%以内。\n", "p.txt")
    good = doc(tmp_path, "2024年工作总结\n一、工作成效\n全年培训乡村教师1350名。大班额比例降至3.2%。\n", "g.txt")
    poor = doc(tmp_path, "2024年工作总结\n一、工作成效\n全年培训乡村教师900名。大班额比例为6.1%。\n", "b.txt")
    assert [d.status for d in follow_through(plan, good, keywords).items] == ["delivered", "delivered"]
    result = follow_through(plan, poor, keywords)
    assert [(d.status, d.value) for d in result.items] == [("partly", 900.0), ("partly", 6.1)]


def test_problem_named_in_the_summary_is_partly(tmp_path, keywords):
    plan = doc(tmp_path, "2024年工作要点\n一、重点任务\n完成105个大班额班级清零。\n", "p.txt")
    summary = doc(tmp_path, "2024年工作总结\n一、存在的问题\n大班额班级清零任务尚未完成。\n", "s.txt")
    (item,) = follow_through(plan, summary, keywords).items
    assert (item.status, item.reason) == ("partly", "problem")


def test_summary_plan_part_is_not_evidence(tmp_path, keywords):
    # Seed 003's own 2024 plan part promises things; as a "summary" for them it must not count.
    plan = doc(tmp_path, "2024年工作要点\n一、重点任务\n新建、改扩建普惠性幼儿园24处。\n", "p.txt")
    mixed = doc(tmp_path, "2023年工作总结和2024年工作安排\n一、2023年工作总结\n全市教育事业稳步发展。\n"
                          "二、2024年工作安排\n新建、改扩建普惠性幼儿园24处。\n", "m.txt")
    (item,) = follow_through(plan, mixed, keywords).items
    assert item.status == "not_mentioned"


def test_warnings_for_pairs_that_do_not_belong_together(tmp_path):
    summary = tmp_path / "s.txt"
    summary.write_text(SUMMARY_2020.replace("2020年工作总结", "2021年工作总结"), encoding="utf-8")
    code, _, err = run([str(PLAN_2020), str(summary)])
    assert code == 0 and "the plan is for 2020 but the summary reports on 2021" in err
    code, _, err = run([str(PLAN_2020), str(PLAN_2020)])
    assert code == 0 and "reads as a plan, not a summary" in err


# ================================================================ outputs and errors
def test_terminal_output(tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text(SUMMARY_2020, encoding="utf-8")
    code, out, _ = run([str(PLAN_2020), str(summary)])
    assert code == 0
    assert "共35项承诺" in out and "✔ 已兑现 13" in out and "◐ 部分兑现 6" in out and "∅ 未提及 16" in out
    assert "500名以上" in out and "532名" in out
    code, out, _ = run([str(PLAN_2020), str(summary), "--lang", "en"])
    assert "35 commitments" in out and "delivered 13" in out


def test_html_output_is_self_contained_escaped_and_counts_match(tmp_path):
    hostile = SUMMARY_2020.replace("评选农村特级教师11名。", "评选农村特级教师11名<script>alert(1)</script>。")
    summary = tmp_path / "summary.txt"
    summary.write_text(hostile, encoding="utf-8")
    out = tmp_path / "follow.html"
    code, _, err = run([str(PLAN_2020), str(summary), "--format", "html", "--output", str(out)])
    assert code == 0, err
    markup = out.read_text(encoding="utf-8")
    data = follow_json(tmp_path, PLAN_2020, hostile, "again.txt")
    assert markup.count("<script") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "http://" not in markup.split("xmlns=")[0] and "<link" not in markup and " src=" not in markup
    for status, n in data["counts"].items():
        assert f"<b data-count='{status}'>{n}</b>" in markup
        assert markup.count(f'<article class="finding item" data-status="{status}"') == n


def test_docx_summary_and_plan_on_standard_input(tmp_path):
    from test_containers import docx_from_text    # the .docx builder of the container tests

    summary = tmp_path / "summary.docx"
    summary.write_bytes(docx_from_text(SUMMARY_2020))
    plan_bytes = PLAN_2020.read_text(encoding="utf-8").encode("gb18030")
    code, out, err = run(["-", str(summary), "--format", "json"], input=plan_bytes)
    assert code == 0, err
    data = json.loads(out)
    assert data["plan"]["path"] == "<stdin>" and data["summary"]["line_label"] == "paragraph"
    assert classify(data, EXPECTED_2020) == EXPECTED_2020


def test_missing_file_and_two_stdins_are_usage_errors(tmp_path):
    code, _, err = run([str(tmp_path / "nope.txt"), str(PLAN_2020)])
    assert code == 2 and err.count("\n") == 1 and "nope.txt：找不到文件" in err
    code, _, err = run(["-", "-"])
    assert code == 2 and "only one of the two inputs can be '-'" in err


def test_dispatched_from_the_main_command(tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text(SUMMARY_2022, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", "follow-through", str(MIXED_2021_PLAN_2022),
                           str(summary), "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["counts"] == {"delivered": 8, "partly": 1, "not_mentioned": 5}
