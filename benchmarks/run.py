"""The govedu-check benchmark: throughput, cold start, scaling and memory, in one run.

    python -m benchmarks.run                       # full run: N = 1,000 reports, medians of repeats
    python -m benchmarks.run --n 20 --repeats 1    # small mode (CI): checks that it runs, no targets

Everything is measured in this one run so that ratios compare like with like on a machine
whose load changes from minute to minute:

1. batch throughput — ``govedu-check CORPUS --jobs <CPUs> --format json -o FILE`` on N generated
   reports (benchmarks/corpus.py). The headline corpus is the *varied* one, in which under 1 % of
   sentences repeat (the share is measured and printed); the old *seeded* corpus, most of whose
   sentences repeat, is the second figure. MB per second (wall) and CPU seconds per MB (user +
   system of the whole process tree); the same corpus with ``--jobs 1`` and under the ``spawn``
   start method (GOVEDU_CHECK_START_METHOD=spawn);
2. single report, cold process — ``govedu-check SEED --format json`` and ``govedu-check --version``
   against a bare ``python -c "import jieba; jieba.initialize()"``, run alternately; wall and CPU;
3. scaling — one report of the seeds repeated 1×, 4×, 16× (benchmarks/scaling.py): time per MB;
4. peak memory — of the whole process tree (the sum of every process's own peak resident set,
   parent and workers, sampled from /proc), for N and N/10; the largest single process too.

Every figure is the median over the repeats. The table is printed and the same figures are
written as JSON (``benchmarks/out/benchmark.json`` unless ``--out`` says otherwise). Times are
wall-clock and CPU seconds; on a shared machine wall time is noisy and CPU seconds and ratios
are what count.
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

# Targets of issue 17 (medians, 2-core machine; wall-clock ones on an idle machine).
TARGET_MB_PER_S = 4.0
TARGET_JOBS_SPEEDUP = 1.8
TARGET_SPAWN_RATIO = 1.15
TARGET_COLD_CPU = 0.30
TARGET_COLD_RATIO = 0.3
TARGET_VERSION_CPU = 0.1
TARGET_SCALING_RATIO = 1.15
TARGET_RSS_RATIO = 1.2
TARGET_RULES_RATIO = 1.2
# The 33 rules of the first catalog (rule-catalog.md) are the built-in packs of these seven
# files; the 93 of catalog-v2 are every national pack plus the two 督导 packs.
CORE_PACKS = ("national.access", "national.governance", "national.health", "national.jianfu",
              "national.preschool", "national.safety", "national.teachers")
SUPERVISION_PACKS = ROOT / "policies" / "supervision"

# Runs a command and reports, as JSON, its wall time, the CPU seconds of the whole process tree
# (RUSAGE_CHILDREN counts every descendant waited for; a forkserver's workers are not, so the
# CPU seconds of every process of the tree are also read from /proc while it runs, and the larger
# of the two sums is reported), the largest resident set of
# any one process, and the whole tree's peak: the sum of every process's own high-water mark
# (VmHWM), read from /proc every 50 ms while it runs. A fresh interpreter per measurement,
# because RUSAGE_CHILDREN's maximum only ever grows in one process.
_MEASURE = r"""
import json, os, resource, subprocess, sys, time

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

def tree_hwm(root, marks, cpu):
    # pid -> ppid for every process, then the descendants of root; their VmHWM in kB and their
    # own CPU seconds (utime + stime, not their children's).
    parents, times = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                parents[int(name)] = int(fields[1])
                times[int(name)] = (int(fields[11]) + int(fields[12])) / TICK
            except (OSError, IndexError, ValueError):
                pass
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(p for p, pp in parents.items() if pp == pid and p not in tree)
    for pid in tree:
        cpu[pid] = max(cpu.get(pid, 0.0), times.get(pid, 0.0))
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        marks[pid] = max(marks.get(pid, 0), int(line.split()[1]))
        except OSError:
            pass

r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
marks, cpu = {}, {}
sample = os.path.isdir("/proc/self")
import threading
err = []
reader = threading.Thread(target=lambda: err.append(proc.stderr.read()))
reader.start()
while proc.poll() is None:
    if sample:
        tree_hwm(proc.pid, marks, cpu)
    time.sleep(0.05)
wall = time.perf_counter() - t0
reader.join()
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = r1.ru_maxrss
rss_kb = rss / 1024 if sys.platform == "darwin" else rss
tree_kb = sum(marks.values()) if sample else None
waited = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print(json.dumps({"wall": wall, "cpu": max(waited, sum(cpu.values())), "cpu_waited": waited,
                  "cpu_sampled": sum(cpu.values()),
                  "rss_kb": rss_kb, "tree_rss_kb": tree_kb,
                  "processes": len(marks),
                  "rc": proc.returncode, "stderr": err[0].decode("utf-8", "replace")[-2000:]}))
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


# ---------------------------------------------------------------- the measurements
def batch(corpus_dir: Path, n_files: int, size: int, jobs: int, repeats: int, out: Path, env: dict,
          start_method: str | None = None, name: str | None = None, options: tuple = ()) -> dict:
    """One batch run of the corpus, ``repeats`` times: medians of wall, CPU and memory figures.

    ``start_method`` (fork, spawn, forkserver) is handed to the checker as
    GOVEDU_CHECK_START_METHOD; None leaves the platform's default.
    """
    result_file = out / f"{name or f'batch-{n_files}'}.json"
    cmd = checker_command() + [str(corpus_dir), "--jobs", str(jobs), "--format", "json",
                               "-o", str(result_file), "--no-config", *options]
    run_env = dict(env)
    if start_method:
        run_env["GOVEDU_CHECK_START_METHOD"] = start_method
    runs = [measure(cmd, run_env) for _ in range(repeats)]
    checked = json.loads(result_file.read_text(encoding="utf-8"))
    if len(checked["reports"]) != n_files:
        raise SystemExit(f"benchmark: {len(checked['reports'])} of {n_files} reports were checked; "
                         f"errors: {checked['errors'][:3]}")
    wall = median(r["wall"] for r in runs)
    cpu = median(r["cpu"] for r in runs)
    mb = size / 1e6
    trees = [r["tree_rss_kb"] for r in runs if r.get("tree_rss_kb")]
    rules = len(checked["reports"][0]["findings"]) if checked["reports"] else 0
    return {"reports": n_files, "bytes": size, "jobs": jobs, "start_method": start_method or "default",
            "rules": rules, "options": list(options),
            "runs": [r["wall"] for r in runs], "cpu_runs": [r["cpu"] for r in runs],
            "seconds": wall, "cpu_seconds": cpu, "mb_per_s": mb / wall, "reports_per_s": n_files / wall,
            "cpu_s_per_mb": cpu / mb, "mb_per_cpu_s": mb / cpu,
            "peak_rss_mb": median(r["rss_kb"] for r in runs) / 1024,
            "tree_peak_rss_mb": median(trees) / 1024 if trees else None,
            "processes": max((r.get("processes") or 0) for r in runs)}


def rules_pair(corpus_dir: Path, n_files: int, size: int, jobs: int, repeats: int, out: Path, env: dict) -> dict:
    """The corpus with the 33 core rules and with all 93, run alternately and in turn first (ABBA…),
    so that both see the same load on the machine and the same warm caches; medians as in :func:`batch`."""
    runs: dict[str, list] = {"core": [], "all": []}
    options = {"core": ("--select", ",".join(CORE_PACKS)), "all": ("--pack", str(SUPERVISION_PACKS))}
    for i in range(repeats):
        for label in (("core", "all") if i % 2 == 0 else ("all", "core")):
            runs[label].append(batch(corpus_dir, n_files, size, jobs, 1, out, env,
                                     name=f"batch-{n_files}-{label}", options=options[label]))
    merged = {}
    for label, rs in runs.items():
        one = dict(rs[0])
        for key in ("seconds", "cpu_seconds", "mb_per_s", "reports_per_s", "cpu_s_per_mb", "mb_per_cpu_s",
                    "peak_rss_mb", "tree_peak_rss_mb"):
            if all(r.get(key) is not None for r in rs):
                one[key] = median(r[key] for r in rs)
        one["runs"] = [r["seconds"] for r in rs]
        one["cpu_runs"] = [r["cpu_seconds"] for r in rs]
        merged[label] = one
    return merged


def cold(repeats: int, env: dict) -> dict:
    """One report in a fresh process, and --version, against a bare jieba start-up; alternately.

    Wall seconds and CPU seconds (user + system of the process and its children) of each; the
    ratios on a shared machine are read from CPU seconds.
    """
    seed = ROOT / "seeds" / COLD_SEED
    check_cmd = checker_command() + [str(seed), "--format", "json", "--no-config"]
    version_cmd = checker_command() + ["--version"]
    jieba_cmd = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    for cmd in (check_cmd, jieba_cmd, version_cmd):   # first runs build caches and bytecode: time steady state
        measure(cmd, env)
    checks, refs, versions = [], [], []
    for _ in range(repeats):           # alternate, so all see the same load on the machine
        refs.append(measure(jieba_cmd, env, ok_codes=(0,)))
        checks.append(measure(check_cmd, env))
        versions.append(measure(version_cmd, env, ok_codes=(0,)))
    check_s, ref_s = median(r["wall"] for r in checks), median(r["wall"] for r in refs)
    check_cpu, ref_cpu = median(r["cpu"] for r in checks), median(r["cpu"] for r in refs)
    return {"seed": COLD_SEED, "check_runs": [r["wall"] for r in checks], "jieba_runs": [r["wall"] for r in refs],
            "check_seconds": check_s, "jieba_seconds": ref_s, "ratio": check_s / ref_s,
            "check_cpu_runs": [r["cpu"] for r in checks], "jieba_cpu_runs": [r["cpu"] for r in refs],
            "check_cpu": check_cpu, "jieba_cpu": ref_cpu, "cpu_ratio": check_cpu / ref_cpu,
            "version_seconds": median(r["wall"] for r in versions),
            "version_cpu": median(r["cpu"] for r in versions)}


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
    """(measure, figure, target, met) rows: the targets of issue 17."""
    b, c, s = res["batch"], res["cold"], res["scaling"]
    one, spawn, old = res["batch_jobs1"], res["batch_spawn"], res["batch_seeded"]
    rss = res["memory"]
    r33, r93 = res["rules"]["core"], res["rules"]["all"]
    rules_ratio = r93["cpu_s_per_mb"] / r33["cpu_s_per_mb"]
    speedup = one["seconds"] / b["seconds"]
    spawn_ratio = spawn["cpu_s_per_mb"] / b["cpu_s_per_mb"]
    return [
        (f"batch, varied corpus, --jobs {b['jobs']}",
         f"{b['mb_per_s']:.2f} MB/s, {b['reports_per_s']:.1f} reports/s; {b['cpu_s_per_mb']:.2f} CPU-s/MB",
         f">= {TARGET_MB_PER_S} MB/s", b["mb_per_s"] >= TARGET_MB_PER_S),
        (f"--jobs {b['jobs']} vs --jobs 1", f"{speedup:.2f}x wall ({one['cpu_s_per_mb']:.2f} CPU-s/MB at --jobs 1)",
         f">= {TARGET_JOBS_SPEEDUP}x", speedup >= TARGET_JOBS_SPEEDUP),
        ("batch, seeded corpus (old)",
         f"{old['mb_per_s']:.2f} MB/s; {old['cpu_s_per_mb']:.2f} CPU-s/MB", "(second figure)", True),
        ("spawn vs default start",
         f"{spawn_ratio:.2f}x CPU-s/MB ({spawn['cpu_s_per_mb']:.2f}; {spawn['mb_per_s']:.2f} MB/s)",
         f"<= {TARGET_SPAWN_RATIO}x", spawn_ratio <= TARGET_SPAWN_RATIO),
        ("single report, cold", f"{c['check_cpu']:.2f} CPU-s vs jieba {c['jieba_cpu']:.2f} = {c['cpu_ratio']:.2f}x "
                                f"(wall {c['check_seconds']:.2f} s vs {c['jieba_seconds']:.2f} s = {c['ratio']:.2f}x)",
         f"<= {TARGET_COLD_CPU} s, <= {TARGET_COLD_RATIO}x",
         c["check_cpu"] <= TARGET_COLD_CPU and c["cpu_ratio"] <= TARGET_COLD_RATIO),
        ("--version", f"{c['version_cpu']:.3f} CPU-s (wall {c['version_seconds']:.3f} s)",
         f"<= {TARGET_VERSION_CPU} s", c["version_cpu"] <= TARGET_VERSION_CPU),
        ("scaling 16x vs 1x", f"{s['ratio_16x']:.2f}x time per MB (caches off; "
                              f"{s['cached']['ratio_16x']:.2f}x with them)", f"<= {TARGET_SCALING_RATIO}x",
         s["ratio_16x"] <= TARGET_SCALING_RATIO),
        (f"whole-tree peak RSS N={rss['n_large']} vs N={rss['n_small']}",
         f"{rss['large_mb']:.0f} MB vs {rss['small_mb']:.0f} MB = {rss['ratio']:.2f}x "
         f"({b['processes']} processes; largest one {b['peak_rss_mb']:.0f} MB)",
         f"<= {TARGET_RSS_RATIO}x", rss["ratio"] <= TARGET_RSS_RATIO),
        (f"{r93['rules']} rules vs {r33['rules']} rules", f"{rules_ratio:.2f}x CPU-s/MB ({r93['cpu_s_per_mb']:.2f} vs "
                                                      f"{r33['cpu_s_per_mb']:.2f}; N={r33['reports']})",
         f"<= {TARGET_RULES_RATIO}x", rules_ratio <= TARGET_RULES_RATIO),
    ]


def print_table(res: dict, small: bool) -> None:
    m = res["machine"]
    rep = res["corpus"]["repeats"]
    print(f"govedu-check benchmark — {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}, "
          f"N = {res['batch']['reports']} ({res['batch']['bytes'] / 1e6:.1f} MB), "
          f"{res['repeats']} repeat(s), load average {m.get('load_average_at_start', '?')}")
    print(f"  corpora: varied, {rep['share']:.1%} of {rep['sentences']} sentences repeat; seeded (old), "
          f"{res['corpus_seeded']['repeats']['share']:.1%} repeat")
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
    print("  Wall-clock figures mean something only on an idle machine; on a shared one read the CPU seconds.")


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
    made = corpus.write_corpus(big, args.n, seeds=seeds, kind="varied")
    n_small = max(args.n // 10, 1)
    little = out / f"corpus-{n_small}"
    corpus.write_corpus(little, n_small, seeds=seeds, kind="varied")    # the first N/10 reports of the same corpus
    little_bytes = sum(p.stat().st_size for p in little.glob("r*.txt"))
    old = out / f"corpus-seeded-{args.n}"
    res["corpus"] = made
    res["corpus_seeded"] = corpus.write_corpus(old, args.n, seeds=seeds, kind="seeded")

    res["cold"] = cold(args.repeats, env)
    res["batch"] = batch(big, args.n, made["bytes"], args.jobs, batch_repeats, out, env)
    res["batch_spawn"] = batch(big, args.n, made["bytes"], args.jobs, batch_repeats, out, env,
                               start_method="spawn", name=f"batch-{args.n}-spawn")
    res["batch_jobs1"] = batch(big, args.n, made["bytes"], 1, batch_repeats, out, env, name=f"batch-{args.n}-jobs1")
    res["batch_seeded"] = batch(old, args.n, res["corpus_seeded"]["bytes"], args.jobs, batch_repeats, out, env,
                                name=f"batch-{args.n}-seeded")
    small_run = batch(little, n_small, little_bytes, args.jobs, batch_repeats, out, env)
    tree = res["batch"]["tree_peak_rss_mb"] is not None and small_run["tree_peak_rss_mb"] is not None
    large_mb = res["batch"]["tree_peak_rss_mb"] if tree else res["batch"]["peak_rss_mb"]
    small_mb = small_run["tree_peak_rss_mb"] if tree else small_run["peak_rss_mb"]
    res["memory"] = {"n_large": args.n, "n_small": n_small, "whole_tree": tree, "large_mb": large_mb,
                     "small_mb": small_mb, "ratio": large_mb / small_mb,
                     "largest_process_mb": res["batch"]["peak_rss_mb"],
                     "spawn_mb": res["batch_spawn"]["tree_peak_rss_mb"], "small_batch": small_run}
    res["rules"] = rules_pair(big, args.n, made["bytes"], args.jobs, batch_repeats, out, env)
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
