"""What the 督导 indicator kinds share: a line per stage, per-school standards, dates of effect.

A rule of one of these kinds writes its target in its own block (``per100:``, ``area:``, ``money:`` …)::

    per100:
      comparator: ">="
      unit: 人/百名学生
      stages:                                   # a figure binds to the stage word nearest before it
        - {stage: 小学, terms: [小学], value: 4.2}
        - {stage: 初中, terms: [初中], value: 5.3}
      each_unit: true                           # every school must meet it (catalog decision 5)
      per_terms: [每百名, 百名学生]              # a figure is on the rule's base only where these are written
      other_bases: [比例, 占比]

Stages combine as the catalog says: unmet if any stage is below; met only if every required stage
is at or above; a figure for one stage only is unverified. With ``each_unit``, a county figure at or
above the line is unverified unless the sentence says every school meets it (所有学校均达到, 校校达标);
below the line it is unmet. ``by_date`` steps (``from``/``until`` as dates) replace the lines for the
report year; when a year straddles two steps either one meets it. ``effective`` is the date of effect:
a report of an earlier year is not held to the line (its figures stay unverified).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Optional

from .. import regexcache
from ..language.figures import Figure, clock_text, failing_units, own_words, passed_of_all, past_levels, stage_of
from ..language.claims import EXTREME_LOW, MISSED_AFTER, carries_on_in_time, NOT_DONE_AFTER, REACH, UNIT_PART_WORDS, clause_around, clauses, every_unit_spans, exceptions_in, framed_target, is_remainder, rough_source, scopes_in, \
    stages_in
from ..language.quantities import PENDING_AFTER
from ..model import Document, Rule, Sentence, Threshold
from ..reading.structure import in_named_problem, without_named_problems
from .base import PLAN_COUNTS, Kind, Problem, words
from .common import Context, Observation, anchors, base_of, in_progress, judge, mentioning, of_the_year, own_scope, stage_part, under_way

# Phrases that claim every unit: they name the units. "…小学4.6人、初中5.5人,均达标" says the two
# county figures pass, not that every school does.
ALL_UNITS = ("所有学校", "所有中小学", "全部学校", "各校均", "各学校均", "每所学校均", "每所学校都", "校校达标", "校校均",
             "所有班级", "全部班级", "所有幼儿园", "各园均", "园园达标", "学校均达标", "学校均已达标", "学校全部达标",
             "学校均达到", "学校全部达到", "学校均已达到",
             # a verb of the work done after the units' noun: "学校食堂全部实现“互联网+明厨亮灶”"
             "全部实现", "均实现", "均已实现", "全部落实", "均落实", "均已落实", "全部建成", "每一所", "无一例外")
# What keeps an all-units phrase from claiming every unit of the area: a part before it (大部分/抽查的/
# 新建…学校, 城区学校), a denial before it (并非所有学校, 尚未实现校校达标) or a hedge or denial after it
# (各校均基本达标, 所有学校均达标的目标尚未实现, …还有差距).
_PART_BEFORE = regexcache.compile(r"大部分|大多数|多数|一半|半数|以上的|%的|抽查|抽检|参评|验收|评估的|新建|改扩建|项目|"
                                  r"任务\s*$|计划\s*$|"      # "招聘任务100%完成": a task's share, not every unit
                                  r"接近|几乎|近乎|将近|"
                                  r"薄弱|部分|个别|少数|有\s*\d+\s*所|"
                                  # some of the indicators: "7项指标中6项校校达标", "主要指标", "硬件指标"
                                  r"中\s*[\d一二三四五六七八九]+\s*项|主要指标|硬件指标|核心指标|多项指标")
_DENIED_BEFORE = regexcache.compile(r"并非|不是|尚未|未能|没有|没能|未|距离|离|还差|为了?实现|为确保|围绕|对标|督促|指导(?!下)|部署|"
                                   r"倡导|提倡|鼓励|号召")
_QUALIFIED_AFTER = regexcache.compile(r"\s*(?:率|比例|比率|工程|项目|工作|目标|任务)|\s*(?:已经?)?(?:基本|接近|大体|总体|初步|大部分|正逐步|逐步|正在)|"
                                      # "均达到或接近国家标准", "均达标或基本达标", "均达到基本均衡标准", "…的85%以上"
                                      r"[^,，。；;]{0,4}?或(?:接近|基本|大部分|部分)|[^,，。；;]{0,4}?基本均衡|"
                                      r"[^,，。；;]{0,8}?的\s*\d+(?:\.\d+)?\s*%")
_CLAUSE_STOP = regexcache.compile(r"[,，。；;:：]")
_CLAUSE_END = regexcache.compile(r"[,，。；;:：](?=[^,，。；;:：]*\Z)")
NEGATIONS = ("未", "没有", "尚未", "不达标", "未能", "差距", "不足")

_LINE = {"type": "object", "additionalProperties": False, "required": ["stage", "value"],
         "properties": {"stage": {"type": "string", "minLength": 1}, "terms": {"$ref": "#/$defs/terms"},
                        "value": {"type": ["number", "string"]}}}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}


def block_schema(own: Optional[dict] = None, comparator: bool = True, required=("comparator", "unit"),
                 value_type=("number",)) -> dict:
    """The JSON Schema of a kind's block: the shared keys and the kind's own (``value_type``: a clock's
    lines may be written "08:20")."""
    vt = {"type": list(value_type)} if len(value_type) > 1 else {"type": value_type[0]}
    line = {**_LINE, "properties": {**_LINE["properties"], "value": vt}}
    props = {
        "unit": {"type": "string", "minLength": 1},
        "value": vt,
        "stages": {"type": "array", "minItems": 1, "items": line},
        "required_stages": {"$ref": "#/$defs/terms"},
        "by_date": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False,
            "properties": {"from": _DATE, "until": _DATE, "value": vt,
                           "stages": {"type": "array", "minItems": 1, "items": line}}}},
        "effective": _DATE,
        "each_unit": {"type": "boolean"},
        "unstaged_for_all": {"type": "boolean"},
        "all_units_claims": {"$ref": "#/$defs/terms"},
        "group_claims": {"$ref": "#/$defs/terms"},
        "per_terms": {"$ref": "#/$defs/terms"},
        "other_bases": {"$ref": "#/$defs/terms"},
        "fail_terms": {"$ref": "#/$defs/terms"},
        "context_key": {"type": "string"},
        "note": {"$ref": "#/$defs/text"},
    }
    if comparator:
        props["comparator"] = {"enum": [">=", ">", "<=", "<"]}
    props.update(own or {})
    need = list(required)
    return {"type": "object", "additionalProperties": False, "required": need, "properties": props}


@dataclass(frozen=True)
class Line:
    stage: str
    terms: tuple[str, ...]
    value: float


@dataclass(frozen=True)
class Step:
    start: Optional[str]
    until: Optional[str]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class StagedSpec:
    comparator: str = ">="
    unit: str = ""
    lines: tuple[Line, ...] = ()
    steps: tuple[Step, ...] = ()
    required: tuple[str, ...] = ()
    each_unit: bool = False
    unstaged_for_all: bool = False
    all_units: tuple[str, ...] = ALL_UNITS
    group_claims: tuple[str, ...] = ()
    per_terms: tuple[str, ...] = ()
    other_bases: tuple[str, ...] = ()
    fail_terms: tuple[str, ...] = ()
    effective: Optional[str] = None
    context_key: str = ""
    note_zh: str = ""
    note_en: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def _safe(convert: Callable, v) -> Optional[float]:
    """A line's value, or None where it is not one (``block_problems`` reports it at its place)."""
    try:
        return convert(v)
    except (TypeError, ValueError):
        return None


def _lines(raw_lines, value, normalize, convert: Callable) -> tuple[Line, ...]:
    if raw_lines:
        out = [Line(str(x.get("stage", "")), tuple(normalize(x.get("terms") or [str(x.get("stage", ""))])),
                    _safe(convert, x.get("value"))) for x in raw_lines if isinstance(x, dict)]
        return tuple(ln for ln in out if ln.value is not None)
    if value is not None and _safe(convert, value) is not None:
        return (Line("", (), _safe(convert, value)),)
    return ()


def parse_block(block: dict, normalize, convert: Callable = float, **extra) -> StagedSpec:
    """The shared keys of a kind's block as a :class:`StagedSpec`; ``extra`` holds the kind's own."""
    lines = _lines(block.get("stages"), block.get("value"), normalize, convert)
    steps = tuple(Step(str(s["from"]) if "from" in s else None, str(s["until"]) if "until" in s else None,
                       _lines(s.get("stages"), s.get("value"), normalize, convert) or lines)
                  for s in block.get("by_date", []))
    note = block.get("note") or {}
    names = [ln.stage for ln in (lines or (steps[-1].lines if steps else ())) if ln.stage]
    return StagedSpec(
        comparator=block.get("comparator", ">="), unit=block.get("unit", ""), lines=lines, steps=steps,
        required=tuple(block.get("required_stages") or names), each_unit=bool(block.get("each_unit", False)),
        unstaged_for_all=bool(block.get("unstaged_for_all", False)),
        all_units=tuple(normalize(block["all_units_claims"])) if block.get("all_units_claims") else ALL_UNITS,
        group_claims=tuple(normalize(block.get("group_claims", []))),
        per_terms=tuple(normalize(block.get("per_terms", []))),
        other_bases=tuple(normalize(block.get("other_bases", []))),
        fail_terms=tuple(normalize(block.get("fail_terms", []))),
        effective=str(block["effective"]) if block.get("effective") else None,
        context_key=block.get("context_key", ""), note_zh=note.get("zh", ""), note_en=note.get("en", ""),
        extra=extra)


def block_problems(raw: dict, key: str, need_lines: bool = True, convert: Callable = float) -> list[Problem]:
    block = raw.get(key) or {}
    out = []
    values = [("value",), block.get("value")] if "value" in block else None
    found = ([values] if values else []) + \
        [[("stages", i, "value"), x.get("value")] for i, x in enumerate(block.get("stages") or []) if isinstance(x, dict)] + \
        [[("by_date", i, "value"), x.get("value")] for i, x in enumerate(block.get("by_date") or [])
         if isinstance(x, dict) and "value" in x]
    for where, v in found:
        try:
            convert(v)
        except (TypeError, ValueError):
            out.append(Problem((key,) + where, f"rule {raw['id']!r}: {key} value {v!r} is not a "
                               f"{'time of day' if convert is not float else 'number'}",
                               'write a number (a clock line as "08:20")', key="value"))
    if need_lines and "value" not in block and "stages" not in block and "by_date" not in block:
        out.append(Problem((key,), f"rule {raw['id']!r}: {key} needs a line: value, stages or by_date",
                           f"add value: … or stages: [{{stage: 小学, terms: [小学], value: …}}] under {key}",
                           key=key))
    for i, step in enumerate(block.get("by_date", [])):
        if "value" not in step and "stages" not in step and "value" not in block and "stages" not in block:
            out.append(Problem((key, "by_date", i), f"rule {raw['id']!r}: by_date step {i + 1} has no value",
                               "give the step a value or stages", key="by_date"))
    return out


# ---------------------------------------------------------------- years and lines
def _year(d: Optional[str]) -> Optional[int]:
    return int(d[:4]) if d else None


def line_sets(spec: StagedSpec, year: Optional[int]) -> list[tuple[Line, ...]]:
    """The line sets that apply to a report year (two when the year straddles a date step)."""
    if not spec.steps:
        return [spec.lines]
    if year is None:
        return [spec.steps[-1].lines]
    got = [s.lines for s in spec.steps
           if (s.start is None or _year(s.start) <= year) and (s.until is None or year <= _year(s.until))]
    return got or [spec.steps[-1].lines]


def passes(value: float, comparator: Optional[str], line: float, spec: StagedSpec) -> bool:
    if spec.comparator in ("<", "<=") and comparator in ("<", "<="):
        # "低于0.15" against "< 0.15", "不超过45人" against "≤ 45"
        return value < line or abs(value - line) < 1e-9 and (comparator == "<" or spec.comparator == "<=")
    return judge(value, comparator, Threshold(spec.comparator, line, spec.unit)) == "pass"


_DESCRIBED: dict = {}


def describe(spec: StagedSpec, year: Optional[int], lang: str = "zh", show=None) -> str:
    """The target for a report year, e.g. ``≥4.2 人/百名学生（小学）、≥5.3 人/百名学生（初中）``.

    Asked for every finding of every report: remembered per spec (held, so its id stays its own)."""
    key = (id(spec), year, lang, show.__code__ if show else None)
    hit = _DESCRIBED.get(key)
    if hit is not None and hit[0] is spec:
        return hit[1]
    if len(_DESCRIBED) > 4096:
        _DESCRIBED.clear()
    text = _describe(spec, year, lang, show)
    _DESCRIBED[key] = (spec, text)
    return text


def _describe(spec: StagedSpec, year: Optional[int], lang: str, show) -> str:
    sym = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}[spec.comparator]
    show = show or (lambda v: f"{v:g}")
    sets = line_sets(spec, year)
    parts = []
    for ln in sets[-1]:
        alt = [s for s in sets[:-1] for x in s if x.stage == ln.stage and x.value != ln.value]
        vals = "/".join([show(x.value) for s in sets[:-1] for x in s if x.stage == ln.stage and x.value != ln.value]
                        + [show(ln.value)]) if alt else show(ln.value)
        unit = spec.unit if spec.unit not in ("时刻", "比", "系数") else ""
        stage = (f"（{ln.stage}）" if lang == "zh" else f" ({ln.stage})") if ln.stage else ""
        parts.append(f"{sym}{vals}{(' ' + unit) if unit else ''}{stage}")
    return "、".join(parts) if lang == "zh" else ", ".join(parts)


# ---------------------------------------------------------------- binding
def stage_pairs(spec: StagedSpec, year: Optional[int]) -> list[tuple[str, tuple[str, ...]]]:
    seen, out = set(), []
    for s in line_sets(spec, year) + [spec.lines]:
        for ln in s:
            if ln.stage and ln.stage not in seen and ln.terms:
                seen.add(ln.stage)
                out.append((ln.stage, ln.terms))
    return out


class Spans(list):
    """The (start, end, names the anchor) spans of a sentence about a rule, in order, with indexes
    so that asking where a figure falls costs a bisection, not a walk over every clause."""

    def __init__(self, spans=()):
        super().__init__(spans)
        self.starts = [lo for lo, _, _ in self]
        self.anchored = [lo for lo, _, anchored in self if anchored]

    def holds(self, f: Figure) -> bool:
        k = bisect_right(self.starts, f.start) - 1
        return any(0 <= i < len(self) and self[i][0] < f.end and f.start < self[i][1] for i in (k, k + 1))

    def item_start(self, f: Figure) -> int:
        k = bisect_right(self.anchored, f.start) - 1
        return self.anchored[k] if k >= 0 else f.start


_ASKED = regexcache.compile(r"是否|能否|可否|有没有|是不是")
# A figure of a measured thing (people, space, money, equipment), not a share or a count of indicators.
_MEASURED = regexcache.compile(r"\d+(?:\.\d+)?\s*(?:人|名|平方米|㎡|m2|元|台|册|间|件|套)")


def bound_spans(rule: Rule, s: Sentence, ctx: Context, stage_terms: Iterable[str],
                extra_anchors: Iterable[str] = ()) -> Spans:
    """Spans of the sentence about the rule, (start, end, names the anchor): a clause naming its
    anchor, and the clauses after it that have no words of their own (``…小学4.8人，初中5.6人``)."""
    text = s.text
    extra_anchors = list(extra_anchors)
    stage_terms = list(stage_terms)
    out: list[tuple[int, int, bool]] = []
    bound = False
    own = anchors(rule)
    for c in clauses(text):
        if _ASKED.search(text, c.start, c.end):
            bound = False           # a question states nothing: "是否达到…", "…了吗?"
            continue
        if ctx.matcher.any(text, own, c.start, c.end):
            out.append((c.start, c.end, True))
            bound = True
        elif (extra_anchors and (any(t in text[c.start:c.end] for t in extra_anchors)
                                 or ctx.matcher.any(text, extra_anchors, c.start, c.end))):
            # a group's name (资源配置, 七项指标) binds a claim about the group ("资源配置7项指标校校达标"), not a
            # clause that measures one thing of it ("（一）资源配置每百名学生拥有高于规定学历教师数小学4.6人…", a
            # heading glued to its paragraph): that clause, and what goes on from it, is of that thing
            bound = not _MEASURED.search(text, c.start, c.end)
            if bound:
                out.append((c.start, c.end, True))
        elif bound and (own_words(text[c.start:c.end], stage_terms) <= 2 or is_remainder(text[c.start:c.end])
                        or carries_on_in_time(text, c.start, c.end)
                        or has_any(text[c.start:c.end], getattr(rule.spec, "all_units", ()))
                        or passed_of_all(text[c.start:c.end])):
            # "…小学4.8人，初中5.6人", the same at another time ("…为92%，今年实现全覆盖"), what is left undone ("…全覆盖，尚有1所学校未配备"), the
            # units it holds for ("…全部达到国家标准，所有学校均达标"), or how many do ("…，达标校数38/40")
            out.append((c.start, c.end, False))
        else:
            bound = False
    return Spans(out)


def in_spans(f: Figure, spans) -> bool:
    if isinstance(spans, Spans):
        return spans.holds(f)
    return any(lo < f.end and f.start < hi for lo, hi, _ in spans)


def narrowed_read(rule: Rule, item: str, f: Optional[Figure] = None) -> Optional["Read"]:
    """A note when what a figure (or an all-units claim) is about names only part of the area:
    "城区幼儿园师幼比1:12.6", "城区幼儿园所有班级…不超过25人" show nothing of the rural ones. The
    shared qualifiers of ``claims.NARROWING_SCOPES``, less those the rule's own words hold."""
    narrow = narrowed_words(item, rule)
    if not narrow:
        return None
    phrase = narrow[0]
    return Read(f, what="other", note_zh=f"只写了{phrase}，口径窄于本指标（须为全县）",
                note_en=f"only '{phrase}' is stated, a narrower base than the whole area")


# A claim of all hedged or cut down by the words before it: 基本实现每个乡镇…, 初步全面落实…,
# 大部分学校均达标 — roughly or partly all, which does not show every unit.
_HEDGED_ALL = regexcache.compile(r"(?:基本上?|初步|大体上?|总体上?|原则上|接近|几乎|几近|约为?|大约|(?:绝)?大(?:部分|多数)|多数)"
                                 r"(?:已经?)?(?:至少)?(?:实现|达到|全面|全部|落实|做到|覆盖|均|配齐|到位|百分之百|"
                                 r"配备|成立|建立|设立|设置|实行|开展|清零|消除|化解|全覆盖)")


def claim_of_all(rule: Rule, about: str) -> "Read":
    """The reading of an all-units claim: a note when it is hedged or names a part of the area."""
    hedge = _HEDGED_ALL.search(about)
    words = hedge.group(0) if hedge else rough_source(about)
    if words:
        return Read(None, what="other", note_zh=f"报告写明“{words}”，不能说明全部达到",
                    note_en=f"the report says '{words}', which does not show every unit")
    return narrowed_read(rule, about) or Read(None, what="claim", stage=_one_stage(rule.spec, about))


def _one_stage(spec: "StagedSpec", about: str) -> Optional[str]:
    """The one stage of the rule's that a claim of all names, when it names only one of several:
    "全县小学资源配置7项指标校校达标" is no claim about 初中 schools."""
    named = stages_in(about) & set(spec.required)
    return next(iter(named)) if len(named) == 1 and len(spec.required) > 1 else None


def stated_failure(spec: "StagedSpec", about: str) -> list["Read"]:
    """[a failing reading] when the text about the subject holds one of the rule's failure words
    (``fail_terms``: 未达标, 不足 …), else []."""
    bad = next((w for w in spec.fail_terms if w in about and not in_named_problem(about, about.find(w))), None)
    return [Read(None, None, "fail", f"报告写到“{bad}”", f"the report states '{bad}'")] if bad else []


def span_text(text: str, spans) -> str:
    return "，".join(text[lo:hi] for lo, hi, _ in spans)


def item_of(text: str, f: Figure, spans) -> str:
    """What a figure is about: from the last clause before it that names the anchor, to the figure
    (at most ``REACH`` characters before it, as a claim binds within reach)."""
    if isinstance(spans, Spans):
        start = spans.item_start(f)
    else:
        start = max((lo for lo, _, anchored in spans if anchored and lo <= f.start), default=f.start)
    return text[max(start, f.start - REACH):min(len(text), f.end + 3)]


def has_any(text: str, ws: Iterable[str]) -> bool:
    return any(w and w in text for w in ws)


def states_negation(text: str) -> bool:
    """Whether ``text`` holds a negation (NEGATIONS), not counting those inside the name of a problem it
    takes on ("针对“专用教室不足”问题，…所有学校均配备…")."""
    return has_any(without_named_problems(text), NEGATIONS)


def all_units_claim(spec: StagedSpec, text: str, rule: Optional[Rule] = None) -> bool:
    """Whether ``text`` claims that every unit of the area meets it, in one of the spec's phrases —
    or, for a rule that keeps the default phrases, in general words: each school, its measure, then
    均/都 and a verb of meeting ("各校生均教学及辅助用房面积均达到国家标准", "全县每所学校…均在0.9人以上")."""
    if all_units_in(text, spec.all_units, rule):
        return True
    passed = passed_of_all(text)
    if passed and passed[0] == passed[1]:
        return True         # "达标校数40/40": every school of the table's count
    extreme = _EXTREME_ALSO.search(text) or _EXTREME_ACROSS.search(text)
    if extreme and (extreme.group(1) in EXTREME_LOW) == (spec.comparator in (">=", ">")):
        return True         # "生均公用经费最低的学校也达到700元", "各校…最低为1.1人": every school is at or above it
    if spec.comparator in ("<=", "<") and not exceptions_in(text) and any(
            _claims_all_at(text, m.start(), m.end(), rule) for m in _EACH_WITHIN.finditer(text)):
        return True         # "小学班额均不超过45人": each class within the limit (not "新建学校所有班级…")
    return spec.all_units == ALL_UNITS and each_school_meets(text, rule)


def each_school_meets(text: str, rule: Optional[Rule] = None) -> bool:
    """Whether ``text`` says in general words that each school meets it ("全县36所学校…均达到国家标准",
    "所有小学、初中…均在0.9人以上", "校校达标"), not cut down, denied or hedged, and leaving none out."""
    return not exceptions_in(text) and any(
        _claims_all_at(text, m.start(), m.end(), rule) for m in _EACH_SCHOOL_MEETS.finditer(text))


# The extreme school meets the line, so every one does: "最低的学校也达到700元", "班额最大的也不超过45人".
_EXTREME_ALSO = regexcache.compile(r"(最低|最少|最小|最差|最高|最大|最多)的[^,，。；;]{0,10}?也(?:已经?)?(?:达到|达|在|有|不超过|不低于|不少于|控制在)")
# The extreme across the units named before it: "各义务教育学校…最低为1.1人", "所有班级中最大班额为45人".
_EXTREME_ACROSS = regexcache.compile(r"(?:各|所有|全部|每所)[^,，。；;]{0,30}?(最低|最少|最小|最高|最大|最多)(?:值|的)?(?:为|是|达到|在)")
# Each unit within an upper limit, 均/都 right before the limit's words: "班额均不超过45人", "规模均控制在2000人以内".
# "所有小学班级学生数不超过45人": all the units (a stage may stand between), then the limit.
_EACH_WITHIN = regexcache.compile(r"(?:均|都|全部)(?:已经?)?(?:不超过|不高于|不多于|控制在|保持在|在\s*\d+\s*人以(?:内|下))"
                                  r"|(?:所有|全部)[^,，。；;]{0,12}?(?:班级|学校)[^,，。；;\d]{0,10}?(?:不超过|不高于|不多于|控制在)"
                                  # 班额 is each class's size: "班额小学控制在45人以内" (not 平均班额, see _claims_all_at)
                                  r"|班额[^,，。；;\d]{0,6}?(?:控制在|不超过|不高于)")
# Each school (not 各类学校), up to 24 characters of its measure, then each of them meets a line.
# (not 超过/高于: "均超过45人" is no claim that a limit is kept; the figure is judged on its own)
# (the area's schools may be counted, or named by their stages: "全县36所学校…均达到", "所有小学、初中…均在")
_EACH_SCHOOL_MEETS = regexcache.compile(
    r"(?:(?:各校|各学校|各中小学|各义务教育学校|每所学校|每一所学校|(?:所有|全部|全县|全区|全市|全旗)(?:\s*\d+\s*所)?(?:义务教育)?"
    r"(?:学校|中小学|小学[、和及]初中|小学和初中))"
    r"[^，。；;,：:！？!?]{0,24}?(?:均|都|全部)|校校)(?:已经?)?(?:达到|达标|符合|不低于|不少于|不超过|控制在|在|"
    r"有(?=\s*[\d一二三四五六七]+\s*项))")     # ("均有6项以上达标": of a composite's items)


def all_units_in(text: str, phrases: Iterable[str], rule: Optional[Rule] = None, parts: bool = False) -> bool:
    """Whether ``text`` claims that every unit (school, class, kindergarten) of the area meets it:
    one of ``phrases``, not cut down, denied or hedged (see _PART_BEFORE), not the name of a rate
    (校校达标率为94%), in a sentence that leaves no unit out (除3所村小外, 教学点除外, 不含教学点).
    ``parts``: a stage, place or kind of school before it in its clause (claims.UNIT_PART_WORDS: 初中,
    城区, 公办 …, not the rule's own) cuts it down too — for a target every school of the area is held to,
    where no stage line takes such a claim."""
    if exceptions_in(text):
        return False
    for phrase in phrases:
        i = text.find(phrase)
        while i >= 0:
            if _claims_all_at(text, i, i + len(phrase), rule, parts):
                return True
            i = text.find(phrase, i + 1)
    return False


def every_unit_in(text: str, per: str, rule: Optional[Rule] = None, within=None) -> bool:
    """Whether ``text`` claims, in general words (claims.every_unit_spans), that every unit a target
    per ``per`` counts does the work — with the guards of :func:`all_units_in` and its ``parts``.
    ``within``: the rule's spans of ``text`` (bound_spans); a claim must end in one of them, so that
    the units may be counted in the clause before ("全县中小学126所，均聘任了法治副校长")."""
    if exceptions_in(text):
        return False
    return any(_claims_all_at(text, lo, hi, rule, True) for lo, hi in every_unit_spans(text, per)
               if within is None or any(a < hi <= b for a, b, *_ in within))


def _claims_all_at(text: str, i: int, end: int, rule: Optional[Rule], parts: bool = False) -> bool:
    """Whether the all-units words at text[i:end] stand: not cut down, denied or hedged."""
    if text.startswith("平均", max(0, i - 2)) or (text.startswith("均", i) and i > 0 and text[i - 1] in _AVERAGE_BEFORE):
        return False        # an average: "平均每所中小学配备1.2名", "校均配备专职保安2.3名"
    cut = _CLAUSE_END.search(text, max(0, i - 24), i)
    lo = cut.end() if cut else max(0, i - 24)
    head = text[lo:i]
    if parts:
        # the units' words may stand after the phrase too ("全县100%的初中配备了…"), within its clause
        stop = _CLAUSE_STOP.search(text, end, end + 8)
        hi = stop.start() if stop else end + 8
        cut_by = {m.group(0) for m in UNIT_PART_WORDS.finditer(text, lo, hi) if not _own_part(rule, m.group(0))}
        if cut_by and cut_by <= _STAGE_PARTS and _stages_whole(rule, text[lo:hi], cut_by):
            cut_by = set()      # "所有小学、初中均…": the stages named together are the rule's whole base
        if cut_by:
            return False
    hedge = _HEDGE_END.search(head)
    if hedge:
        return False        # "7项指标基本校校达标", "几乎所有学校"
    return not (_PART_BEFORE.search(head) or _DENIED_BEFORE.search(head) or narrowed_words(head + text[i:end], rule)
                or _QUALIFIED_AFTER.match(text, end) or denied_after(text, end, _CLAUSE_LEN)
                or NOT_DONE_AFTER.match(text, end))      # "所有学校均发生过…", "…均需要增配…"


_STAGE_PARTS = {"小学", "初中", "高中", "中学"}


def _stages_whole(rule: Optional[Rule], item: str, named: set) -> bool:
    """Whether the stages named as the units (``named``: 小学, 初中 …) together make the rule's whole base:
    those of its threshold's base when it names one (stage_part), else primary and junior both
    ("所有小学、初中均按每12个班级配备…"; not "义务教育阶段的62所小学均…")."""
    if rule is None or not {"小学", "初中"} <= named:
        return False
    return stage_part(rule, item) is None if base_of(rule) else True
_AVERAGE_BEFORE = set("人户平")      # 人均, 户均, 平均 (校均 reads like 学校均: a fraction tells it, see per_unit)
_HEDGE_END = regexcache.compile(r"(?:基本上?|总体上?|大体上?|初步|几乎|接近|近乎)(?:已经?)?(?:均|都|全部)?\s*$")


def _own_part(rule: Optional[Rule], word: str) -> bool:
    """Whether a part word (初中, 城区, 公办 …) is the rule's own: its words, title or met_when name it —
    a stage named alone, not inside 中小学 (a rule on 中小学 does not make 小学 its own)."""
    if rule is None:
        return False
    if word in ("小学", "中学"):
        return word in " ".join((*rule.terms, rule.title_zh, rule.met_when_zh)).replace("中小学", "")
    return own_scope(rule, word)


_CLAUSE_LEN = 24      # how far after an all-units phrase its denial is read ("所有学校均达到国家标准尚有差距")


def denied_after(text: str, end: int, reach: int):
    """The words, within ``reach`` characters after ``end`` in its clause, that deny what comes
    before: "…的目标尚未实现", "…落空" (claims.MISSED_AFTER), "…仍有差距", "…还需努力"
    (quantities.PENDING_AFTER)."""
    stop = _CLAUSE_STOP.search(text, end, end + reach + 12)
    hi = stop.start() if stop else min(len(text), end + reach + 12)
    for k in range(end, min(hi, end + reach) + 1):
        m = MISSED_AFTER.match(text, k, hi) or PENDING_AFTER.match(text, k, hi)
        if m:
            return m
    return None


def narrowed_words(text: str, rule: Optional[Rule] = None) -> list[str]:
    """The narrowing qualifiers (城区学校, 中心校…) written in ``text``, less the rule's own (乡镇 for a
    rule about townships)."""
    return [phrase for word, phrase in scopes_in(text) if rule is None or not (own_scope(rule, word) or _stage_word(rule, word))]


def _stage_word(rule: Rule, word: str) -> bool:
    """Whether ``word`` names one of the rule's own stages (小班 for a rule with lines for 小班/中班/大班)."""
    spec = rule.spec
    return isinstance(spec, StagedSpec) and any(word in t for _, ts in stage_pairs(spec, None) for t in ts)


# ---------------------------------------------------------------- observing
@dataclass
class Read:
    """One reading of a sentence by a kind: a figure to compare, or a note on why it cannot be."""

    fig: Optional[Figure]
    value: Optional[float] = None          # in the rule's unit
    what: str = "value"                    # value | other | claim | fail
    note_zh: str = ""
    note_en: str = ""
    stage: Optional[str] = None


def judge_reads(rule: Rule, doc: Document, ctx: Context,
                reads: Callable[[Rule, Sentence, Context, str], list[Read]],
                show: Callable[[float], str] = lambda v: f"{v:g}") -> list[Observation]:
    """Compare every reading with the lines of its stage, then combine the stages (module doc)."""
    spec: StagedSpec = rule.spec
    sets = pairs = None     # worked out at the first sentence: most reports mention few rules
    early = spec.effective and doc.year is not None and doc.year < int(spec.effective[:4])
    raw: list = []
    for s, mod in mentioning(rule, doc, ctx, raw):
        if sets is None:
            sets, pairs = line_sets(spec, doc.year), stage_pairs(spec, doc.year)
        text = s.text
        rs = reads(rule, of_the_year(s, doc.year), ctx, mod)
        starts: list[int] = []
        # once per sentence; a preliminary count ("据初步统计") does not show every unit
        rough = rough_source(text) if spec.each_unit else None
        every_unit = spec.each_unit and all_units_claim(spec, text, rule) and not rough
        for r in rs:
            if r.what == "other":
                raw.append(Observation(s, mod, "unquantified", None, None, r.note_zh, r.note_en, reason="other-base"))
                continue
            if r.what == "fail":
                raw.append(Observation(s, mod, "fail", r.value, r.fig.unit if r.fig else None,
                                       r.note_zh, r.note_en, reason="figure"))
                continue
            if r.what == "pass":
                raw.append((Observation(s, mod, "pass", r.value, None, reason="figure"), {r.stage}))
                continue
            if r.what == "claim" and (left_out := exceptions_in(text)):
                # "除委托配餐的学校外，全县学校全面落实…": all but some is not all
                raw.append(Observation(s, mod, "unquantified", None, None,
                                       f"报告写明“{left_out[0]}”，不能说明全部达到",
                                       f"the report says '{left_out[0]}': not every unit", reason="other-base"))
                continue
            if r.what == "claim":
                obs = Observation(s, mod, "pass", reason="coverage")
                cue = in_progress(rule, s, ctx)      # "积极推进城乡统一的…编制标准落地": under way
                raw.append((under_way(obs, cue) if cue else obs,
                            {r.stage} if r.stage else {ln.stage for ln in sets[-1]}))
                continue
            stage = r.stage
            if stage is None and pairs and r.fig is not None:
                stage = stage_of(text, r.fig.start, pairs, starts)
            if r.fig is not None:
                starts.append(r.fig.start)
            every = stage == "*"
            if every:
                stage = None
            cmp_ = r.fig.comparator if r.fig else None
            results = []
            for lines in sets:
                mine = [ln for ln in lines if stage is None or not ln.stage or ln.stage == stage]
                if not mine:
                    continue
                results.append([(ln.stage, passes(r.value, cmp_, ln.value, spec)) for ln in mine])
            if not results:
                continue      # a figure of a stage this rule has no line for
            ok_sets = [res for res in results if all(p for _, p in res)]
            value, unit = r.value, spec.unit
            # a figure without a stage is ambiguous when the stages' lines differ
            staged = len({ln.value for lines in sets for ln in lines if ln.stage}) > 1
            if ok_sets and stage is None and staged and not (every or spec.unstaged_for_all):
                # "全面落实8000元生均公用经费标准": which stage (or which school type) is it?
                raw.append(Observation(s, mod, "unquantified", value, unit,
                                       f"{show(value)}未写明学段，无法与分学段的目标比较",
                                       f"{show(value)} names no stage, and the target differs by stage",
                                       reason="other-base"))
            elif ok_sets:
                covered = {st for st, _ in ok_sets[0]}
                if early:
                    raw.append(Observation(s, mod, "unquantified", value, unit, *_early(spec), reason="other-base"))
                elif rough:
                    raw.append(Observation(s, mod, "unquantified", value, unit,
                                           f"报告写明“{rough}”，不能说明各校均达到",
                                           f"the report says '{rough}': it does not show that every school does",
                                           reason="other-base"))
                elif spec.each_unit and not every_unit:
                    raw.append(Observation(
                        s, mod, "unquantified", value, unit,
                        f"{show(value)}是县域（平均）数字，本指标要求每所学校达到：请写明各校均达到",
                        f"{show(value)} is a county figure; every school must meet this standard: state that each school does",
                        reason="other-base"))
                else:
                    raw.append((Observation(s, mod, "pass", value, unit, reason="figure"), covered))
            elif cmp_ == "~" and all(not p for res in results for _, p in res) and any(
                    judge(r.value, cmp_, Threshold(spec.comparator, ln.value, spec.unit)) == "unquantified"
                    for lines in sets for ln in lines if stage is None or not ln.stage or ln.stage == stage):
                # "基本均达到1人以上" against ≥ 1: roughly at the line, maybe at it, maybe under
                shown = r.fig.text if r.fig else show(value)
                raw.append(Observation(s, mod, "unquantified", value, unit, f"报告写明{shown}，无法确认是否达到",
                                       f"the report states {shown}, which may or may not meet the target",
                                       reason="bound"))
            elif all(not p for res in results for _, p in res):
                if early:
                    raw.append(Observation(s, mod, "unquantified", value, unit, *_early(spec), reason="other-base"))
                else:
                    raw.append(Observation(s, mod, "fail", value, unit, reason="figure"))
            else:
                raw.append(Observation(s, mod, "unquantified", value, unit,
                                       "数字未写明学段，无法与分学段的目标比较",
                                       "the figure names no stage, and the target differs by stage", reason="other-base"))
        if not rs:
            raw.append(Observation(s, mod, "unquantified", reason="mention", note_zh=spec.note_zh, note_en=spec.note_en))
    return _require_stages(raw, spec)


def _early(spec: StagedSpec) -> tuple[str, str]:
    return (f"该标准自{spec.effective}起施行，报告年份早于施行日期", f"the standard applies from {spec.effective}, after the report year")


def _require_stages(raw: list, spec: StagedSpec) -> list[Observation]:
    covered: dict[str, set] = {}
    for o in raw:
        if isinstance(o, tuple):
            covered.setdefault(o[0].modality, set()).update(o[1])
    need = set(spec.required)
    out = []
    for o in raw:
        if not isinstance(o, tuple):
            out.append(o)
            continue
        obs, _ = o
        have = covered.get(obs.modality, set())
        if "" in have:
            have = need
        lacking = [st for st in spec.required if st not in have]
        if lacking:
            got = [st for st in spec.required if st in have]
            obs = replace(obs, outcome="unquantified", reason="parts",
                          note_zh=f"只写了{'、'.join(got) or '部分学段'}，未写{'、'.join(lacking)}",
                          note_en=f"only {', '.join(got) or 'some stages'} stated; {', '.join(lacking)} missing")
        out.append(obs)
    return out


def _named_after_only(text: str, f: Figure, ctx: Context, names) -> bool:
    """Whether the rule's measure is named in the figure's clause only after it, past a 、 — the figure is
    the value of the listed item before ("A 6.4平方米、B 11.0平方米" for B)."""
    lo, hi = clause_around(text, f.start, f.end)
    comma = text.find("、", f.end, hi)
    if comma < 0 or ctx.matcher.any(text, names, lo, f.start):
        return False
    # the measure named in the next item, before its own figure (not "小学1000元、初中1250元的标准发放…补助")
    digit = _DIGIT.search(text, comma, hi)
    return ctx.matcher.any(text, names, comma, digit.start() if digit else hi)


_DIGIT = regexcache.compile(r"\d")
_SCHOOLS_COUNTED = regexcache.compile(r"\s*(?:义务教育|公办|民办)?(?:学校|中小学|小学|初中|中学|幼儿园|校|乡镇)")


def standard_reads(rule: Rule, s: Sentence, ctx: Context, figures: Callable[[str], list[Figure]],
                   accept: Callable[[Figure, str], Optional[float]], base_note: tuple[str, str],
                   total_note: Optional[Callable[[Figure], tuple[str, str]]] = None) -> list[Read]:
    """Readings for a figure kind: figures in the rule's spans that ``accept`` turns into a value in
    the rule's unit; a figure in the spans on another base (``other_bases``, or without
    ``per_terms``) is a note; counts of failing units and all-schools claims are read too."""
    spec: StagedSpec = rule.spec
    text = s.text
    stage_terms = [t for _, ts in stage_pairs(spec, None) for t in ts]
    spans = bound_spans(rule, s, ctx, stage_terms, spec.group_claims)
    out: list[Read] = []
    if not spans:
        return out
    about = span_text(text, spans)
    stated = stated_failure(spec, about)
    if stated:
        return stated
    fu = failing_units(about)
    if fu is not None and fu.value > 0:
        return [Read(fu, fu.value, "fail", f"有{fu.text}（每校均须达到）", f"{fu.text}: some units miss the standard")]
    past = past_levels(text)
    figs = [f for f in figures(text) if in_spans(f, spans) and not any(lo <= f.start < hi for lo, hi in past)]
    own_names = anchors(rule)
    for f in figs:
        if f.unit in ("所", "个") and _SCHOOLS_COUNTED.match(text, f.end):
            continue          # "全县36所学校…均达到": the schools counted, no value of the standard
        if _named_after_only(text, f, ctx, own_names):
            continue          # "…辅助用房面积6.4平方米、生均体育运动场馆面积11.0平方米": the figure is the item before
        item = item_of(text, f, spans)
        other = next((o for o in spec.other_bases if o in item), None)
        if other:
            out.append(Read(f, what="other", note_zh=f"“{other}”与本指标口径不同（{f.text}）",
                            note_en=f"'{other}' is another base than this target's ({f.text})"))
            continue
        narrow = narrowed_read(rule, item, f)
        if narrow:
            out.append(narrow)
            continue
        if framed_target(text, clause_around(text, f.start, f.start)[0], f.start, f.end):
            continue          # "按照1:15的师幼比标准，新招聘…": the standard worked to, not the level
        denied = denied_after(text, f.end, 8)
        if denied:
            # "师幼比1:12.6的目标尚未实现", "…1:12.6仍有差距": the figure is what is not reached
            out.append(Read(f, None, "fail", f"报告写明{text[f.start:denied.end()]}",
                            f"the report states {text[f.start:denied.end()]}"))
            continue
        value = accept(f, item)
        if value is None:
            continue
        if isinstance(value, tuple):          # (zh, en): the kind knows the figure is on another base
            out.append(Read(f, what="other", note_zh=value[0], note_en=value[1]))
            continue
        if spec.per_terms and not has_any(item, spec.per_terms) and not isinstance(value, WrittenPerUnit):
            zh, en = total_note(f) if total_note else base_note
            out.append(Read(f, what="other", note_zh=zh, note_en=en))
            continue
        out.append(Read(f, value))
    if not out and all_units_claim(spec, about, rule) and not states_negation(about):
        out.append(claim_of_all(rule, about))
    return out


def part_before(rule: Rule, text: str, pos: int) -> Optional[str]:
    """A stage, place or kind of school (claims.UNIT_PART_WORDS, not the rule's own) written in the clause
    before ``pos``: "其中初中学校法治副校长配备率100%" is about the 初中 schools only."""
    return next((m.group(0) for m in UNIT_PART_WORDS.finditer(text, clause_around(text, pos, pos)[0], pos)
                 if not _own_part(rule, m.group(0))), None)


class WrittenPerUnit(float):
    """A value its kind saw written per unit in a way ``per_terms`` does not list ("5元/生·天",
    "1000元（每生每年）"): ``accept`` returns it so, and it is not taken for a total."""


def meaning_met(rule: Rule, target: str, zh: bool) -> str:
    spec: StagedSpec = rule.spec
    stages = "、".join(spec.required)
    each = ("；每所学校都须达到：县域平均数字须同时写明各校均达到（所有学校均达到、校校达标）" if zh
            else "; every school must meet it: a county figure counts only with a claim that each school does") \
        if spec.each_unit else ""
    st = (f"；{stages}均须写到" if zh else f"; every stage ({stages}) must be stated") if len(spec.required) > 1 else ""
    plan = PLAN_COUNTS[0 if zh else 1]
    return (f"已完成的数字达到{target}{st}{each}；{plan}" if zh else f"an achieved figure meets {target}{st}{each}; {plan}")


def meaning_unverified(rule: Rule, zh: bool, extra: Iterable[str] = ()) -> str:
    spec: StagedSpec = rule.spec
    why = list(extra)
    if spec.per_terms:
        why.append(f"总量而非{words(spec.per_terms, 3)}口径的数字" if zh else f"a total, not a figure {'/'.join(spec.per_terms[:3])}")
    if spec.other_bases:
        why.append(f"口径不同（{words(spec.other_bases, 3)}）" if zh else f"another base ({', '.join(spec.other_bases[:3])})")
    if len(spec.required) > 1:
        why.append("只写了一个学段" if zh else "only one stage stated")
    if spec.each_unit:
        why.append("只有县域平均数、未写明各校均达到" if zh else "a county average without a claim for every school")
    return ("提到了，但无法判断：" + "；".join(why)) if zh else ("mentioned, but it cannot be judged: " + "; ".join(why))


def show_number(v: float) -> str:
    if abs(v) >= 1e6:
        s = f"{v:.2f}".rstrip("0").rstrip(".")
        return s
    return f"{v:g}"


__all__ = ["ALL_UNITS", "Line", "Read", "StagedSpec", "Step", "block_problems", "block_schema", "bound_spans",
           "all_units_in", "claim_of_all", "every_unit_in", "clock_text", "describe", "judge_reads", "line_sets", "meaning_met",
           "meaning_unverified", "narrowed_read", "parse_block", "standard_reads"]


class StagedKind(Kind):
    """The shape every 督导 indicator kind of a per-pupil (or per-100) figure shares: a block of lines
    by stage under the kind's own key (``area:``, ``money:`` …), read by :func:`judge_reads`. A
    subclass says what makes a figure its kind's (``PER``: 生均, 每百名 …), what a total is called
    (``TOTAL_NAME``, for ``explain``) and how a sentence is read (:meth:`reads`)."""

    SUBJECT_FIELDS = ("anchor",)
    PER: tuple = ()
    TOTAL_NAME: tuple = ("", "")       # (中文, English): the other base a total is, for explain

    def parse_extra(self, block: dict) -> dict:
        """Settings of the kind's own beside the lines (money: its period)."""
        return {}

    def parse(self, raw: dict, normalize):
        block = dict(raw.get(self.NAME) or {})
        block.setdefault("per_terms", list(self.PER))
        return parse_block(block, normalize, **self.parse_extra(block))

    def problems(self, raw: dict):
        return block_problems(raw, self.NAME)

    def terms(self, rule: Rule):
        return [t for _, ts in stage_pairs(rule.spec, None) for t in ts]

    def target_text(self, rule: Rule, year, lang: str) -> str:
        return describe(rule.spec, year, lang)

    def observe(self, rule: Rule, doc, ctx: Context):
        return judge_reads(rule, doc, ctx, self.reads)

    def reads(self, rule: Rule, s: Sentence, ctx: Context, mod: str) -> list:
        raise NotImplementedError

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return meaning_met(rule, target, zh)

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return meaning_unverified(rule, zh, [self.TOTAL_NAME[0] if zh else self.TOTAL_NAME[1]])
