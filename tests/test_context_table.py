"""--context as a CSV or XLSX table: each report of a batch checked with its own row's figures.

Three county reports each state a count of rotated teachers; the table gives each county its own
base (符合交流条件教师数), so the ratio rule computes a different share — and a different verdict —
for each. Run through the real CLI with real CSV (UTF-8, UTF-8 with BOM, GB18030) and XLSX files.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.run.config import ConfigError
from checker.run.context_table import read_table
from cli_support import reuse_parsed_packs, run_cli  # noqa: F401

RULE = "teacher.rotation.annual-rate"
# county → rotated teachers stated in its report
COUNTS = {"桓台县": 139, "高青县": 120, "沂源县": 30}
# county → eligible teachers in the table: 139/1390 = 10% met, 120/2000 = 6% unmet, 30/200 = 15% met
BASES = {"桓台县": 1390, "高青县": 2000, "沂源县": 200}
EXPECTED = {"桓台县": ("met", 10.0), "高青县": ("unmet", 6.0), "沂源县": ("met", 15.0)}


@pytest.fixture()
def folder(tmp_path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for county, n in COUNTS.items():
        (reports / f"{county}.txt").write_text(
            f"{county}教育和体育局2021年工作总结\n一、主要工作\n城乡交流轮岗教师{n}人。\n", encoding="utf-8")
    return reports


def rotation(stdout: str) -> dict:
    """county (file stem) → (status, value, message) of the ratio rule."""
    out = {}
    for r in json.loads(stdout)["reports"]:
        f = next(f for f in r["findings"] if f["rule"] == RULE)
        out[Path(r["path"]).stem] = (f["status"], f["value"], f["message"])
    return out


def check(folder: Path, context: Path, *extra):
    return run_cli(folder, "--context", context, "--format", "json", "--no-config", "--jobs", "1", *extra)


def assert_own_bases(result):
    assert result.exit_code in (0, 1), result.stderr
    got = rotation(result.stdout)
    for county, (status, value) in EXPECTED.items():
        # the share is the report's own count over its own row's base: 139/1390, 120/2000, 30/200
        assert got[county][:2] == (status, value), (county, got[county])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_by_county_gives_each_report_its_own_base(folder, tmp_path, encoding):
    table = tmp_path / "bases.csv"
    rows = ["县区,符合交流条件教师数"] + [f"{c},{n}" for c, n in BASES.items()]
    table.write_bytes("\r\n".join(rows).encode(encoding))
    assert_own_bases(check(folder, table))


def test_xlsx_by_file_gives_each_report_its_own_base(folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["文件", "eligible_teachers"])       # English context key as the header
    for county, n in BASES.items():
        ws.append([f"{county}.txt", n])
    table = tmp_path / "bases.xlsx"
    wb.save(table)
    assert_own_bases(check(folder, table))


def test_parallel_workers_use_each_reports_row(folder, tmp_path):
    table = tmp_path / "bases.csv"
    table.write_text("county,Number of teachers eligible for rotation\n"
                     + "".join(f"{c},{n}\n" for c, n in BASES.items()), encoding="utf-8")
    result = run_cli(folder, "--context", table, "--format", "json", "--no-config", "--jobs", "2")
    assert_own_bases(result)


def test_report_without_a_row_gets_no_figures_and_unmatched_rows_are_named(folder, tmp_path):
    table = tmp_path / "bases.csv"
    table.write_text("县区,符合交流条件教师数,在校生数\n桓台县,1390,50000\n博山区,500,\n", encoding="utf-8")
    result = check(folder, table)
    assert result.exit_code in (0, 1), result.stderr
    got = rotation(result.stdout)
    assert got["桓台县"][:2] == ("met", 10.0)
    # No row: the count stays a bare count — never computed against another county's base.
    assert got["高青县"][:2] == ("unverified", 120.0) and got["沂源县"][:2] == ("unverified", 30.0)
    assert "第3行 博山区" in result.stderr and "rows matching no report" in result.stderr
    assert "在校生数" in result.stderr and "no rule reads these columns" in result.stderr
    unmatched = next(line for line in result.stderr.splitlines() if "rows matching no report" in line)
    assert "桓台县" not in unmatched.split("rows matching no report")[1]
    warnings = json.loads(result.stdout)["warnings"]           # in the JSON document too
    assert any("第3行 博山区" in w for w in warnings) and any("在校生数" in w for w in warnings)


def test_html_output_carries_the_table_warning(folder, tmp_path):
    table = tmp_path / "bases.csv"
    table.write_text("县区,符合交流条件教师数\n博山区,500\n", encoding="utf-8")
    out = tmp_path / "out.html"
    result = run_cli(folder, "--context", table, "--format", "html", "-o", out, "--no-config", "--jobs", "1")
    assert result.exit_code in (0, 1)
    assert "博山区" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("content, words", [
    ("名称,符合交流条件教师数\n桓台县,1390\n", "文件"),                  # no key column
    ("县区,符合交流条件教师数\n桓台县,1390\n桓台县,1400\n", "第3行"),      # a county twice
    ("县区,符合交流条件教师数\n桓台县,很多\n", "第2行"),                  # not a number
    ("县区,符合交流条件教师数\n桓台县,nan\n", "第2行"),
    ("县区,符合交流条件教师数\n桓台县,1e400\n", "第2行"),
    ("县区,符合交流条件教师数\n桓台县,-5\n", "第2行"),
    ("", "空"),
])
def test_bad_table_is_one_line_exit_2(folder, tmp_path, content, words):
    table = tmp_path / "bad.csv"
    table.write_text(content, encoding="utf-8")
    result = check(folder, table)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(table) in lines[0] and words in lines[0]
    assert "Traceback" not in result.stderr
    with pytest.raises(ConfigError):
        read_table(table)


def test_not_a_workbook_is_one_line_exit_2(folder, tmp_path):
    table = tmp_path / "bad.xlsx"
    table.write_bytes(b"this is not a zip file")
    result = check(folder, table)
    assert result.exit_code == 2 and "bad.xlsx" in result.stderr and "Traceback" not in result.stderr


def test_input_table_is_not_modified(folder, tmp_path):
    table = tmp_path / "bases.csv"
    data = ("\ufeff县区,符合交流条件教师数\n" + "".join(f"{c},{n}\n" for c, n in BASES.items())).encode("utf-8")
    table.write_bytes(data)
    check(folder, table)
    assert table.read_bytes() == data


def test_diff_refuses_a_table_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from checker.cli.reports import diff_app

    plan = tmp_path / "plan.txt"
    summary = tmp_path / "summary.txt"
    plan.write_text("2024年工作要点\n一、重点任务\n年内完成教师交流轮岗500名以上。\n", encoding="utf-8")
    summary.write_text("2024年工作总结\n一、主要工作\n完成教师交流轮岗520名。\n", encoding="utf-8")
    table = tmp_path / "bases.csv"
    table.write_text("县区,符合交流条件教师数\n桓台县,1390\n", encoding="utf-8")
    result = CliRunner().invoke(diff_app, [str(plan), str(summary), "--context", str(table), "--no-config"])
    assert result.exit_code == 2 and "bases.csv" in result.output and "YAML" in result.output
