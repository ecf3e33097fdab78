"""--format xlsx: the workbook read back with openpyxl (sheets, headers, sort order, frozen panes,
filters, fills, comments, the formula guard), the command line (-o required on a terminal), and
LibreOffice's reading of it (``soffice --headless --convert-to csv``; skipped visibly without it)."""
from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
import zipfile
from dataclasses import replace

import pytest

openpyxl = pytest.importorskip("openpyxl")

from checker.model import Evidence, InputError, RunResult  # noqa: E402
from checker.render import RenderOptions, renderer  # noqa: E402
from checker.render.columns import DETAIL_COLUMNS  # noqa: E402
from checker.render.xlsx import FILL  # noqa: E402
from checker.score import counts  # noqa: E402
from cli_support import ROOT, copy_seeds, reuse_parsed_packs, run_cli  # noqa: E402,F401
from office_support import convert, soffice  # noqa: E402

LABEL = {"met": "达标", "unmet": "未达标", "planned": "仅有计划", "unverified": "未量化", "missing": "未提及"}


@pytest.fixture(scope="module")
def seeds_run():
    from checker.run.batch import check_all
    from checker.packs import all_rules, category_titles, load_packs

    packs = load_packs()
    rules = all_rules(packs)
    outcomes = check_all([str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))], rules, {}, jobs=1)
    run = RunResult(tuple(outcomes), (InputError("broken.docx", "broken.docx: not a valid .docx"),), tuple(packs))
    return run, dict(categories=category_titles(packs), rules={r.id: r for r in rules})


def book(run, kw, lang="zh"):
    data = renderer("xlsx")(run, RenderOptions(lang=lang, **kw))
    assert isinstance(data, bytes) and data.startswith(b"PK\x03\x04")
    return openpyxl.load_workbook(io.BytesIO(data)), data


def values(ws, row):
    return [c.value for c in ws[row]]


def test_three_sheets_with_frozen_headers_and_filters(seeds_run):
    run, kw = seeds_run
    wb, _ = book(run, kw)
    assert wb.sheetnames == ["汇总", "矩阵", "明细"]
    assert [wb[s].freeze_panes for s in wb.sheetnames] == ["A2", "C2", "A2"]
    for ws in wb:
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        assert all(ws.cell(1, c).font.b for c in range(1, ws.max_column + 1))
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
        assert all(6 <= w <= 60 for w in widths), widths


def test_summary_one_row_per_report_by_score(seeds_run):
    run, kw = seeds_run
    ws = book(run, kw)[0]["汇总"]
    header = values(ws, 1)
    cats = [kw["categories"][c.category][0] for c in run.reports[0].categories]
    assert header[:6] == ["文件", "标题", "县区", "年份", "类型", "得分"]
    assert set(cats) <= set(header[6:6 + len(cats)])
    assert header[-6:] == ["达标", "未达标", "仅有计划", "未量化", "未提及", "无法检查的原因"]
    rows = [values(ws, i) for i in range(2, ws.max_row + 1)]
    reports, errors = rows[:len(run.reports)], rows[len(run.reports):]
    scores = [r[5] for r in reports]
    assert scores == sorted(scores, reverse=True)
    by_path = {r.path: r for r in run.reports}
    assert {r[0] for r in reports} == set(by_path)
    for row in reports:
        report = by_path[row[0]]
        assert row[1] == report.title and row[3] == report.year and row[5] == pytest.approx(report.score)
        assert row[4] == {"summary": "总结", "plan": "计划", "mixed": "混合"}[report.kind]
        assert row[-6:-1] == list(counts(report.findings).values())
    hengtai = next(r for r in reports if r[0].endswith("000_fe85392cbbe105c4.txt"))
    assert hengtai[2] == "桓台县"
    assert errors == [["broken.docx"] + [None] * (len(header) - 2) + ["broken.docx: not a valid .docx"]]


def test_matrix_cells_are_coloured_statuses_with_a_comment(seeds_run):
    run, kw = seeds_run
    ws = book(run, kw)[0]["矩阵"]
    rules = list(kw["rules"].values())
    assert values(ws, 1) == ["文件", "得分"] + [r.title_zh for r in rules]
    assert ws.cell(1, 3).comment.text.startswith(rules[0].id)
    by_path = {r.path: r for r in run.reports}
    seen = set()
    for i in range(2, ws.max_row + 1):
        report = by_path[ws.cell(i, 1).value]
        findings = {f.rule: f for f in report.findings}
        for j, rule in enumerate(rules, start=3):
            f, cell = findings[rule.id], ws.cell(i, j)
            assert cell.value == LABEL[f.status]
            assert cell.fill.fgColor.rgb.endswith(FILL[f.status])
            assert f.message_zh in cell.comment.text
            if f.threshold:
                assert f"目标：{f.threshold}" in cell.comment.text
            if f.value is not None:
                assert cell.comment.text.startswith("数值：")
            seen.add(f.status)
    assert {"met", "missing", "unverified"} <= seen


def test_details_one_row_per_finding_with_numbers_as_numbers(seeds_run):
    run, kw = seeds_run
    ws = book(run, kw)[0]["明细"]
    assert values(ws, 1) == [c.zh for c in DETAIL_COLUMNS]
    findings = [(r, f) for r in run.reports for f in r.findings]
    assert ws.max_row == 1 + len(findings) + len(run.errors)
    col = {c.key: i for i, c in enumerate(DETAIL_COLUMNS)}
    for row_no, (report, f) in enumerate(findings, start=2):
        row = values(ws, row_no)
        assert (row[col["file"]], row[col["rule"]], row[col["status"]]) == (report.path, f.rule, LABEL[f.status])
        if f.value is not None:
            cell = ws.cell(row_no, col["value"] + 1)
            assert cell.value == pytest.approx(f.value) and cell.data_type == "n"
            if f.unit:
                assert f'"{f.unit}"' in cell.number_format
        if len(f.evidence) == 1:
            assert row[col["line"]] == f.evidence[0].line and row[col["evidence"]] == f.evidence[0].text
    assert values(ws, ws.max_row)[col["status"]] == "无法检查"
    # wrapped text gets a row tall enough for it: LibreOffice does not size rows when opening a file
    long = next(i for i, (_, f) in enumerate(findings, start=2) if len(f.evidence) >= 2)
    assert ws.row_dimensions[long].height >= 45


def test_printed_landscape_with_the_header_on_every_page(seeds_run):
    run, kw = seeds_run
    wb = book(run, kw)[0]
    for ws in wb:
        assert ws.page_setup.orientation == "landscape" and "1:$1" in str(ws.print_title_rows)
    assert wb["汇总"].sheet_properties.pageSetUpPr.fitToPage and wb["明细"].page_setup.fitToWidth == 1
    assert "A:$B" in str(wb["矩阵"].print_title_cols)      # the matrix runs across pages, files repeated


def test_english_workbook(seeds_run):
    run, kw = seeds_run
    wb = book(run, kw, lang="en")[0]
    assert wb.sheetnames == ["Summary", "Matrix", "Findings"]
    assert values(wb["Summary"], 1)[:6] == ["File", "Title", "County", "Year", "Kind", "Score"]
    assert values(wb["Findings"], 1) == [c.en for c in DETAIL_COLUMNS]
    statuses = {wb["Matrix"].cell(2, j).value for j in range(3, wb["Matrix"].max_column + 1)}
    assert statuses <= {"met", "unmet", "planned", "unverified", "missing"}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "＝", "＋", "－", "＠"])
def test_formula_text_is_a_quoted_string_cell(seeds_run, start):
    run, kw = seeds_run
    report = run.reports[0]
    f = next(f for f in report.findings if f.evidence)
    hostile = start + 'HYPERLINK("http://example.invalid","点我")'
    f2 = replace(f, evidence=(Evidence(1, hostile + "\x07", "achieved"),), message_zh=hostile)
    r2 = replace(report, path=start + "cmd.txt", title=hostile, findings=(f2,))
    wb = book(RunResult((r2,), (InputError("#N/A", "#N/A"),), run.packs), kw)[0]
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hits = [c for c in cells if c.value.startswith(start)]
    assert len(hits) >= 5          # path twice (summary, matrix) + details: path, evidence, message; title
    for c in hits:
        assert c.data_type == "s" and c.quotePrefix, (c.coordinate, c.value)
    assert any(c.value == hostile for c in hits)        # the control character is dropped, the text kept
    na = [c for c in cells if c.value == "#N/A"]
    assert na and all(c.data_type == "s" for c in na)   # text, not Excel's error value
    with zipfile.ZipFile(io.BytesIO(renderer("xlsx")(RunResult((r2,), (), run.packs), RenderOptions(**kw)))) as z:
        sheets = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets                          # no formula anywhere in the file


# ---------------------------------------------------------------- command line
def test_cli_writes_the_workbook_for_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_seeds(tmp_path / "reports")
    out = tmp_path / "督导汇总.xlsx"
    result = run_cli("reports", "--format", "xlsx", "-o", out, "--jobs", "1", "--exit-zero", "--no-config")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    wb = openpyxl.load_workbook(out)
    n_rules = wb["矩阵"].max_column - 2
    assert wb["汇总"].max_row == 6 and wb["矩阵"].max_row == 6 and wb["明细"].max_row == 1 + 5 * n_rules
    given = {f"reports/{p.name}" for p in (tmp_path / "reports").iterdir()}
    assert {wb["汇总"].cell(i, 1).value for i in range(2, 7)} == given
    assert oct(out.stat().st_mode & 0o777) != "0o600"   # shared like any file, not mkstemp's private mode


def test_cli_writes_bytes_to_a_pipe():
    result = run_cli(ROOT / "seeds" / "000_fe85392cbbe105c4.txt", "--format", "xlsx", "--no-config", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    assert openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).sheetnames == ["汇总", "矩阵", "明细"]


def test_cli_refuses_a_terminal_with_one_chinese_first_line(tmp_path):
    """A real pseudo-terminal as stdout: nothing binary reaches it, exit 2, one line on stderr."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "checker", str(ROOT / "seeds" / "000_fe85392cbbe105c4.txt"),
                               "--format", "xlsx", "--no-config"], stdout=slave, stderr=subprocess.PIPE,
                              cwd=tmp_path, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    finally:
        os.close(slave)
    try:
        printed = os.read(master, 65536)
    except OSError:
        printed = b""
    os.close(master)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8").strip().splitlines()
    assert len(err) == 1 and err[0].startswith("govedu-check: --format xlsx 生成二进制的 Excel 文件") and "-o" in err[0]
    assert b"PK" not in printed


# ---------------------------------------------------------------- LibreOffice
def test_libreoffice_reads_the_summary_sheet(seeds_run, tmp_path):
    binary = soffice("calc")
    run, kw = seeds_run
    src = tmp_path / "督导汇总.xlsx"
    src.write_bytes(renderer("xlsx")(run, RenderOptions(lang="zh", **kw)))
    # Filter options: comma-separated, '"' quotes, UTF-8 (76), first line 1; the first sheet.
    out = convert(binary, src, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "out", tmp_path / "profile")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:6] == ["文件", "标题", "县区", "年份", "类型", "得分"]
    ranked = sorted(run.reports, key=lambda r: (-r.score, r.path))
    assert [r[0] for r in rows[1:1 + len(ranked)]] == [r.path for r in ranked]
    assert [float(r[5]) for r in rows[1:1 + len(ranked)]] == pytest.approx([r.score for r in ranked], abs=0.05)


def test_waived_findings_are_marked(seeds_run):
    run, kw = seeds_run
    report = run.reports[0]
    f = next(f for f in report.findings if f.status == "missing")
    waived = replace(f, waived={"rule": f.rule, "reason": "省厅通知分步实施", "approved_by": "督导室"})
    r2 = replace(report, findings=tuple(waived if x is f else x for x in report.findings))
    wb = book(RunResult((r2,), (), run.packs), kw)[0]
    summary = wb["汇总"]
    assert values(summary, 1)[-1] == "已豁免" and values(summary, 2)[-1] == 1
    matrix = wb["矩阵"]
    col = values(matrix, 1).index(kw["rules"][f.rule].title_zh) + 1
    cell = matrix.cell(2, col)
    assert cell.value == "未提及（已豁免）" and "已豁免：省厅通知分步实施" in cell.comment.text
    details = wb["明细"]
    row = next(values(details, i) for i in range(2, details.max_row + 1) if details.cell(i, 2).value == f.rule)
    assert row[[c.key for c in DETAIL_COLUMNS].index("waived")] == "是"
