"""CSV output: one row per finding, for spreadsheets — the workbook's 明细 sheet as text.

The columns are those of ``columns.DETAIL_COLUMNS`` (文件, 规则, 规则名称, 类别, 级别, 状态,
数值, 目标, 行号, 证据, 说明, 修改建议, 依据, 未核实, 已豁免), with Chinese headers and statuses
by default and English ones with ``--lang en``. Rows come report by report in input order, each
report's findings in pack order; a file that could not be read is a row with its path, the
status 无法检查 (``not checked``) and the reason, so a 督导 office sees every file it sent in.

The text starts with a UTF-8 byte-order mark so that Excel on Chinese Windows opens it as UTF-8;
Python's ``csv`` with ``encoding="utf-8-sig"``, pandas and LibreOffice read it as well. A text
cell that would start a formula (``=``, ``+``, ``-``, ``@``, their full-width forms ＝＋－＠, a tab
or a carriage return) is written with a leading ``'``.
"""
from __future__ import annotations

import csv
import io

from ..model import RunResult
from . import RenderOptions
from .columns import DETAIL_COLUMNS, detail_rows, text_cell

__all__ = ["BOM", "render", "text_cell"]

BOM = "\ufeff"


def render(run: RunResult, opts: RenderOptions) -> str:
    buf = io.StringIO()
    # "\n" rather than csv's "\r\n": the output file is written in text mode, which would turn
    # "\r\n" into "\r\r\n" on Windows.
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.header(opts.lang) for c in DETAIL_COLUMNS])
    for _, _, cells in detail_rows(run, opts):
        writer.writerow([text_cell(v) if isinstance(v, str) else v
                         for v in (cells[c.key] for c in DETAIL_COLUMNS)])
    return BOM + buf.getvalue()
