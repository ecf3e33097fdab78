"""Markdown output: a summary fit for a merge-request comment or a GitHub job summary.

For each report: its score and status counts, a table of the rules it does not meet (met rules
are counted, not listed, to keep the comment short) inside a collapsible ``<details>``, and
the top five gaps to fix. For several reports a summary table comes first (reports by score,
rules most reports miss); above ``summary.DETAIL_LIMIT`` reports only the summary is written,
since GitHub and GitLab cut comments at 64 KiB–1 MiB.

Report text is escaped: ``|`` cannot break a table, and ``<``/``>``/``&`` are written as
entities so a report cannot inject HTML into the comment.
"""
from __future__ import annotations

import re

from ..i18n import GLYPH, KIND, MODALITY, SEVERITY, STATUS, UI, t, where
from ..model import STATUSES, Finding, ReportResult, RunResult
from ..score import counts
from ..run.gate import Gate
from . import RenderOptions
from .summary import DETAIL_LIMIT, LABELS, mean_and_low, report_rows, rule_misses

_STATUS_ORDER = {"unmet": 0, "missing": 1, "unverified": 2, "planned": 3, "met": 4}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

TEXT = {
    "heading": ("govedu-check 检查结果", "govedu-check results"),
    "not_met": ("未达标的规则（{n}条）", "Rules not met ({n})"),
    "all_met": ("全部规则达标。", "Every rule is met."),
    "waived_note": ("已豁免", "waived"),
    "fails_gate": ("未通过门禁", "fails the gate"),
    "errors": ("无法检查的文件", "Files that could not be checked"),
}


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cell(text) -> str:
    """Text safe inside a Markdown table cell (and in a merge-request comment).

    Control characters (ESC sequences, C1, bidi overrides) are dropped; ``[`` ``]`` are escaped so
    that report text makes no link or image (``![x](http://…)`` would load a tracker,
    ``[x](javascript:…)`` is a trap); ``@`` becomes ``＠`` so that ``@team`` notifies no one.
    """
    s = "" if text is None else str(text)
    s = s.replace("\r", " ").replace("\n", " ")
    s = _CONTROLS.sub("", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("@", "＠")
    s = s.replace("|", "\\|")
    return s.strip()


def code(text: str) -> str:
    """An inline code span for a path or rule id, even if it contains a backtick.

    Code spans show entities literally and cannot carry HTML, so only table breakers are escaped
    (GFM honours ``\\|`` inside a code span in a table).
    """
    s = _CONTROLS.sub("", str(text).replace("\r", " ").replace("\n", " "))
    s = s.replace("|", "\\|").strip()
    return f"`` {s} ``" if "`" in s else f"`{s}`"


def render(run: RunResult, opts: RenderOptions) -> str:
    lang = opts.lang
    out = [f"## {t(TEXT, 'heading', lang)}", ""]
    if len(run.reports) > 1:
        out += _summary(run, lang)
    if len(run.reports) <= DETAIL_LIMIT:
        for report in run.reports:
            out += _report(report, lang, opts.gate)
    if run.warnings:
        out += [f"#### {t(LABELS, 'warnings', lang)}", ""] + [f"- {cell(w)}" for w in run.warnings] + [""]
    if run.errors:
        out += [f"#### {t(TEXT, 'errors', lang)}", ""] + [f"- {cell(e.message)}" for e in run.errors] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _status_header(lang: str) -> list[str]:
    return [f"{GLYPH[s]} {t(STATUS, s, lang)}" for s in STATUSES]


def _summary(run: RunResult, lang: str) -> list[str]:
    mean, low = mean_and_low(run)
    out = [t(LABELS, "checked", lang, n=len(run.reports), mean=mean, low=low), "",
           f"**{t(LABELS, 'reports_title', lang)}**", ""]
    head = ["#", t(LABELS, "path", lang), t(UI, "kind", lang), t(UI, "year", lang), t(UI, "score", lang),
            *_status_header(lang), t(LABELS, "waived", lang)]
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, row in enumerate(report_rows(run), 1):
        out.append("| " + " | ".join([str(i), code(row.path), t(KIND, row.kind, lang),
                                       str(row.year or "—"), f"{row.score:.1f}",
                                       *(str(row.counts[s]) for s in STATUSES), str(row.waived)]) + " |")
    n = len(run.reports)
    out += ["", f"**{t(LABELS, 'rules_title', lang)}**", "",
            f"| {t(UI, 'rule', lang)} | {t(LABELS, 'severity', lang)} | {t(LABELS, 'misses', lang)} | {t(LABELS, 'share', lang)} |",
            "|---|---|---|---|"]
    for m in rule_misses(run):
        if not m.total:
            continue   # a rule no report misses adds nothing to a comment
        title = m.title_en if lang == "en" else m.title_zh
        out.append(f"| {cell(title)} {code(m.rule)} | {t(SEVERITY, m.severity, lang)} | {m.total} "
                   f"({m.unmet} {t(STATUS, 'unmet', lang)}, {m.missing} {t(STATUS, 'missing', lang)}) "
                   f"| {100 * m.total / n:.0f}% |")
    if n > DETAIL_LIMIT:
        out += ["", f"_{t(LABELS, 'details_left_out', lang, limit=DETAIL_LIMIT)}_"]
    return out + [""]


def _value(f: Finding) -> str:
    v = "" if f.value is None else f"{f.value:g}{f.unit or ''}"
    return " / ".join(x for x in (v, f.threshold or "") if x)


def _report(r: ReportResult, lang: str, gate: Gate, heading: str = "###") -> list[str]:
    c = counts(r.findings)
    year = str(r.year) if r.year else t(UI, "unknown", lang)
    out = [f"{heading} {code(r.path)} — {t(UI, 'score', lang)} **{r.score:.1f}**/100", ""]
    if r.title:
        out += [f"_{cell(r.title)}_", ""]
    out += [f"{t(UI, 'kind', lang)}: {t(KIND, r.kind, lang)} · {t(UI, 'year', lang)}: {year} · "
            + " · ".join(f"{GLYPH[s]} {t(STATUS, s, lang)} {c[s]}" for s in STATUSES), ""]
    gaps = [f for f in r.findings if f.status != "met"]
    if not gaps:
        return out + [t(TEXT, "all_met", lang), ""]
    gaps.sort(key=lambda f: (not gate.fails(f), _SEVERITY_ORDER[f.severity], _STATUS_ORDER[f.status], -f.weight,
                             f.rule))
    out += ["<details>", f"<summary>{t(TEXT, 'not_met', lang, n=len(gaps))}</summary>", "",
            f"| {t(UI, 'rule', lang)} | {t(UI, 'status', lang)} | {t(LABELS, 'severity', lang)} | "
            f"{t(UI, 'value', lang)} | {t(UI, 'evidence', lang)} |",
            "|---|---|---|---|---|"]
    for f in gaps:
        title = f.title_en if lang == "en" else f.title_zh
        status = f"{GLYPH[f.status]} {t(STATUS, f.status, lang)}"
        if f.waived:
            status += f" ({t(TEXT, 'waived_note', lang)})"
        elif gate.fails(f):
            status = f"**{status} · {t(TEXT, 'fails_gate', lang)}**"
        ev = ""
        if f.evidence:
            e = f.evidence[0]
            ev = f"{where(e.line, r.line_label, lang)}·{t(MODALITY, e.modality, lang)}: {e.text.strip()[:120]}"
        out.append(f"| {cell(title)} {code(f.rule)} | {status} | {t(SEVERITY, f.severity, lang)} | "
                   f"{cell(_value(f))} | {cell(ev) or cell(f.message(lang))} |")
    out += ["", "</details>", ""]
    top = [f for f in gaps if f.status in ("unmet", "missing", "unverified") and not f.waived][:5]
    if top:
        out += [f"**{t(UI, 'gaps', lang)}**", ""]
        for i, f in enumerate(top, 1):
            title = f.title_en if lang == "en" else f.title_zh
            advice = (f.suggestion_en if lang == "en" else f.suggestion_zh) or f.message(lang)
            out.append(f"{i}. {GLYPH[f.status]} **{cell(title)}** ({f.severity}) — {cell(advice)}")
        out.append("")
    return out
