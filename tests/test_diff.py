"""Tests for ``govedu-check diff OLD NEW``: two drafts of one report, built from seed 003."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.check import check_app
from checker.cli.reports import diff_app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_b71ddd899b90d843.txt"

# Edits a reviewer might make between two drafts, and the verdict each one should move.
EDITS = [
    ("的学校有121所,占比80.1%", "的学校有151所,占比100%"),                       # governance: unmet → met
    ("专职保安配备率、", ""),                                                      # guard: met → missing
    ("2023年,全市义务教育阶段课后服务学生参与率保持在90%以上。",
     "2023年,全市义务教育学校课后服务实现全覆盖,有需求学生全覆盖。"),            # two coverage rules → met
]
EXPECTED = {
    "governance.party-led-principal": ("unmet", "met", "better"),
    "safety.full-time-guard": ("met", "missing", "worse"),
    "jianfu.after-school.school-coverage": ("unverified", "met", "better"),
    "jianfu.after-school.student-coverage": ("unverified", "met", "better"),
}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("drafts")
    text = SEED.read_text(encoding="utf-8")
    old = folder / "draft1.txt"
    old.write_text(text, encoding="utf-8")
    for before, after in EDITS:
        assert text.count(before) == 1
        text = text.replace(before, after)
    new = folder / "draft2.txt"
    new.write_text(text, encoding="utf-8")
    return old, new


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(diff_app, args)
    return result.exit_code, result.stdout, result.stderr


def check_json(path: Path) -> dict:
    result = CliRunner().invoke(check_app, [str(path), "--format", "json", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["reports"][0]


def test_changed_verdicts_and_score_delta(drafts):
    old, new = drafts
    code, out, err = run([str(old), str(new), "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    got = {c["rule"]: (c["old"]["status"], c["new"]["status"], c["direction"]) for c in data["changes"]}
    assert got == EXPECTED
    # The diff agrees with what `check` says about each draft.
    before, after = check_json(old), check_json(new)
    old_status = {f["rule"]: f["status"] for f in before["findings"]}
    new_status = {f["rule"]: f["status"] for f in after["findings"]}
    assert set(got) == {r for r in new_status if new_status[r] != old_status[r]}
    assert data["unchanged"] == len(new_status) - len(got)
    assert (data["old"]["score"], data["new"]["score"]) == (before["score"], after["score"])
    assert data["score_delta"] == pytest.approx(after["score"] - before["score"], abs=0.05)
    cats_before = {c["id"]: c["score"] for c in before["categories"]}
    for c in data["categories"]:
        assert c["old"] == cats_before[c["id"]]
        assert c["delta"] == pytest.approx(c["new"] - c["old"], abs=0.05)
    # Worse changes are listed first.
    assert data["changes"][0]["rule"] == "safety.full-time-guard"


def test_old_and_new_evidence(drafts):
    old, new = drafts
    data = json.loads(run([str(old), str(new), "--format", "json"])[1])
    change = next(c for c in data["changes"] if c["rule"] == "governance.party-led-principal")
    assert "占比80.1%" in change["old"]["evidence"][0]["text"]
    assert "占比100%" in change["new"]["evidence"][0]["text"]
    assert change["old"]["evidence"][0]["line"] == change["new"]["evidence"][0]["line"]
    guard = next(c for c in data["changes"] if c["rule"] == "safety.full-time-guard")
    assert guard["old"]["evidence"] and guard["new"]["evidence"] == []


def test_terminal_output(drafts):
    old, new = drafts
    code, out, _ = run([str(old), str(new)])
    assert code == 0
    data = json.loads(run([str(old), str(new), "--format", "json"])[1])
    assert f"{data['old']['score']:.1f} → {data['new']['score']:.1f}" in out
    assert f"({data['score_delta']:+.1f})" in out
    assert "✘ 未达标 → ✔ 达标" in out and "✔ 达标 → ∅ 未提及" in out and "[变差]" in out
    assert "占比80.1%" in out and "占比100%" in out
    code, out, _ = run([str(old), str(new), "--lang", "en"])
    # every rule of the built-in packs is compared; 4 changed between the drafts
    assert f"Changed verdicts (4; {data['unchanged']} unchanged)" in out and "[worse]" in out
    assert data["unchanged"] >= 29


def test_same_report_in_another_container_has_no_changes(tmp_path):
    from test_containers import docx_from_text    # the .docx builder of the container tests

    docx = tmp_path / "same.docx"
    docx.write_bytes(docx_from_text(SEED.read_text(encoding="utf-8")))
    code, out, _ = run([str(SEED), str(docx), "--format", "json"])
    data = json.loads(out)
    assert code == 0 and data["changes"] == [] and data["score_delta"] == 0
    assert data["new"]["line_label"] == "paragraph"
    code, out, _ = run([str(SEED), str(SEED)])
    assert "两稿的结论完全相同" in out


def test_usage_errors(tmp_path):
    code, _, err = run([str(SEED), str(tmp_path / "missing.txt")])
    assert code == 2 and err.count("\n") == 1 and "missing.txt：找不到文件" in err
    code, _, err = run(["-", "-"])
    assert code == 2 and "only one of the two inputs" in err
    bad_pack = tmp_path / "bad.yaml"
    bad_pack.write_text("id: [unclosed\n", encoding="utf-8")
    code, _, err = run([str(SEED), str(SEED), "--pack", str(bad_pack)])
    assert code == 2 and str(bad_pack) in err and "Traceback" not in err


def test_dispatched_from_the_main_command(drafts):
    old, new = drafts
    proc = subprocess.run([sys.executable, "-m", "checker", "diff", str(old), str(new), "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert {c["rule"] for c in json.loads(proc.stdout)["changes"]} == set(EXPECTED)
