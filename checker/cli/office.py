"""Command-line checks for the Office outputs: ``--format xlsx`` and ``--annotate``.

Kept apart from ``check.py`` so the check command only calls three functions: one that refuses a
binary format on a terminal (or without its library), one that refuses an ``--annotate`` run that
cannot work, and one that writes the annotated copy. Messages are Chinese first, English after,
like the users these outputs are for; each ends the run with exit code 2 through ``cli.output.fail``.
"""
from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Optional

XLSX_INSTALL_HINT = "pip install openpyxl"


def output_problem(fmt: str, output: Optional[Path]) -> Optional[str]:
    """Why ``--format fmt`` cannot be written where it would go, or None."""
    from ..render import BINARY_FORMATS

    if fmt not in BINARY_FORMATS:
        return None
    if output is None and sys.stdout.isatty():
        return (f"--format {fmt} 生成二进制的 Excel 文件，不能输出到终端；请用 -o 指定文件，例如 -o 督导汇总.xlsx"
                f"（--format {fmt} writes a binary workbook, not to a terminal: give -o FILE）")
    if fmt == "xlsx" and find_spec("openpyxl") is None:
        return (f"--format xlsx 需要 openpyxl 库，请先安装：{XLSX_INSTALL_HINT}"
                f"（--format xlsx needs openpyxl: {XLSX_INSTALL_HINT}）")
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def annotate_problem(paths: list, output: Optional[Path]) -> Optional[str]:
    """Why ``--annotate`` cannot run with these inputs and ``-o``, or None."""
    from ..render.annotate_docx import INSTALL_HINT

    if len(paths) != 1 or str(paths[0]) == "-" or Path(paths[0]).is_dir():
        return ("--annotate 只能用于一个 Word 文件（.docx），不能是多个文件、文件夹或标准输入"
                "（--annotate takes exactly one .docx file）")
    src = Path(paths[0])
    if src.suffix.lower() != ".docx":
        return (f"{src}: --annotate 只能给 Word 文件（.docx）加批注；.doc/.wps 请先在 Word 或 WPS 中另存为 .docx"
                f"（--annotate needs a .docx file）")
    if output is None:
        return (f"--annotate 需要用 -o 指定批注副本的文件名，例如 -o {src.stem}.审核.docx"
                "（--annotate needs -o FILE.docx for the annotated copy）")
    if Path(output).suffix.lower() != ".docx":
        return f"-o {output}: 批注副本须以 .docx 结尾，否则 Word 打不开（the annotated copy must end in .docx）"
    if _same_file(src, Path(output)):
        return (f"{output}: -o 不能是输入文件本身，原稿不会被修改；请换一个文件名，例如 {src.stem}.审核.docx"
                "（-o must not be the input file: the draft is never modified）")
    if find_spec("docx") is None:
        return (f"--annotate 需要 python-docx 库，请先安装：{INSTALL_HINT}"
                f"（--annotate needs python-docx: {INSTALL_HINT}）")
    return None


def write_annotated(reports: list, paths: list, output: Path, lang: str) -> None:
    """Write the annotated copy of the single checked report to ``output`` (atomically)."""
    from ..render.annotate_docx import annotate
    from .output import fail, write_output

    report = reports[0]
    src = Path(paths[0])
    try:
        data = src.read_bytes()
    except OSError as err:
        raise fail(f"{src}: 无法读取（cannot read: {err.strerror or err}）") from None
    try:
        result = annotate(data, report, lang)
    except Exception as err:   # python-docx on a file the checker itself could read: say so, no traceback
        raise fail(f"{src}: 无法为此文件加批注（cannot annotate this file: {type(err).__name__}: {err}）") from None
    write_output(result.data, output)
    note = (f"govedu-check: 已写入批注副本 {output}：{result.comments} 条批注"
            f"（wrote {result.comments} comments to {output}）")
    if result.unplaced:
        note += f"；{result.unplaced} 处证据找不到所在段落，未加批注（{result.unplaced} pieces of evidence not placed）"
    print(note, file=sys.stderr)
