"""The diff of two drafts as data (JSON) and in the terminal."""
from __future__ import annotations

from typing import Optional

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import GLYPH, STATUS, STYLE, t, where
from .text import excerpt
from .text import safe as _safe


def _evidence(f) -> list[dict]:
    return [{"line": e.line, "text": e.text, "modality": e.modality} for e in f.evidence]


def _side(f, lang: str) -> dict:
    return {"status": f.status, "value": f.value, "unit": f.unit, "message": f.message(lang),
            "evidence": _evidence(f)}


def diff_dict(result: dict, lang: str = "zh") -> dict:
    from .. import __version__

    def report(r) -> dict:
        return {"path": r.path, "kind": r.kind, "year": r.year, "score": r.score, "line_label": r.line_label}

    return {
        "schema_version": 1,
        "tool": {"name": "govedu-check", "version": __version__},
        "old": report(result["old"]),
        "new": report(result["new"]),
        "score_delta": result["score_delta"],
        "categories": [{"id": cat, "old": before, "new": after, "delta": moved}
                       for cat, before, after, moved in result["categories"]],
        "changes": [{
            "rule": c["new"].rule,
            "title": c["new"].title_en if lang == "en" else c["new"].title_zh,
            "category": c["new"].category,
            "severity": c["new"].severity,
            "direction": c["direction"],
            "old": _side(c["old"], lang),
            "new": _side(c["new"], lang),
        } for c in result["changes"]],
        "unchanged": result["unchanged"],
    }


DIFF_UI = {
    "score": ("得分", "Score"),
    "changed": ("结论变化（{n}条，{same}条未变）", "Changed verdicts ({n}; {same} unchanged)"),
    "none": ("两稿的结论完全相同。", "The two drafts have the same verdicts."),
    "old": ("旧稿", "old"),
    "new": ("新稿", "new"),
    "categories": ("类别得分", "Category scores"),
    "better": ("改善", "better"),
    "worse": ("变差", "worse"),
    "same": ("变化", "changed"),
}
_DIRECTION_STYLE = {"better": "green", "worse": "bold red", "same": "yellow"}


def _signed(x: Optional[float]) -> str:
    return "—" if x is None else f"{x:+.1f}"


def _score(x: Optional[float]) -> str:
    return "—" if x is None else f"{x:.1f}"


def diff_terminal(console: Console, result: dict, lang: str, categories: dict) -> None:
    old, new = result["old"], result["new"]
    console.print(Text(f"{t(DIFF_UI, 'old', lang)}: {_safe(old.path)}", style="bold"))
    console.print(Text(f"{t(DIFF_UI, 'new', lang)}: {_safe(new.path)}", style="bold"))
    delta = result["score_delta"]
    line = Text(f"{t(DIFF_UI, 'score', lang)}: {old.score:.1f} → {new.score:.1f}  ", style="bold")
    line.append(f"({_signed(delta)})", style="green" if delta > 0 else "bold red" if delta < 0 else "dim")
    console.print(line)

    moved = [c for c in result["categories"] if c[3]]
    if moved:
        table = Table(title=t(DIFF_UI, "categories", lang), title_justify="left", show_header=False,
                      pad_edge=False, box=None)
        for cat, before, after, d in moved:
            zh, en = categories.get(cat, (cat, cat))
            table.add_row(Text(en if lang == "en" else zh), f"{_score(before)} → {_score(after)}",
                          Text(_signed(d), style="green" if d > 0 else "bold red"))
        console.print(table)

    changes = result["changes"]
    if not changes:
        console.print(Text(t(DIFF_UI, "none", lang)))
        return
    console.print(Text(t(DIFF_UI, "changed", lang).format(n=len(changes), same=result["unchanged"]), style="bold"))
    for c in changes:
        f_old, f_new = c["old"], c["new"]
        title = f_new.title_en if lang == "en" else f_new.title_zh
        head = Text(f"{GLYPH[f_old.status]} {t(STATUS, f_old.status, lang)}", style=STYLE[f_old.status])
        head.append(" → ")
        head.append(f"{GLYPH[f_new.status]} {t(STATUS, f_new.status, lang)}", style=STYLE[f_new.status])
        head.append(f"  {title} ", style="bold")
        head.append(f"{f_new.rule} ", style="dim")
        head.append(f"[{t(DIFF_UI, c['direction'], lang)}]", style=_DIRECTION_STYLE[c["direction"]])
        console.print(head)
        for label, f, r in ((t(DIFF_UI, "old", lang), f_old, old), (t(DIFF_UI, "new", lang), f_new, new)):
            ev = Text(f"    {label}: ", style="dim")
            if f.evidence:
                e = f.evidence[0]
                ev.append(f"{where(e.line, r.line_label, lang)} ", style="dim")
                ev.append(_safe(excerpt(e.text, f.value, 90)))
            else:
                ev.append(f.message(lang), style="dim")
            console.print(ev, soft_wrap=True)   # long sentences wrap in the terminal, not after "第N行"
