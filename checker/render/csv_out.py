"""CSV output: the per-report × per-rule status matrix, for spreadsheets.

One row per report in input order: path, kind, year, score, the number of findings per status,
then one column per rule (in pack order) holding its status — ``unmet (waived)`` when a waiver
covers it — and a last ``error`` column. A file that could not be read is a row with only its
path and the error, so a 督导 office sees every file it sent in.

The text starts with a UTF-8 byte-order mark so that Excel opens Chinese text correctly;
Python's ``csv`` with ``encoding="utf-8-sig"``, pandas and LibreOffice read it as well. A path
that would start a formula (``=``, ``+``, ``-``, ``@``, their full-width forms ``＝＋－＠`` — which
Excel folds to ASCII — tab or carriage return) is written with a leading ``'``.
"""
from __future__ import annotations

import csv
import io

from ..model import STATUSES, RunResult
from ..score import counts
from . import RenderOptions

BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel; file names are user data (OWASP).
# "-" too (``-2+3+cmd|' /C calc'!A0``), and the full-width forms, which Excel reads as ASCII.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def text_cell(s: str) -> str:
    return "'" + s if s.startswith(_FORMULA_START) else s


def rule_columns(run: RunResult, opts: RenderOptions) -> list[str]:
    """Loaded rules in pack order, then any rule only seen in findings."""
    cols = list(opts.rules)
    seen = set(cols)
    for r in run.reports:
        for f in r.findings:
            if f.rule not in seen:
                seen.add(f.rule)
                cols.append(f.rule)
    return cols


def render(run: RunResult, opts: RenderOptions) -> str:
    rules = rule_columns(run, opts)
    buf = io.StringIO()
    # "\n" rather than csv's "\r\n": the output file is written in text mode, which would turn
    # "\r\n" into "\r\r\n" on Windows.
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["path", "kind", "year", "score", *STATUSES, *rules, "error"])
    for r in run.reports:
        by_rule = {f.rule: f"{f.status} (waived)" if f.waived else f.status for f in r.findings}
        c = counts(r.findings)
        writer.writerow([text_cell(r.path), r.kind, "" if r.year is None else r.year, f"{r.score:.1f}",
                         *(c[s] for s in STATUSES), *(by_rule.get(rule, "") for rule in rules), ""])
    for e in run.errors:
        writer.writerow([text_cell(e.path), "", "", "", *([""] * len(STATUSES)), *([""] * len(rules)),
                         text_cell(e.message)])
    return BOM + buf.getvalue()
