"""Elimination checks: something must be cleared (大班额清零, 控辍保学动态清零).

A clearing claim bound to the subject (清零, 全面消除, 不辍学一人) meets the target; a figure on the
rule's metric (``metric.terms``, e.g. 巩固率) is compared with its threshold; a remaining count or a
process word without a result (化解) leaves the rule unverified.
"""
from __future__ import annotations

from ..model import Document, Rule
from .common import (Context, Observation, bound_claims, figure_in_unit, in_progress, judge, mentioning,
                     metric, off_base, under_way)


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    t = rule.threshold_for(doc.year)
    out: list[Observation] = []
    for s, mod in mentioning(rule, doc, ctx, out):
        found = False
        for c, item in bound_claims(rule, s, ctx, ("cleared", "figure", "coverage", "composite")):
            if c.kind == "cleared":
                note = off_base(rule, item, ctx, require_terms=False)
                if note:   # "超大班额清零" says nothing about classes of 56–65
                    out.append(Observation(s, mod, "unquantified", None, None, *note, reason="other-base"))
                else:
                    obs = Observation(s, mod, "fail" if c.negated else "pass", None, None, reason="cleared")
                    cue = in_progress(rule, s, ctx, c) if not c.negated else None
                    out.append(under_way(obs, cue) if cue else obs)   # "启动大班额清零行动"
                found = True
            elif c.kind != "figure" or c.change:
                continue
            elif t is not None and metric(rule).get("terms") and not off_base(rule, item, ctx):
                value = figure_in_unit(c, t)     # a rate on the rule's metric (巩固率98.5%)
                if value is not None:
                    obs = Observation(s, mod, judge(value, c.comparator, t), value, t.unit, reason="figure")
                    cue = in_progress(rule, s, ctx, c) if obs.outcome == "pass" else None
                    out.append(under_way(obs, cue) if cue else obs)
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
