"""The 督导 indicator kinds and packs (catalog v2): targets by stage, per-school standards, wrong bases.

Everything runs through real parts: packs written to a temporary folder are validated by the real
loader and tested by the real ``packs test`` command; county paragraphs go through the real
``check`` CLI with ``--pack policies/supervision/...`` and JSON output.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_support import ROOT, reuse_parsed_packs, run_cli  # noqa: F401
from checker.cli.exitcodes import OK, USAGE_ERROR
from checker.cli.packs import packs_app
from checker.evaluate import evaluate_rule, make_context
from checker.messages import _fmt
from checker.model import SourceText
from checker.packs import check_pack_file, load_packs
from checker.reading.normalize import normalize
from checker.reading.structure import structure

BALANCE = ROOT / "policies" / "supervision" / "balanced-compulsory.yaml"
PRESCHOOL = ROOT / "policies" / "supervision" / "preschool-universal.yaml"
NEW_KINDS = ("per100", "area", "money", "share", "coef", "staffing", "maximum", "per_unit", "frequency", "clock",
             "trend", "composite", "veto")

# A provincial office's own pack: one rule per new kind, nothing but YAML (the kinds are not told about it).
OWN_PACK = """\
pack: {id: city.own-indicators, version: "1.0.0"}
rules:
  - id: city.backbone-per100
    title: {zh: 每百名学生骨干教师数, en: Backbone teachers per 100 pupils}
    severity: warning
    check: per100
    subject: {terms: [骨干教师]}
    per100:
      comparator: ">="
      unit: 人/百名学生
      stages: [{stage: 小学, terms: [小学], value: 1.5}, {stage: 初中, terms: [初中], value: 1.8}]
      each_unit: true
    examples:
      - {text: "每百名学生拥有骨干教师数小学1.6人、初中1.9人，所有学校均达到。", status: met}
      - {text: "每百名学生拥有骨干教师数小学1.6人、初中1.9人。", status: unverified}
      - {text: "每百名学生拥有骨干教师数小学1.6人、初中1.7人。", status: unmet}
      - {text: "全市骨干教师860名。", status: unverified}
  - id: city.library-area
    title: {zh: 生均阅览室面积, en: Reading room area per pupil}
    severity: warning
    check: area
    subject: {terms: [阅览室面积, 阅览室]}
    area: {comparator: ">=", unit: 平方米/生, value: 0.3}
    examples:
      - {text: "生均阅览室面积0.35平方米。", status: met}
      - {text: "生均阅览室面积0.2平方米。", status: unmet}
      - {text: "新建阅览室1200平方米。", status: unverified}
  - id: city.public-funds
    title: {zh: 生均公用经费, en: Per-pupil public funds}
    severity: error
    check: money
    subject: {terms: [生均公用经费]}
    money:
      comparator: ">="
      unit: 元/生·年
      stages: [{stage: 小学, terms: [小学], value: 1150}, {stage: 初中, terms: [初中], value: 1350}]
    examples:
      - {text: "生均公用经费小学1200元、初中1400元。", status: met}
      - {text: "生均公用经费小学1000元、初中1400元。", status: unmet}
      - {text: "拨付生均公用经费1.2亿元。", status: unverified}
  - id: city.zone-share
    title: {zh: 就近入学比例, en: In-zone enrolment}
    severity: warning
    check: share
    subject: {terms: [就近入学比例]}
    share:
      comparator: ">="
      stages: [{stage: 小学, terms: [小学], value: 100}, {stage: 初中, terms: [初中], value: 98}]
    examples:
      - {text: "小学、初中就近入学比例分别为100%、99%。", status: met}
      - {text: "小学、初中就近入学比例分别为100%、97%。", status: unmet}
  - id: city.cv
    title: {zh: 差异系数, en: Coefficient of variation}
    severity: warning
    check: coef
    subject: {terms: [差异系数]}
    coef: {value: 0.4}
    examples:
      - {text: "差异系数0.31。", status: met}
      - {text: "差异系数0.43。", status: unmet}
  - id: city.teacher-child
    title: {zh: 师幼比, en: Teacher-child ratio}
    severity: warning
    check: staffing
    subject: {terms: [师幼比]}
    staffing: {value: 12}
    examples:
      - {text: "师幼比1∶11。", status: met}
      - {text: "师幼比1:13.5。", status: unmet}
  - id: city.class-size
    title: {zh: 班额, en: Class size}
    severity: error
    check: maximum
    subject: {terms: [班额, 班级]}
    maximum:
      unit: 人/班
      stages: [{stage: 小学, terms: [小学], value: 40}, {stage: 初中, terms: [初中], value: 45}]
      average_terms: [平均]
    examples:
      - {text: "所有班级小学不超过40人、初中不超过45人。", status: met}
      - {text: "小学最大班额44人，初中最大班额52人。", status: unmet}
      - {text: "小学平均班额38人。", status: unverified}
  - id: city.counsellor
    title: {zh: 每校心理辅导员, en: A counsellor in every school}
    severity: warning
    check: per_unit
    subject: {terms: [心理辅导员]}
    per_unit: {per: 校, unit: 名}
    examples:
      - {text: "每所学校配备1名心理辅导员。", status: met}
      - {text: "仍有3所学校未配备心理辅导员。", status: unmet}
      - {text: "招聘心理辅导员20名。", status: unverified}
  - id: city.reading
    title: {zh: 阅读课, en: Reading lessons}
    severity: info
    check: frequency
    subject: {terms: [阅读课]}
    frequency: {comparator: ">=", unit: 课时, period: 周, value: 2}
    examples:
      - {text: "阅读课每周2课时。", status: met}
      - {text: "阅读课每周1课时。", status: unmet}
  - id: city.arrival
    title: {zh: 到校时间, en: Arrival time}
    severity: warning
    check: clock
    subject: {terms: [到校时间]}
    clock: {comparator: ">=", value: "07:50"}
    examples:
      - {text: "到校时间为7:55。", status: met}
      - {text: "到校时间为7:30。", status: unmet}
  - id: city.spending-growth
    title: {zh: 教育投入增长, en: Education spending growth}
    severity: warning
    check: trend
    subject: {terms: [教育投入]}
    trend: {compare_terms: [一般公共预算收入]}
    examples:
      - {text: "教育投入增长9%，一般公共预算收入增长4%。", status: met}
      - {text: "教育投入增长2%，一般公共预算收入增长4%。", status: unmet}
      - {text: "教育投入增长9%。", status: unverified}
  - id: city.school-pass
    title: {zh: 办学条件达标, en: Schools pass the conditions}
    severity: warning
    check: composite
    subject: {terms: [办学条件]}
    composite: {items: 5, min_met: 4, floor: 90}
    examples:
      - {text: "所有学校办学条件均达标。", status: met}
      - {text: "仍有2所学校办学条件未达标。", status: unmet}
  - id: city.no-rankings
    title: {zh: 不排名, en: No rankings}
    severity: error
    check: veto
    subject: {terms: [排名, 考试排名, 分数排名]}
    veto:
      items:
        - {name: 考试排名, terms: [考试排名]}
        - {name: 按分数排名, terms: [分数排名]}
    examples:
      - {text: "严禁考试排名，不得公布分数排名。", status: met}
      - {text: "严禁考试排名。", status: unverified}
      - {text: "个别学校仍存在考试排名。", status: unmet}
"""


def pack_test(*paths):
    return CliRunner().invoke(packs_app, ["test", *map(str, paths)], catch_exceptions=False)


def test_a_pack_written_elsewhere_uses_every_new_kind_with_no_code(tmp_path):
    path = tmp_path / "own.yaml"
    path.write_text(OWN_PACK, encoding="utf-8")
    pack, problems = check_pack_file(str(path))
    assert problems == [], [p.render() for p in problems]
    assert {r.check for r in pack.rules} == set(NEW_KINDS)
    res = pack_test(path)
    assert res.exit_code == OK, res.output
    n = sum(len(r.examples) for r in pack.rules)
    assert f"{n} passed, 0 failed" in res.stdout


def test_a_new_kind_rule_without_a_line_is_one_clear_problem_with_its_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(OWN_PACK.replace("    area: {comparator: \">=\", unit: 平方米/生, value: 0.3}",
                                    "    area: {comparator: \">=\", unit: 平方米/生}"), encoding="utf-8")
    res = CliRunner().invoke(packs_app, ["validate", str(bad)], catch_exceptions=False)
    assert res.exit_code == USAGE_ERROR
    assert "city.library-area" in res.output and "area needs a line" in res.output
    assert f"{bad}:" in res.output and "Traceback" not in res.output


def test_the_supervision_packs_are_opt_in():
    default = {r.id for p in load_packs() for r in p.rules}
    assert "balance.class-size" not in default and "preschool.class-size" not in default
    assert "funding.three-increases" in default          # the national additions are built in
    loaded = {r.id for p in load_packs([str(BALANCE), str(PRESCHOOL)]) for r in p.rules}
    assert len(loaded - default) == 27


COUNTY = textwrap.dedent("""\
    某县2023年义务教育优质均衡发展督导评估自评报告

    一、资源配置
    每百名学生拥有高于规定学历教师数小学4.8人、初中5.6人，所有学校均达到国家标准。
    每百名学生拥有县级以上骨干教师数小学1.2人、初中1.4人。
    每百名学生拥有体育、艺术专任教师数小学0.8人、初中1.0人。
    生均教学及辅助用房面积小学5.1平方米、初中6.3平方米，各校均达标。
    新建校舍3.2万平方米，全县教学仪器设备值达到1.2亿元。
    资源配置校际差异系数小学0.386、初中0.412。
    全县骨干教师占专任教师总数的19%。
    二、政府保障
    所有班级学生数小学不超过45人，初中最大班额53人。
    城区和镇区公办小学、初中就近划片入学比例分别达100%、96%。
    坚持免试就近入学，严禁以考试方式招生，杜绝违规择校，不设重点校、重点班。
    """)


def check_json(tmp_path, text, *args, name="county.txt"):
    report = tmp_path / name
    report.write_text(text, encoding="utf-8")
    res = run_cli(report, "--pack", BALANCE, "--format", "json", "--no-config", *args)
    assert res.exit_code in (0, 1), res.output
    [rep] = json.loads(res.stdout)["reports"]
    return {f["rule"]: f for f in rep["findings"]}


def test_a_county_self_assessment_gets_the_right_verdict_per_indicator(tmp_path):
    got = check_json(tmp_path, COUNTY)
    expected = {
        "balance.resource.qualified-teachers-per100": "met",         # both stages, all schools
        "balance.resource.backbone-teachers-per100": "unverified",   # county figures only: 写明各校均达到
        "balance.resource.pe-art-teachers-per100": "unmet",          # 小学 0.8 < 0.9
        "balance.resource.teaching-space-per-pupil": "met",
        "balance.resource.equipment-value-per-pupil": "unverified",  # 1.2亿元 is a total
        "balance.inter-school-cv": "met",
        "balance.class-size": "unmet",                               # 初中 53 > 50
        "balance.nearby-enrolment": "met",
        "balance.veto": "met",
        "balance.social-recognition": "missing",
    }
    assert {k: got[k]["status"] for k in expected} == expected
    back = got["balance.resource.backbone-teachers-per100"]
    assert "各校均达到" in back["message"]
    eq = got["balance.resource.equipment-value-per-pupil"]
    assert "1.2亿元" in eq["message"] and "e+" not in eq["message"] and "总额" in eq["message"]
    assert "≤45 人/班（小学）、≤50 人/班（初中）" == got["balance.class-size"]["threshold"]


def test_the_per_school_standard_county_average_below_is_unmet_and_the_all_schools_claim_met(tmp_path):
    line = "每百名学生拥有县级以上骨干教师数小学{a}人、初中{b}人{tail}。"
    cases = [("1.2", "1.4", "", "unverified"), ("1.2", "1.4", "，校校达标", "met"),
             ("0.9", "1.4", "", "unmet"), ("0.9", "1.4", "，所有学校均达到", "unmet"),
             ("1.2", "", "", "unverified")]
    for a, b, tail, status in cases:
        text = line.format(a=a, b=b, tail=tail) if b else f"每百名学生拥有县级以上骨干教师数小学{a}人{tail}。"
        got = check_json(tmp_path, text)["balance.resource.backbone-teachers-per100"]
        assert got["status"] == status, (text, got["message"])


def test_the_largest_failing_figure_decides_an_upper_limit(tmp_path):
    got = check_json(tmp_path, "小学最大班额48人。\n初中最大班额58人。\n")["balance.class-size"]
    assert got["status"] == "unmet" and got["value"] == 58 and "58人" in got["message"] and "超过" in got["message"]


def test_a_wrong_quantity_is_never_compared(tmp_path):
    # a share of teachers is no count per 100 pupils; a total area is no per-pupil area
    got = check_json(tmp_path, "县级以上骨干教师占教师总数的18%。\n新建教学及辅助用房3万平方米。\n")
    assert got["balance.resource.backbone-teachers-per100"]["status"] == "unverified"
    assert got["balance.resource.teaching-space-per-pupil"]["status"] == "unverified"
    assert "总面积" in got["balance.resource.teaching-space-per-pupil"]["message"]


def test_money_read_as_written_and_by_date(tmp_path):
    assert _fmt(120000000.0, "元") == "1.2亿元" and _fmt(2380.0, "元") == "2380元"
    assert _fmt(500.0, "时刻") == "8:20" and _fmt(12.6, "比") == "1:12.6" and _fmt(1234567.0, "元") == "1234567元"
    rules = {r.id: r for p in load_packs() for r in p.rules}
    rule = rules["health.nutrition.meal-subsidy"]
    ctx = make_context([rule])

    def status(text, year):
        doc = structure(normalize(SourceText("r.txt", f"{year}年工作总结\n{text}\n", "utf-8")))
        return evaluate_rule(rule, doc, ctx).status

    assert status("落实每生每天4元营养膳食补助。", 2020) == "met"
    assert status("落实每生每天4元营养膳食补助。", 2021) == "met"        # the year straddles the step
    assert status("落实每生每天4元营养膳食补助。", 2022) == "unmet"
    assert status("发放营养膳食补助资金2100万元。", 2022) == "unverified"


NATIONAL_V2 = [ROOT / "policies" / "national" / f"{n}.yaml"
               for n in ("funding", "student-aid", "food-safety", "workforce", "wellbeing", "rule-of-law", "services")]


def test_the_catalog_v2_rules_are_all_there():
    ids = {r.id for path in [BALANCE, PRESCHOOL] + NATIONAL_V2 for r in check_pack_file(str(path))[0].rules}
    assert len(ids) == 60


@pytest.mark.parametrize("path", [BALANCE, PRESCHOOL] + NATIONAL_V2, ids=lambda p: p.stem)
def test_every_supervision_rule_has_eight_examples_a_source_and_chinese_suggestions(path):
    pack, problems = check_pack_file(str(path))
    assert problems == []
    for r in pack.rules:
        assert len(r.examples) >= 8, r.id
        assert {"met", "unmet", "unverified", "missing"} <= {e.status for e in r.examples}, r.id
        assert r.source.get("document") and "confirmed" in r.source, r.id
        assert r.suggestion_zh and r.suggestion_en, r.id
        if not r.source["confirmed"]:
            assert r.severity in ("warning", "info"), r.id     # decision 3


def test_a_line_that_is_not_a_number_or_a_time_is_a_problem_at_its_place_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(OWN_PACK.replace('clock: {comparator: ">=", value: "07:50"}', 'clock: {comparator: ">=", value: "7点半"}'),
                   encoding="utf-8")
    res = CliRunner().invoke(packs_app, ["validate", str(bad)], catch_exceptions=False)
    assert res.exit_code == USAGE_ERROR and "Traceback" not in res.output
    assert "clock value '7点半' is not a time of day" in res.output
    line = OWN_PACK.split("\n").index('    clock: {comparator: ">=", value: "07:50"}') + 1
    assert f"{bad}:{line}:" in res.output
    worse = tmp_path / "worse.yaml"
    worse.write_text(OWN_PACK.replace("value: 1150}", "value: 一千一百五十}"), encoding="utf-8")
    res = CliRunner().invoke(packs_app, ["validate", str(worse)], catch_exceptions=False)
    assert res.exit_code == USAGE_ERROR and ("should be a number" in res.output or "write a number" in res.output) and "Traceback" not in res.output


def test_a_trend_or_a_composite_reads_only_the_clauses_about_it(tmp_path):
    text = ("2023年工作总结\n教育财政拨款增长12%，高于财政经常性收入增长，学校生均能耗下降5%。\n"
            "资源配置7项指标校校达标，群众满意度76%。\n")
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    res = run_cli(report, "--pack", BALANCE, "--format", "json", "--no-config")
    got = {f["rule"]: f["status"] for f in json.loads(res.stdout)["reports"][0]["findings"]}
    assert got["funding.three-increases"] == "met"            # 能耗下降 is not the appropriations' trend
    assert got["balance.resource.school-pass"] == "met"       # 76% is a satisfaction rate, not a pass share


def test_a_hostile_sentence_of_thousands_of_staged_figures_costs_linear_time(tmp_path):
    # Stage binding, spans and items are bounded lookups: 150 KB in one sentence took over a minute
    # when each figure walked the whole sentence; it now takes seconds.
    import time

    text = "2023年工作总结\n每百名学生拥有县级以上骨干教师数" + "小学1.2人、初中0.4人、" * 5000 + "。\n"
    start = time.perf_counter()
    got = check_json(tmp_path, text)["balance.resource.backbone-teachers-per100"]
    assert time.perf_counter() - start < 60
    assert got["status"] == "unmet" and got["value"] == 0.4


def test_a_list_writing_its_unit_once_gives_each_number_the_unit():
    from checker.language.figures import quantities
    got = [(f.value, f.unit) for f in quantities("每百名学生拥有高于规定学历教师数小学4.6、初中5.5人")]
    assert got == [(4.6, "人"), (5.5, "人")]
    got = [(f.value, f.unit) for f in quantities("生均体育运动场馆面积小学、初中分别为8.1、11.6平方米")]
    assert got == [(8.1, "平方米"), (11.6, "平方米")]
    # a bare number not followed by a list mark keeps no unit
    assert [(f.value, f.unit) for f in quantities("小学4.6，初中5.5人")] == [(4.6, None), (5.5, "人")]


TABLE_REPORT = """XX区2023年义务教育优质均衡发展督导评估自评报告
一、资源配置
指标|标准|区值|达标校数
每百名学生拥有高于规定学历教师数|小学≥4.2人、初中≥5.3人|小学4.93人、初中5.87人|40/40
每百名学生拥有县级以上骨干教师数|≥1人|小学1.21人、初中1.09人|38/40
生均教学及辅助用房面积|小学≥4.5㎡、初中≥5.8㎡|小学5.64㎡、初中6.71㎡|40/40
生均体育运动场馆面积|小学≥7.5㎡、初中≥10.2㎡|小学8.92㎡、初中11.35㎡|36/40
"""


@pytest.mark.parametrize("layout", ["pipes", "markdown", "tabs", "cells", "cells-blank"])
def test_a_table_typed_as_text_is_read_a_row_a_sentence_with_its_passing_schools(tmp_path, layout):
    text = TABLE_REPORT
    if layout.startswith("cells"):
        # copied out of a PDF or a web page: one cell a line (after a blank line each, from a web page)
        head, table = text.split("一、资源配置\n")
        cells = [c for row in table.strip().split("\n") for c in row.split("|")]
        text = head + "一、资源配置\n" + ("\n\n" if layout == "cells-blank" else "\n").join(cells) + "\n"
    if layout == "markdown":
        lines = text.split("\n")
        lines = lines[:2] + ["| " + lines[2].replace("|", " | ") + " |", "|---|:---:|---|---|"] + [
            "| " + ln.replace("|", " | ") + " |" for ln in lines[3:] if ln] + [""]
        text = "\n".join(lines)
    elif layout == "tabs":
        text = text.replace("|", "\t")
    got = check_json(tmp_path, text)
    # the standard column is no county figure, and 40/40 schools is every school; 38/40 and 36/40 leave some out
    assert {r: got[r]["status"] for r in ("balance.resource.qualified-teachers-per100",
                                          "balance.resource.backbone-teachers-per100",
                                          "balance.resource.teaching-space-per-pupil",
                                          "balance.resource.sports-space-per-pupil")} == {
        "balance.resource.qualified-teachers-per100": "met", "balance.resource.backbone-teachers-per100": "unmet",
        "balance.resource.teaching-space-per-pupil": "met", "balance.resource.sports-space-per-pupil": "unmet"}
    # each row is its own line (rows of one length are no hard-wrapped paragraph), quoted as written
    space = got["balance.resource.sports-space-per-pupil"]["evidence"][0]
    assert space["line"] == {"markdown": 8, "cells": 19, "cells-blank": 35}.get(layout, 7)
    assert "36/40" in space["text"] and "生均教学及辅助用房面积" not in space["text"]
    assert "4个" in got["balance.resource.sports-space-per-pupil"]["message"]     # 40 - 36 schools


def test_a_text_table_maps_each_row_sentence_back_to_its_row():
    src = SourceText("t.txt", "标题\n指标|目标|完成\n护学岗设置率|100%|95%\n封闭化管理率|100%|100%\n后文。", "utf-8")
    norm = normalize(src)
    assert norm.text.split("\n")[1:3] == ["护学岗设置率完成95%,目标值100%。", "封闭化管理率完成100%,目标值100%。"]
    i = norm.text.index("护学岗")
    j = norm.text.index("。", i)
    assert norm.original_text(norm.original_offset(i), norm.original_offset(j) + 1) == "护学岗设置率|100%|95%"
    assert norm.text.endswith("后文。")
    # a line with one | in prose, or rows of different widths, are left as written
    for text in ("甲|乙\n丙。", "甲|乙|丙\n丁|戊\n"):
        assert normalize(SourceText("t.txt", text, "utf-8")).text == text


@pytest.mark.parametrize("table, rule, status", [
    # a table of other counties' figures, or of the province's and the country's, is none of ours
    ("县区|学前三年毛入园率|普惠性幼儿园覆盖率\n甲县|95.2%|91.0%\n乙县|93.1%|88.5%", "preschool.gross-enrolment", "unverified"),
    ("指标|全省平均|全国平均\n高中阶段毛入学率|93.6%|91.8%\n学前三年毛入园率|92.1%|91.1%", "high-school.gross-enrolment", "unverified"),
    # a column of what should be reached or is expected is a target, not a result
    ("指标|应达到|说明\n专职保安配备率|100%|逐步配齐\n封闭化管理率|100%|逐步完善", "safety.full-time-guard", "unverified"),
    # a county average and the schools that pass: 36/36 every school, 34/36 two short
    ("指标|县域均值|达标校数\n每百名学生拥有县级以上骨干教师数|1.2人|34/36\n每百名学生拥有体育艺术专任教师数|1.1人|36/36",
     "balance.resource.pe-art-teachers-per100", "met"),
    ("指标|县域均值|达标校数\n每百名学生拥有县级以上骨干教师数|1.2人|34/36\n每百名学生拥有体育艺术专任教师数|1.1人|36/36",
     "balance.resource.backbone-teachers-per100", "unmet"),
    # columns of years: each year's figure dated as prose is, so the report's year is the result even when a
    # later target column follows it, and an earlier year alone is no result
    ("指标|2022年|2023年|2025年\n学前三年毛入园率|86.5%|88.2%|92%\n高中阶段毛入学率|88%|93.5%|95%",
     "preschool.gross-enrolment", "unmet"),
    ("指标|2022年|2023年|2025年\n学前三年毛入园率|86.5%|88.2%|92%\n高中阶段毛入学率|88%|93.5%|95%",
     "high-school.gross-enrolment", "met"),
    ("指标|2021年|2022年|2025年目标\n学前三年毛入园率|86.5%|91.2%|95%", "preschool.gross-enrolment", "unverified"),
    # the unit written after the label, for the row's bare numbers
    ("指标|2022年|2023年|2025年目标\n学前三年毛入园率（%）|88.9|91.3|93.0\n公办园在园幼儿占比（%）|52.5|49.6|55.0",
     "preschool.gross-enrolment", "met"),
    ("指标|2022年|2023年|2025年目标\n学前三年毛入园率（%）|88.9|91.3|93.0\n公办园在园幼儿占比（%）|52.5|49.6|55.0",
     "preschool.public-share", "unmet"),
])
def test_a_text_table_says_whose_figures_and_which_column_is_the_result(tmp_path, table, rule, status):
    got = check_json(tmp_path, f"XX县教育局2023年工作总结\n一、主要工作\n主要指标：\n{table}\n")
    assert got[rule]["status"] == status, got[rule]["message"]
