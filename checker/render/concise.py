"""Concise output: one line per finding that is not met, ``path:line: rule status [severity] message``.

Like ruff's ``concise`` format and Vale's ``line`` output: easy to grep, to read in a narrow
terminal and to jump to from an editor. The line is that of the finding's first evidence, or 1
when it has none (a ``missing`` finding is about the whole report). Waived findings are left
out; files that could not be checked are one line each, and so are warnings.
"""
from __future__ import annotations

from ..i18n import MESSAGES, STATUS, localize, severity_word, t
from ..model import RunResult
from . import RenderOptions
from .text import safe

_ORDER = {"unmet": 0, "missing": 1, "unverified": 2, "planned": 3}


def render(run: RunResult, opts: RenderOptions) -> str:
    lang = opts.lang
    lines = []
    for r in run.reports:
        shown = [f for f in r.findings if f.status != "met" and not f.waived]
        shown.sort(key=lambda f: (f.evidence[0].line if f.evidence else 1, _ORDER.get(f.status, 9), f.rule))
        for f in shown:
            line = f.evidence[0].line if f.evidence else 1
            lines.append(f"{safe(r.path)}:{line}: {f.rule} {t(STATUS, f.status, lang)} "
                         f"[{severity_word(f.severity, lang)}] {safe(f.message(lang))}")
    for e in run.errors:
        lines.append(f"{safe(localize(e.message, lang))}")
    for w in run.warnings:
        lines.append(t(MESSAGES, "warning", lang, text=safe(localize(w, lang))))
    return "".join(line + "\n" for line in lines)
