"""Compiled regular expressions kept in the cache folder (checker/regexcache.py).

The real CLI in fresh processes with a real cache folder (tmp_path, through
GOVEDU_CHECK_CACHE_DIR). What the cache gives back must be the very pattern ``re.compile``
gives; a second run compiles nothing and writes nothing; a file that is not what the checker
wrote is ignored and written again; without a cache folder nothing is written; and the output
is the same either way.
"""
from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import _sre
import pytest
from array import array

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "002_cd53b06fa843de20.txt"


def _env(cache: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVEDU_CHECK_")}
    if cache is None:
        env["GOVEDU_CHECK_NO_CACHE"] = "1"
    else:
        env["GOVEDU_CHECK_CACHE_DIR"] = str(cache)
    return env


def check(cache: Path | None, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "checker", str(SEED), "--format", "json", "--no-config"],
                          capture_output=True, text=True, cwd=cwd, env=_env(cache), timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return proc.stdout


def regex_file(cache: Path) -> Path:
    files = list((cache / "regex").glob("*.marshal"))
    assert len(files) == 1, files
    return files[0]


TAG = "govedu-check regex 2"


def entries(path: Path) -> dict:
    tag, table = marshal.loads(path.read_bytes())
    assert tag == TAG
    return table


def rebuild(pattern: str, args: tuple) -> re.Pattern:
    """The pattern from a kept entry: its code is the bytes of an array of _sre.CODESIZE words."""
    flags, code, *rest = args
    assert isinstance(code, bytes)
    words = array(next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE))
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), *rest)


def test_kept_patterns_are_the_patterns_re_compile_gives(tmp_path):
    cache = tmp_path / "cache"
    without = check(None, tmp_path)
    first = check(cache, tmp_path)
    table = entries(regex_file(cache))
    assert len(table) >= 100                      # the checker's own patterns of a cold text check
    for (pattern, flags), args in table.items():
        rebuilt = rebuild(pattern, args)
        assert rebuilt == re.compile(pattern, flags), pattern
        assert (rebuilt.groups, rebuilt.groupindex) == (re.compile(pattern, flags).groups,
                                                        re.compile(pattern, flags).groupindex)
    assert any("\u4e00-\u9fff" in p for p, _ in table)        # the Han classes that cost the most
    second = check(cache, tmp_path)
    assert json.loads(first) == json.loads(second) == json.loads(without)
    assert first == second


def test_a_second_run_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    check(cache, tmp_path)
    path = regex_file(cache)
    before = (path.stat().st_mtime_ns, path.read_bytes())
    check(cache, tmp_path)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


@pytest.mark.parametrize("content", [
    b"not marshal at all \x00\xff",
    marshal.dumps(("some other tool", {})),
    marshal.dumps(["govedu-check regex 2"]),
    marshal.dumps(("govedu-check regex 1", {})),          # the format that kept codes as lists
])
def test_a_file_the_checker_did_not_write_is_ignored_and_replaced(tmp_path, content):
    cache = tmp_path / "cache"
    good = check(cache, tmp_path)
    path = regex_file(cache)
    path.write_bytes(content)
    assert check(cache, tmp_path) == good
    assert len(entries(path)) >= 100


def test_a_damaged_entry_is_compiled_again(tmp_path):
    cache = tmp_path / "cache"
    good = check(cache, tmp_path)
    path = regex_file(cache)
    table = entries(path)
    damaged = {key: ("not", "arguments") if i % 3 == 0 else (args[0], b"\x0f\x27\x00\x00" * 3, *args[2:])
               if i % 3 == 1 else (args[0], list(args[1]), *args[2:])
               for i, (key, args) in enumerate(table.items())}
    path.write_bytes(marshal.dumps((TAG, damaged)))
    assert check(cache, tmp_path) == good
    repaired = entries(path)
    assert repaired.keys() == table.keys()
    assert all(rebuild(p, args) == re.compile(p, f) for (p, f), args in repaired.items())


def test_no_cache_folder_no_file(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = _env(None)
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    proc = subprocess.run([sys.executable, "-m", "checker", str(SEED), "--format", "json", "--no-config"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert not list(home.rglob("*.marshal"))


def test_a_file_of_old_patterns_keeps_only_those_of_this_run(tmp_path):
    cache = tmp_path / "cache"
    check(cache, tmp_path)
    path = regex_file(cache)
    table = entries(path)
    dropped = next(iter(table))                   # one pattern this run compiles anew
    stale = {(f"old pattern {i}", 0): table[dropped] for i in range(1200)}
    kept = {k: v for k, v in table.items() if k != dropped}
    path.write_bytes(marshal.dumps((TAG, {**stale, **kept})))
    check(cache, tmp_path)
    after = entries(path)
    assert dropped in after and not any(p.startswith("old pattern") for p, _ in after)
    assert after.keys() == table.keys()
