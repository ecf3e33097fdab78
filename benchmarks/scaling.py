"""Scaling: time per MB of one report as it grows, stage by stage, in one warm process.

Run by ``benchmarks/run.py`` in a subprocess of its own. The packs, the term matcher and the
segmenter are loaded and warmed up on a first report, so what is timed is only the work that
grows with the report: load (read + decode), normalize, structure, evaluate (claims, term
matching, checks) and score. The per-sentence caches are emptied before every timed run, so a
repeat never reuses the previous run's work.

    python -m benchmarks.scaling FILE... [--repeats 5]     # prints JSON
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def _clear_caches(ctx) -> None:
    """Forget what earlier runs computed, so each timed run does all of its work."""
    from checker import claims

    if hasattr(claims.find_claims, "cache_clear"):
        claims.find_claims.cache_clear()
    boundaries = getattr(type(ctx.matcher), "boundaries", None)
    if hasattr(boundaries, "cache_clear"):
        boundaries.cache_clear()


def time_stages(path: str, rules, ctx) -> dict:
    from checker.load import load
    from checker.normalize import normalize
    from checker.pipeline import result_for
    from checker.structure import structure

    _clear_caches(ctx)
    marks = [time.perf_counter()]
    src = load(path)
    marks.append(time.perf_counter())
    norm = normalize(src)
    marks.append(time.perf_counter())
    doc = structure(norm)
    marks.append(time.perf_counter())
    result_for(doc, rules, ctx, src)
    marks.append(time.perf_counter())
    names = ("load", "normalize", "structure", "evaluate")
    out = {name: marks[i + 1] - marks[i] for i, name in enumerate(names)}
    out["total"] = marks[-1] - marks[0]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)

    from checker.evaluate import make_context
    from checker.packs import all_rules, load_packs
    from checker.pipeline import check_file

    rules = all_rules(load_packs())
    ctx = make_context(rules)
    check_file(args.files[0], rules, ctx)          # warm-up: dictionaries, converters, regexes
    results = []
    for f in args.files:
        runs = [time_stages(f, rules, ctx) for _ in range(args.repeats)]
        size = Path(f).stat().st_size
        medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        results.append({"file": f, "bytes": size, "seconds": medians,
                        "seconds_per_mb": {k: v / (size / 1e6) for k, v in medians.items()}})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
