"""Policy packs: YAML files of rules, validated against a JSON Schema and a set of semantic checks.

Packs are data, never code: safe YAML only (no python tags), a size and alias limit so a hostile
file cannot blow up, and every error names the file, line and column with the offending line and
a caret, and says how to fix it, the way Semgrep and Vale report a bad rule.

A pack may build on others. ``pack.extends`` names parent packs by id; ``overrides:`` entries
change a parent's rule by id (threshold and its steps by year, severity, weight, extra subject or
metric words, met_when/suggestion/source texts, more examples) or switch it off
(``disabled: true``); ``rules:`` adds new rules. The overridden version *replaces* the parent's
rule in the loaded rule set and records in ``Rule.set_by`` which pack set each value, so
``govedu-check explain`` can say where a threshold comes from.

Loading is in two steps: each file is read and checked on its own (:func:`check_pack_file`), then
the set of packs is resolved together (:func:`resolve_all`: extends, duplicate ids, overrides).
Both steps collect every problem, so ``packs validate`` can list them all; :func:`load_packs`, used
by ``check``, stops at the first one.

Packs have no regular expressions: subjects and metrics are lists of plain words, so there is no
pattern that could fail to compile or backtrack catastrophically.
"""
from __future__ import annotations

import copy
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from . import __version__
from .model import Example, Pack, Rule, Threshold
from .normalize import normalize_string

MAX_PACK_BYTES = 2_000_000
MAX_RULES = 2000
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 200_000    # values of a pack with every *alias written out (the largest shipped: ~800)
MAX_EXAMPLES_PER_RULE = 100      # ``packs test`` runs every one of them
MAX_EXAMPLE_CHARS = 4000         # an example is a sentence or a short paragraph, not a report
MAX_TERMS = 500                  # words in one list (subject.terms, metric.terms …)

HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``policies``/``schemas``: beside the package in a checkout, inside it when installed."""
    for cand in (HERE / name, HERE.parent / name):
        if cand.is_dir():
            return cand
    return HERE.parent / name


POLICIES_DIR = data_dir("policies")
BUILTIN_DIR = POLICIES_DIR / "national"
# Shipped provincial packs: listed by ``packs list`` as available, loaded only with --pack.
PROVINCES_DIR = POLICIES_DIR / "provinces"

# Optional rule fields and the check kinds that read them (checks/*.py). A field that the rule's
# check never reads would be ignored silently, so validation refuses it.
FIELD_USERS = {
    ("subject", "anchor"): ("threshold", "ratio", "elimination"),
    ("metric",): ("threshold", "ratio", "elimination"),
    ("metric", "terms"): ("threshold", "elimination"),
    ("metric", "other_bases"): ("threshold", "elimination"),
    ("metric", "narrower_scopes"): ("threshold", "elimination"),
    ("metric", "base_scopes"): ("threshold", "elimination"),
    ("metric", "rates"): ("threshold", "elimination"),
    ("metric", "base_terms"): ("threshold",),
    ("subject", "labels"): ("threshold",),
    ("metric", "full_coverage"): ("threshold",),
    ("metric", "count_units"): ("threshold",),
    ("parts",): ("threshold",),
    ("measure",): ("measure",),
    ("ratio",): ("ratio",),
}
# Override keys that change how a rule is judged: such an override must bring its own examples.
VERDICT_KEYS = ("threshold", "by_year", "add_terms", "add_metric_terms")
OVERRIDE_KEYS = ("disabled", "severity", "weight", "threshold", "by_year", "add_terms", "add_metric_terms",
                 "met_when", "suggestion", "source", "examples")


class PackError(Exception):
    """A pack that cannot be used. ``str()`` is the full user-facing message."""

    def __init__(self, path: str, message: str, line: Optional[int] = None, column: Optional[int] = None,
                 source_line: str = "", hint: str = ""):
        self.path, self.line, self.column = path, line, column
        self.message, self.source_line, self.hint = message, source_line, hint
        super().__init__(self.render())

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"

    def render(self) -> str:
        out = f"{self.where}: {self.message}"
        if self.source_line:
            out += f"\n    {self.source_line}\n    {_caret_pad(self.source_line, self.column)}^"
        if self.hint:
            out += f"\n  hint: {self.hint}"
        return out

    def one_line(self) -> str:
        return f"{self.where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


def _caret_pad(line: str, column: Optional[int]) -> str:
    """Spaces that put the caret under ``column``; wide (CJK) characters take two cells."""
    import unicodedata

    cells = 0
    for ch in line[:max((column or 1) - 1, 0)]:
        cells += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return " " * cells


@lru_cache(maxsize=1)
def pack_schema() -> dict:
    return json.loads((data_dir("schemas") / "policy-pack.schema.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- locating nodes
def _error_at(path: str, text: str, node: Optional[yaml.Node], message: str, hint: str = "") -> PackError:
    if node is None:
        return PackError(path, message, hint=hint)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    lines = text.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return PackError(path, message, line, col, src, hint)


def _node_at(root: yaml.Node, where: Iterable[Any]) -> Optional[yaml.Node]:
    """The node at a path of keys and indexes, or the deepest one that exists."""
    node = root
    for key in where:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == key:
                    nxt = v
                    break
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _key_node(root: yaml.Node, where: list, key: str) -> Optional[yaml.Node]:
    node = _node_at(root, where)
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return k
    return node


@dataclass(frozen=True)
class PackSource:
    """A pack file as read: its data, its node tree (for line and column) and its text."""

    path: str
    data: Any
    node: Any
    text: str

    def error(self, where: list, message: str, hint: str = "", key: Optional[str] = None) -> PackError:
        node = _key_node(self.node, where, key) if key else _node_at(self.node, where)
        return _error_at(self.path, self.text, node, message, hint)

    def line_of(self, where: list) -> Optional[int]:
        node = _node_at(self.node, where)
        return node.start_mark.line + 1 if node is not None else None


# ---------------------------------------------------------------- reading YAML
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str) -> tuple[Any, yaml.Node, str]:
    """(data, node tree, text) of a pack file, refusing anything that is not plain data."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise PackError(path, f"cannot read the pack ({exc.strerror or exc})",
                        hint="check the path given with --pack") from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(path, f"pack is {len(raw)} bytes; the limit is {MAX_PACK_BYTES}",
                        hint="split it into several packs")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError(path, "pack is not UTF-8 text", hint="save the file as UTF-8") from None
    lines = text.split("\n")

    def marked(exc: yaml.MarkedYAMLError, message: str, hint: str) -> PackError:
        mark = exc.problem_mark
        return PackError(path, message, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                         lines[mark.line] if mark and mark.line < len(lines) else "", hint)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            aliases = _shared_nodes(node)
            if aliases > MAX_ALIASES:
                raise PackError(path, f"pack uses {aliases} YAML aliases; at most {MAX_ALIASES} are allowed",
                                hint="write the values out instead of using &anchors and *aliases")
            if aliases and _expanded_size(node) > MAX_EXPANDED_NODES:
                raise PackError(path, f"pack would grow past {MAX_EXPANDED_NODES} values with its YAML "
                                      "aliases written out (an alias bomb, or an alias inside itself)",
                                hint="write the values out instead of using &anchors and *aliases")
        data = loader.construct_document(node) if node is not None else None
    except yaml.constructor.ConstructorError as exc:
        raise marked(exc, f"{exc.problem} — packs are plain data; tags like !!python/object are refused",
                     "remove the tag and write the value as plain YAML") from None
    except yaml.MarkedYAMLError as exc:
        raise marked(exc, f"invalid YAML: {exc.problem}",
                     "fix the YAML syntax at the caret (a value starting with > | * & ! % @ needs quotes)") from None
    except yaml.YAMLError as exc:
        raise PackError(path, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise PackError(path, "pack is empty", hint="start from `govedu-check init-pack NAME`")
    return data, node, text


def _expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """Nodes the document would have with every *alias written out, or ``limit + 1`` once past it.

    Each node's size is computed once on the node graph, never by expanding it, so a "billion
    laughs" costs as much as its text; a node reached from inside itself is endless."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        kids = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                else node.value if isinstance(node, yaml.SequenceNode) else [])
        if done:
            open_.discard(id(node))
            size[id(node)] = min(limit + 1, 1 + sum(size[id(k)] for k in kids))
            continue
        if id(node) in size:
            continue
        if id(node) in open_:
            return limit + 1
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in size)
    return size[id(root)]


def _shared_nodes(root: yaml.Node) -> int:
    """How many times a node is reached again: each is an ``*alias`` (counted without expanding)."""
    seen: set[int] = set()
    shared = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared += 1
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


def _duplicate_keys(src: PackSource) -> list[PackError]:
    """YAML keeps the last of two equal keys without a word; a pack author never means that."""
    out = []
    stack = [src.node]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for k, v in node.value:
                key = getattr(k, "value", None)
                if isinstance(key, str) and key in first:
                    out.append(_error_at(src.path, src.text, k,
                                         f"duplicate key {key!r} (first at line {first[key]})",
                                         "keep one of them; YAML would silently use the last"))
                elif isinstance(key, str):
                    first[key] = k.start_mark.line + 1
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return out


# ---------------------------------------------------------------- schema
_TYPE_WORDS = {"array": "a list, e.g. [词1, 词2]", "object": "a mapping of key: value lines",
               "string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def schema_errors(src: PackSource) -> list[PackError]:
    """Every schema problem, each at its line and column, in file order."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(pack_schema())
    out, seen = [], set()
    for err in validator.iter_errors(src.data):
        for leaf in _leaves(err):
            pe = _schema_error(src, leaf)
            key = (pe.line, pe.column, pe.message)
            if key not in seen:
                seen.add(key)
                out.append(pe)
    return sorted(out, key=lambda e: (e.line or 0, e.column or 0))


def _leaves(err) -> list:
    """The most specific errors under an ``if``/``then`` or ``allOf`` wrapper."""
    if err.context:
        return [leaf for sub in err.context for leaf in _leaves(sub)]
    return [err]


def _where(path: list) -> str:
    out = ""
    for k in path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out or "(top level)"


def _rule_label(src: PackSource, path: list) -> str:
    """"rule 'x'" for a path inside rules[i], so messages name what a policy author wrote."""
    if len(path) >= 2 and path[0] in ("rules", "overrides") and isinstance(path[1], int):
        try:
            rid = src.data[path[0]][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            rid = None
        if rid:
            return f"{'rule' if path[0] == 'rules' else 'override of'} {rid!r}: "
    return ""


def _schema_error(src: PackSource, err) -> PackError:
    path = list(err.absolute_path)
    label = _rule_label(src, path) + _where(path)
    v = err.validator
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(set(err.instance) - set(allowed))
        key = extra[0] if extra else ""
        hint = f"allowed keys here: {', '.join(allowed)}"
        close = difflib.get_close_matches(str(key), allowed, n=1)
        if close:
            hint = f"did you mean {close[0]!r}? " + hint
        if str(key).lower() in ("regex", "regexp", "pattern", "patterns"):
            hint = "packs have no regular expressions: list plain words under subject.terms; " + hint
        return src.error(path, f"{label}: unknown key {key!r}", hint, key=str(key))
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        key = missing[0] if missing else "?"
        return src.error(path, f"{label}: missing {key!r}", _REQUIRED_HINTS.get(key, f"add {key}: …"))
    if v == "minItems" and path and path[-1] == "examples":
        return src.error(path, f"{label}: has no examples", _REQUIRED_HINTS["examples"])
    if v == "minItems":
        return src.error(path, f"{label}: the list is empty", "give at least one item, or remove the key")
    if v == "minLength" and path and path[-1] == "unit":
        return src.error(path, f"{label}: the threshold has an empty unit", _REQUIRED_HINTS["unit"])
    if v == "minLength":
        return src.error(path, f"{label}: empty text", "write something, or remove the item")
    if v == "enum":
        return src.error(path, f"{label}: {err.instance!r} is not allowed",
                         "use one of: " + ", ".join(map(str, err.validator_value)))
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        hint = f"write {_TYPE_WORDS.get(want, want)}"
        if path and path[-1] == "version":
            hint = 'quote it: version: "1.0.0"'
        return src.error(path, f"{label}: should be {_TYPE_WORDS.get(want, want).split(',')[0]}, "
                               f"not {type(err.instance).__name__}", hint)
    if v == "pattern":
        hint = _PATTERN_HINTS.get(path[-1] if path else "", "see docs/policy-packs.md")
        return src.error(path, f"{label}: {err.instance!r} is not a valid {path[-1] if path else 'value'}", hint)
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return src.error(path, f"{label}: {err.message}", "change the number")
    return src.error(path, f"{label}: {err.message}", "see docs/policy-packs.md for this field")


_REQUIRED_HINTS = {
    "examples": "add examples: — each a short report sentence with the status it must get "
                "(met, unmet, planned, unverified, missing); `packs test` runs them",
    "unit": 'add unit: "%" (or 人, 所, 个, 小时 …): a figure is compared only when written in this unit',
    "threshold": 'a threshold or ratio rule needs metric.threshold: {comparator: ">=", value: 90, unit: "%"}',
    "metric": 'a threshold or ratio rule needs metric: {threshold: {comparator: ">=", value: 90, unit: "%"}}',
    "id": "give it an id of lower-case letters, digits, dots and hyphens, e.g. county.rotation-quota",
    "version": 'add version: "1.0.0"',
    "title": "add title: {zh: 中文名称, en: English name}",
    "severity": "add severity: error, warning or info",
    "check": "add check: presence, threshold, ratio, elimination or measure",
    "subject": "add subject: {terms: [the words that name the subject]}",
    "terms": "add terms: [the words that name the subject]",
    "comparator": 'add comparator: ">=" (or ">", "<=", "<", "==")',
    "value": "add value: the target number",
    "text": "add text: the report sentence",
    "status": "add status: met, unmet, planned, unverified or missing",
    "document": "add document: the policy document's title",
    "zh": "add zh: the Chinese text",
    "pack": "start the file with pack: {id: …, version: \"1.0.0\"} — see `govedu-check init-pack`",
    "rules": "add rules: [] (a pack that only overrides may keep the list empty)",
}
_PATTERN_HINTS = {
    "id": "ids use lower-case letters, digits, dots and hyphens, and end with a letter or digit, "
          "e.g. county.rotation-quota",
    "version": 'write version: "1.0.0" (quoted, two or three numbers)',
    "requires": 'write requires: ">=0.1" — the oldest govedu-check that can read the pack',
}


def validate_data(path: str, data: Any, node: yaml.Node, text: str) -> None:
    """Schema validation; raises the first error at its line and column."""
    errors = schema_errors(PackSource(path, data, node, text))
    if errors:
        raise errors[0]


# ---------------------------------------------------------------- building rules
def _terms(values: Iterable[str]) -> list[str]:
    return [normalize_string(str(v)) for v in values]


def _norm_spec(spec: dict) -> dict:
    """Pack terms are matched against normalized text, so normalize them the same way."""
    out = dict(spec)
    subj = dict(out.get("subject", {}))
    for k in ("terms", "anchor", "context", "exclude", "labels"):
        if k in subj:
            subj[k] = _terms(subj[k])
    if "all_of" in subj:
        subj["all_of"] = [_terms(g) for g in subj["all_of"]]
    out["subject"] = subj
    if "metric" in out:
        m = dict(out["metric"])
        for k in ("terms", "other_bases", "narrower_scopes", "base_scopes", "rates", "base_terms"):
            if k in m:
                m[k] = _terms(m[k])
        out["metric"] = m
    if "measure" in out:
        m = dict(out["measure"])
        if "terms" in m:
            m["terms"] = _terms(m["terms"])
        if "all_of" in m:
            m["all_of"] = [_terms(g) for g in m["all_of"]]
        out["measure"] = m
    if "parts" in out:
        out["parts"] = [_terms(g) for g in out["parts"]]
    if "ratio" in out:
        r = dict(out["ratio"])
        for k in ("base_terms", "total_terms"):
            if k in r:
                r[k] = _terms(r[k])
        out["ratio"] = r
    return out


def _thresholds(metric: dict) -> tuple:
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


def example_from(raw: dict) -> Example:
    return Example(text=raw["text"], status=raw["status"], kind=raw.get("kind", "summary"),
                   year=raw.get("year"), context=raw.get("context"))


def build_rule(raw: dict, pack_id: str, category: str, origin: str) -> Rule:
    spec = _norm_spec(raw)
    title = raw.get("title", {})
    sugg = raw.get("suggestion", {})
    thresholds = _thresholds(raw.get("metric", {}) or {})
    set_by = {k: pack_id for k in ("rule", "severity", "weight", "terms", "examples")}
    if thresholds:
        set_by["threshold"] = pack_id
    return Rule(
        id=raw["id"], pack=pack_id, title_zh=title.get("zh", raw["id"]), title_en=title.get("en", raw["id"]),
        category=raw.get("category", category), severity=raw.get("severity", "warning"),
        weight=float(raw.get("weight", 1)), check=raw["check"], terms=tuple(spec["subject"]["terms"]),
        spec=spec, thresholds=thresholds,
        suggestion_zh=sugg.get("zh", ""), suggestion_en=sugg.get("en", ""), source=raw.get("source", {}),
        examples=tuple(example_from(e) for e in raw.get("examples", [])), origin=origin, set_by=set_by,
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
        problems = _duplicate_keys(src) + schema_errors(src)
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

    Named by a hash of the pack's text, this module's source, the schema and the version, so any
    change to one of them asks again. The file is empty: nothing is ever read from it.
    """
    from .terms import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256()
    limits = repr(sorted((k, v) for k, v in globals().items() if k.startswith("MAX_"))).encode()
    for part in (__version__.encode(), limits, Path(__file__).read_bytes(),
                 (data_dir("schemas") / "policy-pack.schema.json").read_bytes(), text.encode("utf-8")):
        h.update(hashlib.sha256(part).digest())
    return folder / "valid-packs" / h.hexdigest()


def _remember_valid(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass            # no cache: the pack is simply checked again next time


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
    if len(rules) > MAX_RULES:
        out.append(src.error(["rules"], f"pack has {len(rules)} rules; the limit is {MAX_RULES}",
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
    for keys, users in FIELD_USERS.items():
        node: Any = raw
        for k in keys:
            node = node.get(k) if isinstance(node, dict) else None
        if node is not None and check not in users:
            out.append(src.error(at + list(keys[:-1]), f"rule {rid!r}: {'.'.join(keys)} is not used by a "
                                 f"{check} check, so it would be ignored",
                                 f"remove it, or use check: {' / '.join(users)}", key=keys[-1]))
    subj = raw["subject"]
    if subj.get("within") and not subj.get("all_of"):
        out.append(src.error(at + ["subject"], f"rule {rid!r}: subject.within only applies to subject.all_of",
                             "add all_of: [[words that must appear with the subject]], or remove within",
                             key="within"))
    metric = raw.get("metric") or {}
    if check == "elimination" and metric.get("threshold") and not metric.get("terms"):
        out.append(src.error(at + ["metric"], f"rule {rid!r}: an elimination rule compares a figure only when "
                             "its clause names the metric, and metric.terms is missing — the threshold would "
                             "never be used", "add terms: [the words that name the figure, e.g. 巩固率]",
                             key="threshold"))
    if check == "ratio" and not (raw.get("ratio") or {}).get("base_terms"):
        out.append(src.error(at, f"rule {rid!r}: a ratio rule needs ratio.base_terms (the words that name the "
                             "base, e.g. 符合交流条件); without them no share can be judged",
                             "add ratio: {base_terms: [...], base_name: {zh: …, en: …}}", key="check"))
    if metric.get("by_year") and not metric.get("threshold"):
        out.append(src.error(at + ["metric"], f"rule {rid!r}: by_year needs a threshold (it takes the comparator "
                             "and unit from it)", 'add threshold: {comparator: ">=", value: …, unit: "%"}',
                             key="by_year"))
    out += _threshold_semantics(src, at + ["metric"], metric.get("threshold"), metric.get("by_year"), rid)
    out += _term_semantics(src, at, raw, rid)
    examples = raw.get("examples", [])
    if len(examples) > MAX_EXAMPLES_PER_RULE:
        out.append(src.error(at, f"rule {rid!r} has {len(examples)} examples; the limit is "
                             f"{MAX_EXAMPLES_PER_RULE}", "keep the ones that show a boundary; move long "
                             "reports into the pack's test folder", key="examples"))
    out += _example_semantics(src, at + ["examples"], examples, rid)
    return out


def _threshold_semantics(src: PackSource, at: list, threshold: Optional[dict], by_year: Optional[list],
                         rid: str) -> list[PackError]:
    out = []
    if threshold is not None and not str(threshold.get("unit", "")).strip():
        out.append(src.error(at + ["threshold", "unit"], f"rule {rid!r}: the threshold has an empty unit",
                             _REQUIRED_HINTS["unit"]))
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
        if len(words) > MAX_TERMS:
            out.append(src.error(at + path, f"rule {rid!r}: {len(words)} words in one list; the limit is "
                                 f"{MAX_TERMS}", "keep the words reports really use"))
        for j, w in enumerate(words):
            if not normalize_string(w).strip():
                out.append(src.error(at + path + [j], f"rule {rid!r}: the word {w!r} is empty once normalized, "
                                     "so it would match every sentence", "remove it or write the word itself"))
    return out


def _example_semantics(src: PackSource, at: list, examples: list, rid: str) -> list[PackError]:
    out = []
    for j, ex in enumerate(examples):
        if len(ex["text"]) > MAX_EXAMPLE_CHARS:
            out.append(src.error(at + [j, "text"], f"rule {rid!r}: example {j + 1} is {len(ex['text'])} characters; "
                                 f"the limit is {MAX_EXAMPLE_CHARS}", "use a sentence; put whole reports in the "
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
    out += _example_semantics(src, at + ["examples"], raw.get("examples", []), rid)
    for key in ("add_terms", "add_metric_terms"):
        for j, w in enumerate(raw.get(key, [])):
            if not normalize_string(w).strip():
                out.append(src.error(at + [key, j], f"override of {rid!r}: the word {w!r} is empty once "
                                     "normalized", "remove it or write the word itself"))
    return out


# ---------------------------------------------------------------- resolving a set of packs
def _pack_error(pack: Pack, where: list, message: str, hint: str = "", key: Optional[str] = None) -> PackError:
    src = getattr(pack, "source", None)
    if src is None:
        return PackError(pack.path, message, hint=hint)
    return src.error(where, message, hint, key=key)


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.75)
    return f"did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def resolve_all(packs: list[Pack]) -> tuple[list[Pack], list[PackError]]:
    """Resolve extends and overrides across packs: (packs with their rules in force, problems).

    Parents come before children; an override replaces the parent's rule in the parent pack's
    rule list (so ``all_rules`` gives the rule in force) and a disabled rule is dropped.
    """
    errors: list[PackError] = []
    by_id: dict[str, Pack] = {}
    unique: list[Pack] = []
    for p in packs:
        if p.id in by_id:
            errors.append(_pack_error(p, ["pack", "id"], f"pack id {p.id!r} is already used by "
                                      f"{display_path(by_id[p.id].path)}",
                                      "give the pack its own id (or load the file only once)"))
            continue
        by_id[p.id] = p
        unique.append(p)

    parents: dict[str, list[str]] = {}
    broken: set[str] = set()          # packs whose extends failed: their overrides are not checked
    for p in unique:
        ok = []
        for i, parent in enumerate(p.extends):
            if parent == p.id:
                errors.append(_pack_error(p, ["pack", "extends", i], f"pack {p.id!r} extends itself",
                                          "remove it from extends"))
            elif parent not in by_id:
                errors.append(_pack_error(p, ["pack", "extends", i], f"extends unknown pack {parent!r}",
                                          _unknown_pack_hint(parent, [k for k in by_id if k != p.id])))
                broken.add(p.id)
            else:
                ok.append(parent)
        parents[p.id] = ok
    order, cyclic = _topological(unique, parents)
    for p in cyclic:
        broken.add(p.id)
        errors.append(_pack_error(p, ["pack", "extends"], f"pack {p.id!r} is part of an extends cycle",
                                  "a pack cannot extend, directly or not, a pack that extends it"))
    ancestors = _ancestors(order, parents)

    current: dict[str, Rule] = {}
    owner: dict[str, str] = {}
    for p in order:
        for i, r in enumerate(own_rules_of(p)):
            if r.id in owner:
                idx = raw_index(p, "rules", r.id)
                errors.append(_pack_error(p, ["rules", idx, "id"] if idx is not None else ["rules"],
                                          f"rule {r.id!r} is already defined in pack {owner[r.id]!r} "
                                          f"({display_path(by_id[owner[r.id]].path)})",
                                          f"to change it, extend {owner[r.id]!r} and put the change under "
                                          "overrides:; to add a rule, give it a new id"))
                continue
            current[r.id] = r
            owner[r.id] = p.id

    last: dict[str, str] = {}
    disabled: dict[str, str] = {}
    applied: dict[str, list[Applied]] = {}
    for p in order:
        if p.id in broken:            # "does not extend" would only repeat the extends problem
            continue
        for i, raw in enumerate(getattr(p, "overrides", ())):
            problem = _override_target_problem(p, i, raw["id"], owner, ancestors, last, disabled, current)
            if problem:
                errors.append(problem)
                continue
            rid = raw["id"]
            try:
                new, records = _apply_override(current[rid], raw, p, i)
            except PackError as exc:
                errors.append(exc)
                continue
            if new is None:
                disabled[rid] = p.id
            else:
                current[rid] = new
            last[rid] = p.id
            applied.setdefault(p.id, []).extend(records)

    out = []
    for p in unique:
        rules = tuple(current[r.id] for r in own_rules_of(p) if owner.get(r.id) == p.id and r.id not in disabled)
        kw = {"rules": rules}
        if isinstance(p, LoadedPack):
            kw["applied"] = tuple(applied.get(p.id, ()))
        out.append(replace(p, **kw))
    return out, errors


def own_rules_of(p: Pack) -> tuple:
    """The rules a pack defines itself, before any override (a plain ``Pack`` has only ``rules``)."""
    own = getattr(p, "own_rules", None)
    return own if own is not None else p.rules


def raw_index(p: Pack, section: str, rule_id: str) -> Optional[int]:
    """Index of the last entry with that id in the pack file's ``rules``/``overrides`` list."""
    src = getattr(p, "source", None)
    if src is None:
        return None
    found = None
    for i, raw in enumerate(src.data.get(section, []) or []):
        if raw.get("id") == rule_id:
            found = i
    return found


def display_path(path: str) -> str:
    """A path relative to the working folder when it is inside it (built-in packs are absolute)."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:          # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def _unknown_pack_hint(parent: str, loaded: list) -> str:
    for path, pid in available_pack_ids():
        if pid == parent:
            shown = display_path(path)
            return f"{parent!r} is in {shown}, which is not loaded: add --pack {shown}"
    near = _suggest(parent, loaded)
    return (near + " " if near else "") + "loaded packs: " + ", ".join(sorted(loaded))


def _topological(packs: list[Pack], parents: dict[str, list[str]]) -> tuple[list[Pack], list[Pack]]:
    """Packs with parents first (stable), and the packs caught in an extends cycle."""
    by_id = {p.id: p for p in packs}
    done: list[Pack] = []
    state: dict[str, int] = {}        # 1 visiting, 2 done
    cyclic: list[Pack] = []

    def visit(pid: str) -> bool:
        if state.get(pid) == 2:
            return True
        if state.get(pid) == 1:
            return False
        state[pid] = 1
        ok = all(visit(parent) for parent in parents.get(pid, []))
        state[pid] = 2
        if ok:
            done.append(by_id[pid])
        else:
            cyclic.append(by_id[pid])
        return ok

    for p in packs:
        visit(p.id)
    return done, cyclic


def _ancestors(order: list[Pack], parents: dict[str, list[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in order:                       # parents first, so theirs are known
        acc: set[str] = set()
        for parent in parents.get(p.id, []):
            acc.add(parent)
            acc |= out.get(parent, set())
        out[p.id] = acc
    return out


def _override_target_problem(p: Pack, i: int, rid: str, owner: dict, ancestors: dict, last: dict,
                             disabled: dict, current: dict) -> Optional[PackError]:
    at = ["overrides", i, "id"]
    if rid not in owner:
        near = _suggest(rid, owner)
        return _pack_error(p, at, f"overrides unknown rule {rid!r}",
                           (near + " " if near else "") + "`govedu-check packs show PACK` lists a pack's rule ids")
    if owner[rid] == p.id:
        return _pack_error(p, at, f"overrides its own rule {rid!r}", "change the rule under rules: instead")
    if owner[rid] not in ancestors.get(p.id, set()):
        return _pack_error(p, at, f"overrides rule {rid!r} of pack {owner[rid]!r}, which this pack does not extend",
                           f"add {owner[rid]!r} to pack.extends")
    if rid in disabled:
        return _pack_error(p, at, f"overrides rule {rid!r}, which pack {disabled[rid]!r} disabled",
                           "remove the override, or do not disable the rule")
    if rid in last and last[rid] not in ancestors.get(p.id, set()):
        return _pack_error(p, at, f"rule {rid!r} is also overridden by pack {last[rid]!r}, and neither pack "
                           "extends the other", "load only one of the two packs, or make one extend the other")
    return None


def _apply_override(rule: Rule, raw: dict, pack: Pack, i: int) -> tuple[Optional[Rule], list[Applied]]:
    """The rule as the override leaves it (None when disabled), and what changed."""
    at = ["overrides", i]
    if raw.get("disabled") is True:
        return None, [Applied(rule.id, "disabled", pack.id, False, True)]
    spec = copy.deepcopy(rule.spec)
    set_by = dict(rule.set_by)
    kw: dict[str, Any] = {}
    records: list[Applied] = []

    def changed(name: str, old: Any, new: Any) -> None:
        records.append(Applied(rule.id, name, pack.id, old, new))
        set_by[name] = pack.id

    if "add_metric_terms" in raw:
        if rule.check not in ("threshold", "elimination"):
            raise _pack_error(pack, at, f"override of {rule.id!r}: metric words are not used by a {rule.check} "
                              "check", "remove add_metric_terms", key="add_metric_terms")
        metric = spec.setdefault("metric", {})
        old = list(metric.get("terms") or [])
        metric["terms"] = old + [t for t in _terms(raw["add_metric_terms"]) if t not in old]
        changed("metric_terms", old, metric["terms"])
    if "threshold" in raw or "by_year" in raw:
        kw["thresholds"] = _override_thresholds(rule, raw, pack, at, spec)
        changed("threshold", describe_thresholds(rule.thresholds), describe_thresholds(kw["thresholds"]))
        if "met_when" not in raw:
            spec.pop("met_when", None)     # it describes the old target; explain describes the new one
    for name in ("severity", "weight"):
        if name in raw:
            new = float(raw[name]) if name == "weight" else raw[name]
            kw[name] = new
            changed(name, getattr(rule, name), new)
    if "add_terms" in raw:
        old = list(rule.terms)
        new_terms = old + [t for t in _terms(raw["add_terms"]) if t not in old]
        spec["subject"]["terms"] = new_terms
        kw["terms"] = tuple(new_terms)
        changed("terms", old, new_terms)
    if "met_when" in raw:
        changed("met_when", rule.spec.get("met_when"), raw["met_when"])
        spec["met_when"] = raw["met_when"]
    if "suggestion" in raw:
        changed("suggestion", {"zh": rule.suggestion_zh, "en": rule.suggestion_en}, raw["suggestion"])
        spec["suggestion"] = raw["suggestion"]
        kw["suggestion_zh"] = raw["suggestion"].get("zh", "")
        kw["suggestion_en"] = raw["suggestion"].get("en", "")
    if "source" in raw:
        changed("source", rule.source, raw["source"])
        kw["source"] = raw["source"]
    added = tuple(example_from(e) for e in raw.get("examples", []))
    if any(k in raw for k in VERDICT_KEYS):
        # The parent's examples describe the old target; the rule in force carries the override's.
        kw["examples"] = added
    else:
        kw["examples"] = rule.examples + added
    if added:
        changed("examples", len(rule.examples), len(kw["examples"]))
    kw["spec"] = spec
    kw["set_by"] = set_by
    return replace(rule, **kw), records


def _override_thresholds(rule: Rule, raw: dict, pack: Pack, at: list, spec: dict) -> tuple:
    if rule.check in ("presence", "measure"):
        key = "threshold" if "threshold" in raw else "by_year"
        raise _pack_error(pack, at, f"override of {rule.id!r}: a {rule.check} rule has no threshold to change",
                          "remove threshold/by_year from this override", key=key)
    metric = spec.setdefault("metric", {})
    old = metric.get("threshold")
    new = dict(raw.get("threshold") or old or {})
    if not new:
        raise _pack_error(pack, at, f"override of {rule.id!r}: by_year needs a threshold, and the rule has none",
                          'add threshold: {comparator: ">=", value: …, unit: …}', key="by_year")
    if old and str(new.get("unit", "")).strip() != str(old.get("unit", "")).strip():
        raise _pack_error(pack, at + ["threshold"], f"override of {rule.id!r}: unit {new.get('unit')!r} differs "
                          f"from the rule's unit {old.get('unit')!r}",
                          f"keep unit: {old.get('unit')!r}; to check a figure in another unit, add a new rule "
                          "under rules:", key="unit")
    if rule.check == "elimination" and not metric.get("terms"):
        raise _pack_error(pack, at, f"override of {rule.id!r}: an elimination rule compares a figure only when "
                          "its clause names the metric; without metric words the threshold would never be used",
                          "add add_metric_terms: [the words that name the figure, e.g. 大班额比例]",
                          key="threshold" if "threshold" in raw else "by_year")
    metric["threshold"] = new
    if "by_year" in raw:
        metric["by_year"] = raw["by_year"]
    else:
        metric.pop("by_year", None)      # a new threshold with no steps holds for every year
    return _thresholds(metric)


def resolve(packs: list[Pack]) -> list[Pack]:
    """Resolve extends/overrides; raises the first problem (see :func:`resolve_all`)."""
    out, errors = resolve_all(packs)
    if errors:
        raise errors[0]
    return out


# ---------------------------------------------------------------- finding and loading sets of packs
def pack_files(path: str) -> list[str]:
    p = Path(path)
    if p.is_dir():
        return sorted(str(f) for f in p.rglob("*.y*ml") if f.suffix in (".yaml", ".yml"))
    if not p.exists():
        raise PackError(path, "no such pack file or folder", hint="check the path given with --pack")
    return [str(p)]


def builtin_files() -> list[str]:
    return pack_files(str(BUILTIN_DIR)) if BUILTIN_DIR.is_dir() else []


def available_files() -> list[str]:
    """Shipped packs that are not loaded by default (provincial examples)."""
    return pack_files(str(PROVINCES_DIR)) if PROVINCES_DIR.is_dir() else []


@lru_cache(maxsize=1)
def _available_ids(files: tuple) -> tuple:
    out = []
    for f in files:
        try:
            data, _, _ = read_yaml(f)
            out.append((f, str(data["pack"]["id"])))
        except (PackError, KeyError, TypeError):
            continue
    return tuple(out)


def available_pack_ids() -> tuple:
    """(path, pack id) of every shipped pack that is available but not loaded by default."""
    return _available_ids(tuple(available_files()))


def gather_files(extra: Iterable[str] = (), builtin: bool = True) -> list[str]:
    """Built-in pack files then the extra ones; a file named twice is read once."""
    files = builtin_files() if builtin else []
    for e in extra:
        files += pack_files(str(e))
    out, seen = [], set()
    for f in files:
        key = str(Path(f).resolve())
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def load_all(files: list[str]) -> tuple[list[Pack], list[PackError]]:
    """Check every file and resolve the ones that could be built: (resolved packs, all problems)."""
    packs, errors = [], []
    for f in files:
        pack, problems = check_pack_file(f)
        errors += problems
        if pack is not None:          # built despite problems of meaning: resolve it to find more
            packs.append(pack)
    resolved, problems = resolve_all(packs)
    return resolved, errors + problems


def load_packs(extra: Iterable[str] = (), builtin: bool = True) -> list[Pack]:
    """The built-in packs plus ``extra`` files/folders, resolved; raises the first problem."""
    packs = [load_pack(f) for f in gather_files(extra, builtin)]   # raises a file's first problem
    return resolve(packs)


def category_titles(packs: Iterable[Pack]) -> dict[str, tuple[str, str]]:
    out = {p.category[0]: (p.category[1], p.category[2]) for p in packs if p.category[0]}
    for p in packs:
        for r in p.rules:
            out.setdefault(r.category, (r.category, r.category))
    return out


def all_rules(packs: Iterable[Pack]) -> list[Rule]:
    return [r for p in packs for r in p.rules]


def override_history(packs: Iterable[Pack], rule_id: str) -> list[Applied]:
    """What overrides changed on a rule, in the order they were applied."""
    return [a for p in packs for a in getattr(p, "applied", ()) if a.rule == rule_id]
