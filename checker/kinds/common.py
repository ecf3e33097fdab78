"""What every check kind shares: finding a rule's subject in a sentence and the claims bound to it.

A check module turns a document into a list of :class:`Observation` — one piece of evidence per
sentence — and :func:`checker.evaluate.decide` turns observations into a verdict. Check modules
never decide the verdict themselves, so the precedence of the rule catalog lives in one place.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Optional

from .. import regexcache
from ..language.claims import (CLAUSE_SEP, carries_on_in_time, EXTREME_LOW, NARROWING_SCOPES, OTHER_RATES, REACH, Claim, NOW_WORDS, claim_year, clauses, dated, present_after_earlier, find_claims, not_stated_as_result,
                               named_only, other_area, other_area_before, other_area_clauses, own_area_after, partial_bases, side_work_in, side_work_spans, stages_in, undone_after, undone_subject,
                               WHOLE_AREA)
from ..language.figures import quantities
from ..model import Document, Rule, Sentence, Threshold
from ..reading.structure import plan_word_at, sentence_modality
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
    reason: str = "mention"  # figure | coverage | cleared | computed | measure | mention | other-base | no-metric | count | narrow | problem | in-progress | bound | levels


@dataclass
class Context:
    """What a check needs besides the document: the matcher and the user's own figures."""

    matcher: TermMatcher
    figures: dict = field(default_factory=dict)   # --context FILE values


def mentions(rule: Rule, s: Sentence, ctx: Context, title: str = "") -> bool:
    """Whether the sentence writes about the rule's subject (in a report titled ``title``)."""
    subj = rule.subject
    m = ctx.matcher
    text = s.text
    if not m.any(text, rule.terms):
        return False
    if subj.broad and not _has(text, subj.broad_with):
        # A sector word alone (特殊教育资源教室, 特殊教育扩外延) is no statement about the target:
        # it mentions the rule only beside a word of the target (入学, 提升计划).
        narrow = [t for t in rule.terms if t not in subj.broad]
        if not m.any(text, narrow):
            return False
    groups = subj.all_of
    if groups:
        # Co-occurrence within one clause (``within: clause``) or anywhere in the sentence.
        # The term's clause, with the clause before it for the other words when the term's clause
        # is a part of it: "交流轮岗教师150人,其中骨干教师36人" (but not "交流校长96人,招聘优秀教师147名").
        # The share clause after it too ("其中骨干教师98人，占交流轮岗教师总数的23.8%"): it says what the
        # part is of.
        cls = clauses(text)
        spans = ([(c.start, cls[k - 1].start if k and _PART_OF.match(text, c.start) else c.start,
                   cls[k + 1].end if k + 1 < len(cls) and _SHARE_OF.match(text, cls[k + 1].start) else c.end)
                  for k, c in enumerate(cls)]
                 if subj.within == "clause" else [(0, 0, len(text))])
        if not any(m.any(text, rule.terms, a, b) and all(_has(text[w:b], g) for g in groups) for a, w, b in spans):
            return False
    ctx_terms = subj.context
    # Context is loose: a plain substring of the sentence, of a heading above it, or of the report's title
    # (a 督导 feedback on 学前教育普及普惠 whose table row says "社会认可度91.3%").
    if ctx_terms and not (_has(text, ctx_terms) or any(_has(h, ctx_terms) for h in s.heading_path)
                          or _has(title, ctx_terms)):
        return False
    for phrase in subj.exclude:
        if phrase in text and all(_inside(text, t, phrase) for t in rule.terms if t in text):
            return False
    return True


_PART_OF = regexcache.compile(r"\s*(?:其中|含|包括|包含|内含)")
_SHARE_OF = regexcache.compile(r"\s*(?:占|约占|分别占)")


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


# What may stand before a problem cue in a clause that has no subject of its own ("但仍有待…").
_SUBJECTLESS = regexcache.compile(r"\s*[但仍还尚均都也亦则且目前当前总体]*\s*$")
_OWN_OBJECT = regexcache.compile(r"学校|中小学|小学|初中|中学|高中|幼儿园|园|校|学生|儿童|子女|教师|班级|机构")


def modality(rule: Rule, s: Sentence, ctx: Context) -> str:
    """The sentence's modality for this rule.

    A problem word overrides the section only when it is written about this rule's subject, in
    the same clause: "不断加大教育投入…但在人事管理上…有待改进" is no funding problem.
    """
    if s.modality == "problem" and _granted_result(rule, s, ctx):
        return "achieved" if s.inherited in ("", "problem") else s.inherited
    if s.modality == "problem" and s.problem_cue and s.inherited and s.inherited != "problem":
        cue = s.problem_cue[0]
        cls = clauses(s.text)
        for k, c in enumerate(cls):
            if c.start <= cue <= c.end:
                # within reach of the cue, as claims bind within claims.REACH: a megabyte-long
                # "clause" without punctuation is no statement about everything in it
                lo, hi = max(c.start, cue - REACH), min(c.end, cue + REACH)
                # a clause that opens with the cue and names no school or people of its own has no
                # subject of its own: "大班额仍然存在,有待进一步化解" and "深入推进课后服务,尚未实现“两个
                # 全覆盖”" are about the clause before ("…,尚未实现义务教育学校全覆盖" is not)
                if (k and _SUBJECTLESS.match(s.text, c.start, cue)
                        and not _OWN_OBJECT.search(s.text, cue, c.end)):
                    lo = max(cls[k - 1].start, cue - REACH)
                if not ctx.matcher.any(s.text, list(rule.terms) + anchors(rule), lo, hi):
                    return s.inherited
                if (_difficulty_only(s) or _other_aspect(s.text, c)) and _result_outside(rule, s, ctx, c):
                    # "巩固率达到98.6%，但控辍保学任务依然艰巨": the work ahead is hard; the figure stands
                    return s.inherited
                break
    return s.modality


# A result granted before the shortcoming ("该县虽已全面消除56人以上大班额，但小学46人以上班级仍有31个"): the
# concessive part up to the turn, and the turn.
_GRANTED = regexcache.compile(r"(?:虽然|虽|尽管)(?:已经|已|均已|都已|基本)?")
_TURN = regexcache.compile(r"[，,]\s*(?:但是?|然而|可是|却|不过)")
_LACK = regexcache.compile(r"仍|还|尚|依然|依旧|有待|亟待|不足|不够|不高|不强|不到位|不均衡|未|没有|缺|存在|超过|较")


def _granted_result(rule: Rule, s: Sentence, ctx: Context) -> bool:
    """Whether the rule's subject is named only in a concessive part that states a result of it (虽已…全面消除…),
    and the turn after it (但…仍有…) names a shortcoming of something else with a subject of its own."""
    text = s.text
    m = _GRANTED.search(text)
    if m is None or "基本" in m.group(0):
        return False
    turn = _TURN.search(text, m.end())
    if turn is None:
        return False
    terms = list(rule.terms) + anchors(rule)
    if not ctx.matcher.any(text, terms, m.start(), turn.start()) or ctx.matcher.any(text, terms, turn.start()):
        return False
    if rule.metric.other_bases and any(o in text[turn.start():] for o in rule.metric.other_bases):
        return False
    lack = _LACK.search(text, turn.end())
    if lack is None or _SUBJECTLESS.match(text, turn.end(), lack.start()):
        return False    # "虽已…，但仍有12个": the shortcoming is of the same thing
    return any(m.end() <= c.start < turn.start() and not c.negated and c.kind in ("cleared", "coverage", "figure", "composite")
               for c in find_claims(text))


# Words that say the work is hard, not that a result falls short ("任务依然艰巨", "压力较大").
_DIFFICULTY = regexcache.compile(r"(?:依然|仍然|仍|任务|很|十分|非常)?艰巨|压力(?:较大|很大|大)|难度(?:较大|很大|大)")


def _difficulty_only(s: Sentence) -> bool:
    """Whether the sentence's problem words are all words of difficulty."""
    return bool(_DIFFICULTY.search(s.text)) and sentence_modality(_DIFFICULTY.sub("", s.text), s.inherited) != "problem"


# A clause of contrast after a result that names a shortcoming of another aspect ("…达到98.3%，但送教上门
# 服务质量有待提高", "…全覆盖，但课后服务经费保障机制尚未健全") — unless it denies a result ("但仍未实现全覆盖")
# or says the result falls short ("低于", "差距").
_CONTRAST = regexcache.compile(r"\s*(?:但是?|不过|只是|然而|同时)")
_DENIES_RESULT = regexcache.compile(r"(?:尚未|未能|没有|没|还未|仍未|并未|暂未|远未|未)(?:完全|全部|全面|真正)?"
                                    r"(?:实现|达到|达|覆盖|清零|达标|配齐|配备|设置|开展|建立|落实|消除|接入|联网)|低于|差距")


def _other_aspect(text: str, clause) -> bool:
    return bool(clause.start and _CONTRAST.match(text, clause.start)
                and not _DENIES_RESULT.search(text, clause.start, clause.end))


def _result_outside(rule: Rule, s: Sentence, ctx: Context, clause) -> bool:
    """Whether a clause other than ``clause`` states a result (a figure, a full coverage, a
    clearing, not negated) about the rule's subject, on its own base, and ``clause`` itself
    states none ("超大班额全部清零,大班额全部化解任务仍然艰巨": the task named is the result still to come)."""
    text, terms, others = s.text, list(rule.terms) + anchors(rule), rule.metric.other_bases
    claims = [c for c in find_claims(text) if c.kind in ("figure", "coverage", "cleared", "composite")]
    if any(clause.start <= c.start <= clause.end for c in claims):
        return False
    cls = clauses(text)
    starts = [k.start for k in cls]
    for c in claims:
        if c.negated:
            continue
        k = cls[max(0, bisect_right(starts, c.start) - 1)]      # the clause holding the claim
        if (ctx.matcher.any(text, terms, k.start, k.end)
                and not any(o in text[k.start:k.end] for o in others)):
            return True
    return False


# A sentence that ends in a question mark (closing quotes or brackets after it).
_QUESTION = regexcache.compile(r"[?？][”\"'’)）\]\s]*$|(?:如何|怎样|怎么)(?=[^,，。；;]{0,4}?(?:实现|达到|做到|确保|完成))")


def mentioning(rule: Rule, doc: Document, ctx: Context, out: list) -> Iterator[tuple[Sentence, str]]:
    """(sentence, modality) for each sentence that writes about the rule's subject.

    A sentence that states no result of the report's own year and area (a question, another year,
    another area, part of the base, a name, units left undone, work around the target, an unconfirmed
    or second-hand figure: ``_NO_RESULT``, read in that order) is recorded in ``out`` as unquantified,
    and so is a sentence naming the subject as a problem, as failing; neither is yielded.
    """
    for s in ctx.matcher.naming(doc.sentences, rule.terms):
        if not mentions(rule, s, ctx, doc.title):
            continue
        when = dated(s.text, doc.year)
        said = next((note for reading in _NO_RESULT if (note := reading(rule, doc, s, ctx, when))), None)
        if said:
            zh, en, reason = said
            out.append(Observation(s, s.modality, "unquantified", note_zh=zh, note_en=en, reason=reason))
            continue
        if when:
            yield s, "planned"     # "2024年，…实现全覆盖" in a 2023 report: what is to come
            continue
        mod = modality(rule, s, ctx)
        if mod == "problem":
            out.append(Observation(s, "problem", "fail", reason="problem",
                                   note_zh="报告将其列为存在的问题", note_en="the report names it as a problem"))
            continue
        result = result_before_plan(rule, s, mod, ctx)
        if result is not None:
            yield result, result.modality
        yield s, mod


# Rules measured by a survey of a sample (社会认可度, 满意度): a sample is their method, not a part.
_SURVEYED = regexcache.compile(r"认可度|满意度|满意率")


def _side_work_for(rule: Rule, s: Sentence, ctx: Context) -> Optional[str]:
    """The side-work word (经费, 方案, 督查, 培训…) when every piece of a result clause that names the
    rule's subject is about such work ("专职保安配备所需经费已全部落实"), else None."""
    spans = side_work_spans(s.text)
    found = None
    for lo, hi in spans:
        if not ctx.matcher.any(s.text, rule.terms, lo, hi):
            continue
        word = side_work_in(s.text, lo, hi)
        if word is None or own_scope(rule, word):    # (training funds for a training-funds rule)
            return None
        found = found or word
    return found


def _partial_for(rule: Rule, s: Sentence, ctx: Context) -> Optional[str]:
    """The words naming part of the base of what the sentence states about the rule (partial_bases):
    anywhere for what is left out; else in a clause naming the rule's subject, or in a clause that
    leads up to the first such clause ("对抽取的3所学校跟踪监测，近视率…")."""
    parts = partial_bases(s.text)
    if not parts or _SURVEYED.search(rule.title_zh) or not find_claims(s.text):
        return None     # (a sentence that states no result is told apart by what it lacks)
    text, terms = s.text, list(rule.terms) + anchors(rule)
    first = next((c for c in clauses(text) if ctx.matcher.any(text, terms, c.start, c.end)), None)
    # a lead clause narrows the first clause about the rule unless that one names the whole area
    # ("城关镇中心学校承办现场会，全县中小学护学岗设置率100%")
    lead_ok = first is not None and not WHOLE_AREA.search(text, first.start, first.end)
    for words, lo, hi, anywhere in parts:
        if own_scope(rule, words):
            continue
        if anywhere or ctx.matcher.any(text, terms, lo, hi) or (lead_ok and hi <= first.start):
            return words
    return None


def _reports_on(doc: Document, area: str) -> bool:
    """Whether the report is itself about ``area`` (a provincial department's report on 全省).

    全市 (全州, 全盟) is another area only where the title shows a county's or district's bureau
    ("XX县教育局…", "XX区教育和体育局…"): a city's report, or one whose title does not say, is
    about its own 全市 (a county-level city's too)."""
    if area in ("全市", "全州", "全盟"):
        level = _BUREAU_LEVEL.search(doc.title)
        return not (level and level.group(1) in "县区旗")
    return (area == "全省" and "省教育厅" in doc.title) or (area == "全国" and "教育部" in doc.title)


# The level of the bureau a title names: the administrative unit right before 教育… ("桓台县教育和体育局").
_BUREAU_LEVEL = regexcache.compile(r"([省市州盟县区旗])\s*(?:人民政府)?\s*(?:教育|教体|教科)")


_NOT_A_RESULT = {
    "unconfirmed": ("报告写明“{}”，数字尚未确认", "the report says '{}': the figure is not confirmed"),
    "hearsay": ("写的是他人的说法（“{}”），不是本单位的完成情况", "it reports what others say ('{}'), not a result"),
    "denied": ("报告写明“{}”，不能说明已经达到", "the report says '{}', which does not show it reached"),
}


# ---------------------------------------------------------------- sentences that state no result
# Each reading: (rule, doc, sentence, context, its date from claims.dated) → (zh, en, reason) or None.

def _asked(rule, doc, s, ctx, when):
    # "…设置率达到100%了吗?": a question states no result, whatever figure it holds
    if _QUESTION.search(s.text):
        return "报告以问句写到，不是完成情况", "the report asks it as a question; no result is stated", "other-base"
    return None


def _in_a_window(rule, doc, s, ctx, when):
    # "迎接省级督导期间，…配备率达到100%": a stretch of the year, not the year's result
    if when and when[0] == "window":
        return (f"写的是{when[1]}这一时段的情况，不能说明全年的完成情况",
                f"it states the situation during a stretch of time ({when[1]}), not the year's", "other-base")
    return None


def _of_an_earlier_year(rule, doc, s, ctx, when):
    # "2022年,全县义务教育巩固率达98.5%" in a 2023 report: that year's result, not this one's
    # (nor this year's problem)
    if when and when[0] == "earlier":
        year = f"（{doc.year}年）" if doc.year else ""
        return (f"报告所写为{when[1]}的情况，不是本报告年度{year}的完成情况",
                f"the report states it for {_year_en(when[1])}, not for the year reported on", "other-base")
    if when is None and (later := present_after_earlier(s.text, doc.year)):
        # "2019年即实现责任督学挂牌督导全覆盖，今年开展督导检查280余次": the subject is named only in the
        # earlier year's part; the present's clause is about other work
        cut, year = later
        terms = list(rule.terms) + anchors(rule)
        if ctx.matcher.any(s.text, terms, 0, cut) and not ctx.matcher.any(s.text, terms, cut):
            return (f"报告所写为{year}年的情况，不是本报告年度（{doc.year}年）的完成情况",
                    f"the report states it for {year}, not for the year reported on", "other-base")
    return None


def _of_another_area(rule, doc, s, ctx, when):
    if own_area_after(s.text) is not None:
        return None     # "全省…，我县达到99.2%": the county's clause is read (bound_claims leaves the province's)
    area = other_area(s.text) or _other_area_of_the_subject(rule, s, ctx)
    if area and not _reports_on(doc, area):
        return f"写的是{area}的情况，不是本地的完成情况", f"it states the figure for another area ({area})", "other-base"
    return None


def _other_area_of_the_subject(rule: Rule, s: Sentence, ctx: Context) -> Optional[str]:
    """The other area when every clause that names the rule's subject opens with it."""
    theirs = other_area_clauses(s.text)
    if not theirs:
        return None
    text, terms = s.text, list(rule.terms) + anchors(rule)
    own = [(c.start, c.end) for c in clauses(text) if ctx.matcher.any(text, terms, c.start, c.end)]
    if own and all(any(a == lo for a, _, _ in theirs) for lo, _ in own):
        return theirs[0][2]
    return None


def _of_part_of_the_base(rule, doc, s, ctx, when):
    # "不计教学点，全县…100%", "抽查的20所学校…全部达标", "城关镇…清零": part of the base
    part = _partial_for(rule, s, ctx)
    if part:
        return (f"只写了“{part}”，不是全县的完成情况", f"it states the result for part of the area only ('{part}')",
                "narrow")
    return None


def _a_name_only(rule, doc, s, ctx, when):
    name = named_only(s.text)
    if name:
        return (f"“{name}”是文件、项目或活动的名称，不是完成情况",
                f"'{name}' names a document, project or campaign; no result is stated", "other-base")
    return None


def _lacks_another_thing(rule: Rule, remainder: str, ctx: Context) -> bool:
    """Whether a remainder names what its units lack, and that is another target's ("封闭化管理率达到100%，但仍有
    3所学校专职保安未配齐": the guards)."""
    lacking = undone_subject(remainder)
    if len(lacking) < 2 or ctx.matcher.any(remainder, list(rule.terms) + anchors(rule)) or own_scope(rule, lacking):
        return False
    # (named by another rule's words: 围墙 of a closed campus names no other target, and stays a remainder)
    return any(t in lacking for t in ctx.matcher.present(lacking) if len(t) >= 2)


def _units_left_undone(rule, doc, s, ctx, when):
    undone = undone_after(s.text)
    if undone and _lacks_another_thing(rule, undone, ctx):
        return None
    if undone:
        return f"报告写明“{undone}”，不是全部", f"the report says '{undone}': not all", "narrow"
    return None


def _work_around_the_target(rule, doc, s, ctx, when):
    side = _side_work_for(rule, s, ctx)
    if side:
        return (f"写的是{side}等相关工作，不是目标本身的完成情况",
                f"it states work around the target ({side}), not the target itself", "other-base")
    return None


def _not_the_bureaus_result(rule, doc, s, ctx, when):
    other = not_stated_as_result(s.text)
    if other:
        zh, en = _NOT_A_RESULT[other[0]]
        return zh.format(other[1]), en.format(other[1]), "other-base"
    return None


_NO_RESULT = (_asked, _in_a_window, _of_an_earlier_year, _of_another_area, _of_part_of_the_base, _a_name_only,
              _units_left_undone, _work_around_the_target, _not_the_bureaus_result)


def _year_en(words: str) -> str:
    digits = "".join(ch for ch in words if ch.isdigit())[:4]
    return digits if len(digits) == 4 else "an earlier year"


def anchors(rule: Rule) -> list[str]:
    return list(rule.subject.anchor or rule.terms)


def bound_claims(rule: Rule, s: Sentence, ctx: Context, kinds: Iterable[str],
                 extra_anchors: Iterable[str] = (), own_targets: bool = False) -> list[tuple[Claim, str]]:
    """Claims of the given kinds whose items contain the rule's anchor; with the item text (``own_targets``: a
    plan's sentence, whose own targets are its commitments, ``find_claims``)."""
    out = []
    want = set(kinds)
    anchor_terms = anchors(rule) + list(extra_anchors)
    # An anchor inside a phrase the rule excludes names another subject: "学前教育毛入学率" holds
    # 毛入学率 but is not the 高中阶段 rate. Such phrases are blanked out for binding.
    text = _blank(s.text, rule.subject.exclude)
    ours_from = own_area_after(s.text) or 0      # "全省…96.5%，我县达到99.2%": not the province's figure
    # a clause opening with another area anywhere in the sentence ("…，全省实现了…全覆盖，我县覆盖率低于全省")
    theirs = other_area_clauses(s.text)
    for c in find_claims(s.text, own_targets):  # claims of the sentence as written
        if c.kind not in want or c.start < ours_from or any(lo <= c.start < hi for lo, hi, _ in theirs) \
                or (c.kind == "figure" and other_area_before(s.text, c.start)):
            continue
        if c.kind == "computed":
            # "义务教育学校42所,其中开展课后服务的41所": the total names the subject, and the part
            # names what is measured (the rule's metric, or else its subject).
            (lo, hi), (plo, phi) = c.items[0], c.part
            need = rule.metric.terms or rule.terms
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
        # A claim about its clause's own words, or written just after them (a figure paired with its rate by
        # 分别 is about that rate alone).
        hi = hi if c.paired else max(hi, c.end)
        # (not reaching back into another area's clause: "全市毛入园率达到90%以上，我县低于全市,普惠率达到92%")
        lo = max([lo] + [b for a, b, _ in theirs if a <= lo < b])
        if ctx.matcher.any(text, anchor_terms, lo, hi):
            out.append((c, text[lo:hi]))
        elif ours_from and not (c.nouns and c.nouns[0]) and ctx.matcher.any(text, anchor_terms, 0, ours_from):
            # "全省九年义务教育巩固率为96.5%，我县达到99.2%": the county's figure is of the measure the
            # province's clause names (when it names no rate of its own: "…，我县低于全市,普惠率达到92%")
            out.append((c, text[:hi]))
        elif (named := _short_form_of(text[lo:c.start], anchor_terms, text, lo)) is not None:
            # "…社会认可度调查，有效问卷3120份，认可度为95.3%": the measure named again by its short form
            out.append((c, text[named:hi]))
        elif (lead := _subject_before(text, lo, c.end)) is not None and ctx.matcher.any(text, anchor_terms, lead, lo):
            # "…报警装置和视频监控系统安装率均达100%，与公安机关联网率100%": the link of what the clause
            # before names
            out.append((c, text[lead:hi]))
    return out


# A clause that opens on no subject of its own but on how the things before it are linked or joined, or on
# the figure of what the clause before names ("学前三年毛入园率仍然偏低，仅为80%").
_JOINED_TO_THE_LAST = regexcache.compile(r"\s*(?:并|且|均|都|全部|已)?\s*(?:与|同)(?:公安|110|派出所|监控中心|平台)"
                                         r"|\s*(?:但|而|却|则)?\s*(?:仅为|仅有|仅占|仅|只有|只占|只|才)\s*\d")


def _subject_before(text: str, lo: int, at: int) -> Optional[int]:
    """Where the clause before starts, when the claim's clause (from ``lo``) goes on about its subject: how
    it is linked, its figure (``_JOINED_TO_THE_LAST``), or the same at another time ("…大班额28个，今年全部消除")."""
    if lo <= 0 or not (_JOINED_TO_THE_LAST.match(text, lo, at) or carries_on_in_time(text, lo, at)):
        return None
    cut = max((m.start() for m in CLAUSE_SEP.finditer(text, 0, lo)), default=-1)
    if cut < 0:
        return None
    return max((m.end() for m in CLAUSE_SEP.finditer(text, 0, cut)), default=0)


_DONE = regexcache.compile(r"已经?|均已")     # (not 截至: "截至年底，全面推行…" in a plan is a deadline)


def result_before_plan(rule: Rule, s: Sentence, mod: str, ctx: Context) -> Optional[Sentence]:
    """The part of a sentence read as a plan that states a result before its plan words, in clauses of its
    own, as a sentence of the section's modality ("毛入园率达到91.2%，力争2025年达到95%": 91.2% is this year's,
    the whole sentence is still read for the plan); None when there is no such part. A sentence read as a
    plan for other reasons (the section's, a requirement, a goal) has none."""
    if mod != "planned" or s.inherited == "problem":
        return None
    at = plan_word_at(s.text)
    if at is None:
        return None
    cut = max((m.start() for m in CLAUSE_SEP.finditer(s.text, 0, at)), default=-1)
    if cut <= 0 or not ctx.matcher.any(s.text, rule.terms, 0, cut):
        return None
    before = s.text[:cut]
    said = sentence_modality(before, s.inherited)
    # (in a plan part, only a part that says it is done: "…配备率已达到100%，2024年将重点提升…")
    if said in ("planned", "problem") or not find_claims(before) or s.inherited == "planned" and not _DONE.search(before):
        return None
    return replace(s, text=before, modality=said,
                   progress_cues=tuple(c for c in s.progress_cues if c[1] <= cut))


def claims_of_the_year(rule: Rule, s: Sentence, ctx: Context, kinds: Iterable[str], year: Optional[int],
                       mod: str, out: list) -> Optional[list[tuple[Claim, str]]]:
    """The bound claims stated for the report's year; None, with an observation recorded in ``out``, when every
    one is stated for an earlier year.

    Claims stated for other years are left out when the sentence gives one for the report's year
    ("…2022年86.5%，2023年91.2%，2025年92%", "2022年…92.1%，…今年回落至89.3%"), or names the present in a
    clause of its own that the sentence's date gave way to ("2022年…已达到86.3%，今年重点开展…")."""
    bound = bound_claims(rule, s, ctx, kinds, own_targets=mod == "planned")
    if year is None or not bound:
        return bound
    years = [claim_year(s.text, c.start, year) for c, _ in bound]
    earlier_too = any(y is not None and y < year for y in years)
    # (an undated figure before an earlier year's, "92.1%（上年89.7%）", is the report's own: no time word
    # stands before it)
    if not (year in years or earlier_too and (NOW_WORDS.search(s.text) or years[0] is None)):
        return bound
    kept = [b for b, y in zip(bound, years) if y is None or y == year]
    earlier = [y for y in years if y is not None and y < year]
    if kept or not earlier:
        return kept
    out.append(Observation(s, mod, "unquantified",
                           note_zh=f"报告所写为{max(earlier)}年的情况，不是本报告年度（{year}年）的完成情况",
                           note_en=f"the report states it for {max(earlier)}, not for the year reported on",
                           reason="other-base"))
    return None


def of_the_year(s: Sentence, year: Optional[int]) -> Sentence:
    """The sentence as the figure kinds should read it for the report's ``year``: figures stated for an
    earlier year blanked out when the sentence states the year's own result too, as
    :func:`claims_of_the_year` leaves their claims ("2019年…覆盖率为92%，今年实现全覆盖": 92% is 2019's, the
    year's result is 全覆盖; "2022年…92%，2023年达到100%"). Blanked with spaces of the same length, so
    every other offset, and each kept figure, stays where it is in the sentence."""
    text = s.text
    if year is None:
        return s
    figs = quantities(text)
    years = [claim_year(text, f.start, year) for f in figs]
    earlier = [f for f, y in zip(figs, years) if y is not None and y < year]
    # (the year's own result: a figure of the year, the present named, or the report's year last named)
    if not earlier or not (year in years or NOW_WORDS.search(text) or claim_year(text, len(text), year) == year):
        return s
    out = list(text)
    for f in earlier:
        out[f.start:f.end] = " " * (f.end - f.start)
    return replace(s, text="".join(out))


_SHORT_REACH = 60       # how far before its short form the measure's full name may be


_RATE_WORD = regexcache.compile(r"([\u4e00-\u9fff]{2,10}?(?:度|率|比例|占比|比重))\s*(?:已经|已|均|都|达到|达|为|是|实现|了)*\s*$")


def _short_form_of(head: str, terms: Iterable[str], text: str, lo: int) -> Optional[int]:
    """Where the full name of a rate stands before ``lo`` when the figure's clause names it by its tail
    (``head`` "认可度为" after "…社会认可度调查，"), not another rate (残疾儿童入学率 is no 毛入学率); else None."""
    m = _RATE_WORD.fullmatch(head[-24:]) if len(head) <= 24 else None
    if m is None:
        return None
    noun = m.group(1)
    for t in terms:
        if len(t) > len(noun) and t.endswith(noun):
            at = text.rfind(t, max(0, lo - _SHORT_REACH), lo)
            # only a few words between (调查显示, 有效问卷3120份): not a clause about something else
            # ("…覆盖率提升，全县幼儿园视频监控实现全接入，覆盖率100%")
            if at >= 0 and len(_HAN.findall(text, at + len(t), lo)) <= _SHORT_BETWEEN:
                return at
    return None


_HAN = regexcache.compile(r"[\u4e00-\u9fff]")
_SHORT_BETWEEN = 8


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


_QUOTES = regexcache.compile(r"[“”\"'‘’]")
_LABEL_ONLY = regexcache.compile(r"\s*(?:已经?|均|全面|基本|率先|顺利|初步|有望|力争|争取|将|计划|即将)*"
                                 r"(?:实现了?|达到|做到|完成)?[“\"'‘]?\s*")


def _label_item(rule: Rule, s: Sentence, ctx: Context, c: Claim) -> Optional[str]:
    """A composite label that stands for this rule's target (``subject.labels``: 两个全覆盖 for the
    after-school coverage rules) binds when it lists no items of its own and the rule's subject is
    written in its clause ("课后服务实现“两个全覆盖”")."""
    labels = {_QUOTES.sub("", w) for w in rule.subject.labels}
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


IN_PROGRESS = "in-progress"
# How far after a claim a cue of work under way still governs it (a noun like 工作/目标 between).
_CUE_AFTER = 4


def in_progress(rule: Rule, s: Sentence, ctx: Context, c: Optional[Claim] = None,
                terms: Optional[Iterable[str]] = None) -> Optional[str]:
    """The word (探索, 试点, 正在, 启动, 积极创建…) under which the work is stated as under way, if any.

    For a claim: a cue inside what the claim is about, up to the claim ("探索实施作业公示制度,
    实现全覆盖"); or, for a phrase (not a figure) bound only through a generic anchor, a cue in
    every clause that names the subject ("积极创建…普及普惠区,…实现…覆盖率…两个100%"). A figure with
    a subject of its own beside it still counts ("积极创建普及普惠县,普惠率达到88%"). Without a
    claim (a measure in force): a cue in every clause that names the subject, or ``terms`` (the measure's
    own words: "推行课后服务“5+2”模式试点，今年课后服务参与学生…" pilots the measure).
    """
    cues = s.progress_cues
    if not cues:
        return None
    text = s.text
    if c is not None:
        if c.distributive:
            spans = [(lo, hi) for lo, hi in c.items if ctx.matcher.any(text, anchors(rule), lo, hi)]
            if spans:
                # a cue leading the list in its clause ("探索A、B实现两个100%") governs every item
                first = min(lo for lo, _ in spans)
                lead = next((cl.start for cl in clauses(text) if cl.start <= first <= cl.end), first)
                spans.append((lead, first))
        else:
            spans = [(c.items[0][0], c.end)]
        for lo, hi in spans:
            for a, b in cues:
                if lo <= a and b <= hi:
                    return text[a:b]
        for a, b in cues:
            # right after the claim, in its clause: "护学岗全覆盖工作正在推进", "全覆盖正在实施中"
            if c.end <= a <= c.end + _CUE_AFTER and not CLAUSE_SEP.search(text, c.end, a):
                return text[a:b]
        if c.kind == "figure" or any(ctx.matcher.any(text, rule.terms, lo, hi) for lo, hi in spans):
            return None
    naming = [cl for cl in clauses(text) if terms and any(t in text[cl.start:cl.end] for t in terms)] \
        or [cl for cl in clauses(text) if ctx.matcher.any(text, rule.terms, cl.start, cl.end)]
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


def off_base(rule: Rule, text: str, ctx: Context, require_terms: bool = True,
             claim: Optional[Claim] = None, sentence: str = "") -> tuple[str, str] | None:
    """(zh, en) note when the item measures something else than the rule's base.

    ``require_terms``: whether the item must name one of ``metric.terms`` (a rate needs its metric
    named; a clearing claim such as 辍学清零 does not). With the ``claim``, also its rate noun
    (持证上岗率 is no 配备率) and its scope (城区学校 is not every school of the area)."""
    met = rule.metric
    for other in met.other_bases:
        if other in text and not _listed_beside_own(rule, text, other) \
                and not _listed_beside_own_base(rule, claim, sentence, other):
            return (f"“{other}”与本指标口径不同", f"'{other}' is another base than this target's")
    if claim is not None:
        if claim.kind == "computed" and claim.of and met.base_terms and not _has(text, met.base_terms):
            # 46800 of all 52000 pupils is a participation rate, not a share of those who asked
            part, whole = claim.of
            base = base_of(rule) or "/".join(met.base_terms[:2])
            return (f"按报告所列{part:g}/{whole:g}计算为{claim.value:g}%，但总数不是{base}，口径不同",
                    f"{part:g}/{whole:g} = {claim.value:g}% is computed over another total than {base}")
        for noun in claim.nouns:
            other = other_rate(rule, noun) or _rate_of_other(rule, noun)
            if other:
                return (f"数字是“{other}”，与本指标口径不同", f"the figure is a '{other}', another base than this target's")
        for scopes in claim.scopes:
            narrow = [phrase for word, phrase in scopes
                      if not own_scope(rule, word, _after(text, phrase)) and not _own_scope_phrase(rule, phrase)
                      and not _lacks_another_thing(rule, phrase, ctx)]
            if narrow and _part_short_of_all(rule, claim):
                break      # 民办园持证率88% against 100%: a part short of it shows the whole is short
            if narrow:
                base = base_of(rule)
                phrase = narrow[0]
                whole = f"，目标以全县{base}计" if base else "，口径窄于本指标"
                whole_en = f"; the target counts all {base} of the area" if base else ", a narrower base"
                if phrase.startswith(("除", "不含", "不包", "未含", "未包", "仅", "只", "尚", "仍", "还")) \
                        or phrase.endswith("除外"):
                    return (f"写明“{phrase}”，不是全部{whole}", f"it says '{phrase}', so not all{whole_en}")
                return (f"只写了{phrase}{whole}", f"only '{phrase}' is stated{whole_en}")
    if claim is not None and claim.kind == "cleared":
        before = _scope_before_term(rule, text)
        if before:
            # "城区大班额全部清零": the town's classes only (not "城区和农村大班额…")
            base = base_of(rule)
            return (f"只写了{before}，口径窄于本指标" + (f"（目标以全县{base}计）" if base else ""),
                    f"only '{before}' is stated, a narrower base")
    for narrow in met.narrower_scopes:
        if narrow in text and not _inside_wider(text, narrow):
            return (f"数字只覆盖“{narrow}”，口径窄于本指标", f"the figure covers only '{narrow}', a narrower base")
    need = met.terms if require_terms else None
    if need and not _has(text, need):
        return Unnamed((f"未写明{'/'.join(need[:3])}，无法与阈值比较",
                        f"it does not state {'/'.join(need[:3])}, so it cannot be compared with the target"))
    return None


_SCOPE_RIGHT_BEFORE = regexcache.compile(
    r"(?<![和及与、])(" + "|".join(sorted((w for w in NARROWING_SCOPES if len(w) >= 2), key=len, reverse=True)) + r")的?$")


def _scope_before_term(rule: Rule, text: str) -> Optional[str]:
    """A narrowing qualifier written right before the rule's subject word ("城区大班额"), not the rule's own
    nor one of a list (城区和农村大班额); the phrase, or None."""
    for t in rule.terms:
        i = text.find(t)
        while i >= 0:
            m = _SCOPE_RIGHT_BEFORE.search(text, max(0, i - 6), i)
            if m and not own_scope(rule, m.group(1)) and text[m.start() - 1:m.start()] not in ("和", "及", "与", "、"):
                return text[m.start():i + len(t)]
            i = text.find(t, i + 1)
    return None


def _listed_beside_own(rule: Rule, text: str, other: str) -> bool:
    """Whether the other base is only listed beside the rule's own measure ("大班额、超大班额数量均为0",
    "合格率97.2%、优良率56.1%"): the own words are written apart from it, in a list."""
    rest = text.replace(other, "|")
    return bool(_LISTED.search(rest)) and any(w in rest for w in (rule.metric.terms or anchors(rule)) if w)


_LISTED = regexcache.compile(r"[、和及与]")


def _listed_beside_own_base(rule: Rule, claim: Optional[Claim], sentence: str, other: str) -> bool:
    """Whether a claim over a list ("园长、专任教师、保育员持证上岗率均达到100%") names the target's own base
    (园长和专任教师) in an item without the other base: the other base is one more unit listed, not the base."""
    if claim is None or not sentence or not claim.items:
        return False
    at = claim.items[0][0]
    if sentence[at - 1:at] not in ("、", "和", "及", "与") or at < 2:
        return False
    lo = max((m.end() for m in CLAUSE_SEP.finditer(sentence, 0, at)), default=0)
    listed = sentence[lo:at]
    ends = [part[-2:] for part in _LISTED.split(base_of(rule)) if len(part) >= 2]
    return other not in listed and any(e in listed for e in ends)


# Words of a whole base that hold a narrower one: 中小学生 holds 小学生 (a rate of all pupils, not of primary ones).
_WIDER = ("大中小学", "中小学")


def _inside_wider(text: str, scope: str) -> bool:
    """Whether every occurrence of ``scope`` in ``text`` begins inside a wider word that begins before it
    (小学生 in 中小学生)."""
    # (offset of the scope in a wider word, the wider word): 中小学 holds 小学… at 1
    holds = [(k, w) for w in _WIDER for k in range(1, len(w)) if scope.startswith(w[k:]) or w[k:].startswith(scope)]
    if not holds:
        return False
    i = text.find(scope)
    while i >= 0:
        if not any(i >= k and text.startswith(w, i - k) for k, w in holds):
            return False
        i = text.find(scope, i + 1)
    return True


class Unnamed(tuple):
    """An off-base note that only says the metric is not named: a figure about something the
    report does not tie to the target tells less than one on a named other base (未入学的68名), so
    its observation ranks after those (reason ``no-metric``)."""

    reason = "no-metric"


def note_reason(note) -> str:
    return getattr(note, "reason", "other-base")


def _part_short_of_all(rule: Rule, claim: Claim) -> bool:
    """Whether a figure for part of the base settles the whole: against a target of 100% (every
    school, every teacher), a part below 100% means the whole is below it too."""
    if not rule.thresholds or claim.negated or claim.kind != "figure" or claim.unit != "%":
        return False
    t = rule.thresholds[-1][2]
    return (t.unit == "%" and t.comparator in (">=", ">") and t.value >= 100 and claim.value is not None
            and claim.value < 100 and claim.comparator in (None, "<", "<=", "~<"))


def base_of(rule: Rule) -> str:
    """What the rule's target is counted over, as its threshold names it (中小学幼儿园)."""
    return (rule.thresholds[-1][2].base or "") if rule.thresholds else ""


# The stages a claim must name to speak for a base of several: primary and junior where the base has
# them ("全县中小学…100%" speaks for 中小学幼儿园, as readers take it), else all of the base's.
_CORE_STAGES = frozenset(("小学", "初中"))
_ALL_SCHOOLS = regexcache.compile(r"各级各类|各类学校|所有学校|全部学校|各学校|各校|(?:全县|全市|全区)学校")


def stage_part(rule: Rule, item: str) -> Optional[frozenset]:
    """The stages of the rule's base that ``item`` names when they are only part of it ("小学巩固率" for
    九年义务教育巩固率, "幼儿园护学岗" for 中小学幼儿园), else None (the whole base, or no stage named)."""
    base = stages_in(base_of(rule))
    if len(base) < 2 or stages_in(" ".join(rule.terms)):
        return None      # one stage, or a rule about a stage of its own
    if _ALL_SCHOOLS.search(item):
        return None      # "各级各类学校（含幼儿园）", "各类学校和幼儿园": every stage
    named = stages_in(item) & base
    core = base & _CORE_STAGES or base
    if not named or core <= named:
        return None
    return named


def stage_text(s: Sentence, c: Claim, item: str) -> str:
    """Where a claim's stages are read: its item, or for a list the sentence up to the claim (an item
    of "配备中小学校、幼儿园专职保安…" is "幼儿园专职保安", but the list is about both)."""
    return s.text[max(0, c.start - REACH):c.end] if c.distributive else item


def require_all_stages(rule: Rule, out: list, parts: dict) -> list:
    """Observations of one stage each (``parts``: index in ``out`` → (stages, claim)) count only
    when the passing ones of the same modality, with those of the whole base, name every stage of it:
    "小学巩固率99%,初中巩固率98.5%" shows the whole; "小学巩固率99%" alone does not. A stage below a
    target of 100% still shows the whole short of it; below another target it tells nothing."""
    base = stages_in(base_of(rule))
    core = base & _CORE_STAGES or base
    covered: dict[str, set] = {}
    for i, o in enumerate(out):
        obs = o[0] if isinstance(o, tuple) else o
        if obs.outcome == "pass":
            covered.setdefault(obs.modality, set()).update(parts[i][0] if i in parts else core)
    result = []
    for i, o in enumerate(out):
        obs = o[0] if isinstance(o, tuple) else o
        if i in parts:
            stages, claim = parts[i]
            named = "、".join({"学前": "幼儿园"}.get(st, st) for st in ("学前", "小学", "初中", "高中", "中职")
                             if st in stages)
            missing = [st for st in ("小学", "初中", "高中", "学前") if st in core and st not in covered.get(obs.modality, ())]
            # a stage not covered or not cleared leaves the whole short; a stage's rate tells so only
            # against a target of 100%
            short = obs.outcome == "fail" and (claim.kind != "figure" or _part_short_of_all(rule, claim))
            if (obs.outcome == "pass" and missing) or (obs.outcome == "fail" and not short):
                obs = replace(obs, outcome="unquantified", reason="parts",
                              note_zh=f"只写了{named}，目标以全县{base_of(rule)}计",
                              note_en=f"only {named} is stated; the target counts all {base_of(rule)} of the area")
                o = (obs, o[1]) if isinstance(o, tuple) else obs
        result.append(o)
    return result


def _own_words(rule: Rule) -> list[str]:
    met = rule.metric
    return list(rule.terms) + anchors(rule) + list(met.terms) + list(met.rates) + list(met.base_scopes) + [base_of(rule)]


def _after(text: str, phrase: str) -> str:
    i = text.find(phrase)
    return text[i + len(phrase):] if i >= 0 else text     # (a topic clause before the item: all of it is after)


def own_scope(rule: Rule, word: str, after: str = "") -> bool:
    """A qualifier the rule's own base is written with (护学岗: 城市和城镇; 随迁子女: 公办学校; 公办园生均
    公用经费标准 and 城区和镇区公办小学…就近划片入学, whose title or met_when names their base).

    A qualifier ending in 的 picks units out by what they did: it is the rule's own when it names the
    rule's work and ``after`` it (the rest of the figure's item) does not name that work again —
    "开展课后服务的学校比例" counts the schools doing it, "设有心理辅导室的学校中，心理健康教育教师配备率"
    is a rate among some schools."""
    if word.startswith("最"):
        # one extreme unit ("最低的学校", "最大的班级") speaks for all only on the side of the target it bounds:
        # the lowest school at or above a floor, the largest class within a limit
        t = rule.threshold_for(None)
        comparator = t.comparator if t is not None else getattr(rule.spec, "comparator", None)
        low = word.startswith(EXTREME_LOW)
        return comparator in ((">=", ">") if low else ("<=", "<"))
    if word.endswith("的"):
        own = [w for w in _own_words(rule) if len(w) > 1]
        return any(w in word for w in own) and not any(w in after for w in own)
    return any(word in w for w in _own_words(rule) if w) or word in rule.title_zh or word in rule.met_when_zh


# The units a scope phrase ends on ("城区和镇区中小学": 中小学); what stands before them is the scope itself.
_SCOPE_UNITS = regexcache.compile(r"(?:中小学幼儿园|中小学校?|幼儿园|小学|初中|中学|学校|园)+$")


# Statistical names of the same areas: 城区 is the city's (城市), 镇区 the towns' (城镇).
_SAME_AREA = (("城区", "城市"), ("镇区", "城镇"))


def _own_scope_phrase(rule: Rule, phrase: str) -> bool:
    """Whether a scope phrase of several parts is the rule's own base in other words: "城区和镇区中小学"
    for a base of 城市和城镇中小学幼儿园 (not "城区中小学" alone)."""
    scope = _SCOPE_UNITS.sub("", phrase)
    if len(scope) < 4 or not any(j in scope for j in "和与及、"):
        return False
    for word, same in _SAME_AREA:
        scope = scope.replace(word, same)
    return scope in base_of(rule) or scope in rule.met_when_zh


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
_NOT_A_SUBJECT = regexcache.compile(r"^(?:全县|全市|全区|全旗|全省|我县|我市|我区|本县|本市|各县区|县|市|区|总体|整体|平均|"
                            r"综合|年度|当年|累计|实际|总|义务教育阶段|义务教育|义务段|各级各类|各类|各|所有|"
                            r"中小学校|中小学|幼儿园|中小学幼儿园|小学|初中|中学|学校|校园|学生|的|"
                            r"率先|实现了?|已经|已|全面|基本|顺利)*")
# Words every school rule has (学校, 学生): they do not show that a rate is about the rule's subject.
_BASE_NOUNS = ("学校", "中小学", "中小学校", "小学", "初中", "学生", "幼儿园", "园", "校")
_PEOPLE = ("教师", "专任教师", "教职工", "幼儿", "儿童", "学生", "在校生", "在园幼儿")


def _rate_of_other(rule: Rule, noun: str) -> Optional[str]:
    """The rate noun when its own words name something the rule is not about (营养餐覆盖率)."""
    noun = _QUOTES.sub("", noun)      # “双师型”教师占比 names 双师型教师
    stem = _NOT_A_SUBJECT.sub("", noun)
    for g in sorted(_GENERIC_RATES, key=len, reverse=True):
        if stem.endswith(g):
            stem = stem[:-len(g)]
            break
    else:
        return None
    if len(stem) < 2 or stem in _BASE_NOUNS + _PEOPLE:
        return None        # 教师占比, 学生比例: of the people the target counts, no other subject
    own = [w for w in _own_words(rule) + list(rule.metric.base_terms)
           if w and w not in _GENERIC_RATES and w not in _BASE_NOUNS]
    return None if any(w in noun for w in own) else _NOT_A_SUBJECT.sub("", noun)


def metric_unverified_reasons(rule: Rule, zh: bool) -> list[str]:
    """Why a figure on this rule's subject may not settle it: the metric words it reads (``explain``)."""
    met, out = rule.metric, []
    if met.terms:
        out.append(f"数字没有写明{words(met.terms, 3)}" if zh else f"a figure that does not name {', '.join(met.terms[:3])}")
    if met.other_bases:
        out.append(f"口径不同（{words(met.other_bases, 3)}）" if zh else f"another base ({', '.join(met.other_bases[:3])})")
    # the shared narrowing qualifiers (language/claims.py NARROWING_SCOPES) apply to every rule
    narrow = list(met.narrower_scopes) + ["城区", "公办", "试点校"]
    out.append(f"只覆盖较窄范围（{words(narrow, 3)}）" if zh else f"a narrower scope ({', '.join(narrow[:3])}, …)")
    out.append("比率是另一口径（持证上岗率、参与率等）" if zh else "a rate on another base (持证上岗率, 参与率, …)")
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
