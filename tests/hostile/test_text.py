"""Hostile text: invisible characters, long sentences, huge lists (issue 18, items 3, 4, 5, 6)."""
from __future__ import annotations

from pathlib import Path

import pytest

from .support import ROOT, UNMET_LINE, checked, run_cli, statuses

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


# ---------------------------------------------------------------- item 3: structure
@pytest.mark.slow
@pytest.mark.parametrize("name,line,count", [("numbered-1.md", "1. 第{i}项工作按计划推进。", 40_000),
                                             ("yi.txt", "一、加强管理", 40_000)])
def test_item3_structure_is_near_linear(tmp_path, name, line, count):
    """A list numbering every item 1. (138 s, 3.1 GB for 1.2 MB before), 40,000 lines of 一、
    (119 s): sections stay bounded, the report is checked within the subprocess timeout."""
    path = tmp_path / name
    path.write_text("".join(line.format(i=i) + "\n" for i in range(count)) + UNMET_LINE + "\n",
                    encoding="utf-8")
    report = checked(run_cli("-f", "json", path, timeout=240))["reports"][0]
    assert statuses(report)["access.dropout-control"] == ("unmet", 80.0)


def test_item3_nesting_is_bounded_in_process():
    from checker.model import SourceText
    from checker.reading.normalize import normalize
    from checker.reading.structure import MAX_NESTING, structure

    doc = structure(normalize(SourceText(path="x", text="1. 加强管理。\n" * 3000, encoding="utf-8")))
    assert max(len(s.heading_path) for s in doc.sentences) <= MAX_NESTING


# ---------------------------------------------------------------- item 4: term matching
@pytest.mark.slow
def test_item4_long_sentence_of_repeated_figures(tmp_path):
    """`义务教育巩固率达到96%，` × 30,000 (660 KB; 14 s before, 4.5 MB over 300 s)."""
    path = tmp_path / "r.txt"
    path.write_text("义务教育巩固率达到96%，" * 30_000 + "\n", encoding="utf-8")
    report = checked(run_cli("-f", "json", path, timeout=240))["reports"][0]
    assert statuses(report)["access.dropout-control"][0] == "met"


def test_item4_find_in_a_window_matches_a_scan():
    from checker.language.terms import TermMatcher

    m = TermMatcher(["巩固率", "义务教育"])
    text = "义务教育巩固率达到96%，" * 200
    step = len("义务教育巩固率达到96%，")
    every = [i for i in range(len(text)) if text.startswith("巩固率", i)]
    for start, end in [(0, None), (5, 100), (step * 3 + 4, step * 3 + 7), (len(text) - 3, None)]:
        stop = len(text) if end is None else end
        expected = [i for i in every if start <= i and i + 3 <= stop]
        assert m.find(text, "巩固率", start, end) == expected
        assert m.find(text, "巩固率", start, end, limit=1) == expected[:1]


# ---------------------------------------------------------------- item 5: output size
@pytest.mark.slow
def test_item5_long_line_without_punctuation_gives_small_json(tmp_path):
    """A 5 MB line without punctuation gave 158 MB of JSON: quotes are cut at 600 characters."""
    import re

    from checker.evaluate import MAX_QUOTE

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    text = re.sub(r"[，。；、：！？,.;:!?\s“”（）()]", "", seeds[3].read_text(encoding="utf-8"))
    path = tmp_path / "r.txt"
    path.write_text((text * (5 * 2**20 // len(text.encode()) + 1))[: 5 * 2**20 // 3], encoding="utf-8")
    proc = run_cli("-f", "json", path, timeout=600)
    out = checked(proc)
    assert len(proc.stdout) < 1_000_000
    quotes = [e["text"] for f in out["reports"][0]["findings"] for e in f["evidence"]]
    assert quotes and all(len(q) <= MAX_QUOTE + 2 for q in quotes)
    assert any(q.endswith("…") for q in quotes)


# ---------------------------------------------------------------- item 12: escapes in outputs
HOSTILE = ("一、主要工作\n全县义务教育巩固率达到80%，\x1b[2J\x1b]8;;http://x\x07\x9b31m\u202eabc"
           "![pixel](http://track.example/p.png) [点我](javascript:alert(1)) @everyone @org/team。\n")


def test_item12_markdown_drops_escapes_images_links_and_mentions(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    proc = run_cli("-f", "markdown", path)
    md = proc.stdout.decode("utf-8")
    assert "巩固率" in md                                 # the evidence is there …
    for raw in ("\x1b", "\x9b", "\u202e", "\x07", "![pixel](", "](javascript:", "@everyone", "@org"):
        assert raw not in md, raw                         # … without anything that acts


def test_item12_terminal_strips_c1_and_bidi(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    out = run_cli(path).stdout.decode("utf-8")
    assert "巩固率" in out
    for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert raw not in out, raw


def test_item12_github_and_stderr_lines_cannot_be_injected_by_a_file_name(tmp_path):
    name = "a\n::error file=x::pwn\n::stop-commands::tok.txt"
    path = tmp_path / name
    path.write_text(HOSTILE, encoding="utf-8")
    proc = run_cli("-f", "github", path)
    lines = proc.stdout.decode("utf-8").splitlines() + proc.stderr.decode("utf-8").splitlines()
    assert not any(line.startswith(("::error file=x", "::stop-commands")) for line in lines)


def test_item12_csv_neutralises_formula_starts(tmp_path):
    import csv
    import io

    names = ["-2+3.txt", "＝cmd.txt", "＋1.txt", "－1.txt", "＠sum.txt", "=x.txt", "ok.txt"]
    for n in names:
        (tmp_path / n).write_text(HOSTILE, encoding="utf-8")
    proc = run_cli("-f", "csv", "--", *names, cwd=tmp_path)     # relative names, as a user types them
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8").lstrip("\ufeff"))))
    cells = {r["文件"].removeprefix("'"): r["文件"] for r in rows}     # one row per finding; 文件 = file
    assert set(cells) == set(names)
    for n in names[:-1]:
        assert cells[n].startswith("'"), cells[n]
    assert not cells["ok.txt"].startswith("'")
