"""Loaded packs kept in the cache folder (checker/packs/cached.py): same packs, new key on change, safe to read.

Real pack files, a real cache folder (tmp_path, through GOVEDU_CHECK_CACHE_DIR) and the real
CLI. The cache may only ever save time: what it gives back equals loading the files, an edited
pack is loaded again, and a cache file that is not what the checker wrote is ignored without
running anything in it.
"""
from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from checker.packs import all_rules
from checker.packs.cached import _read, cache_file, load_packs_cached
from checker.packs.loading import gather_files, load_packs

ROOT = Path(__file__).resolve().parents[1]
SHANDONG = ROOT / "policies" / "provinces" / "shandong.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVEDU_CHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("GOVEDU_CHECK_NO_CACHE", raising=False)
    return folder


def plain(packs):
    return [dataclasses.replace(p, source=None) if hasattr(p, "source") else p for p in packs]


def test_cached_packs_equal_the_packs_loaded_from_their_files(cache):
    fresh = load_packs([str(SHANDONG)])
    first = load_packs_cached([str(SHANDONG)])
    where = cache_file(gather_files([str(SHANDONG)]))
    assert where.is_file() and where.parent == cache / "packs"
    second = load_packs_cached([str(SHANDONG)])
    assert second is not first and plain(second) == plain(fresh)
    assert all_rules(second) == all_rules(fresh) and len(all_rules(second)) >= 30
    assert [p.applied for p in second] == [p.applied for p in fresh]


def test_an_edited_pack_is_loaded_again(cache, tmp_path):
    pack = tmp_path / "shandong.yaml"
    pack.write_text(SHANDONG.read_text(encoding="utf-8"), encoding="utf-8")
    before = load_packs_cached([str(pack)])
    assert [p.version for p in before if p.id == "province.shandong"] == ["1.0.0"]
    pack.write_text(SHANDONG.read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "1.0.1"', 1),
                    encoding="utf-8")
    after = load_packs_cached([str(pack)])
    assert [p.version for p in after if p.id == "province.shandong"] == ["1.0.1"]
    assert len(list((cache / "packs").glob("*.pickle"))) == 2


def test_a_foreign_cache_file_is_refused_and_nothing_in_it_runs(cache, tmp_path):
    ran = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {ran}",))

    load_packs_cached()
    where = cache_file(gather_files([]))
    where.write_bytes(pickle.dumps([Evil()]))
    packs = load_packs_cached()
    assert not ran.exists()
    assert plain(packs) == plain(load_packs())
    assert plain(_read(where)) == plain(packs)          # written again, by the checker


def test_a_damaged_cache_file_is_ignored(cache):
    load_packs_cached()
    where = cache_file(gather_files([]))
    where.write_bytes(where.read_bytes()[:100])
    assert plain(load_packs_cached()) == plain(load_packs())


def test_no_cache_folder_means_no_cache_file(cache, monkeypatch):
    monkeypatch.setenv("GOVEDU_CHECK_NO_CACHE", "1")
    assert cache_file(gather_files([])) is None
    assert plain(load_packs_cached()) == plain(load_packs())
    assert not (cache / "packs").exists()


def test_cli_output_is_the_same_from_the_cache(tmp_path):
    env = {**os.environ, "GOVEDU_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GOVEDU_CHECK_NO_CACHE", None)
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    outputs = []
    for run in ("cold", "warm"):
        out = tmp_path / f"{run}.json"
        proc = subprocess.run([sys.executable, "-m", "checker", str(seed), "--pack", str(SHANDONG), "--format",
                               "json", "--no-config", "-o", str(out)], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=300)
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(out.read_bytes())
    assert list((tmp_path / "cache" / "packs").glob("*.pickle"))
    assert outputs[0] == outputs[1] and b"province.shandong" in outputs[0]
