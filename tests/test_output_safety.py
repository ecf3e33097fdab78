"""Output safety: report text is shown, never interpreted; input files are never written; the
``--output`` file appears whole or not at all.

A report comes from anyone, so its text (and its file name) may carry terminal markup
(``[bold red]…[/]``), ANSI escape sequences or HTML (``<script>``, ``<img onerror=…>``). The
terminal output must print them as text, the HTML report must escape them.
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.exitcodes import USAGE_ERROR

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

MARKUP = "[bold red]x[/]"
ANSI = "\x1b[31m红色\x1b[0m"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
ATTR = "\" onmouseover=\"alert(3)"
PAYLOADS = (MARKUP, ANSI, SCRIPT, IMG, ATTR)


def report_text(markup=MARKUP, ansi=ANSI, script=SCRIPT, img=IMG, attr=ATTR) -> str:
    """A short report whose title, and the sentences two met rules quote, carry the payloads.

    Each sentence stays under the terminal's 90-character quote, so all of it is shown.
    """
    return (f"某县教育局2023年工作总结{markup}{script}\n"
            "一、主要成效\n"
            f"全市中小学护学岗设置率100%，{markup}{script}{ansi}。\n"
            f"专职保安配备率100%，{img}{attr}。\n")


HOSTILE_REPORT = report_text()
# The same report with harmless text of the same shape in place of each payload.
BENIGN_REPORT = report_text(*("x" * len(p) for p in PAYLOADS))
# A file name can carry them too (any byte but "/" and NUL is allowed on POSIX).
HOSTILE_NAME = "report[bold red]\x1b[31mname.txt"


def run_cli(*args, env=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "checker", "--no-config", *map(str, args)],
                          capture_output=True, cwd=ROOT, timeout=600, env=env)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc


def write_report(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path) -> Path:
    return write_report(tmp_path, HOSTILE_NAME, HOSTILE_REPORT)


def test_the_payload_reaches_the_output(hostile):
    # The tests below are only worth something if the hostile text is what the report quotes.
    out = json.loads(run_cli("--format", "json", hostile).stdout)
    [report] = out["reports"]
    quoted = [e["text"] for f in report["findings"] for e in f["evidence"]]
    for payload in PAYLOADS:
        assert any(payload in q for q in quoted), payload
    assert MARKUP in report["title"] and SCRIPT in report["title"]
    # The name is reported in its one safe form (checker/reading/names.py): ESC as "\x1b".
    from checker.reading.names import display_path

    assert report["path"] == display_path(str(hostile)) == str(hostile).replace("\x1b", "\\x1b")


# ---------------------------------------------------------------- terminal
def plain_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}


def test_terminal_prints_markup_and_escapes_literally(hostile):
    proc = run_cli("--format", "terminal", "--lang", "en", hostile, env=plain_env())
    out = proc.stdout.decode("utf-8")
    assert proc.returncode in (0, 1)
    assert "\x1b" not in out                    # no raw escape: nothing restyles the terminal
    assert "[bold red]" in out                  # markup printed as written, not applied
    assert "[31mname.txt" in out                # the file name's escape shown as text


def test_terminal_renderer_quotes_the_whole_payload_as_text(hostile):
    """In process, wide enough that no column folds the quoted sentence."""
    from checker.evaluate import make_context
    from checker.reading.load import load
    from checker.model import RunResult
    from checker.packs import all_rules, load_packs
    from checker.pipeline import analyse
    from checker.render import RenderOptions
    from checker.render.terminal import render

    packs = load_packs()
    rules = all_rules(packs)
    result = analyse(load(str(hostile)), rules, make_context(rules))
    out = render(RunResult((result,), (), tuple(packs)), RenderOptions(lang="en", width=1000))
    assert "\x1b" not in out
    for shown in (MARKUP, SCRIPT, IMG, ATTR, "[31m红色", "[0m"):
        assert shown in out, shown


# ---------------------------------------------------------------- HTML
class _Elements(HTMLParser):
    """Elements, attributes and script bodies of an HTML page, as a browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse_html(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser


def html_of(path: Path) -> str:
    proc = run_cli("--format", "html", path)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.decode("utf-8")


def test_html_report_shows_report_text_as_text(tmp_path, hostile):
    page = html_of(hostile)
    benign = parse_html(html_of(write_report(tmp_path, "benign.txt", BENIGN_REPORT)))
    hostile_page = parse_html(page)
    # The same elements as for a harmless report: the payload added no tag and no script.
    assert [tag for tag, _ in hostile_page.tags] == [tag for tag, _ in benign.tags]
    assert len(hostile_page.scripts) == len(benign.scripts)
    assert not any("alert(" in body for body in hostile_page.scripts)
    assert not any(name.startswith("on") for _, attrs in hostile_page.tags for name in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "\\u003cscript" in page


# ---------------------------------------------------------------- files
def test_input_files_are_never_written(tmp_path):
    paths = []
    for seed in SEEDS:
        copy = tmp_path / seed.name
        copy.write_bytes(seed.read_bytes())
        os.utime(copy, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        paths.append(copy)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    for fmt in ("json", "terminal"):
        assert run_cli("--format", fmt, "--output", tmp_path / f"out.{fmt}", *paths).returncode in (0, 1)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before
    assert sorted(os.listdir(tmp_path)) == sorted([p.name for p in paths] + ["out.json", "out.terminal"])


def test_output_into_a_missing_folder_is_a_clear_error(tmp_path):
    report = write_report(tmp_path, "r.txt", BENIGN_REPORT)
    target = tmp_path / "no-such-folder" / "out.json"
    proc = run_cli("--lang", "en", "--format", "json", "--output", target, report)
    assert proc.returncode == USAGE_ERROR
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"govedu-check: {target}: ")
    assert "does not exist" in lines[0]
    assert not target.parent.exists()


def test_output_is_written_whole_and_leaves_no_temporary_file(tmp_path):
    report = write_report(tmp_path, "r.txt", BENIGN_REPORT)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "result.json"
    target.write_text("old", encoding="utf-8")
    proc = run_cli("--format", "json", "--output", target, report)
    assert proc.returncode in (0, 1) and proc.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["path"] == str(report)
    assert os.listdir(out_dir) == ["result.json"]


def test_failed_rename_keeps_the_old_output_and_no_temporary_file(tmp_path, monkeypatch):
    """The last step of an atomic write fails (disk full, say): the old file stays as it was."""
    from checker.cli.check import check_app

    report = write_report(tmp_path, "r.txt", BENIGN_REPORT)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "result.json"
    target.write_text("old", encoding="utf-8")
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == target:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(check_app, ["--no-config", "--jobs", "1", "--format", "json", "--lang", "en",
                                            "--output", str(target), str(report)])
    assert result.exit_code == USAGE_ERROR
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"govedu-check: {target}: cannot write")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(out_dir) == ["result.json"]
