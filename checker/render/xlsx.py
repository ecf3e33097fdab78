"""Excel workbook (.xlsx) for 督导 offices and bureau staff who live in Excel or WPS.

Three sheets, Chinese by default (English with ``--lang en``):

* **汇总 / Summary** — one row per report, highest score first: 文件, 标题, 县区 (read from the
  title, else empty), 年份, 类型 (总结/计划/混合), 得分, one column per category score, the number
  of rules per status (and 已豁免 when a waiver applied). Files that could not be checked follow,
  with the reason in a last column.
* **矩阵 / Matrix** — reports (same order) × rules (the rules' Chinese titles as headers, the rule
  id in the header's comment): each cell holds the status, filled with its colour, and a comment
  with the figure, the target and the message.
* **明细 / Findings** — one row per finding, the columns of ``columns.DETAIL_COLUMNS`` (the same
  table as ``--format csv``).

Every sheet has a frozen header row, an autofilter and fixed column widths. Text that would start a
formula (``= + - @``, ``＝＋－＠``) is stored as a string cell with Excel's quote prefix (the ``'``
Excel shows in the formula bar) so it is never evaluated, not even after an edit; characters that
the file format cannot hold (control characters) are dropped.

Written with openpyxl. The workbook is binary: ``render`` returns bytes, and the command line
refuses to print it to a terminal (``-o FILE`` is required there).
"""
from __future__ import annotations

import io
from typing import Optional

from .. import regexcache
from ..i18n import SEVERITY, t
from ..model import STATUSES, Finding, RunResult
from ..score import counts
from . import RenderOptions
from .columns import (DETAIL_COLUMNS, SUMMARY_COUNTS, SUMMARY_ERROR, SUMMARY_HEAD, SUMMARY_WAIVED, Column,
                      by_score, categories_in, category_title, county_of, detail_rows, kind_label, needs_guard,
                      rules_in, status_label, target_text, value_text)

SHEETS = {"summary": ("汇总", "Summary"), "matrix": ("矩阵", "Matrix"), "details": ("明细", "Findings")}

# Status fills (ARGB without alpha): Excel's own "good / bad / neutral" tints, blue for plans.
FILL = {"met": "C6EFCE", "unmet": "FFC7CE", "planned": "DDEBF7", "unverified": "FFEB9C", "missing": "E7E6E6"}
FONT = {"met": "006100", "unmet": "9C0006", "planned": "1F4E78", "unverified": "9C5700", "missing": "595959"}
HEADER_FILL = "D9E1F2"

# What an .xlsx cell cannot hold (openpyxl raises on it); report text may carry such bytes.
_ILLEGAL = regexcache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_CELL = 32767
COMMENT_AUTHOR = "govedu-check"


def _sheet_title(key: str, lang: str) -> str:
    zh, en = SHEETS[key]
    return en if lang == "en" else zh


class _Writer:
    """Cells written with the guard, the styles made once."""

    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.header_font = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.header_align = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.center = Alignment(horizontal="center", vertical="center")
        self.fills = {s: PatternFill("solid", fgColor=c) for s, c in FILL.items()}
        self.fonts = {s: Font(color=c) for s, c in FONT.items()}
        self._styles: dict = {}

    def style(self, cell, key, **attrs) -> None:
        """Set a cell's style attributes; the first cell's combination is copied to later ones.

        Setting attributes one by one makes openpyxl hash each style object for every cell,
        which took half of the time of a 500-report workbook; copying the style's index array does not.
        """
        from copy import copy

        known = self._styles.get(key)
        if known is not None:
            quote = cell.quotePrefix
            cell._style = copy(known)
            if quote:
                cell.quotePrefix = True
            return
        for name, value in attrs.items():
            setattr(cell, name, value)
        self._styles[key] = copy(cell._style)

    @staticmethod
    def put(ws, row: int, col: int, value):
        """Write one cell; text is always a string cell, never a formula or an error value."""
        cell = ws.cell(row=row, column=col)
        if value is None or value == "":
            return cell
        if isinstance(value, str):
            text = _ILLEGAL.sub("", value)[:_MAX_CELL]
            cell.value = text
            cell.data_type = "s"          # openpyxl would make "=…" a formula and "#N/A" an error
            if needs_guard(text):
                cell.quotePrefix = True
        else:
            cell.value = value
        return cell

    def header(self, ws, columns: list[str], height: Optional[float] = None) -> None:
        for i, name in enumerate(columns, start=1):
            cell = self.put(ws, 1, i, name)
            cell.font, cell.fill, cell.alignment = self.header_font, self.header_fill, self.header_align
        if height:
            ws.row_dimensions[1].height = height


def _finish(ws, widths: list[float], freeze: str, title_cols: Optional[str] = None) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = freeze
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    # Printed: A4 landscape, the header row repeated on every page; as wide as the page, or — the
    # wide matrix — across pages with ``title_cols`` (the report's columns) repeated on each.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "1:1"
    if title_cols:
        ws.print_title_cols = title_cols
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0


def display_width(s: str) -> int:
    """Columns a text takes in a spreadsheet: CJK and full-width characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _fit(values, lo: int, hi: int) -> float:
    """A column width that fits the longest of ``values`` (first line of each), within [lo, hi]."""
    longest = max((display_width(str(v).split("\n", 1)[0]) for v in values if v not in (None, "")), default=0)
    return float(min(max(longest + 2, lo), hi))


# ---------------------------------------------------------------- 汇总
def _summary(wb, run: RunResult, opts: RenderOptions, w: _Writer) -> None:
    lang = opts.lang
    ws = wb.active
    ws.title = _sheet_title("summary", lang)
    cats = categories_in(run, opts)
    waived = any(f.waived for r in run.reports for f in r.findings)
    cat_cols = [Column(f"cat:{c}", category_title(c, opts, "zh"), category_title(c, opts, "en"), 9) for c in cats]
    cols = [*SUMMARY_HEAD, *cat_cols, *SUMMARY_COUNTS, *([SUMMARY_WAIVED] if waived else []),
            *([SUMMARY_ERROR] if run.errors else [])]
    w.header(ws, [c.header(lang) for c in cols], height=32)
    reports = by_score(run.reports)
    row = 1
    for r in reports:
        row += 1
        c = counts(r.findings)
        by_cat = {cs.category: cs.score for cs in r.categories}
        values = {"file": r.path, "title": r.title, "county": county_of(r.title), "year": r.year,
                  "kind": kind_label(r.kind, lang), "score": r.score,
                  **{f"cat:{k}": by_cat.get(k) for k in cats}, **c,
                  "waived": sum(1 for f in r.findings if f.waived)}
        for i, col in enumerate(cols, start=1):
            cell = w.put(ws, row, i, values.get(col.key))
            if col.key == "score" or col.key.startswith("cat:"):
                cell.number_format = "0.0"
    for e in run.errors:
        row += 1
        w.put(ws, row, 1, e.path)
        w.put(ws, row, len(cols), e.message).alignment = w.wrap
    widths = []
    for i, col in enumerate(cols):
        if col.key in ("file", "title"):
            cells = [r.path if col.key == "file" else r.title for r in reports] + \
                    ([e.path for e in run.errors] if col.key == "file" else [])
            widths.append(_fit(cells, 10, 50))
        else:
            widths.append(max(col.width, min(display_width(col.header(lang)) + 2, 16)))
    _finish(ws, widths, "A2")


# ---------------------------------------------------------------- 矩阵
def _cell_comment(f: Finding, lang: str) -> str:
    """The figure, the target and the message (and a waiver's reason) of one matrix cell."""
    lines = []
    value = value_text(f, lang)
    target = target_text(f, lang)
    if value:
        lines.append(("Value: " if lang == "en" else "数值：") + value)
    if target:
        lines.append(("Target: " if lang == "en" else "目标：") + target)
    lines.append(f.message(lang))
    if f.waived:
        reason = f.waived.get("reason", "") if isinstance(f.waived, dict) else ""
        lines.append(("Waived: " if lang == "en" else "已豁免：") + str(reason))
    return _ILLEGAL.sub("", "\n".join(lines))[:_MAX_CELL]


def _matrix(wb, run: RunResult, opts: RenderOptions, w: _Writer) -> None:
    from openpyxl.comments import Comment

    lang = opts.lang
    ws = wb.create_sheet(_sheet_title("matrix", lang))
    rules = rules_in(run, opts)
    first = ["File", "Score"] if lang == "en" else ["文件", "得分"]
    titles = []
    for rid in rules:
        rule = opts.rules.get(rid)
        zh = getattr(rule, "title_zh", "") or rid
        en = getattr(rule, "title_en", "") or zh
        titles.append(en if lang == "en" else zh)
    w.header(ws, first + titles, height=60)
    for j, rid in enumerate(rules, start=len(first) + 1):
        rule = opts.rules.get(rid)
        note = rid
        if rule is not None:
            target = rule.threshold_for(None)
            if target is not None:
                note += "\n" + ("Target: " if lang == "en" else "目标：") + target.describe(lang)
            severity = t(SEVERITY, rule.severity, lang) if rule.severity in SEVERITY else rule.severity
            note += "\n" + ("Severity: " if lang == "en" else "级别：") + severity
        ws.cell(row=1, column=j).comment = Comment(note, COMMENT_AUTHOR, width=220, height=80)
    reports = by_score(run.reports)
    for i, r in enumerate(reports, start=2):
        w.put(ws, i, 1, r.path)
        w.put(ws, i, 2, r.score).number_format = "0.0"
        by_rule = {f.rule: f for f in r.findings}
        for j, rid in enumerate(rules, start=len(first) + 1):
            f = by_rule.get(rid)
            if f is None:
                continue
            label = status_label(f.status, lang)
            if f.waived:
                label += " (waived)" if lang == "en" else "（已豁免）"
            cell = w.put(ws, i, j, label)
            w.style(cell, ("matrix", f.status), fill=w.fills[f.status], font=w.fonts[f.status], alignment=w.center)
            cell.comment = Comment(_cell_comment(f, lang), COMMENT_AUTHOR, width=320, height=140)
    widths = [_fit([r.path for r in reports], 10, 50), 7.0] + [12.0] * len(rules)
    _finish(ws, widths, "C2", title_cols="A:B")


# ---------------------------------------------------------------- 明细
def _details(wb, run: RunResult, opts: RenderOptions, w: _Writer) -> None:
    lang = opts.lang
    ws = wb.create_sheet(_sheet_title("details", lang))
    w.header(ws, [c.header(lang) for c in DETAIL_COLUMNS], height=20)
    status_col = next(i for i, c in enumerate(DETAIL_COLUMNS, start=1) if c.key == "status")
    value_col = next(i for i, c in enumerate(DETAIL_COLUMNS, start=1) if c.key == "value")
    files = []
    row = 1
    for _, f, cells in detail_rows(run, opts):
        row += 1
        files.append(cells["file"])
        for i, col in enumerate(DETAIL_COLUMNS, start=1):
            cell = w.put(ws, row, i, cells[col.key])
            if i == status_col and f is not None:
                w.style(cell, ("status", f.status), alignment=w.top, fill=w.fills[f.status], font=w.fonts[f.status])
            elif i == value_col and f is not None and f.value is not None:
                # The figure as a number (sorts and filters as one) shown with its unit.
                cell.value = f.value
                fmt = _unit_format(cells["value"], f.value)
                w.style(cell, ("value", fmt), alignment=w.top, number_format=fmt)
            else:
                w.style(cell, "wrap" if col.wrap else "top", alignment=w.wrap if col.wrap else w.top)
        lines = max(_wrapped_lines(str(cells[c.key]), c.width) for c in DETAIL_COLUMNS if c.wrap)
        if lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * min(lines, MAX_ROW_LINES)
    widths = [_fit(files, 10, 40) if c.key == "file" else float(c.width) for c in DETAIL_COLUMNS]
    _finish(ws, widths, "A2")


# Wrapped text needs a row height: LibreOffice does not work it out when it opens the file, and
# Excel does so only for rows it lays out again. Points per line of 11-point CJK text; a very long
# sentence shows its first lines and the rest on widening the row.
LINE_HEIGHT = 15.0
MAX_ROW_LINES = 12


def _wrapped_lines(text: str, width: int) -> int:
    """Lines ``text`` takes in a wrapped column ``width`` characters wide (CJK counting two).

    The GB18030 byte length is the display width (1 for ASCII, 2 for CJK) at C speed, which
    matters for the tens of thousands of cells of a province's workbook.
    """
    if not text:
        return 1
    room = max(width - 1, 1)
    return sum(max(1, -(-len(line.encode("gb18030", "replace")) // room)) for line in text.split("\n"))


def _unit_format(shown: str, value: float) -> str:
    """A number format that shows ``value`` as ``shown`` does (92% → 0"%", 3.5 h → 0.0" h")."""
    number = f"{value:g}"
    unit = shown[len(number):] if shown.startswith(number) else ""
    decimals = len(number.split(".", 1)[1]) if "." in number and "e" not in number else 0
    fmt = "0" + ("." + "0" * decimals if decimals else "")
    if unit:
        fmt += '"' + unit.replace('"', "") + '"'
    return fmt


def workbook(run: RunResult, opts: RenderOptions):
    """The openpyxl workbook (tests and callers that want to add to it)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = COMMENT_AUTHOR
    w = _Writer()
    _summary(wb, run, opts, w)
    _matrix(wb, run, opts, w)
    _details(wb, run, opts, w)
    return wb


def render(run: RunResult, opts: RenderOptions) -> bytes:
    buf = io.BytesIO()
    workbook(run, opts).save(buf)
    return buf.getvalue()


__all__ = ["render", "workbook", "FILL", "SHEETS", "STATUSES", "display_width"]
