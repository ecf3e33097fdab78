"""The benchmark in its small mode (N = 20, one repeat), so it cannot rot.

Nothing here asserts a time: speed is claimed only from full benchmark runs (docs/performance.md).
What is checked is that the benchmark runs end to end against the real CLI, measures what it
says it measures, that its corpus is the deterministic mix it promises, and that what the
optimisations it guided changed gives the same results: the cached, read-as-needed jieba
dictionary cuts sentences exactly as jieba's whole dictionary does, and JSON written report by
report (what keeps a batch's memory flat) is byte for byte the whole run rendered at once.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import corpus
from checker.reading.load import load

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_small_benchmark_runs_and_writes_every_figure(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "benchmarks.run", "--n", "20", "--repeats", "1",
                           "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr
    res = json.loads((tmp_path / "benchmark.json").read_text(encoding="utf-8"))

    assert res["small_mode"] is True
    assert res["batch"]["reports"] == 20 and res["batch"]["jobs"] >= 1
    assert res["batch"]["mb_per_s"] > 0 and res["batch"]["reports_per_s"] > 0
    # Every report of the corpus was checked: the batch's own JSON output lists them all.
    checked = json.loads((tmp_path / "batch-20.json").read_text(encoding="utf-8"))
    assert len(checked["reports"]) == 20 and checked["errors"] == []
    assert res["cold"]["check_seconds"] > 0 and res["cold"]["jieba_seconds"] > 0
    assert [row["copies"] for row in res["scaling"]["sizes"]] == [1, 4, 16]
    sizes = [row["bytes"] for row in res["scaling"]["sizes"]]
    assert sizes[0] < sizes[1] < sizes[2]
    assert res["memory"]["n_large"] == 20 and res["memory"]["large_mb"] > 0
    assert res["machine"]["cpus"] >= 1 and res["machine"]["python"]
    # The headline corpus hardly repeats a sentence; the old one, kept as the second figure, does.
    assert res["corpus"]["kind"] == "varied" and res["corpus"]["repeats"]["share"] < 0.05
    assert res["corpus_seeded"]["kind"] == "seeded" and res["corpus_seeded"]["repeats"]["share"] > 0.3
    assert res["batch_seeded"]["reports"] == 20
    # CPU seconds of the whole tree, beside wall time; the whole tree's memory is at least its largest process.
    for run in (res["batch"], res["batch_spawn"], res["batch_jobs1"], res["batch_seeded"]):
        assert run["cpu_seconds"] > 0 and run["cpu_s_per_mb"] > 0
        assert run["tree_peak_rss_mb"] >= run["peak_rss_mb"] * 0.9
    if res["batch"]["jobs"] > 1:      # the parent and its workers were all seen
        assert res["batch"]["processes"] >= 2
    assert res["batch_jobs1"]["jobs"] == 1 and res["batch_spawn"]["start_method"] == "spawn"
    # The pool under spawn wrote exactly what the default start method wrote.
    assert (tmp_path / "batch-20-spawn.json").read_bytes() == (tmp_path / "batch-20.json").read_bytes()
    assert res["cold"]["check_cpu"] > 0 and res["cold"]["version_cpu"] > 0
    # The catalog-v2 packs against the 33 core rules: the runs checked that many rules per report.
    assert res["rules"]["core"]["rules"] == 33 and res["rules"]["all"]["rules"] == 93
    assert any(row["measure"] == "93 rules vs 33 rules" for row in res["targets"])
    # The printed table carries the same figures as the JSON.
    assert f"{res['batch']['mb_per_s']:.2f} MB/s" in proc.stdout
    assert f"= {res['cold']['ratio']:.2f}x" in proc.stdout
    assert "(small mode: not judged)" in proc.stdout


def test_corpus_is_deterministic_and_a_prefix_of_larger_corpora(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    corpus.write_corpus(a, 12)
    corpus.write_corpus(b, 6)
    for f in sorted(b.iterdir()):
        assert f.read_bytes() == (a / f.name).read_bytes()
    assert len(list(a.iterdir())) == 12


def test_varied_corpus_is_deterministic_a_prefix_and_hardly_repeats_a_sentence(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    big = corpus.write_corpus(a, 30, kind="varied")
    corpus.write_corpus(b, 10, kind="varied")
    for f in sorted(b.iterdir()):
        assert f.read_bytes() == (a / f.name).read_bytes()
    old = corpus.write_corpus(tmp_path / "old", 30, kind="seeded")
    assert big["repeats"]["share"] < 0.02 < 0.3 < old["repeats"]["share"]
    # Each varied report still has the seed's headings, so its structure is a report's.
    seeds = corpus.load_seeds()
    text, name = corpus.report_text(seeds, 7, kind="varied")
    seed = next(s for s in seeds if s.name == name)
    assert text != seed.text and len(text) > 0.9 * len(seed.text)
    assert sum(line.lstrip().startswith("一、") for line in text.splitlines()) >= 1


def test_corpus_mixes_encodings_and_scripts_the_loader_reads(tmp_path):
    summary = corpus.write_corpus(tmp_path, 40)
    assert set(summary["encodings"]) == {"utf-8", "utf-8-sig", "gb18030", "utf-16"}
    loaded = [load(str(f)) for f in sorted(tmp_path.iterdir())]
    assert {s.encoding for s in loaded} >= {"utf-8", "gb18030", "utf-16"}
    seeds = corpus.load_seeds()
    swapped = [i for i, s in enumerate(loaded)
               if corpus.looks_traditional(s.text) != corpus.looks_traditional(seeds[i % len(seeds)].text)]
    # Some reports, not all, are in the other script than the seed they come from.
    assert 0 < len(swapped) < len(loaded)
    # Figures vary: no report is one of the seeds unchanged.
    assert not {s.text for s in loaded} & {seed.text for seed in seeds}


def test_cached_dictionary_cuts_like_the_whole_jieba_dictionary(tmp_path):
    reports = tmp_path / "reports"
    corpus.write_corpus(reports, 10)
    proc = subprocess.run([sys.executable, "-m", "benchmarks.segmentation", *map(str, sorted(reports.iterdir()))],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 differ " in proc.stdout and "read from the cache" in proc.stdout


# ---------------------------------------------------------------- what keeps the batch's memory flat
WAIVERS = """\
waivers:
  - rule: special-ed.enrolment
    reason: 县内特教学校在建
    approved_by: 县教育督导室
    expires: 2099-12-31
  - rule: no.such.rule
    path: "*.txt"
    reason: 测试
    approved_by: 县教育督导室
    expires: 2099-12-31
"""


def test_json_written_report_by_report_is_the_whole_run_rendered_at_once(tmp_path, monkeypatch):
    from checker.run.batch import run_batch
    from checker.model import RunResult
    from checker.packs import all_rules, category_titles, load_packs
    from checker.render import RenderOptions
    from checker.render.json_out import render
    from checker.run.gate import nothing_mentioned
    from checker.run.waivers import load_waivers, waiver_warnings

    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02" * 40)
    (tmp_path / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    files = sorted(str(p.name) for p in tmp_path.glob("*.txt"))
    proc = subprocess.run([sys.executable, "-m", "checker", *files, "--format", "json", "--jobs", "2",
                           "--waivers", "waivers.yaml", "--no-config", "-o", "out.json"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600)
    # the broken file is reported and fails the run (exit 2, issue 15); the rest is written
    assert proc.returncode == 2, proc.stderr

    packs = load_packs()
    rules = all_rules(packs)
    monkeypatch.chdir(tmp_path)      # paths in the output are as given, relative to the run's folder
    waivers = load_waivers(Path("waivers.yaml"))
    reports, errors = run_batch(files, rules, {}, 1, on_error=lambda e: None, waivers=tuple(waivers))
    warnings = nothing_mentioned(reports) + waiver_warnings(reports, waivers, [r.id for r in rules])
    opts = RenderOptions(lang="zh", categories=category_titles(packs), rules={r.id: r for r in rules})
    whole = render(RunResult(tuple(reports), tuple(errors), tuple(packs), tuple(warnings)), opts)
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == whole
    assert errors and warnings and any(f.waived for r in reports for f in r.findings)
    assert "unused" in proc.stderr and "broken.txt" in proc.stderr


def test_no_json_file_when_no_report_could_be_checked(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02" * 40)
    proc = subprocess.run([sys.executable, "-m", "checker", "broken.txt", "--format", "json", "--no-config",
                           "-o", "out.json"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 2 and "broken.txt" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.txt"]   # no output, no temporary file
