"""JSON output: the stable contract described by schemas/report.schema.json."""
from __future__ import annotations

from .. import __version__
from ..memo import IdentityMemo
from ..model import ReportResult, RunResult
from . import RenderOptions
from .jsontext import Encoded, dumps

SCHEMA_VERSION = 1
# How deep a report sits in the document: {"reports": [report]}; its text is indented so.
REPORT_DEPTH = 2


# Where a finding sits: in the ``findings`` list of a report.
FINDING_DEPTH = REPORT_DEPTH + 2
# Findings without evidence (rules a report does not mention) are shared by every report of the
# same year and kind (evaluate.py), so their text is written once per language and kept here:
# by the finding's identity and the language. Two in three findings with the 93 rules of catalog v2.
_SHARED = IdentityMemo(4096)


def report_dict(r: ReportResult, lang: str) -> dict:
    """One report of the document's ``reports`` list."""
    findings = []
    for f in r.findings:
        if not f.evidence:
            findings.append(_SHARED.get(f, lang, lambda: Encoded(finding_dict(f, lang), FINDING_DEPTH)))
        else:
            findings.append(finding_dict(f, lang))
    return {
        "path": r.path, "kind": r.kind, "year": r.year, "title": r.title, "score": r.score,
        "line_label": r.line_label,
        "categories": [{"id": c.category, "score": c.score, "counts": c.counts} for c in r.categories],
        "findings": findings,
    }


def finding_dict(f, lang: str) -> dict:
    """One finding of a report's ``findings`` list."""
    item = {
        "rule": f.rule, "status": f.status, "severity": f.severity,
        "value": f.value, "unit": f.unit, "threshold": f.threshold,
        "message": f.message(lang),
        "evidence": [{"line": e.line, "text": e.text, "modality": e.modality} for e in f.evidence],
    }
    item["in_force"] = f.in_force
    if f.in_force_from:
        item["in_force_from"] = f.in_force_from
    if f.source:
        item["source"] = f.source
    if f.waived:
        item["waived"] = f.waived
    return item


def report_text(r: ReportResult, lang: str) -> str:
    """One report as the whole document writes it: indented for its place in the ``reports``
    list, without the leading indentation of its first line."""
    return dumps(report_dict(r, lang), REPORT_DEPTH)


def as_dict(run: RunResult, opts: RenderOptions) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "govedu-check", "version": __version__},
        "packs": [{"id": p.id, "version": p.version} for p in run.packs],
        "reports": [report_dict(r, opts.lang) for r in run.reports],
        "errors": [{"path": e.path, "message": e.message} for e in run.errors],
        "warnings": list(run.warnings),
    }


def render(run: RunResult, opts: RenderOptions) -> str:
    # jsontext.dumps is json.dumps(..., ensure_ascii=False, indent=2, allow_nan=False), faster
    return dumps(as_dict(run, opts)) + "\n"
