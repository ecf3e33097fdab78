"""Claims: the figures and full-coverage phrases a sentence states, and where their subject is.

A claim says something about the words written before it in its clause (实现了义务教育学校全覆盖),
around it (全面设置护学岗) or, for distributive claims, about every item of the list before it:
``全封闭管理、专职保安配备、护学岗设置、一键报警和视频监控实现了四个100%`` gives each item 100%,
as does ``专职保安配备率、护学岗设置率等均达100%``. The evaluate stage asks, per rule, which of a
sentence's claims have the rule's subject inside their *items*.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .model import Quantity
from .quantities import find_quantities

CLAUSE_SEP = re.compile(r"[,:，：]")
ITEM_SEP = re.compile(r"[、,，:：/]|(?<=[\u4e00-\u9fff])(?:和|及|与|以及)(?=[\u4e00-\u9fff])")

# Full-coverage phrases. 全面 + verb is a full-coverage claim ("全面设置护学岗", "全面推行").
_COVERAGE = re.compile(
    r"全覆盖|全部|所有|均(?=已|达|为|实现|建立|设置|配备|配齐|实行|开展|纳入|完成|接入|通过|有)|"
    r"全面(?:设置|实行|实施|推行|建立|配备|配齐|落实|完成|实现|接入|开展|覆盖)|"
    r"百分之百|应入尽入|应收尽收|全员"
)
_CLEARED = re.compile(
    r"动态清零|清零|全面消除|全部消除|彻底消除|(?<!基本)(?<!逐步)消除|全部化解|化解完毕|"
    r"零发生|无一例|(?:不|无)(?:辍学|失学)一人|(?:无|零)(?:辍学|失学)"
)
_DISTRIBUTIVE_LEAD = re.compile(r"(均|都|全部|分别|等)\s*(?:已|实现|达到?|为|是)?\s*$")
# "尚未实现义务教育学校全覆盖": a negation earlier in the clause reaches the claim.
_NEGATION = re.compile(r"尚未|未能|没有|还未|仍未|未(?=实现|达到|完成|全面|覆盖)|不能|无法")
# Words that give a clause no subject of its own: "占总数的67.68%", "比上年增加44840人".
_FILLER = re.compile(
    r"占总数|占全部|总数|比上年|比去年|同比|较上年|增加|增长|提高|下降|减少|降低|上升|"
    r"[占比例率达到为了是约近共计合计其中分别均都已实现的\s\d.%,余多个人名所万]"
)
# A figure right after these words is a change, not a level ("增长7.19%", "下降0.8个百分点").
_CHANGE = re.compile(r"(增长|提高|提升|下降|减少|降低|上升|增加|增幅|降幅|回落)(了|为|达|至)?\s*$")


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


def _clause_of(cls: list[Clause], i: int) -> int:
    for k, c in enumerate(cls):
        if c.start <= i <= c.end:
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


@lru_cache(maxsize=8192)
def find_claims(sentence: str) -> tuple[Claim, ...]:
    cls = clauses(sentence)
    found: list[tuple[str, int, int, Optional[Quantity]]] = []
    quantities = [q for q in find_quantities(sentence) if q.kind not in ("year", "date", "ordinal")]

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for _, s, e, _ in found)

    # Composite labels first (两个全覆盖 is one claim), then phrases (不辍学一人 is not "1 人").
    for q in quantities:
        if q.kind == "composite":
            found.append(("composite", q.start, q.end, q))
    for kind, pat in (("cleared", _CLEARED), ("coverage", _COVERAGE)):
        for m in pat.finditer(sentence):
            if free(m.start(), m.end()):
                found.append((kind, m.start(), m.end(), None))
    for q in quantities:
        if q.kind != "composite" and free(q.start, q.end):
            found.append(("figure", q.start, q.end, q))
    found.sort(key=lambda f: f[1])

    claims: list[Claim] = []
    prev_dist_end = 0
    for kind, s, e, q in found:
        k = _clause_of(cls, s)
        clause = cls[k]
        before = sentence[clause.start:s]
        distributive = kind == "composite" or bool(_DISTRIBUTIVE_LEAD.search(before)) and (
            "、" in sentence[prev_dist_end:s] or kind == "composite")
        if distributive:
            # The list before the label, back to the start of the sentence or the last such claim.
            items = tuple(_split_items(sentence, prev_dist_end, s))
            prev_dist_end = e
        else:
            lo, j = clause.start, k
            # "…学校有121所,占比80.1%": a clause with no words of its own is about the clauses before it.
            while j > 0 and _thin(sentence[cls[j].start:s] + sentence[e:cls[j].end] if j == k
                                  else sentence[cls[j].start:cls[j].end]):
                j -= 1
                lo = cls[j].start
            items = ((lo, clause.end),)
        negated = kind != "cleared" and bool(_NEGATION.search(sentence[clause.start:s]))
        if q is not None:
            value, unit, comp = q.value, q.unit, q.comparator
            if kind == "composite" and value is None:
                value = 100.0
        elif kind == "cleared":
            value, unit, comp = 0.0, None, None
        else:
            value, unit, comp = 100.0, "%", None
        change = kind == "figure" and bool(_CHANGE.search(sentence[clause.start:s]))
        claims.append(Claim(kind, value, unit, comp, s, e, sentence[s:e], items, distributive, negated, change))
    return tuple(claims)
