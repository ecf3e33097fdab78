"""Per-pupil area, by stage (生均教学及辅助用房面积小学5.2平方米 ≥ 4.5 ㎡).

平方米, 平米 and ㎡ are read; a total (新建校舍3万平方米) has no 生均 and is on another base.
"""
from __future__ import annotations

from ..language.figures import quantities
from .staged import StagedKind, block_schema, standard_reads

PER = ("生均", "每生", "人均", "每名学生")


class Area(StagedKind):
    NAME = "area"
    SUMMARY = ("生均面积（分学段）：如生均体育运动场馆面积≥7.5平方米", "a per-pupil area, by stage: e.g. sports space ≥ 7.5 m² per pupil")
    FIELDS = {"area": block_schema()}

    PER = PER
    TOTAL_NAME = ("总面积（新建校舍X万平方米）", "a total area (new buildings of X m²)")

    def reads(self, rule, s, ctx, mod):
        return _reads(rule, s, ctx, mod)


def _reads(rule, s, ctx, mod):
    return standard_reads(
        rule, s, ctx, quantities, lambda f, item: f.value if f.unit in ("平方米", "m2") else None,
        ("只有总面积，不是生均面积", "a total area, not an area per pupil"),
        lambda f: (f"{f.text}是总面积，不是生均面积", f"{f.text} is a total area, not an area per pupil"))


KIND = Area()
