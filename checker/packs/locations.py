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


def pack_files(path: str, required: bool = True) -> list[str]:
    """The pack files of a --pack PATH: the file, or every .yaml/.yml below a folder.

    A folder holding none is an error (``required``): a mistyped folder would otherwise run
    the check without the pack the user asked for."""
    p = Path(path)
    if p.is_dir():
        found = sorted(str(f) for f in p.rglob("*.y*ml") if f.suffix in (".yaml", ".yml"))
        if not found and required:
            raise PackError(path, "文件夹中没有规则包（.yaml/.yml）/ folder holds no pack files (.yaml/.yml)",
                            hint="check the path given with --pack")
        return found
    if not p.exists():
        raise PackError(path, "no such pack file or folder", hint="check the path given with --pack")
    return [str(p)]


def builtin_files() -> list[str]:
    return pack_files(str(BUILTIN_DIR), required=False) if BUILTIN_DIR.is_dir() else []


def available_files() -> list[str]:
    """Shipped packs that are not loaded by default (provincial examples)."""
    return pack_files(str(PROVINCES_DIR), required=False) if PROVINCES_DIR.is_dir() else []


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
