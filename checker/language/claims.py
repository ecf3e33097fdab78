"""Claims: the figures and full-coverage phrases a sentence states, and where their subject is.

A claim says something about the words written before it in its clause (实现了义务教育学校全覆盖),
around it (全面设置护学岗) or, for distributive claims, about every item of the list before it:
``全封闭管理、专职保安配备、护学岗设置、一键报警和视频监控实现了四个100%`` gives each item 100%,
as does ``专职保安配备率、护学岗设置率等均达100%``. The evaluate stage asks, per rule, which of a
sentence's claims have the rule's subject inside their *items*.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..model import Quantity
from .quantities import GAP_AFTER, GAP_BEFORE, find_quantities

# How far (in characters) from a claim its subject, list or negation may be written. Real clauses
# are far shorter (the longest in the sample reports is under 200 characters); the bound keeps a
# line without punctuation (a pasted table, a megabyte of noise) linear instead of reading the
# whole line again for every figure in it.
REACH = 400

CLAUSE_SEP = re.compile(r"[,:，：]")
ITEM_SEP = re.compile(r"[、,，:：/]|(?<=[\u4e00-\u9fff])(?:和|及|与|以及)(?=[\u4e00-\u9fff])")

# 全部/均 before a figure ("全部达到90%", "均达90%") only distribute that figure: no claim of their own.
_NOT_BEFORE_FIGURE = r"(?!(?:已经?|已)?(?:达到?|为|在|保持在?|超过|不低于)\s*[\d一二三四五六七八九十百])"

# Full-coverage phrases. 全面 + verb is a full-coverage claim ("全面设置护学岗", "全面推行").
_COVERAGE = re.compile(
    r"全覆盖|所有|全部" + _NOT_BEFORE_FIGURE + "|"
    r"均" + _NOT_BEFORE_FIGURE + "(?=已|达|为|实现|建立|设置|配备|配齐|实行|开展|纳入|完成|接入|通过|有)|"
    r"全面(?:设置|实行|推行|建立|配备|配齐|实现|接入|覆盖)|"
    r"百分之百|应入尽入|应收尽收|全员"
)
_CLEARED = re.compile(
    r"动态清零|清零|全面消除|全部消除|彻底消除|(?<!基本)(?<!逐步)消除|全部化解|化解完毕|"
    r"零发生|无一例|(?:不|无)(?:辍学|失学)一人|(?:无|零)(?:辍学|失学)"
)
_DISTRIBUTIVE_LEAD = re.compile(r"(均|都|全部|分别|等)\s*(?:已|实现|达到?|为|是)?\s*$")
# "尚未实现义务教育学校全覆盖": a negation earlier in the clause reaches the claim.
_NEGATION = re.compile(r"尚未|未能|没有|还未|仍未|未(?=实现|达到|完成|全面|覆盖)|不能|无法")
# Words right before a full-coverage or clearing phrase that leave it short of complete, as 基本消除
# is no clearing: 接近全覆盖, 基本实现全覆盖, 几乎所有, 基本清零. The claim gets an approximate comparator.
_SHORT_OF = re.compile(r"(?:接近|将近|近乎|几乎|基本上?)(?:实现|达到|做到)?\s*$")
# 距离大班额清零仍有差距: the subject may stand between 距离 and the phrase (with GAP_AFTER behind it).
_GAP_LEAD = re.compile(r"(?:距离|距)[^,，。;；:：]{0,8}$")
# Words that give a clause no subject of its own: "占总数的67.68%", "比上年增加44840人".
_FILLER = re.compile(
    r"占总数|占全部|总数|比上年|比去年|同比|较上年|增加|增长|提高|下降|减少|降低|上升|"
    r"[占比例率达到为了是约近共计合计其中分别均都已实现的\s\d.%,余多个人名所万]"
)
# What introduces a list written after a composite label: "(…)", ":…", "即…", "——…".
_LIST_AFTER = re.compile(r"[”\"']?\s*(\(|:|,即|即|——)")
# A figure right after these words is a change, not a level ("增长7.19%", "下降0.8个百分点").
# After 至 it is the level reached ("提高至92%" is 92%, as "提高到92%" is).
_CHANGE = re.compile(r"(增长|提高|提升|下降|减少|降低|上升|增加|增幅|降幅|回落)(了|为|达)?\s*$")
# "由88%提高到92%", "较上年的85%提高3个百分点": the first figure is a past level, not the current one.
_FROM = re.compile(r"(由|从|较|比)[^,;:、]{0,10}$")
_THEN = re.compile(r"\s*(提高|提升|增加|增长|上升|下降|降低|减少|回落|降|升|增|到|至)")
# What stands between the two levels of one figure: "由52.0%降至51.2%", "从88%提高到92%".
_TO_LEVEL = re.compile(r"\s*(?:提高|提升|增加|增长|上升|下降|降低|减少|回落|降|升|增)?了?\s*(?:到|至|为|达到|达)\s*")
# A from-level naming a year or a plan period ("由2019年的55%", "由十三五末的") may lie several
# years back: its change is no change on the year, so it is not recorded as one.
_SEVERAL_YEARS = re.compile(r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}年|十[二三四五]五|[二三四五六七八九十两]年")


@dataclass(frozen=True)
class Claim:
    kind: str                   # figure | coverage | cleared | composite
    value: Optional[float]      # figure value; 100 for coverage/composite; 0 for cleared
    unit: Optional[str]
    comparator: Optional[str]
    start: int                  # offsets within the sentence
    end: int
    text: str
    items: tuple[tuple[int, int], ...]   # spans (in the sentence) the claim is about
    distributive: bool = False
    negated: bool = False
    change: bool = False        # a change on a previous value, not a level
    previous: Optional[float] = None   # the earlier level of the same figure: 52.0 in 由52.0%降至51.2%
    said: str = ""              # a negated or qualified claim as written, from the word that qualifies it:
                                # 没有实现全覆盖, 接近全覆盖, 离全覆盖还有差距


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


def clauses(sentence: str) -> list[Clause]:
    out, pos = [], 0
    for m in CLAUSE_SEP.finditer(sentence):
        out.append(Clause(pos, m.start()))
        pos = m.end()
    out.append(Clause(pos, len(sentence)))
    return out


def _clause_of(cls: list[Clause], i: int, starts: Optional[list[int]] = None) -> int:
    """Index of the first clause that holds offset ``i`` (clauses are in order, so bisect)."""
    starts = starts if starts is not None else [c.start for c in cls]
    k = bisect_right(starts, i) - 1
    if k >= 0 and cls[k].start <= i <= cls[k].end:
        return k
    return len(cls) - 1


def _split_items(sentence: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans, pos = [], lo
    for m in ITEM_SEP.finditer(sentence, lo, hi):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if hi > pos:
        spans.append((pos, hi))
    return spans


def _thin(s: str) -> bool:
    """A clause head with no subject of its own ("占比80.1%", "达到95%")."""
    return len(_FILLER.sub("", s)) < 2


class _Taken:
    """The spans already claimed, for asking whether a new span overlaps any of them.

    Sorted starts with a running maximum of ends: a span [a, b) overlaps an earlier one when
    some span starting before b ends after a. A bisect instead of a scan keeps a line with
    thousands of figures linear-logarithmic instead of quadratic.
    """

    def __init__(self, spans: list[tuple[str, int, int, Optional[Quantity]]]):
        ordered = sorted((s, e) for _, s, e, _ in spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        for _, e in ordered:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def free(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, b)      # spans [0, k) start before b
        return k == 0 or self.max_end[k - 1] <= a


def _claim_spans(sentence: str, quantities: list[Quantity]) -> list[tuple[str, int, int, Optional[Quantity]]]:
    """(kind, start, end, quantity) of every claim, in order of position, none overlapping.

    Composite labels first (两个全覆盖 is one claim), then phrases (不辍学一人 is not "1 人"), then
    figures; a candidate overlapping one taken in an earlier round is dropped. Candidates of one
    round never overlap each other (one regex's matches, or find_quantities' quantities), so each
    round is checked against what the rounds before it took.
    """
    found = [("composite", q.start, q.end, q) for q in quantities if q.kind == "composite"]
    rounds = (
        [("cleared", m.start(), m.end(), None) for m in _CLEARED.finditer(sentence)],
        [("coverage", m.start(), m.end(), None) for m in _COVERAGE.finditer(sentence)],
        [("figure", q.start, q.end, q) for q in quantities if q.kind != "composite"],
    )
    for candidates in rounds:
        if not candidates:
            continue
        taken = _Taken(found)
        found += [c for c in candidates if taken.free(c[1], c[2])]
    found.sort(key=lambda f: f[1])
    return found


class _ThinClauses:
    """For reaching back over clauses with no words of their own ("…学校有121所,占比80.1%").

    ``back(j)`` is the nearest clause at or before ``j`` that has a subject of its own (or the
    first clause). Computed once per sentence, so a run of thousands of subjectless clauses
    ("1,2,3,…") costs one pass, not one pass per figure.
    """

    def __init__(self, sentence: str, cls: list[Clause]):
        self._back: list[int] = []
        for j, c in enumerate(cls):
            thin = j > 0 and _thin(sentence[c.start:c.end])
            self._back.append(self._back[j - 1] if thin else j)

    def back(self, j: int) -> int:
        return self._back[j]


def _has_mark_between(marks: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted position in ``marks`` lies in [lo, hi)."""
    k = bisect_left(marks, lo)
    return k < len(marks) and marks[k] < hi


@lru_cache(maxsize=8192)
def find_claims(sentence: str) -> tuple[Claim, ...]:
    cls = clauses(sentence)
    starts = [c.start for c in cls]
    quantities = [q for q in find_quantities(sentence) if q.kind not in ("year", "date", "ordinal")]
    found = _claim_spans(sentence, quantities)
    list_marks = [m.start() for m in re.finditer("、", sentence)]
    thin_clauses: Optional[_ThinClauses] = None

    claims: list[Claim] = []
    prev_dist_end = 0
    from_level: Optional[Claim] = None      # a past level ("由52.0%…") waiting for the level it went to
    for kind, s, e, q in found:
        k = _clause_of(cls, s, starts)
        clause = cls[k]
        # Only the part of the clause within REACH of the claim is read.
        near, far = max(clause.start, s - REACH), min(clause.end, e + REACH)
        before = sentence[near:s]
        distributive = kind == "composite" or bool(_DISTRIBUTIVE_LEAD.search(before)) and (
            _has_mark_between(list_marks, prev_dist_end, s) or kind == "composite")
        if distributive:
            # The list before the label, back to the start of the sentence or the last such claim.
            items = tuple(_split_items(sentence, max(prev_dist_end, s - REACH), s))
            after = _LIST_AFTER.match(sentence, e) if kind == "composite" else None
            if after:
                # "实现“三个100%”(封闭管理、专职保安、一键报警)": the list follows the label.
                end = min(len(sentence), e + REACH)
                close = sentence.find(")", after.end(), end) if after.group(1) == "(" else -1
                items += tuple(_split_items(sentence, after.end(), close if close >= 0 else end))
            prev_dist_end = e
        else:
            lo = clause.start
            # "…学校有121所,占比80.1%": a clause with no words of its own is about the clauses before it.
            if (k > 0 and near == clause.start and far == clause.end
                    and _thin(before + sentence[e:far])):
                thin_clauses = thin_clauses or _ThinClauses(sentence, cls)
                # Back past subjectless clauses, but not past the clause holding the REACH limit.
                j = max(thin_clauses.back(k - 1), bisect_right(starts, s - REACH) - 1)
                lo = cls[j].start
            items = ((max(lo, s - REACH), far),)
        negation = _NEGATION.search(before) if kind != "cleared" else None
        negated = bool(negation)
        if q is not None:
            value, unit, comp = q.value, q.unit, q.comparator
            if kind == "composite" and value is None:
                value = 100.0
        elif kind == "cleared":
            value, unit, comp = 0.0, None, None
        else:
            value, unit, comp = 100.0, "%", None
        past = kind == "figure" and _FROM.search(before)
        change = kind == "figure" and (bool(_CHANGE.search(before)) or bool(past and _THEN.match(sentence, e)))
        previous = None
        if (kind == "figure" and from_level is not None and from_level.unit == unit
                and _TO_LEVEL.fullmatch(sentence, from_level.end, s)):
            previous = from_level.value
        said = sentence[near + negation.start():e] if negation else ""
        if kind != "figure" and not negation:
            # 离全覆盖还有差距: short of it; 接近全覆盖, 基本清零: nearly (figures read these in quantities)
            gap_after = GAP_AFTER.match(sentence, e)
            gap_before = (GAP_BEFORE.search(before) or _GAP_LEAD.search(before)) if gap_after else None
            short = _SHORT_OF.search(before)
            if gap_before:
                comp, said = "<", sentence[near + gap_before.start():gap_after.end()]
            elif short:
                comp, said = ("~" if kind == "cleared" else "~<"), sentence[near + short.start():e]
        claim = Claim(kind, value, unit, comp, s, e, sentence[s:e], items, distributive, negated, change,
                      previous, said)
        claims.append(claim)
        from_level = claim if past and change and not _SEVERAL_YEARS.search(past.group()) else None
    return tuple(claims)
