"""Command-line checks for the Office outputs: ``--format xlsx`` and ``--annotate``.

Kept apart from ``cli.py`` so the check command only calls three functions: one that refuses a
binary format on a terminal (or without its library), one that refuses an ``--annotate`` run that
cannot work, and one that writes the annotated copy. Messages are Chinese first, English after,
like the users these outputs are for; each ends the run with exit code 2 through ``cli.fail``.
"""
from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Optional

XLSX_INSTALL_HINT = "pip install openpyxl"


def output_problem(fmt: str, output: Optional[Path]) -> Optional[str]:
    """Why ``--format fmt`` cannot be written where it would go, or None."""
    from .render import BINARY_FORMATS

    if fmt not in BINARY_FORMATS:
        return None
    if output is None and sys.stdout.isatty():
        return (f"--format {fmt} 生成二进制的 Excel 文件，不能输出到终端；请用 -o 指定文件，例如 -o 督导汇总.xlsx"
                f"（--format {fmt} writes a binary workbook, not to a terminal: give -o FILE）")
    if fmt == "xlsx" and find_spec("openpyxl") is None:
        return (f"--format xlsx 需要 openpyxl 库，请先安装：{XLSX_INSTALL_HINT}"
                f"（--format xlsx needs openpyxl: {XLSX_INSTALL_HINT}）")
    return None
