"""What every check kind shares: finding a rule's subject in a sentence and the claims bound to it.

A check module turns a document into a list of :class:`Observation` — one piece of evidence per
sentence — and :func:`checker.evaluate.decide` turns observations into a verdict. Check modules
never decide the verdict themselves, so the precedence of the rule catalog lives in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Optional

from ..claims import OTHER_RATES, REACH, Claim, clauses, find_claims
from ..model import Document, Rule, Sentence, Threshold
from ..terms import TermMatcher

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
    reason: str = "mention"  # figure | coverage | cleared | computed | measure | mention | other-base | no-metric | count | narrow | problem


@dataclass
class Context:
    """What a check needs besides the document: the matcher and the user's own figures."""

    matcher: TermMatcher
    figures: dict = field(default_factory=dict)   # --context FILE values


def subject(rule: Rule) -> dict:
    return rule.spec.get("subject", {})


def metric(rule: Rule) -> dict:
    return rule.spec.get("metric", {}) or {}


def mentions(rule: Rule, s: Sentence, ctx: Context) -> bool:
    """Whether the sentence writes about the rule's subject."""
    subj = subject(rule)
    m = ctx.matcher
    text = s.text
    if not m.any(text, rule.terms):
        return False
    groups = subj.get("all_of", [])
    if groups:
        # Co-occurrence within one clause (``within: clause``) or anywhere in the sentence.
        # The term's clause, with the clause before it for the other words when the term's clause
        # is a part of it: "交流轮岗教师150人,其中骨干教师36人" (but not "交流校长96人,招聘优秀教师147名").
        cls = clauses(text)
        spans = ([(c.start, cls[k - 1].start if k and _PART_OF.match(text, c.start) else c.start, c.end)
                  for k, c in enumerate(cls)]
                 if subj.get("within") == "clause" else [(0, 0, len(text))])
        if not any(m.any(text, rule.terms, a, b) and all(_has(text[w:b], g) for g in groups) for a, w, b in spans):
            return False
    ctx_terms = subj.get("context")
    # Context is loose: a plain substring of the sentence or of a heading above it.
    if ctx_terms and not (_has(text, ctx_terms) or any(_has(h, ctx_terms) for h in s.heading_path)):
        return False
    for phrase in subj.get("exclude", []):
        if phrase in text and all(_inside(text, t, phrase) for t in rule.terms if t in text):
            return False
    return True


_PART_OF = re.compile(r"\s*(?:其中|含|包括|包含|内含)")


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
    return list(subject(rule).get("anchor") or rule.terms)


def bound_claims(rule: Rule, s: Sentence, ctx: Context, kinds: Iterable[str],
                 extra_anchors: Iterable[str] = ()) -> list[tuple[Claim, str]]:
    """Claims of the given kinds whose items contain the rule's anchor; with the item text."""
    out = []
    want = set(kinds)
    anchor_terms = anchors(rule) + list(extra_anchors)
    # An anchor inside a phrase the rule excludes names another subject: "学前教育毛入学率" holds
    # 毛入学率 but is not the 高中阶段 rate. Such phrases are blanked out for binding.
    text = _blank(s.text, subject(rule).get("exclude") or [])
    for c in find_claims(s.text):  # claims of the sentence as written
        if c.kind not in want:
            continue
        if c.kind == "computed":
            # "义务教育学校42所,其中开展课后服务的41所": the total names the subject, and the part
            # names what is measured (the rule's metric, or else its subject).
            (lo, hi), (plo, phi) = c.items[0], c.part
            need = metric(rule).get("terms") or rule.terms
            if ctx.matcher.any(text, anchor_terms, lo, hi) and ctx.matcher.any(text, need, plo, phi):
                out.append((c, text[lo:hi]))
            continue
        if c.distributive:
            # Every listed item that names the subject ("一键报警和视频监控" are two items).
            idx = [i for i, (lo, hi) in enumerate(c.items) if ctx.matcher.any(text, anchor_terms, lo, hi)]
            # an item whose rate names another subject (作业时间控制达标学校比例 for after-school
            # coverage) is not about this rule when another listed item is
            about = [i for i in idx if not (i < len(c.nouns) and _rate_of_other(rule, c.nouns[i]))]
            idx = about or idx
            if idx:
                out.append((_only_items(c, idx), "、".join(text[lo:hi] for lo, hi in (c.items[i] for i in idx))))
            else:
                item = _label_item(rule, s, ctx, c)
                if item is not None:
                    out.append((c, item))
            continue
        lo, hi = c.items[0]
        # A claim about its clause's own words, or written just after them.
        hi = max(hi, c.end)
        if ctx.matcher.any(text, anchor_terms, lo, hi):
            out.append((c, text[lo:hi]))
    return out


def _blank(text: str, phrases: Iterable[str]) -> str:
    for p in phrases:
        if p in text:
            text = text.replace(p, "□" * len(p))
    return text


def _only_items(c: Claim, idx: list[int]) -> Claim:
    """The claim restricted to the listed items that bound (their scopes and rate nouns)."""
    if len(c.scopes) != len(c.items):
        return c
    return replace(c, items=tuple(c.items[i] for i in idx), scopes=tuple(c.scopes[i] for i in idx),
                   nouns=tuple(c.nouns[i] for i in idx))


_QUOTES = re.compile(r"[“”\"'‘’]")
_LABEL_ONLY = re.compile(r"\s*(?:已经?|均|全面|基本|率先|顺利)*(?:实现了?|达到|做到|完成)?[“\"'‘]?\s*")


def _label_item(rule: Rule, s: Sentence, ctx: Context, c: Claim) -> Optional[str]:
    """A composite label that stands for this rule's target (``subject.labels``: 两个全覆盖 for the
    after-school coverage rules) binds when it lists no items of its own and the rule's subject is
    written in its clause ("课后服务实现“两个全覆盖”")."""
    labels = {_QUOTES.sub("", w) for w in subject(rule).get("labels") or []}
    if not labels or _QUOTES.sub("", c.text) not in labels:
        return None
    cls = clauses(s.text)
    k = next((i for i, x in enumerate(cls) if x.start <= c.start <= x.end), None)
    if k is None:
        return None
    cl = cls[k]
    listed = [span for span in c.items if cl.start <= span[0] and span[1] <= c.start and span[1] > span[0]]
    if len(listed) >= 2:
        return None
    # "…推进课后服务,实现“两个全覆盖”": a clause with no words of its own is about the one before it
    lo = cls[k - 1].start if k and _LABEL_ONLY.fullmatch(s.text, cl.start, c.start) else cl.start
    if not ctx.matcher.any(s.text, rule.terms, lo, c.start):
        return None
    return s.text[lo:c.end]


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


def off_base(rule: Rule, text: str, ctx: Context, require_terms: bool = True,
             claim: Optional[Claim] = None) -> tuple[str, str] | None:
    """(zh, en) note when the item measures something else than the rule's base.

    ``require_terms``: whether the item must name one of ``metric.terms`` (a rate needs its metric
    named; a clearing claim such as 辍学清零 does not). With the ``claim``, also its rate noun
    (持证上岗率 is no 配备率) and its scope (城区学校 is not every school of the area)."""
    met = metric(rule)
    for other in met.get("other_bases", []):
        if other in text:
            return (f"“{other}”与本指标口径不同", f"'{other}' is another base than this target's")
    if claim is not None:
        if claim.kind == "computed" and claim.of and met.get("base_terms") and not _has(text, met["base_terms"]):
            # 46800 of all 52000 pupils is a participation rate, not a share of those who asked
            part, whole = claim.of
            base = (met.get("threshold") or {}).get("base") or "/".join(met["base_terms"][:2])
            return (f"按报告所列{part:g}/{whole:g}计算为{claim.value:g}%，但总数不是{base}，口径不同",
                    f"{part:g}/{whole:g} = {claim.value:g}% is computed over another total than {base}")
        for noun in claim.nouns:
            other = other_rate(rule, noun) or _rate_of_other(rule, noun)
            if other:
                return (f"数字是“{other}”，与本指标口径不同", f"the figure is a '{other}', another base than this target's")
        for scopes in claim.scopes:
            narrow = [phrase for word, phrase in scopes if not _own_scope(rule, word)]
            if narrow:
                base = (met.get("threshold") or {}).get("base") or ""
                phrase = narrow[0]
                whole = f"，目标以全县{base}计" if base else "，口径窄于本指标"
                whole_en = f"; the target counts all {base} of the area" if base else ", a narrower base"
                if phrase.startswith("除"):
                    return (f"写明“{phrase}”，不是全部{whole}", f"it says '{phrase}', so not all{whole_en}")
                return (f"只写了{phrase}{whole}", f"only '{phrase}' is stated{whole_en}")
    for narrow in met.get("narrower_scopes", []):
        if narrow in text:
            return (f"数字只覆盖“{narrow}”，口径窄于本指标", f"the figure covers only '{narrow}', a narrower base")
    need = met.get("terms") if require_terms else None
    if need and not _has(text, need):
        return Unnamed((f"未写明{'/'.join(need[:3])}，无法与阈值比较",
                        f"it does not state {'/'.join(need[:3])}, so it cannot be compared with the target"))
    return None


class Unnamed(tuple):
    """An off-base note that only says the metric is not named: a figure about something the
    report does not tie to the target tells less than one on a named other base (未入学的68名), so
    its observation ranks after those (reason ``no-metric``)."""

    reason = "no-metric"


def note_reason(note) -> str:
    return getattr(note, "reason", "other-base")


def _own_words(rule: Rule) -> list[str]:
    met = metric(rule)
    return (list(rule.terms) + anchors(rule) + list(met.get("terms") or []) + list(met.get("rates") or [])
            + list(met.get("base_scopes") or []) + [(met.get("threshold") or {}).get("base") or ""])


def _own_scope(rule: Rule, word: str) -> bool:
    """A qualifier the rule's own base is written with (护学岗: 城市和城镇; 随迁子女: 公办学校)."""
    return any(word in w for w in _own_words(rule) if w)


def other_rate(rule: Rule, noun: str) -> Optional[str]:
    """The rate word of ``noun`` that measures another base than the rule's (持证上岗率 for guards)."""
    if not noun:
        return None
    own = [w for w in _own_words(rule) if w]
    for r in sorted(OTHER_RATES, key=len, reverse=True):
        if r in noun:
            if any(w in r or r in w for w in own):
                return None
            return r
    return None


# Rate words that say how, not of what: a rule anchored on them ("覆盖率" for 普惠) still needs the
# rate's own words to name its subject ("营养餐覆盖率" is not the 普惠性幼儿园覆盖率).
_GENERIC_RATES = ("覆盖率", "开展率", "配备率", "设置率", "普及率", "达标率", "完成率", "建设率", "入学率",
                  "就读比例", "比例", "占比")
# What may stand before a rate without naming a subject of its own: the area, and the schools the
# rate is counted over ("全县中小学达标率", "义务教育学校覆盖率").
_NOT_A_SUBJECT = re.compile(r"^(?:全县|全市|全区|全旗|全省|我县|我市|我区|本县|本市|各县区|县|市|区|总体|整体|平均|"
                            r"综合|年度|当年|累计|实际|总|义务教育阶段|义务教育|义务段|各级各类|各类|各|所有|"
                            r"中小学校|中小学|幼儿园|中小学幼儿园|小学|初中|中学|学校|校园|学生|的|"
                            r"率先|实现了?|已经|已|全面|基本|顺利)*")
# Words every school rule has (学校, 学生): they do not show that a rate is about the rule's subject.
_BASE_NOUNS = ("学校", "中小学", "中小学校", "小学", "初中", "学生", "幼儿园", "园", "校")


def _rate_of_other(rule: Rule, noun: str) -> Optional[str]:
    """The rate noun when its own words name something the rule is not about (营养餐覆盖率)."""
    stem = _NOT_A_SUBJECT.sub("", noun)
    for g in sorted(_GENERIC_RATES, key=len, reverse=True):
        if stem.endswith(g):
            stem = stem[:-len(g)]
            break
    else:
        return None
    if len(stem) < 2:
        return None
    own = [w for w in _own_words(rule) + list(metric(rule).get("base_terms") or [])
           if w and w not in _GENERIC_RATES and w not in _BASE_NOUNS]
    return None if any(w in noun for w in own) else _NOT_A_SUBJECT.sub("", noun)


def judge(value: float, comparator: Optional[str], t: Threshold) -> str:
    """pass/fail for a stated value with its own comparator ("90%以上") against a threshold."""
    if comparator in (">", "~") and t.comparator in (">=", ">"):
        # "超过85%" passes ≥85; "约85%" is taken at its face value.
        return "pass" if value >= t.value else "fail"
    if comparator == "<=" and t.comparator in (">=", ">"):
        return "fail" if value < t.value or value == t.value and t.comparator == ">" else "pass"
    return "pass" if t.passes(value) else "fail"
