"""Policy packs: YAML files of rules, validated against a JSON Schema before use.

Packs are data, never code: ``yaml.safe_load`` semantics only (no python tags), a size and alias
limit so a hostile file cannot blow up, and every error names the file, line and column with the
offending line and a caret, the way Semgrep reports a bad rule.
"""
from __future__ import annotations

import json
import re
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

HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``policies``/``schemas``: beside the package in a checkout, inside it when installed."""
    for cand in (HERE / name, HERE.parent / name):
        if cand.is_dir():
            return cand
    return HERE.parent / name


BUILTIN_DIR = data_dir("policies") / "national"


class PackError(Exception):
    """A pack that cannot be used. ``str()`` is the full user-facing message."""

    def __init__(self, path: str, message: str, line: Optional[int] = None, column: Optional[int] = None,
                 source_line: str = "", hint: str = ""):
        self.path, self.line, self.column = path, line, column
        self.message, self.source_line, self.hint = message, source_line, hint
        super().__init__(self.render())

    def render(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"
        out = f"{where}: {self.message}"
        if self.source_line:
            out += f"\n    {self.source_line}\n    {' ' * max((self.column or 1) - 1, 0)}^"
        if self.hint:
            out += f"\n  hint: {self.hint}"
        return out

    def one_line(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@lru_cache(maxsize=1)
def pack_schema() -> dict:
    return json.loads((data_dir("schemas") / "policy-pack.schema.json").read_text(encoding="utf-8"))


def _error_at(path: str, text: str, node: Optional[yaml.Node], message: str, hint: str = "") -> PackError:
    if node is None:
        return PackError(path, message, hint=hint)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    lines = text.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return PackError(path, message, line, col, src, hint)


def _node_at(root: yaml.Node, where: Iterable[Any]) -> Optional[yaml.Node]:
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
    try:
        aliases = sum(1 for ev in yaml.parse(text, Loader=yaml.SafeLoader) if isinstance(ev, yaml.AliasEvent))
        if aliases > MAX_ALIASES:
            raise PackError(path, f"pack uses {aliases} YAML aliases; at most {MAX_ALIASES} are allowed",
                            hint="write the values out instead of using &anchors and *aliases")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        lines = text.split("\n")
        raise PackError(path, f"{exc.problem} — packs are plain data; tags like !!python/object are refused",
                        mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                        lines[mark.line] if mark and mark.line < len(lines) else "",
                        "remove the tag and write the value as plain YAML") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        lines = text.split("\n")
        raise PackError(path, f"invalid YAML: {exc.problem}", mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None,
                        lines[mark.line] if mark and mark.line < len(lines) else "",
                        "fix the YAML syntax at the caret") from None
    except yaml.YAMLError as exc:
        raise PackError(path, f"invalid YAML: {exc}") from None
    if node is None:
        raise PackError(path, "pack is empty", hint="start from `govedu-check init-pack NAME`")
    return data, node, text


def validate_data(path: str, data: Any, node: yaml.Node, text: str) -> None:
    """Schema validation; raises the first error at its line and column."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(pack_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = errors[0]
    where = list(err.absolute_path)
    target = _node_at(node, where)
    hint = ""
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        if extra:
            target = _key_node(node, where, extra[0])
            allowed = ", ".join(sorted(err.schema.get("properties", {})))
            hint = f"allowed keys here: {allowed}"
    elif err.validator == "required":
        hint = "add the missing key"
    elif err.validator == "enum":
        hint = "use one of: " + ", ".join(map(str, err.validator_value))
    loc = "/".join(map(str, where)) or "(top level)"
    raise _error_at(path, text, target, f"{loc}: {err.message}", hint)


def _terms(values: Iterable[str]) -> list[str]:
    return [normalize_string(str(v)) for v in values]


def _norm_spec(spec: dict) -> dict:
    """Pack terms are matched against normalized text, so normalize them the same way."""
    out = dict(spec)
    subj = dict(out.get("subject", {}))
    for k in ("terms", "anchor", "context", "exclude"):
        if k in subj:
            subj[k] = _terms(subj[k])
    if "all_of" in subj:
        subj["all_of"] = [_terms(g) for g in subj["all_of"]]
    out["subject"] = subj
    if "metric" in out:
        m = dict(out["metric"])
        for k in ("terms", "other_bases", "narrower_scopes"):
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
    base = Threshold(t["comparator"], float(t["value"]), t.get("unit", ""), t.get("base"))
    out = []
    for step in metric.get("by_year", []):
        out.append((step.get("from"), step.get("until"),
                    Threshold(base.comparator, float(step["value"]), base.unit, base.base)))
    return tuple(out) or ((None, None, base),)


def build_rule(raw: dict, pack_id: str, category: str, origin: str) -> Rule:
    spec = _norm_spec(raw)
    title = raw.get("title", {})
    sugg = raw.get("suggestion", {})
    examples = tuple(Example(text=e["text"], status=e["status"], kind=e.get("kind", "summary"),
                             year=e.get("year"), context=e.get("context")) for e in raw.get("examples", []))
    return Rule(
        id=raw["id"], pack=pack_id, title_zh=title.get("zh", raw["id"]), title_en=title.get("en", raw["id"]),
        category=raw.get("category", category), severity=raw.get("severity", "warning"),
        weight=float(raw.get("weight", 1)), check=raw["check"], terms=tuple(spec["subject"]["terms"]),
        spec=spec, thresholds=_thresholds(raw.get("metric", {}) or {}),
        suggestion_zh=sugg.get("zh", ""), suggestion_en=sugg.get("en", ""), source=raw.get("source", {}),
        examples=examples, origin=origin,
    )


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


def load_pack(path: str) -> Pack:
    data, node, text = read_yaml(path)
    validate_data(path, data, node, text)
    meta = data["pack"]
    req = meta.get("requires")
    if req:
        m = re.match(r"\s*>=\s*([\d.]+)\s*$", req)
        if m and _version_tuple(__version__) < _version_tuple(m.group(1)):
            raise _error_at(path, text, _node_at(node, ["pack", "requires"]),
                            f"pack needs govedu-check {req}; this is {__version__}",
                            "upgrade govedu-check (pip install -U govedu-check)")
    if len(data.get("rules", [])) > MAX_RULES:
        raise PackError(path, f"pack has {len(data['rules'])} rules; the limit is {MAX_RULES}")
    cat = meta.get("category") or {"id": meta["id"]}
    seen: dict[str, int] = {}
    rules = []
    for i, raw in enumerate(data.get("rules", [])):
        if raw["id"] in seen:
            raise _error_at(path, text, _node_at(node, ["rules", i, "id"]),
                            f"duplicate rule id {raw['id']!r} (first at rules[{seen[raw['id']]}])",
                            "give each rule its own id")
        seen[raw["id"]] = i
        rules.append(build_rule(raw, meta["id"], cat["id"], path))
    return Pack(id=meta["id"], version=str(meta["version"]), title=meta.get("title", {}).get("zh", meta["id"]),
                path=path, rules=tuple(rules), extends=tuple(meta.get("extends", [])), requires=req,
                category=(cat["id"], cat.get("zh", cat["id"]), cat.get("en", cat["id"])))


def pack_files(path: str) -> list[str]:
    p = Path(path)
    if p.is_dir():
        return sorted(str(f) for f in p.rglob("*.y*ml") if f.suffix in (".yaml", ".yml"))
    if not p.exists():
        raise PackError(path, "no such pack file or folder", hint="check the path given with --pack")
    return [str(p)]


def load_packs(extra: Iterable[str] = (), builtin: bool = True) -> list[Pack]:
    files = pack_files(str(BUILTIN_DIR)) if builtin else []
    for e in extra:
        files += pack_files(e)
    packs, ids = [], {}
    for f in files:
        pk = load_pack(f)
        if pk.id in ids:
            raise PackError(f, f"pack id {pk.id!r} is already used by {ids[pk.id]}", hint="give the pack its own id")
        ids[pk.id] = f
        packs.append(pk)
    return resolve(packs)


def resolve(packs: list[Pack]) -> list[Pack]:
    """Check that every ``extends`` target exists and that rule ids are unique across packs."""
    by_id = {p.id: p for p in packs}
    owner: dict[str, str] = {}
    for p in packs:
        for parent in p.extends:
            if parent not in by_id:
                raise PackError(p.path, f"extends unknown pack {parent!r}",
                                hint="known packs: " + ", ".join(sorted(by_id)))
        for r in p.rules:
            if r.id in owner:
                raise PackError(p.path, f"rule {r.id!r} is also defined in pack {owner[r.id]!r}",
                                hint="use a new id, or override it in an extending pack")
            owner[r.id] = p.id
    return packs


def category_titles(packs: Iterable[Pack]) -> dict[str, tuple[str, str]]:
    out = {p.category[0]: (p.category[1], p.category[2]) for p in packs if p.category[0]}
    for p in packs:
        for r in p.rules:
            out.setdefault(r.category, (r.category, r.category))
    return out


def all_rules(packs: Iterable[Pack]) -> list[Rule]:
    return [r for p in packs for r in p.rules]
