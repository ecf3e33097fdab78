"""Times of day, absolute or relative to a local reference (小学上课不早于8:20; 课后服务结束不早于下班时间).

Times are read as 8:20, 8：20, 8时20分, 下午5:30 (→ 17:30). Lines are written ``"08:20"``; the
comparator says whether the stated time must be at or after it (``>=``, 不早于) or before it.
``relative_to`` names a ``--context`` key (local_off_work_time: 1730, i.e. 17:30): a stated time is compared
with it, and a sentence tying the time to the reference (``reference_terms``: 与下班时间相衔接) meets
the rule without a figure; a stated time with no reference in the context stays unverified.
"""
from __future__ import annotations

from ..language.figures import clock_text, clocks
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import states_negation, block_problems, block_schema, bound_spans, claim_of_all, describe, has_any, \
    in_spans, item_of, judge_reads, meaning_met, meaning_unverified, narrowed_read, parse_block, Read, span_text, \
    stage_pairs, stated_failure

OWN = {"relative_to": {"type": "string"}, "reference_terms": {"$ref": "#/$defs/terms"}}


def minutes(v) -> float:
    if isinstance(v, (int, float)):
        # 17.5 (hours) or 1730 (HHMM, as a --context file holds numbers only)
        if v < 25:
            return float(v) * 60
        return float(int(v) // 100 * 60 + int(v) % 100)
    h, _, m = str(v).replace("：", ":").partition(":")
    return int(h) * 60 + int(m or 0)


def _checked_minutes(v) -> float:
    m = minutes(v)
    if not 0 <= m <= 24 * 60:
        raise ValueError(v)
    return m


class Clock(Kind):
    NAME = "clock"
    SUMMARY = ("时刻（绝对或相对当地参考时间）：如小学上课不早于8:20、课后服务结束不早于当地下班时间",
               "a time of day, absolute or relative to a local reference: e.g. lessons start no earlier than 8:20")
    FIELDS = {"clock": block_schema(OWN, required=("comparator",), value_type=("string", "number"))}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("clock") or {})
        b.setdefault("unit", "时刻")
        return parse_block(b, normalize, minutes, relative_to=b.get("relative_to", ""),
                           reference=tuple(normalize(b.get("reference_terms", []))))

    def problems(self, raw: dict):
        b = raw.get("clock") or {}
        return block_problems(raw, "clock", need_lines=not b.get("relative_to"), convert=_checked_minutes)

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts] + list(rule.spec.extra["reference"])

    def target_text(self, rule: Rule, year, lang: str) -> str:
        ex = rule.spec.extra
        if ex["relative_to"] and not rule.spec.lines:
            sym = {">=": "不早于" if lang == "zh" else "no earlier than ", "<=": "不晚于" if lang == "zh" else "no later than "}
            return f"{sym.get(rule.spec.comparator, rule.spec.comparator)}{ex['relative_to']}"
        return describe(rule.spec, year, lang, show=clock_text)

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        spec = rule.spec
        if spec.extra["relative_to"] and not spec.lines:
            ref = ctx.figures.get(spec.extra["relative_to"])
            from dataclasses import replace
            from .staged import Line
            lines = (Line("", (), minutes(ref)),) if ref is not None else ()
            rule = replace(rule, spec=replace(spec, lines=lines, required=()))
        return judge_reads(rule, doc, ctx, _reads, show=clock_text)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        ref = rule.spec.extra["reference"]
        tie = (f"，或写明与{ref[0]}衔接" if zh else f", or tied to {ref[0]}") if ref else ""
        return meaning_met(rule, target, zh) + tie

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        key = rule.spec.extra["relative_to"]
        why = [f"写了时刻但上下文文件没有 {key}" if zh else f"a time, but no {key} in the context file"] if key else []
        return meaning_unverified(rule, zh, why + ["没有具体时刻" if zh else "no time of day"])


def _reads(rule, s, ctx, mod):
    spec = rule.spec
    ex = spec.extra
    text = s.text
    stage_terms = [t for _, ts in stage_pairs(spec, None) for t in ts]
    spans = bound_spans(rule, s, ctx, stage_terms, ex["reference"])
    if not spans:
        return []
    about = span_text(text, spans)
    stated = stated_failure(spec, about)
    if stated:
        return stated
    figs = [f for f in clocks(text) if in_spans(f, spans)]
    if figs and not spec.lines:
        f = figs[0]
        return [Read(f, what="other", note_zh=f"写了{f.text}，但上下文文件没有{ex['relative_to']}，无法比较",
                     note_en=f"{f.text} is stated, but {ex['relative_to']} is not in the context file")]
    out = [narrowed_read(rule, item_of(text, f, spans), f) or Read(f, f.value) for f in figs]
    if not out and has_any(about, ex["reference"]) and not states_negation(about):
        out.append(claim_of_all(rule, about))
    return out


KIND = Clock()
