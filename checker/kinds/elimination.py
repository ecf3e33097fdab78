"""Elimination checks: something must be cleared (大班额清零, 控辍保学动态清零).

A clearing claim bound to the subject (清零, 全面消除, 不辍学一人) meets the target; a figure on the
rule's metric (``metric.terms``, e.g. 巩固率) is compared with its threshold; a remaining count or a
process word without a result (化解) leaves the rule unverified.
"""
from __future__ import annotations

from .. import regexcache
from ..language.claims import clause_around
from ..model import Document, Rule
from .base import PLAN_COUNTS, Kind, Problem, words
from .common import (Context, Observation, claims_of_the_year, figure_in_unit, in_progress, judged, mentioning,
                     note_reason, off_base, other_rate, require_all_stages, stage_part, stage_text, under_way)


# What is left to clear, counted: "仍有大班额12个", "还有12个大班额", "剩余3名辍学学生".
_REMAINING = regexcache.compile(r"(?:仍有|还有|尚有|剩余|还剩|仍存在|尚存)[^,，。；;]{0,8}?[1-9]\d*\s*(?:个|所|名|人|班)")
# A share of the units that cleared it: "100%的中小学校消除了56人以上大班额".
_UNITS_THAT_CLEARED = regexcache.compile(r"\s*的[^,，。；;]{0,8}?(?:学校|中小学|小学|初中|幼儿园|乡镇|班级)(?:已经?|均|都|全部)*"
                                         r"(?:消除|清零|化解)")
# Some still being cleared, in a clause after the claim: "…已无一个56人以上大班额，初中仍在化解".
_STILL_CLEARING = regexcache.compile(r"(?:仍|还|尚|正)(?:在|处于)(?:化解|消除|推进|整改|清理|攻坚)")
_STILL_REACH = 24
# Cases that arose again after a clearing claim: "…动态清零的成果还不稳固，年内又新增辍学学生3人".
_NEW_CASES = regexcache.compile(r"(?:又|新|再次|重新)(?:增|增加|出现|发生|产生)[^,，。；;]{0,8}?[1-9]\d*\s*(?:个|所|名|人|班)")


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    t = rule.threshold_for(doc.year)
    out: list[Observation] = []
    stage_parts: dict = {}       # index in out of an observation of one stage of the base → (stages, claim)
    for s, mod in mentioning(rule, doc, ctx, out):
        found = False
        bound = claims_of_the_year(rule, s, ctx, ("cleared", "figure", "coverage", "composite"), doc.year, mod, out)
        if bound is None:
            continue      # stated for an earlier year (recorded)
        for c, item in bound:
            if c.kind == "cleared":
                note = off_base(rule, item, ctx, require_terms=False, claim=c)
                if note:   # "超大班额清零" says nothing about classes of 56–65
                    out.append(Observation(s, mod, "unquantified", None, None, *note, reason="other-base"))
                elif c.comparator == "<" and not c.negated:     # 距全面消除还有差距: not cleared
                    out.append(Observation(s, mod, "fail", None, None, f"报告写明{c.said}",
                                           f"the report states {c.said} (not cleared)", reason="bound"))
                elif c.comparator and not c.negated:     # 基本清零: nearly, as 基本消除 is
                    out.append(Observation(s, mod, "unquantified", None, None,
                                           f"报告写明{c.said}，无法确认是否已全部清零",
                                           f"the report states {c.said} (nearly), which does not show that "
                                           f"all are cleared", reason="bound"))
                elif not c.negated and (left := _left_after(rule, s.text, c.end)):
                    # "清零…，但仍有3名辍学学生", "…又新增辍学学生3人": the same sentence counts cases
                    outcome, note_zh, note_en = left
                    out.append(Observation(s, mod, outcome, None, None, note_zh, note_en, reason="bound"))
                else:
                    obs = Observation(s, mod, "fail" if c.negated else "pass", None, None, reason="cleared")
                    cue = in_progress(rule, s, ctx, c) if not c.negated else None
                    _note_stages(stage_parts, out, rule, stage_text(s, c, item), c)
                    out.append(under_way(obs, cue) if cue else obs)   # "启动大班额清零行动"
                found = True
            elif c.kind != "figure" or c.change:
                continue
            elif any(other_rate(rule, n) for n in c.nouns):
                # "入学率保持100%" beside 巩固率: a rate of something else, neither a level nor a remainder
                note = off_base(rule, item, ctx, claim=c)
                out.append(Observation(s, mod, "unquantified", c.value, c.unit, *note, reason="other-base"))
                found = True
            elif (t is not None and any(w in item for w in rule.metric.terms)
                  and (note := off_base(rule, item, ctx, claim=c))):
                # a rate on the rule's metric for part of the base ("城区学校巩固率达到100%", "建档立卡学生
                # 巩固率达到100%"): not the county's rate, nor a share left to clear (was read as one)
                out.append(Observation(s, mod, "unquantified", c.value, c.unit, *note, reason=note_reason(note)))
                found = True
            elif t is not None and rule.metric.terms and not off_base(rule, item, ctx, claim=c):
                value = figure_in_unit(c, t)     # a rate on the rule's metric (巩固率98.5%)
                if value is not None:
                    obs = judged(s, mod, c, value, t.unit, t, reason="figure")
                    cue = in_progress(rule, s, ctx, c) if obs.outcome == "pass" else None
                    _note_stages(stage_parts, out, rule, stage_text(s, c, item), c)
                    out.append(under_way(obs, cue) if cue else obs)
                    found = True
            elif c.unit == "%" and (share := _UNITS_THAT_CLEARED.match(s.text, c.end)):
                # "全县100%的中小学校消除了大班额": the share of the units that cleared it
                if c.value >= 100 and c.comparator in (None, ">=", "=") and not c.negated:
                    out.append(Observation(s, mod, "pass", None, None, reason="cleared"))
                else:
                    out.append(Observation(s, mod, "fail", c.value, "%", f"报告写明{c.text}{share.group(0)}，不是全部",
                                           f"the report states {c.text}{share.group(0)}: not all", reason="figure"))
                found = True
            elif c.unit == "%":
                # A remaining share ("大班额控制在4%以内") is not cleared; 0% is.
                out.append(Observation(s, mod, "pass" if c.value == 0 else "fail", c.value, "%",
                                       reason="figure"))
                found = True
        remaining = None if found else _REMAINING.search(s.text)
        if remaining:
            # "全县仍有大班额12个", "还有12个大班额": a count left is no clearing
            out.append(Observation(s, mod, "fail", None, None, f"报告写明{remaining.group(0)}，尚未清零",
                                   f"the report states {remaining.group(0)}: not cleared", reason="bound"))
        elif not found:
            out.append(Observation(s, mod, "unquantified", reason="mention",
                                   note_zh="未写明是否已清零", note_en="it does not say the target was cleared"))
    return require_all_stages(rule, out, stage_parts) if stage_parts else out


def _left_after(rule: Rule, text: str, end: int):
    """(outcome, note_zh, note_en) when a clause after a clearing claim counts cases of the rule's subject
    that are left (仍有N名) or arose again (又新增N人), or says some are still being cleared (…，初中仍在化解);
    None otherwise."""
    still = _STILL_CLEARING.search(text, end, end + _STILL_REACH)
    if still:
        lo, hi = clause_around(text, still.start(), still.end())
        said = text[max(lo, end):hi].strip("，, ")
        return "fail", f"报告同时写明“{said}”，尚未全部清零", f"the report also states '{said}': not all cleared"
    for pattern, outcome in ((_REMAINING, "fail"), (_NEW_CASES, "unquantified")):
        for m in pattern.finditer(text, end):
            lo, hi = clause_around(text, m.start(), m.end())
            if any(w in text[max(lo, end):hi] for w in rule.subject.anchor or rule.subject.terms):
                said = m.group(0)
                if outcome == "fail":
                    return outcome, f"报告同时写明{said}，尚未清零", f"the report also states {said}: not cleared"
                return (outcome, f"报告同时写明{said}，无法确认已清零",
                        f"the report also states {said}, so it does not show that all are cleared")
    return None


def _note_stages(stage_parts: dict, out: list, rule: Rule, text: str, c) -> None:
    """Remember that the observation about to be added to ``out`` is about one stage of the base only."""
    stages = stage_part(rule, text)
    if stages:
        stage_parts[len(out)] = (stages, c)


class Elimination(Kind):
    NAME = "elimination"
    JUDGES_PROGRESS = True
    SUMMARY = ("清零：写明已清零/全面消除，或指标数字达到目标", "cleared: stated as cleared, or a figure on its metric meeting the target")
    METRIC_FIELDS = ("terms", "other_bases", "narrower_scopes", "base_scopes", "rates")
    SUBJECT_FIELDS = ("anchor",)
    THRESHOLD = "optional"

    def problems(self, raw: dict) -> list[Problem]:
        metric = raw.get("metric") or {}
        if metric.get("threshold") and not metric.get("terms"):
            return [Problem(("metric",), f"rule {raw['id']!r}: an elimination rule compares a figure only when "
                            "its clause names the metric, and metric.terms is missing — the threshold would "
                            "never be used", "add terms: [the words that name the figure, e.g. 巩固率]",
                            key="threshold")]
        return []

    def terms(self, rule: Rule):
        return rule.metric.terms

    def observe(self, rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
        return observe(rule, doc, ctx)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        fig = ""
        terms = rule.metric.terms
        if rule.thresholds and terms:
            fig = (f"，或{words(terms, 3)}达到{target}" if zh
                   else f", or a figure on {', '.join(terms[:3])} meeting {target}")
        plan = PLAN_COUNTS[0 if zh else 1]
        return (f"写明已清零/全面消除（清零、全面消除、不辍学一人…）{fig}；{plan}" if zh
                else f"it is stated as cleared (清零, 全面消除 …){fig}; {plan}")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        why = ["只写化解、防控等过程，没有写明已清零" if zh else "only a process (化解, 防控) without the result"]
        return ("提到了，但无法判断：" + "；".join(why)) if zh else ("mentioned, but it cannot be judged: " + "; ".join(why))


KIND = Elimination()
