"""Composite: a threshold over thresholds (每所学校7项指标中至少6项达标、余项不低于85%).

Met: a claim for every unit (所有学校…达标, 校校达标) or a 100% share of passing units. Unmet: a count
of units that do not pass (2所学校未达到), a share below 100%, or a unit's count of passing items
below ``min_met`` (7项指标中5项达标). A general statement (资源配置水平明显提升) is unverified.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import regexcache
from ..language.claims import STAGES, clauses, stages_in
from ..language.figures import failing_units, quantities
from ..model import Document, Rule
from .base import PLAN_COUNTS, Kind
from .common import Context, Observation, mentioning
from .staged import ALL_UNITS, all_units_in, states_negation, each_school_meets, narrowed_read

_ITEMS = regexcache.compile(r"(\d+|[一二三四五六七八九十])\s*项[^，。；]{0,8}?(?:中)?[^，。；]{0,6}?(?:有)?\s*(\d+|[一二三四五六七八九十])\s*项[^，。；]{0,4}达标")
_CN = dict(zip("一二三四五六七八九十", range(1, 11)))


@dataclass(frozen=True)
class CompositeSpec:
    items: int
    min_met: int
    floor: float
    claims: tuple[str, ...] = ALL_UNITS
    stages: tuple[str, ...] = ()     # the school stages every unit of the base belongs to (小学, 初中)


class Composite(Kind):
    NAME = "composite"
    SUMMARY = ("综合达标：每个单位N项中至少M项达标、余项不低于标准的X%", "a threshold over thresholds: at least M of N items met by every unit, the rest ≥ X%")
    FIELDS = {"composite": {"type": "object", "additionalProperties": False, "required": ["items", "min_met"],
                            "properties": {"items": {"type": "integer", "minimum": 1},
                                           "min_met": {"type": "integer", "minimum": 1},
                                           "floor": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                                           "all_units_claims": {"$ref": "#/$defs/terms"},
                                           # the base's stages: a claim naming only some is no claim of all
                                           "stages": {"type": "array", "minItems": 2, "uniqueItems": True,
                                                      "items": {"enum": list(STAGES)}}}}}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize) -> CompositeSpec:
        c = raw.get("composite") or {}
        return CompositeSpec(int(c.get("items", 1)), int(c.get("min_met", 1)), float(c.get("floor", 0)),
                             tuple(normalize(c["all_units_claims"])) if c.get("all_units_claims") else ALL_UNITS,
                             tuple(c.get("stages", ())))

    def problems(self, raw: dict):
        from .base import Problem
        c = raw.get("composite") or {}
        if c.get("min_met", 0) > c.get("items", 0):
            return [Problem(("composite",), f"rule {raw['id']!r}: composite.min_met is larger than items",
                            "min_met must be at most items", key="min_met")]
        return []

    def target_text(self, rule: Rule, year, lang: str) -> str:
        sp = rule.spec
        floor = (f"、余项不低于{sp.floor:g}%" if lang == "zh" else f", the rest ≥ {sp.floor:g}%") if sp.floor else ""
        return (f"每个单位{sp.items}项中至少{sp.min_met}项达标{floor}" if lang == "zh"
                else f"every unit meets at least {sp.min_met} of {sp.items}{floor}")

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        sp: CompositeSpec = rule.spec
        out: list = []
        for s, mod in mentioning(rule, doc, ctx, out):
            text = s.text
            m = _ITEMS.search(text)
            if m:
                got = int(m.group(2)) if m.group(2).isdigit() else _CN[m.group(2)]
                if got < sp.min_met:
                    out.append(Observation(s, mod, "fail", float(got), "项", reason="figure"))
                    continue
            fu = failing_units(text)
            if fu is not None and fu.value > 0:
                out.append(Observation(s, mod, "fail", fu.value, "所", f"有{fu.text}", f"{fu.text}", reason="figure"))
                continue
            # "余项不低于85%" restates the floor: no share of passing units
            own = [(c.start, c.end) for c in clauses(text) if ctx.matcher.any(text, rule.terms, c.start, c.end)]
            pcts = [f for f in quantities(text) if f.unit == "%" and any(a <= f.start < b for a, b in own)
                    and not (f.comparator == ">=" and abs(f.value - sp.floor) < 1e-9)]
            part = _stage_part(sp, text[own[0][0]:own[-1][1]] if own else text)
            if pcts:
                # "达到100%,其中小学100%、初中96%": the lowest share decides
                pct = min(pcts, key=lambda f: f.value)
                narrow = narrowed_read(rule, text[own[0][0]:own[-1][1]], pct) if pct.value >= 100 else None
                if part and pct.value >= 100 and not narrow:
                    out.append(part(s, mod))
                    continue
                if not narrow and pct.comparator in ("<", "~<", "<=", "~"):
                    # "比例没有达到100%" is below it; "近100%", "约100%" do not show every unit
                    out.append(Observation(s, mod, "fail", pct.value, "%", reason="figure") if pct.comparator == "<" else
                               Observation(s, mod, "unquantified", pct.value, "%", f"{pct.text}，不能说明所有单位均达标",
                                           f"{pct.text} does not show that every unit passes", reason="other-base"))
                    continue
                out.append(Observation(s, mod, "unquantified", None, None, narrow.note_zh, narrow.note_en,
                                       reason="other-base") if narrow else
                           Observation(s, mod, "pass" if pct.value >= 100 else "fail", pct.value, "%", reason="figure"))
                continue
            if (all_units_in(text, sp.claims) or each_school_meets(text, rule)) and not states_negation(text):
                out.append(part(s, mod) if part else Observation(s, mod, "pass", reason="coverage"))
                continue
            out.append(Observation(s, mod, "unquantified", reason="mention",
                                   note_zh="未写明各校是否均达标", note_en="it does not say whether every unit passes"))
        return out

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return (f"写明所有单位均达到（{target}），或达标比例100%；{PLAN_COUNTS[0]}" if zh
                else f"every unit is stated to pass ({target}), or a 100% share; {PLAN_COUNTS[1]}")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return "提到了，但未写明各单位是否均达标" if zh else "mentioned, but it does not say whether every unit passes"


def _stage_part(sp: CompositeSpec, about: str):
    """For a base of several stages, an observation maker saying that ``about`` names only some of
    them ("全县小学资源配置7项指标校校达标" shows nothing of the 初中 schools); None otherwise."""
    named = stages_in(about) & set(sp.stages)
    if not named or named == set(sp.stages):
        return None
    only, need = "、".join(sorted(named, key=sp.stages.index)), "、".join(sp.stages)
    return lambda s, mod: Observation(s, mod, "unquantified", reason="other-base",
                                      note_zh=f"只写了{only}，目标以{need}各校计",
                                      note_en=f"only {only} schools are stated; the target counts every {need} school")


KIND = Composite()
