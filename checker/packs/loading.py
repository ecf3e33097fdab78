"""Loading a set of packs: the built-in ones and --pack files, each checked, then resolved together."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..model import Pack, Rule
from .build import Applied, check_pack_file, load_pack
from .locations import builtin_files, pack_files
from .resolve import resolve, resolve_all
from .source import PackError


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
