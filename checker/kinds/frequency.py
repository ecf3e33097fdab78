"""Durations and frequencies, by stage or grade band (睡眠小学≥10小时/天; 体育课≥3课时/周).

``unit: 小时`` reads 小时/h/分钟; ``unit: 课时`` reads 课时/节/课. ``period`` (天 or 周) must match the
figure's own (每天/每周): a daily lesson (每天1节) counts as five a week; a weekly number of hours
against a daily line is on another base.
"""
from __future__ import annotations

from .. import regexcache
from ..language.figures import quantities
from ..model import Document, Rule
from .base import Kind
from .common import Context
from .staged import block_problems, block_schema, describe, judge_reads, meaning_met, meaning_unverified, parse_block, \
    stage_pairs, standard_reads

HOURS = {"小时": 1.0, "h": 1.0, "个小时": 1.0, "分钟": 1 / 60}
LESSONS = {"课时": 1.0, "节": 1.0, "节课": 1.0, "课": 1.0}
DAY = ("每天", "每日", "天", "日")
WEEK = ("每周", "周", "星期")


class Frequency(Kind):
    NAME = "frequency"
    SUMMARY = ("时长或频次（分学段）：如睡眠小学≥10小时/天、体育课≥3课时/周",
               "a duration or frequency, by stage: e.g. sleep ≥ 10 h a day; PE ≥ 3 lessons a week")
    FIELDS = {"frequency": block_schema({"period": {"enum": ["天", "周", "年"]}})}
    SUBJECT_FIELDS = ("anchor",)

    def parse(self, raw: dict, normalize):
        b = dict(raw.get("frequency") or {})
        return parse_block(b, normalize, period=b.get("period", "天"))

    def problems(self, raw: dict):
        return block_problems(raw, "frequency")

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts]

    def target_text(self, rule: Rule, year, lang: str) -> str:
        per = rule.spec.extra["period"]
        return describe(rule.spec, year, lang) + (f"/{per}" if lang == "zh" else f" a {'day' if per == '天' else 'week' if per == '周' else 'year'}")

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        return judge_reads(rule, doc, ctx, _reads)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh)

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh, ["没有时长或次数" if zh else "no duration or count"])


# A period with a count or another length: 每两周, 隔周 (every other week), 每学期, 每月 — the last before the figure.
_EVERY_N = regexcache.compile(r"(?:每|隔)\s*([两二三四五六七八九十\d]*)\s*(?:个)?(周|星期|天|日|学期|月|学年|年)")
_N = {"": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _period(text: str, f) -> str:
    """The period a figure is counted over: 天, 周, 年, or "" when none is written. Another one (每两周,
    隔周, 每学期, 每月) is returned as written, so that it is never compared with a daily or weekly line."""
    before = text[max(0, f.start - 10):f.start + 1]
    every = None
    for every in _EVERY_N.finditer(before):
        pass
    if every is not None:
        n, unit = every.group(1), every.group(2)
        count = int(n) if n.isdigit() else _N.get(n, 0)
        if every.group(0).startswith("隔"):
            count = 2 if not n else count + 1
        if count != 1 or unit in ("学期", "月"):
            return every.group(0)       # e.g. 每两周: another period than the line's
    if any(w in before for w in ("每周", "周", "星期")):
        return "周"
    if any(w in before for w in ("每天", "每日", "天", "日")):
        return "天"
    if any(w in before for w in ("每学年", "每年", "学年", "年")):
        return "年"
    return ""


def _reads(rule, s, ctx, mod):
    spec = rule.spec
    per = spec.extra["period"]
    table = HOURS if spec.unit in ("小时", "h") else LESSONS
    text = s.text

    def accept(f, item):
        if f.unit not in table:
            return None
        got = _period(text, f) or per
        v = f.value * table[f.unit]
        if got == per:
            return v
        if table is LESSONS and got == "天" and per == "周":
            return v * 5
        return None

    return standard_reads(rule, s, ctx, quantities, accept, ("", ""))


KIND = Frequency()
