"""What packs mean: extends and overrides, the rule in force, provenance, and the problems refused.

Real pack files are written to tmp_path and loaded with ``load_packs`` (the function ``check``
calls for ``--pack``) or run through the real ``check`` command; nothing is mocked except, where
said, a size limit made small so a test does not need a huge file.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checker.packs as packs_mod
from checker import __version__
from checker.cli.check import check_app
from checker.packs.testing import parse_sample, run_example
from checker.model import Example
from checker.packs import PackError, all_rules, load_packs

ROOT = Path(__file__).resolve().parents[1]
SHANDONG = ROOT / "policies" / "provinces" / "shandong.yaml"
SEED_004 = ROOT / "seeds" / "004_489d2595ade12a5d.txt"


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def rules_by_id(extra=()):
    return {r.id: r for r in all_rules(load_packs([str(e) for e in extra]))}


def check_json(*args) -> dict:
    res = CliRunner().invoke(check_app, ["--no-config", "--format", "json", *map(str, args)],
                             catch_exceptions=False)
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def finding(report: dict, rule: str) -> dict:
    return next(f for f in report["findings"] if f["rule"] == rule)


def pack_error(path) -> PackError:
    with pytest.raises(PackError) as info:
        load_packs([str(path)])
    return info.value


def points_at(err: PackError, path: Path, token: str) -> bool:
    """The error names ``path``, quotes its line as written and puts the column on ``token``."""
    line = path.read_text(encoding="utf-8").split("\n")[err.line - 1]
    return (err.path == str(path) and err.source_line == line
            and line[err.column - 1:].startswith(token))


# ---------------------------------------------------------------- extends / overrides
def test_an_override_replaces_the_parents_rule_and_records_who_set_it():
    national = rules_by_id()["preschool.gross-enrolment"]
    shandong = [r for r in all_rules(load_packs([str(SHANDONG)])) if r.id == "preschool.gross-enrolment"]
    assert len(shandong) == 1                                  # replaced, not duplicated
    rule = shandong[0]
    assert national.threshold_for(2020).value == 85 and rule.threshold_for(2020).value == 90
    assert rule.pack == "national.preschool"                   # still the parent's rule, in its category
    assert rule.set_by["threshold"] == "province.shandong"
    # the province's target is unconfirmed, so it lowers the severity too (never error unconfirmed)
    assert rule.set_by["severity"] == "province.shandong" and rule.severity == "warning"
    assert national.set_by["threshold"] == "national.preschool" and national.severity == "error"


def test_an_override_example_is_judged_by_the_overridden_rule():
    ex = Example(text="全县学前三年毛入园率为87%。", status="unmet", year=2020)
    national = rules_by_id()["preschool.gross-enrolment"]
    shandong = rules_by_id([SHANDONG])["preschool.gross-enrolment"]
    assert ex in shandong.examples
    assert run_example(shandong, 0, ex).actual == "unmet"
    assert run_example(national, 0, ex).actual == "met"        # so the example really tests the override


def test_the_provincial_pack_flips_verdicts_of_its_sample_report(tmp_path):
    sample = ROOT / "policies" / "provinces" / "shandong-tests" / "2020-county-summary.txt"
    report = tmp_path / "report.txt"
    report.write_text(parse_sample(str(sample), sample.read_text(encoding="utf-8")).text, encoding="utf-8")
    national = check_json(report)["reports"][0]
    shandong = check_json("--pack", SHANDONG, report)["reports"][0]
    for rule in ("preschool.gross-enrolment", "preschool.inclusive-coverage", "class-size.large"):
        assert finding(national, rule)["status"] == "met"
        assert finding(shandong, rule)["status"] == "unmet"


def test_the_provincial_pack_changes_the_targets_in_force_on_a_seed():
    national = check_json(SEED_004)["reports"][0]
    shandong = check_json("--pack", SHANDONG, SEED_004)["reports"][0]
    assert national["year"] == 2020
    assert finding(national, "preschool.gross-enrolment")["threshold"] == "≥85%"
    assert finding(shandong, "preschool.gross-enrolment")["threshold"] == "≥90%"
    assert finding(national, "preschool.inclusive-coverage")["threshold"] == "≥80%"
    assert finding(shandong, "preschool.inclusive-coverage")["threshold"] == "≥85%"
    assert finding(shandong, "class-size.large")["threshold"] == "<55 人"
    assert "province.shandong" in [p["id"] for p in check_json("--pack", SHANDONG, SEED_004)["packs"]]


CHILD = """
pack:
  id: county.child
  version: "1.0.0"
  extends: [{parent}]
overrides:
{overrides}
"""


def child(tmp_path, overrides: str, parent="national.safety", name="child.yaml", pack_id="county.child"):
    text = CHILD.format(parent=parent, overrides=textwrap.indent(textwrap.dedent(overrides).strip("\n"), "  "))
    return write(tmp_path, name, text.replace("county.child", pack_id))


def test_a_disabled_rule_is_not_checked(tmp_path):
    p = child(tmp_path, """
        - id: safety.drowning
          disabled: true
        """)
    assert "safety.drowning" not in rules_by_id([p])
    assert "safety.drowning" in rules_by_id()
    report = write(tmp_path, "r.txt", "严格落实防溺水责任制。\n")
    assert "safety.drowning" not in [f["rule"] for f in check_json("--pack", p, report)["reports"][0]["findings"]]


def test_added_terms_let_a_local_name_count_as_a_mention(tmp_path):
    p = child(tmp_path, """
        - id: safety.drowning
          add_terms: [九长制]
          examples:
            - {text: "全面推行九长制,守护学生平安。", status: met}
        """)
    report = write(tmp_path, "r.txt", "全面推行九长制,守护学生平安。\n")
    assert finding(check_json(report)["reports"][0], "safety.drowning")["status"] == "missing"
    assert finding(check_json("--pack", p, report)["reports"][0], "safety.drowning")["status"] == "met"
    assert rules_by_id([p])["safety.drowning"].set_by["terms"] == "county.child"


def test_a_severity_override_changes_the_gate(tmp_path):
    p = child(tmp_path, """
        - id: preschool.public-share
          severity: error
          weight: 3
        """, parent="national.preschool")
    rule = rules_by_id([p])["preschool.public-share"]
    assert (rule.severity, rule.weight) == ("error", 3.0)
    assert rule.examples == rules_by_id()["preschool.public-share"].examples   # nothing judged differently
    report = write(tmp_path, "r.txt", "公办园在园幼儿占比为40%。\n")
    run = lambda *a: CliRunner().invoke(check_app, ["--no-config", "--fail-on", "unmet",  # noqa: E731
                                                    *map(str, a), str(report)])
    assert run().exit_code == 0
    assert run("--pack", p).exit_code == 1


def test_a_grandchild_may_override_again_and_its_value_wins(tmp_path):
    county = write(tmp_path, "county.yaml", """
        pack:
          id: county.rizhao
          version: "1.0.0"
          extends: [province.shandong]
        overrides:
          - id: preschool.gross-enrolment
            threshold: {comparator: ">=", value: 95, unit: "%"}
            examples:
              - {text: "全县学前三年毛入园率为93%。", status: unmet, year: 2022}
        """)
    rule = rules_by_id([SHANDONG, county])["preschool.gross-enrolment"]
    assert rule.threshold_for(2022).value == 95
    assert rule.set_by["threshold"] == "county.rizhao"
    hist = packs_mod.override_history(load_packs([str(SHANDONG), str(county)]), "preschool.gross-enrolment")
    assert [(a.pack, a.field) for a in hist if a.field == "threshold"] == [
        ("province.shandong", "threshold"), ("county.rizhao", "threshold")]


def test_two_packs_that_do_not_extend_each_other_cannot_override_the_same_rule(tmp_path):
    a = child(tmp_path, """
        - id: preschool.public-share
          severity: error
        """, parent="national.preschool", name="a.yaml", pack_id="county.a")
    b = child(tmp_path, """
        - id: preschool.public-share
          severity: info
        """, parent="national.preschool", name="b.yaml", pack_id="county.b")
    with pytest.raises(PackError) as info:
        load_packs([str(a), str(b)])
    assert "also overridden by pack 'county.a'" in info.value.message
    assert points_at(info.value, b, "preschool.public-share")


def test_overriding_a_rule_of_a_pack_not_extended_is_refused_at_its_line(tmp_path):
    p = child(tmp_path, """
        - id: preschool.public-share
          severity: error
        """, parent="national.safety")
    err = pack_error(p)
    assert points_at(err, p, "preschool.public-share")
    assert "which this pack does not extend" in err.message
    assert "add 'national.preschool' to pack.extends" in err.hint


def test_a_new_rule_may_not_reuse_a_parents_id(tmp_path):
    p = write(tmp_path, "dup.yaml", """
        pack: {id: county.dup, version: "1.0.0", extends: [national.access]}
        rules:
          - id: class-size.large
            title: {zh: 大班额}
            severity: error
            check: presence
            subject: {terms: [大班额]}
            examples:
              - {text: "消除大班额。", status: met}
        """)
    err = pack_error(p)
    assert points_at(err, p, "class-size.large")
    assert "already defined in pack 'national.access'" in err.message and "overrides:" in err.hint


def test_extends_must_name_a_loaded_pack_and_says_where_an_available_one_is(tmp_path):
    p = write(tmp_path, "c.yaml", """
        pack: {id: county.c, version: "1.0.0", extends: [province.shandong]}
        overrides:
          - {id: preschool.public-share, severity: error}
        """)
    err = pack_error(p)
    assert err.message == "extends unknown pack 'province.shandong'"
    assert "add --pack" in err.hint and "shandong.yaml" in err.hint
    assert points_at(err, p, "province.shandong]")


def test_an_extends_cycle_is_refused(tmp_path):
    a = write(tmp_path, "a.yaml", """
        pack: {id: cyc.a, version: "1.0.0", extends: [cyc.b]}
        overrides: [{id: x, severity: info}]
        """)
    b = write(tmp_path, "b.yaml", """
        pack: {id: cyc.b, version: "1.0.0", extends: [cyc.a]}
        overrides: [{id: x, severity: info}]
        """)
    _, problems = packs_mod.load_all(packs_mod.gather_files([str(a), str(b)]))
    assert any("extends cycle" in p.message for p in problems)


def test_a_pack_needing_a_newer_checker_is_refused_with_both_versions(tmp_path):
    p = write(tmp_path, "new.yaml", """
        pack: {id: county.new, version: "1.0.0", requires: ">=99.0", extends: [national.safety]}
        overrides: [{id: safety.drowning, severity: error}]
        """)
    err = pack_error(p)
    assert err.message == f"pack needs govedu-check >=99.0; this is {__version__}"
    assert "upgrade govedu-check" in err.hint and err.line == 1
    ok = write(tmp_path, "old.yaml", """
        pack: {id: county.old, version: "1.0.0", requires: ">=0.1", extends: [national.safety]}
        overrides: [{id: safety.drowning, severity: error}]
        """)
    assert rules_by_id([ok])["safety.drowning"].severity == "error"


def test_the_same_file_given_twice_is_loaded_once():
    builtin = ROOT / "policies" / "national" / "preschool.yaml"
    assert len(all_rules(load_packs([str(builtin), str(SHANDONG), str(SHANDONG)]))) == len(all_rules(load_packs()))


# ---------------------------------------------------------------- problems of meaning
BASE_RULE = """
pack: {{id: county.t, version: "1.0.0"}}
rules:
  - id: county.t.rule
    title: {{zh: 测试}}
    severity: warning
    check: {check}
    subject: {{terms: [交流轮岗]}}
{extra}
    examples:
      - {{text: "全年交流轮岗教师120人。", status: met}}
"""


def rule_pack(tmp_path, check: str, extra: str) -> Path:
    return write(tmp_path, "t.yaml", BASE_RULE.format(check=check, extra=textwrap.indent(
        textwrap.dedent(extra).strip("\n"), "    ")))


@pytest.mark.parametrize("check,extra,message,line", [
    ("measure", "metric: {threshold: {comparator: '>=', value: 1, unit: 人}}",
     "metric is not used by a measure check", 8),
    ("elimination", "metric: {threshold: {comparator: '>=', value: 95, unit: '%'}}",
     "the threshold would never be used", 8),
    ("threshold", "metric:\n  threshold: {comparator: '>=', value: 100, unit: 人}\n  by_year:\n"
                  "    - {until: 2021, value: 100}\n    - {from: 2021, value: 120}",
     "by_year steps 1 and 2 cover the same year", 12),
    ("threshold", "metric: {threshold: {comparator: '>=', value: 100, unit: '  '}}",
     "the threshold has an empty unit", 8),
    ("ratio", "metric: {threshold: {comparator: '>=', value: 10, unit: '%'}}",
     "a ratio rule needs ratio.base_terms", 6),
])
def test_fields_that_would_be_silently_ignored_or_wrong_are_refused(tmp_path, check, extra, message, line):
    err = pack_error(rule_pack(tmp_path, check, extra))
    assert message in err.message
    assert err.line == line and err.hint


def test_an_override_that_changes_a_verdict_needs_examples_and_keeps_the_unit(tmp_path):
    no_examples = child(tmp_path, """
        - id: preschool.public-share
          threshold: {comparator: ">=", value: 60, unit: "%"}
        """, parent="national.preschool")
    err = pack_error(no_examples)
    assert "brings no examples" in err.message and points_at(err, no_examples, "threshold:")
    other_unit = child(tmp_path, """
        - id: preschool.public-share
          threshold: {comparator: ">=", value: 600, unit: 人}
          examples:
            - {text: "公办园在园幼儿占比为55%。", status: met}
        """, parent="national.preschool", name="u.yaml")
    err = pack_error(other_unit)
    assert "differs from the rule's unit '%'" in err.message and points_at(err, other_unit, "unit: 人")


def test_a_threshold_on_a_measure_rule_is_refused_in_an_override(tmp_path):
    p = child(tmp_path, """
        - id: safety.drowning
          threshold: {comparator: ">=", value: 1, unit: 次}
          examples:
            - {text: "开展防溺水教育。", status: met}
        """)
    assert "has no threshold to change" in pack_error(p).message


def test_yaml_that_would_silently_lose_a_value_is_refused(tmp_path):
    p = write(tmp_path, "d.yaml", """
        pack: {id: county.d, version: "1.0.0", extends: [national.safety]}
        overrides:
          - id: safety.drowning
            severity: error
            severity: info
        """)
    err = pack_error(p)
    assert err.message == "duplicate key 'severity' (first at line 4)" and points_at(err, p, "severity: info")


def test_python_tags_and_alias_bombs_are_refused(tmp_path):
    tag = write(tmp_path, "tag.yaml", "pack: !!python/object/apply:os.system ['echo hi']\n")
    assert "plain data" in pack_error(tag).message
    prev = ["a"] + [f"b{i}" for i in range(60)]
    bomb = "a: &a [x, x]\n" + "".join(f"b{i}: &b{i} [*{prev[i]}, *{prev[i]}]\n" for i in range(60))
    assert "aliases" in pack_error(write(tmp_path, "bomb.yaml", bomb)).message


def test_size_limits(tmp_path, monkeypatch):
    p = write(tmp_path, "two.yaml", BASE_RULE.format(check="presence", extra="") + """
  - id: county.t.other
    title: {zh: 另一条}
    severity: info
    check: presence
    subject: {terms: [县管校聘]}
    examples:
      - {text: "深化县管校聘改革。", status: met}
""")
    assert len(load_packs([str(p)], builtin=False)[0].rules) == 2
    monkeypatch.setattr(packs_mod.source, "MAX_RULES", 1)
    assert "the limit is 1" in pack_error(p).message
    monkeypatch.setattr(packs_mod.source, "MAX_PACK_BYTES", 100)
    assert "the limit is 100" in pack_error(p).message


# ---------------------------------------------------------------- local quotas
QUOTA = """
pack: {id: county.juxian, version: "1.0.0"}
rules:
  - id: juxian.rotation-quota
    title: {zh: 教师交流轮岗、支教顶岗人数, en: Teachers rotated}
    severity: warning
    check: threshold
    subject: {terms: [交流轮岗, 支教顶岗]}
    metric:
      threshold: {comparator: ">=", value: 500, unit: 人}
      by_year:
        - {from: 2020, until: 2020, value: 500}
        - {from: 2021, value: 600}
    examples:
      - {text: "全年完成教师交流轮岗520人。", status: met, year: 2020}
"""


@pytest.mark.parametrize("text,year,status", [
    ("全年完成教师交流轮岗、支教顶岗520人。", 2020, "met"),
    ("全年完成教师交流轮岗、支教顶岗420人。", 2020, "unmet"),
    ("全年完成教师交流轮岗、支教顶岗520人。", 2021, "unmet"),       # the 2021 quota is 600
    ("年内完成教师交流轮岗、支教顶岗500人以上。", 2020, "met"),
    ("年内完成教师交流轮岗、支教顶岗500名以上。", 2020, "met"),          # 名 and 人 both count people
])
def test_a_county_quota_compares_a_stated_count(tmp_path, text, year, status):
    p = write(tmp_path, "juxian.yaml", QUOTA)
    rule = rules_by_id([p])["juxian.rotation-quota"]
    kind = "plan" if "年内" in text else "summary"
    assert run_example(rule, 0, Example(text=text, status=status, kind=kind, year=year)).actual == status


def test_broad_sector_words_need_their_companions(tmp_path):
    # subject.broad marks sector words (特殊教育) that mention the target only beside broad_with words;
    # broad without broad_with, or a broad word that is no term, would be ignored: refused.
    p = tmp_path / "broad.yaml"
    p.write_text("""\
pack: {id: county.broad, version: "1.0.0"}
rules:
  - id: county.broad-rule
    title: {zh: 宽词}
    severity: info
    check: presence
    subject: {terms: [送教上门, 特殊教育], broad: [特殊教育, 特教]}
    examples:
      - {text: "开展送教上门。", status: met}
""", encoding="utf-8")
    from checker.packs import check_pack_file

    _, problems = check_pack_file(str(p))
    messages = [e.message for e in problems]
    assert any("subject.broad needs subject.broad_with" in m for m in messages)
    assert any("'特教' is not one of subject.terms" in m for m in messages)
