"""Hostile PDFs (issue 18, items 5, 11, 15): a shared ToUnicode map over 1,000 pages, a long
re-flow, a map to a lone surrogate, AES and owner-password-only encryption."""
from __future__ import annotations

import pytest

from .support import UNMET_LINE, checked, make_pdf, one_line_error, run_cli, statuses

pytest.importorskip("pypdf")
PAGE = ["一、主要工作", UNMET_LINE]


@pytest.mark.slow
def test_item5_thousand_pages_sharing_one_large_tounicode_map(tmp_path):
    """1,000 pages, one font, a ~330 KB ToUnicode map (180 s before): the map is parsed once."""
    path = make_pdf(tmp_path / "r.pdf", [PAGE] * 1000, filler_entries=20_000)
    assert path.stat().st_size > 300_000
    report = checked(run_cli("-f", "json", path, timeout=300))["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)


def test_item5_reflow_is_linear():
    """200,000 wrapped lines that make one paragraph: joined once, not copied per line."""
    from checker.reading.formats.pdf import reflow

    line = "加" * 40
    pages = ["\n".join([line] * 2000)] * 100
    text = reflow(pages)
    assert text == line * 200_000


def test_item11_map_to_a_lone_surrogate(tmp_path):
    code = sorted(set("".join(PAGE))).index("主") + 1            # 主 of 主要工作 maps to U+D800
    path = make_pdf(tmp_path / "r.pdf", [PAGE], cmap={code: "\ud800"})
    report = checked(run_cli("-f", "json", path))["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)
    from checker.reading.load import load

    assert "\ufffd要工作" in load(str(path)).text


def test_item15_aes_encrypted_pdf_with_empty_user_password_is_read(tmp_path):
    pytest.importorskip("cryptography")
    path = make_pdf(tmp_path / "r.pdf", [PAGE], encrypt=b"")
    report = checked(run_cli("-f", "json", path))["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)


def test_item15_password_to_open_is_one_line(tmp_path):
    pytest.importorskip("cryptography")
    path = make_pdf(tmp_path / "r.pdf", [PAGE], encrypt=b"secret")
    one_line_error(run_cli(path), "r.pdf", "密码", "password")


def test_item15_cryptography_is_in_the_pdf_extra():
    import tomllib
    from pathlib import Path

    from .support import ROOT

    extras = tomllib.loads(Path(ROOT, "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(d.startswith("cryptography") for d in extras["pdf"])
    assert any(d.startswith("cryptography") for d in extras["test"])
