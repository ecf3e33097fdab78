"""Per-report figures for a batch: ``--context`` as a CSV or XLSX table, one row per report.

A 督导 office checking every county's report supplies each county's bases in one file::

    县区,符合交流条件教师数,交流轮岗教师数
    桓台县,1390,160
    高青县,980,

or keyed by file (``文件``/``file``: a file name, or a path as given on the command line). Each
report is checked with its own row's figures; a report that no row names gets none, and the rows
that named no report are listed in one warning, so a misspelt county is noticed.

Headers are matched to the context keys the loaded rules read (``ratio.context_key``): the key
itself (``eligible_teachers``), or the rule's base as the pack names it, in Chinese or English,
with or without 数/人数 (``符合交流条件教师``, ``符合交流条件教师数``, ``eligible teachers``).
Any other column is kept under its own header (a custom pack may read it) and named in a warning
when no loaded rule reads it.

CSV is read as UTF-8 (with or without a BOM), else GB18030 — what Excel on a Chinese Windows
saves. An empty cell is no figure. Every problem is one line naming the file and the row.
"""
from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .config import ConfigError

TABLE_SUFFIXES = (".csv", ".xlsx")
FILE_HEADERS = ("文件", "文件名", "报告", "file", "path", "report")
COUNTY_HEADERS = ("县区", "县（区）", "县(区)", "区县", "县", "county", "district")
# A figure larger than this is a typing slip, not a count of teachers or pupils.
LARGEST = 1e12
MAX_ROWS = 100_000


@dataclass
class ContextTable:
    """The rows of a context table: (key kind, key, figures, row number)."""

    path: str
    key_kind: str                         # "file" | "county"
    rows: list = field(default_factory=list)   # [(key, {header: number}, row number)]
    headers: tuple = ()                   # figure columns as written
    names: dict = field(default_factory=dict)  # header → context key (after bind)

    # ------------------------------------------------------------ headers → keys
    def bind(self, rules) -> list[str]:
        """Map the headers to the rules' context keys; warnings for columns no rule reads."""
        aliases: dict[str, str] = {}
        for rule in rules:
            spec = getattr(rule, "spec", None)
            key = getattr(spec, "context_key", "") if spec is not None else ""
            if not key:
                continue
            aliases[_fold(key)] = key
            threshold = next((t for _, _, t in getattr(rule, "thresholds", ())), None)
            for name in (getattr(spec, "base_name_zh", ""), getattr(spec, "base_name_en", ""),
                         getattr(threshold, "base", None) or ""):
                if name:
                    aliases.setdefault(_stem(name), key)
        self.names = {h: aliases.get(_fold(h)) or aliases.get(_stem(h)) or h for h in self.headers}
        unused = [h for h in self.headers if _fold(h) not in aliases and _stem(h) not in aliases]
        if unused:
            return [f"{self.path}: 没有规则读取这些列 / no rule reads these columns: {', '.join(unused)}"]
        return []

    # ------------------------------------------------------------ rows → reports
    def row_for(self, path: str, title: str = "") -> Optional[int]:
        """Index of the row naming this report, or None."""
        if self.key_kind == "file":
            given = os.path.normpath(path)
            for i, (key, _, _) in enumerate(self.rows):
                k = os.path.normpath(key)
                if k == given or (os.sep not in k and k == os.path.basename(given)) \
                        or (os.sep in k and given.endswith(os.sep + k)):
                    return i
            return None
        from ..render.columns import county_of

        county = county_of(title or "")
        stem = os.path.basename(path)
        for i, (key, _, _) in enumerate(self.rows):
            if county and key == county:
                return i
        for i, (key, _, _) in enumerate(self.rows):   # no county in the title: the file's name
            if not county and key in stem:
                return i
        return None

    def figures_for(self, path: str, title: str = "") -> dict:
        i = self.row_for(path, title)
        if i is None:
            return {}
        return {self.names.get(h, h): v for h, v in self.rows[i][1].items()}

    def unmatched_warning(self, reports: Iterable) -> list[str]:
        """One warning listing the rows that named none of the checked reports."""
        used = {self.row_for(r.path, r.title) for r in reports}
        left = [f"第{n}行 {key}" for i, (key, _, n) in enumerate(self.rows) if i not in used]
        if not left:
            return []
        return [f"{self.path}: {len(left)} 行没有对应的报告 / rows matching no report: {'; '.join(left)}"]

    def __bool__(self) -> bool:
        return bool(self.rows)


def _fold(name: str) -> str:
    return "".join(str(name).split()).replace("_", "").replace("-", "").lower()


def _stem(name: str) -> str:
    """A base's name without 的, 数/人数/总数 or "number of": 符合交流条件的教师数 ≡ 符合交流条件教师."""
    s = _fold(name).replace("的", "")
    if s.startswith("numberof"):
        s = s[len("numberof"):]
    for suffix in ("总人数", "总数", "人数", "数", "(人)", "（人）"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            break
    return s


# ---------------------------------------------------------------- reading
def is_table(path: Optional[Path]) -> bool:
    return path is not None and Path(path).suffix.lower() in TABLE_SUFFIXES


def read_table(path: Path) -> ContextTable:
    """The table at ``path``; ConfigError (one line, naming the file and row) when it cannot be used."""
    try:
        if path.suffix.lower() == ".xlsx":
            cells = _xlsx_cells(path)
        else:
            cells = _csv_cells(path)
    except ConfigError:
        raise
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取上下文表格 / cannot read the context table ({exc.strerror or exc})") from None
    return _table(path, cells)


def _csv_cells(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:   # pragma: no cover — gb18030 decodes almost anything
        raise ConfigError(f"{path}: 不是 UTF-8 或 GB18030 编码的 CSV / not a UTF-8 or GB18030 CSV file")
    if "\x00" in text:
        raise ConfigError(f"{path}: 不是文本格式的 CSV（请另存为“CSV UTF-8”）/ not a text CSV file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ConfigError(f"{path}: CSV 格式错误 / malformed CSV ({exc})") from None


def _xlsx_cells(path: Path) -> list[list]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ConfigError(f"{path}: 不是可读的 Excel 工作簿（.xlsx）/ not a readable .xlsx workbook "
                          f"({type(exc).__name__})") from None
    try:
        ws = wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(["" if v is None else v for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        wb.close()


def _table(path: Path, cells: list[list]) -> ContextTable:
    cells = [row for row in cells if any(str(c).strip() for c in row)]
    if not cells:
        raise ConfigError(f"{path}: 上下文表格是空的 / the context table is empty")
    if len(cells) > MAX_ROWS + 1:
        raise ConfigError(f"{path}: 上下文表格超过 {MAX_ROWS} 行 / more than {MAX_ROWS} rows")
    header = [str(c).strip().lstrip("\ufeff") for c in cells[0]]
    folded = [_fold(h) for h in header]
    key_col, key_kind = None, None
    for kind, names in (("file", FILE_HEADERS), ("county", COUNTY_HEADERS)):
        wanted = {_fold(n) for n in names}
        hit = next((i for i, h in enumerate(folded) if h in wanted), None)
        if hit is not None:
            key_col, key_kind = hit, kind
            break
    if key_col is None:
        raise ConfigError(f"{path}: 第1行应有“文件”或“县区”列（file / county）/ the first row needs a "
                          f"文件/file or 县区/county column; found: {', '.join(h for h in header if h) or '(nothing)'}")
    figure_cols = [i for i, h in enumerate(header) if i != key_col and h]
    seen_headers: dict[str, int] = {}
    for i in figure_cols:
        if _fold(header[i]) in seen_headers:
            raise ConfigError(f"{path}: 第1行：列名“{header[i]}”重复 / duplicate column {header[i]!r}")
        seen_headers[_fold(header[i])] = i
    table = ContextTable(str(path), key_kind, headers=tuple(header[i] for i in figure_cols))
    keys: dict[str, int] = {}
    for n, row in enumerate(cells[1:], 2):
        row = list(row) + [""] * (len(header) - len(row))
        key = str(row[key_col]).strip()
        if not key:
            raise ConfigError(f"{path}: 第{n}行：缺少{'文件名' if key_kind == 'file' else '县区名'} / "
                              f"row {n}: no {key_kind}")
        if key in keys:
            raise ConfigError(f"{path}: 第{n}行：“{key}”与第{keys[key]}行重复 / row {n}: {key!r} "
                              f"repeats row {keys[key]}")
        keys[key] = n
        figures = {}
        for i in figure_cols:
            value = _number(row[i], path, n, header[i])
            if value is not None:
                figures[header[i]] = value
        table.rows.append((key, figures, n))
    return table


def _number(cell, path: Path, row: int, column: str) -> Optional[float]:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        value = None
    elif isinstance(cell, (int, float)):
        value = float(cell)
    else:
        text = str(cell).strip().replace(",", "").replace("，", "")
        try:
            value = float(text)
        except ValueError:
            value = None
    if value is None or not math.isfinite(value) or value < 0 or value > LARGEST:
        raise ConfigError(f"{path}: 第{row}行“{column}”列：{str(cell)[:40]!r} 不是有效的数字 / row {row}, "
                          f"column {column!r}: not a usable number (0 … {LARGEST:.0e})")
    return int(value) if value.is_integer() else value
