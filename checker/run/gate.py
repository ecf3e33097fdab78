"""The one failure policy: which findings fail a run, and why the run fails.

``--fail-on`` (statuses of ``error``-severity rules in force), ``--fail-under`` (a report's score)
and waivers decide it here and nowhere else. The default fails an error rule in force that is not
met — unmet, only planned, unquantified or not reported — and a report that mentions no rule's
subject at all: so deleting a sentence that states a shortfall never turns a failing run into a
passing one (docs/scoring.md). A rule not in force in the report's year never fails it. The exit code, JUnit ``<failure>`` elements, GitHub
``::error`` annotations, SARIF levels and the Markdown report all ask :meth:`Gate.fails`, so no
output can call a finding a failure that the exit code lets pass, or the reverse.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import Finding, ReportResult

DEFAULT_FAIL_ON = ("unmet", "planned", "unverified", "missing")


@dataclass(frozen=True)
class Gate:
    fail_on: tuple[str, ...] = DEFAULT_FAIL_ON
    fail_under: Optional[float] = None

    def fails(self, f: Finding) -> bool:
        """Whether this finding fails the run: an error-severity rule in force with a --fail-on status,
        not waived."""
        return f.severity == "error" and f.status in self.fail_on and f.counts

    def level(self, f: Finding) -> str:
        """How an output marks a finding: ``error`` (it fails the run), ``warning`` (a shortfall that
        does not fail it), ``note`` (an info rule), or ``none`` (met: nothing to show). A waived
        finding never fails the run; outputs also show it as waived."""
        if f.status == "met" or not f.in_force:
            return "none"
        if self.fails(f):
            return "error"
        return "note" if f.severity == "info" else "warning"

    def silent_fails(self, report: ReportResult) -> bool:
        """A report that mentions no rule's subject fails whenever ``missing`` fails (the default)."""
        return "missing" in self.fail_on and mentions_nothing(report)

    def report_fails(self, report: ReportResult) -> bool:
        return (self.fail_under is not None and report.score < self.fail_under) or any(
            self.fails(f) for f in report.findings) or self.silent_fails(report)

    def reasons(self, reports: Iterable[ReportResult]) -> list[str]:
        """Why the gate fails (one line per reason), or [] when it passes."""
        reports = list(reports)
        out = []
        if self.fail_under is not None:
            low = [r for r in reports if r.score < self.fail_under]
            if low:
                worst = min(low, key=lambda r: (r.score, r.path))
                out.append(f"{len(low)} of {len(reports)} report(s) score below --fail-under {self.fail_under:g} "
                           f"(lowest: {worst.path} {worst.score:.1f})")
        if self.fail_on:
            hits = [(r, f) for r in reports for f in r.findings if self.fails(f)]
            if hits:
                r, f = hits[0]
                n_reports = len({id(r) for r, _ in hits})
                out.append(f"{len(hits)} error-severity finding(s) with status {'/'.join(self.fail_on)} "
                           f"in {n_reports} report(s) (first: {f.rule} is {f.status} in {r.path})")
            silent = [r for r in reports if self.silent_fails(r)]
            if silent:
                out.append(f"{len(silent)} report(s) mention no rule's subject at all (first: {silent[0].path})")
        return out


def mentions_nothing(report: ReportResult) -> bool:
    """No rule's subject is mentioned: an empty file, the wrong file, or text that is no work report."""
    return bool(report.findings) and all(f.status == "missing" for f in report.findings)


def nothing_mentioned(reports: Iterable[ReportResult]) -> list[str]:
    """A warning for each report that mentions no rule's subject at all: an empty file, the wrong
    file, or text the checker cannot read as a work report; it fails the default gate."""
    return [f"{r.path}: 未提及任何规则的主题（{len(r.findings)} 条全部未提及）——这是教育局的工作报告吗？ / "
            f"no rule's subject is mentioned (all {len(r.findings)} missing) — "
            "is this an education bureau's work report?"
            for r in reports if mentions_nothing(r)]
