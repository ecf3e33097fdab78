"""Figures tables in .docx and .html: a row read as a sentence, the header telling the result from the target."""
from __future__ import annotations

import re
from typing import Optional

from ... import regexcache

# A figures table ("主要指标完成情况": 指标 | 目标 | 完成) is no text: its rows are read as sentences, the
# header telling the figure achieved from the target. A target is written in a clause of its own
# ("，目标值100%"), which names no subject, so it is never taken for what was achieved.
_TARGET_HEAD = regexcache.compile(r"目标|计划|预期|预计|任务|要求|标准|规划|应|需|须|拟")
_ACTUAL_HEAD = regexcache.compile(r"完成|实际|实现|达到|现状|进展|结果|实绩")
# "目标完成情况", "实际完成" are results even though they name the target; "计划完成" is not
_RESULT_HEAD = regexcache.compile(r"实际|实绩|现状|完成情况|实现情况|进展情况")
_YEAR_HEAD = regexcache.compile(r"^((?:19|20)\d\d)\s*年?(?:度)?$")
_NUMBER_HEAD = regexcache.compile(r"^(序号|编号|No\.?)$", re.I)
_UNIT_HEAD = regexcache.compile(r"^(?:计量)?单位$")
_SCORE_HEAD = regexcache.compile(r"得分|分值|赋分|权重|^分数$")
_VERDICT_HEAD = regexcache.compile(r"是否|结论|评价|判定|备注|说明|达标情况|达标与否")
_REMARK_HEAD = regexcache.compile(r"^(?:备注|说明)$")
# A cell that opens with a count of units or with all of them ("2所学校未达标", "校校达标", "所有学校均达标").
_UNITS_FIRST = regexcache.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个|家)|校校|园园|所有|全部|各校|每所")
_NAMES = regexcache.compile(r"^[^\d.]*[\u4e00-\u9fff]")     # a cell that names something (not "0.42", "12.5:1")
_BARE_YEAR = regexcache.compile(r"^\s*(?:19|20)\d\d\s*$")
_HEAD_YEAR = regexcache.compile(r"(?:19|20)\d\d\s*年(?:度)?")
_NOTE = regexcache.compile(r"\s*(?:注|备注|说明|数据来源|资料来源)\s*[:：1１①]")
TABLE_FIGURE = regexcache.compile(r"\d\s*(?:%|％|‰|个百分点|个|所|人|名|万|元|小时|分钟|次|项|家|处|班)")
TABLE_CELL_MAX = 40
_AREA_HEAD = regexcache.compile(r"^(?:县区|区县|县市区|县（市、区）|县\(市、区\)|县（区）|县\(区\)|各县区|地区|区域)$")
_OTHER_AREA_HEAD = regexcache.compile(r"全省|全国|全市|省|国家|市级|其他")
# A unit written after a row's label, for the bare numbers of the row.
_LABEL_UNIT = regexcache.compile(r"\s*[（(]\s*(%|％|‰|人|所|个|间|台|册|名|元|万元|小时|平方米)\s*[)）]\s*$")
_BARE_NUMBER = regexcache.compile(r"\d+(?:\.\d+)?")
_OWN_AREA_LABEL = regexcache.compile(r"^(?:我|本|全)[县区市旗]|合计|总计|平均|全县|全区")


def _own_area(label: str, before: str) -> bool:
    """Whether a table's area row is the report's own: 本县, 合计…, or the area the title names ("清河县")."""
    name = label.strip()
    return bool(_OWN_AREA_LABEL.search(name)) or (len(name) >= 2 and name[-1] in "县区市旗" and name in before)


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """Lines for a table given as rows of cells of paragraphs (see :func:`table_lines_mapped`)."""
    return table_lines_mapped(rows)[0]


def table_lines_mapped(rows: list[list[list[str]]], where: Optional[list[list[list[int]]]] = None,
                       before: str = "") -> tuple[list[str], list[int]]:
    """Lines for a table given as rows of cells of paragraphs, and for each line where it comes from.

    A table of short cells (one paragraph each, up to 40 characters) is a figures table: one
    sentence a row (``护学岗设置率完成100%，目标值100%。``), the header row read for which column
    is the target and which the result. Any other table (a page laid out in a table) gives its
    cells' paragraphs one a line, as body text. ``where`` (the same shape as ``rows``) holds each
    paragraph's source line or paragraph number; a row read as a sentence comes from its first
    non-empty cell. ``before`` is the text above the table (its title): in a table of areas, the row of
    an area named there is the report's own.
    """
    where = where if where is not None else [[[0] * len(c) for c in r] for r in rows]
    kept = [(r, w) for r, w in zip(rows, where) if any(p.strip() for c in r for p in c)]
    rows, where = [r for r, _ in kept], [w for _, w in kept]
    flat = [[" ".join(p.strip() for p in c if p.strip()) for c in r] for r in rows]
    # a note under the figures (one text across the row: "注：…"), read as a line of its own after them
    notes = [k for k, fr in enumerate(flat) if k and len({c for c in fr if c}) == 1 and _NOTE.match(next(c for c in fr if c))]
    if notes:
        body = [k for k in range(len(rows)) if k not in notes]
        lines, src = table_lines_mapped([rows[k] for k in body], [where[k] for k in body], before)
        for k in notes:
            c = next(j for j, t in enumerate(flat[k]) if t)
            lines.append(flat[k][c])
            src.append(next((n for p, n in zip(rows[k][c], where[k][c]) if p.strip()), 0))
        return lines, src

    def first_of(k: int, prefer_figure: bool = False) -> int:
        """The source of row ``k``: the first cell holding a figure when asked (a comment on the
        result reads best there), else the first non-empty cell."""
        cells = [(c, cw) for c, cw in zip(rows[k], where[k]) if any(p.strip() for p in c)]
        if prefer_figure:
            cells = [x for x in cells if TABLE_FIGURE.search(" ".join(x[0]))] or cells
        return next((cw[j] for c, cw in cells for j, p in enumerate(c) if p.strip()), 0)

    # (a cell of two short paragraphs, "92.1%" and "（上年89.7%）", is one cell's text)
    if not rows or any(len(t) > TABLE_CELL_MAX for fr in flat for t in fr):
        return ([p for r in rows for c in r for p in c], [n for w in where for cw in w for n in cw])
    out: list[str] = []
    src: list[int] = []
    k = 0
    while k < len(flat) - 1 and len([c for c in flat[k] if c]) == 1:
        out.append(next(c for c in flat[k] if c))      # a caption row ("主要指标完成情况")
        src.append(first_of(k))
        k += 1
    header = None
    col_units: dict[int, str] = {}
    if len(flat) - k > 1 and len(flat[k]) >= 2 and not any(TABLE_FIGURE.search(c) for c in flat[k]):
        header = flat[k]
        k += 1
        # a unit in a column's header ("完成值（%）", "2023年（%）") for the column's bare numbers; the header then
        # names the column without it
        for j, h in enumerate(header):
            if (u := _LABEL_UNIT.search(h)) and h[:u.start()].strip():
                col_units[j] = u.group(1)
                header[j] = h[:u.start()] + h[u.end():]
    # rows of areas (县区 | 毛入园率 | …): the other counties' figures, this county's only in its own row
    area_rows = header is not None and bool(_AREA_HEAD.match(header[0] if header else ""))
    for r in range(k, len(flat)):
        cells = list(flat[r])
        if header is None:
            out.append("，".join(c.rstrip("。") for c in cells if c) + "。")
            src.append(first_of(r, prefer_figure=True))
            continue
        keep = [j for j in range(len(cells)) if j >= len(header) or not (_NUMBER_HEAD.match(header[j])
                                                                          or _UNIT_HEAD.match(header[j])
                                                                          or _SCORE_HEAD.search(header[j]))]
        # the label: the last text cell of the columns that name the row ("普及水平 | 学前三年毛入园率 | ≥90% |
        # 88.2%": a merged category, then the indicator), else the first text cell
        naming = [j for j in keep if _NAMES.search(cells[j]) and not TABLE_FIGURE.search(cells[j]) and j < len(header)
                  and not (_RESULT_HEAD.search(header[j]) or _ACTUAL_HEAD.search(header[j])
                           or _TARGET_HEAD.search(header[j]) or _VERDICT_HEAD.search(header[j]) or j in col_units
                           or _YEAR_HEAD.match(_LABEL_UNIT.sub("", header[j])))]
        label_at = naming[-1] if naming and all(b - a == 1 for a, b in zip(naming, naming[1:])) and naming[0] == keep[0] \
            else next((j for j in keep if cells[j] and not TABLE_FIGURE.search(cells[j])), None)
        cells = [c + col_units[j] if j in col_units and j != label_at and _BARE_NUMBER.fullmatch(c) else c
                 for j, c in enumerate(cells)]
        label = cells[label_at] if label_at is not None else ""
        if _BARE_YEAR.match(label):
            label = label.strip() + "年"      # a row of a year ("2022 | 90.3 | 84.2"): dated as prose is
        unit = _LABEL_UNIT.search(label)
        unit_col = next((j for j in range(min(len(header), len(cells))) if _UNIT_HEAD.match(header[j])), None)
        if unit_col is not None and not unit and (own := _LABEL_UNIT.match(f"（{cells[unit_col]}）")):
            # "学前三年毛入园率 | % | 86.3 | 88.4": a column of units, for the row's bare numbers
            cells = [c + own.group(1) if j != label_at and j != unit_col and _BARE_NUMBER.fullmatch(c) else c
                     for j, c in enumerate(cells)]
        if unit:
            # "学前三年毛入园率（%）| 88.9 | 91.3": the label gives the unit of the row's bare numbers
            label = label[:unit.start()] + label[unit.end():]
            cells = [c + unit.group(1) if j != label_at and _BARE_NUMBER.fullmatch(c) else c
                     for j, c in enumerate(cells)]
        done, others, targets, others_heads = [], [], [], []
        # columns headed by years (指标 | 2022年 | 2023年): the latest in the row's sentence, each earlier one a
        # sentence of its own after it, dated by its year as prose is ("…2022年86.5%"): which year is the
        # report's is known only later, and the latest may be a target (2023年 | 2025年)
        years = {j: int(m.group(1)) for j in keep if j < len(header) and (m := _YEAR_HEAD.match(header[j]))}
        latest = max(years, key=years.get) if years else None
        for j in keep:
            if j == label_at or not cells[j]:
                continue
            head = header[j] if j < len(header) else ""
            if _RESULT_HEAD.search(head) or _ACTUAL_HEAD.search(head) and not _TARGET_HEAD.search(head):
                # (a result column of a named year, "2023年实际" in a 2024 plan: dated as prose is)
                dated = _HEAD_YEAR.search(head)
                done.append(f"{dated.group(0)}{cells[j]}" if dated else cells[j])
            elif _TARGET_HEAD.search(head):
                # (a target of a named year, "2024年目标" in a 2024 plan: what the plan commits to, dated)
                dated = _HEAD_YEAR.search(head)
                targets.append(f"{dated.group(0)}目标值{cells[j]}" if dated else f"目标值{cells[j]}")
            elif j in years:
                if j == latest:
                    others.append(f"{head}{cells[j]}")
                    others_heads.append(head)
            else:
                # (a remark is written as it is: "备注 | 完成率98.7%"; so is a verdict that names its units,
                # "达标情况 | 2所学校未达标": the count of units leads its clause, as prose writes it)
                own = _REMARK_HEAD.match(head) or (_VERDICT_HEAD.search(head) and _UNITS_FIRST.match(cells[j]))
                others.append(cells[j] if own else f"{head}{cells[j]}")
                others_heads.append(head)
        # the first column right after the label, as prose writes it ("…教师数县域均值1.1人，达标校数36/36"):
        # a comma there would cut the figures off from what they measure
        # (not a year's column or another area's, "全省平均": each keeps its own clause)
        glued = not done and others and not _YEAR_HEAD.match(others_heads[0]) and not _OTHER_AREA_HEAD.search(others_heads[0]) \
            and not _VERDICT_HEAD.search(others_heads[0])
        rest = done[1:] + others if not glued else others[1:]
        first = done[0] if done and _HEAD_YEAR.match(done[0]) else f"完成{done[0]}" if done else ""
        sentence = label + (f"，{first}" if first and not first.startswith("完成") else first or (others[0] if glued else "")) \
            + "".join(f"，{v}" for v in rest)
        sentence += "".join(f"，{v}" for v in targets)
        theirs = area_rows and label and not _own_area(label, before)
        if theirs:
            sentence = "外县" + sentence       # another county's row (甲县|95.2%): never this report's figure
        if sentence:
            out.append(sentence.rstrip("。") + "。")
            src.append(first_of(r, prefer_figure=True))
        for j in sorted((j for j in years if j != latest and j != label_at and cells[j]), key=years.get, reverse=True):
            out.append(("外县" if theirs else "")
                       + f"{label}{header[j]}{cells[j]}".rstrip("。") + "。")
            src.append(first_of(r, prefer_figure=True))
    return out, src


