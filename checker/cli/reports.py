"""Sub-commands that compare two reports: ``follow-through PLAN SUMMARY`` and ``diff OLD NEW``.

* ``govedu-check follow-through PLAN SUMMARY`` — did the summary deliver what the plan promised?
  (see :mod:`checker.compare.followthrough`); terminal, JSON or HTML output.
* ``govedu-check diff OLD NEW`` — two drafts of one report: which verdicts changed (rule, old →
  new status, the evidence on each side) and how the score moved; terminal or JSON output.

Both read any input ``check`` reads (.txt/.md/.docx/.html/.pdf, ``-`` for standard input), take
packs, language and context from the command line or the configuration file like ``check``,
and end every user error in one line on stderr with exit code 2. Both exit 0 otherwise: they
inform, they do not gate.
"""
from __future__ import annotations

import io
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .check import Lang
from .output import fail, write_output
from .exitcodes import OK
from ..i18n import GLYPH, STATUS, STYLE, UI, t, where
from ..score import CREDIT

follow_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                         help="Check whether a summary delivered the commitments of a plan.")
diff_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                       help="Compare the verdicts of two drafts of one report.")


class FollowFmt(str, Enum):
    terminal = "terminal"
    json = "json"
    html = "html"


class DiffFmt(str, Enum):
    terminal = "terminal"
    json = "json"


# ================================================================ shared set-up
def _settings(config: Optional[Path], no_config: bool, pack: List[Path], lang: Optional[Lang],
              context: Optional[Path]) -> tuple[list, str, dict, list]:
    """(packs, language, context figures, configured waivers) as ``check`` would resolve them."""
    from ..packs import PackError, load_packs
    from ..run.config import ConfigError, load_config
    from ..run.settings import load_context

    try:
        cfg = load_config(config, isolated=no_config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    values = cfg.values
    packs_given = [str(p) for p in pack] or [str(p) for p in values.get("pack", ())]
    try:
        packs = load_packs(packs_given)
    except PackError as exc:
        raise fail(str(exc)) from None
    lang_value = lang.value if lang else values.get("lang", "zh")
    context_path = context or (Path(values["context"]) if values.get("context") else None)
    try:
        figures = load_context(context_path)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    return packs, lang_value, figures, values.get("waivers")


def _read(path: Path):
    """Load one input (a file or ``-``), or fail with its one-line message."""
    from ..reading.load import InputFileError, load

    try:
        return load(str(path))
    except InputFileError as exc:
        raise fail(str(exc)) from None


def _check_not_both_stdin(a: Path, b: Path) -> None:
    if str(a) == "-" and str(b) == "-":
        raise fail("only one of the two inputs can be '-' (standard input); give the other as a file")


def _render_rich(draw, output: Optional[Path], width: int = 120) -> str:
    """Terminal text drawn with rich; coloured only when printed to a terminal (and NO_COLOR unset)."""
    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False, markup=False, soft_wrap=False)
    draw(console)
    return buf.getvalue()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _safe(s: str) -> str:
    """Report text with control characters (ANSI escapes included) shown, not executed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


# ================================================================ follow-through
@follow_app.command()
def follow_through(
    plan: Path = typer.Argument(..., help="The plan (工作要点/计划), or a report with a plan part; '-' reads stdin."),
    summary: Path = typer.Argument(..., help="The summary (工作总结) of the year the plan was for."),
    fmt: FollowFmt = typer.Option(FollowFmt.terminal, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder (its terms help match subjects)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the output: zh or en [default: zh]."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Read options from this file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """List the plan's commitments and whether the summary shows each delivered, partly, or not at all."""
    from ..compare.followthrough import Keywords, as_dict
    from ..compare.followthrough import follow_through as run_follow_through
    from ..reading.normalize import normalize
    from ..reading.structure import structure

    _check_not_both_stdin(plan, summary)
    packs, lang_value, _, _ = _settings(config, no_config, pack, lang, None)
    plan_src, summary_src = _read(plan), _read(summary)
    keywords = Keywords(t for p in packs for r in p.rules for t in r.terms)
    result = run_follow_through(structure(normalize(plan_src)), structure(normalize(summary_src)), keywords,
                                plan_src.line_label, summary_src.line_label)
    for w in result.warnings:
        typer.echo(f"govedu-check: warning: {w}", err=True)
    if fmt == FollowFmt.json:
        import json

        text = json.dumps(as_dict(result, lang_value), ensure_ascii=False, indent=2) + "\n"
    elif fmt == FollowFmt.html:
        from ..render.html import render_follow_through

        text = render_follow_through(result, lang_value)
    else:
        text = _render_rich(lambda console: follow_terminal(console, result, lang_value), output)
    write_output(text, output)
    raise typer.Exit(OK)


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
            shown.append(_safe(_clip(d.quote, 80)))
            shown.append("\n")
        shown.append(d.message(lang), style="dim")
        table.add_row(str(i), status, promise, shown)
    console.print(table)


def _clip(s: str, n: int) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def _excerpt(s: str, value: Optional[float], n: int) -> str:
    """About ``n`` characters of a long sentence, centred on the figure that decided the verdict."""
    s = s.strip()
    i = s.find(f"{value:g}") if value is not None else -1
    if len(s) <= n or i < 0:
        return _clip(s, n)
    lo = max(0, min(i - n // 2, len(s) - n))
    return ("…" if lo else "") + s[lo:lo + n] + ("…" if lo + n < len(s) else "")


# ================================================================ diff
@diff_app.command()
def diff(
    old: Path = typer.Argument(..., help="The earlier draft; '-' reads standard input."),
    new: Path = typer.Argument(..., help="The later draft."),
    fmt: DiffFmt = typer.Option(DiffFmt.terminal, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder (repeatable)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the output: zh or en [default: zh]."),
    context: Optional[Path] = typer.Option(None, "--context", help="YAML of the bureau's own figures."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Read options from this file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """Show which verdicts changed between two drafts and how the score moved."""
    from ..evaluate import make_context
    from ..packs import all_rules
    from ..pipeline import analyse

    _check_not_both_stdin(old, new)
    packs, lang_value, figures, _ = _settings(config, no_config, pack, lang, context)
    rules = all_rules(packs)
    ctx = make_context(rules, figures)
    old_src, new_src = _read(old), _read(new)
    result = compare(analyse(old_src, rules, ctx), analyse(new_src, rules, ctx))
    if fmt == DiffFmt.json:
        import json

        text = json.dumps(diff_dict(result, lang_value), ensure_ascii=False, indent=2) + "\n"
    else:
        from ..packs import category_titles

        categories = category_titles(packs)
        text = _render_rich(lambda console: diff_terminal(console, result, lang_value, categories), output)
    write_output(text, output)
    raise typer.Exit(OK)


def compare(old, new) -> dict:
    """What changed between two ReportResults of the same packs: verdicts, scores, categories."""
    old_by_rule = {f.rule: f for f in old.findings}
    changes, unchanged = [], 0
    for f_new in new.findings:
        f_old = old_by_rule.get(f_new.rule)
        if f_old is None:
            continue
        if f_old.status == f_new.status:
            unchanged += 1
            continue
        delta = CREDIT[f_new.status] - CREDIT[f_old.status]
        changes.append({"old": f_old, "new": f_new,
                        "direction": "better" if delta > 0 else "worse" if delta < 0 else "same"})
    # Worse changes first (what a reviewer must look at), then by severity and rule.
    order = {"worse": 0, "same": 1, "better": 2}
    severity = {"error": 0, "warning": 1, "info": 2}
    changes.sort(key=lambda c: (order[c["direction"]], severity.get(c["new"].severity, 3), c["new"].rule))
    old_cats = {c.category: c.score for c in old.categories}
    categories = []
    for c in new.categories:
        before = old_cats.get(c.category)
        moved = None if before is None or c.score is None else round(c.score - before, 1)
        categories.append((c.category, before, c.score, moved))
    return {"old": old, "new": new, "changes": changes, "unchanged": unchanged,
            "score_delta": round(new.score - old.score, 1), "categories": categories}


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
                ev.append(_safe(_excerpt(e.text, f.value, 90)))
            else:
                ev.append(f.message(lang), style="dim")
            console.print(ev, soft_wrap=True)   # long sentences wrap in the terminal, not after "第N行"
