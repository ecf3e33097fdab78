"""JSON output: the stable contract described by schemas/report.schema.json."""
from __future__ import annotations

import json

from .. import __version__
from ..model import RunResult
from . import RenderOptions

SCHEMA_VERSION = 1


def as_dict(run: RunResult, opts: RenderOptions) -> dict:
    reports = []
    for r in run.reports:
        findings = []
        for f in r.findings:
            item = {
                "rule": f.rule, "status": f.status, "severity": f.severity,
                "value": f.value, "unit": f.unit, "threshold": f.threshold,
                "message": f.message(opts.lang),
                "evidence": [{"line": e.line, "text": e.text, "modality": e.modality} for e in f.evidence],
            }
            item["in_force"] = f.in_force
            if f.in_force_from:
                item["in_force_from"] = f.in_force_from
            if f.source:
                item["source"] = f.source
            if f.waived:
                item["waived"] = f.waived
            findings.append(item)
        reports.append({
            "path": r.path, "kind": r.kind, "year": r.year, "title": r.title, "score": r.score,
            "line_label": r.line_label,
            "categories": [{"id": c.category, "score": c.score, "counts": c.counts} for c in r.categories],
            "findings": findings,
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "govedu-check", "version": __version__},
        "packs": [{"id": p.id, "version": p.version} for p in run.packs],
        "reports": reports,
        "errors": [{"path": e.path, "message": e.message} for e in run.errors],
        "warnings": list(run.warnings),
    }


def render(run: RunResult, opts: RenderOptions) -> str:
    return json.dumps(as_dict(run, opts), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
