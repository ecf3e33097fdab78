"""Follow-through: did this year's summary deliver what the plan promised?

``follow_through(plan, summary, ctx)`` reads the commitments of a plan (工作要点/计划, or the plan
part of a mixed report) and looks for each one in the summary (工作总结, or the summary part of a
mixed report).

A **commitment** is a clause of a planned sentence that carries

* a **quota**: a figure with a unit (``年内完成教师交流轮岗、支教顶岗500名以上``,
  ``新建、改扩建普惠性幼儿园24处``, ``完成105个大班额班级清零``); years, dates, ordinals, bare
  numbers (``“1+1”``) and durations inside a phrase (``学前三年``) are not quotas; or
* a **measure**: a clearing or full-coverage promise (清零, 全覆盖, 两个只增不减) or a delivery verb
  (新建, 建成, 成立, 打造, 投入使用 …) with a concrete object — a name in quotes or a facility or
  body (…小学, …幼儿园, …中心, …工作室, …委员会). A list of named objects
  (``加快风华小学、东和嘉园小学等项目建设``) gives one commitment per name.

Its **subject** is the words the figure is about: the words before the figure in its clause
(``新建、改扩建普惠性幼儿园`` for ``…24处``), or after it when the figure is a numeral-classifier
in front of its noun (``105个大班额班级清零``). The subject is cut into keywords with the packs'
terms kept whole (so ``普惠性幼儿园`` is one keyword), generic verbs and adverbs left out.

For each commitment, the summary's achieved and problem sentences are searched:

* **delivered** — a sentence with at least half of the keywords (by weight) states a figure in a
  compatible unit (名 = 人, 处 = 所 = 个 …) whose own subject words are the commitment's, at or
  above the committed figure (at or below for ``不超过``; within 10% for ``左右``); for a measure,
  the sentence states it done (建成, 已, 实现, 清零 …);
* **partly** — a smaller figure, a mention without a figure, work in progress, or the summary
  naming it as a problem;
* **not mentioned** — no sentence of the summary shares enough of its keywords.

These are text heuristics, not understanding: the output quotes both sentences so a reader can
check each call. Figures spread over several sentences are not added up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .. import regexcache
from ..language.claims import clauses, find_claims
from ..model import Document, Quantity, Sentence
from ..language.quantities import find_quantities

STATUSES = ("delivered", "partly", "not_mentioned")

# ---------------------------------------------------------------- words
# Adverbs, enumerators and generic verbs that open a clause and say nothing about its subject.
_LEAD = regexcache.compile(
    r"^(?:[一二三四五六七八九十]+是|其中|同时|并且?|另外|此外|年内|全年|今年|明年|本年度|力争|确保|争取|计划|预计|"
    r"进一步|继续|持续|全面|积极|加快推进|加快|努力|切实|着力|大力|逐步|深入|扎实|稳步|重点|要|将|再|共|累计|"
    r"完成|实现|组织|开展|推进|推动|做好|抓好|落实|实施|对|在|为|按照|通过|全县|全市|全区|县域|各)+")
# Words that end a subject before its figure (…率达到90%, …不少于15次).
_TRAIL = regexcache.compile(r"(?:达到|达|为|到|至|提高到|提升到|增加到|增至|控制在|保持在|稳定在|占|的|超过|不低于|不少于|"
                    r"共|共计|合计|累计|有|新增|增加|分别|均)+$")
_STOP = frozenset("""完成 实现 开展 推进 推动 加强 加快 做好 抓好 落实 确保 力争 争取 全县 全市 全区 全省 全国 县域
年内 全年 今年 任务 工作 目标 以上 左右 以下 进一步 继续 持续 积极 努力 有效 不断 全面 深入 大力 重点 相关 各类
各项 一批 建设 提升 提高 进行 组织 实施 深化 完善 健全 打造 达到 不少 不低于 至少 力度 水平 质量 方面 情况 活动
进入 投入 使用 实际 基础 开工 取得 成效 有关 以及 通过 根据 按照 要求 全体 所有 全部 单位 部门 同时 其中 一是 二是
三是 四是 五是 计划 项目""".split())
_NUMERAL_WORD = regexcache.compile(r"^[\d.,%]+\S{0,2}$")      # 10处, 90%: figures are not subject words
_HAN = regexcache.compile(r"[\u4e00-\u9fff]")

# Units whose figures are durations or ages: inside a phrase they qualify a noun (学前三年, 3-6岁).
_SPAN_UNITS = frozenset({"年", "个月", "天", "周", "学期", "周年", "岁", "届", "期"})
_UNIT_GROUPS = (frozenset({"人", "名", "位"}), frozenset({"处", "所", "个", "座", "家", "间"}),
                frozenset({"次", "场", "场次", "期", "轮"}))

# ---------------------------------------------------------------- measures
# A named thing: a name in quotes (not a slogan with numerals, “一强三名”), or a facility or body.
_CONCRETE_OBJECT = regexcache.compile(r"“[^”一二三四五六七八九十两\d]{2,30}”(?![\u4e00-\u9fff]{0,12}?(?:联合体|中心|平台))|"
                              r"(?:“[^”]{1,20}”)?[\u4e00-\u9fff]{1,20}?(?:小学|中学|学校|幼儿园|特色园|校区|校舍|中心|学院|"
                              r"实验区|示范区|联合体|工作室|平台|系统|基地|场馆|体育馆|食堂|宿舍|功能室|专业群|委员会|"
                              r"联盟|集团|示范校|示范点|教室|球场|运动场)")
_NAMED_ITEM = regexcache.compile(r"[\u4e00-\u9fff]{2,20}?(?:小学|中学|幼儿园|校区|学院|大学|体育馆)")
_PLACE_PREFIX = regexcache.compile(r"^[\u4e00-\u9fff]{1,6}?[县市区镇乡街道]{1,2}(?=[\u4e00-\u9fff]{3,})")

# In a summary, a measure stated in the achieved voice is done unless it says it is still under way;
# a firm completion word outweighs a progress word in the same clause (已建成并加快推进…).
_DONE = regexcache.compile(r"已经|已(?![将要])|建成|完成|投入使用|竣工|清零|交付|启用")
_IN_PROGRESS = regexcache.compile(r"正在|推进|在建|开工|启动|主体完工|主体封顶|筹建|进行中|加快|尚在|前期")


# ---------------------------------------------------------------- data
@dataclass(frozen=True)
class Commitment:
    line: int                  # line (paragraph for .docx) of the plan sentence
    quote: str                 # the plan sentence as written
    clause: str                # the clause the commitment was read from (normalized)
    subject: str               # what the figure or measure is about (normalized)
    keywords: tuple[str, ...]
    kind: str                  # "quota" | "measure"
    figure: str = ""           # the figure as in the (normalized) clause, 达到 dropped ("500名以上")
    value: Optional[float] = None
    unit: Optional[str] = None
    comparator: Optional[str] = None


@dataclass(frozen=True)
class Delivery:
    commitment: Commitment
    status: str                # delivered | partly | not_mentioned
    reason: str                # figure-met | figure-below | no-figure | done | in-progress | problem | none
    line: Optional[int] = None     # where the summary shows it
    quote: str = ""                # the summary sentence as written
    value: Optional[float] = None
    unit: Optional[str] = None
    figure: str = ""               # the summary's figure, as figure_text() gives it

    def message(self, lang: str) -> str:
        return _message(self, lang)


@dataclass(frozen=True)
class DocInfo:
    path: str
    kind: str
    year: Optional[int]
    line_label: str


@dataclass(frozen=True)
class FollowThrough:
    plan: DocInfo
    summary: DocInfo
    items: tuple[Delivery, ...]
    warnings: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for d in self.items if d.status == s) for s in STATUSES}


# ---------------------------------------------------------------- keywords
class Keywords:
    """Cuts subjects into keywords with the packs' terms as whole words (jieba, loaded lazily)."""

    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({t for t in terms if len(t) >= 2 and _HAN.search(t)}, key=len, reverse=True)
        self._tokenizer = None
        self._cache: dict[str, tuple[str, ...]] = {}

    def _segmenter(self):
        # the term matcher's segmenter: same word edges, and jieba's dictionary from the cache
        if self._tokenizer is None:
            from ..language.terms import Segmenter

            self._tokenizer = Segmenter(t for t in self.terms if not any(ch in t for ch in " +%()"))
        return self._tokenizer

    def __call__(self, subject: str) -> tuple[str, ...]:
        if subject not in self._cache:
            text = re.sub(r"[“”\"'‘’《》()（）\[\]]", "", subject)
            self._cache[subject] = _content_words(self._segmenter().cut(text))
        return self._cache[subject]


def _content_words(tokens: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for token in tokens:
        token = token.strip()
        if (len(token) < 2 or not _HAN.search(token) or token in _STOP or _NUMERAL_WORD.match(token)
                or token in out):
            continue
        out.append(token)
    return tuple(out)


def _weight(word: str) -> int:
    return min(len(word), 4)


def keyword_score(keywords: tuple[str, ...], text: str) -> float:
    """Share of the keywords' weight found in ``text`` (0 when there are no keywords)."""
    if not keywords:
        return 0.0
    total = sum(_weight(k) for k in keywords)
    return sum(_weight(k) for k in keywords if k in text) / total


# ---------------------------------------------------------------- figures and their subjects
@dataclass(frozen=True)
class _Figure:
    q: Quantity
    subject: str              # the words the figure is about (see module docstring)
    attributive: bool         # written before its noun (105个大班额班级)


def _inside_quotes(text: str, i: int) -> bool:
    """Whether offset ``i`` lies between an opening and a closing quotation mark (a slogan)."""
    before = text[:i]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _quota_quantities(clause: str) -> list[tuple[Quantity, list[Quantity]]]:
    """The quantities of a clause that can be quotas, each with the modifiers written right after it.

    Quotas are written in Arabic digits (as GB/T 15835 asks for counts and measures); Chinese
    numerals in plans are fixed expressions: “三个第一”, 三支队伍, 十项准则, 不让一个学生掉队.
    Left out as well: figures in quotes, and modifiers — a figure written right after another
    (105个55人及以上大班额: "55人" qualifies the noun) or a duration inside a phrase (15年免费教育).
    """
    found = [q for q in find_quantities(clause)
             if q.kind in ("number", "percent") and q.unit is not None and re.search(r"\d", q.text)]
    kept: list[tuple[Quantity, list[Quantity]]] = []
    prev_end = -1
    for q in found:
        tail = clause[q.end:].lstrip("“\"")
        modifier = q.start == prev_end or (q.unit in _SPAN_UNITS and bool(_HAN.match(tail)))
        prev_end = q.end
        if modifier:
            if kept and q.start == kept[-1][0].end + sum(len(m.text) for m in kept[-1][1]):
                kept[-1][1].append(q)
            continue
        if _inside_quotes(clause, q.start):
            continue
        kept.append((q, []))
    return kept


def figure_text(q: Quantity) -> str:
    """A figure as written, without a leading 达到 (the comparator words that carry meaning stay)."""
    return re.sub(r"^(?:达到|达)", "", q.text)


def _clean_subject(text: str) -> str:
    text = text.strip(" ,，、;；:：。\"")
    text = re.sub(r"^(?:以及|和|与|及(?!时))", "", text)
    text = _LEAD.sub("", text)
    text = _TRAIL.sub("", text)
    return text.strip(" ,，、;；:：。").rstrip("和及与").strip()


def figures_of(clause: str) -> list[_Figure]:
    """Each quota-like figure of ``clause`` with the words it is about."""
    qs = _quota_quantities(clause)
    out: list[_Figure] = []
    start = 0
    for i, (q, modifiers) in enumerate(qs):
        next_start = qs[i + 1][0].start if i + 1 < len(qs) else len(clause)
        q_end = q.end + sum(len(m.text) for m in modifiers)
        before = clause[start:q.start]
        after = clause[q_end:next_start]
        # A figure followed directly by its noun is a numeral-classifier: 打造10处幼儿体育特色园,
        # 完成20处“人工智能室”建设. Its noun runs to the next item of a list (…工作室和30个…).
        attributive = bool(_HAN.match(after.lstrip("“\""))) and len(_HAN.findall(after)) >= 2
        if attributive:
            sep = re.search(r"[、和及与]", after) if i + 1 < len(qs) else None
            noun = after[:sep.start()] if sep else after
            subject = _clean_subject(before) + clause[q.end:q_end] + _clean_subject(noun)
            start = q_end + len(noun)
        else:
            subject = _clean_subject(before)
            start = q_end
        out.append(_Figure(q, subject.strip(), attributive))
    return out


# ---------------------------------------------------------------- commitments
def _original_quote(doc: Document, s: Sentence) -> str:
    norm = doc.normalized
    a = norm.original_offset(s.start)
    b = norm.original_offset(s.start + len(s.text) - 1) + 1
    return norm.original_text(a, b).strip()


def plan_sentences(doc: Document) -> list[Sentence]:
    """The sentences that make up the plan: all planned ones of a plan, the plan part of a mixed report.

    In a mixed report a 力争… sentence inside the summary part is an aspiration about the year
    being reported, not part of the next year's plan, so only sentences whose section is a plan
    section count there.
    """
    if doc.kind == "plan":
        return [s for s in doc.sentences if s.modality == "planned"]
    return [s for s in doc.sentences if s.modality == "planned" and s.inherited == "planned"]


def _named_items(clause: str) -> list[str]:
    """Named schools and facilities listed in a clause (风华小学、东和嘉园小学…等项目建设)."""
    core = _LEAD.sub("", clause.strip(" 。;；"))
    items = []
    for m in _NAMED_ITEM.finditer(core):
        name = re.sub(r"^(?:和|及|与|以及|对|把|将)", "", m.group())
        if len(name) >= 4 and name not in items:
            items.append(name)
    return items


def commitments(doc: Document, keywords: Keywords) -> list[Commitment]:
    out: list[Commitment] = []
    for s in plan_sentences(doc):
        quote = _original_quote(doc, s)
        for c in clauses(s.text):
            clause = s.text[c.start:c.end]
            figs = figures_of(clause)
            for f in figs:
                kws = keywords(f.subject)
                if not kws:
                    continue
                out.append(Commitment(s.line, quote, clause, f.subject, kws, "quota", figure_text(f.q),
                                      f.q.value, f.q.unit, f.q.comparator))
            if not figs:
                out.extend(_measures(s, quote, clause, keywords))
    return _dedupe(out)


_FULL_COVERAGE = ("全覆盖", "百分之百", "应入尽入", "应收尽收")
_START_VERB = regexcache.compile(r"^(?:新建|改扩建|扩建|改建|建成|建设好?|创建|成立|组建|打造|建立|推广|认定|评选出?|出台|制定|印发|"
                         r"改造|加固|完成)")
_END_VERB = regexcache.compile(r"(?:建设|改造|创建|投入使用|建成|竣工|挂牌|加固|改扩建)(?:工作|任务|项目)?$")


def _is_measure(clause: str) -> bool:
    """A clearing/full-coverage promise, or a delivery verb right next to a concrete object."""
    for c in find_claims(clause):
        if c.negated:
            continue
        if c.kind in ("cleared", "composite") or (c.kind == "coverage" and c.text in _FULL_COVERAGE):
            return True
    core = _LEAD.sub("", clause.strip(" 。;；!?！？"))
    start = _START_VERB.match(core)
    if start and _CONCRETE_OBJECT.match(core, start.end()):
        return True                                  # 成立家庭教育专家指导委员会
    end = _END_VERB.search(core)
    if end:
        # …湖滨幼儿园等项目建设, 对…华沟幼儿园进行抗震加固和改扩建
        head = re.sub(r"(?:进行[\u4e00-\u9fff]{0,8}|(?:等|的)?(?:项目|工程)?)$", "", core[:end.start()])
        return any(m.end() == len(head) for m in _CONCRETE_OBJECT.finditer(head))   # 县二中新校区投入使用
    return False


def _measures(s: Sentence, quote: str, clause: str, keywords: Keywords) -> list[Commitment]:
    if not _is_measure(clause):
        return []
    items = _named_items(clause)
    if len(items) >= 2:
        # One commitment per named school or facility: the summary may report them one by one.
        rest = re.sub("|".join(map(re.escape, items)), "", _LEAD.sub("", clause.strip(" 。;；")))
        action = _clean_subject(re.sub(r"^[、和及与对等\s]+|^进行", "", re.sub(r"^[、和及与对等\s]+", "", rest)))
        return [Commitment(s.line, quote, clause, f"{item} {action}".strip(), (item,), "measure")
                for item in items]
    subject = _clean_subject(clause)
    kws = keywords(subject)
    if not kws:
        return []
    return [Commitment(s.line, quote, clause, subject, kws, "measure")]


def _dedupe(items: list[Commitment]) -> list[Commitment]:
    """One commitment per subject and figure. A web page often repeats one in its title; the
    occurrence with the longer sentence (the body's, with its context) is kept, in body order."""
    best: dict[tuple, Commitment] = {}
    for c in items:
        key = (c.subject, c.value, c.unit, c.kind)
        if key not in best or len(c.quote) > len(best[key].quote):
            best[key] = c
    kept = {id(c) for c in best.values()}
    return [c for c in items if id(c) in kept]


# ---------------------------------------------------------------- looking in the summary
def summary_sentences(doc: Document) -> list[Sentence]:
    """What the summary says was done or went wrong (its own plan part is left out)."""
    return [s for s in doc.sentences if s.modality in ("achieved", "problem")]


def _compatible(a: Optional[str], b: Optional[str]) -> bool:
    if a == b:
        return a is not None
    return any(a in g and b in g for g in _UNIT_GROUPS)


def _meets(c: Commitment, value: float) -> bool:
    if c.comparator in ("<=", "<"):
        return value <= c.value + 1e-9
    if c.comparator in ("~", "~<"):     # 约/近 200人: roughly that many
        return value >= 0.9 * c.value - 1e-9
    return value >= c.value - 1e-9


def _named_in(name: str, text: str) -> bool:
    """A school's name in ``text``, also without its county prefix (实验幼儿园 for 桓台县实验幼儿园)
    when that shorter name stands on its own rather than inside another name (第二实验幼儿园)."""
    if name in text:
        return True
    short = _PLACE_PREFIX.sub("", name)
    if short == name:
        return False
    for m in re.finditer(re.escape(short), text):
        before = text[m.start() - 1:m.start()]
        if not before or not _HAN.match(before) or before in "、和及与对将在为把":
            return True
    return False


_MENTION_SHARE = 0.6


def _mentions(c: Commitment, text: str) -> bool:
    """Whether ``text`` is about the commitment's subject.

    Most of the keywords' weight must be there, including one of the heaviest keywords, so that
    成立家庭教育专家指导委员会 does not stand for 成立心理健康教育指导委员会.
    """
    if c.kind == "measure" and len(c.keywords) == 1 and _NAMED_ITEM.fullmatch(c.keywords[0]):
        return _named_in(c.keywords[0], text)
    if keyword_score(c.keywords, text) < _MENTION_SHARE:
        return False
    heaviest = max(_weight(k) for k in c.keywords)
    return any(k in text for k in c.keywords if _weight(k) == heaviest)


def _clause_texts(s: Sentence) -> list[str]:
    return [s.text[c.start:c.end] for c in clauses(s.text)]


def _quota_delivery(c: Commitment, doc: Document, candidates: list[Sentence]) -> Optional[Delivery]:
    """The best figure for a quota in the summary's achieved sentences that mention it."""
    best = None   # ((window score, value), sentence, figure)
    for s in candidates:
        if s.modality != "achieved":
            continue
        for clause in _clause_texts(s):
            for f in figures_of(clause):
                if not _compatible(f.q.unit, c.unit) or not _mentions(c, f.subject):
                    continue
                key = (keyword_score(c.keywords, f.subject), f.q.value)
                if best is None or key > best[0]:
                    best = (key, s, f)
    if best is None:
        return None
    _, s, f = best
    met = _meets(c, f.q.value)
    return Delivery(c, "delivered" if met else "partly", "figure-met" if met else "figure-below",
                    s.line, _original_quote(doc, s), f.q.value, f.q.unit, figure_text(f.q))


def _measure_delivery(c: Commitment, doc: Document, candidates: list[Sentence]) -> Optional[Delivery]:
    """A measure is delivered when an achieved clause about it does not say it is still under way."""
    progress = None
    for s in candidates:
        if s.modality != "achieved":
            continue
        # Judge the clause that names it (…已投入使用,县一中新校区主体完工 are two verdicts); the
        # whole sentence only when its keywords are spread over several clauses.
        about = [cl for cl in _clause_texts(s) if _mentions(c, cl)] or [s.text]
        for clause in about:
            if _DONE.search(clause) or not _IN_PROGRESS.search(clause):
                return Delivery(c, "delivered", "done", s.line, _original_quote(doc, s))
            progress = progress or s
    if progress is not None:
        return Delivery(c, "partly", "in-progress", progress.line, _original_quote(doc, progress))
    return None


def deliver(c: Commitment, doc: Document, sentences: list[Sentence]) -> Delivery:
    candidates = [s for s in sentences if _mentions(c, s.text)]
    if not candidates:
        return Delivery(c, "not_mentioned", "none")
    found = (_quota_delivery if c.kind == "quota" else _measure_delivery)(c, doc, candidates)
    if found is not None:
        return found
    achieved = [s for s in candidates if s.modality == "achieved"]
    if achieved:
        s = achieved[0]
        return Delivery(c, "partly", "no-figure", s.line, _original_quote(doc, s))
    s = candidates[0]     # only named among the summary's problems
    return Delivery(c, "partly", "problem", s.line, _original_quote(doc, s))


# ---------------------------------------------------------------- the whole check
def plan_year_of(doc: Document) -> Optional[int]:
    """The year a plan is for: a plan's own year; for a mixed report, the year its plan part names
    ("2022年工作打算", also "2022工作打算"), else the year after the one it reports on."""
    if doc.kind == "plan":
        return doc.year
    for sec in doc.sections:
        if sec.modality == "planned":
            m = re.search(r"(20\d\d)", sec.heading)
            if m:
                return int(m.group(1))
    return doc.year + 1 if doc.year and doc.kind == "mixed" else doc.year


def follow_through(plan: Document, summary: Document, keywords: Keywords,
                   plan_label: str = "line", summary_label: str = "line") -> FollowThrough:
    warnings = []
    if summary.kind == "plan":
        warnings.append(f"{summary.path}: reads as a plan, not a summary; only its statements of work "
                        "done count, so most commitments will show as not mentioned")
    if plan.kind == "summary":
        warnings.append(f"{plan.path}: reads as a summary, not a plan; only its forward-looking "
                        "sentences (将、力争、计划…) are taken as commitments")
    plan_year = plan_year_of(plan)
    if plan_year and summary.year and plan_year != summary.year:
        warnings.append(f"the plan is for {plan_year} but the summary reports on {summary.year}; "
                        "check that the two belong together")
    found = commitments(plan, keywords)
    if not found:
        warnings.append(f"{plan.path}: no commitments with a figure or a concrete measure were found")
    sentences = summary_sentences(summary)
    items = tuple(deliver(c, summary, sentences) for c in found)
    return FollowThrough(DocInfo(plan.path, plan.kind, plan_year, plan_label),
                         DocInfo(summary.path, summary.kind, summary.year, summary_label),
                         items, tuple(warnings))


# ---------------------------------------------------------------- words for people
LABELS = {
    "delivered": ("已兑现", "delivered"),
    "partly": ("部分兑现", "partly"),
    "not_mentioned": ("未提及", "not mentioned"),
}
GLYPHS = {"delivered": "✔", "partly": "◐", "not_mentioned": "∅"}


def _fmt(value: Optional[float], unit: Optional[str]) -> str:
    return "" if value is None else f"{value:g}{unit or ''}"


def _message(d: Delivery, lang: str) -> str:
    c = d.commitment
    target = c.figure or ("措施" if lang != "en" else "the measure")
    shown = d.figure or _fmt(d.value, d.unit)
    zh = {
        "figure-met": f"总结写明{shown}，达到承诺的{target}",
        "figure-below": f"总结写明{shown}，低于承诺的{target}",
        "no-figure": f"总结提到了，但没有可与承诺{target}比较的数字",
        "done": "总结写明已完成/已建成",
        "in-progress": "总结提到了，但没有写明已完成",
        "problem": "总结把它列为存在的问题",
        "none": "总结没有提到",
    }
    en = {
        "figure-met": f"the summary states {shown}, at or above the promised {target}",
        "figure-below": f"the summary states {shown}, below the promised {target}",
        "no-figure": f"mentioned, with no figure to compare with the promised {target}",
        "done": "the summary states it done",
        "in-progress": "mentioned, but not stated as done",
        "problem": "the summary names it as a problem",
        "none": "the summary does not mention it",
    }
    return (en if lang == "en" else zh)[d.reason]


def as_dict(result: FollowThrough, lang: str = "zh") -> dict:
    from .. import __version__

    def doc(info: DocInfo) -> dict:
        return {"path": info.path, "kind": info.kind, "year": info.year, "line_label": info.line_label}

    items = []
    for d in result.items:
        c = d.commitment
        items.append({
            "status": d.status,
            "reason": d.reason,
            "kind": c.kind,
            "subject": c.subject,
            "keywords": list(c.keywords),
            "target": {"text": c.figure, "value": c.value, "unit": c.unit, "comparator": c.comparator}
            if c.kind == "quota" else None,
            "plan": {"line": c.line, "text": c.quote},
            "summary": None if d.line is None else {"line": d.line, "text": d.quote, "figure": d.figure or None,
                                                    "value": d.value, "unit": d.unit},
            "message": d.message(lang),
        })
    return {
        "schema_version": 1,
        "tool": {"name": "govedu-check", "version": __version__},
        "plan": doc(result.plan),
        "summary": doc(result.summary),
        "counts": result.counts(),
        "commitments": items,
        "warnings": list(result.warnings),
    }
