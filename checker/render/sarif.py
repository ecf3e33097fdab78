"""SARIF 2.1.0 output, for GitHub code scanning, GitLab and any SARIF viewer.

One run. Its driver lists one SARIF rule per policy rule — id, a PascalCase name, the title as
short description, the rule's "met when" as full description, the suggestion and the policy
source as help — with the category, weight, pack and threshold(s) as properties. Each finding
that is not ``met`` becomes one result: level from severity (error → error, warning → warning,
info → note), the report's path, and the line of its first evidence (line 1 when the
finding has none, e.g. ``missing``). A waived finding stays in the output with an external
``suppression`` carrying the waiver's reason, so viewers hide it but the audit trail stays.
Unreadable files and waiver warnings become tool execution notifications.

Validated in tests against the official schema (sarif-schema-2.1.0.json).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..model import STDIN_NAMES, Finding, ReportResult, Rule, RunResult
from . import RenderOptions
from .jsontext import dumps

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "govedu-check/v1"


def render(run: RunResult, opts: RenderOptions) -> str:
    # jsontext.dumps is json.dumps(..., ensure_ascii=False, indent=2, allow_nan=False), faster
    return dumps(as_sarif(run, opts)) + "\n"


def as_sarif(run: RunResult, opts: RenderOptions) -> dict:
    rules = _rule_list(run, opts)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(f, report, index, opts) for report in run.reports for f in report.findings
               if f.status != "met"]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "govedu-check",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "invocations": [_invocation(run)],
            "artifacts": [_artifact(r) for r in run.reports],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


# ---------------------------------------------------------------- rules
def _rule_list(run: RunResult, opts: RenderOptions) -> list[dict]:
    """Every loaded rule (opts.rules, in pack order), plus any rule only seen in findings."""
    out = [_descriptor(rule, opts) for rule in opts.rules.values()]
    known = {d["id"] for d in out}
    for report in run.reports:
        for f in report.findings:
            if f.rule not in known:
                known.add(f.rule)
                out.append(_descriptor_from_finding(f, opts))
    return out


def pascal_name(title_en: str, rule_id: str) -> str:
    """``"Closed campus management"`` → ``"ClosedCampusManagement"`` (SARIF wants an identifier)."""
    words = re.findall(r"[A-Za-z0-9]+", title_en) or re.findall(r"[A-Za-z0-9]+", rule_id)
    return "".join(w[:1].upper() + w[1:] for w in words) or rule_id


def source_text(source: dict) -> str:
    """A policy source as one line: document, number (when confirmed), issuer, year; 未核实 when unconfirmed."""
    if not source:
        return ""
    confirmed = source.get("confirmed") is not False
    parts = [str(source[k]) for k in ("document", "number", "issuer") if source.get(k)
             and (k != "number" or confirmed)]
    if source.get("year"):
        parts.append(str(source["year"]))
    text = "；".join(parts)
    if not confirmed:
        text += "（未核实：目标未能从原文确认，仅作提示 / unconfirmed: advisory, not a hard requirement）"
    return text


def _thresholds(rule: Rule) -> list[str]:
    out = []
    for lo, hi, thr in rule.thresholds:
        span = "" if lo is None and hi is None else f" ({lo or '…'}–{hi or '…'})"
        out.append(thr.describe() + span)
    return out


def _descriptor(rule: Rule, opts: RenderOptions) -> dict:
    lang = opts.lang
    title = rule.title_en if lang == "en" else rule.title_zh
    met_when = (rule.met_when_en or rule.met_when_zh) if lang == "en" else (rule.met_when_zh or rule.met_when_en)
    suggestion = rule.suggestion_en if lang == "en" else rule.suggestion_zh
    source = source_text(rule.source)
    thresholds = _thresholds(rule)
    full = met_when or title
    if thresholds:
        full += f" [{', '.join(thresholds)}]"
    force = ""
    if rule.in_force:
        force = f"施行 / in force: 自{rule.in_force.since_zh()}起 / from {rule.in_force.from_text}"
        if rule.in_force.until:
            force += f"，至{rule.in_force.until}年 / until {rule.in_force.until}"
    help_lines = [s for s in (suggestion, f"依据 / Source: {source}" if source else "", force) if s]
    help_md = [s for s in (suggestion, f"**依据 / Source:** {source}" if source else "", force) if s]
    props = {"tags": list(dict.fromkeys((rule.category, rule.pack))),   # SARIF tags must be unique
             "category": rule.category, "pack": rule.pack, "weight": rule.weight, "check": rule.check, "title_zh": rule.title_zh, "title_en": rule.title_en}
    if thresholds:
        props["threshold"] = rule.thresholds[-1][2].describe()   # the current target
        props["thresholds"] = thresholds                          # every target with its years
    if rule.source:
        props["source"] = source
        props["confirmed"] = (rule.source or {}).get("confirmed") is not False
    if rule.in_force:
        props["inForceFrom"] = rule.in_force.from_text
    desc = {
        "id": rule.id,
        "name": pascal_name(rule.title_en, rule.id),
        "shortDescription": {"text": title or rule.id},
        "fullDescription": {"text": full or rule.id},
        "help": {"text": "\n".join(help_lines) or title or rule.id,
                 "markdown": "\n\n".join(help_md) or title or rule.id},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": props,
    }
    url = (rule.source or {}).get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        desc["helpUri"] = url
    return desc


def _descriptor_from_finding(f: Finding, opts: RenderOptions) -> dict:
    title = (f.title_en if opts.lang == "en" else f.title_zh) or f.rule
    suggestion = (f.suggestion_en if opts.lang == "en" else f.suggestion_zh) or title
    return {"id": f.rule, "name": pascal_name(f.title_en, f.rule), "shortDescription": {"text": title},
            "fullDescription": {"text": title}, "help": {"text": suggestion, "markdown": suggestion},
            "defaultConfiguration": {"level": LEVEL[f.severity]},
            "properties": {"tags": [f.category], "category": f.category, "weight": f.weight}}


# ---------------------------------------------------------------- results
def artifact_uri(path: str) -> str:
    """A URI reference for a report path: relative stays relative (posix, percent-encoded)."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(PurePosixPath(*p.parts).as_posix() if p.parts else path, safe="/")


def _location(report: ReportResult, f: Finding) -> list[dict]:
    if report.path in STDIN_NAMES:
        return []   # standard input has no file to point at
    # A finding without evidence (missing) is about the whole report: line 1, as uploaders such
    # as GitHub code scanning want a region on every result.
    physical: dict = {"artifactLocation": {"uri": artifact_uri(report.path)},
                      "region": {"startLine": f.evidence[0].line if f.evidence else 1}}
    return [{"physicalLocation": physical}]


def _result(f: Finding, report: ReportResult, index: dict, opts: RenderOptions) -> dict:
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": opts.gate.level(f),      # error only when it fails the run, as the exit code says
        "message": {"text": f"[{f.status}] {f.message(opts.lang)}"
                    + (f" — {f.in_force_note(opts.lang)}" if not f.in_force else "")},
        "partialFingerprints": {FINGERPRINT_KEY: hashlib.sha256(f"{f.rule}\0{report.path}".encode()).hexdigest()},
        "properties": {"status": f.status, "value": f.value, "unit": f.unit, "threshold": f.threshold,
                       "reportScore": report.score, "inForce": f.in_force, "confirmed": f.confirmed},
    }
    locations = _location(report, f)
    if locations:
        result["locations"] = locations
    if f.waived:
        w = f.waived
        result["suppressions"] = [{
            "kind": "external", "status": "accepted",
            "justification": f"{w.get('reason', '')} (approved by {w.get('approved_by', '?')}, "
                             f"expires {w.get('expires', '?')})",
        }]
    return result


def _artifact(report: ReportResult) -> dict:
    out: dict = {"properties": {"score": report.score, "kind": report.kind, "year": report.year,
                                "title": report.title}}
    if report.path not in STDIN_NAMES:
        out["location"] = {"uri": artifact_uri(report.path)}
        if report.encoding:
            # "utf-8 (with 2 invalid bytes replaced)" → "utf-8": SARIF wants a charset name.
            out["encoding"] = report.encoding.split(" ")[0]
    else:
        out["description"] = {"text": "standard input"}
    return out


def _invocation(run: RunResult) -> dict:
    notes = [{"level": "error", "message": {"text": e.message},
              **({"locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}]}
                 if e.path not in STDIN_NAMES else {})}
             for e in run.errors]
    notes += [{"level": "warning", "message": {"text": w}} for w in run.warnings]
    inv: dict = {"executionSuccessful": bool(run.reports)}
    if notes:
        inv["toolExecutionNotifications"] = notes
    return inv
