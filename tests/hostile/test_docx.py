"""Hostile Word files (issue 18, items 1, 5, 11): bounded numbering, nesting, encodings, part size."""
from __future__ import annotations

import pytest

from .support import UNMET_LINE, checked, make_docx, numbering, one_line_error, para, run_cli, statuses


@pytest.mark.parametrize("fmt,start", [("upperRoman", "1000000000000"), ("lowerLetter", "1000000000"),
                                       ("decimal", "99999999999999999999999999"), ("upperLetter", "-5")])
def test_item1_huge_list_start_is_clamped(tmp_path, fmt, start):
    """Roman from 10¹², letters from 10⁹ (213 s, 24 GB before): read at once, verdict kept."""
    path = make_docx(tmp_path / "r.docx",
                     para("主要工作", "1") * 200 + para(UNMET_LINE, "1"), numbering(fmt, start))
    proc = run_cli("-f", "json", path, timeout=120)
    assert statuses(checked(proc)["reports"][0])["access.dropout-control"] == ("unmet", 80.0)


@pytest.mark.parametrize("attr", ['w:ilvl="x"', 'w:ilvl="-3"', 'w:ilvl="99999999999"'])
def test_item11_bad_numbering_attributes_are_ignored(tmp_path, attr):
    num = (f'<w:abstractNum w:abstractNumId="0"><w:lvl {attr}><w:start w:val="one"/>'
           '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/>'
           '<w:lvlOverride w:ilvl="zz"><w:startOverride w:val="1e9"/></w:lvlOverride></w:num>')
    body = (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="?"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f'<w:r><w:t>一、主要工作</w:t></w:r></w:p>' + para(UNMET_LINE))
    proc = run_cli("-f", "json", make_docx(tmp_path / "r.docx", body, num))
    assert statuses(checked(proc)["reports"][0])["access.dropout-control"] == ("unmet", 80.0)


@pytest.mark.parametrize("wrapper", ["sdt", "tbl"])
def test_item11_two_thousand_nested_containers(tmp_path, wrapper):
    depth = 2000
    if wrapper == "sdt":
        opened, closed = "<w:sdt><w:sdtContent>" * depth, "</w:sdtContent></w:sdt>" * depth
    else:
        opened, closed = "<w:tbl><w:tr><w:tc>" * depth, "</w:tc></w:tr></w:tbl>" * depth
    body = para("一、主要工作") + opened + para(UNMET_LINE) + closed
    proc = run_cli("-f", "json", make_docx(tmp_path / "r.docx", body), timeout=120)
    report = checked(proc)["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)
    from checker.reading.load import load

    assert load(str(tmp_path / "r.docx")).text.count(UNMET_LINE) == 1   # read once, not once per level


def test_item11_xml_declared_gb18030_is_one_line(tmp_path):
    path = make_docx(tmp_path / "r.docx", para(UNMET_LINE),
                     declaration='<?xml version="1.0" encoding="GB18030"?>')
    one_line_error(run_cli(path), "r.docx", "document.xml")


@pytest.mark.slow
def test_item5_part_just_under_the_cap(tmp_path):
    """A small .docx whose document.xml unpacks to just under the per-part cap is read or
    refused within the budget (580 KB → 150 s and 2.5 GB before)."""
    from checker.reading.formats.docx import MAX_PART_BYTES

    unit = para("加强校园安全管理。")
    body = unit * ((MAX_PART_BYTES - 2000) // len(unit.encode()))
    path = make_docx(tmp_path / "r.docx", body)
    assert path.stat().st_size < 2_000_000
    proc = run_cli("-f", "json", path, timeout=300)
    err_ok = proc.returncode == 2 and "Traceback" not in proc.stderr.decode("utf-8", "replace")
    assert err_ok or checked(proc)["reports"]
