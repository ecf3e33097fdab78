"""Plain dataclasses passed between the pipeline stages.

reading (load → normalize → structure) → language (quantities, claims) → packs and kinds →
evaluate → score → render; docs/pipeline.md draws the folders. Each stage takes the previous
stage's objects and returns its own; none reaches into another stage's internals. Offsets are
indices into the *normalized* text unless a name says otherwise.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

STATUSES = ("met", "unmet", "planned", "unverified", "missing")

STDIN_PATH = "-"                         # the path that reads standard input
STDIN_NAME = "<stdin>"                   # how standard input is named in reports and messages
STDIN_NAMES = (STDIN_PATH, STDIN_NAME)   # a report path that is standard input, not a file


# ---------------------------------------------------------------- load
@dataclass(frozen=True)
class SourceText:
    """A decoded input file, exactly as the user wrote it."""

    path: str                 # as given on the command line
    text: str                 # decoded text, line breaks normalised to "\n"
    encoding: str             # codec that decoded it ("utf-8", "utf-8-sig", "gb18030", "utf-16")
    line_label: str = "line"  # what a "line" is for this container ("line", "paragraph")
    line_map: tuple = ()      # source line of each text line when they differ (.html); () = the same

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


# ---------------------------------------------------------------- normalize
@dataclass(frozen=True)
class NormalizedText:
    """Text ready for matching (NFKC, pinyin removed, Simplified script) with a map back.

    ``origin[i]`` is the offset in ``source.text`` of the character that produced normalized
    character ``i``; ``len(origin) == len(text)``.
    """

    text: str
    origin: Sequence[int]         # an array of ints: a tuple would cost ~8× the memory
    source: SourceText
    line_starts: tuple[int, ...]  # offsets in source.text where each original line starts
    # spans of source.text left out as layout: line breaks inside a sentence, page numbers
    breaks: tuple[tuple[int, int], ...] = ()

    def original_offset(self, i: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(max(i, 0), len(self.origin) - 1)]

    def line_of(self, i: int) -> int:
        """1-based original line number of normalized offset ``i``."""
        origin = self.origin
        return bisect_right(self.line_starts, origin[min(max(i, 0), len(origin) - 1)] if origin else 0)

    def original_line(self, line: int) -> str:
        return self.source.lines[line - 1]

    def original_text(self, a: int, b: int) -> str:
        """``source.text[a:b]`` without the layout breaks inside it: a wrapped sentence, whole."""
        if not self.breaks:
            return self.source.text[a:b]
        out, pos = [], a
        k = max(bisect_left(self.breaks, (a, 0)) - 1, 0)
        for lo, hi in self.breaks[k:]:
            if lo >= b:
                break
            if hi <= pos:
                continue
            out.append(self.source.text[pos:max(lo, pos)])
            pos = max(pos, hi)
        out.append(self.source.text[pos:b])
        return "".join(out)

    def original_paragraph(self, line: int) -> str:
        """The original line, with the lines the layout broke off it joined back."""
        a = self.line_starts[line - 1]
        end = self.source.text.find("\n", a)
        end = len(self.source.text) if end < 0 else end
        k = bisect_left(self.breaks, (end + 1, 0)) - 1
        while 0 <= k < len(self.breaks) and self.breaks[k][0] <= end < self.breaks[k][1]:
            nxt = self.source.text.find("\n", self.breaks[k][1])
            end = len(self.source.text) if nxt < 0 else nxt
            k = bisect_left(self.breaks, (end + 1, 0)) - 1
        return self.original_text(a, end)


# ---------------------------------------------------------------- structure
@dataclass(frozen=True)
class Section:
    heading: str              # normalized heading text ("" for the preamble)
    level: int                # 0 title/preamble, 1 一、, 2 (一), 3 1., 4 (1)
    start: int                # normalized offset of the heading
    line: int                 # original line of the heading
    modality: Optional[str]   # modality the heading sets, or None to inherit
    year: Optional[int]       # a year the heading names, if any


@dataclass(frozen=True)
class Sentence:
    text: str                 # normalized text of the sentence
    start: int                # normalized offset of text[0]
    line: int                 # original 1-based line where it starts
    modality: str             # achieved | planned | problem
    section: Section
    heading_path: tuple[str, ...] = ()   # headings above it, outermost first (normalized)
    inherited: str = ""                  # the modality its section gives it
    problem_cue: Optional[tuple[int, int]] = None   # span of its own problem word (尚未, 难以…)
    # spans of words saying work is under way, not done (探索, 试点, 正在, 启动, 积极创建…)
    progress_cues: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Document:
    path: str
    kind: str                 # summary | plan | mixed
    year: Optional[int]       # the year the work was done (plan: the plan year)
    title: str
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    normalized: NormalizedText


# ---------------------------------------------------------------- quantities
@dataclass(frozen=True)
class Quantity:
    """A number written in the text, with what it measures."""

    value: float
    unit: Optional[str]         # "%", "个百分点", "人", "名", "所", "万元", "小时" ...; None if bare
    start: int                  # offsets into the string that was parsed
    end: int
    text: str                   # the matched source span
    comparator: Optional[str] = None   # ">=", ">" (超过/余), "<=", "<" (不足/未达到), "~" (约), "~<" (近) or None (exact)
    high: Optional[float] = None       # upper end of a range ("3-5所")
    kind: str = "number"               # number | percent | ordinal | year | date | composite
    count: Optional[int] = None        # composite labels: 四个100% → count=4, value=100


# ---------------------------------------------------------------- packs
_UNIT_EN = {"小时": "h", "分钟": "min", "个百分点": "pp", "人": "people", "名": "people", "人次": "person-times",
            "所": "schools", "家": "institutions", "个": "", "元": "yuan", "项": "items"}


def unit_name(unit: Optional[str], lang: str) -> str:
    """A unit as shown to a reader of ``lang`` (packs write units in Chinese)."""
    if not unit:
        return ""
    return _UNIT_EN.get(unit, unit) if lang == "en" else unit


def show_number(v: float) -> str:
    """A number as ``{:g}`` writes it, but never in exponent form: 120000000 stays 120000000 (not
    1.2e+08)."""
    if v == 0 or 1e-4 <= abs(v) < 1e6:
        return f"{v:g}"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".") if abs(v) >= 1 else f"{v:.8f}".rstrip("0")


def show_value(v: Optional[float], unit: Optional[str], lang: str = "zh", space: bool = False) -> str:
    """A finding's value with its unit, as a reader expects it: 8:20 for a time of day (kept in
    minutes), 1:15 for a staffing ratio, 1.2亿元 for a large sum; ``space`` puts a space before a
    word unit (terminal tables)."""
    if v is None:
        return ""
    if unit == "时刻":
        return f"{int(v) // 60}:{int(v) % 60:02d}"
    if unit == "比":
        return f"1:{show_number(v)}"
    if unit == "系数":
        return show_number(v)
    if unit == "元" and v >= 1e8 and v % 1e6 == 0:
        return f"{show_number(v / 1e8)}亿元" if lang != "en" else f"{show_number(v / 1e8)}亿 yuan"
    if unit == "元" and v >= 1e6 and v % 100 == 0:
        return f"{show_number(v / 1e4)}万元" if lang != "en" else f"{show_number(v / 1e4)}万 yuan"
    name = unit_name(unit, lang)
    return f"{show_number(v)}{' ' if space and name not in ('%', '') else ''}{name}"


@dataclass(frozen=True)
class Threshold:
    comparator: str             # ">=", ">", "<=", "<", "=="
    value: float
    unit: str
    base: Optional[str] = None
    note_zh: str = ""
    note_en: str = ""

    def describe(self, lang: str = "zh") -> str:
        sym = {">=": "≥", "<=": "≤", "==": "=", ">": ">", "<": "<"}[self.comparator]
        num = f"{self.value:g}"
        unit = unit_name(self.unit, lang)
        return f"{sym}{num}{unit}" if unit == "%" else f"{sym}{num} {unit}".strip()

    def passes(self, value: float) -> bool:
        return {
            ">=": value >= self.value - 1e-9,
            ">": value > self.value,
            "<=": value <= self.value + 1e-9,
            "<": value < self.value,
            "==": abs(value - self.value) < 1e-9,
        }[self.comparator]


@dataclass(frozen=True)
class Example:
    text: str
    status: str
    kind: str = "summary"
    year: Optional[int] = None
    context: Optional[dict] = None


@dataclass(frozen=True)
class Subject:
    """The words that say a sentence is about a rule's subject (``subject:`` in a pack)."""

    terms: tuple[str, ...]                        # any one names the subject (whole words)
    anchor: tuple[str, ...] = ()                  # words a figure's item must name (default: terms)
    all_of: tuple[tuple[str, ...], ...] = ()      # groups that must also occur
    within: str = "sentence"                      # where all_of must occur: sentence | clause
    context: tuple[str, ...] = ()                 # words in the sentence or a heading above it
    exclude: tuple[str, ...] = ()                 # phrases whose terms are no mention
    labels: tuple[str, ...] = ()                  # composite labels that stand for the target (两个全覆盖)
    broad: tuple[str, ...] = ()                   # terms naming the whole sector (特殊教育), not the target…
    broad_with: tuple[str, ...] = ()              # …which mention it only beside one of these (入学, 提升计划)


@dataclass(frozen=True)
class Metric:
    """What a figure must measure to be compared with the target (``metric:`` without the threshold)."""

    terms: tuple[str, ...] = ()             # the figure's item must name one (毛入园率, 巩固率)
    other_bases: tuple[str, ...] = ()       # rates of something else (参与率 for a coverage target)
    narrower_scopes: tuple[str, ...] = ()   # part of the base only (城区, 试点校)
    full_coverage: Optional[bool] = None    # whether 全覆盖/全部 counts as 100% (default: a 100% target)
    count_units: tuple[str, ...] = ()       # a count in these units is compared too (压减12家 against >0)
    change: Optional[str] = None            # fall | rise: the target is a change between two levels
    base_scopes: tuple[str, ...] = ()       # qualifiers the target's own base is written with (公办)
    rates: tuple[str, ...] = ()             # rate nouns that are the rule's own (完成率)
    base_terms: tuple[str, ...] = ()        # words the total of a computed ratio must name


@dataclass(frozen=True)
class InForce:
    """From when a rule applies (``in_force:`` in a pack), and until when for a one-off step.

    ``from_year`` is the year of ``from`` (a date such as 2021-07-24 or a year); a report of that
    year or later is held to the rule. ``until`` (a year) ends it: a later report is not held to
    it, and ``later_zh``/``later_en`` say what such a report should show instead.
    """

    from_year: int
    from_text: str = ""          # as written: "2021-07-24", "2021-07" or "2021"
    until: Optional[int] = None
    later_zh: str = ""
    later_en: str = ""

    def applies(self, year: Optional[int]) -> bool:
        """Whether a report of ``year`` is held to the rule (a report of unknown year is)."""
        if year is None:
            return True
        return year >= self.from_year and (self.until is None or year <= self.until)

    def since_zh(self) -> str:
        """"2021年7月" / "2022年": when the rule began, in Chinese."""
        parts = self.from_text.split("-")
        if len(parts) >= 2 and parts[1].isdigit():
            return f"{int(parts[0])}年{int(parts[1])}月"
        return f"{self.from_year}年"

    def since_en(self) -> str:
        import calendar

        parts = self.from_text.split("-")
        if len(parts) >= 2 and parts[1].isdigit():
            return f"{calendar.month_name[int(parts[1])]} {int(parts[0])}"
        return str(self.from_year)


@dataclass(frozen=True)
class Rule:
    """One policy rule as read from a pack. All behaviour comes from these fields.

    ``spec`` is the check kind's own typed settings (``checker.kinds``: e.g. a ratio's base
    words); ``raw`` is the rule's mapping as written (terms normalized), kept only so that an
    override can rebuild the rule — nothing that judges a report reads it.
    """

    id: str
    pack: str
    title_zh: str
    title_en: str
    category: str
    severity: str
    weight: float
    check: str                              # a kind's name: presence | threshold | ratio | elimination | measure …
    subject: Subject
    metric: Metric = Metric()
    spec: Any = None                        # the kind's typed settings (None when it has none)
    thresholds: tuple[tuple[Optional[int], Optional[int], Threshold], ...] = ()  # (from, until, t)
    suggestion_zh: str = ""
    suggestion_en: str = ""
    met_when_zh: str = ""
    met_when_en: str = ""
    phrasing: tuple[str, ...] = ()
    source: dict = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    origin: str = ""                        # file the rule came from
    in_force: Optional[InForce] = None      # None: every year
    set_by: dict = field(default_factory=dict)  # field → pack id that set its value (extends)
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def terms(self) -> tuple[str, ...]:
        return self.subject.terms

    def threshold_for(self, year: Optional[int]) -> Optional[Threshold]:
        if not self.thresholds:
            return None
        if year is None:
            return self.thresholds[-1][2]
        for lo, hi, t in self.thresholds:
            if (lo is None or year >= lo) and (hi is None or year <= hi):
                return t
        return self.thresholds[-1][2]


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: str
    path: str
    rules: tuple[Rule, ...]
    extends: tuple[str, ...] = ()
    requires: Optional[str] = None
    category: tuple[str, str, str] = ("", "", "")   # (id, 中文名, English name) of its rules' area


# ---------------------------------------------------------------- evaluate
@dataclass(frozen=True)
class Evidence:
    line: int                   # 1-based line in the original file
    text: str                   # the deciding sentence as written: a substring of that line
    modality: str
    context: str = ""           # the original line around it (at most ~600 characters), for display


@dataclass(frozen=True)
class Finding:
    rule: str
    status: str
    severity: str
    category: str
    weight: float
    value: Optional[float]
    unit: Optional[str]
    threshold: Optional[str]           # as the pack writes it (Chinese units); JSON carries this one
    message_zh: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    title_zh: str = ""
    title_en: str = ""
    suggestion_zh: str = ""
    suggestion_en: str = ""
    waived: Optional[dict] = None   # the waiver that covers it, if any
    threshold_en: Optional[str] = None  # the same target with English units, for --lang en
    in_force: bool = True               # False: the report's year is outside the rule's in_force
    in_force_from: Optional[str] = None  # the rule's in_force.from as written ("2021-07-24"), if any
    in_force_note_zh: str = ""          # 不适用（自2021年7月起）… when not in force; "" otherwise
    in_force_note_en: str = ""
    source: Optional[dict] = None       # the rule's source: document, issuer, year, number, confirmed
    without_shortfall: Optional[str] = None  # unmet: the status had the report not stated the shortfall

    @property
    def counts(self) -> bool:
        """Whether the finding counts toward the score, the gate and the 优先整改 list."""
        return self.in_force and not self.waived

    @property
    def confirmed(self) -> bool:
        return bool((self.source or {}).get("confirmed", True))

    def in_force_note(self, lang: str) -> str:
        return self.in_force_note_en if lang == "en" else self.in_force_note_zh

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh


@dataclass(frozen=True)
class CategoryScore:
    category: str
    score: Optional[float]      # None when no rule of the category applies
    counts: dict


@dataclass(frozen=True)
class ReportResult:
    path: str
    kind: str
    year: Optional[int]
    title: str
    score: float
    categories: tuple[CategoryScore, ...]
    findings: tuple[Finding, ...]
    line_label: str = "line"
    encoding: str = "utf-8"


@dataclass(frozen=True)
class InputError:
    """A report that could not be read; carried so batch runs can report and skip it."""

    path: str
    message: str


@dataclass(frozen=True)
class RunResult:
    reports: tuple[ReportResult, ...]
    errors: tuple[InputError, ...]
    packs: tuple[Pack, ...]
    warnings: tuple[str, ...] = ()
