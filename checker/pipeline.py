"""The whole pipeline for one report: load → normalize → structure → evaluate → waive → score.

Waivers are applied to the findings before the score is computed, so a report's score is
computed once, here, and every output and the gate read the same numbers.

What the term matcher remembers about a report's sentences is dropped once the report is
evaluated: it speeds up the many rules asking about the same sentences, and would otherwise
grow with every report of a batch.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Optional

from .evaluate import evaluate
from .kinds.common import Context
from .model import Document, ReportResult, Rule, SourceText
from .reading.load import load
from .reading.normalize import has_invisible, normalize
from .reading.structure import structure
from .score import category_scores, weighted_score


def analyse(src: SourceText, rules: list[Rule], ctx: Context, kind: Optional[str] = None,
            year: Optional[int] = None, waivers: Iterable = (),
            figures_for: Optional[Callable[[str, str], dict]] = None) -> ReportResult:
    """``figures_for(path, title)``, when given, supplies this report's own figures (a ``--context``
    table); the context is copied with them, its matcher shared."""
    doc = structure(normalize(src), kind=kind, year=year)
    if figures_for is not None:
        ctx = replace(ctx, figures={**ctx.figures, **figures_for(src.path, doc.title)})
    return result_for(doc, rules, ctx, src, waivers)


def result_for(doc: Document, rules: list[Rule], ctx: Context, src: SourceText,
               waivers: Iterable = ()) -> ReportResult:
    try:
        findings = evaluate(doc, rules, ctx)
    finally:
        ctx.matcher.forget_sentences()
    if src.line_map:
        findings = [_to_source_lines(f, src.line_map) for f in findings]
    findings = [_note_invisible(f) for f in findings]
    if waivers:
        from .run.waivers import waive

        findings = list(waive(findings, src.path, waivers))
    return ReportResult(
        path=src.path, kind=doc.kind, year=doc.year, title=doc.title,
        score=weighted_score(findings) or 0.0, categories=category_scores(findings),
        findings=tuple(findings), line_label=src.line_label, encoding=src.encoding,
    )


def _to_source_lines(finding, line_map: tuple):
    """The finding with its evidence lines moved from extracted text to the original file (.html)."""
    from dataclasses import replace

    if not finding.evidence:
        return finding
    moved = tuple(replace(e, line=line_map[e.line - 1]) if 0 < e.line <= len(line_map) else e
                  for e in finding.evidence)
    return replace(finding, evidence=moved)


def check_file(path: str, rules: list[Rule], ctx: Context, waivers: Iterable = (),
               figures_for: Optional[Callable[[str, str], dict]] = None) -> ReportResult:
    return analyse(load(path), rules, ctx, waivers=waivers, figures_for=figures_for)


INVISIBLE_NOTE_ZH = "（依据原文含不可见字符（零宽字符、双向控制符等），已忽略后判断）"
INVISIBLE_NOTE_EN = " (the quoted text holds invisible characters — zero-width or bidi controls — ignored when reading it)"


def _note_invisible(finding):
    """Say so in the message when the evidence holds characters the normalizer dropped."""
    if not any(has_invisible(e.text) for e in finding.evidence):
        return finding
    from dataclasses import replace

    return replace(finding, message_zh=finding.message_zh + INVISIBLE_NOTE_ZH,
                   message_en=finding.message_en + INVISIBLE_NOTE_EN)
