"""JUnit XML output, which GitLab, Jenkins and most CI servers show as test results.

One ``<testsuite>`` per report (named by its path, with score/kind/year as properties) and one
``<testcase>`` per rule (classname = the rule's category, name = the rule id). A finding that
fails the run's gate (``checker.run.gate``: by default an ``error``-severity rule that is
``unmet``; ``--fail-on`` widens it) gets a ``<failure>`` whose message is the finding's message; a waived one is ``<skipped>`` with the waiver's reason; every other
finding passes, with its status and message in ``<system-out>`` so nothing is lost. A report
that could not be read becomes a suite holding one test case with an ``<error>``.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import regexcache
from ..i18n import STATUS, severity_word, where
from ..model import Finding, InputError, ReportResult, RunResult, show_value
from . import RenderOptions
from .text import source_text

# Characters XML 1.0 cannot carry at all (report text may contain them).
_XML_INVALID = regexcache.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def render(run: RunResult, opts: RenderOptions) -> str:
    root = ET.Element("testsuites", name="govedu-check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in run.reports:
        suite = _suite(report, opts)
        root.append(suite)
        for k in totals:
            totals[k] += int(suite.get(k, "0"))
    for error in run.errors:
        root.append(_error_suite(error))
        totals["tests"] += 1
        totals["errors"] += 1
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: ReportResult, opts: RenderOptions) -> ET.Element:
    lang = opts.lang
    failures = sum(1 for f in report.findings if opts.gate.fails(f))
    skipped = sum(1 for f in report.findings if f.waived or not f.in_force)
    silent = opts.gate.silent_fails(report)
    suite = ET.Element("testsuite", name=clean(report.path), tests=str(len(report.findings) + silent),
                       failures=str(failures + silent), errors="0", skipped=str(skipped))
    props = ET.SubElement(suite, "properties")
    for name, value in (("score", f"{report.score:.1f}"), ("kind", report.kind),
                        ("year", "" if report.year is None else str(report.year)),
                        ("title", report.title), ("encoding", report.encoding)):
        ET.SubElement(props, "property", name=name, value=clean(value or ""))
    for f in report.findings:
        suite.append(_case(f, report, lang, opts.gate.fails(f)))
    if silent:
        # the gate fails a report that mentions no rule's subject: say so as a failure of its own
        from ..run.gate import nothing_mentioned

        case = ET.SubElement(suite, "testcase", classname="report", name="mentions-a-subject",
                             file=clean(report.path))
        ET.SubElement(case, "failure", message=clean(nothing_mentioned([report])[0]), type="missing")
    return suite


def _detail(f: Finding, report: ReportResult, lang: str) -> str:
    """Body text: status, value/target, evidence with its line, and what to do."""
    status = STATUS[f.status][1 if lang == "en" else 0]
    level = f"severity {f.severity}" if lang == "en" else f"严重程度 {severity_word(f.severity, lang)}"
    lines = [f"{f.status} ({status}) · {level}"]
    if f.value is not None or f.threshold:
        value = show_value(f.value, f.unit)
        lines.append(f"value {value or '—'} / target {f.threshold or '—'}")
    for e in f.evidence[:3]:
        lines.append(f"{report.path}:{e.line} ({where(e.line, report.line_label, lang)}): {e.text.strip()}")
    suggestion = f.suggestion_en if lang == "en" else f.suggestion_zh
    if suggestion:
        lines.append(suggestion)
    src = source_text(f.source, lang)
    if src:
        lines.append(src)
    return clean("\n".join(lines))


def _case(f: Finding, report: ReportResult, lang: str, failed: bool) -> ET.Element:
    case = ET.Element("testcase", classname=clean(f.category), name=clean(f.rule), file=clean(report.path))
    if f.evidence:
        case.set("line", str(f.evidence[0].line))
    message = clean(f.message(lang))
    if failed:
        failure = ET.SubElement(case, "failure", message=message, type=f.status)
        failure.text = _detail(f, report, lang)
    elif not f.in_force:
        ET.SubElement(case, "skipped", message=clean(f.in_force_note(lang)))
    elif f.waived:
        w = f.waived
        ET.SubElement(case, "skipped", message=clean(f"waived: {w.get('reason', '')} "
                                                      f"(approved by {w.get('approved_by', '?')}, "
                                                      f"expires {w.get('expires', '?')})"))
    if not failed:
        out = ET.SubElement(case, "system-out")
        out.text = _detail(f, report, lang) + "\n" + message
    return case


def _error_suite(error: InputError) -> ET.Element:
    suite = ET.Element("testsuite", name=clean(error.path), tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="input", name="read", file=clean(error.path))
    err = ET.SubElement(case, "error", message=clean(error.message), type="InputError")
    err.text = clean(error.message)
    return suite
