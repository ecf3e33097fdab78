"""The govedu-check benchmark: throughput, cold start, scaling and memory, in one run.

    python -m benchmarks.run                       # full run: N = 1,000 reports, medians of repeats
    python -m benchmarks.run --n 20 --repeats 1    # small mode (CI): checks that it runs, no targets

Everything is measured in this one run so that ratios compare like with like on a machine
whose load changes from minute to minute:

1. batch throughput — ``govedu-check CORPUS --jobs <CPUs> --format json -o FILE`` on N generated
   reports (benchmarks/corpus.py): MB of report files per second and reports per second;
2. single report, cold process — ``govedu-check SEED --format json`` against a bare
   ``python -c "import jieba; jieba.initialize()"``, run alternately;
3. scaling — one report of the seeds repeated 1×, 4×, 16× (benchmarks/scaling.py): time per MB;
4. peak memory — the largest resident set of any process of the batch run, for N and N/10.

Every figure is the median over the repeats. The table is printed and the same figures are
written as JSON (``benchmarks/out/benchmark.json`` unless ``--out`` says otherwise). Times are
wall-clock; on a shared machine they are noisy, which is why the targets are ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

if __package__ in (None, ""):                 # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "out"
COLD_SEED = "002_cd53b06fa843de20.txt"     # the largest seed, Traditional script (OpenCC at work)
SCALES = (1, 4, 16)

# Targets of issue 7 (medians, 2-core machine).
TARGET_MB_PER_S = 2.0
TARGET_COLD_RATIO = 1.3
TARGET_SCALING_RATIO = 1.25
TARGET_RSS_RATIO = 1.2

# Runs a command and reports its wall time and the peak RSS of its process tree as JSON. A fresh
# interpreter per measurement, because RUSAGE_CHILDREN's maximum only ever grows in one process.
_MEASURE = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
rss_kb = rss / 1024 if sys.platform == "darwin" else rss
print(json.dumps({"wall": wall, "rss_kb": rss_kb, "rc": proc.returncode,
                  "stderr": proc.stderr.decode("utf-8", "replace")[-2000:]}))
"""


# ---------------------------------------------------------------- running things
def checker_command() -> list[str]:
    """The installed ``govedu-check`` of this interpreter, as a user would run it."""
    script = Path(sysconfig.get_path("scripts")) / ("govedu-check.exe" if os.name == "nt" else "govedu-check")
    if script.exists():
        return [str(script)]
    found = shutil.which("govedu-check")
    return [found] if found else [sys.executable, "-m", "checker"]


def measured_env(out: Path) -> dict:
    """The environment of measured runs: compiled bytecode kept, as for an installed package.

    pip compiles a package's modules when it installs it; an editable checkout run with
    PYTHONDONTWRITEBYTECODE (common in containers) compiles all of them again on every start.
    Bytecode goes to a folder of the benchmark's own (PYTHONPYCACHEPREFIX), never into the
    source tree, and the reference command gets the same treatment.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    return env


def measure(cmd: list[str], env: dict, ok_codes=(0, 1)) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT,
                         env=env)
    if out.returncode != 0:
        raise SystemExit(f"benchmark: the measuring wrapper failed: {out.stderr.strip()[-1000:]}")
    got = json.loads(out.stdout)
    if got["rc"] not in ok_codes:
        raise SystemExit(f"benchmark: {' '.join(cmd)} exited {got['rc']}: {got['stderr'].strip()}")
    return got


def median(values) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------- the four measurements
def batch(corpus_dir: Path, n_files: int, size: int, jobs: int, repeats: int, out: Path, env: dict) -> dict:
    result_file = out / f"batch-{n_files}.json"
    cmd = checker_command() + [str(corpus_dir), "--jobs", str(jobs), "--format", "json",
                               "-o", str(result_file), "--no-config"]
    runs = [measure(cmd, env) for _ in range(repeats)]
    checked = json.loads(result_file.read_text(encoding="utf-8"))
    if len(checked["reports"]) != n_files:
        raise SystemExit(f"benchmark: {len(checked['reports'])} of {n_files} reports were checked; "
                         f"errors: {checked['errors'][:3]}")
    wall = median(r["wall"] for r in runs)
    return {"reports": n_files, "bytes": size, "jobs": jobs, "runs": [r["wall"] for r in runs],
            "seconds": wall, "mb_per_s": size / 1e6 / wall, "reports_per_s": n_files / wall,
            "peak_rss_mb": median(r["rss_kb"] for r in runs) / 1024}


def cold(repeats: int, env: dict) -> dict:
    seed = ROOT / "seeds" / COLD_SEED
    check_cmd = checker_command() + [str(seed), "--format", "json", "--no-config"]
    jieba_cmd = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    for cmd in (check_cmd, jieba_cmd):   # first runs build caches and bytecode: time steady state
        measure(cmd, env)
    checks, refs = [], []
    for _ in range(repeats):           # alternate, so both see the same load on the machine
        refs.append(measure(jieba_cmd, env, ok_codes=(0,))["wall"])
        checks.append(measure(check_cmd, env)["wall"])
    check_s, ref_s = median(checks), median(refs)
    return {"seed": COLD_SEED, "check_runs": checks, "jieba_runs": refs, "check_seconds": check_s,
            "jieba_seconds": ref_s, "ratio": check_s / ref_s}


def scaling(out: Path, repeats: int, seeds, env: dict) -> dict:
    """Time per MB at 1×, 4×, 16×, as shipped and with the per-sentence caches off.

    The target is judged with the caches off: the copies repeat sentences, which the caches
    make free, and that must not hide a step that grows faster than the text.
    """
    files = []
    for k in SCALES:
        path = out / f"scaling-{k}x.txt"
        path.write_text(corpus.scaling_text(seeds, k), encoding="utf-8")
        files.append(str(path))
    result = {}
    for label, extra in (("cached", []), ("uncached", ["--no-cache"])):
        proc = subprocess.run([sys.executable, "-m", "benchmarks.scaling", *files, "--repeats", str(repeats), *extra],
                              capture_output=True, text=True, cwd=ROOT, env=env)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark: scaling run failed: {proc.stderr.strip()[-2000:]}")
        got = json.loads(proc.stdout)
        rows = got["sizes"]
        base = rows[0]["seconds_per_mb"]["total"]
        for k, row in zip(SCALES, rows):
            row["copies"] = k
            row["ratio_to_1x"] = row["seconds_per_mb"]["total"] / base
        result[label] = {"sizes": rows, "ratio_16x": rows[-1]["ratio_to_1x"],
                         "caches_disabled": got["caches_disabled"]}
    return {"sizes": result["uncached"]["sizes"], "ratio_16x": result["uncached"]["ratio_16x"],
            "cached": result["cached"], "uncached": result["uncached"]}


def rjieba_status() -> str:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "not installed"
    return "installed"


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = round(os.getloadavg()[0], 2)
    return info


# ---------------------------------------------------------------- report
def targets(res: dict, small: bool) -> list[tuple[str, str, str, bool]]:
    """(measure, figure, target, met) rows."""
    b, c, s = res["batch"], res["cold"], res["scaling"]
    rss = res["memory"]
    return [
        ("batch throughput", f"{b['mb_per_s']:.2f} MB/s, {b['reports_per_s']:.1f} reports/s",
         f">= {TARGET_MB_PER_S} MB/s", b["mb_per_s"] >= TARGET_MB_PER_S),
        ("single report, cold", f"{c['check_seconds']:.2f} s vs jieba {c['jieba_seconds']:.2f} s = {c['ratio']:.2f}x",
         f"<= {TARGET_COLD_RATIO}x", c["ratio"] <= TARGET_COLD_RATIO),
        ("scaling 16x vs 1x", f"{s['ratio_16x']:.2f}x time per MB (caches off; "
                              f"{s['cached']['ratio_16x']:.2f}x with them)", f"<= {TARGET_SCALING_RATIO}x",
         s["ratio_16x"] <= TARGET_SCALING_RATIO),
        (f"peak RSS N={rss['n_large']} vs N={rss['n_small']}",
         f"{rss['large_mb']:.0f} MB vs {rss['small_mb']:.0f} MB = {rss['ratio']:.2f}x",
         f"<= {TARGET_RSS_RATIO}x", rss["ratio"] <= TARGET_RSS_RATIO),
    ]


def print_table(res: dict, small: bool) -> None:
    m = res["machine"]
    print(f"govedu-check benchmark — {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}, "
          f"N = {res['batch']['reports']} ({res['batch']['bytes'] / 1e6:.1f} MB), "
          f"{res['repeats']} repeat(s), load average {m.get('load_average_at_start', '?')}")
    rows = targets(res, small)
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    for name, figure, target, met in rows:
        verdict = "(small mode: not judged)" if small else ("met" if met else "NOT MET")
        print(f"  {name:<{w1}}  {figure:<{w2}}  target {target:<10} {verdict}")
    for label in ("uncached", "cached"):
        print(f"  scaling, seconds per MB by stage ({'per-sentence caches off' if label == 'uncached' else 'as shipped'}):")
        for row in res["scaling"][label]["sizes"]:
            per = row["seconds_per_mb"]
            stages = ", ".join(f"{k} {per[k]:.3f}" for k in ("load", "normalize", "structure", "evaluate"))
            print(f"    {row['copies']:>2}x {row['bytes'] / 1e6:6.2f} MB: total {per['total']:.3f} ({stages})")
    print(f"  rjieba: {res['rjieba']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run the govedu-check benchmark.")
    ap.add_argument("--n", type=int, default=1000, help="reports in the corpus (default 1000)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per measurement; medians are reported")
    ap.add_argument("--batch-repeats", type=int, default=3, help="runs of each batch (default 3)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="--jobs of the batch runs")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the corpus and results")
    ap.add_argument("--json", type=Path, default=None, help="where to write the figures (default OUT/benchmark.json)")
    args = ap.parse_args(argv)
    small = args.n < 1000 or args.repeats < 3
    batch_repeats = min(args.batch_repeats, args.repeats)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = measured_env(out)

    seeds = corpus.load_seeds()
    started = time.time()
    res: dict = {"machine": machine(), "repeats": args.repeats, "batch_repeats": batch_repeats,
                 "command": " ".join(["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])])}

    big = out / f"corpus-{args.n}"
    made = corpus.write_corpus(big, args.n, seeds=seeds)
    n_small = max(args.n // 10, 1)
    little = out / f"corpus-{n_small}"
    corpus.write_corpus(little, n_small, seeds=seeds)    # the first N/10 reports of the same corpus
    little_bytes = sum(p.stat().st_size for p in little.glob("r*.txt"))
    res["corpus"] = made

    res["cold"] = cold(args.repeats, env)
    res["batch"] = batch(big, args.n, made["bytes"], args.jobs, batch_repeats, out, env)
    small_run = batch(little, n_small, little_bytes, args.jobs, batch_repeats, out, env)
    res["memory"] = {"n_large": args.n, "n_small": n_small, "large_mb": res["batch"]["peak_rss_mb"],
                     "small_mb": small_run["peak_rss_mb"],
                     "ratio": res["batch"]["peak_rss_mb"] / small_run["peak_rss_mb"],
                     "small_batch": small_run}
    res["scaling"] = scaling(out, args.repeats, seeds, env)
    res["rjieba"] = rjieba_status()
    res["seconds"] = time.time() - started
    if hasattr(os, "getloadavg"):
        res["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    res["targets"] = [{"measure": n, "figure": f, "target": t, "met": m} for n, f, t, m in targets(res, small)]
    res["small_mode"] = small

    print_table(res, small)
    dest = args.json or out / "benchmark.json"
    dest.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  figures written to {dest} ({res['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
