"""Shares by stage (就近划片入学比例小学100%、初中≥95%).

The v1 ``threshold`` kind compares one share with one line; this one binds each percentage to its
stage word (``staged.py``) so a rule may hold one line for 小学 and another for 初中.
"""
from __future__ import annotations

from ..language.figures import quantities
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import block_problems, block_schema, describe, judge_reads, meaning_met, meaning_unverified, parse_block, \
    stage_pairs, standard_reads


class Share(Kind):
    NAME = "share"
    SUMMARY = ("分学段的比例：如就近入学比例小学100%、初中≥95%", "a share by stage: e.g. nearby enrolment 100% (primary), ≥ 95% (junior)")
    FIELDS = {"share": block_schema(required=("comparator",))}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("share") or {})
        b.setdefault("unit", "%")
        return parse_block(b, normalize)

    def problems(self, raw: dict):
        return block_problems(raw, "share")

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts]

    def target_text(self, rule: Rule, year, lang: str) -> str:
        return describe(rule.spec, year, lang).replace(" %", "%")

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh)

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh, ["没有比例" if zh else "no share"])


def _reads(rule, s, ctx, mod):
    return standard_reads(rule, s, ctx, quantities, lambda f, item: f.value if f.unit == "%" else None, ("", ""))


KIND = Share()
