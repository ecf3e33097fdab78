"""Which rules a run uses: ``--select``/``--ignore`` by rule id or prefix, ``--severity`` minimum.

As in ruff, a selector is a rule id (``safety.drills``), a prefix of ids ending at a dot or a
hyphen (``safety.``, ``safety``, ``class-size``), or a pack id (``national.safety``).
``--ignore`` wins over ``--select``. ``--severity warning`` keeps warning and error rules. A
selector that matches no loaded rule is an error, so a typo never silently checks nothing.
"""
from __future__ import annotations

from typing import Iterable, Sequence

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class SelectionError(ValueError):
    """A selector matching nothing, or an unknown severity; ``str()`` is one line for the user."""


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """``["a,b", "c"]`` → ``("a", "b", "c")``."""
    out: list[str] = []
    for v in values:
        out += [w.strip() for w in str(v).split(",") if w.strip()]
    return tuple(dict.fromkeys(out))


def matches(rule, selector: str) -> bool:
    rid, pack = rule.id, getattr(rule, "pack", "") or ""
    if selector in (rid, pack):
        return True
    if selector.endswith((".", "-")):
        return rid.startswith(selector) or pack.startswith(selector)
    return rid.startswith((selector + ".", selector + "-")) or pack.startswith(selector + ".")


def select_rules(rules: Sequence, select: Sequence[str] = (), ignore: Sequence[str] = (),
                 severity: str = "", lang: str = "") -> list:
    from ..i18n import msg

    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for s in selectors:
            if not any(matches(r, s) for r in rules):
                raise SelectionError(msg("no_rule_matches", lang, option=option, value=s))
    if severity and severity not in SEVERITY_RANK:
        raise SelectionError(msg("bad_severity", lang, value=severity))
    out = [r for r in rules
           if (not select or any(matches(r, s) for s in select))
           and not any(matches(r, s) for s in ignore)
           and SEVERITY_RANK.get(r.severity, 0) >= SEVERITY_RANK.get(severity or "info", 0)]
    if not out:
        raise SelectionError(msg("no_rules_left", lang))
    return out
