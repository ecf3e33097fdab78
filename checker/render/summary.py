"""The many-reports view: one row per report sorted by score, and how many reports miss each rule.

This is what a city or provincial 督导 office reads after checking every county's report. The
figures are computed here once (``report_rows``, ``rule_misses``) and drawn by the terminal and
Markdown renderers. "Misses" counts the reports where a rule is ``unmet`` or ``missing`` and
not waived — the two statuses that say the target is not reached or not reported at all.

With more than ``DETAIL_LIMIT`` reports the terminal and Markdown outputs show only these
tables: hundreds of per-report sections help no one (use ``--format json`` or ``csv`` for them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import GLYPH, KIND, SEVERITY, STATUS, STYLE, UI, t
from ..model import STATUSES, RunResult
from ..score import counts
from . import RenderOptions

DETAIL_LIMIT = 10
MISS_STATUSES = ("unmet", "missing")

LABELS = {
    "reports_title": ("各报告得分（按得分升序）", "Reports by score (lowest first)"),
    "rules_title": ("各规则未达标/未提及的报告数", "Reports that miss each rule (unmet + missing)"),
    "path": ("文件", "File"),
    "waived": ("已豁免", "waived"),
    "misses": ("缺失报告数", "Reports missing it"),
    "share": ("占比", "Share"),
    "severity": ("级别", "Severity"),
    "checked": ("共检查 {n} 份报告，平均得分 {mean:.1f}，最低 {low:.1f}",
                "{n} reports checked, mean score {mean:.1f}, lowest {low:.1f}"),
    "details_left_out": ("报告超过 {limit} 份，未逐份展开；逐份结果请用 --format json、csv 或 markdown。",
                         "More than {limit} reports: per-report sections are left out; "
                         "use --format json, csv or markdown for them."),
    "warnings": ("警告", "Warnings"),
    "details_left_out_md": ("报告超过 {limit} 份，此处未逐份展开；逐份结果请用 --format json、csv 或 html。",
                            "More than {limit} reports: per-report sections are left out here; "
                            "use --format json, csv or html for them."),
}


@dataclass(frozen=True)
class ReportRow:
    path: str
    kind: str
    year: Optional[int]
    score: float
    counts: dict          # status → number of findings (waived ones included)
    waived: int


@dataclass(frozen=True)
class RuleMiss:
    rule: str
    title_zh: str
    title_en: str
    severity: str
    unmet: int
    missing: int

    @property
    def total(self) -> int:
        return self.unmet + self.missing


def report_rows(run: RunResult) -> list[ReportRow]:
    """One row per report, lowest score first (ties by path, so the order is stable)."""
    rows = [ReportRow(r.path, r.kind, r.year, r.score, counts(r.findings), sum(1 for f in r.findings if f.waived))
            for r in run.reports]
    return sorted(rows, key=lambda row: (row.score, row.path))


def rule_misses(run: RunResult) -> list[RuleMiss]:
    """Per rule, in how many reports it is unmet or missing (not waived, in force); most-missed first."""
    order: dict[str, int] = {}
    info: dict[str, list] = {}
    for r in run.reports:
        for f in r.findings:
            if f.rule not in info:
                order[f.rule] = len(order)
                info[f.rule] = [f.title_zh, f.title_en, f.severity, 0, 0]
            if f.status in MISS_STATUSES and f.counts:
                info[f.rule][3 if f.status == "unmet" else 4] += 1
    misses = [RuleMiss(rule, *vals) for rule, vals in info.items()]
    return sorted(misses, key=lambda m: (-m.total, order[m.rule]))


def mean_and_low(run: RunResult) -> tuple[float, float]:
    scores = [r.score for r in run.reports]
    return (sum(scores) / len(scores), min(scores)) if scores else (0.0, 0.0)


# ---------------------------------------------------------------- terminal
def print_summary(console: Console, run: RunResult, opts: RenderOptions) -> None:
    """Both tables, for the terminal renderer."""
    lang = opts.lang
    mean, low = mean_and_low(run)
    console.print(Text(t(LABELS, "checked", lang, n=len(run.reports), mean=mean, low=low), style="bold"))
    console.print(_reports_table(run, lang))
    console.print(_rules_table(run, lang))
    if len(run.reports) > DETAIL_LIMIT:
        console.print(Text(t(LABELS, "details_left_out", lang, limit=DETAIL_LIMIT), style="dim"))
    console.print()


def _reports_table(run: RunResult, lang: str) -> Table:
    table = Table(title=t(LABELS, "reports_title", lang), title_justify="left", header_style="bold", pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column(t(LABELS, "path", lang), overflow="fold", ratio=1, min_width=30)
    table.add_column(t(UI, "kind", lang), no_wrap=True)
    table.add_column(t(UI, "year", lang), justify="right")
    table.add_column(t(UI, "score", lang), justify="right")
    # Glyph-only status headers leave the width to the paths; the caption is the legend.
    for s in STATUSES:
        table.add_column(Text(GLYPH[s], style=STYLE[s]), justify="right")
    table.add_column(t(LABELS, "waived", lang), justify="right")
    table.caption = "  ".join(f"{GLYPH[s]} {t(STATUS, s, lang)}" for s in STATUSES)
    table.caption_justify = "left"
    from .text import safe as _safe   # report paths are user data: keep control characters visible

    for i, row in enumerate(report_rows(run), 1):
        score = Text(f"{row.score:.1f}", style="green" if row.score >= 60 else "red")
        table.add_row(str(i), Text(_safe(row.path)), t(KIND, row.kind, lang),
                      str(row.year) if row.year else "—", score,
                      *(str(row.counts[s]) for s in STATUSES), str(row.waived) if row.waived else "")
    return table


def _rules_table(run: RunResult, lang: str) -> Table:
    n = len(run.reports) or 1
    table = Table(title=t(LABELS, "rules_title", lang), title_justify="left", header_style="bold", pad_edge=False)
    table.add_column(t(UI, "rule", lang), overflow="fold", ratio=1)
    table.add_column(t(LABELS, "severity", lang), no_wrap=True)
    table.add_column(Text(f"{GLYPH['unmet']}", style=STYLE["unmet"]), justify="right")
    table.add_column(Text(f"{GLYPH['missing']}", style=STYLE["missing"]), justify="right")
    table.add_column(t(LABELS, "misses", lang), justify="right")
    table.add_column(t(LABELS, "share", lang), justify="right")
    for m in rule_misses(run):
        title = m.title_en if lang == "en" else m.title_zh
        table.add_row(Text(f"{title}  {m.rule}"), t(SEVERITY, m.severity, lang), str(m.unmet), str(m.missing),
                      Text(str(m.total), style="bold" if m.total else "dim"), f"{100 * m.total / n:.0f}%")
    table.caption = f"{GLYPH['unmet']} {t(STATUS, 'unmet', lang)}  {GLYPH['missing']} {t(STATUS, 'missing', lang)}"
    table.caption_justify = "left"
    return table
