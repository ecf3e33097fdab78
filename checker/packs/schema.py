"""The pack JSON Schema and its problems, each at its line and column with a hint."""
from __future__ import annotations

import copy
import difflib
import json
import re
from functools import lru_cache


from .source import PackError, PackSource
from .locations import data_dir


@lru_cache(maxsize=1)
def schema_file() -> dict:
    """``schemas/policy-pack.schema.json`` as shipped (for editors; a test keeps it equal to the kinds)."""
    return json.loads((data_dir("schemas") / "policy-pack.schema.json").read_text(encoding="utf-8"))


def pack_schema() -> dict:
    """The schema packs are validated against: the shipped file, with the rule definition derived
    from the registered check kinds (their names, fields and thresholds)."""
    from ..kinds import rule_schema

    schema = copy.deepcopy(schema_file())
    schema["$defs"]["rule"] = rule_schema(schema["$defs"]["rule"])
    return schema


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
        return src.error(path, f"{label}: missing {key!r}", REQUIRED_HINTS.get(key, f"add {key}: …"))
    if v == "minItems" and path and path[-1] == "examples":
        return src.error(path, f"{label}: has no examples", REQUIRED_HINTS["examples"])
    if v == "minItems":
        return src.error(path, f"{label}: the list is empty", "give at least one item, or remove the key")
    if v == "minLength" and path and path[-1] == "unit":
        return src.error(path, f"{label}: the threshold has an empty unit", REQUIRED_HINTS["unit"])
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


REQUIRED_HINTS = {
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


