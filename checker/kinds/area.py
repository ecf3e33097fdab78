"""Per-pupil area, by stage (生均教学及辅助用房面积小学5.2平方米 ≥ 4.5 ㎡).

平方米, 平米 and ㎡ are read; a total (新建校舍3万平方米) has no 生均 and is on another base.
"""
from __future__ import annotations

from ..language.figures import quantities
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import block_problems, block_schema, describe, judge_reads, meaning_met, meaning_unverified, parse_block, \
    stage_pairs, standard_reads

PER = ("生均", "每生", "人均", "每名学生")


class Area(Kind):
    NAME = "area"
    SUMMARY = ("生均面积（分学段）：如生均体育运动场馆面积≥7.5平方米", "a per-pupil area, by stage: e.g. sports space ≥ 7.5 m² per pupil")
    FIELDS = {"area": block_schema()}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("area") or {})
        b.setdefault("per_terms", list(PER))
        return parse_block(b, normalize)

    def problems(self, raw: dict):
        return block_problems(raw, "area")

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts]

    def target_text(self, rule: Rule, year, lang: str) -> str:
        return describe(rule.spec, year, lang)

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh)

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh, ["总面积（新建校舍X万平方米）" if zh else "a total area (new buildings of X m²)"])


def _reads(rule, s, ctx, mod):
    return standard_reads(
        rule, s, ctx, quantities, lambda f, item: f.value if f.unit in ("平方米", "m2") else None,
        ("只有总面积，不是生均面积", "a total area, not an area per pupil"),
        lambda f: (f"{f.text}是总面积，不是生均面积", f"{f.text} is a total area, not an area per pupil"))


KIND = Area()
