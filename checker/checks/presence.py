"""Presence checks: the report only has to write about the subject (a measure with no conditions)."""
from __future__ import annotations

from ..model import Document, Rule
from .common import Context, Observation, mentions


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    return [
        Observation(s, s.modality, "fail" if s.modality == "problem" else "pass",
                    reason="problem" if s.modality == "problem" else "measure")
        for s in doc.sentences if mentions(rule, s, ctx)
    ]
