"""GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message``.

One annotation per finding that is not ``met``, not waived and in force, at the line of its first
evidence (file-level when it has none): a finding that fails the run's gate → ``::error``, any
other shortfall → ``::warning`` (``::notice`` for ``info`` rules), so the annotations agree with
the exit code. Unreadable files are ``::error`` lines on the file and
waiver warnings ``::warning`` lines. Values are escaped as the runner expects: ``%``, CR and LF
everywhere, and also ``:`` and ``,`` inside properties.
"""
from __future__ import annotations

from ..model import STDIN_NAMES, RunResult
from . import RenderOptions
from .text import source_text

COMMAND = {"error": "error", "warning": "warning", "note": "notice"}   # gate level → command


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    """``::kind k=v,…::message`` with properties in the given order, empty ones left out."""
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{kind}{' ' + fields if fields else ''}::{escape_data(message)}"


def render(run: RunResult, opts: RenderOptions) -> str:
    lines = []
    for report in run.reports:
        path = None if report.path in STDIN_NAMES else report.path
        for f in report.findings:
            if f.status == "met" or not f.counts:
                continue
            title = f.title_en if opts.lang == "en" else f.title_zh
            line = f.evidence[0].line if f.evidence else None
            src = source_text(f.source, opts.lang)
            lines.append(command(COMMAND[opts.gate.level(f)], f"[{f.status}] {f.message(opts.lang)}"
                                 + (f"\n{src}" if src else ""),
                                 file=path, line=line, title=f"govedu-check {f.rule} ({title})"))
        if opts.gate.silent_fails(report):
            from ..run.gate import nothing_mentioned

            lines.append(command("error", nothing_mentioned([report])[0], file=path,
                                 title="govedu-check: no rule's subject mentioned"))
    for e in run.errors:
        lines.append(command("error", e.message, file=None if e.path in STDIN_NAMES else e.path,
                             title="govedu-check: file not checked"))
    for w in run.warnings:
        lines.append(command("warning", w, title="govedu-check waiver"))
    return "".join(line + "\n" for line in lines)
