"""Presence: the report only has to write about the subject (a measure with no conditions)."""
from __future__ import annotations

from ..model import Document, Rule
from .base import Kind
from .common import Context, Observation, mentions, modality


class Presence(Kind):
    NAME = "presence"
    SUMMARY = ("写到即可：报告写到该事项（不作为问题）即为达标", "a mention is enough: the subject written about, not as a problem")

    def observe(self, rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
        out = []
        for s in ctx.matcher.naming(doc.sentences, rule.terms):
            if mentions(rule, s, ctx, doc.title):
                mod = modality(rule, s, ctx)
                problem = mod == "problem"
                out.append(Observation(s, mod, "fail" if problem else "pass",
                                       reason="problem" if problem else "measure"))
        return out

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return "不适用：写到即为达标" if zh else "does not occur: a mention is enough"


KIND = Presence()
