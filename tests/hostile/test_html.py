"""Hostile web pages (issue 18, items 5, 8, 11): attribute floods, lying and non-text charsets."""
from __future__ import annotations

import pytest

from .support import UNMET_LINE, checked, run_cli, statuses

BODY = f"<h2>一、主要工作</h2><p>{UNMET_LINE}</p>"


def page(charset: str, body: str = BODY) -> str:
    return f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r", "windows-1252", "iso-8859-5", "latin1", "mac-cyrillic"])
def test_item8_gbk_page_declaring_a_single_byte_charset_is_read_as_chinese(tmp_path, charset):
    path = tmp_path / "r.html"
    path.write_bytes(page(charset).encode("gbk"))
    report = checked(run_cli("-f", "json", path))["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)   # not mojibake, not missing


def test_item8_a_real_single_byte_page_keeps_its_charset(tmp_path):
    from checker.reading.load import load

    path = tmp_path / "ru.html"
    path.write_bytes(page("cp1251", "<p>Привет, мир</p>").encode("cp1251"))
    src = load(str(path))
    assert "Привет" in src.text and "cp1251" in src.encoding


@pytest.mark.parametrize("charset", ["rot13", "hex", "base64", "zlib", "uu", "bz2", "x-no-such"])
def test_item11_non_text_codecs_as_charset(tmp_path, charset):
    path = tmp_path / "r.html"
    path.write_bytes(page(charset).encode("utf-8"))
    report = checked(run_cli("-f", "json", path))["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)


def test_item5_attribute_flood_keeps_memory_bounded(tmp_path):
    """800,000 attributes in one tag (~5 MB; 30 MB took 5.9 GB before): read in bounded memory."""
    import resource

    from checker.reading.formats.html import MAX_TAG_CHARS

    path = tmp_path / "r.html"
    flood = "<p " + 'a="b" ' * 800_000 + 'class="nav">导航</p>'
    path.write_text(page("utf-8", "<h2>一、主要工作</h2>" + flood + f"<p {'x=y ' * 1000}>{UNMET_LINE}</p>"),
                    encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = checked(run_cli("-f", "json", path, timeout=300))["reports"][0]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)
    assert MAX_TAG_CHARS < 10_000
    # the flood is chrome (class="nav") and stays out; the text after it is read
    from checker.reading.load import load

    assert "导航" not in load(str(path)).text
    print(f"peak {peak_mb:.0f} MB (earlier children {before / 1024:.0f} MB)")
    assert peak_mb < 1500 or before / 1024 >= peak_mb - 1   # another child may have set the peak
