"""Ratio checks: a share that needs its base (交流轮岗教师 / 符合交流条件教师 ≥ 10%).

A percentage counts only when the report names the base (``ratio.base_terms``). A bare count is
unverified, and the message says which figure would settle it; with ``--context`` giving the base
(``ratio.context_key``), the ratio is computed. Where the report states a different total
(``ratio.total_terms``, e.g. 在岗教师2477人), the message says what the count is of that total.
"""
from __future__ import annotations

from ..claims import clauses, find_claims
from ..model import Document, Rule, Sentence
from ..quantities import find_quantities
from .common import COUNT_UNITS, Context, Observation, bound_claims, judge, judged, mentioning


def observe(rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
    spec = rule.spec.get("ratio") or {}
    t = rule.threshold_for(doc.year)
    base_terms = spec.get("base_terms", [])
    base_name = spec.get("base_name", {})
    key = spec.get("context_key")
    base = ctx.figures.get(key) if key else None
    total = _stated_total(doc, spec.get("total_terms", []))
    out: list[Observation] = []
    for s, mod in mentioning(rule, doc, ctx, out):
        found = False
        for c, item in _shares_and_counts(rule, s, ctx):
            if c.unit == "%" and t is not None:
                if any(b in item for b in base_terms):
                    out.append(judged(s, mod, c, c.value, "%", t, reason="figure"))
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


def _shares_and_counts(rule: Rule, s: Sentence, ctx: Context):
    """(claim, text it is about) for the rule's shares and counts in the sentence.

    A count is about its own clause ("其中骨干教师52人"). A share is about its clause and the one
    before it, and belongs to this rule only if the rule's subject is named there: in
    "交流轮岗教师213人,占符合交流条件教师总数的11.3%,其中骨干教师52人,占交流总数的24.4%"
    11.3% is the rotation rate and 24.4% the backbone share.
    """
    for c, item in bound_claims(rule, s, ctx, ("figure",)):
        if c.unit != "%":
            yield c, item
    cls = clauses(s.text)
    for c in find_claims(s.text):
        if c.kind != "figure" or c.unit != "%" or c.change:
            continue
        k = next((i for i, cl in enumerate(cls) if cl.start <= c.start <= cl.end), len(cls) - 1)
        lo, hi = cls[max(k - 1, 0)].start, cls[k].end
        if ctx.matcher.any(s.text, rule.terms, lo, hi):
            yield c, s.text[lo:hi]


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
