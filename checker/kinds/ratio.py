"""Ratio checks: a share that needs its base (交流轮岗教师 / 符合交流条件教师 ≥ 10%).

A percentage counts only when the report names the base (``ratio.base_terms``). A bare count is
unverified, and the message says which figure would settle it; with ``--context`` giving the base
(``ratio.context_key``), the ratio is computed. Where the report states a different total
(``ratio.total_terms``, e.g. 在岗教师2477人), the message says what the count is of that total.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..language.claims import REACH, YEARS_WINDOW, clauses, find_claims, scopes_in
from ..model import Document, Rule, Sentence
from ..language.quantities import find_quantities
from .base import PLAN_COUNTS, Kind, words
from .common import (COUNT_UNITS, Context, Observation, own_scope, bound_claims, in_progress, judge, judged,
                     mentioning, under_way)


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    spec: RatioSpec = rule.spec
    t = rule.threshold_for(doc.year)
    base_terms = spec.base_terms
    # the base as the pack names it; messages fall back to a generic word where it does not
    base_name = {k: v for k, v in (("zh", spec.base_name_zh), ("en", spec.base_name_en)) if v}
    key = spec.context_key
    base = ctx.figures.get(key) if key else None
    total = _stated_total(doc, spec.total_terms)
    out: list[Observation] = []
    for s, mod in mentioning(rule, doc, ctx, out):
        found = False
        for c, item in _shares_and_counts(rule, s, ctx):
            # the qualifier stands before the figure, within the reach a claim binds in (a line
            # without punctuation is not read whole again for every share)
            narrow = (next((p for w, p in scopes_in(item[-REACH:]) if not own_scope(rule, w)), None)
                      if c.unit == "%" else None)
            cumulative = YEARS_WINDOW.search(item) if t is not None else None
            if cumulative:
                # "近三年累计交流轮岗教师860名，占…31.5%": several years' worth, not the year's share
                out.append(Observation(s, mod, "unquantified", c.value, c.unit,
                                       f"写的是“{cumulative.group(0)}”的数字，不是当年的比例",
                                       f"it counts '{cumulative.group(0)}', not the year's share", reason="other-base"))
                found = True
            elif narrow and t is not None:
                # "城区学校交流轮岗教师占…15%": a share of part of the area
                out.append(Observation(s, mod, "unquantified", c.value, "%",
                                       f"只写了{narrow}，目标以全县{base_name.get('zh', '') or '教师'}计",
                                       f"only '{narrow}' is stated; the target counts the whole area", reason="narrow"))
                found = True
            elif c.kind == "computed" and c.of and t is not None:
                # "交流轮岗教师200人,其中骨干教师48人": the share computed from the two counts
                part, whole = c.of
                obs = judged(s, mod, c, c.value, "%", t, reason="computed")
                if obs.reason == "computed":
                    obs = replace(obs, note_zh=f"按报告所列{part:g}/{whole:g}计算为{c.value:g}%",
                                  note_en=f"computed from the report's counts {part:g}/{whole:g} = {c.value:g}%")
                out.append(_progress(rule, s, ctx, c, obs))
                found = True
            elif c.unit == "%" and t is not None:
                if any(b in item for b in base_terms):
                    out.append(_progress(rule, s, ctx, c, judged(s, mod, c, c.value, "%", t, reason="figure")))
                else:
                    out.append(Observation(
                        s, mod, "unquantified", c.value, "%",
                        f"比例未写明基数（应为{base_name.get('zh', '')}）",
                        f"the share does not name its base (it must be {base_name.get('en', 'the eligible base')})",
                        reason="other-base"))
                found = True
            elif c.unit in COUNT_UNITS and t is not None:
                found = True
                if base:
                    share = 100.0 * c.value / float(base)
                    out.append(Observation(
                        s, mod, judge(share, c.comparator, t), round(share, 1), "%",
                        f"按上下文文件中的{base_name.get('zh', '基数')}{base:g}计算：{c.value:g}/{base:g}={share:.1f}%",
                        f"computed with {base_name.get('en', 'the base')} {base:g} from the context file: "
                        f"{c.value:g}/{base:g} = {share:.1f}%", reason="figure"))
                    continue
                zh = f"只有人数（{c.text}），缺少{base_name.get('zh', '基数')}，无法计算比例"
                en = (f"only a count ({c.text}); the {base_name.get('en', 'base')} is needed to compute "
                      f"the share (give it with --context)")
                if total:
                    share = 100.0 * c.value / total[0]
                    zh += f"；{c.value:g}人占全部{total[1]}{total[0]:g}人的{share:.1f}%，但指标以{base_name.get('zh', '基数')}计"
                    en += (f"; {c.value:g} is {share:.1f}% of all {total[0]:g} {total[2]}, but the target is "
                           f"measured against {base_name.get('en', 'the base')}")
                out.append(Observation(s, mod, "unquantified", c.value, c.unit, zh, en, reason="count"))
        if not found:
            out.append(Observation(s, mod, "unquantified", reason="mention",
                                   note_zh=f"未给出人数和{base_name.get('zh', '基数')}",
                                   note_en=f"no count and no {base_name.get('en', 'base')} is given"))
    return out


def _progress(rule: Rule, s: Sentence, ctx: Context, c, obs: Observation) -> Observation:
    """A passing share whose work is stated as under way (探索…, 试点…) is not shown achieved."""
    cue = in_progress(rule, s, ctx, c) if obs.outcome == "pass" else None
    return under_way(obs, cue) if cue else obs


def _shares_and_counts(rule: Rule, s: Sentence, ctx: Context):
    """(claim, text it is about) for the rule's shares and counts in the sentence.

    A count is about its own clause ("其中骨干教师52人"). A share is about its clause and the one
    before it, and belongs to this rule only if the rule's subject is named there: in
    "交流轮岗教师213人,占符合交流条件教师总数的11.3%,其中骨干教师52人,占交流总数的24.4%"
    11.3% is the rotation rate and 24.4% the backbone share.
    """
    cls = clauses(s.text)
    computed = [c for c in find_claims(s.text) if c.kind == "computed" and c.of and c.items]
    used = []
    for c in computed:
        # the total's clause names the base (交流轮岗教师200人) and the part's clause the rule's
        # subject (其中骨干教师48人)
        lo, hi = c.items[0][0], c.items[-1][1]
        first = next((cl for cl in cls if cl.start <= lo <= cl.end), None)
        last = next((cl for cl in cls if cl.start <= max(hi - 1, lo) <= cl.end), None)
        if first is None or last is None or first is last:
            continue
        if (any(b in s.text[first.start:first.end] for b in rule.spec.base_terms)
                and ctx.matcher.any(s.text, rule.terms, last.start, last.end)):
            used.append((lo, hi))
            yield c, s.text[lo:hi]
    if not used:
        part = _part_of_stated_base(rule, s, ctx, cls)
        if part is not None:
            used.append((part.start, part.end))
            yield part, s.text[part.items[0][0]:part.end]
    for c, item in bound_claims(rule, s, ctx, ("figure",)):
        if c.unit != "%" and not any(lo <= c.start < hi for lo, hi in used):
            yield c, item
    for c in find_claims(s.text):
        if c.kind != "figure" or c.unit != "%" or c.change:
            continue
        k = next((i for i, cl in enumerate(cls) if cl.start <= c.start <= cl.end), len(cls) - 1)
        lo, hi = cls[max(k - 1, 0)].start, cls[k].end
        if ctx.matcher.any(s.text, rule.terms, lo, hi):
            yield c, s.text[lo:hi]


_PEOPLE_UNITS = ("人", "名")


def _part_of_stated_base(rule: Rule, s: Sentence, ctx: Context, cls):
    """The share computed from a count of the base and, in a later clause of its own, a count of the rule's
    subject, as reports write them without 其中 ("全县符合交流条件教师1380人，当年交流轮岗152人"); or None."""
    whole = None
    for c in find_claims(s.text):
        if c.kind != "figure" or c.unit not in _PEOPLE_UNITS or c.change or not c.value:
            continue
        k = next((i for i, cl in enumerate(cls) if cl.start <= c.start <= cl.end), len(cls) - 1)
        clause = s.text[cls[k].start:cls[k].end]
        if any(b in clause for b in rule.spec.base_terms):
            if whole is None:
                whole = (c, k)
            continue
        if (whole is not None and k > whole[1] and c.value < whole[0].value
                and ctx.matcher.any(s.text, rule.terms, cls[k].start, cls[k].end)):
            share = round(100.0 * c.value / whole[0].value, 1)
            return replace(c, kind="computed", value=share, unit="%", comparator=None,
                           of=(c.value, whole[0].value), items=((cls[k].start, cls[k].end),))
    return None


def _stated_total(doc: Document, total_terms: list[str]):
    """(count, zh word, en word) of a total the report states, e.g. 在岗教师2477人."""
    for s in doc.sentences:
        for term in total_terms:
            i = s.text.find(term)
            if i < 0:
                continue
            for q in find_quantities(s.text[i:i + len(term) + 12]):
                if q.unit in ("人", "名") and q.value:
                    return (q.value, term, "teachers in post")
    return None


@dataclass(frozen=True)
class RatioSpec:
    base_terms: tuple[str, ...] = ()     # words that name the base a share must be of (符合交流条件)
    base_name_zh: str = ""
    base_name_en: str = ""
    context_key: str = ""                # --context key giving the base, to compute a share from a count
    total_terms: tuple[str, ...] = ()    # a stated total on another base (在岗教师), for the message


class Ratio(Kind):
    NAME = "ratio"
    JUDGES_PROGRESS = True
    SUMMARY = ("比例达到目标，且写明基数（如占符合交流条件教师的比例）", "a share meeting the target, with its base named")
    FIELDS = {"ratio": {
        "type": "object", "additionalProperties": False,
        "properties": {"base_terms": {"$ref": "#/$defs/terms"}, "base_name": {"$ref": "#/$defs/text"},
                       "context_key": {"type": "string"}, "total_terms": {"$ref": "#/$defs/terms"}}}}
    SUBJECT_FIELDS = ("anchor",)
    THRESHOLD = "required"

    def parse(self, raw: dict, normalize) -> RatioSpec:
        r = raw.get("ratio") or {}
        name = r.get("base_name") or {}
        return RatioSpec(base_terms=tuple(normalize(r.get("base_terms", []))), base_name_zh=name.get("zh", ""),
                         base_name_en=name.get("en", ""), context_key=r.get("context_key", ""),
                         total_terms=tuple(normalize(r.get("total_terms", []))))

    def problems(self, raw: dict):
        from .base import Problem

        if not (raw.get("ratio") or {}).get("base_terms"):
            return [Problem((), f"rule {raw['id']!r}: a ratio rule needs ratio.base_terms (the words that name the "
                            "base, e.g. 符合交流条件); without them no share can be judged",
                            "add ratio: {base_terms: [...], base_name: {zh: …, en: …}}", key="check")]
        return []

    def terms(self, rule: Rule):
        return rule.spec.base_terms

    def observe(self, rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
        return observe(rule, doc, ctx)

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        spec: RatioSpec = rule.spec
        name = spec.base_name_zh if zh else spec.base_name_en
        key = spec.context_key
        ctx = (f"，或只写人数而 --context 文件给出 {key}" if zh else f", or a count with {key} given in the --context file") \
            if key else ""
        plan = PLAN_COUNTS[0 if zh else 1]
        return (f"写明占{name}的比例达到{target}（须写出基数：{words(spec.base_terms)}）{ctx}；{plan}" if zh
                else f"a share of {name} meeting {target}, with the base named "
                     f"({', '.join(spec.base_terms[:4])}){ctx}; {plan}")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        name = rule.spec.base_name_zh if zh else rule.spec.base_name_en
        why = [f"只有人数没有{name}" if zh else f"a count without the {name}",
               "比例未写明基数" if zh else "a share that does not name its base"]
        return ("提到了，但无法判断：" + "；".join(why)) if zh else ("mentioned, but it cannot be judged: " + "; ".join(why))


KIND = Ratio()
