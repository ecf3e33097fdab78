"""Check kinds: one module per kind of target, each declaring everything about itself.

A rule's ``check:`` names a kind. Each module here defines ``KIND``, an instance of a
:class:`~checker.kinds.base.Kind` subclass: its fields (schema fragment), its typed spec, its
own validation, the words it needs matched, how it observes sentences and what its statuses mean.
The registry below is built from the modules, and from it the pack schema's ``check`` enum and
properties, pack validation and ``explain``. Adding a kind is adding a module; a kind from
elsewhere (a test, a plug-in) joins with :func:`register`.
"""
from __future__ import annotations

import copy
import importlib
import pkgutil
from functools import lru_cache

from .base import Kind, Problem

_SHARED = ("base", "common", "staged")     # modules of helpers, not kinds
KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind to the registry (a later one of the same name replaces it)."""
    if not kind.NAME:
        raise ValueError("a kind needs a NAME")
    KINDS[kind.NAME] = kind
    _derived.cache_clear()
    return kind


def unregister(name: str) -> None:
    KINDS.pop(name, None)
    _derived.cache_clear()


def kind_of(name: str) -> Kind:
    return KINDS[name]


def kind_sources() -> set:
    """The source files of the registered kinds (a pack valid for some kinds may not be for others)."""
    import inspect
    from pathlib import Path

    out = set()
    for kind in KINDS.values():
        try:
            out.add(Path(inspect.getsourcefile(type(kind))).resolve())
        except (TypeError, OSError):
            out.add(Path(f"<{kind.NAME}>"))
    return out


def rule_schema(base_rule: dict) -> dict:
    """The pack schema's rule definition with the registered kinds: ``check`` enum, kind fields, and
    the threshold a kind requires."""
    rule = copy.deepcopy(base_rule)
    props = rule["properties"]
    props["check"] = {"enum": sorted(KINDS)}
    for kind in KINDS.values():
        for key, fragment in kind.FIELDS.items():
            props[key] = fragment
    needs = sorted(k.NAME for k in KINDS.values() if k.THRESHOLD == "required")
    rule["allOf"] = [{"if": {"properties": {"check": {"enum": needs}}},
                      "then": {"required": ["metric"], "properties": {"metric": {"required": ["threshold"]}}}}]
    return rule


def field_users() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Optional rule fields → the kinds that read them; validation refuses a field its kind ignores."""
    return _derived()


@lru_cache(maxsize=1)
def _derived() -> dict[tuple[str, ...], tuple[str, ...]]:
    """What validation derives from the registry, worked out once per registry (pack validation
    asks it for every rule)."""
    users: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(KINDS):
        kind = KINDS[name]
        for f in kind.SUBJECT_FIELDS:
            users.setdefault(("subject", f), []).append(name)
        if kind.THRESHOLD != "none" or kind.METRIC_FIELDS:
            users.setdefault(("metric",), []).append(name)
        for f in kind.METRIC_FIELDS:
            users.setdefault(("metric", f), []).append(name)
        for key in kind.FIELDS:
            users.setdefault((key,), []).append(name)
    return {k: tuple(v) for k, v in users.items()}


def _discover() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name in _SHARED:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register(module.KIND)


_discover()

__all__ = ["KINDS", "Kind", "Problem", "field_users", "kind_of", "kind_sources", "register", "rule_schema", "unregister"]
