"""Figures tables in .docx and .html: a row read as a sentence, the header telling the result from the target."""
from __future__ import annotations

import re

# A figures table ("主要指标完成情况": 指标 | 目标 | 完成) is no text: its rows are read as sentences, the
# header telling the figure achieved from the target. A target is written in a clause of its own
# ("，目标值100%"), which names no subject, so it is never taken for what was achieved.
_TARGET_HEAD = re.compile(r"目标|计划|预期|任务|要求|标准|规划")
_ACTUAL_HEAD = re.compile(r"完成|实际|实现|达到|现状|进展|结果|实绩")
# "目标完成情况", "实际完成" are results even though they name the target; "计划完成" is not
_RESULT_HEAD = re.compile(r"实际|实绩|现状|完成情况|实现情况|进展情况")
_YEAR_HEAD = re.compile(r"^((?:19|20)\d\d)\s*年?(?:度)?$")
_NUMBER_HEAD = re.compile(r"^(序号|编号|No\.?)$", re.I)
_FIGURE = re.compile(r"\d\s*(?:%|％|‰|个百分点|个|所|人|名|万|元|小时|分钟|次|项|家|处|班)")
_TABLE_CELL_MAX = 40


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """Lines for a table given as rows of cells of paragraphs.

    A table of short cells (one paragraph each, up to 40 characters) is a figures table: one
    sentence a row (``护学岗设置率完成100%，目标值100%。``), the header row read for which column
    is the target and which the result. Any other table (a page laid out in a table) gives its
    cells' paragraphs one a line, as body text.
    """
    rows = [r for r in rows if any(p.strip() for c in r for p in c)]
    flat = [[" ".join(p.strip() for p in c if p.strip()) for c in r] for r in rows]
    if not rows or any(len([p for p in c if p.strip()]) > 1 or len(t) > _TABLE_CELL_MAX
                       for r, fr in zip(rows, flat) for c, t in zip(r, fr)):
        return [p for r in rows for c in r for p in c]
    out: list[str] = []
    while flat and len([c for c in flat[0] if c]) == 1 and len(flat) > 1:
        out.append(next(c for c in flat[0] if c))      # a caption row ("主要指标完成情况")
        flat = flat[1:]
    header = None
    if len(flat) > 1 and len(flat[0]) >= 2 and not any(_FIGURE.search(c) for c in flat[0]):
        header, flat = flat[0], flat[1:]
    for row in flat:
        cells = [c for c in row]
        if header is None:
            out.append("，".join(c for c in cells if c) + "。")
            continue
        keep = [k for k in range(len(cells)) if k >= len(header) or not _NUMBER_HEAD.match(header[k])]
        label_at = next((k for k in keep if cells[k] and not _FIGURE.search(cells[k])), None)
        label = cells[label_at] if label_at is not None else ""
        done, others, targets = [], [], []
        # columns headed by years (指标 | 2022年 | 2023年): the latest is the result, earlier ones past levels
        years = {k: int(m.group(1)) for k in keep if k < len(header) and (m := _YEAR_HEAD.match(header[k]))}
        latest = max(years, key=years.get) if years else None
        for k in keep:
            if k == label_at or not cells[k]:
                continue
            head = header[k] if k < len(header) else ""
            if _RESULT_HEAD.search(head) or _ACTUAL_HEAD.search(head) and not _TARGET_HEAD.search(head):
                done.append(cells[k])
            elif _TARGET_HEAD.search(head):
                targets.append(cells[k])
            elif k in years:
                if k == latest:
                    others.append(f"{head}{cells[k]}")
            else:
                others.append(f"{head}{cells[k]}")
        sentence = label + "".join(f"完成{v}" for v in done[:1]) + "".join(f"，{v}" for v in done[1:] + others)
        sentence += "".join(f"，目标值{v}" for v in targets)
        if sentence:
            out.append(sentence + "。")
    return out
