"""GitLab Code Quality report (``codequality`` artifact): a JSON list of issues.

One issue per finding that is not met and not waived: ``description`` (rule, status and
message), ``check_name`` (the rule id), ``fingerprint`` (stable for a rule in a report, so GitLab
can tell new issues from fixed ones), ``severity`` and ``location.path`` with ``lines.begin`` —
the line of the first evidence, or 1 when there is none.

The severity comes from the run's gate (run/gate.py), as the exit code does: a finding that
fails the run is ``blocker``; any other shortfall of an error rule ``major``, of a warning rule
``minor``; an info rule ``info``. So the merge-request widget blocks exactly what the CI job fails on.
"""
from __future__ import annotations

import hashlib
import json

from ..i18n import STATUS, t
from ..model import STDIN_NAMES, Finding, RunResult
from . import RenderOptions


def severity(f: Finding, gate) -> str:
    level = gate.level(f)
    if level == "error":
        return "blocker"
    if level == "note":
        return "info"
    return "major" if f.severity == "error" else "minor"


def fingerprint(rule: str, path: str) -> str:
    return hashlib.sha256(f"govedu-check\0{rule}\0{path}".encode("utf-8")).hexdigest()


def issues(run: RunResult, opts: RenderOptions) -> list[dict]:
    out = []
    for r in run.reports:
        path = "-" if r.path in STDIN_NAMES else r.path
        for f in r.findings:
            if f.status == "met" or f.waived:
                continue
            out.append({
                "description": f"{f.rule} {t(STATUS, f.status, opts.lang)}: {f.message(opts.lang)}",
                "check_name": f.rule,
                "fingerprint": fingerprint(f.rule, r.path),
                "severity": severity(f, opts.gate),
                "location": {"path": path, "lines": {"begin": f.evidence[0].line if f.evidence else 1}},
                "categories": ["Compliance"],
            })
    return out


def render(run: RunResult, opts: RenderOptions) -> str:
    return json.dumps(issues(run, opts), ensure_ascii=False, indent=2) + "\n"
