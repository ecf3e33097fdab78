"""The dashboard's file size for N corpus reports, and what it is made of (a measurement, not a test).

    python -m benchmarks.dashboard_size [--n 200 1000] [--jobs 2] [--keep DIR]

Builds the deterministic corpus (``benchmarks.corpus``), checks it with ``--format html`` through
the real command line and prints, per N: the file's size, its gzip size, and the bytes of the
reports' on-demand findings, of the overview data and of the overview table. The figures in
docs/html-report.md come from this.
"""
from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .corpus import write_corpus


def measure(html: Path) -> dict:
    data = html.read_bytes()
    text = data.decode("utf-8")
    details = sum(len(b.encode("utf-8")) for b in
                  re.findall(r'<script type="application/json" id="r-\d+">(.*?)</script>', text, re.S))
    main = re.search(r'id="govedu-data">(.*?)</script>', text, re.S)
    table = re.search(r'<table class="overview".*?</table>', text, re.S)
    return {"bytes": len(data), "gzip": len(gzip.compress(data)), "findings": details,
            "data": len(main.group(1).encode("utf-8")) if main else 0,
            "table": len(table.group(0).encode("utf-8")) if table else 0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[200, 1000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="write the corpora and pages here instead of a temporary folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        for n in args.n:
            corpus = root / f"corpus-{n}"
            write_corpus(corpus, n)
            out = root / f"dashboard-{n}.html"
            subprocess.run([sys.executable, "-m", "checker", str(corpus), "--format", "html", "-o", str(out),
                            "--no-config", "--jobs", str(args.jobs), "--exit-zero"],
                           check=True, stderr=subprocess.DEVNULL)
            m = measure(out)
            print(f"{n:>6} reports: {m['bytes'] / 1e6:6.2f} MB (gzip {m['gzip'] / 1e6:.2f} MB); "
                  f"findings on demand {m['findings'] / 1e6:.2f} MB, overview data {m['data'] / 1e6:.2f} MB, "
                  f"overview table {m['table'] / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
