"""Scaling: time per MB of one report as it grows, stage by stage, in one warm process.

Run by ``benchmarks/run.py`` in a subprocess of its own. The packs, the term matcher and the
segmenter are loaded and warmed up on a first report, so what is timed is only the work that
grows with the report: load (read + decode), normalize, structure, evaluate (claims, term
matching, checks) and score. The per-sentence caches are emptied before every timed run, so a
repeat never reuses the previous run's work.

    python -m benchmarks.scaling FILE... [--repeats 5] [--no-cache]     # prints JSON
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def _clear_caches(ctx) -> None:
    """Forget what earlier runs computed, so each timed run does all of its work."""
    from checker.language import claims

    claims.forget_claims()
    for name in ("_edges", "boundaries", "_whole"):   # the matcher's per-sentence word edges and hits
        cached = getattr(type(ctx.matcher), name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    if hasattr(ctx.matcher, "forget_sentences"):
        ctx.matcher.forget_sentences()


def disable_sentence_caches(ctx) -> list[str]:
    """Replace the per-sentence caches by the functions they wrap; the names of those replaced.

    The long reports repeat the seeds, and a repeated sentence costs nothing once cached. That
    is real (reports share boilerplate) but it would hide a step that grows faster than the
    text, so scaling is also measured with every sentence worked out afresh.
    """
    import sys

    def per_item(value) -> bool:
        # Bounded caches of many entries are per sentence (or character); unbounded or single-entry
        # ones hold loaded things (the script converter, the pack schema) and stay.
        params = getattr(value, "cache_parameters", None)
        size = params()["maxsize"] if params else None
        return hasattr(value, "__wrapped__") and size is not None and size > 1

    replaced = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("checker") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if per_item(value):
                setattr(module, attr, value.__wrapped__)
                replaced.append(f"{name}.{attr}")
    cls = type(ctx.matcher)
    for attr, value in list(vars(cls).items()):
        if per_item(value):
            setattr(cls, attr, value.__wrapped__)
            replaced.append(f"{cls.__name__}.{attr}")
    return sorted(set(replaced))


def time_stages(path: str, rules, ctx) -> dict:
    from checker.reading.load import load
    from checker.reading.normalize import normalize
    from checker.pipeline import result_for
    from checker.reading.structure import structure

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
    ap.add_argument("--no-cache", action="store_true", help="work out every sentence afresh (see above)")
    args = ap.parse_args(argv)

    from checker.evaluate import make_context
    from checker.packs import all_rules, load_packs
    from checker.pipeline import check_file

    rules = all_rules(load_packs())
    ctx = make_context(rules)
    check_file(args.files[0], rules, ctx)          # warm-up: dictionaries, converters, regexes
    replaced = disable_sentence_caches(ctx) if args.no_cache else []
    results = []
    for f in args.files:
        runs = [time_stages(f, rules, ctx) for _ in range(args.repeats)]
        size = Path(f).stat().st_size
        medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        results.append({"file": f, "bytes": size, "seconds": medians,
                        "seconds_per_mb": {k: v / (size / 1e6) for k, v in medians.items()}})
    print(json.dumps({"caches_disabled": replaced, "sizes": results}))


if __name__ == "__main__":
    main()
