"""What every check kind shares: finding a rule's subject in a sentence and the claims bound to it.

A check module turns a document into a list of :class:`Observation` — one piece of evidence per
sentence — and :func:`checker.evaluate.decide` turns observations into a verdict. Check modules
never decide the verdict themselves, so the precedence of the rule catalog lives in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from ..language.claims import REACH, Claim, clauses, find_claims
from ..model import Document, Rule, Sentence, Threshold
from .base import words
from ..language.terms import TermMatcher

COUNT_UNITS = ("人", "名", "人次", "所", "个", "家", "处", "项", "起", "次", "间", "班", "园")
_DURATION_TO_HOURS = {"小时": 1.0, "分钟": 1 / 60, "h": 1.0}
_SAME_UNIT = {"名": "人"}   # both count people: "500名以上" meets a "≥500 人" quota


@dataclass(frozen=True)
class Observation:
    sentence: Sentence
    modality: str            # achieved | planned | problem
    outcome: str             # pass | fail | unquantified
    value: Optional[float] = None
    unit: Optional[str] = None
    note_zh: str = ""
    note_en: str = ""
    reason: str = "mention"  # figure | coverage | cleared | measure | mention | other-base | count | narrow | problem | in-progress


@dataclass
class Context:
    """What a check needs besides the document: the matcher and the user's own figures."""

    matcher: TermMatcher
    figures: dict = field(default_factory=dict)   # --context FILE values


def mentions(rule: Rule, s: Sentence, ctx: Context) -> bool:
    """Whether the sentence writes about the rule's subject."""
    subj = rule.subject
    m = ctx.matcher
    text = s.text
    if not m.any(text, rule.terms):
        return False
    groups = subj.all_of
    if groups:
        # Co-occurrence within one clause (``within: clause``) or anywhere in the sentence.
        # The term's clause, with the clause before it for the other words:
        # "交流轮岗教师150人,其中骨干教师36人".
        cls = clauses(text)
        spans = ([(c.start, cls[max(k - 1, 0)].start, c.end) for k, c in enumerate(cls)]
                 if subj.within == "clause" else [(0, 0, len(text))])
        if not any(m.any(text, rule.terms, a, b) and all(_has(text[w:b], g) for g in groups) for a, w, b in spans):
            return False
    ctx_terms = subj.context
    # Context is loose: a plain substring of the sentence or of a heading above it.
    if ctx_terms and not (_has(text, ctx_terms) or any(_has(h, ctx_terms) for h in s.heading_path)):
        return False
    for phrase in subj.exclude:
        if phrase in text and all(_inside(text, t, phrase) for t in rule.terms if t in text):
            return False
    return True


def _has(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


def _inside(text: str, term: str, phrase: str) -> bool:
    """Every occurrence of ``term`` lies inside an occurrence of ``phrase``."""
    spans = []
    i = text.find(phrase)
    while i >= 0:
        spans.append((i, i + len(phrase)))
        i = text.find(phrase, i + 1)
    j = text.find(term)
    while j >= 0:
        if not any(a <= j and j + len(term) <= b for a, b in spans):
            return False
        j = text.find(term, j + 1)
    return True


def modality(rule: Rule, s: Sentence, ctx: Context) -> str:
    """The sentence's modality for this rule.

    A problem word overrides the section only when it is written about this rule's subject, in
    the same clause: "不断加大教育投入…但在人事管理上…有待改进" is no funding problem.
    """
    if s.modality == "problem" and s.problem_cue and s.inherited and s.inherited != "problem":
        cue = s.problem_cue[0]
        for c in clauses(s.text):
            if c.start <= cue <= c.end:
                # within reach of the cue, as claims bind within claims.REACH: a megabyte-long
                # "clause" without punctuation is no statement about everything in it
                lo, hi = max(c.start, cue - REACH), min(c.end, cue + REACH)
                if not ctx.matcher.any(s.text, list(rule.terms) + anchors(rule), lo, hi):
                    return s.inherited
                break
    return s.modality


def mentioning(rule: Rule, doc: Document, ctx: Context, out: list) -> Iterator[tuple[Sentence, str]]:
    """(sentence, modality) for each sentence that writes about the rule's subject.

    A sentence naming it as a problem is recorded in ``out`` as a failing observation and not
    yielded: whatever figure it holds, a stated problem is what it says about the target.
    """
    for s in ctx.matcher.naming(doc.sentences, rule.terms):
        if not mentions(rule, s, ctx):
            continue
        mod = modality(rule, s, ctx)
        if mod == "problem":
            out.append(Observation(s, "problem", "fail", reason="problem",
                                   note_zh="报告将其列为存在的问题", note_en="the report names it as a problem"))
            continue
        yield s, mod


def anchors(rule: Rule) -> list[str]:
    return list(rule.subject.anchor or rule.terms)


def bound_claims(rule: Rule, s: Sentence, ctx: Context, kinds: Iterable[str],
                 extra_anchors: Iterable[str] = ()) -> list[tuple[Claim, str]]:
    """Claims of the given kinds whose items contain the rule's anchor; with the item text."""
    out = []
    want = set(kinds)
    anchor_terms = anchors(rule) + list(extra_anchors)
    for c in find_claims(s.text):
        if c.kind not in want:
            continue
        if c.distributive:
            # Every listed item that names the subject ("一键报警和视频监控" are two items).
            items = [s.text[lo:hi] for lo, hi in c.items if ctx.matcher.any(s.text, anchor_terms, lo, hi)]
            if items:
                out.append((c, "、".join(items)))
            continue
        lo, hi = c.items[0]
        # A claim about its clause's own words, or written just after them.
        hi = max(hi, c.end)
        if ctx.matcher.any(s.text, anchor_terms, lo, hi):
            out.append((c, s.text[lo:hi]))
    return out


IN_PROGRESS = "in-progress"


def in_progress(rule: Rule, s: Sentence, ctx: Context, c: Optional[Claim] = None) -> Optional[str]:
    """The word (探索, 试点, 正在, 启动, 积极创建…) under which the work is stated as under way, if any.

    For a claim: a cue inside what the claim is about, up to the claim ("探索实施作业公示制度,
    实现全覆盖"); or, for a phrase (not a figure) bound only through a generic anchor, a cue in
    every clause that names the subject ("积极创建…普及普惠区,…实现…覆盖率…两个100%"). A figure with
    a subject of its own beside it still counts ("积极创建普及普惠县,普惠率达到88%"). Without a
    claim (a measure in force): a cue in every clause that names the subject.
    """
    cues = s.progress_cues
    if not cues:
        return None
    text = s.text
    if c is not None:
        if c.distributive:
            spans = [(lo, hi) for lo, hi in c.items if ctx.matcher.any(text, anchors(rule), lo, hi)]
        else:
            spans = [(c.items[0][0], c.end)]
        for lo, hi in spans:
            for a, b in cues:
                if lo <= a and b <= hi:
                    return text[a:b]
        if c.kind == "figure" or any(ctx.matcher.any(text, rule.terms, lo, hi) for lo, hi in spans):
            return None
    naming = [cl for cl in clauses(text) if ctx.matcher.any(text, rule.terms, cl.start, cl.end)]
    found = []
    for cl in naming:
        cue = next(((a, b) for a, b in cues if cl.start <= a < cl.end), None)
        if cue is None:
            return None
        found.append(text[cue[0]:cue[1]])
    return found[0] if found else None


def under_way(o: Observation, cue: str) -> Observation:
    """A passing observation whose work is still under way: mentioned, not shown achieved."""
    return Observation(o.sentence, o.modality, "unquantified", o.value, o.unit,
                       f"工作仍在推进中（{cue}），未写明已实现",
                       f"the work is still under way ({cue}); it is not stated as achieved",
                       reason=IN_PROGRESS)


def figure_in_unit(c: Claim, t: Threshold) -> Optional[float]:
    """The claim's value in the threshold's unit, or None when the units do not compare."""
    if c.kind in ("coverage", "composite"):
        return 100.0 if t.unit == "%" else None
    if c.change != (t.unit == "个百分点"):
        return None    # a growth rate is no level, and a level is no change
    if c.unit is not None and _SAME_UNIT.get(c.unit, c.unit) == _SAME_UNIT.get(t.unit, t.unit):
        return c.value
    if t.unit == "小时" and c.unit in _DURATION_TO_HOURS:
        return c.value * _DURATION_TO_HOURS[c.unit]
    if t.unit == "个百分点" and c.unit == "%":
        return None
    return None


def off_base(rule: Rule, text: str, ctx: Context, require_terms: bool = True) -> tuple[str, str] | None:
    """(zh, en) note when the item measures something else than the rule's base.

    ``require_terms``: whether the item must name one of ``metric.terms`` (a rate needs its metric
    named; a clearing claim such as 辍学清零 does not)."""
    met = rule.metric
    for other in met.other_bases:
        if other in text:
            return (f"“{other}”与本指标口径不同", f"'{other}' is another base than this target's")
    for narrow in met.narrower_scopes:
        if narrow in text:
            return (f"数字只覆盖“{narrow}”，口径窄于本指标", f"the figure covers only '{narrow}', a narrower base")
    need = met.terms if require_terms else None
    if need and not _has(text, need):
        return (f"未写明{'/'.join(need[:3])}，无法与阈值比较",
                f"it does not state {'/'.join(need[:3])}, so it cannot be compared with the target")
    return None


def metric_unverified_reasons(rule: Rule, zh: bool) -> list[str]:
    """Why a figure on this rule's subject may not settle it: the metric words it reads (``explain``)."""
    met, out = rule.metric, []
    if met.terms:
        out.append(f"数字没有写明{words(met.terms, 3)}" if zh else f"a figure that does not name {', '.join(met.terms[:3])}")
    if met.other_bases:
        out.append(f"口径不同（{words(met.other_bases, 3)}）" if zh else f"another base ({', '.join(met.other_bases[:3])})")
    if met.narrower_scopes:
        out.append(f"只覆盖较窄范围（{words(met.narrower_scopes, 3)}）" if zh
                   else f"a narrower scope ({', '.join(met.narrower_scopes[:3])})")
    return out


# How far an approximate figure may lie from the number written, as a share of it: 约85% is
# 82.45–87.55%, 近八成 77.6–80%. A figure written as roughly the target is then never read as
# reaching it (约85% against ≥85%), while one clearly above it still is (约95% against ≥85%).
APPROXIMATION = 0.03
_OPEN = 1e-6    # how far inside an open bound its values lie: 不足85% is at most 85 - _OPEN

# What a comparator says about the value, for messages: 接近85% is 略低于85%.
_MEANING = {"<": ("低于", "below"), "<=": ("不超过", "at most"), "~<": ("略低于", "just below"),
            "~": ("约", "about"), ">": ("超过", "above"), ">=": ("不低于", "at least")}


def possible(value: float, comparator: Optional[str], t: Threshold) -> tuple[float, float]:
    """[low, high]: the values a figure written with ``comparator`` allows, read against ``t``.

    * exact (None): the value itself.
    * 约/左右 ("~"): the value ± APPROXIMATION; 近/接近 ("~<"): from value − APPROXIMATION up to
      just below the value.
    * A bound that points the way the target wants (以上/超过 for a ≥ target, 以内/不超过 for a ≤
      target) is read at the bound: the report vouches for that much and no more, so 90%以上 does
      not meet ≥95% (this is how bureaus write a figure they have reached).
    * A bound pointing the other way (不足/低于/未达到 for a ≥ target) allows everything beyond it:
      不足85% is anything below 85, so it fails ≥85% and cannot settle ≥80%.
    """
    lower_target = t.comparator in (">=", ">")
    upper_target = t.comparator in ("<=", "<")
    margin = abs(value) * APPROXIMATION
    if comparator == "~":
        return value - margin, value + margin
    if comparator == "~<":
        return value - margin, value - _OPEN
    if comparator in (">=", ">"):
        low = value + (_OPEN if comparator == ">" else 0.0)
        return (low, low) if lower_target else (low, float("inf"))
    if comparator in ("<=", "<"):
        high = value - (_OPEN if comparator == "<" else 0.0)
        return (high, high) if upper_target else (float("-inf"), high)
    return value, value


def judge(value: float, comparator: Optional[str], t: Threshold) -> str:
    """pass / fail / unquantified for a stated value with its own comparator ("90%以上") against a threshold.

    pass when every value the figure allows (:func:`possible`) meets the target, fail when none
    does, unquantified when it could be either: 约85% against ≥85%, 不足90% against ≥85%.
    """
    low, high = possible(value, comparator, t)
    if t.passes(low) and t.passes(high):
        return "pass"
    if t.comparator == "==":
        reachable = low - 1e-9 <= t.value <= high + 1e-9
    else:
        # the target is a half-line: the end of the range nearest its good side decides whether any value meets it
        reachable = t.passes(high) if t.comparator in (">=", ">") else t.passes(low)
    return "unquantified" if reachable else "fail"


def _bounded(comparator: Optional[str], t: Threshold) -> bool:
    """Whether the verdict on a figure rests on its bound or approximation, not on the number alone."""
    if comparator in ("~", "~<") or t.comparator == "==" and comparator:
        return True
    return comparator in (("<", "<=") if t.comparator in (">=", ">") else (">", ">="))


def judged(s: Sentence, mod: str, c: Claim, value: Optional[float], unit: Optional[str], t: Threshold,
           reason: str) -> Observation:
    """The observation of one claim compared with the target, saying in words what a bound allows.

    A negated claim (没有实现全覆盖) fails; a figure below its target by its own words (未达到85%,
    不足100%, 近八成, 距85%的目标还有差距) fails with a message quoting those words, not "85%低于目标≥85%";
    an approximate figure that may or may not reach the target (约85%) is unquantified, and says so.
    """
    if c.negated:
        return Observation(s, mod, "fail", None, None, f"报告写明{c.said or c.text}",
                           f"the report states it is not reached ({c.said or c.text})", reason="bound")
    outcome = judge(value, c.comparator, t)
    if outcome == "pass" or not _bounded(c.comparator, t):
        return Observation(s, mod, outcome, value, unit, reason=reason)
    shown = f"{value:g}{unit or ''}"
    word_zh, word_en = _MEANING.get(c.comparator, ("", ""))
    said = c.said or c.text
    said_zh = f"报告写明{said}"
    if c.comparator == "~<" or shown not in said:
        said_zh += f"，即{word_zh}{shown}"
    said_en = f"the report states {said} ({word_en} {shown})"
    if outcome == "fail":
        return Observation(s, mod, "fail", None, None, said_zh, said_en, reason="bound")
    target = f"{t.value:g}{t.unit}"
    reach_zh = {"<=": "不超过", "<": "低于", "==": "为"}.get(t.comparator, "达到")
    reach_en = {"<=": "stays within", "<": "stays below", "==": "equals"}.get(t.comparator, "reaches")
    return Observation(s, mod, "unquantified", None, None, f"{said_zh}，无法确认是否{reach_zh}{target}",
                       f"{said_en}, which does not show whether it {reach_en} {target}", reason="bound")


def level_change(s: Sentence, mod: str, c: Claim, t: Threshold, direction: str) -> Observation:
    """A change target compared with the two levels a sentence gives (由52.0%降至51.2%: a fall of 0.8).

    ``direction`` is the rule's ``metric.change``: ``fall`` counts a drop as positive, ``rise`` a
    rise. A from-level or to-level with its own comparator (由近52%, 降至不足50%) makes the change
    approximate, so only a change clearly beyond the target can meet it.
    """
    delta = round(c.value - c.previous, 6)
    value = -delta if direction == "fall" else delta
    comparator = "~" if c.comparator else None
    moved_zh = "降" if delta < 0 else "升" if delta > 0 else "持平于"
    if delta == 0:
        note_zh = f"由{c.previous:g}%持平于{c.value:g}%，没有变化"
    else:
        way = "下降" if delta < 0 else "上升"
        against = "不降反升" if (direction == "fall") != (delta < 0) else way
        note_zh = f"由{c.previous:g}%{moved_zh}至{c.value:g}%，{against}{abs(delta):g}个百分点"
    note_en = f"from {c.previous:g}% to {c.value:g}%, a {'fall' if delta < 0 else 'rise'} of {abs(delta):g} points"
    return Observation(s, mod, judge(value, comparator, t), value, t.unit, note_zh, note_en, reason="levels")
