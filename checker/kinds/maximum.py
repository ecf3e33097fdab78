"""Size maxima every unit must respect (班额小学≤45人、初中≤50人; 学校规模≤2000人).

Met: a claim for every unit (所有班级不超过45人, 全面实现标准班额, 无超规模学校) or a stated largest
size within the line. Unmet: a count of units above the line (46—55人班级12个, 3所学校超过2000人) or
a stated size above it — for a ≤ target the *largest* failing figure decides. An average (平均班额41人,
校均规模) is no maximum, and clearing a weaker line (消除56人以上大班额, ``weaker_claims``) says nothing
about this one: both stay unverified.
"""
from __future__ import annotations

from typing import Optional

from .. import regexcache
from ..language.figures import failing_units, past_levels, quantities
from ..language.claims import UNIT_PART_WORDS, stages_in
from ..language.quantities import extreme_before
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import all_units_claim, denied_after, states_negation, block_problems, block_schema, bound_spans, claim_of_all, \
    describe, has_any, in_spans, item_of, judge_reads, meaning_met, meaning_unverified, narrowed_read, parse_block, \
    Read, span_text, stage_pairs, stated_failure

AVERAGE = ("平均", "校均", "班均", "均班额")
OWN = {"rate": {"type": "object", "additionalProperties": False, "required": ["terms", "value"],
                "properties": {"terms": {"$ref": "#/$defs/terms"}, "value": {"type": "number"}}},
       "weaker_claims": {"$ref": "#/$defs/terms"}, "average_terms": {"$ref": "#/$defs/terms"},
       "size_units": {"$ref": "#/$defs/terms"}}


class Maximum(Kind):
    NAME = "maximum"
    SUMMARY = ("每个单位的规模上限（分学段）：如班额小学≤45人、初中≤50人；最大的超标数字决定结论",
               "a size maximum every unit must respect, by stage: e.g. class size ≤ 45; the largest failing figure decides")
    FIELDS = {"maximum": block_schema(OWN, required=("unit",))}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("maximum") or {})
        b.setdefault("comparator", "<=")
        return parse_block(b, normalize, weaker=tuple(normalize(b.get("weaker_claims", []))),
                           average=tuple(normalize(b.get("average_terms", []))) or AVERAGE,
                           size_units=tuple(b.get("size_units", ["人", "名"])),
                           rate_terms=tuple(normalize((b.get("rate") or {}).get("terms", []))),
                           rate_value=(b.get("rate") or {}).get("value"))

    def problems(self, raw: dict):
        return block_problems(raw, "maximum")

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts] + list(rule.spec.extra["weaker"])

    def target_text(self, rule: Rule, year, lang: str) -> str:
        return describe(rule.spec, year, lang)

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh) + ("；或写明所有单位均不超过（所有班级、无超规模学校）" if zh
                                                else "; or a claim that no unit is above it")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        ex = rule.spec.extra
        why = ["平均数不是最大值" if zh else "an average is no maximum"]
        if ex["weaker"]:
            why.append(f"只写了较宽的标准（{'、'.join(ex['weaker'][:3])}）" if zh else "only a weaker line is cleared")
        return meaning_unverified(rule, zh, why)


def _reads(rule, s, ctx, mod):
    spec = rule.spec
    ex = spec.extra
    text = s.text
    stage_terms = [t for _, ts in stage_pairs(spec, None) for t in ts]
    spans = bound_spans(rule, s, ctx, stage_terms, spec.group_claims)
    if not spans:
        return []
    about = span_text(text, spans)
    stated = stated_failure(spec, about)
    if stated:
        return stated
    fu = failing_units(about)
    if fu is not None and fu.value > 0:
        return [Read(fu, None, "fail", f"有{fu.text}", f"{fu.text}: some units are above the limit")]
    out: list[Read] = []
    past = past_levels(text)        # "由78%提高到92%": the earlier level is not read
    if ex["rate_terms"]:
        for f in quantities(text):
            if any(lo <= f.start < hi for lo, hi in past):
                continue
            if f.unit == "%" and in_spans(f, spans) and has_any(item_of(text, f, spans), ex["rate_terms"]):
                # "达标率没有达到92%", "近90%": below the figure, not at it
                ok = f.value >= ex["rate_value"] and f.comparator not in ("<", "~<", "<=")
                if f.value >= ex["rate_value"] and f.comparator in ("<", "~<", "<="):
                    return [Read(f, None, "fail", f"达标率{f.text}", f"rate {f.text}")] if f.comparator != "~<" else [
                        Read(f, what="other", note_zh=f"达标率{f.text}，不能说明达到{ex['rate_value']:g}%",
                             note_en=f"rate {f.text} does not show {ex['rate_value']:g}%")]
                return [narrowed_read(rule, item_of(text, f, spans), f) or Read(f, None, "claim")] if ok else [
                    Read(f, f.value, "fail", f"达标率{f.text}，低于{ex['rate_value']:g}%", f"rate {f.text} is below {ex['rate_value']:g}%")]
    figs = [f for f in quantities(text) if in_spans(f, spans) and f.unit in ex["size_units"]
            and not any(lo <= f.start < hi for lo, hi in past)]
    for f in figs:
        item = item_of(text, f, spans)
        near = text[max(0, f.start - 6):f.end + 8]
        if has_any(text[max(0, f.start - 8):f.start + 1], ex["average"]):
            out.append(Read(f, what="other", note_zh=f"{f.text}是平均数，不是最大值", note_en=f"{f.text} is an average, not a maximum"))
            continue
        if has_any(near.replace("最大班额", ""), ex["weaker"]):
            continue
        other = next((o for o in spec.other_bases if o in item), None)
        if other:
            out.append(Read(f, what="other", note_zh=f"“{other}”与本指标口径不同", note_en=f"'{other}' is another base"))
            continue
        # a part of the area within the limit shows nothing of the rest; a part above it fails the whole
        limits = [ln.value for lines in [spec.lines] + [st.lines for st in spec.steps] for ln in lines]
        none = _none_above(text, f) if limits else None
        if none:
            # "没有一所学校规模达到2000人以上", "没有超过2000人的学校": every unit is within that size — of the
            # units named (a stage of the rule's lines is that stage's claim; a part or another kind of unit,
            # 新建学校/幼儿园/城区, is no claim of all), and not a target still missed
            size, units = none
            cut = [w for w in UNIT_PART_WORDS.findall(units) if w not in ("小学", "初中", "中学")] or (
                ["幼儿园"] if "幼儿园" in units and "幼儿园" not in rule.title_zh else [])
            stages = [st for st in stages_in(units) if any(st == ln.stage for ln in spec.lines if ln.stage)]
            missed = denied_after(text, f.end, 24)
            if cut or narrowed_read(rule, item, f):
                out.append(narrowed_read(rule, item, f) or Read(f, what="other", note_zh=f"只写了{cut[0]}，口径窄于本指标",
                                                              note_en=f"only '{cut[0]}' is stated"))
            elif missed:
                out.append(Read(f, None, "fail", f"报告写明{text[f.start:missed.end()]}", f"the report states {text[f.start:missed.end()]}"))
            elif stages_in(units) and not stages and not spec.lines[0].stage:
                out.append(Read(f, what="other", note_zh=f"只写了{'、'.join(sorted(stages_in(units)))}，口径窄于本指标",
                                note_en="only one stage is stated"))
            elif f.value <= min(ln.value for ln in spec.lines if not stages or ln.stage in stages):
                out.append(Read(f, None, "claim", stage=stages[0] if len(stages) == 1 else None))
            else:
                out.append(Read(f, what="other", note_zh=f"只写明没有超过{size}的单位，不能说明都不超过{min(limits):g}",
                                note_en=f"no unit above {size} does not show none above {min(limits):g}"))
            continue
        narrow = narrowed_read(rule, item, f) if not limits or f.value <= max(limits) else None
        if narrow:
            out.append(narrow)
            continue
        after = text[f.end:f.end + 12]
        cnt = next((g for g in quantities(after) if g.unit in ("个", "所", "班")), None)
        if cnt is not None:
            # "46—55人班级12个": classes of that size exist
            out.append(Read(f, f.value if cnt.value > 0 else 0.0, "value" if cnt.value > 0 else "other",
                            "" if cnt.value > 0 else "", ""))
            continue
        # "最大的达到2600人", "班额最大为48人": the largest unit's figure is one for every unit
        if f.comparator in ("<=", "<") and not all_units_claim(spec, about, rule) and not extreme_before(text, f.start):
            out.append(Read(f, what="other", note_zh=f"“{f.text}”未写明所有单位均不超过",
                            note_en=f"'{f.text}' does not say every unit is within it"))
            continue
        out.append(Read(f, f.value))
    if not out:
        weak = next((w for w in ex["weaker"] if w in about.replace("最大班额", "")), None)
        if weak and not all_units_claim(spec, about.replace(weak, ""), rule):
            return [Read(None, what="other", note_zh=f"“{weak}”是较宽的标准，不能说明达到本标准",
                         note_en=f"'{weak}' is a weaker line; it does not show this one")]
        if (all_units_claim(spec, about, rule) or has_any(about, ("无超", "没有超", "清零", "全面实现"))) \
                and not states_negation(about.replace("无超", "")):
            out.append(claim_of_all(rule, about))
    return out


# No unit of that size: 没有/无/不存在 and the units (没有一所学校规模达到…, 全县无…) right before the figure,
# or the units it qualifies after it (没有超过2000人的学校); not "规模没有超过2000人", which names no unit.
_NONE_LEAD = regexcache.compile(r"(?:没有|无|不存在|并无)(?:任何)?(一[所个间家])?(?P<units>[^,，。；;:：\d]{0,14}?)"
                                r"(?:超过|超出|高于|大于|多于|达到|突破|在)?\s*$")
_BEFORE_DIGITS = regexcache.compile(r"\D*")
_UNITS_AFTER = regexcache.compile(r"\s*(?:及?以上)?的(?P<units>[^,，。；;:：]{0,8}?(?:学校|班级|班|校|园|教学点))")
# The other way: "没有一所学校规模低于/不足2000人", "…在2000人以下" say nothing of an upper limit.
_BELOW_WORDS = regexcache.compile(r"低于|少于|不足|不到|小于|不满|未满")
_BELOW_AFTER = regexcache.compile(r"\s*(?:人)?\s*(?:以下|以内|之内)")


def _none_above(text: str, f) -> Optional[tuple[str, str]]:
    """(the size no unit is above, the words naming the units) — or None."""
    digits = f.start + len(_BEFORE_DIGITS.match(f.text).group(0))     # (a figure's text may hold its 没有超过)
    lead = _NONE_LEAD.search(text, max(0, f.start - 24), digits)
    # (the figure's text may end with its 以下 too: "2000人以下")
    if lead is None or _BELOW_WORDS.search(text, lead.start(), digits) or _BELOW_AFTER.match(text, f.end) \
            or f.text.endswith(("以下", "以内", "之内")):
        return None
    after = _UNITS_AFTER.match(text, f.end)
    if lead.group(1) is None and after is None:
        return None
    return text[digits:f.end], lead.group("units") + (after.group("units") if after else "")


KIND = Maximum()
