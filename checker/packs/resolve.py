"""Resolving a set of packs together: extends, duplicate ids and overrides, with provenance."""
from __future__ import annotations

import copy
import difflib
from dataclasses import replace
from typing import Any, Iterable, Optional


from ..model import Pack, Rule
from ..kinds import kind_of
from .build import (VERDICT_KEYS, Applied, LoadedPack, build_rule, describe_thresholds, example_from,
                    normalized_terms, thresholds_of)
from .locations import available_pack_ids, display_path
from .source import PackError



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

    # Depth-first without recursion: an extends chain of any length (500 packs, each extending
    # the one before) must not end in a RecursionError. Same order as the recursive walk: a
    # pack after its parents; the first parent found in a cycle stops the walk of the others.
    for p in packs:
        if p.id in state:
            continue
        state[p.id] = 1
        stack = [[p.id, iter(parents.get(p.id, [])), True]]
        while stack:
            frame = stack[-1]
            pushed = False
            if frame[2]:
                for parent in frame[1]:
                    st = state.get(parent)
                    if st == 2:
                        continue
                    if st == 1:
                        frame[2] = False
                        break
                    state[parent] = 1
                    stack.append([parent, iter(parents.get(parent, [])), True])
                    pushed = True
                    break
            if pushed:
                continue
            stack.pop()
            state[frame[0]] = 2
            (done if frame[2] else cyclic).append(by_id[frame[0]])
            if stack and not frame[2]:
                stack[-1][2] = False
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
    """The rule as the override leaves it (None when disabled), and what changed.

    The override edits a copy of the rule's mapping, and the rule is built again from it, so its
    kind parses the changed fields exactly as it parses a rule written that way."""
    at = ["overrides", i]
    if raw.get("disabled") is True:
        return None, [Applied(rule.id, "disabled", pack.id, False, True)]
    spec = copy.deepcopy(rule.raw)
    set_by = dict(rule.set_by)
    records: list[Applied] = []

    def changed(name: str, old: Any, new: Any) -> None:
        records.append(Applied(rule.id, name, pack.id, old, new))
        set_by[name] = pack.id

    if "add_metric_terms" in raw:
        if "terms" not in kind_of(rule.check).METRIC_FIELDS:
            raise _pack_error(pack, at, f"override of {rule.id!r}: metric words are not used by a {rule.check} "
                              "check", "remove add_metric_terms", key="add_metric_terms")
        metric = spec.setdefault("metric", {})
        old = list(rule.metric.terms)
        metric["terms"] = old + [t for t in normalized_terms(raw["add_metric_terms"]) if t not in old]
        changed("metric_terms", old, metric["terms"])
    if "threshold" in raw or "by_year" in raw:
        new_thresholds = _override_thresholds(rule, raw, pack, at, spec)
        changed("threshold", describe_thresholds(rule.thresholds), describe_thresholds(new_thresholds))
        if "met_when" not in raw:
            spec.pop("met_when", None)     # it describes the old target; explain describes the new one
    for name in ("severity", "weight"):
        if name in raw:
            new = float(raw[name]) if name == "weight" else raw[name]
            spec[name] = new
            changed(name, getattr(rule, name), new)
    if "add_terms" in raw:
        old = list(rule.terms)
        new_terms = old + [t for t in normalized_terms(raw["add_terms"]) if t not in old]
        spec["subject"]["terms"] = new_terms
        changed("terms", old, new_terms)
    if "met_when" in raw:
        changed("met_when", rule.raw.get("met_when"), raw["met_when"])
        spec["met_when"] = raw["met_when"]
    if "suggestion" in raw:
        changed("suggestion", {"zh": rule.suggestion_zh, "en": rule.suggestion_en}, raw["suggestion"])
        spec["suggestion"] = raw["suggestion"]
    if "source" in raw:
        changed("source", rule.source, raw["source"])
        spec["source"] = raw["source"]
    if "in_force" in raw:
        changed("in_force", rule.raw.get("in_force"), raw["in_force"])
        spec["in_force"] = raw["in_force"]
    if spec.get("severity") == "error" and (spec.get("source") or {}).get("confirmed") is False:
        key = "severity" if "severity" in raw else "source"
        raise _pack_error(pack, at, f"override of {rule.id!r}: 依据未核实（source.confirmed: false）的规则不能是 "
                          "severity: error / an unconfirmed target cannot be an error",
                          "改为 severity: warning 或 info，或核实原文后写 confirmed: true "
                          "(use warning or info until the source is confirmed)", key=key)
    added = tuple(example_from(e) for e in raw.get("examples", []))
    if any(k in raw for k in VERDICT_KEYS):
        # The parent's examples describe the old target; the rule in force carries the override's.
        examples = added
    else:
        examples = rule.examples + added
    if added:
        changed("examples", len(rule.examples), len(examples))
    rebuilt = build_rule(spec, rule.pack, rule.category, rule.origin, set_by)
    return replace(rebuilt, category=rule.category, examples=examples), records


def _override_thresholds(rule: Rule, raw: dict, pack: Pack, at: list, spec: dict) -> tuple:
    if kind_of(rule.check).THRESHOLD == "none":
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
    if kind_of(rule.check).problems({**spec, "metric": {**metric, "threshold": new}}):
        raise _pack_error(pack, at, f"override of {rule.id!r}: an elimination rule compares a figure only when "
                          "its clause names the metric; without metric words the threshold would never be used",
                          "add add_metric_terms: [the words that name the figure, e.g. 大班额比例]",
                          key="threshold" if "threshold" in raw else "by_year")
    metric["threshold"] = new
    if "by_year" in raw:
        metric["by_year"] = raw["by_year"]
    else:
        metric.pop("by_year", None)      # a new threshold with no steps holds for every year
    return thresholds_of(metric)


def resolve(packs: list[Pack]) -> list[Pack]:
    """Resolve extends/overrides; raises the first problem (see :func:`resolve_all`)."""
    out, errors = resolve_all(packs)
    if errors:
        raise errors[0]
    return out


