"""The follow-through result in the terminal: each commitment of the plan and what the summary shows."""
from __future__ import annotations


from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import UI, t, where
from .text import clip
from .text import safe as _safe


_FOLLOW_STYLE = {"delivered": "green", "partly": "yellow", "not_mentioned": "bold red"}
FOLLOW_UI = {
    "plan": ("计划", "Plan"),
    "summary": ("总结", "Summary"),
    "commitment": ("承诺", "Commitment"),
    "status": ("兑现情况", "Status"),
    "shown": ("总结中的依据", "What the summary shows"),
    "totals": ("共{n}项承诺", "{n} commitments"),
    "none": ("计划中没有找到带数字或具体措施的承诺。", "No commitments with a figure or a concrete measure were found."),
}


def _doc_line(label: str, info, lang: str) -> Text:
    year = str(info.year) if info.year else t(UI, "unknown", lang)
    line = Text(f"{label}: ", style="bold")
    line.append(_safe(info.path))
    line.append(f"   {t(UI, 'year', lang)}: {year}", style="dim")
    return line


def follow_terminal(console: Console, result, lang: str) -> None:
    from ..compare.followthrough import GLYPHS, LABELS

    console.print(_doc_line(t(FOLLOW_UI, "plan", lang), result.plan, lang))
    console.print(_doc_line(t(FOLLOW_UI, "summary", lang), result.summary, lang))
    counts = result.counts()
    head = Text(t(FOLLOW_UI, "totals", lang).format(n=len(result.items)) + "   ", style="bold")
    for s, n in counts.items():
        head.append(f"{GLYPHS[s]} {t(LABELS, s, lang)} {n}  ", style=_FOLLOW_STYLE[s])
    console.print(head)
    if not result.items:
        console.print(Text(t(FOLLOW_UI, "none", lang)))
        return
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t(FOLLOW_UI, "status", lang), no_wrap=True)
    table.add_column(t(FOLLOW_UI, "commitment", lang), overflow="fold", ratio=1)
    table.add_column(t(FOLLOW_UI, "shown", lang), overflow="fold", ratio=1)
    for i, d in enumerate(result.items, 1):
        c = d.commitment
        status = Text(f"{GLYPHS[d.status]} {t(LABELS, d.status, lang)}", style=_FOLLOW_STYLE[d.status])
        promise = Text(f"{where(c.line, result.plan.line_label, lang)} ", style="dim")
        promise.append(_safe(c.subject))
        if c.figure:
            promise.append(f"  {c.figure}", style="bold")
        shown = Text()
        if d.line is not None:
            shown.append(f"{where(d.line, result.summary.line_label, lang)} ", style="dim")
            shown.append(_safe(clip(d.quote, 80)))
            shown.append("\n")
        shown.append(d.message(lang), style="dim")
        table.add_row(str(i), status, promise, shown)
    console.print(table)
