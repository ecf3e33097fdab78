"""Columns shared by the spreadsheet outputs: the CSV (``csv_out.py``) and the workbook (``xlsx.py``).

The CSV and the workbook's 明细 sheet are the same table — one row per finding — so its columns
are defined once here (``DETAIL_COLUMNS``), as are the workbook's 汇总 columns, the status and
kind labels, the county read from a title, the policy source of a rule and the formula guard.
Headers and statuses are Chinese by default and English with ``--lang en``.

Nothing here re-evaluates anything: every value comes from the result model (``RunResult``) and
the loaded rules (``RenderOptions.rules``, for a rule's policy source).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from .. import regexcache
from ..i18n import SEVERITY, STATUS, t
from ..model import STATUSES, Finding, InputError, ReportResult, RunResult, unit_name
from . import RenderOptions


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    width: int = 12          # workbook column width, in Excel's character units
    wrap: bool = False       # long text: wrapped in the workbook

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


# One row per finding: the CSV and the workbook's 明细 sheet.
DETAIL_COLUMNS = (
    Column("file", "文件", "File", 28),
    Column("rule", "规则", "Rule", 30),
    Column("title", "规则名称", "Rule title", 22),
    Column("category", "类别", "Category", 12),
    Column("severity", "级别", "Severity", 7),
    Column("status", "状态", "Status", 10),
    Column("value", "数值", "Value", 10),
    Column("target", "目标", "Target", 13),
    Column("line", "行号", "Line", 7),
    Column("evidence", "证据", "Evidence", 60, wrap=True),
    Column("message", "说明", "Message", 40, wrap=True),
    Column("suggestion", "修改建议", "Suggestion", 40, wrap=True),
    Column("source", "依据", "Policy source", 36, wrap=True),
    Column("unconfirmed", "未核实", "Source unconfirmed", 8),
    Column("waived", "已豁免", "Waived", 8),
    Column("in_force", "不适用", "Not in force", 18, wrap=True),
)

# One row per report: the workbook's 汇总 sheet. Category scores go between score and the counts.
SUMMARY_HEAD = (
    Column("file", "文件", "File", 28),
    Column("title", "标题", "Title", 36),
    Column("county", "县区", "County", 10),
    Column("year", "年份", "Year", 7),
    Column("kind", "类型", "Kind", 7),
    Column("score", "得分", "Score", 7),
)
SUMMARY_COUNTS = tuple(Column(s, STATUS[s][0], STATUS[s][1], 8) for s in STATUSES)
SUMMARY_WAIVED = Column("waived", "已豁免", "Waived", 8)
SUMMARY_ERROR = Column("error", "无法检查的原因", "Why it could not be checked", 40, wrap=True)

KIND_LABEL = {"summary": ("总结", "summary"), "plan": ("计划", "plan"), "mixed": ("混合", "mixed")}
NOT_CHECKED = ("无法检查", "not checked")
YES = ("是", "yes")


def status_label(status: str, lang: str) -> str:
    return t(STATUS, status, lang)


def kind_label(kind: str, lang: str) -> str:
    return t(KIND_LABEL, kind, lang) if kind in KIND_LABEL else kind


def yes(flag: bool, lang: str) -> str:
    return t({"y": YES}, "y", lang) if flag else ""


# ---------------------------------------------------------------- formula injection
# A cell starting with one of these is read as a formula by Excel, LibreOffice or WPS (OWASP
# "CSV injection"); the full-width forms because an IME may turn them into the ASCII ones.
FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")


def needs_guard(s: str) -> bool:
    return s.startswith(FORMULA_START)


def text_cell(s: str) -> str:
    """Text for a CSV cell: a leading ``'`` when it would start a formula."""
    return "'" + s if needs_guard(s) else s


# ---------------------------------------------------------------- county from a title
_UNIT = r"(?:自治县|自治旗|县|区|市|旗)"
_PREFIX = regexcache.compile(r"^(?:关于)?")
# The last administrative unit before 教育/教体/人民政府 or a year: 桓台县教育和体育局… → 桓台县
_COUNTY = regexcache.compile(rf"([\u4e00-\u9fff]{{1,20}}?{_UNIT})(?:人民政府)?(?:教育|教体|\d{{4}}\s*年)")
_LEVELS = regexcache.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|省|州|盟|地区|市|县|区|旗)")


def county_of(title: str) -> str:
    """The county (or district, county-level city) a report's title names, or "".

    ``桓台县教育和体育局2021年工作情况报告`` → ``桓台县``; ``山东省淄博市桓台县教育和体育局…`` →
    ``桓台县``; ``市教育和体育局2023年工作总结`` (no name) → "".
    """
    m = _COUNTY.search(_PREFIX.sub("", title.strip()))
    if not m:
        return ""
    parts = _LEVELS.findall(m.group(1))
    if not parts:
        return ""
    # A lone unit character belongs to the next name (市中区 is a district, not 市 + 中区).
    merged: list[str] = []
    carry = ""
    for p in parts:
        if len(p) == 1:
            carry += p
            continue
        merged.append(carry + p)
        carry = ""
    if carry:
        if not merged:
            return ""
        merged[-1] += carry
    county = merged[-1]
    # 全县、本区、我市… name no place
    return "" if len(county) < 2 or (len(county) == 2 and county[0] in "全本我各该") else county


# ---------------------------------------------------------------- policy source
def source_of(f: Finding, opts: RenderOptions) -> tuple[str, Optional[bool]]:
    """(the rule's policy source as one line, whether it is confirmed — None when not said).

    The finding carries its rule's source (the result model); the loaded rule is only a fallback."""
    src = f.source if f.source is not None else getattr(opts.rules.get(f.rule), "source", None) or {}
    if not isinstance(src, dict):
        return str(src), None
    parts = [str(src[k]) for k in ("document", "number") if src.get(k)]
    text = "，".join(parts)
    if src.get("url"):
        text = f"{text} {src['url']}".strip()
    confirmed = src.get("confirmed")
    return text, (None if confirmed is None else bool(confirmed))


# ---------------------------------------------------------------- one row per finding
def value_text(f: Finding, lang: str) -> str:
    if f.value is None:
        return ""
    unit = unit_name(f.unit, lang)
    if not unit or unit == "%" or lang != "en":
        return f"{f.value:g}{unit}"
    return f"{f.value:g} {unit}"


def target_text(f: Finding, lang: str) -> str:
    return ((f.threshold_en or f.threshold) if lang == "en" else f.threshold) or ""


def rule_title(f: Finding, opts: RenderOptions, lang: str) -> str:
    rule = opts.rules.get(f.rule)
    zh = f.title_zh or getattr(rule, "title_zh", "")
    en = f.title_en or getattr(rule, "title_en", "")
    return (en or zh) if lang == "en" else (zh or en)


def category_title(cat: str, opts: RenderOptions, lang: str) -> str:
    zh, en = opts.categories.get(cat, (cat, cat))
    return en if lang == "en" else zh


def evidence_lines(f: Finding) -> list[int]:
    return [e.line for e in f.evidence]


def evidence_text(f: Finding, report: ReportResult, lang: str) -> str:
    """The deciding sentence; several are each preceded by where they are (第12段)."""
    from ..i18n import where

    if len(f.evidence) == 1:
        return f.evidence[0].text
    return "\n".join(f"[{where(e.line, report.line_label, lang)}] {e.text}" for e in f.evidence)


def detail_row(report: ReportResult, f: Finding, opts: RenderOptions) -> dict:
    """The cells of one finding, keyed by ``DETAIL_COLUMNS`` keys, as plain (unguarded) values.

    ``line`` is an int for one piece of evidence, "12, 40" for several and "" for none.
    """
    lang = opts.lang
    lines = evidence_lines(f)
    source, confirmed = source_of(f, opts)
    return {
        "file": report.path,
        "rule": f.rule,
        "title": rule_title(f, opts, lang),
        "category": category_title(f.category, opts, lang),
        "severity": t(SEVERITY, f.severity, lang) if f.severity in SEVERITY else f.severity,
        "status": status_label(f.status, lang),
        "in_force": "" if f.in_force else f.in_force_note(lang),
        "value": value_text(f, lang),
        "target": target_text(f, lang),
        "line": lines[0] if len(lines) == 1 else ", ".join(str(n) for n in lines),
        "evidence": evidence_text(f, report, lang),
        "message": f.message(lang),
        "suggestion": "" if f.status == "met" else
                      ((f.suggestion_en or f.suggestion_zh) if lang == "en" else f.suggestion_zh),
        "source": source,
        "unconfirmed": yes(confirmed is False, lang),
        "waived": yes(bool(f.waived), lang),
    }


def error_row(e: InputError, lang: str) -> dict:
    """A file that could not be checked, as a 明细 row: its status says so, the reason is the evidence."""
    row = {c.key: "" for c in DETAIL_COLUMNS}
    row.update(file=e.path, status=t({"x": NOT_CHECKED}, "x", lang), message=e.message)
    return row


def detail_rows(run: RunResult,
                opts: RenderOptions) -> Iterator[tuple[Optional[ReportResult], Optional[Finding], dict]]:
    """(report, finding, cells) per finding in input and pack order, then (None, None, cells) per unreadable file."""
    for r in run.reports:
        for f in r.findings:
            yield r, f, detail_row(r, f, opts)
    for e in run.errors:
        yield None, None, error_row(e, opts.lang)


# ---------------------------------------------------------------- one row per report
def categories_in(run: RunResult, opts: RenderOptions) -> list[str]:
    """Category ids in pack order, then any only seen in findings."""
    cats = list(opts.categories)
    seen = set(cats)
    for r in run.reports:
        for c in r.categories:
            if c.category not in seen:
                seen.add(c.category)
                cats.append(c.category)
    used = {c.category for r in run.reports for c in r.categories}
    return [c for c in cats if c in used]


def rules_in(run: RunResult, opts: RenderOptions) -> list[str]:
    """Loaded rules in pack order, then any rule only seen in findings."""
    cols = list(opts.rules)
    seen = set(cols)
    for r in run.reports:
        for f in r.findings:
            if f.rule not in seen:
                seen.add(f.rule)
                cols.append(f.rule)
    return cols


def by_score(reports) -> list[ReportResult]:
    """Highest score first; equal scores in path order."""
    return sorted(reports, key=lambda r: (-r.score, r.path))
