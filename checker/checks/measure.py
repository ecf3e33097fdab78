"""Measure-in-force checks: the measure is stated as carried out, committed, or a problem.

No figure is needed (县管校聘改革, 五项管理, 师德"一票否决"). ``measure.terms`` names what makes a
mention a statement of the measure itself; without it, any mention of the subject is one.
``measure.all_of`` lets a rule accept a list of all its parts instead (手机、睡眠、读物、作业、体质).
"""
from __future__ import annotations

from ..model import Document, Rule
from .common import Context, Observation, in_progress, mentioning, under_way


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    spec = rule.spec.get("measure") or {}
    terms = spec.get("terms")
    all_of = spec.get("all_of")
    out: list[Observation] = []
    for s, mod in mentioning(rule, doc, ctx, out):
        stated = terms is None or any(t in s.text for t in terms)
        if not stated and all_of:
            stated = all(any(t in s.text for t in group) for group in all_of)
        if stated:
            obs = Observation(s, mod, "pass", reason="measure")
            cue = in_progress(rule, s, ctx)      # "启动县管校聘改革", "探索建立师德负面清单"
            out.append(under_way(obs, cue) if cue else obs)
        else:
            note = spec.get("mention_note", {})
            out.append(Observation(s, mod, "unquantified", reason="mention",
                                   note_zh=note.get("zh", ""), note_en=note.get("en", "")))
    return out
