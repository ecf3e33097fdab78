"""Measure in force: the measure is stated as carried out, committed, or a problem.

No figure is needed (县管校聘改革, 五项管理, 师德"一票否决"). ``measure.terms`` names what makes a
mention a statement of the measure itself; without it, any mention of the subject is one.
``measure.all_of`` lets a rule accept a list of all its parts instead (手机、睡眠、读物、作业、体质).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import Document, Rule
from .base import Kind, words
from .common import Context, Observation, in_progress, mentioning, under_way


@dataclass(frozen=True)
class MeasureSpec:
    terms: Optional[tuple[str, ...]] = None          # None: any mention states the measure
    all_of: tuple[tuple[str, ...], ...] = ()
    mention_note_zh: str = ""
    mention_note_en: str = ""


class Measure(Kind):
    NAME = "measure"
    SUMMARY = ("措施已实施：写明措施本身已落实（无需数字）", "a measure in force: the measure itself stated as done (no figure needed)")
    FIELDS = {"measure": {
        "type": "object", "additionalProperties": False,
        "properties": {"terms": {"$ref": "#/$defs/terms"}, "all_of": {"$ref": "#/$defs/groups"},
                       "mention_note": {"$ref": "#/$defs/text"}}}}

    def parse(self, raw: dict, normalize) -> MeasureSpec:
        m = raw.get("measure") or {}
        note = m.get("mention_note") or {}
        return MeasureSpec(terms=tuple(normalize(m["terms"])) if "terms" in m else None,
                           all_of=tuple(tuple(normalize(g)) for g in m.get("all_of", [])),
                           mention_note_zh=note.get("zh", ""), mention_note_en=note.get("en", ""))

    def terms(self, rule: Rule) -> Iterable[str]:
        return rule.spec.terms or ()

    def observe(self, rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
        spec: MeasureSpec = rule.spec
        out: list[Observation] = []
        for s, mod in mentioning(rule, doc, ctx, out):
            stated = spec.terms is None or any(t in s.text for t in spec.terms)
            if not stated and spec.all_of:
                stated = all(any(t in s.text for t in group) for group in spec.all_of)
            if stated:
                obs = Observation(s, mod, "pass", reason="measure")
                cue = in_progress(rule, s, ctx)      # "启动县管校聘改革", "探索建立师德负面清单"
                out.append(under_way(obs, cue) if cue else obs)
            else:
                out.append(Observation(s, mod, "unquantified", reason="mention",
                                       note_zh=spec.mention_note_zh, note_en=spec.mention_note_en))
        return out

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        terms = rule.spec.terms
        how = (f"（写到：{words(terms)}）" if zh else f" (with one of: {', '.join(terms[:6])})") if terms else ""
        return (f"已完成部分写明措施已实施{how}；计划类文件中写明将实施也算达标" if zh
                else f"the achieved part states the measure as in force{how}; in a plan, committing to it counts")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        note = rule.spec.mention_note_zh if zh else rule.spec.mention_note_en
        return note or ("提到了，但没有写明措施本身" if zh else "it is mentioned, but the measure itself is not stated")


KIND = Measure()
