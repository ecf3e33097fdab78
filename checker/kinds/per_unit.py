"""Minimum counts per unit (每所中小学至少1名心理健康教师; 每个乡镇至少1所公办中心园; 每12个班1间音乐教室).

Met: a claim for every unit (每所…均配备, 全覆盖, 配齐, 100%); with ``context_key`` a count of the
things (配备法治副校长126名) is compared with the number of units from ``--context``. Unmet: a share
below 100% or a count of units without it (3所学校尚未配备, 2个乡镇尚无公办中心园). A bare count
(新建乡镇中心园5所) says nothing about every unit: unverified.
"""
from __future__ import annotations

from .. import regexcache
from ..language.claims import clause_around, figure_claims_at, find_claims
from ..language.figures import failing_units, quantities
from ..model import Document, Rule
from .base import Kind
from .common import Context, other_rate
from .staged import states_negation, all_units_in, block_problems, block_schema, bound_spans, claim_of_all, \
    describe, every_unit_in, has_any, in_spans, item_of, judge_reads, meaning_unverified, narrowed_read, parse_block, part_before, Read, \
    span_text, stated_failure

RATE = ("率", "比例", "占比", "覆盖")
COVER = ("全覆盖", "配齐", "均配备", "均已配备", "全部配备", "均有", "实现每", "100%", "均设立", "均建有", "每所", "每个乡镇")
OWN = {"per": {"type": "string", "minLength": 1}, "cover_claims": {"$ref": "#/$defs/terms"}}


class PerUnit(Kind):
    NAME = "per_unit"
    SUMMARY = ("每个单位的最低数量：如每所中小学至少1名心理健康教师、每个乡镇至少1所公办中心园",
               "a minimum count for every unit: e.g. at least 1 mental-health teacher per school")
    FIELDS = {"per_unit": block_schema(OWN, required=("unit", "per"))}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("per_unit") or {})
        b.setdefault("comparator", ">=")
        b.setdefault("value", 1)
        return parse_block(b, normalize, per=b.get("per", "校"),
                           cover=tuple(normalize(b.get("cover_claims", []))) or COVER)

    def problems(self, raw: dict):
        return block_problems(raw, "per_unit", need_lines=False)

    def terms(self, rule: Rule):
        return ()

    def target_text(self, rule: Rule, year, lang: str) -> str:
        per = rule.spec.extra["per"]
        return (f"每{per}{describe(rule.spec, year, lang)}" if lang == "zh"
                else f"{describe(rule.spec, year, lang)} per {per}")

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return (f"写明每个单位都达到{target}（每所均配备、全覆盖、100%）；计划类文件中，承诺达到也算达标" if zh
                else f"every unit is stated to meet {target} (全覆盖, 每所均配备, 100%); in a plan, a commitment counts")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh, ["只有数量（新建X所、配备X名），不能说明每个单位都有" if zh
                                             else "a bare count, which does not show every unit has one"])


def _reads(rule, s, ctx, mod):
    spec = rule.spec
    text = s.text
    spans = bound_spans(rule, s, ctx, (), spec.group_claims)
    if not spans:
        return []
    about = span_text(text, spans)
    stated = stated_failure(spec, about)
    if stated:
        return stated
    fu = failing_units(about)
    if fu is not None and fu.value > 0:
        return [Read(fu, None, "fail", f"有{fu.text}", f"{fu.text}: some units lack it")]
    other = next((o for o in spec.other_bases if o in about), None)
    for f in quantities(text):
        if not in_spans(f, spans):
            continue
        if f.unit == "%":
            if not has_any(item_of(text, f, spans), RATE):
                continue          # "90%以上的乡镇中心幼儿园达到建设标准" is no coverage of townships
            at = figure_claims_at(text)
            claim = at.get(f.start) or next((c for c in at.values() if c.start <= f.start < c.end), None) if at else None
            if claim is None:
                continue          # read as no result (a target, a purpose, a share of a task …): see claims
            if claim.change:
                continue          # an earlier level or a change ("由76%提高到100%"): not how many units have it now
            rate = other_rate(rule, claim.nouns[0]) if claim.nouns else None
            if rate:              # "法治副校长到校授课率100%", "招聘任务100%完成": a rate of something else
                return [Read(f, what="other", note_zh=f"数字是“{rate}”，与本指标口径不同",
                             note_en=f"the figure is a '{rate}', another base than this target's")]
            if other:
                return [Read(f, what="other", note_zh=f"“{other}”与本指标口径不同", note_en=f"'{other}' is another base")]
            at_all = f.value >= 100 - 1e-9
            if at_all and f.comparator in (None, ">=", ">"):
                part = part_before(rule, text, f.start)
                if part:
                    return [Read(f, what="other", note_zh=f"只写了{part}，口径窄于本指标（须为每{spec.extra['per']}）",
                                 note_en=f"only '{part}' is stated, not every unit")]
                return [narrowed_read(rule, item_of(text, f, spans), f) or Read(f, None, "claim")]
            if f.comparator in ("<", "~<") or (not at_all and f.comparator not in (">", ">=", "~", "<=")):
                # 86%, 不足100%, 未达100%, 近100%: short of every unit
                return [Read(f, None if f.comparator else f.value, "fail", f"覆盖率{f.text}，未达到每个单位都有",
                             f"coverage {f.text}: not every unit has it")]
            # 约100%, 不超过100%, 控制在100%以内, 95%以上: does not show every unit
            return [Read(f, what="other", note_zh=f"覆盖率{f.text}，不能说明每个单位都有",
                         note_en=f"coverage {f.text} does not show that every unit has it")]
    if other:
        return [Read(None, what="other", note_zh=f"“{other}”与本指标口径不同", note_en=f"'{other}' is another base")]
    key = spec.context_key
    if key and ctx.figures.get(key):
        units = float(ctx.figures[key])
        for f in quantities(text):
            if in_spans(f, spans) and f.unit in ("名", "人", "所", "间", "个"):
                ok = f.value >= units * spec.lines[0].value
                note = (f"按上下文文件中的{key}={units:g}计算：{f.value:g}/{units:g}",
                        f"computed with {key}={units:g} from the context file: {f.value:g}/{units:g}")
                return [Read(f, None, "claim")] if ok else [Read(f, f.value, "fail", *note)]
    # (an average stated as one, "…，平均每校1.2名", goes beside a claim of all and does not deny it)
    average = next((f for f in quantities(text) if in_spans(f, spans) and f.unit in ("名", "人", "个", "间")
                    and f.value != int(f.value) and not _STATED_AVERAGE.search(text, clause_around(text, f.start, f.start)[0], f.start)),
                   None)
    if average is not None:
        # "全县中小学校均配备心理健康教育教师1.5名": a count with a fraction is an average over the units
        return [Read(average, what="other", note_zh=f"{average.text}是平均数，不能说明每{spec.extra['per']}都达到",
                     note_en=f"{average.text} is an average; it does not show every unit has one")]
    negated = any(c.negated for c in find_claims(about) if c.kind == "coverage")
    if (all_units_in(about, spec.extra["cover"], rule, parts=True) or all_units_in(about, spec.all_units, rule, parts=True)
            or every_unit_in(about, spec.extra["per"], rule) or every_unit_in(text, spec.extra["per"], rule, spans)) \
            and not negated \
            and not states_negation(about):
        return [claim_of_all(rule, about)]
    for f in quantities(text):
        if in_spans(f, spans) and f.unit in ("名", "人", "所", "间", "个"):
            return [Read(f, what="other", note_zh=f"只有数量（{f.text}），不能说明每{spec.extra['per']}都达到",
                         note_en=f"only a count ({f.text}); it does not show every unit has one")]
    return []


_STATED_AVERAGE = regexcache.compile(r"平均|人均|每校平均|^\s*校均")


KIND = PerUnit()
