"""Threshold: a figure or full-coverage claim bound to the subject, compared with a target.

``护学岗设置率100%``, ``毛入园率达到90%以上``, ``每天锻炼1小时``. Rules whose target has several parts
(``parts``: 一键报警 *and* 视频监控) are met only when the claims cover every part.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import regexcache
from ..model import Document, Rule
from .base import PLAN_COUNTS, Kind
from .common import (COUNT_UNITS, Context, Observation, claims_of_the_year, figure_in_unit, in_progress, judged,
                     level_change, mentioning, metric_unverified_reasons, note_reason, off_base,
                     require_all_stages, stage_part, stage_text, under_way)


# What a change is counted from, when it is not the year before: "较2018年基线", "三年来累计", "2019年以来".
_SINCE = regexcache.compile(r"(?:较|比|与|相比于?|对比)\s*(?P<year>\d{4})\s*年|累计|以来|[两三四五六七八九十]年来|近[两三四五]年|基线")


def _not_on_the_year(text: str, start: int, year) -> str:
    """The words before a change figure at ``start``, in its clause, that count it from another time
    than the year before the report's ("较2018年基线"); "" when none (较上年, 同比, 较2022年 in 2023)."""
    lo = max([max(0, start - 24)] + [text.rfind(p, 0, start) + 1 for p in "，,；;。"])
    ms = [m for m in _SINCE.finditer(text, lo, start)
          if not (m.group("year") and year is not None and int(m.group("year")) == year - 1)]
    return text[ms[0].start():ms[-1].end()] if ms else ""


@dataclass(frozen=True)
class ThresholdSpec:
    parts: tuple[tuple[str, ...], ...] = ()     # every group must be covered by a passing claim


class Threshold(Kind):
    NAME = "threshold"
    JUDGES_PROGRESS = True
    SUMMARY = ("数字达到目标：与目标比较的比率、数量或全覆盖表述", "a figure meeting the target: a rate, a quantity or a full-coverage claim")
    FIELDS = {"parts": {"$ref": "#/$defs/groups"}}
    METRIC_FIELDS = ("terms", "other_bases", "narrower_scopes", "full_coverage", "count_units", "change",
                     "base_scopes", "rates", "base_terms")
    SUBJECT_FIELDS = ("anchor", "labels")
    THRESHOLD = "required"

    def parse(self, raw: dict, normalize) -> ThresholdSpec:
        return ThresholdSpec(parts=tuple(tuple(normalize(g)) for g in raw.get("parts", [])))

    def terms(self, rule: Rule):
        return rule.metric.terms

    def observe(self, rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
        t = rule.threshold_for(doc.year)
        met = rule.metric
        full_coverage = met.full_coverage if met.full_coverage is not None else (
            t is not None and t.unit == "%" and t.value >= 100)
        parts = rule.spec.parts
        out: list = []
        stage_parts: dict = {}       # index in out of an observation of one stage of the base → (stages, claim)
        for s, mod in mentioning(rule, doc, ctx, out):
            found = False
            bound = claims_of_the_year(rule, s, ctx, ("figure", "coverage", "composite", "computed"), doc.year, mod, out)
            if bound is None:
                continue      # stated for an earlier year (recorded)
            for c, item in bound:
                # two levels of one figure (由52.0%降至51.2%) against a change target: the change they make
                # (given for a year, the earlier level must be the year before the report's)
                levels = (c.previous is not None and c.unit == "%" and t is not None and t.unit == "个百分点"
                          and (c.previous_year is None or (doc.year is not None and c.previous_year == doc.year - 1)))
                if (met.change and not levels and c.previous_year is not None and t is not None
                        and t.unit == "个百分点"):
                    since = (f"是{c.previous_year}年以来的变化，不是较上年的变化", f"a change since {c.previous_year}, "
                             "not on the year before") if doc.year is not None else (
                        "报告年份不明，不能确定是较上年的变化", "the report's year is unknown, so it may not be a change on the year")
                    out.append(Observation(
                        s, mod, "unquantified", c.value, c.unit,
                        f"由{c.previous_year}年的{c.previous:g}%到{c.value:g}%，{since[0]}",
                        f"from {c.previous:g}% in {c.previous_year} to {c.value:g}%: {since[1]}", reason="other-base"))
                    found = True
                    continue
                since = (_not_on_the_year(s.text, c.start, doc.year)
                         if met.change and c.change and t is not None and t.unit == "个百分点" else None)
                if since:
                    # "较2018年基线下降3.1个百分点", "三年来累计下降2个百分点": not a change on the year before
                    out.append(Observation(s, mod, "unquantified", c.value, c.unit,
                                           f"报告写的是“{since}”的变化，不是较上年的变化",
                                           f"a change given as '{since}', not on the year before", reason="other-base"))
                    found = True
                    continue
                note = off_base(rule, item, ctx, require_terms=not (levels and met.change), claim=c, sentence=s.text)
                if note:
                    out.append(Observation(s, mod, "unquantified", c.value, c.unit, *note, reason=note_reason(note)))
                    found = True
                    continue
                if levels and met.change:
                    obs = level_change(s, mod, c, t, met.change)
                    cue = in_progress(rule, s, ctx, c) if obs.outcome == "pass" else None
                    out.append(under_way(obs, cue) if cue else obs)
                    found = True
                    continue
                if c.kind == "coverage" and not full_coverage:
                    continue
                value = figure_in_unit(c, t) if t else None
                unit = t.unit if t else None
                if value is None and c.unit in met.count_units and not c.change:
                    value, unit = c.value, c.unit      # a count the rule also accepts ("压减12家" against >0)
                if value is None:
                    if c.unit in COUNT_UNITS:
                        out.append(Observation(
                            s, mod, "unquantified", c.value, c.unit,
                            f"只有数量（{c.text}），没有{t.unit if t else ''}口径的数字",
                            f"only a count ({c.text}), no figure in {t.unit if t else 'the target unit'}",
                            reason="count"))
                        found = True
                    continue
                covered = [i for i, group in enumerate(parts) if any(term in item for term in group)]
                obs = judged(s, mod, c, value, unit, t, reason=c.kind)
                if c.kind == "computed" and c.of and obs.reason == "computed":
                    part, whole = c.of     # "已入学84名" of "应入学86名": say that it was computed
                    obs = replace(obs, note_zh=f"按报告所列{part:g}/{whole:g}计算为{value:g}%",
                                  note_en=f"computed from the report's counts {part:g}/{whole:g} = {value:g}%")
                cue = in_progress(rule, s, ctx, c) if obs.outcome == "pass" else None
                if cue:
                    obs = under_way(obs, cue)    # "探索实施…,实现全覆盖": under way, not achieved
                stages = stage_part(rule, stage_text(s, c, item))
                if stages:
                    stage_parts[len(out)] = (stages, c)      # "小学…" for a base of 义务教育学校
                out.append(obs if not parts else (obs, covered))
                found = True
            if not found:
                out.append(Observation(s, mod, "unquantified", reason="mention"))
        if stage_parts:
            out = require_all_stages(rule, out, stage_parts)
        return _require_parts(out, parts) if parts else out

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        full = rule.metric.full_coverage if rule.metric.full_coverage is not None else target.endswith("100%")
        cov = ("，或写明全覆盖/全部/100%" if zh else ", or a full-coverage claim (全覆盖, 全部, 100%)") if full else ""
        parts = rule.spec.parts
        need = (f"；须同时写到：{'、'.join(g[0] for g in parts)}" if zh else
                f"; every part must be stated: {', '.join(g[0] for g in parts)}") if parts else ""
        plan = PLAN_COUNTS[0 if zh else 1]
        return (f"已完成的数字达到目标{target}{cov}{need}；{plan}" if zh
                else f"an achieved figure meets {target}{cov}{need}; {plan}")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        why = ["没有数字或全覆盖表述" if zh else "no figure and no full-coverage claim"]
        why += metric_unverified_reasons(rule, zh)
        why.append("只有数量没有目标单位的数字" if zh else "a count where the target is in another unit")
        return ("提到了，但无法判断：" + "；".join(why)) if zh else ("mentioned, but it cannot be judged: " + "; ".join(why))


def _require_parts(raw: list, parts: tuple) -> list[Observation]:
    """A passing claim counts only when passing claims of the same modality cover every part."""
    covered: dict[str, set[int]] = {}
    for o in raw:
        if isinstance(o, tuple) and o[0].outcome == "pass":
            covered.setdefault(o[0].modality, set()).update(o[1])
    out = []
    for o in raw:
        if not isinstance(o, tuple):
            out.append(o)
            continue
        obs, _ = o
        have = covered.get(obs.modality, set())
        if obs.outcome == "pass" and len(have) < len(parts):
            missing = [parts[i][0] for i in range(len(parts)) if i not in have]
            obs = replace(obs, outcome="unquantified", reason="parts",
                          note_zh=f"只写到部分内容，缺少“{'、'.join(missing)}”",
                          note_en=f"only part of the target is stated; missing {', '.join(missing)}")
        out.append(obs)
    return out


KIND = Threshold()
