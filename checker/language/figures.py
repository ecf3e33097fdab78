"""Figures the 督导 indicator kinds read, beside the general numeral parser (``quantities.py``).

Stage binding (``小学4.8人、初中5.6人``, ``小学、初中分别达到4.2人、5.3人``), staffing ratios written
``1:15`` / ``1∶15`` / ``13.3:1``, clock times (``8:20``, ``8时20分``, ``下午5:30``), areas in ㎡ (which NFKC
turns into ``m2``), and counts of units that miss a standard (``3所学校未达标``, ``46—55人班级12个``).
These are new functions: the numeral parser itself is not changed.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from .. import regexcache
from .quantities import NONE_BEFORE, find_quantities, parse_chinese_number

_NUM = r"(\d+(?:\.\d+)?)"
_RATIO = regexcache.compile(_NUM + r"\s*[:∶：比]\s*" + _NUM)
_CLOCK = regexcache.compile(r"(上午|下午|晚上|傍晚|早上)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[时点]\s*(?:(\d{1,2})\s*分|半)?)")
_AREA = regexcache.compile(_NUM + r"\s*(?:平方米|平米|m2|㎡)")
_HAN_DIGITS = "零一二两三四五六七八九十百"
_FAIL_COUNT = regexcache.compile(r"(\d+|[一二两三四五六七八九十]+)\s*(?:所|个|间|名|班)(?:学校|班级|乡镇|幼儿园|中小学|小学|初中)?"
                         r"[^，。；;,]{0,20}?(?:未达|没有达|尚未|不达标|未配备|未落实|未建立|未设立|未开设|未实现|未配齐|尚无|缺|超过|超出|超标|超规模|不足)")
_CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# The earlier level of a change: "由小学3.9人、初中5.0人提高到…", "从1:17.2优化到…", "较上年的1:16.2明显改善".
_FROM_TO = regexcache.compile(r"(?:由|从)([^,，。；;]{1,40}?)(?:提高|提升|增加|增长|上升|下降|降低|减少|回落|优化|改善|"
                              r"缩小|扩大|压减|降|升|增|减)?(?:到|至)")
_COMPARED = regexcache.compile(r"(?:较|比)(?:上年|去年|上一年|上学年|(?:19|20)\d\d年)(?:同期)?的?([^,，。；;]{1,16})")


def past_levels(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that hold the earlier level of a change, not the level now."""
    if "由" not in text and "从" not in text and "较" not in text and "比" not in text:
        return []
    return [m.span(1) for m in _FROM_TO.finditer(text)] + [m.span(1) for m in _COMPARED.finditer(text)]


@dataclass(frozen=True)
class Figure:
    """A number in a sentence as the indicator kinds read it."""

    value: float               # in the unit the parser folds to (元 for 万元/亿元; minutes for a clock)
    unit: Optional[str]
    start: int
    end: int
    text: str                  # as written (shown in messages: 1.2亿元, never 1.2e+08元)
    comparator: Optional[str] = None


@lru_cache(maxsize=128)
def quantities(text: str) -> tuple[Figure, ...]:
    """Numbers with their units (``quantities.find_quantities``), areas in ㎡ included (remembered
    per sentence: every indicator rule that mentions a sentence reads its figures)."""
    out = []
    for q in find_quantities(text):
        if q.kind in ("year", "date", "ordinal"):
            continue
        out.append(Figure(q.value, q.unit, q.start, q.end, q.text, q.comparator))
    for m in _AREA.finditer(text):
        out = [f for f in out if not (f.start < m.end() and f.end > m.start())]
        cmp_ = _comparator_after(text, m.end())
        out.append(Figure(float(m.group(1)), "平方米", m.start(), m.end(), m.group(0), cmp_))
    return tuple(_shared_units(text, sorted(out, key=lambda f: f.start)))


# Between the numbers of a list whose unit is written once, after the last: "小学4.6、初中5.5人",
# "分别为8.1、11.6平方米" (a list mark, and at most a short label such as a stage).
_LIST_GAP = regexcache.compile(r"\s*[、和及与]\s*[\u4e00-\u9fff]{0,4}\s*")


def _shared_units(text: str, figs: list) -> list:
    """The figures with a bare number before a list mark taking the unit of the number after it."""
    for i in range(len(figs) - 2, -1, -1):
        f, nxt = figs[i], figs[i + 1]
        if f.unit is None and nxt.unit and _LIST_GAP.fullmatch(text, f.end, nxt.start):
            figs[i] = Figure(f.value, nxt.unit, f.start, f.end, f.text, f.comparator)
    return figs


def _comparator_after(text: str, end: int) -> Optional[str]:
    tail = text[end:end + 3]
    if tail.startswith(("以上", "及以上")):
        return ">="
    if tail.startswith(("以下", "以内")):
        return "<="
    return None


@lru_cache(maxsize=128)
def ratios(text: str) -> tuple[Figure, ...]:
    """``1:15`` → 15, ``13.3:1`` → 13.3, ``600:1`` → 600: the larger side per one of the smaller."""
    out = []
    for m in _RATIO.finditer(text):
        a, b = float(m.group(1)), float(m.group(2))
        if a <= 0 or b <= 0:
            continue
        n = b / a if a <= b else a / b
        # a clock time (8:20) is no ratio: a ratio has a 1 on one side
        if min(a, b) != 1:
            continue
        out.append(Figure(round(n, 2), "比", m.start(), m.end(), m.group(0)))
    if "每" in text:
        # "每600名学生配备1名": pupils per staff written out in words
        for m in _PER_PUPILS.finditer(text):
            a, b = float(m.group(1)), float(m.group(2))
            if a > 0 and b > 0:
                out.append(Figure(round(a / b, 2), "比", m.start(), m.end(), m.group(0)))
        out.sort(key=lambda f: f.start)
    return tuple(out)


_PER_PUPILS = regexcache.compile(r"每\s*(\d+(?:\.\d+)?)\s*名(?:在校)?(?:学生|幼儿|儿童)(?:配备|配置|配有|有)\s*(\d+(?:\.\d+)?)\s*(?:名|人)")


@lru_cache(maxsize=128)
def clocks(text: str) -> tuple[Figure, ...]:
    """Times of day in minutes after midnight; 下午/晚上 add twelve hours."""
    out = []
    for m in _CLOCK.finditer(text):
        half, h = m.group(1), int(m.group(2))
        if m.group(3) is None and m.group(4) is None and "半" not in m.group(0) and not re.search(r"[时点]", m.group(0)):
            continue
        if h > 24:
            continue
        # 1:15 is a ratio, not a time: a clock has two digits of minutes after the colon
        minutes = int(m.group(3) or m.group(4) or (30 if m.group(0).endswith("半") else 0))
        if minutes >= 60:
            continue
        if half in ("下午", "晚上", "傍晚") and h < 12:
            h += 12
        if m.group(3) and h == 1 and text[m.end():m.end() + 1].isdigit():
            continue
        out.append(Figure(h * 60 + minutes, "时刻", m.start(), m.end(), m.group(0).strip()))
    if "点" in text:
        out += _chinese_clocks(text)
        out.sort(key=lambda f: f.start)
    return tuple(out)


# 八点二十分, 八点半, 上午八点 — in Chinese numerals; a bare 八点 only after a word of the time of day or of
# a limit (不早于八点), as 八点意见 is no time.
_CN_CLOCK = regexcache.compile(r"(上午|下午|晚上|傍晚|早上|早晨)?(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})点"
                               r"(?:(半)|([零〇一二三四五六七八九十]{1,3})分?)?")
_CLOCK_LEAD = regexcache.compile(r"(?:不早于|不晚于|早于|晚于|于|在|为|至)\s*$")


def _chinese_clocks(text: str) -> list[Figure]:
    out = []
    for m in _CN_CLOCK.finditer(text):
        if not (m.group(1) or m.group(3) or m.group(4) or _CLOCK_LEAD.search(text, max(0, m.start() - 3), m.start())):
            continue
        h = parse_chinese_number(m.group(2))
        minutes = 30 if m.group(3) else (parse_chinese_number(m.group(4)) if m.group(4) else 0)
        if h is None or minutes is None or not 0 < h <= 24 or not 0 <= minutes < 60:
            continue
        h = int(h) + (12 if m.group(1) in ("下午", "晚上", "傍晚") and h < 12 else 0)
        out.append(Figure(h * 60 + int(minutes), "时刻", m.start(), m.end(), m.group(0)))
    return out


def clock_text(minutes: float) -> str:
    return f"{int(minutes) // 60}:{int(minutes) % 60:02d}"


# Units that meet it of all units, as a table's 达标校数 column writes it: "达标校数38/40", "达标学校数：40/40".
_PASSED_OF = regexcache.compile(r"达标(?:学?校|学校|园)数?\s*(?:为|是|:)?\s*(\d+)\s*/\s*(\d+)")


def passed_of_all(text: str) -> Optional[tuple[int, int]]:
    """(units that meet the standard, all units) when ``text`` writes them as N/M ("达标校数38/40")."""
    m = _PASSED_OF.search(text) if "达标" in text else None
    return (int(m.group(1)), int(m.group(2))) if m and 0 < int(m.group(2)) >= int(m.group(1)) else None


def failing_units(text: str) -> Optional[Figure]:
    """A count of units that miss a standard (``3所学校未达标``, ``仍有5个班超过45人``, ``达标校数38/40``)."""
    m = _FAIL_COUNT.search(text)
    if not m:
        p = _PASSED_OF.search(text) if "达标" in text else None
        if p and int(p.group(2)) > int(p.group(1)):
            left = int(p.group(2)) - int(p.group(1))
            return Figure(float(left), "个", p.start(), p.end(), f"{left}所未达标（{p.group(0)}）")
        return None
    n = _number(m.group(1))
    if n is None:
        return None
    if n == 1 and NONE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        n = 0.0     # "没有一个班级超过标准班额": no unit misses it
    return Figure(n, "个", m.start(), m.end(), m.group(0))



def _number(s: str) -> Optional[float]:
    if s.isdigit():
        return float(s)
    if s == "十":
        return 10.0
    if len(s) == 1 and s in _CN:
        return float(_CN[s])
    if len(s) == 2 and s[0] == "十":
        return 10.0 + _CN.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN.get(s[0], 0) * 10.0
    if len(s) == 3 and s[1] == "十":
        return _CN.get(s[0], 0) * 10.0 + _CN.get(s[2], 0)
    return None


STAGE_REACH = 120      # how far before a figure its stage word (or a 分别 list) may be


# Stages beyond the compulsory years, which a compulsory-education rule has no line for; a figure
# written right after one of them is that stage's (stage_of returns OTHER_STAGE).
OTHER_STAGES = ("普通高中", "高中", "中职", "职业高中")
OTHER_STAGE = "-"


_DIGIT = regexcache.compile(r"\d")


def stage_of(text: str, pos: int, stages: Sequence[tuple[str, Iterable[str]]],
             figures_before: Sequence[int] = ()) -> Optional[str]:
    """The stage a figure at ``pos`` is bound to: the nearest stage word before it, within
    ``STAGE_REACH`` characters; ``"*"`` when it follows a list of stages and 均 (it is every
    listed stage's).

    ``小学、初中分别达到4.2人、5.3人``: after 分别, the n-th figure takes the n-th stage listed before it
    (``figures_before``: the ascending starts of the figures read before this one in the sentence).
    Each lookup is bounded, so a hostile megabyte sentence costs what its figures cost.
    """
    lo = max(0, pos - STAGE_REACH)
    nearest, first = None, {}
    own = set()
    for name, terms in stages:
        for t in terms:
            own.add(t)
            i = text.rfind(t, lo, pos)
            if i >= 0 and (nearest is None or i > nearest[0]):
                nearest = (i, name)
            j = text.find(t, lo, pos)
            if j >= 0 and j < first.get(name, pos):
                first[name] = j
    after = lo if nearest is None else nearest[0] + 1
    for w in OTHER_STAGES:
        k = text.rfind(w, after, pos)
        if k >= 0 and w not in own and not any(w in t for t in own) and (
                text[k - 1:k] not in ("、", "和", "及", "与") or _DIGIT.search(text, after, k)):
            # "…三至九年级每周3节，高中每周2节", "…三至九年级每周3节、高中每周2节": the 高中 figure has no line of this
            # rule (but "初中、高中均…" lists it with one of the rule's stages)
            return OTHER_STAGE
    if nearest is None:
        return None
    listed = text.rfind("分别", lo, pos)
    k = nearest[0]
    # (the item before the separator names a stage, as 小学 in "小学生、初中生…")
    in_list = k > 0 and text[k - 1] in "、和及与" and any(t in text[max(lo, k - 8):k - 1] for t in own)
    if len(first) >= 2 and "均" in text[max(0, pos - 6):pos] and listed < 0 and in_list:
        # "小学、初中均达0.9人以上": the figure is every listed stage's (not "…45人、初中班额均不超过50人",
        # where 均 is each class of the one stage named)
        return "*"
    if listed >= 0 and nearest[0] < listed and in_list:      # (not "…，初中分别为6.11人、7.30平方米": one stage's figures)
        names = [n for n, j in sorted(first.items(), key=lambda x: x[1]) if j < listed]
        if len(names) >= 2:
            idx = len(figures_before) - bisect_right(figures_before, listed)
            if idx < len(names):
                return names[idx]
    return nearest[1]


_FILLER = set("达到分别为均是和及与以上下不低于超过于的在、，,人名间元个平方米台所班生天年周小时课节每")


def own_words(clause: str, stage_terms: Iterable[str]) -> int:
    """How many Han characters a clause has besides stage words, numbers, units and fillers."""
    for t in sorted(set(stage_terms), key=len, reverse=True):
        clause = clause.replace(t, "")
    if "点" in clause:
        clause = _CN_CLOCK.sub("", clause)      # 八点二十分 is a number too
    return sum(1 for ch in clause if "\u4e00" <= ch <= "\u9fff" and ch not in _FILLER)
