"""What the checking of one report hands back when ``--format json`` is written report by report.

The report's JSON text, its *gist* and its warning are worked out where the report was checked —
in a pool's worker process — so the parent process only writes text. Before, the parent
unpickled every full result (0.44 ms a report of the varied corpus), encoded it (0.58 ms) and
cut its gist (0.11 ms) beside two busy workers on a 2-core machine; now it unpickles the
gist and the text (0.09 ms). ``prepare`` is module-level, so a pool can pickle it by reference.
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from ..memo import IdentityMemo
from ..model import ReportResult
from ..render.json_out import report_text
from .gate import nothing_mentioned


class Streamed(NamedTuple):
    gist: ReportResult      # what the gate, the waiver and context warnings read (see gist())
    text: str               # the report as json_out.report_text writes it
    warnings: list          # nothing_mentioned of the whole report (the gist has fewer findings)


def prepare(report: ReportResult, lang: str, waived_rules: frozenset) -> Streamed:
    return Streamed(gist(report, waived_rules), report_text(report, lang), nothing_mentioned([report]))


_BARE = IdentityMemo(4096)        # a shared finding's bare copy


def gist(report: ReportResult, waived_rules) -> ReportResult:
    """The report with only the findings the gate or a waiver can concern, stripped of their texts."""

    def bare(f):
        # the gate reads rule, status, severity and in_force; waivers rule and waived. The rest
        # is text that would stay in memory for every report of the run (25 KB a report).
        return replace(f, message_zh="", message_en="", evidence=(), title_zh="", title_en="",
                       suggestion_zh="", suggestion_en="", threshold=None, threshold_en=None, source=None,
                       in_force_note_zh="", in_force_note_en="", in_force_from=None, without_shortfall=None)

    def bare_once(f):
        # a finding without evidence is shared by the reports that do not mention its rule
        # (evaluate.py): strip it once
        return bare(f) if f.evidence else _BARE.get(f, None, lambda: bare(f))

    keep = [bare_once(f) for f in report.findings
            if f.status != "met" and (f.severity == "error" or f.rule in waived_rules)]
    if keep and all(f.status == "missing" for f in keep):
        # keep one mentioned finding, so the gist mentions something exactly when the report does
        keep += [bare_once(f) for f in report.findings if f.status != "missing"][:1]
    return replace(report, findings=tuple(keep), categories=())
