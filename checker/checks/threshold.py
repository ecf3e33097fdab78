"""Threshold checks: a figure or full-coverage claim bound to the subject, compared with a target.

``护学岗设置率100%``, ``毛入园率达到90%以上``, ``每天锻炼1小时``. Rules whose target has several parts
(``parts``: 一键报警 *and* 视频监控) are met only when the claims cover every part.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, Rule
from .common import (COUNT_UNITS, Context, Observation, bound_claims, figure_in_unit, judge, mentioning,
                     metric, note_reason, off_base)


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    t = rule.threshold_for(doc.year)
    met = metric(rule)
    full_coverage = met.get("full_coverage", t is not None and t.unit == "%" and t.value >= 100)
    parts = rule.spec.get("parts") or []
    out: list[Observation] = []
    for s, mod in mentioning(rule, doc, ctx, out):
        found = False
        for c, item in bound_claims(rule, s, ctx, ("figure", "coverage", "composite", "computed")):
            note = off_base(rule, item, ctx, claim=c)
            if note:
                out.append(Observation(s, mod, "unquantified", c.value, c.unit, *note, reason=note_reason(note)))
                found = True
                continue
            if c.kind == "coverage" and not full_coverage:
                continue
            value = figure_in_unit(c, t) if t else None
            unit = t.unit if t else None
            if value is None and c.unit in met.get("count_units", ()) and not c.change:
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
            outcome = "fail" if c.negated else judge(value, c.comparator, t)
            covered = [i for i, group in enumerate(parts) if any(term in item for term in group)]
            if c.kind == "computed" and c.of:
                part, whole = c.of
                obs = Observation(s, mod, outcome, value, unit, f"按报告所列{part:g}/{whole:g}计算为{value:g}%",
                                  f"computed from the report's counts {part:g}/{whole:g} = {value:g}%", reason="computed")
            else:
                obs = Observation(s, mod, outcome, value, unit, reason=c.kind)
            out.append(obs if not parts else (obs, covered))
            found = True
        if not found:
            out.append(Observation(s, mod, "unquantified", reason="mention"))
    return _require_parts(out, parts) if parts else out


def _require_parts(raw: list, parts: list[list[str]]) -> list[Observation]:
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
