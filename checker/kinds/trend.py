"""Trends: growth, or growth faster than another series (教育拨款增长高于财政经常性收入增长).

Met: a claim that the rule's trend was achieved (``claim_terms``: 三个增长, with an achieved verb such
as 实现/落实/做到), or the rule's growth figure with a comparison word saying it is above the other
series (``compare_terms``: 财政经常性收入), or two growth figures in that order. Unmet: the rule's
series fell (下降, 减少, 负增长) or grew less (低于). A growth figure alone (教育投入增长8%) cannot be
compared: unverified.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import regexcache
from ..language.claims import clauses
from ..model import Document, Rule
from .base import PLAN_COUNTS, Kind
from .common import Context, Observation, mentioning

GROWTH = regexcache.compile(r"(增长|增加|提高|上升)\s*(了)?\s*(\d+(?:\.\d+)?)\s*(%|个百分点)")
FALL = ("下降", "减少", "负增长", "降低", "缩减")
ABOVE = ("高于", "快于", "超过", "大于")
BELOW = ("低于", "慢于", "不及", "小于")
ACHIEVED = ("实现", "落实", "做到", "确保", "保证", "达到", "完成")


@dataclass(frozen=True)
class TrendSpec:
    claim_terms: tuple[str, ...] = ()
    compare_terms: tuple[str, ...] = ()
    name_zh: str = ""
    name_en: str = ""


class Trend(Kind):
    NAME = "trend"
    SUMMARY = ("增长趋势：某项增长，或增长快于另一项（如教育拨款增长高于财政经常性收入增长）",
               "a trend: growth, or growth faster than another series")
    FIELDS = {"trend": {"type": "object", "additionalProperties": False, "required": ["compare_terms"],
                        "properties": {"claim_terms": {"$ref": "#/$defs/terms"},
                                       "compare_terms": {"$ref": "#/$defs/terms"},
                                       "target": {"$ref": "#/$defs/text"}}}}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize) -> TrendSpec:
        t = raw.get("trend") or {}
        name = t.get("target") or {}
        return TrendSpec(tuple(normalize(t.get("claim_terms", []))), tuple(normalize(t.get("compare_terms", []))),
                         name.get("zh", ""), name.get("en", ""))

    def problems(self, raw: dict):
        return []

    def terms(self, rule: Rule):
        return rule.spec.claim_terms + rule.spec.compare_terms

    def target_text(self, rule: Rule, year, lang: str) -> str:
        sp = rule.spec
        if lang == "zh":
            return sp.name_zh or f"增长高于{sp.compare_terms[0]}增长"
        return sp.name_en or f"growth above that of {sp.compare_terms[0]}"

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        sp: TrendSpec = rule.spec
        out: list = []
        for s, mod in mentioning(rule, doc, ctx, out):
            text = s.text
            claim = next((c for c in sp.claim_terms if c in text), None)
            i_cmp = min((text.find(c) for c in sp.compare_terms if c in text), default=-1)
            grow = list(GROWTH.finditer(text))
            # a decrease of the rule's own series: in a clause that names it ("生均成本下降" is not one)
            own = "，".join(text[c.start:c.end] for c in clauses(text)
                           if ctx.matcher.any(text, rule.terms, c.start, c.end))
            if any(f in own for f in FALL) and not any(f"不{f}" in own or f"未{f}" in own or f"无{f}" in own for f in FALL):
                out.append(Observation(s, mod, "fail", reason="figure", note_zh="报告写到下降/减少", note_en="a decrease is stated"))
                continue
            if i_cmp >= 0:
                around = text[max(0, i_cmp - 8):i_cmp]
                if any(b in around for b in BELOW):
                    out.append(Observation(s, mod, "fail", reason="figure"))
                    continue
                if any(a in around for a in ABOVE) and grow:
                    out.append(Observation(s, mod, "pass", float(grow[0].group(3)), "%", reason="figure"))
                    continue
                mine = [g for g in grow if g.start() < i_cmp]
                theirs = [g for g in grow if g.start() > i_cmp]
                if mine and theirs:
                    a, b = float(mine[0].group(3)), float(theirs[0].group(3))
                    out.append(Observation(s, mod, "pass" if a > b else "fail", a, "%", reason="figure"))
                    continue
            if claim and any(v in text for v in ACHIEVED) and "未" not in text:
                out.append(Observation(s, mod, "pass", reason="measure"))
                continue
            note = ((f"只有增长数字，没有与{sp.compare_terms[0]}增长比较", f"a growth figure without the comparison with {sp.compare_terms[0]}")
                    if grow else ("未写明增长情况", "the growth is not stated"))
            out.append(Observation(s, mod, "unquantified", float(grow[0].group(3)) if grow else None,
                                   "%" if grow else None, *note, reason="other-base" if grow else "mention"))
        return out

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        sp = rule.spec
        claim = (f"，或写明已实现“{sp.claim_terms[0]}”" if zh else f", or '{sp.claim_terms[0]}' stated as achieved") if sp.claim_terms else ""
        return (f"写明{target}{claim}；{PLAN_COUNTS[0]}" if zh else f"{target} is stated{claim}; {PLAN_COUNTS[1]}")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return ("提到了，但无法判断：只有增长数字，没有与比较项的比较" if zh
                else "mentioned, but it cannot be judged: a growth figure without the comparison")


KIND = Trend()
