"""Building rules from one pack file, and what the schema cannot check (meaning, sizes, years)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional


from .. import __version__
from ..kinds import field_users, kind_of, kind_sources
from ..model import Example, InForce, Metric, Pack, Rule, Subject, Threshold
from ..reading.normalize import normalize_string

from .schema import REQUIRED_HINTS, schema_errors
from . import source as limits    # limits read at call time: a test (or a caller) may lower them
from .source import PackError, PackSource, duplicate_keys, read_yaml
from .locations import data_dir


# Override keys that change how a rule is judged: such an override must bring its own examples.
VERDICT_KEYS = ("threshold", "by_year", "add_terms", "add_metric_terms")
OVERRIDE_KEYS = ("disabled", "severity", "weight", "threshold", "by_year", "add_terms", "add_metric_terms",
                 "met_when", "suggestion", "source", "in_force", "examples")


# ---------------------------------------------------------------- building rules
def normalized_terms(values: Iterable[str]) -> list[str]:
    return [normalize_string(str(v)) for v in values]


def subject_of(raw: dict) -> Subject:
    """The rule's ``subject:`` as matched against normalized text (terms normalized the same way)."""
    subj = raw.get("subject") or {}
    return Subject(terms=tuple(normalized_terms(subj.get("terms", []))),
                   anchor=tuple(normalized_terms(subj.get("anchor", []))),
                   all_of=tuple(tuple(normalized_terms(g)) for g in subj.get("all_of", [])),
                   within=subj.get("within", "sentence"),
                   context=tuple(normalized_terms(subj.get("context", []))),
                   exclude=tuple(normalized_terms(subj.get("exclude", []))),
                   labels=tuple(normalized_terms(subj.get("labels", []))),
                   broad=tuple(normalized_terms(subj.get("broad", []))),
                   broad_with=tuple(normalized_terms(subj.get("broad_with", []))))


def metric_of(raw: dict) -> Metric:
    m = raw.get("metric") or {}
    return Metric(terms=tuple(normalized_terms(m.get("terms", []))),
                  other_bases=tuple(normalized_terms(m.get("other_bases", []))),
                  narrower_scopes=tuple(normalized_terms(m.get("narrower_scopes", []))),
                  full_coverage=m.get("full_coverage"), count_units=tuple(m.get("count_units", [])),
                  change=m.get("change"), base_scopes=tuple(normalized_terms(m.get("base_scopes", []))),
                  rates=tuple(normalized_terms(m.get("rates", []))),
                  base_terms=tuple(normalized_terms(m.get("base_terms", []))))


def thresholds_of(metric: dict) -> tuple:
    t = metric.get("threshold")
    if not t:
        return ()
    base = Threshold(t["comparator"], float(t["value"]), t.get("unit", "").strip(), t.get("base"))
    out = []
    for step in metric.get("by_year", []):
        out.append((step.get("from"), step.get("until"),
                    Threshold(base.comparator, float(step["value"]), base.unit, base.base)))
    return tuple(out) or ((None, None, base),)


def describe_thresholds(thresholds: tuple, lang: str = "zh") -> str:
    """"≥85%（至2020年）；≥90%（2021年起）" — a rule's target and how it changes by year."""
    if not thresholds:
        return ""
    if len(thresholds) == 1 and thresholds[0][0] is None and thresholds[0][1] is None:
        return thresholds[0][2].describe()
    parts = []
    for lo, hi, t in thresholds:
        if lang == "en":
            span = f"{lo}–{hi}" if lo and hi else f"{lo} on" if lo else f"to {hi}" if hi else "every year"
            parts.append(f"{t.describe()} ({span})")
        else:
            span = f"{lo}–{hi}年" if lo and hi else f"{lo}年起" if lo else f"至{hi}年" if hi else "各年"
            parts.append(f"{t.describe()}（{span}）")
    return ("; " if lang == "en" else "；").join(parts)


def in_force_of(raw: Optional[dict]) -> Optional[InForce]:
    """``in_force: {from: 2021-07-24, until: 2021, later: {zh, en}}`` → InForce (None: every year)."""
    if not raw or raw.get("from") is None:
        return None
    text = str(raw["from"])
    later = raw.get("later") or {}
    return InForce(from_year=int(text[:4]), from_text=text, until=raw.get("until"),
                   later_zh=later.get("zh", ""), later_en=later.get("en", later.get("zh", "")))


def example_from(raw: dict) -> Example:
    return Example(text=raw["text"], status=raw["status"], kind=raw.get("kind", "summary"),
                   year=raw.get("year"), context=raw.get("context"))


def build_rule(raw: dict, pack_id: str, category: str, origin: str, set_by: Optional[dict] = None) -> Rule:
    """A rule from its mapping; its kind parses the kind's own fields into ``Rule.spec``."""
    title = raw.get("title", {})
    sugg = raw.get("suggestion", {})
    met_when = raw.get("met_when") or {}
    thresholds = thresholds_of(raw.get("metric", {}) or {})
    if set_by is None:
        set_by = {k: pack_id for k in ("rule", "severity", "weight", "terms", "examples")}
        if thresholds:
            set_by["threshold"] = pack_id
    return Rule(
        id=raw["id"], pack=pack_id, title_zh=title.get("zh", raw["id"]), title_en=title.get("en", raw["id"]),
        category=raw.get("category", category), severity=raw.get("severity", "warning"),
        weight=float(raw.get("weight", 1)), check=raw["check"], subject=subject_of(raw), metric=metric_of(raw),
        spec=kind_of(raw["check"]).parse(raw, normalized_terms), thresholds=thresholds,
        suggestion_zh=sugg.get("zh", ""), suggestion_en=sugg.get("en", ""),
        met_when_zh=met_when.get("zh", ""), met_when_en=met_when.get("en", ""),
        phrasing=tuple(raw.get("phrasing") or ()), source=raw.get("source", {}),
        examples=tuple(example_from(e) for e in raw.get("examples", [])), origin=origin, set_by=set_by,
        in_force=in_force_of(raw.get("in_force")), raw=raw,
    )


# ---------------------------------------------------------------- one pack file
@dataclass(frozen=True)
class Applied:
    """One value an override changed: shown by ``explain`` and ``packs show``."""

    rule: str
    field: str
    pack: str
    old: Any
    new: Any


@dataclass(frozen=True)
class LoadedPack(Pack):
    """A pack as loaded from its file, with what it needs for resolving ``extends``/``overrides``."""

    own_rules: tuple = ()       # rules as written in this file, before any override
    overrides: tuple = ()       # the raw ``overrides:`` entries, in file order
    applied: tuple = ()         # Applied records of this pack's overrides (filled by resolve)
    description: str = ""
    source: Optional[PackSource] = field(default=None, compare=False, repr=False)


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


def check_pack_file(path: str) -> tuple[Optional[LoadedPack], list[PackError]]:
    """Read one pack and check it on its own: schema, then meaning. Returns (pack, problems).

    The pack is None when it cannot be built (unreadable, or any problem that makes its rules
    unsafe to build); otherwise it is returned with the problems found, if any.
    """
    try:
        data, node, text = read_yaml(path)
    except PackError as exc:
        return None, [exc]
    src = PackSource(path, data, node, text)
    marker = _valid_marker(text)
    if marker is not None and marker.exists():
        problems = []           # this very text passed every check of this very code before
    else:
        problems = duplicate_keys(src) + schema_errors(src)
        if problems:
            return None, problems
        problems = semantic_errors(src)
        if not problems and marker is not None:
            _remember_valid(marker)
    rules, seen = [], set()
    meta = data["pack"]
    cat = meta.get("category") or {"id": meta["id"]}
    for raw in data.get("rules", []):
        if raw["id"] not in seen:
            seen.add(raw["id"])
            rules.append(build_rule(raw, meta["id"], cat["id"], path))
    title = meta.get("title", {})
    pack = LoadedPack(
        id=meta["id"], version=str(meta["version"]), title=title.get("zh", meta["id"]), path=path,
        rules=tuple(rules), extends=tuple(meta.get("extends", [])), requires=meta.get("requires"),
        category=(cat["id"], cat.get("zh", cat["id"]), cat.get("en", cat["id"])),
        own_rules=tuple(rules), overrides=tuple(data.get("overrides", [])),
        description=(meta.get("description") or {}).get("zh", ""), source=src)
    return pack, problems


def _valid_marker(text: str) -> Optional[Path]:
    """The cache file whose existence says: this pack text passed the checks of this code.

    Named by a hash of the pack's text and of :func:`_checking_code` (every module that validates
    packs, the limits, the schema, the version), so any change to one of them asks again. The
    file is empty: nothing is ever read from it.
    """
    from ..cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    pack_limits = repr(sorted((k, v) for k, v in vars(limits).items() if k.startswith("MAX_")))
    h = hashlib.sha256(_checking_code(tuple(sorted(kind_sources())), pack_limits))
    h.update(hashlib.sha256(text.encode("utf-8")).digest())
    return folder / "valid-packs" / h.hexdigest()


@lru_cache(maxsize=8)
def _checking_code(kind_files: tuple, pack_limits: str) -> bytes:
    """A digest of what decides whether a pack is valid: this package, the registered kinds (their
    own fields and validation), the limits, the schema file and the version."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    code = sorted(set(here.glob("*.py")) | set((here.parent / "kinds").glob("*.py")) | set(kind_files))
    parts = [__version__.encode(), pack_limits.encode(), (data_dir("schemas") / "policy-pack.schema.json").read_bytes()]
    parts += [f.read_bytes() if f.is_file() else str(f).encode() for f in code]
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.digest()


# Valid-pack markers kept (empty files, one per pack text and checking code); the oldest beyond
# this are deleted when a new one is written (cache.prune).
KEEP_VALID_MARKERS = 256


def _remember_valid(marker: Path) -> None:
    from ..cache import prune

    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        return          # no cache: the pack is simply checked again next time
    prune(marker.parent, "*", KEEP_VALID_MARKERS, spare=marker)


def load_pack(path: str) -> LoadedPack:
    """One pack on its own (no extends/overrides applied); raises its first problem."""
    pack, problems = check_pack_file(path)
    if problems:
        raise problems[0]
    return pack


def semantic_errors(src: PackSource) -> list[PackError]:
    """What the schema cannot say: versions, duplicate ids, unused fields, years, sizes."""
    data = src.data
    out: list[PackError] = []
    req = data["pack"].get("requires")
    if req:
        m = re.match(r"\s*>=\s*([\d.]+)\s*$", req)
        if m and _version_tuple(__version__) < _version_tuple(m.group(1)):
            out.append(src.error(["pack", "requires"], f"pack needs govedu-check {req.strip()}; this is {__version__}",
                                 "upgrade govedu-check (pip install -U govedu-check), or ask the pack's "
                                 "authors for a version that works with this one"))
    rules = data.get("rules", [])
    if not rules and not data.get("overrides"):
        out.append(src.error(["pack"], "pack has no rules and no overrides, so it would check nothing",
                             "add a rule under rules: (see `govedu-check init-pack`), or overrides: of a pack "
                             "it extends", key="pack"))
    if len(rules) > limits.MAX_RULES:
        out.append(src.error(["rules"], f"pack has {len(rules)} rules; the limit is {limits.MAX_RULES}",
                             "split it into several packs", key="rules"))
    seen: dict[str, int] = {}
    for i, raw in enumerate(rules):
        if raw["id"] in seen:
            out.append(src.error(["rules", i, "id"], f"duplicate rule id {raw['id']!r} "
                                 f"(first at line {src.line_of(['rules', seen[raw['id']]])})",
                                 "give each rule its own id"))
        else:
            seen[raw["id"]] = i
        out += _rule_semantics(src, ["rules", i], raw)
    ids: dict[str, int] = {}
    for i, raw in enumerate(data.get("overrides", [])):
        if raw["id"] in ids:
            out.append(src.error(["overrides", i, "id"], f"rule {raw['id']!r} is overridden twice in this pack "
                                 f"(first at line {src.line_of(['overrides', ids[raw['id']]])})",
                                 "merge the two entries into one"))
        ids.setdefault(raw["id"], i)
        out += _override_semantics(src, ["overrides", i], raw)
    return out


def _rule_semantics(src: PackSource, at: list, raw: dict) -> list[PackError]:
    out = []
    check = raw["check"]
    rid = raw["id"]
    for keys, users in field_users().items():
        node: Any = raw
        for k in keys:
            node = node.get(k) if isinstance(node, dict) else None
        if node is not None and check not in users:
            out.append(src.error(at + list(keys[:-1]), f"rule {rid!r}: {'.'.join(keys)} is not used by a "
                                 f"{check} check, so it would be ignored",
                                 f"remove it, or use check: {' / '.join(users)}", key=keys[-1]))
    subj = raw["subject"]
    if subj.get("broad") and not subj.get("broad_with"):
        out.append(src.error(at + ["subject"], f"rule {rid!r}: subject.broad needs subject.broad_with — the words "
                             "beside which a sector word mentions the target",
                             "add broad_with: [入学, 提升计划, …], or remove broad", key="broad"))
    for j, word in enumerate(subj.get("broad") or []):
        if word not in (subj.get("terms") or []):
            out.append(src.error(at + ["subject", "broad", j], f"rule {rid!r}: subject.broad word {word!r} is not "
                                 "one of subject.terms", "list it under terms too, or remove it from broad"))
    if subj.get("within") and not subj.get("all_of"):
        out.append(src.error(at + ["subject"], f"rule {rid!r}: subject.within only applies to subject.all_of",
                             "add all_of: [[words that must appear with the subject]], or remove within",
                             key="within"))
    metric = raw.get("metric") or {}
    for problem in kind_of(check).problems(raw):
        out.append(src.error(at + list(problem.where), problem.message, problem.hint, key=problem.key))
    if metric.get("by_year") and not metric.get("threshold"):
        out.append(src.error(at + ["metric"], f"rule {rid!r}: by_year needs a threshold (it takes the comparator "
                             "and unit from it)", 'add threshold: {comparator: ">=", value: …, unit: "%"}',
                             key="by_year"))
    out += _threshold_semantics(src, at + ["metric"], metric.get("threshold"), metric.get("by_year"), rid)
    out += provenance_semantics(src, at, raw.get("severity"), raw.get("source"), raw.get("in_force"), rid)
    out += _term_semantics(src, at, raw, rid)
    examples = raw.get("examples", [])
    if len(examples) > limits.MAX_EXAMPLES_PER_RULE:
        out.append(src.error(at, f"rule {rid!r} has {len(examples)} examples; the limit is "
                             f"{limits.MAX_EXAMPLES_PER_RULE}", "keep the ones that show a boundary; move long "
                             "reports into the pack's test folder", key="examples"))
    out += _example_semantics(src, at + ["examples"], examples, rid)
    return out


def provenance_semantics(src: PackSource, at: list, severity: Optional[str], source: Optional[dict],
                         in_force: Optional[dict], rid: str, what: str = "rule") -> list[PackError]:
    """An unconfirmed target is never ``error``; ``in_force`` runs forward and names a real year."""
    out = []
    if severity == "error" and isinstance(source, dict) and source.get("confirmed") is False:
        out.append(src.error(at + ["severity"], f"{what} {rid!r}: 依据未核实（source.confirmed: false）的规则不能是 "
                             "severity: error / an unconfirmed target cannot be an error",
                             "改为 severity: warning 或 info；核实原文后再写 confirmed: true 并改回 error "
                             "(use warning or info until the source is confirmed)"))
    if isinstance(in_force, dict):
        lo = str(in_force.get("from", ""))
        hi = in_force.get("until")
        if lo and hi is not None and int(lo[:4]) > hi:
            out.append(src.error(at + ["in_force"], f"{what} {rid!r}: in_force 自 {lo} 起、至 {hi} 年止，年份颠倒 / "
                                 f"in_force runs from {lo} until {hi}",
                                 "from 是开始施行的日期或年份，until 是最后适用的年份 (from is the first, until the last year)",
                                 key="until"))
        if in_force.get("later") and hi is None:
            out.append(src.error(at + ["in_force"], f"{what} {rid!r}: in_force.later 只对一次性步骤有意义，需要 until / "
                                 "later says what a report after the step should show, so it needs until",
                                 "加上 until: 最后适用的年份，或删去 later (add until: the last year, or remove later)",
                                 key="later"))
    return out


def _threshold_semantics(src: PackSource, at: list, threshold: Optional[dict], by_year: Optional[list],
                         rid: str) -> list[PackError]:
    out = []
    if threshold is not None and not str(threshold.get("unit", "")).strip():
        out.append(src.error(at + ["threshold", "unit"], f"rule {rid!r}: the threshold has an empty unit",
                             REQUIRED_HINTS["unit"]))
    steps = by_year or []
    spans = []
    for j, step in enumerate(steps):
        lo, hi = step.get("from"), step.get("until")
        if lo is not None and hi is not None and lo > hi:
            out.append(src.error(at + ["by_year", j], f"rule {rid!r}: by_year step runs from {lo} until {hi}",
                                 "swap the years: from is the first year, until the last"))
            continue
        lo_v, hi_v = lo if lo is not None else -10**9, hi if hi is not None else 10**9
        for k, (a, b) in spans:
            if lo_v <= b and a <= hi_v:
                out.append(src.error(at + ["by_year", j], f"rule {rid!r}: by_year steps {k + 1} and {j + 1} "
                                     "cover the same year", "make the year ranges follow one another, "
                                     "e.g. {until: 2020, value: 85} then {from: 2021, value: 90}"))
                break
        spans.append((j, (lo_v, hi_v)))
    return out


def _term_semantics(src: PackSource, at: list, raw: dict, rid: str) -> list[PackError]:
    """Words that vanish when normalized would match everything (an empty word is in every text)."""
    out = []

    def lists(node, path):
        if isinstance(node, list) and node and all(isinstance(x, str) for x in node):
            yield path, node
        elif isinstance(node, list):
            for j, x in enumerate(node):
                yield from lists(x, path + [j])
        elif isinstance(node, dict):
            for k, v in node.items():
                if k not in ("examples", "phrasing", "title", "met_when", "suggestion", "source", "base_name",
                             "mention_note", "id", "category"):
                    yield from lists(v, path + [k])

    for path, words in lists(raw, []):
        if len(words) > limits.MAX_TERMS:
            out.append(src.error(at + path, f"rule {rid!r}: {len(words)} words in one list; the limit is "
                                 f"{limits.MAX_TERMS}", "keep the words reports really use"))
        for j, w in enumerate(words):
            if not normalize_string(w).strip():
                out.append(src.error(at + path + [j], f"rule {rid!r}: the word {w!r} is empty once normalized, "
                                     "so it would match every sentence", "remove it or write the word itself"))
    return out


def _example_semantics(src: PackSource, at: list, examples: list, rid: str) -> list[PackError]:
    out = []
    for j, ex in enumerate(examples):
        if len(ex["text"]) > limits.MAX_EXAMPLE_CHARS:
            out.append(src.error(at + [j, "text"], f"rule {rid!r}: example {j + 1} is {len(ex['text'])} characters; "
                                 f"the limit is {limits.MAX_EXAMPLE_CHARS}", "use a sentence; put whole reports in the "
                                 "pack's test folder"))
        ctx = ex.get("context") or {}
        bad = [k for k, v in ctx.items() if isinstance(v, bool) or not isinstance(v, (int, float))]
        if bad:
            out.append(src.error(at + [j, "context"], f"rule {rid!r}: example {j + 1} context {bad[0]!r} is not a "
                                 "number", "context gives the bureau's own figures, e.g. {eligible_teachers: 1200}",
                                 key=bad[0]))
    return out


def _override_semantics(src: PackSource, at: list, raw: dict) -> list[PackError]:
    """Checks on an override that need no other pack (the rest is in :func:`_apply_override`)."""
    out = []
    rid = raw["id"]
    changes = [k for k in raw if k != "id" and not (k == "disabled" and raw[k] is False)]
    if not changes:
        out.append(src.error(at + ["id"], f"override of {rid!r} changes nothing",
                             "add what it changes (" + ", ".join(OVERRIDE_KEYS) + "), or remove the entry"))
    if raw.get("disabled") is True and len(changes) > 1:
        other = next(k for k in changes if k != "disabled")
        out.append(src.error(at, f"override of {rid!r}: a disabled rule cannot also be changed",
                             "remove disabled: true, or the other keys", key=other))
    if any(k in raw for k in VERDICT_KEYS) and not raw.get("examples"):
        first = next(k for k in VERDICT_KEYS if k in raw)
        out.append(src.error(at, f"override of {rid!r} changes how the rule is judged ({first}) but brings no "
                             "examples", "add examples: under this override — e.g. a figure between the old "
                             "and the new target, with the status it must now get", key=first))
    out += _threshold_semantics(src, at, raw.get("threshold"), raw.get("by_year"), rid)
    out += provenance_semantics(src, at, raw.get("severity"), raw.get("source"), raw.get("in_force"), rid,
                                what="override of")
    out += _example_semantics(src, at + ["examples"], raw.get("examples", []), rid)
    for key in ("add_terms", "add_metric_terms"):
        for j, w in enumerate(raw.get(key, [])):
            if not normalize_string(w).strip():
                out.append(src.error(at + [key, j], f"override of {rid!r}: the word {w!r} is empty once "
                                     "normalized", "remove it or write the word itself"))
    return out


