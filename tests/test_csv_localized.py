"""The CSV: one row per finding with the 明细 columns, Chinese by default, English with --lang en,
UTF-8 with a BOM, and no cell that a spreadsheet would run as a formula."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from checker.model import Evidence, InputError, RunResult
from checker.render import RenderOptions, renderer
from checker.render.columns import DETAIL_COLUMNS, FORMULA_START, county_of, text_cell
from cli_support import ROOT, reuse_parsed_packs, run_cli  # noqa: F401

SEED = ROOT / "seeds" / "000_fe85392cbbe105c4.txt"


@pytest.fixture(scope="module")
def seed_run():
    from checker.run.batch import check_all
    from checker.packs import all_rules, category_titles, load_packs

    packs = load_packs()
    rules = all_rules(packs)
    outcomes = check_all([str(SEED)], rules, {}, jobs=1)
    run = RunResult(tuple(outcomes), (), tuple(packs))
    return run, dict(categories=category_titles(packs), rules={r.id: r for r in rules})


def read(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_chinese_headers_and_statuses_by_default(seed_run):
    run, kw = seed_run
    rows = read(renderer("csv")(run, RenderOptions(lang="zh", **kw)))
    assert rows[0] == ["文件", "规则", "规则名称", "类别", "级别", "状态", "数值", "目标", "行号", "证据", "说明",
                       "修改建议", "依据", "未核实", "已豁免", "不适用"]
    statuses = {r[5] for r in rows[1:]}
    assert statuses <= {"达标", "未达标", "仅有计划", "未量化", "未提及"} and "达标" in statuses
    by_rule = {r[1]: r for r in rows[1:]}
    closed = by_rule["safety.closed-management"]
    from checker.i18n import SEVERITY

    assert closed[2] == "封闭化管理" and closed[3] == "校园安全"
    assert closed[4] == SEVERITY[kw["rules"]["safety.closed-management"].severity][0]
    # the document, and its 文号 only when the source is confirmed (issue 13)
    assert "中小学幼儿园安全防范建设三年行动计划" in closed[12] and "公通字〔2019〕27号" not in closed[12]
    assert closed[13] == "是"                        # its source is marked confirmed: false in the pack
    confirmed = by_rule["access.dropout-control"]    # confirmed: true
    assert confirmed[12] and confirmed[13] == ""


def test_english_with_lang_en(seed_run):
    run, kw = seed_run
    rows = read(renderer("csv")(run, RenderOptions(lang="en", **kw)))
    assert rows[0] == [c.en for c in DETAIL_COLUMNS]
    assert rows[0][:6] == ["File", "Rule", "Rule title", "Category", "Severity", "Status"]
    assert {r[5] for r in rows[1:]} <= {"met", "unmet", "planned", "unverified", "missing"}
    closed = next(r for r in rows[1:] if r[1] == "safety.closed-management")
    assert closed[2] == "Closed campus management" and closed[13] == "yes"


def test_the_cli_writes_the_bom_and_lang(tmp_path):
    out = tmp_path / "out.csv"
    result = run_cli(SEED, "--format", "csv", "--lang", "en", "-o", out, "--no-config", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0] == "File"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "＝", "＋", "－", "＠", "\t"])
def test_every_formula_start_is_defused(seed_run, start):
    run, kw = seed_run
    report = run.reports[0]
    f = next(f for f in report.findings if f.evidence)
    hostile = start + "HYPERLINK(\"http://x\",\"点我\")"
    f2 = replace(f, evidence=(Evidence(1, hostile, "achieved"),), message_zh=hostile)
    r2 = replace(report, path=start + "cmd.txt", findings=(f2,))
    rows = read(renderer("csv")(RunResult((r2,), (InputError(start + "bad.txt", start + "x"),), run.packs),
                                RenderOptions(lang="zh", **kw)))
    finding_row, error_row = rows[1], rows[2]
    for cell in (finding_row[0], finding_row[9], finding_row[10], error_row[0], error_row[10]):
        assert cell.startswith("'" + start)
    for row in rows[1:]:
        assert not any(c.startswith(FORMULA_START) for c in row)


def test_text_cell_leaves_ordinary_text_alone():
    assert text_cell("全县学校100%") == "全县学校100%"
    assert text_cell("-5%") == "'-5%"
    assert text_cell("＝1+1") == "'＝1+1"


@pytest.mark.parametrize("title, county", [
    ("桓台县教育和体育局2021年工作情况报告", "桓台县"),
    ("山东省淄博市桓台县教育和体育局2021年工作总结", "桓台县"),
    ("济南市市中区教育和体育局2022年工作总结", "市中区"),
    ("峨边彝族自治县教育局2021年工作总结", "峨边彝族自治县"),
    ("关于莒县2021年教育工作情况的报告", "莒县"),
    ("淄博市教育局2020年工作要点", "淄博市"),
    ("市教育和体育局2023年工作总结及2024年工作安排", ""),
    ("全县教育系统2021年工作总结", ""),
    ("2021年工作总结", ""),
    ("教育工作情况汇报材料", ""),
])
def test_county_from_the_title(title, county):
    assert county_of(title) == county
