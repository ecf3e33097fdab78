"""Staffing ratios written 1:N (师幼比1:12.6 ≤ 1:15; 按600:1配备卫生技术人员).

``1:15``, ``1∶15``, ``1比15`` and the inverted ``13.3:1`` are read as N, the number on the larger
side per one on the smaller; the line is an upper limit on N (``comparator: "<="``) or, for a
staffing floor such as 1 per 600 pupils, on N as well. A ratio on another base (教职工:幼儿 for a
专任教师 rule) names it in ``other_bases``.
"""
from __future__ import annotations

from ..language.figures import ratios
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import block_problems, block_schema, describe, judge_reads, meaning_met, meaning_unverified, parse_block, \
    stage_pairs, standard_reads


class Staffing(Kind):
    NAME = "staffing"
    SUMMARY = ("写成1:N的配备比（分学段）：如专任教师与幼儿比≤1:15", "a staffing ratio written 1:N, by stage: e.g. teachers to children ≤ 1:15")
    FIELDS = {"staffing": block_schema(required=())}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("staffing") or {})
        b.setdefault("unit", "比")
        b.setdefault("comparator", "<=")
        return parse_block(b, normalize)

    def problems(self, raw: dict):
        return block_problems(raw, "staffing")

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts]

    def target_text(self, rule: Rule, year, lang: str) -> str:
        return describe(rule.spec, year, lang, show=lambda v: f"1:{v:g}")

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads, show=lambda v: f"1:{v:g}")

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh)

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh, ["只有人数、没有1:N的比" if zh else "a head count, no 1:N ratio"])


def _reads(rule, s, ctx, mod):
    return standard_reads(rule, s, ctx, ratios, lambda f, item: f.value, ("", ""))


KIND = Staffing()
