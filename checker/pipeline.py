"""The whole pipeline for one report: load → normalize → structure → evaluate → score.

What the term matcher remembers about a report's sentences is dropped once the report is
evaluated: it speeds up the many rules asking about the same sentences, and would otherwise
grow with every report of a batch.
"""
from __future__ import annotations

from typing import Optional

from .kinds.common import Context
from .evaluate import evaluate
from .reading.load import load
from .model import Document, ReportResult, Rule, SourceText
from .reading.normalize import normalize
from .score import category_scores, weighted_score
from .reading.structure import structure


def analyse(src: SourceText, rules: list[Rule], ctx: Context, kind: Optional[str] = None,
            year: Optional[int] = None) -> ReportResult:
    doc = structure(normalize(src), kind=kind, year=year)
    return result_for(doc, rules, ctx, src)


def result_for(doc: Document, rules: list[Rule], ctx: Context, src: SourceText) -> ReportResult:
    try:
        findings = evaluate(doc, rules, ctx)
    finally:
        ctx.matcher.forget_sentences()
    return ReportResult(
        path=src.path, kind=doc.kind, year=doc.year, title=doc.title,
        score=weighted_score(findings) or 0.0, categories=category_scores(findings),
        findings=tuple(findings), line_label=src.line_label, encoding=src.encoding,
    )


def check_file(path: str, rules: list[Rule], ctx: Context) -> ReportResult:
    return analyse(load(path), rules, ctx)
