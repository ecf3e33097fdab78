"""Presence checks: the report only has to write about the subject (a measure with no conditions)."""
from __future__ import annotations

from ..model import Document, Rule
from .common import Context, Observation, mentions, modality


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    out = []
    for s in ctx.matcher.naming(doc.sentences, rule.terms):
        if mentions(rule, s, ctx):
            mod = modality(rule, s, ctx)
            problem = mod == "problem"
            out.append(Observation(s, mod, "fail" if problem else "pass", reason="problem" if problem else "measure"))
    return out
