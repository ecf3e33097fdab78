"""The cache folder stays bounded (checker/cache.py ``prune``): each family keeps its newest files.

A cache folder that already holds the files of many older pack texts, checker versions, jieba
installations and Pythons (as a user's does after months of upgrades and pack edits) is given
to the real CLI in a fresh process. The run writes its own files, deletes the oldest of each
family beyond the family's bound, never its own, and gives the same output as a run without a
cache; a second run finds everything it needs and deletes nothing more.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from checker import cache, regexcache
from checker.language import dictionary
from checker.packs import build, cached

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "002_cd53b06fa843de20.txt"
OLD = 1_500_000_000       # 2017: older than anything a run writes


def run(cache_folder: Path | None, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVEDU_CHECK_")}
    if cache_folder is None:
        env["GOVEDU_CHECK_NO_CACHE"] = "1"
    else:
        env["GOVEDU_CHECK_CACHE_DIR"] = str(cache_folder)
    proc = subprocess.run([sys.executable, "-m", "checker", str(SEED), "--format", "json", "--no-config"],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return proc.stdout


def fill(path: Path, n: int, name, data: bytes = b"old") -> list[Path]:
    path.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        f = path / name(i)
        f.write_bytes(data)
        os.utime(f, (OLD + i, OLD + i))          # a later i is a newer file
        made.append(f)
    return made


def test_a_full_cache_folder_is_cut_to_its_bounds_and_the_output_is_unchanged(tmp_path):
    folder = tmp_path / "cache"
    pickles = fill(folder / "packs", 40, lambda i: f"{i:064x}.pickle")
    markers = fill(folder / "valid-packs", 300, lambda i: f"{i:064x}")
    prefixes = fill(folder, 5, lambda i: f"jieba-prefix-{i:016x}.bin")
    regexes = fill(folder / "regex", 6, lambda i: f"cpython-3{i}-3.{i}.0-1-4.marshal")
    keep_me = folder / "notes.txt"                # not the checker's: never touched
    keep_me.write_text("mine")

    without = run(None, tmp_path)
    first = run(folder, tmp_path)
    assert first == without

    def left(files):
        return [f for f in files if f.exists()]

    # each family: at most its bound, the newest of the old ones kept, the run's own file among them
    assert len(list((folder / "packs").glob("*.pickle"))) == cached.KEEP_FILES
    assert left(pickles) == pickles[-(cached.KEEP_FILES - 1):]
    assert len(list((folder / "valid-packs").iterdir())) == build.KEEP_VALID_MARKERS
    assert len(left(markers)) < build.KEEP_VALID_MARKERS and left(markers) == markers[-len(left(markers)):]
    assert len(list(folder.glob("jieba-prefix-*.bin"))) == dictionary.KEEP_FILES
    assert left(prefixes) == prefixes[-(dictionary.KEEP_FILES - 1):]
    assert len(list((folder / "regex").glob("*.marshal"))) == regexcache.KEEP_FILES
    assert left(regexes) == regexes[-(regexcache.KEEP_FILES - 1):]
    assert keep_me.read_text() == "mine"

    # the run's own files survive and serve the next run, which deletes nothing more
    listing = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert run(folder, tmp_path) == without
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == listing


def test_prune_keeps_the_newest_and_the_spared_file(tmp_path):
    files = fill(tmp_path, 6, lambda i: f"f{i}.bin")
    spare = files[0]                              # the oldest, but the one just written
    assert cache.prune(tmp_path, "*.bin", 3, spare=spare) == 3
    assert [f for f in files if f.exists()] == [spare, files[4], files[5]]
    assert cache.prune(tmp_path, "*.bin", 3, spare=spare) == 0
    assert cache.prune(tmp_path, "*.bin", 1) == 2 and [f for f in files if f.exists()] == [files[5]]
    assert cache.prune(tmp_path / "missing", "*", 1) == 0
