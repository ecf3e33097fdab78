"""Hostile configuration, waivers and context files (issue 18, items 10, 16)."""
from __future__ import annotations

import datetime as dt

import pytest

from .support import UNMET_LINE, checked, err_text, one_line_error, run_cli, statuses

WAIVER = """waivers:
  - rule: access.dropout-control
    reason: 县里另有安排
    approved_by: 县教育督导室
    expires: {expires}
"""


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(f"一、主要工作\n{UNMET_LINE}\n", encoding="utf-8")
    return path


def write(tmp_path, name: str, text, binary: bool = False):
    path = tmp_path / name
    if binary:
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- item 10
@pytest.mark.parametrize("text,words", [
    ("format: [json]\n", ["format", "['json']"]),
    ("lang: [zh]\n", ["lang"]),
    ("fail_under: 2024-02-30\n", ["日期不存在", ":1:"]),
    ("fail_under: 2023-13-01\n", ["日期不存在"]),
    ("fail_under: 0000-01-01\n", ["日期不存在"]),
    ("jobs: " + "9" * 5000 + "\n", ["整数位数过多", ":1:"]),
    ("fail_under: .nan\n", ["有限数"]),
])
def test_item10_bad_values_in_the_configuration(tmp_path, report, text, words):
    config = write(tmp_path, ".govedu-check.yaml", text)
    one_line_error(run_cli("--config", config, report), ".govedu-check.yaml", *words)


@pytest.mark.parametrize("text,words", [
    ("tool = 1\n", ["tool", "table"]),
    ("[[tool.govedu-check]]\nformat = \"json\"\n", ["[[tool.govedu-check]]"]),
    ("[tool]\ngovedu-check = 3\n", ["table"]),
])
def test_item10_item16_bad_toml_configuration(tmp_path, report, text, words):
    config = write(tmp_path, "pyproject.toml", text)
    one_line_error(run_cli("--config", config, report), "pyproject.toml", *words)


def test_item16_array_of_tables_is_found_and_refused_when_searching(tmp_path, report):
    write(tmp_path, "pyproject.toml", "[[tool.govedu-check]]\nformat = \"json\"\n")
    from .support import ROOT  # noqa: F401 - run from the report's folder, where the file is found
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "checker", str(report)], capture_output=True,
                          cwd=tmp_path, timeout=120, env={**__import__("os").environ,
                                                          "PYTHONPATH": str(ROOT)})
    one_line_error(proc, "[[tool.govedu-check]]")


@pytest.mark.parametrize("value,words", [("2024-02-30", ["日期不存在"]), ("2023-13-01", ["日期不存在"]),
                                         ("9" * 5000, ["整数位数过多"]), ("20991231", ["YYYY-MM-DD"]),
                                         (".nan", ["有限数"])])
def test_item10_item16_bad_waiver_dates(tmp_path, report, value, words):
    waivers = write(tmp_path, "waivers.yaml", WAIVER.format(expires=value))
    one_line_error(run_cli("--waivers", waivers, report), "waivers.yaml", *words)


@pytest.mark.parametrize("text,words", [
    ("eligible_teachers: " + "9" * 400 + "\n", ["整数位数过多"]),
    ("eligible_teachers: " + "9" * 5000 + "\n", ["整数位数过多"]),
    ("eligible_teachers: .nan\n", ["有限数"]),
    ("eligible_teachers: .inf\n", ["有限数"]),
    ("eligible_teachers: true\n", ["numbers"]),
    ("since: 2024-02-30\n", ["日期不存在"]),
])
def test_item10_item16_bad_context_values(tmp_path, report, text, words):
    context = write(tmp_path, "ctx.yaml", text)
    one_line_error(run_cli("--context", context, report), "ctx.yaml", *words)


def test_item10_context_file_not_utf8(tmp_path, report):
    context = write(tmp_path, "ctx.yaml", "合格教师: 1390\n".encode("gbk"), binary=True)
    one_line_error(run_cli("--context", context, report), "ctx.yaml", "UTF-8")


# ---------------------------------------------------------------- item 16
def test_item16_duplicate_keys_in_configuration_and_waivers(tmp_path, report):
    config = write(tmp_path, ".govedu-check.yaml", "format: json\nformat: terminal\n")
    one_line_error(run_cli("--config", config, report), ".govedu-check.yaml:2:", "duplicate key")
    waivers = write(tmp_path, "waivers.yaml", WAIVER.format(expires="2099-12-31") + "    reason: 又一个\n")
    one_line_error(run_cli("--waivers", waivers, report), "waivers.yaml:", "duplicate key")


def test_item16_waiver_expiry_uses_china_standard_time():
    """On the boundary day the answer does not depend on the machine's zone: 23:30 UTC on
    12-31 is already 01-01 in UTC+8, so a waiver expiring 12-31 has expired."""
    from checker.run import waivers

    assert waivers.WAIVER_TZ.utcoffset(None) == dt.timedelta(hours=8)
    before = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
    today = waivers.today_in_waiver_zone()
    after = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
    assert today in (before, after)                   # (equal unless run across midnight CST)
    expires = dt.date(2025, 12, 31)
    w = waivers.Waiver(rule="x", reason="r", approved_by="a", expires=expires, path=None, where="w:1",
                       base=__import__("pathlib").Path("."))
    assert not w.expired(expires) and w.expired(expires + dt.timedelta(days=1))


def test_item16_waiver_expiry_independent_of_tz_environment(tmp_path, report):
    """The same run under TZ=Pacific/Kiritimati (UTC+14) and TZ=Etc/GMT+12 (UTC−12) waives alike."""
    cst_today = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
    waivers = write(tmp_path, "waivers.yaml", WAIVER.format(expires=cst_today.isoformat()))
    results = []
    for tz in ("Pacific/Kiritimati", "Etc/GMT+12"):
        proc = run_cli("-f", "json", "--waivers", waivers, report, env={"TZ": tz})
        finding = [f for f in checked(proc)["reports"][0]["findings"] if f["rule"] == "access.dropout-control"][0]
        results.append((proc.returncode, bool(finding.get("waived"))))
    assert results[0] == results[1] and results[0][1] is True     # waived alike, whatever the zone


def test_item16_waiver_date_as_plain_number_is_refused(tmp_path, report):
    waivers = write(tmp_path, "waivers.yaml", WAIVER.format(expires="20991231"))
    line = one_line_error(run_cli("--waivers", waivers, report), "YYYY-MM-DD")
    assert "waivers.yaml:5:" in line
