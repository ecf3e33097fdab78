"""Coefficients without a unit, by stage (校际差异系数小学≤0.50、初中≤0.45; 差异率<0.15).

A bare decimal counts only in a clause that names the rule's anchor (差异系数); a composite
coefficient of another scheme (综合差异系数) is on another base. ``level`` adds an ordinal part
(学业水平达到Ⅲ级以上): the rule is met only when the coefficient and the level both hold.
"""
from __future__ import annotations


from .. import regexcache
from ..language.figures import quantities
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import Read, block_problems, block_schema, describe, judge_reads, meaning_met, meaning_unverified, \
    parse_block, stage_pairs, standard_reads

_LEVEL = regexcache.compile(r"(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|III|II|IV|V|I|一|二|三|四|五)\s*级")
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
          "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
LEVEL = {"type": "object", "additionalProperties": False, "required": ["min", "terms"],
         "properties": {"min": {"type": "integer", "minimum": 1, "maximum": 5}, "terms": {"$ref": "#/$defs/terms"}}}


class Coef(Kind):
    NAME = "coef"
    SUMMARY = ("无单位的系数（分学段）：如校际差异系数≤0.50；可加等级（Ⅲ级以上）",
               "a coefficient without a unit, by stage: e.g. inter-school CV ≤ 0.50; optionally a level (≥ Ⅲ)")
    FIELDS = {"coef": block_schema({"level": LEVEL}, required=())}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("coef") or {})
        b.setdefault("unit", "系数")
        b.setdefault("comparator", "<=")
        lv = b.get("level") or {}
        spec = parse_block(b, normalize, level_min=lv.get("min"), level_terms=tuple(normalize(lv.get("terms", []))))
        if lv:
            from dataclasses import replace
            spec = replace(spec, required=tuple(spec.required) + ("学业水平",))
        return spec

    def problems(self, raw: dict):
        return block_problems(raw, "coef")

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts] + list(rule.spec.extra.get("level_terms", ()))

    def target_text(self, rule: Rule, year, lang: str) -> str:
        t = describe(rule.spec, year, lang)
        lv = rule.spec.extra.get("level_min")
        if lv:
            t += (f"，且等级≥{'ⅠⅡⅢⅣⅤ'[lv - 1]}级" if lang == "zh" else f", and level ≥ {'ⅠⅡⅢⅣⅤ'[lv - 1]}")
        return t

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh)

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh)


def _reads(rule, s, ctx, mod):
    spec = rule.spec
    reads = standard_reads(
        rule, s, ctx, quantities, lambda f, item: f.value if f.unit is None and f.value < 10 else None,
        ("", ""))
    lv, terms = spec.extra.get("level_min"), spec.extra.get("level_terms", ())
    if lv:
        text = s.text
        for t in terms:
            i = text.find(t)
            if i < 0:
                continue
            m = _LEVEL.search(text, i)
            if m:
                got = _ROMAN[m.group(1)]
                tail = text[m.end():m.end() + 3]
                ok = got > lv or got == lv and not tail.startswith("以下")
                reads.append(Read(None, float(got), "pass" if ok else "fail",
                                  "" if ok else f"学业水平{m.group(0)}，低于{'ⅠⅡⅢⅣⅤ'[lv - 1]}级",
                                  "" if ok else f"level {m.group(0)} is below {'ⅠⅡⅢⅣⅤ'[lv - 1]}", stage="学业水平"))
                break
    return reads


KIND = Coef()
