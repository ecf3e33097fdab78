"""Terminal output with rich: header, score, findings by category, top gaps.

For several reports the per-report sections are followed by the batch summary (render/summary.py):
reports sorted by score and the rules most reports miss. Above ``summary.DETAIL_LIMIT`` reports
only the summary is shown. Waiver warnings and unreadable files close the output.

Report text is always passed to rich as ``Text`` (never markup), so a report containing
``[bold red]`` or escape sequences prints them literally.
"""
from __future__ import annotations

import io

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .. import regexcache
from ..i18n import GLYPH, KIND, MODALITY, PROVENANCE, STATUS, STYLE, UI, severity_word, t, where
from ..model import ReportResult, RunResult, show_value
from ..score import counts
from . import RenderOptions
from .text import source_text
from .summary import DETAIL_LIMIT, print_summary
from .summary import LABELS

_CONTROL = regexcache.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# Below this many columns the findings are stacked instead of tabled.
STACK_BELOW = 100
_STATUS_ORDER = {"unmet": 0, "missing": 1, "unverified": 2, "planned": 3, "met": 4}


def _safe(s: str) -> str:
    """Report text with control characters (ANSI escapes included) made visible, not executed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def _clip(s: str, n: int) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def _around(s: str, value, n: int) -> str:
    """About ``n`` characters of ``s``, centred on the figure that decided the finding."""
    s = s.strip()
    if len(s) <= n:
        return s
    i = s.find(f"{value:g}") if value is not None else -1
    if i < 0:
        return _clip(s, n)
    lo = max(0, min(i - n // 2, len(s) - n))
    return ("…" if lo else "") + s[lo:lo + n] + ("…" if lo + n < len(s) else "")


def _value_cell(f, lang: str) -> str:
    v = show_value(f.value, f.unit, lang, space=True)
    thr = (f.threshold_en if lang == "en" else f.threshold) or f.threshold or ""
    if v and thr:
        return f"{v} / {thr}"
    return v or thr


def _report(console: Console, r: ReportResult, run: RunResult, opts: RenderOptions) -> None:
    lang = opts.lang
    kind = t(KIND, r.kind, lang)
    year = str(r.year) if r.year else t(UI, "unknown", lang)
    head = Text()
    head.append(f"{t(UI, 'report', lang)}: ", style="bold")
    head.append(_safe(r.path))
    if r.title:
        head.append("  " + _safe(_clip(r.title, 60)), style="italic")
    console.print(head)
    packs = ", ".join(f"{p.id}@{p.version}" for p in run.packs)
    console.print(Text(f"{t(UI, 'kind', lang)}: {kind}   {t(UI, 'year', lang)}: {year}   "
                       f"{t(UI, 'packs', lang)}: {packs}"))
    c = counts(r.findings)
    score_line = Text(f"{t(UI, 'score', lang)}: ", style="bold")
    score_line.append(f"{r.score:.1f}/100", style="bold green" if r.score >= 60 else "bold red")
    score_line.append("   ")
    for s in ("met", "unmet", "planned", "unverified", "missing"):
        score_line.append(f"{GLYPH[s]} {t(STATUS, s, lang)} {c[s]}  ", style=STYLE[s])
    waived = sum(1 for f in r.findings if f.waived)
    if waived:
        score_line.append(f"({t(LABELS, 'waived', lang)} {waived})", style="dim")
    console.print(score_line)

    by_cat: dict[str, list] = {}
    for f in r.findings:
        by_cat.setdefault(f.category, []).append(f)
    cat_scores = {cs.category: cs.score for cs in r.categories}
    if opts.width < STACK_BELOW:
        _findings_stacked(console, r, by_cat, cat_scores, opts)
        _gaps(console, r, lang)
        return
    # The rule column is never narrower than the longest id, so an id is never cut mid-word.
    id_width = max((len(f.rule) for f in r.findings), default=10)
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False, pad_edge=False)
    table.add_column(t(UI, "rule", lang), overflow="fold", min_width=id_width, max_width=max(34, id_width))
    table.add_column(t(UI, "status", lang), no_wrap=True)
    table.add_column(t(UI, "value", lang), overflow="fold", max_width=18)
    table.add_column(t(UI, "evidence", lang), overflow="fold", ratio=1)
    for cat, fs in by_cat.items():
        zh, en = opts.categories.get(cat, (cat, cat))
        score = cat_scores.get(cat)
        label = Text(f"{en if lang == 'en' else zh}", style="bold magenta")
        if score is not None:
            label.append(f"  {score:.0f}", style="magenta")
        table.add_row(label, "", "", "")
        for f in sorted(fs, key=lambda f: (not f.in_force, _STATUS_ORDER[f.status], f.rule)):
            title = f.title_en if lang == "en" else f.title_zh
            status = Text(f"{GLYPH[f.status]} {t(STATUS, f.status, lang)}", style=STYLE[f.status])
            if f.waived:
                status.append(" (waived)" if lang == "en" else "（已豁免）", style="dim")
            if not f.in_force:
                status = Text(f"{GLYPH[f.status]} {t(STATUS, f.status, lang)}", style="dim")
                status.append("\n" + t(PROVENANCE, "not_in_force", lang), style="dim")
            ev = Text()
            if not f.in_force:
                ev.append(_safe(f.in_force_note(lang)) + "\n", style="bold")
            if f.evidence:
                e = f.evidence[0]
                ev.append(f"{where(e.line, r.line_label, lang)}·{t(MODALITY, e.modality, lang)} ", style="dim")
                ev.append(_safe(_around(e.text, f.value, 90)))
            ev.append(("\n" if f.evidence else "") + _safe(f.message(lang)), style="dim")
            src = source_text(f.source, lang, short=True)
            if src:
                ev.append("\n" + _safe(src), style="yellow" if not f.confirmed else "dim")
            table.add_row(Text(f"{title}\n{f.rule}"), status, _value_cell(f, lang), ev)
    console.print(table)
    _gaps(console, r, lang)


def _findings_stacked(console: Console, r: ReportResult, by_cat: dict, cat_scores: dict,
                      opts: RenderOptions) -> None:
    """The findings for a narrow terminal, as ruff's ``full`` format lays them out: status, rule id
    and title on one line; value, evidence and message indented under it."""
    lang = opts.lang
    excerpt = max(16, (opts.width - 14) // 2)     # Chinese characters take two cells
    for cat, fs in by_cat.items():
        zh, en = opts.categories.get(cat, (cat, cat))
        label = Text(f"{en if lang == 'en' else zh}", style="bold magenta")
        score = cat_scores.get(cat)
        if score is not None:
            label.append(f"  {score:.0f}", style="magenta")
        console.print(label)
        for f in sorted(fs, key=lambda f: (not f.in_force, _STATUS_ORDER[f.status], f.rule)):
            title = f.title_en if lang == "en" else f.title_zh
            head = Text("  ")
            head.append(f"{GLYPH[f.status]} {t(STATUS, f.status, lang)}",
                        style=STYLE[f.status] if f.in_force else "dim")
            if f.waived:
                head.append(" (waived)" if lang == "en" else "（已豁免）", style="dim")
            head.append("  ")
            head.append(f.rule, style="bold")
            unconfirmed = f" · {t(PROVENANCE, 'unconfirmed', lang)}" if not f.confirmed else ""
            head.append(f"  [{severity_word(f.severity, lang)}{unconfirmed}]  ", style="dim")
            head.append(_safe(title))
            if not f.in_force:
                head.append(f"（{t(PROVENANCE, 'not_in_force', lang)}）", style="dim")
            console.print(head)
            body = Text()
            value = _value_cell(f, lang)
            if value:
                body.append(value + "\n")
            if f.evidence:
                e = f.evidence[0]
                body.append(f"{where(e.line, r.line_label, lang)}·{t(MODALITY, e.modality, lang)} ", style="dim")
                body.append(_safe(_around(e.text, f.value, excerpt)) + "\n")
            if not f.in_force:
                body.append(_safe(f.in_force_note(lang)) + "\n", style="bold")
            body.append(_safe(f.message(lang)), style="dim")
            src = source_text(f.source, lang, short=True)
            if src:
                body.append("\n" + _safe(src), style="yellow" if not f.confirmed else "dim")
            console.print(Padding(body, (0, 0, 0, 6)))


def _gaps(console: Console, r: ReportResult, lang: str) -> None:
    gaps = [f for f in r.findings if f.status in ("unmet", "missing", "unverified") and f.counts]
    # A stated shortfall first, then by severity: what a reviewer will object to before what is absent.
    gaps.sort(key=lambda f: (f.status != "unmet", _SEVERITY_ORDER[f.severity], _STATUS_ORDER[f.status],
                             -f.weight, f.rule))
    console.print(Text(t(UI, "gaps", lang), style="bold"))
    if not gaps:
        console.print(Text("  " + t(UI, "no_gaps", lang)))
    for i, f in enumerate(gaps[:5], 1):
        title = f.title_en if lang == "en" else f.title_zh
        line = Text(f"  {i}. ")
        line.append(f"{GLYPH[f.status]} {title}", style=STYLE[f.status])
        unconfirmed = f" · {t(PROVENANCE, 'unconfirmed', lang)}" if not f.confirmed else ""
        line.append(f" [{severity_word(f.severity, lang)}{unconfirmed}] ", style="dim")
        line.append(_safe(f.suggestion_en if lang == "en" else f.suggestion_zh) or _safe(f.message(lang)))
        console.print(line)
    console.print()


def render(run: RunResult, opts: RenderOptions) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=opts.color, no_color=not opts.color, width=opts.width,
                      highlight=False, emoji=False, markup=False, soft_wrap=False)
    if len(run.reports) <= DETAIL_LIMIT:
        for r in run.reports:
            _report(console, r, run, opts)
    if len(run.reports) > 1:
        print_summary(console, run, opts)
    if run.warnings:
        console.print(Text(t(LABELS, "warnings", opts.lang), style="bold yellow"))
        for w in run.warnings:
            console.print(Text(f"  {_safe(w)}"))
    if run.errors:
        console.print(Text(t(UI, "errors", opts.lang), style="bold red"))
        for e in run.errors:
            console.print(Text(f"  {_safe(e.message)}"))
    return buf.getvalue()
