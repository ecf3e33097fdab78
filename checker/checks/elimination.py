"""Elimination checks: something must be cleared (大班额清零, 控辍保学动态清零).

A clearing claim bound to the subject (清零, 全面消除, 不辍学一人) meets the target; a figure on the
rule's metric (``metric.terms``, e.g. 巩固率) is compared with its threshold; a remaining count or a
process word without a result (化解) leaves the rule unverified.
"""
from __future__ import annotations

from ..model import Document, Rule
from .common import (Context, Observation, bound_claims, figure_in_unit, judge, mentioning, metric,
                     off_base, other_rate)


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    t = rule.threshold_for(doc.year)
    out: list[Observation] = []
    for s, mod in mentioning(rule, doc, ctx, out):
        found = False
        for c, item in bound_claims(rule, s, ctx, ("cleared", "figure", "coverage", "composite")):
            if c.kind == "cleared":
                note = off_base(rule, item, ctx, require_terms=False, claim=c)
                if note:   # "超大班额清零" says nothing about classes of 56–65
                    out.append(Observation(s, mod, "unquantified", None, None, *note, reason="other-base"))
                else:
                    out.append(Observation(s, mod, "fail" if c.negated else "pass", None, None,
                                           reason="cleared"))
                found = True
            elif c.kind != "figure" or c.change:
                continue
            elif any(other_rate(rule, n) for n in c.nouns):
                # "入学率保持100%" beside 巩固率: a rate of something else, neither a level nor a remainder
                note = off_base(rule, item, ctx, claim=c)
                out.append(Observation(s, mod, "unquantified", c.value, c.unit, *note, reason="other-base"))
                found = True
            elif t is not None and metric(rule).get("terms") and not off_base(rule, item, ctx, claim=c):
                value = figure_in_unit(c, t)     # a rate on the rule's metric (巩固率98.5%)
                if value is not None:
                    out.append(Observation(s, mod, judge(value, c.comparator, t), value, t.unit,
                                           reason="figure"))
                    found = True
            elif c.unit == "%":
                # A remaining share ("大班额控制在4%以内") is not cleared; 0% is.
                out.append(Observation(s, mod, "pass" if c.value == 0 else "fail", c.value, "%",
                                       reason="figure"))
                found = True
        if not found:
            out.append(Observation(s, mod, "unquantified", reason="mention",
                                   note_zh="未写明是否已清零", note_en="it does not say the target was cleared"))
    return out
