"""Where packs are: the shipped national and provincial folders, a --pack file or folder, the schemas."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .source import PackError, read_yaml


HERE = Path(__file__).resolve().parents[1]   # the checker package


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

# Shipped 督导 indicator packs (优质均衡, 普及普惠): opt-in like the provincial ones (catalog v2, decision 1).
SUPERVISION_DIR = POLICIES_DIR / "supervision"


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
    """Shipped packs that are not loaded by default (provincial examples, 督导 indicator packs)."""
    return [f for d in (PROVINCES_DIR, SUPERVISION_DIR) if d.is_dir() for f in pack_files(str(d))]


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


def display_path(path: str) -> str:
    """A path relative to the working folder when it is inside it (built-in packs are absolute)."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:          # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
