"""Hostile files and processes (issue 18, items 2, 9, 14): special files, size limit, symlinks
out of a folder, undecodable and multi-line file names, jieba's cache, SIGTERM."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .support import ROOT, UNMET_LINE, checked, err_text, one_line_error, run_cli, statuses

REPORT = f"一、主要工作\n{UNMET_LINE}\n"
FORMATS = ["terminal", "json", "sarif", "junit", "markdown", "github", "csv", "html"]


# ---------------------------------------------------------------- item 2: reads
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_item2_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "r.txt"
    os.mkfifo(fifo)
    one_line_error(run_cli(fifo, timeout=60), "r.txt", "不是普通文件", "FIFO")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_item2_device_and_a_symlink_to_it_are_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    one_line_error(run_cli("/dev/zero", timeout=60), "/dev/zero", "device")
    one_line_error(run_cli(link, timeout=60), "zero.txt", "device")


def test_item2_input_larger_than_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    one_line_error(run_cli("--max-input-size", "1KB", big), "big.txt", "大小上限", "--max-input-size")
    assert checked(run_cli("-f", "json", "--max-input-size", "1MB", big))["reports"]
    one_line_error(run_cli("--max-input-size", "lots", big), "--max-input-size")
    one_line_error(run_cli("--max-input-size", "1KB", "-", stdin=(REPORT * 100).encode()), "<stdin>", "大小上限")


def test_item2_max_input_size_in_the_configuration(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    (tmp_path / ".govedu-check.yaml").write_text("max_input_size: 1KB\n", encoding="utf-8")
    one_line_error(run_cli("--config", tmp_path / ".govedu-check.yaml", big), "big.txt", "大小上限")


def test_item2_growing_file_is_read_up_to_the_limit_only(tmp_path):
    """A writer keeps appending while the checker reads: it stops at the limit and says so."""
    path = tmp_path / "growing.txt"
    path.write_text(REPORT, encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys,time\nf=open(sys.argv[1],'a',encoding='utf-8')\n"
        "while True:\n f.write('加强校园安全管理。'*1000+'\\n'); f.flush(); time.sleep(0.001)\n"), str(path)])
    try:
        time.sleep(1.0)
        proc = run_cli("--max-input-size", "2MB", path, timeout=120)
    finally:
        writer.kill()
        writer.wait()
    err = err_text(proc)
    # Either it was read before reaching the limit, or it is refused as too large; never endless.
    assert proc.returncode in (0, 1, 2), err
    if proc.returncode == 2:
        assert "大小上限" in err


def test_item2_folder_run_skips_symlinks_leading_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("绝密标题\n" + REPORT, encoding="utf-8")
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "sub" / "out").symlink_to(outside, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "a.txt")          # inside the folder: followed
    if os.path.exists("/dev/zero"):
        (folder / "zero.txt").symlink_to("/dev/zero")
    proc = run_cli("-f", "json", folder, timeout=120)
    out = checked(proc)
    assert sorted(Path(r["path"]).name for r in out["reports"]) == ["a.txt", "inside.txt"]
    assert all("绝密" not in r["title"] for r in out["reports"])
    # skipped and said so, as excluded files are (not an error of the run)
    err = err_text(proc)
    assert "已跳过" in err and "secret.txt" in err and "out" in err


# ---------------------------------------------------------------- item 9: file names
def _odd_names(folder: Path) -> list[bytes]:
    names = [b"\xb1\xa8\xb8\xe6.txt",                       # 报告 in GBK, from a Windows zip
             b"evil\n::error file=x::pwn\n::stop-commands::tok.txt"]
    for name in names:
        with open(os.fsencode(folder) + b"/" + name, "w", encoding="utf-8") as fh:
            fh.write(REPORT)
    return names


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
@pytest.mark.parametrize("fmt", FORMATS)
def test_item9_undecodable_and_multiline_names_in_every_format(tmp_path, fmt):
    _odd_names(tmp_path)
    out = tmp_path / f"out.{fmt}"
    proc = run_cli("-f", fmt, "-o", out, tmp_path, timeout=120)
    err = err_text(proc)
    assert proc.returncode == 1, err                        # both checked; the gate fails on unmet
    for line in err.splitlines():                           # no GitHub command smuggled onto stderr
        assert not line.startswith("::"), line
    text = out.read_text(encoding="utf-8")                  # the whole output, valid UTF-8
    assert "\\xb1\\xa8\\xb8\\xe6.txt" in text or "%5Cxb1" in text or "\\\\xb1" in text
    if fmt in ("json", "sarif"):
        json.loads(text)                                    # complete, not half-written
    if fmt == "github":
        assert all(line.startswith("::") for line in text.splitlines() if line)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_item9_undecodable_names_in_diff_and_follow_through(tmp_path):
    gbk = os.fsdecode(os.fsencode(tmp_path) + b"/" + _odd_names(tmp_path)[0])
    for command in ("diff", "follow-through"):
        for fmt in ("terminal", "json"):
            proc = subprocess.run([sys.executable, "-m", "checker", command, gbk, gbk, "-f", fmt],
                                  capture_output=True, cwd=ROOT, timeout=120)
            err = err_text(proc)
            assert proc.returncode in (0, 1), (command, fmt, err)
            shown = proc.stdout.decode("utf-8") + err        # valid UTF-8 throughout
            assert "\\xb1\\xa8" in shown or "\\\\xb1\\\\xa8" in shown
            if fmt == "json":
                json.loads(proc.stdout)


# ---------------------------------------------------------------- item 14: jieba and signals
def test_item14_no_cache_folder_writes_and_reads_nothing_in_tmp(tmp_path):
    """Without a cache folder jieba's own /tmp cache is neither written nor read — a planted
    $TMPDIR/jieba.cache (here a file jieba cannot load) changes nothing."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    planted = tmpdir / "jieba.cache"
    planted.write_bytes(b"\x00planted, not a marshal dump")
    os.utime(planted, (time.time() + 3600, time.time() + 3600))   # newer than jieba's dict.txt
    report = tmp_path / "r.txt"
    report.write_text(REPORT + "教师资格证持证上岗率100%。\n", encoding="utf-8")
    env = {"GOVEDU_CHECK_NO_CACHE": "1", "TMPDIR": str(tmpdir), "TMP": str(tmpdir), "TEMP": str(tmpdir)}
    proc = run_cli("-f", "json", report, env=env, timeout=180)
    assert statuses(checked(proc)["reports"][0])["access.dropout-control"] == ("unmet", 80.0)
    assert sorted(p.name for p in tmpdir.iterdir()) == ["jieba.cache"]    # nothing new written
    assert planted.read_bytes().startswith(b"\x00planted")


def test_item14_stale_temporary_files_of_a_killed_build_are_removed(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    stale = cache / ".jieba-prefix-killed"
    stale.write_bytes(b"x" * 1000)
    old = time.time() - 3 * 3600
    os.utime(stale, (old, old))
    fresh = cache / ".jieba-prefix-building"          # another run may be writing this one now
    fresh.write_bytes(b"y")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    checked(run_cli("-f", "json", report, env={"GOVEDU_CHECK_CACHE_DIR": str(cache)}, timeout=180))
    assert not stale.exists() and fresh.exists()
    assert list(cache.glob("jieba-prefix-*.bin"))      # the real cache was built


def test_item14_relative_xdg_cache_home_is_ignored(tmp_path):
    from checker.cache import cache_dir

    old = dict(os.environ)
    try:
        os.environ.pop("GOVEDU_CHECK_CACHE_DIR", None)
        os.environ.pop("GOVEDU_CHECK_NO_CACHE", None)
        os.environ["XDG_CACHE_HOME"] = "relative/cache"
        got = cache_dir()
        os.environ["XDG_CACHE_HOME"] = str(tmp_path)
        absolute = cache_dir()
    finally:
        os.environ.clear()
        os.environ.update(old)
    if sys.platform.startswith("linux"):
        assert got is not None and got.is_absolute() and "relative" not in str(got)
        assert absolute == tmp_path / "govedu-check"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_item14_sigterm_leaves_no_temporary_output_and_no_workers(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(600):
        (folder / f"r{i:04d}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    out = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "checker", "--no-config", "-j", "2", "-f", "json",
                             "-o", str(out), str(folder)], cwd=ROOT, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)
    deadline = time.time() + 120
    workers: set[int] = set()
    while time.time() < deadline and proc.poll() is None:
        workers |= _children(proc.pid)
        if workers and list(tmp_path.glob(".out.json.*")):
            break
        time.sleep(0.2)
    if proc.poll() is not None:
        pytest.skip("the run ended before it could be interrupted")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err, err.decode("utf-8", "replace")
    assert proc.returncode == 128 + signal.SIGTERM
    assert not list(tmp_path.glob(".out.json.*"))
    time.sleep(1.0)
    assert not [pid for pid in workers if _alive(pid)]


def _children(pid: int) -> set[int]:
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    except OSError:
        return set()
    return {int(x) for x in out.split()}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False
