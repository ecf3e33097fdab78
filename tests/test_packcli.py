"""The pack commands through the CLI: packs list/show/validate/test, explain, init-pack.

In-process with typer's CliRunner on the real apps, and once through a subprocess to check that
``govedu-check packs …`` is dispatched by ``checker.cli.main``. Pack files are real files in
tmp_path; the shipped packs are used as they are.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import __version__
from checker.cli.exitcodes import GATE_FAILED, OK, USAGE_ERROR
from checker.model import STATUSES
from checker.cli.packs import explain_app, init_app, packs_app

ROOT = Path(__file__).resolve().parents[1]
SHANDONG = ROOT / "policies" / "provinces" / "shandong.yaml"


def run(app, *args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def caret_column(caret_line: str, source_line: str, printed_source: str) -> int:
    """1-based column of the caret, counting wide characters as the terminal does."""
    indent = len(printed_source) - len(source_line)
    cells = len(caret_line) - 1 - indent
    col, used = 1, 0
    for ch in source_line:
        if used >= cells:
            break
        used += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        col += 1
    return col


# ---------------------------------------------------------------- packs list / show
def test_list_shows_builtin_packs_and_the_provincial_pack_as_available():
    res = run(packs_app, "list", "--no-config", "--format", "json")
    assert res.exit_code == OK, res.output
    rows = {r["id"]: r for r in json.loads(res.stdout)["packs"]}
    national = [r for r in rows.values() if r["id"].startswith("national.")]
    # the 7 v1 packs and the 7 catalog-v2 national additions (funding, aid, food safety, …)
    assert len(national) == 14 and all(r["source"] == "built-in" and r["loaded"] for r in national)
    assert sum(r["rules"] for r in national) >= 33 + 33
    # the 督导 indicator packs are shipped but opt-in (catalog v2, decision 1)
    for pid, n in (("supervision.balanced-compulsory", 20), ("supervision.preschool-universal", 7)):
        assert (rows[pid]["source"], rows[pid]["loaded"], rows[pid]["rules"]) == ("available, not loaded", False, n)
    sd = rows["province.shandong"]
    assert (sd["source"], sd["loaded"], sd["rules"], sd["overrides"]) == ("available, not loaded", False, 0, 3)
    assert "national.preschool" in sd["extends"]


def test_list_marks_packs_given_with_pack_and_from_the_configuration(tmp_path, monkeypatch):
    res = run(packs_app, "list", "--no-config", "--format", "json", "--pack", SHANDONG)
    rows = {r["id"]: r for r in json.loads(res.stdout)["packs"]}
    assert (rows["province.shandong"]["source"], rows["province.shandong"]["loaded"]) == ("--pack", True)
    (tmp_path / ".govedu-check.yaml").write_text(f"pack: {SHANDONG}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rows = {r["id"]: r for r in json.loads(run(packs_app, "list", "--format", "json").stdout)["packs"]}
    assert rows["province.shandong"]["source"] == "config"


def test_list_as_a_table_names_every_pack():
    res = run(packs_app, "list", "--no-config")
    assert res.exit_code == OK
    for pid in ("national.preschool", "national.teachers", "province.shandong", "available, not loaded"):
        assert pid in res.stdout


def test_show_prints_a_packs_rules_as_a_table():
    res = run(packs_app, "show", "national.preschool", "--no-config")
    assert res.exit_code == OK, res.output
    for text in ("preschool.gross-enrolment", "preschool.inclusive-coverage", "preschool.public-share", "threshold",
                 "≥50%"):
        assert text in res.stdout


def test_show_loads_an_available_pack_on_demand_and_lists_its_overrides():
    res = run(packs_app, "show", "province.shandong", "--no-config", "--format", "json")
    assert res.exit_code == OK, res.output
    data = json.loads(res.stdout)
    changed = {(o["rule"], o["field"]): o for o in data["overrides"]}
    assert changed[("preschool.gross-enrolment", "threshold")]["new"] == "≥90%"
    assert changed[("preschool.inclusive-coverage", "threshold")]["new"] == "≥85%"
    assert changed[("class-size.large", "threshold")]["new"] == "<55 人"
    table = run(packs_app, "show", "province.shandong", "--no-config")
    assert "overrides" in table.stdout and "≥90%" in table.stdout


def test_show_an_unknown_pack_exits_2_with_a_suggestion():
    res = run(packs_app, "show", "national.preschol", "--no-config")
    assert res.exit_code == USAGE_ERROR
    assert "did you mean 'national.preschool'" in res.stderr


# ---------------------------------------------------------------- packs validate
def test_validate_accepts_the_shipped_packs():
    res = run(packs_app, "validate", ROOT / "policies" / "national", SHANDONG)
    assert res.exit_code == OK, res.output
    assert "All 15 pack file(s) are valid." in res.stdout


BROKEN = """
pack:
  id: county.broken
  version: "1.0.0"
  extends: [national.teachers]
rules:
  - id: county.quota
    title: {zh: 交流轮岗人数}
    severity: warning
    check: threshold
    subject:
      terms: [交流轮岗]
      patterns: ["(a+)+"]
    metric:
      threshold: {comparator: ">=", value: 500}
    examples: []
"""


def test_a_broken_pack_shows_file_line_column_the_line_and_a_caret(tmp_path):
    p = write(tmp_path, "broken.yaml", BROKEN)
    res = run(packs_app, "validate", p, "--lang", "en")
    assert res.exit_code == USAGE_ERROR
    out = res.stdout.split("\n")
    text = p.read_text(encoding="utf-8").split("\n")
    expected = [("patterns", "unknown key 'patterns'", "no regular expressions"),
                ("{comparator", "missing 'unit'", 'add unit: "%"'),
                ("[]", "has no examples", "add examples:")]
    for token, message, hint in expected:
        line = next(i for i, t in enumerate(text, 1) if token in t and (token != "[]" or "examples" in t))
        col = text[line - 1].index(token) + 1
        head = f"{p}:{line}:{col}: "
        i = next(k for k, o in enumerate(out) if o.startswith(head))
        assert message in out[i]
        assert out[i + 1].strip() == text[line - 1].strip()                     # the offending line
        assert out[i + 2].strip() == "^"
        assert caret_column(out[i + 2], text[line - 1], out[i + 1]) == col      # the caret under the spot
        assert hint in out[i + 3]
    assert "3 problem(s) in 1 file(s)" in res.stdout


def test_validate_reports_problems_of_meaning_across_packs(tmp_path):
    p = write(tmp_path, "c.yaml", f"""
        pack:
          id: county.c
          version: "1.0.0"
          requires: ">=99.0"
          extends: [national.preschol]
        rules:
          - id: county.c.one
            title: {{zh: 一}}
            severity: info
            check: measure
            subject: {{terms: [县管校聘]}}
            examples:
              - {{text: "深化县管校聘改革。", status: met}}
          - id: county.c.one
            title: {{zh: 二}}
            severity: info
            check: presence
            subject: {{terms: [县管校聘]}}
            examples:
              - {{text: "深化县管校聘改革。", status: met}}
        overrides:
          - id: health.myopa
            weight: 2
        """)
    res = run(packs_app, "validate", p, "--lang", "en")
    assert res.exit_code == USAGE_ERROR
    out = res.stdout
    assert f"pack needs govedu-check >=99.0; this is {__version__}" in out
    assert "duplicate rule id 'county.c.one' (first at line 7)" in out
    assert "extends unknown pack 'national.preschol'" in out and "did you mean 'national.preschool'" in out
    assert "health.myopa" not in out              # overrides of a pack whose extends failed: not re-reported
    assert f"{p}:4:13:" in out                    # requires, at its value
    fixed = write(tmp_path, "d.yaml", p.read_text(encoding="utf-8").replace("national.preschol", "national.health")
                  .replace(">=99.0", ">=0.1").replace("id: county.c.one\n    title: {zh: 二}",
                                                      "id: county.c.two\n    title: {zh: 二}"))
    res = run(packs_app, "validate", fixed)
    assert res.exit_code == USAGE_ERROR
    assert "overrides unknown rule 'health.myopa'" in res.stdout and "did you mean 'health.myopia'" in res.stdout
    assert "1 problem(s) in 1 file(s)" in res.stdout


def test_validate_of_a_missing_file_exits_2(tmp_path):
    res = run(packs_app, "validate", tmp_path / "nope.yaml")
    assert res.exit_code == USAGE_ERROR and "no such pack file" in res.stderr


def test_a_yaml_syntax_error_points_at_its_place(tmp_path):
    p = write(tmp_path, "syntax.yaml", 'pack: {id: county.s, version: "1.0.0"\nrules: []\n')
    res = run(packs_app, "validate", p)
    assert res.exit_code == USAGE_ERROR
    assert f"{p}:2:" in res.stdout and "invalid YAML" in res.stdout and "^" in res.stdout


# ---------------------------------------------------------------- packs test
def test_test_runs_the_provincial_packs_examples_and_samples():
    res = run(packs_app, "test", SHANDONG)
    assert res.exit_code == OK, res.output
    assert res.stdout.count("✔ PASS") >= 21
    assert "shandong-tests/2020-county-summary.txt" in res.stdout
    assert "preschool.gross-enrolment example 1: unmet" in res.stdout


def test_test_runs_the_builtin_packs_through_the_same_command():
    res = run(packs_app, "test", ROOT / "policies" / "national", "--quiet")
    assert res.exit_code == OK, res.output
    assert " 0 failed" in res.stdout and "✔ PASS" not in res.stdout


WRONG = """
pack: {id: county.w, version: "1.0.0", extends: [national.preschool]}
overrides:
  - id: preschool.public-share
    threshold: {comparator: ">=", value: 60, unit: "%"}
    examples:
      - {text: "公办园在园幼儿占比达到55%。", status: met}
      - {text: "公办园在园幼儿占比达到65%。", status: met}
"""


def test_a_failing_example_prints_expected_actual_and_exits_1(tmp_path):
    p = write(tmp_path, "w.yaml", WRONG)
    res = run(packs_app, "test", p)
    assert res.exit_code == GATE_FAILED
    assert f"✘ FAIL {p}:6  preschool.public-share example 1: expected met, got unmet" in res.stdout
    assert "text: 公办园在园幼儿占比达到55%。" in res.stdout and "目标≥60%" in res.stdout
    assert f"✔ PASS {p}:7" in res.stdout
    assert "1 passed, 1 failed" in res.stdout


def test_sample_reports_in_the_test_folder_are_checked(tmp_path):
    p = write(tmp_path, "w.yaml", WRONG.replace("55%。\", status: met", "55%。\", status: unmet"))
    folder = tmp_path / "w-tests"
    folder.mkdir()
    (folder / "plan.txt").write_text(textwrap.dedent("""\
        # kind: summary
        # year: 2022

        某县2022年工作总结
        # expect: preschool.public-share = met
        公办园在园幼儿占比达到58%。
        # expect: preschool.public-share = nonsense
        """), encoding="utf-8")
    res = run(packs_app, "test", p)
    assert res.exit_code == GATE_FAILED
    assert f"✘ FAIL {folder / 'plan.txt'}:5  preschool.public-share: expected met, got unmet" in res.stdout
    assert "plan.txt:7: write `# expect: RULE_ID = STATUS`" in res.stdout


def test_an_expectation_bound_to_a_line_must_be_decided_there(tmp_path):
    p = write(tmp_path, "w.yaml", WRONG.replace("55%。\", status: met", "55%。\", status: unmet"))
    folder = tmp_path / "w-tests"
    folder.mkdir()
    (folder / "s.txt").write_text("# year: 2022\n\n某县2022年工作总结\n# expect: preschool.public-share = met\n"
                                  "加强学前教育。\n公办园在园幼儿占比达到65%。\n", encoding="utf-8")
    res = run(packs_app, "test", p)
    assert res.exit_code == GATE_FAILED
    assert "decided on line(s) 6, not on line 5 below the annotation" in res.stdout


def test_test_refuses_an_invalid_pack_with_exit_2(tmp_path):
    p = write(tmp_path, "broken.yaml", BROKEN)
    res = run(packs_app, "test", p)
    assert res.exit_code == USAGE_ERROR and f"{p}:" in res.stderr


# ---------------------------------------------------------------- explain
def test_explain_says_what_a_rule_checks_its_target_source_statuses_examples_and_fix():
    res = run(explain_app, "preschool.gross-enrolment", "--no-config")
    assert res.exit_code == OK, res.output
    out = res.stdout
    for text in ("学前三年毛入园率", "≥85%（至2020年）；≥90%（2021年起）", "县域学前教育普及普惠督导评估办法",
                 "检查什么", "如何整改", "[unmet] 全县学前三年毛入园率为87%。"):
        assert text in out
    for status in STATUSES:
        assert f"  {status} (" in out


def test_explain_shows_which_pack_set_the_value_in_force():
    res = run(explain_app, "preschool.gross-enrolment", "--no-config", "--pack", SHANDONG, "--format", "json")
    assert res.exit_code == OK, res.output
    info = json.loads(res.stdout)
    assert info["set_by"]["threshold"] == "province.shandong" and info["pack"] == "national.preschool"
    assert info["threshold"]["steps"] == [{"from": None, "until": None, "comparator": ">=", "value": 90.0,
                                           "unit": "%", "base": "3—5岁适龄人口", "text": "≥90%"}]
    hist = [o for o in info["overrides"] if o["field"] == "threshold"]
    assert hist == [{"rule": "preschool.gross-enrolment", "field": "threshold", "pack": "province.shandong",
                     "old": "≥85%（至2020年）；≥90%（2021年起）", "new": "≥90%"}]
    text = run(explain_app, "preschool.gross-enrolment", "--no-config", "--pack", SHANDONG).stdout
    assert "设定者: province.shandong" in text and "原为" in text


def test_explain_json_has_every_status_in_both_languages_and_english_text():
    info = json.loads(run(explain_app, "teacher.rotation.annual-rate", "--no-config", "--format", "json").stdout)
    assert set(info["statuses"]) == set(STATUSES)
    assert all(v["zh"] and v["en"] for v in info["statuses"].values())
    assert info["check"] == "ratio" and info["source"]["number"] == "教师〔2014〕4号"
    en = run(explain_app, "teacher.rotation.annual-rate", "--no-config", "--lang", "en").stdout
    assert "What each status means" in en and "eligible_teachers" in en and "How to fix a miss" in en


def test_explain_works_for_every_rule_of_every_shipped_pack_in_both_formats():
    # composite and veto specs have fields without defaults; explain once built a blank spec to diff
    # against and crashed on them (balance.resource.school-pass, balance.veto)
    from checker.packs.loading import all_rules, load_packs
    ids = [r.id for r in all_rules(load_packs([ROOT / "policies" / "supervision"]))]
    assert len(ids) >= 93
    kinds = set()
    for rule_id in ids:
        res = run(explain_app, rule_id, "--no-config", "--pack", ROOT / "policies" / "supervision", "--format", "json")
        assert res.exit_code == OK, (rule_id, res.output[-300:])
        info = json.loads(res.stdout)
        assert info["id"] == rule_id and set(info["statuses"]) == set(STATUSES)
        kinds.add(info["check"])
    assert {"composite", "veto"} <= kinds
    text = run(explain_app, "balance.veto", "--no-config", "--pack", ROOT / "policies" / "supervision").stdout
    assert text.startswith("balance.veto — ") and "veto" in text


def test_explain_an_unknown_rule_exits_2_and_points_to_a_pack_that_has_it(tmp_path, monkeypatch):
    res = run(explain_app, "preschool.gross-enrolmen", "--no-config")
    assert res.exit_code == USAGE_ERROR and "did you mean 'preschool.gross-enrolment'" in res.stderr
    # A rule that only an available (not loaded) pack defines: the message says which --pack to add.
    import checker.packs as packs_mod

    prov = tmp_path / "provinces"
    prov.mkdir()
    (prov / "x.yaml").write_text(textwrap.dedent("""\
        pack: {id: province.x, version: "1.0.0"}
        rules:
          - id: x.only
            title: {zh: 只在这里}
            severity: info
            check: presence
            subject: {terms: [县管校聘]}
            examples:
              - {text: "深化县管校聘改革。", status: met}
        """), encoding="utf-8")
    # every folder under policies/ but national/ holds available packs: point policies/ at tmp_path
    monkeypatch.setattr(packs_mod.locations, "POLICIES_DIR", tmp_path)
    packs_mod.locations._available_ids.cache_clear()
    res = run(explain_app, "x.only", "--no-config")
    packs_mod.locations._available_ids.cache_clear()
    assert res.exit_code == USAGE_ERROR
    assert "which is not loaded; add --pack" in res.stderr and "x.yaml" in res.stderr


# ---------------------------------------------------------------- init-pack
def test_init_pack_creates_a_pack_that_validates_and_tests_as_generated(tmp_path):
    res = run(init_app, "county.demo", "--dir", tmp_path)
    assert res.exit_code == OK, res.output
    pack = tmp_path / "county.demo.yaml"
    sample = tmp_path / "county.demo-tests" / "sample-report.txt"
    assert pack.is_file() and sample.is_file()
    text = pack.read_text(encoding="utf-8")
    assert "rules:" in text and text.count("status:") >= 4 and "# " in text    # one commented rule, examples
    assert run(packs_app, "validate", pack).exit_code == OK
    tested = run(packs_app, "test", pack)
    assert tested.exit_code == OK, tested.output
    assert "5 passed, 0 failed" in tested.stdout                                  # 4 examples + 1 sample
    assert "sample-report.txt" in tested.stdout


def test_init_pack_never_overwrites_and_refuses_bad_names(tmp_path):
    assert run(init_app, "county.demo", "--dir", tmp_path).exit_code == OK
    before = (tmp_path / "county.demo.yaml").read_text(encoding="utf-8")
    again = run(init_app, "county.demo", "--dir", tmp_path)
    assert again.exit_code == USAGE_ERROR and "already exists" in again.stderr
    assert (tmp_path / "county.demo.yaml").read_text(encoding="utf-8") == before
    bad = run(init_app, "County Demo", "--dir", tmp_path)
    assert bad.exit_code == USAGE_ERROR and "cannot be a pack name" in bad.stderr
    assert run(init_app, "x.y", "--dir", tmp_path / "missing").exit_code == USAGE_ERROR


# ---------------------------------------------------------------- dispatch
@pytest.mark.parametrize("args,code,needle", [
    (["packs", "validate", str(SHANDONG)], OK, "are valid"),
    (["explain", "class-size.large", "--no-config", "--pack", str(SHANDONG)], OK, "每班学生数少于55人"),
])
def test_the_commands_are_reached_through_govedu_check(args, code, needle):
    proc = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert proc.returncode == code, proc.stderr
    assert needle in proc.stdout
