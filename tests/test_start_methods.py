"""The batch gives the same results whatever start method its worker processes use.

GOVEDU_CHECK_START_METHOD chooses fork, spawn or forkserver (the benchmark measures all three;
macOS and Windows spawn, and Python 3.14 on Linux uses forkserver by default). Workers that
are not forked build their own context; their results must be those of one process.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

import checker.run.batch as batch
from checker.model import InputError, ReportResult
from checker.run.batch import check_all

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def rules_and_figures():
    from checker.packs import all_rules, load_packs

    return all_rules(load_packs()), {}


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_pool_under_other_start_methods_matches_one_process(method, tmp_path, monkeypatch):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    paths = []
    for seed in SEEDS[:3]:
        paths.append(str(tmp_path / seed.name))
        Path(paths[-1]).write_bytes(seed.read_bytes())
    (tmp_path / "zz_bad.txt").write_bytes(b"\x00" * 64)
    paths.append(str(tmp_path / "zz_bad.txt"))
    rules, figures = rules_and_figures()
    alone = check_all(paths, rules, figures, jobs=1)
    monkeypatch.setenv("GOVEDU_CHECK_START_METHOD", method)
    assert batch._mp_context(multiprocessing).get_start_method() == method
    pooled = check_all(paths, rules, figures, jobs=2)
    assert [type(o) for o in pooled] == [ReportResult, ReportResult, ReportResult, InputError]
    assert [o.findings for o in pooled[:3]] == [o.findings for o in alone[:3]]
    assert pooled[3].message == alone[3].message


def test_unknown_start_method_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("GOVEDU_CHECK_START_METHOD", "teleport")
    assert batch._mp_context(multiprocessing).get_start_method() == multiprocessing.get_start_method()


def test_cli_json_under_spawn_is_byte_identical(tmp_path):
    if "spawn" not in multiprocessing.get_all_start_methods():
        pytest.skip("spawn is not available here")
    outputs = []
    for method in ("", "spawn"):
        env = {**os.environ, "GOVEDU_CHECK_START_METHOD": method}
        out = tmp_path / f"out-{method or 'default'}.json"
        proc = subprocess.run([sys.executable, "-m", "checker", *map(str, SEEDS), "--format", "json", "--jobs", "2",
                               "--no-config", "-o", str(out)], capture_output=True, text=True, cwd=tmp_path,
                              env=env, timeout=600)
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and b'"reports"' in outputs[0]
