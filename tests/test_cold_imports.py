"""What a cold check of a plain-text report does not import (docs/performance.md, cold start).

Each module here was measured to cost start-up time and is needed only by some runs: the
container readers (zipfile and ElementTree for .docx, html.parser for .html) only for their
formats, concurrent.futures only when a pool of workers runs, pydantic never on the usual
command line (cli/quickparams.py). A .docx and an .html report still read as before.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_fe85392cbbe105c4.txt"


def _imports(argv: list[str], cwd: Path) -> tuple[int, list[str], str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, cwd=cwd,
                          timeout=300)
    names = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return proc.returncode, names, proc.stderr


def imported_by(args: list[str], cwd: Path) -> list[str]:
    """Modules the checker imports, less those the interpreter itself imports at start-up here
    (a site-packages .pth file may import zipfile before any code of ours runs).

    The caches are made first by a run of the same command, as after installing: a run that finds
    no loaded packs for this code (the first after an upgrade) validates the YAML with
    jsonschema, whose importlib.metadata imports zipfile — a cost of that one run."""
    subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, cwd=cwd, timeout=300)
    code, names, stderr = _imports(["-m", "checker", *args], cwd)
    assert code in (0, 1), stderr[-2000:]
    _, at_start, _ = _imports(["-c", "pass"], cwd)
    return [n for n in names if n not in set(at_start)]


def test_a_cold_text_check_imports_no_container_reader_pool_or_pydantic(tmp_path):
    imported = imported_by([str(SEED), "--format", "json", "--no-config", "-o", "out.json"], tmp_path)
    assert "checker.reading.load" in imported and "checker.reading.formats" in imported
    for unused in ("checker.reading.formats.docx", "checker.reading.formats.html", "checker.reading.formats.pdf",
                   "zipfile", "xml.etree.ElementTree", "html.parser", "concurrent.futures", "pydantic"):
        assert unused not in imported, unused
    assert (tmp_path / "out.json").stat().st_size > 1000


def test_an_html_report_still_imports_its_reader(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    (tmp_path / "r.html").write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                                     encoding="utf-8")
    imported = imported_by(["r.html", "--format", "json", "--no-config", "-o", "out.json"], tmp_path)
    assert "checker.reading.formats.html" in imported and "checker.reading.formats.docx" not in imported
    import json

    [report] = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"]
    assert report["path"] == "r.html" and any(f["status"] == "met" for f in report["findings"])


def test_declared_charset_is_still_part_of_the_formats_package():
    from checker.reading import formats
    from checker.reading.formats.html import declared_charset

    assert formats.declared_charset is declared_charset


def test_a_cold_check_skips_typer_rich_panels_and_the_hmm_yet_help_and_errors_stay_chinese(tmp_path):
    """typer's rich panels (help, usage errors) and jieba's HMM are imported only when used; the
    panels still get their Chinese titles when they are."""
    imported = imported_by([str(SEED), "--format", "json", "--no-config", "-o", "out.json"], tmp_path)
    assert "jieba" in imported
    for unused in ("typer.rich_utils", "jieba.finalseg"):
        assert unused not in imported, unused
    env = {**__import__("os").environ, "COLUMNS": "100"}
    shown = subprocess.run([sys.executable, "-m", "checker", "-h"], capture_output=True, text=True, env=env,
                           timeout=300)
    assert shown.returncode == 0 and "─ 参数 ─" in shown.stdout and "─ 选项 ─" in shown.stdout
    wrong = subprocess.run([sys.executable, "-m", "checker", "--no-such-option"], capture_output=True, text=True,
                           env=env, timeout=300)
    assert wrong.returncode == 2 and "─ 错误 ─" in wrong.stderr and "查看帮助" in wrong.stderr


def test_jieba_still_cuts_with_its_hmm_after_the_checker_imported_it(tmp_path):
    """In a fresh interpreter (another test may have imported the HMM already): the checker's
    jieba holds the stand-in, and a cut with the HMM still finds what only the HMM finds."""
    code = (
        "from checker.language.dictionary import import_jieba, _HmmOnDemand\n"
        "jieba = import_jieba()\n"
        "assert isinstance(jieba.finalseg, _HmmOnDemand), type(jieba.finalseg)\n"
        "tok = jieba.Tokenizer()\n"
        f"tok.tmp_dir = {str(tmp_path)!r}\n"      # jieba's own cache file, not the shared /tmp one
        "words = list(tok.cut('他来到了网易杭研大厦', HMM=True))\n"   # 杭研 is found by the HMM only
        "assert '杭研' in words, words\n"
        "assert not isinstance(jieba.finalseg, _HmmOnDemand)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_a_cold_check_with_cached_packs_and_no_configuration_reads_no_yaml(tmp_path):
    """PyYAML (its import and its reader's regex, ~11 ms) only when a YAML file is read: here
    the packs come from the pack cache (a first run fills it) and there is no configuration."""
    args = [str(SEED), "--format", "json", "-o", "out.json"]
    imported_by(args, tmp_path)                          # fills the pack cache if it was empty
    assert "yaml" not in imported_by(args, tmp_path)
    (tmp_path / ".govedu-check.yaml").write_text("fail_under: 10\n", encoding="utf-8")
    assert "yaml" in imported_by(args, tmp_path)        # a configuration file is still read
