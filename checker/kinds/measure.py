"""Measure in force: the measure is stated as carried out, committed, or a problem.

No figure is needed (县管校聘改革, 五项管理, 师德"一票否决"). ``measure.terms`` names what makes a
mention a statement of the measure itself; without it, any mention of the subject is one.
``measure.all_of`` lets a rule accept a list of all its parts instead (手机、睡眠、读物、作业、体质).
``measure.failed_when`` names outcomes that show the measure failed where they happened (发生学生溺亡;
生均…支出下降): stated without a negation before them in a clause about the subject, they make the
sentence a failure whatever else it says of the measure.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from .. import regexcache
from ..model import Document, Rule
from .base import Kind, words
from ..language.claims import REACH, clauses, is_remainder, own_area_after, scopes_in, split_items
from .common import Context, Observation, own_scope, in_progress, mentioning, under_way

# "均未实现…只增不减", "尚未建立师德负面清单", "没有落实县管校聘": the measure written with a negation
# before it in its own clause is not in force. Bare 不 is left out: 不再审批 is the measure itself.
_NEGATED = regexcache.compile(
    r"尚未|未能|还未|仍未|并未|未曾|从未|不曾|没有|未(?=(?:完全|全面|真正|有效)?(?:实现|达到|完成|落实|建立|实行|推行|执行|开展|做到|形成))"
)
# ... or after it: "暂停审批…的措施没有落实", "5+2尚未落实到位".
_NEGATED_AFTER = regexcache.compile(
    r"(?:尚未|未能|还未|仍未|并未|未曾|从未|不曾|没有|未)(?:完全|全面|真正|有效)?(?:落实|执行|实施|实行|推行|到位|建立|形成|实现|完成|达到)"
)


# A measure asked about, hedged, of the past or told to others before it in its clause: "是否全面落实“五项管理”",
# "初步全面落实教育经费“三个增长”", "基本建立县管校聘制度", "曾全面推行县管校聘" — not shown in force.
_QUALIFIED = regexcache.compile(
    r"是否|能否|可否|曾(?<![未不何]曾)经?|一度|督促|指导(?!下)|部署(?!会)|"
    # a study of it, not its doing: "研究不再审批…的具体办法" (but 经研究, 研究决定 decide it)
    r"(?<!经)研究(?!决定|确定|出台|通过|同意)|"
    # (some of the schools: "全县义务教育学校部分实行…", "绝大多数推行…")
    r"(?:初步|基本上?|大体上?|总体上?|(?<![一])部分|(?:绝)?大(?:部分|多数)|多数|少数|个别|接近|几乎|近乎)(?:学校)?(?:已经?)?(?:全面|全部)?"
    r"(?:落实|实行|推行|建立|实现|形成|开展|执行|实施|建成|完成|安装|配备|配齐|设置|推开|覆盖)|"
    # right before the measure's own words: "接近资助全覆盖" (the search ends where they start)
    r"(?:接近|几乎|近乎|基本上?)\s*$"
)


# A measure's plan still being drafted or reviewed: "县管校聘改革方案已报县委深改委审议", "…实施办法正在征求意见".
_DRAFTED_AFTER = regexcache.compile(r"[^,，。；;]{0,6}?(?:方案|办法|意见|细则)(?:稿)?(?:已经?|正在|还在|仍在)?"
                                    r"(?:报[^,，。；;]{0,10}?(?:审议|审定|审批)|起草|征求意见|修改|待审)")
_QUALIFIED_REACH = 40     # how far before the measure's words its hedge or question word is read

# Before an outcome, what keeps it from having happened: "未发生学生溺亡", "杜绝发生…", "没有下降".
_AVERTED = regexcache.compile(r"(?:未|没有|没|无|不|杜绝|避免|减少|防止|严防|预防|防范|零|确保不|曾|以往)"
                              r"(?:和减少|再|曾)?(?:(?:发生过?|出现过?)[^,，。；;]{0,4})?\s*$")     # (未发生中小学生溺水…)
_AVERTED_REACH = 8
# after it, what makes it none: "学生溺亡事故零发生", "…为零"
_NONE_AFTER = regexcache.compile(r"[^,，。；;]{0,6}?(?:零发生|为零|为0|清零|归零)")
# a count between 发生 and the outcome ("发生一起学生溺水事故", "发生2名学生溺亡") is the outcome all the same
_COUNT_BETWEEN = regexcache.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:起|名|人|例)")


def failed(rule: Rule, text: str, outcomes: Iterable[str]) -> Optional[str]:
    """The clause stating an outcome of ``measure.failed_when`` (发生学生溺亡事故2起, 生均…支出下降1.3%),
    in a clause that names the rule's subject, with nothing before it that averts it; else None."""
    for c in clauses(text):
        part = _COUNT_BETWEEN.sub("", text[c.start:c.end]) if _COUNT_BETWEEN.search(text, c.start, c.end) else text[c.start:c.end]
        for w in outcomes:
            j = part.find(w)
            while j >= 0:
                if not _AVERTED.search(part, max(0, j - _AVERTED_REACH), j) and not _NONE_AFTER.match(part, j + len(w)) \
                        and any(t in part for t in rule.terms):
                    return text[c.start:c.end].strip().rstrip("。！？!?…")
                j = part.find(w, j + 1)
    return None


def _occurrences(text: str, terms: Iterable[str]) -> Iterator[tuple[str, int, str]]:
    """(clause, offset in it, term) for every occurrence of a measure term, clause by clause."""
    for c in clauses(text):
        part = text[c.start:c.end]
        for t in terms:
            j = part.find(t)
            while j >= 0:
                yield part, j, t
                j = part.find(t, j + 1)


def qualified(text: str, terms: Iterable[str]) -> Optional[str]:
    """The hedge or question word before the measure in its clause, when every occurrence of a
    measure term has one (as :func:`negated` asks of negations)."""
    word = None
    for part, j, t in _occurrences(text, terms):
        m = _QUALIFIED.search(part, max(0, j - _QUALIFIED_REACH), j) or _DRAFTED_AFTER.match(part, j + len(t))
        if not m:
            return None
        word = word or m.group(0)
    if word in _DIRECTED and _DONE_AFTER.search(text):
        return None     # "我局指导全县…全面推行…，实现义务教育学校课后服务全覆盖": the guidance was carried out
    return word


_DIRECTED = ("指导", "督促", "部署")     # what the bureau had the schools do
# A clause of result after the measure: what the bureau guided or urged was done.
_DONE_AFTER = regexcache.compile(r"[，,；;]\s*(?:已|均已|全面|并)?(?:实现了?|达到了?|做到了?)[^，,。；;]{0,30}?(?:全覆盖|100%|全部|均)")


def narrowed(rule: Rule, text: str, terms: Iterable[str]) -> Optional[str]:
    """The narrowing qualifier (城区学校, 试点校, 除…外) of the list item that states the measure, if any:
    "城区学校全面推行5+2" is the measure in part of the area, not in force across it; so is a
    remainder in the clause after it ("全面推行5+2,仅1所学校尚未开展")."""
    cls = clauses(text)
    for k, c in enumerate(cls):
        if c.end - c.start > 2 * REACH:
            continue        # a "clause" of a line without punctuation states no measure of its own
        if (k + 1 < len(cls) and any(t in text[c.start:c.end] for t in terms)
                and is_remainder(text[cls[k + 1].start:cls[k + 1].end])):
            return text[cls[k + 1].start:cls[k + 1].end].strip().rstrip("。！？!?…")
        # the item of a list that names the measure: in "师德师风整治、民办学校年检等…已完成"
        # 民办学校 qualifies another item
        found = [(w, p) for w, p in scopes_in(text[c.start:c.end]) if not own_scope(rule, w)]
        if not found:
            continue
        for lo, hi in split_items(text, c.start, c.end):
            part = text[lo:hi]
            if any(t in part for t in terms):
                for word, phrase in found:
                    if phrase in part:
                        return phrase
    return None


def negated(text: str, terms: Iterable[str], before: bool = True) -> bool:
    """True when every occurrence of a measure term has a negation in its clause: before it
    (``before``; not for a rule whose subject words are its measure, as 没有发生溺亡 is no
    negation of 防溺水) or after it (没有落实)."""
    found = False
    for part, j, t in _occurrences(text, terms):
        found = True
        if not (before and _NEGATED.search(part, 0, j)) and not _NEGATED_AFTER.search(part, j + len(t)):
            return False
    return found


@dataclass(frozen=True)
class MeasureSpec:
    terms: Optional[tuple[str, ...]] = None          # None: any mention states the measure
    all_of: tuple[tuple[str, ...], ...] = ()
    failed_when: tuple[str, ...] = ()
    mention_note_zh: str = ""
    mention_note_en: str = ""


class Measure(Kind):
    NAME = "measure"
    JUDGES_PROGRESS = True
    SUMMARY = ("措施已实施：写明措施本身已落实（无需数字）", "a measure in force: the measure itself stated as done (no figure needed)")
    FIELDS = {"measure": {
        "type": "object", "additionalProperties": False,
        "properties": {"terms": {"$ref": "#/$defs/terms"}, "all_of": {"$ref": "#/$defs/groups"},
                       "failed_when": {"$ref": "#/$defs/terms"}, "mention_note": {"$ref": "#/$defs/text"}}}}

    def parse(self, raw: dict, normalize) -> MeasureSpec:
        m = raw.get("measure") or {}
        note = m.get("mention_note") or {}
        return MeasureSpec(terms=tuple(normalize(m["terms"])) if "terms" in m else None,
                           all_of=tuple(tuple(normalize(g)) for g in m.get("all_of", [])),
                           failed_when=tuple(normalize(m.get("failed_when", []))),
                           mention_note_zh=note.get("zh", ""), mention_note_en=note.get("en", ""))

    def terms(self, rule: Rule) -> Iterable[str]:
        return rule.spec.terms or ()

    def observe(self, rule: Rule, doc: Document, ctx: Context) -> list[Observation]:
        spec: MeasureSpec = rule.spec
        out: list[Observation] = []
        for s, mod in mentioning(rule, doc, ctx, out):
            # (an outcome in a plan's sentence is something to prevent, not something that happened)
            outcome = failed(rule, s.text, spec.failed_when) if spec.failed_when and mod != "planned" else None
            if outcome:
                out.append(Observation(s, mod, "fail", reason="problem", note_zh=f"报告写明“{outcome}”",
                                       note_en=f"the report states '{outcome}'"))
                continue
            ours = own_area_after(s.text)
            if ours is not None and not any(t in s.text[ours:] for t in (spec.terms or rule.terms)):
                # "全省推进教师“县管校聘”改革，我县尚未推行": the measure is the other area's; ours is denied or unsaid
                denied = _NEGATED.search(s.text, ours)
                out.append(Observation(s, "problem" if denied else mod, "fail" if denied else "unquantified",
                                       reason="problem" if denied else "other-base",
                                       note_zh=f"报告写明“{s.text[ours:].strip('，,。')}”" if denied else "写的是其他地区的情况",
                                       note_en="the report says the county has not" if denied else "it is another area's"))
                continue
            stated = spec.terms is None or any(t in s.text for t in spec.terms)
            if not stated and spec.all_of:
                stated = all(any(t in s.text for t in group) for group in spec.all_of)
            if stated and negated(s.text, spec.terms or rule.terms, before=spec.terms is not None):
                out.append(Observation(s, "problem", "fail", reason="problem",
                                       note_zh="报告写明该措施未落实", note_en="the report says the measure is not in force"))
            elif stated and spec.terms is not None and narrowed(rule, s.text, spec.terms):
                # only a measure named by its own words (measure.terms): where any mention is the
                # measure (防溺水), "开展农村学校防溺水教育" is the work done, not a part of a target
                phrase = narrowed(rule, s.text, spec.terms)
                zh, en = ((f"写明“{phrase}”，措施尚未在全域落实", f"it says '{phrase}': not yet in force across the area")
                          if is_remainder(phrase) else
                          (f"只写了{phrase}，措施应在全域落实", f"only '{phrase}' is stated; the measure is meant for the whole area"))
                out.append(Observation(s, mod, "unquantified", reason="narrow", note_zh=zh, note_en=en))
            elif stated and (word := qualified(s.text, spec.terms or rule.terms)) \
                    and not (mod == "planned" and word in _DIRECTED):
                # (a plan to guide or urge the schools is a plan: "将指导各校全面推行“5+2”")
                out.append(Observation(s, mod, "unquantified", reason="measure",
                                       note_zh=f"报告写的是“{word}”，不能说明措施已全面落实",
                                       note_en=f"the report says '{word}', which does not show the measure in force"))
            elif stated:
                obs = Observation(s, mod, "pass", reason="measure")
                cue = in_progress(rule, s, ctx, terms=spec.terms)      # "启动县管校聘改革", "探索建立师德负面清单"
                out.append(under_way(obs, cue) if cue else obs)
            else:
                out.append(Observation(s, mod, "unquantified", reason="mention",
                                       note_zh=spec.mention_note_zh, note_en=spec.mention_note_en))
        return out

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        terms = rule.spec.terms
        how = (f"（写到：{words(terms)}）" if zh else f" (with one of: {', '.join(terms[:6])})") if terms else ""
        return (f"已完成部分写明措施已实施{how}；计划类文件中写明将实施也算达标" if zh
                else f"the achieved part states the measure as in force{how}; in a plan, committing to it counts")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        note = rule.spec.mention_note_zh if zh else rule.spec.mention_note_en
        return note or ("提到了，但没有写明措施本身" if zh else "it is mentioned, but the measure itself is not stated")


KIND = Measure()
