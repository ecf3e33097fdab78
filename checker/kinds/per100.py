"""Counts per 100 pupils, by stage (每百名学生拥有骨干教师数小学1.2人、初中1.4人 ≥ 1).

A figure counts only where the clause writes it as a rate per 100 pupils (``per_terms``, default
每百名/百名学生); a bare count (县级以上骨干教师120名) or a share of teachers (占教师总数的15%) is on
another base and stays unverified. See ``staged.py`` for stages, per-school standards and dates.
"""
from __future__ import annotations

from ..language.figures import quantities
from .staged import StagedKind, block_schema, standard_reads

UNITS = ("人", "名", "间", "个", "台", "套", "所")
PER = ("每百名", "百名学生", "每百人", "每100名")


class Per100(StagedKind):
    NAME = "per100"
    SUMMARY = ("每百名学生拥有数（分学段）：如每百名学生拥有骨干教师数≥1人",
               "a count per 100 pupils, by stage: e.g. backbone teachers per 100 pupils ≥ 1")
    FIELDS = {"per100": block_schema()}

    PER = PER
    TOTAL_NAME = ("只有人数、没有每百名学生的数", "a count, not a rate per 100 pupils")

    def reads(self, rule, s, ctx, mod):
        return _reads(rule, s, ctx, mod)


def _reads(rule, s, ctx, mod):
    return standard_reads(
        rule, s, ctx, quantities, lambda f, item: f.value if f.unit in UNITS else None,
        ("只有总数，不是每百名学生拥有的数", "a total count, not a number per 100 pupils"),
        lambda f: (f"{f.text}是总数，不是每百名学生拥有的数", f"{f.text} is a total, not a number per 100 pupils"))


KIND = Per100()
