"""Hostile text: invisible characters, long sentences, huge lists (issue 18, items 3, 4, 5, 6)."""
from __future__ import annotations

import pytest  # noqa: F401

from .support import UNMET_LINE, checked, run_cli, statuses

# item 6: each invisible character, put inside the term and inside the figure.
INVISIBLE = {
    "zero-width space": "\u200b", "word joiner": "\u2060", "soft hyphen": "\u00ad",
    "ZWNJ": "\u200c", "ZWJ": "\u200d", "BOM": "\ufeff", "variation selector": "\ufe0f",
    "tag character": "\U000e0041", "LRM": "\u200e", "RLM": "\u200f", "ALM": "\u061c",
    "LRE": "\u202a", "RLE": "\u202b", "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e",
    "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069",
}


def test_item6_invisible_character_cannot_hide_an_unmet_figure(tmp_path):
    """Each character inside the term and inside the figure: still unmet 80%, and said so."""
    for i, (name, ch) in enumerate(sorted(INVISIBLE.items())):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"一、主要工作\n全县义务教育巩{ch}固率达到8{ch}0%。\n", encoding="utf-8")
    proc = run_cli("-f", "json", "-j", "1", tmp_path)
    assert proc.returncode == 1                       # the default gate fails on the unmet rules
    reports = checked(proc)["reports"]
    assert len(reports) == len(INVISIBLE)
    for (name, ch), report in zip(sorted(INVISIBLE.items()), reports):
        got = [f for f in report["findings"] if f["rule"] == "access.dropout-control"][0]
        assert (got["status"], got["value"]) == ("unmet", 80.0), name
        assert "不可见字符" in got["message"], name
        assert ch in got["evidence"][0]["text"], name      # evidence is quoted as written


def test_item6_figure_wrapped_in_rlo_is_read(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、主要工作\n全县义务教育巩固率达到\u202e80%\u202c。\n", encoding="utf-8")
    assert statuses(checked(run_cli("-f", "json", report))["reports"][0])["access.dropout-control"] \
        == ("unmet", 80.0)


def test_item6_plain_text_has_no_invisible_note(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(f"一、主要工作\n{UNMET_LINE}\n", encoding="utf-8")
    got = [f for f in checked(run_cli("-f", "json", report))["reports"][0]["findings"]
           if f["rule"] == "access.dropout-control"][0]
    assert got["status"] == "unmet" and "不可见字符" not in got["message"]
