"""Where packs are: the shipped national and provincial folders, a --pack file or folder, the schemas."""
from __future__ import annotations

import re
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


def optional_dirs() -> list[Path]:
    """Every folder under policies/ other than national/ (provinces/, a future supervision/ …): its
    packs ship with the package and load by id (``--pack province.shandong``), never by default."""
    if not POLICIES_DIR.is_dir():
        return []
    return sorted(d for d in POLICIES_DIR.iterdir() if d.is_dir() and d.name != BUILTIN_DIR.name
                  and not d.name.startswith((".", "_")))


def looks_like_id(value: str) -> bool:
    """``province.shandong``: no folder separator and no YAML suffix (a path would have one)."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value)) and not value.endswith((".yaml", ".yml"))


def pack_files(path: str, required: bool = True) -> list[str]:
    """The pack files of a --pack value: a file, a folder, or the id of a built-in pack.

    A folder holding none is an error (``required``): a mistyped folder would otherwise run
    the check without the pack the user asked for."""
    p = Path(path)
    if p.is_dir():
        found = sorted(str(f) for f in p.rglob("*.y*ml") if f.suffix in (".yaml", ".yml"))
        if not found and required:
            raise PackError(path, "文件夹中没有规则包（.yaml/.yml）/ folder holds no pack files (.yaml/.yml)",
                            hint="检查 --pack 给出的路径 (check the path given with --pack)")
        return found
    if p.exists():
        return [str(p)]
    if looks_like_id(str(path)):
        by_id = dict((pid, f) for f, pid in builtin_pack_ids())
        if str(path) in by_id:
            return [by_id[str(path)]]
        import difflib

        close = difflib.get_close_matches(str(path), list(by_id), n=1, cutoff=0.6)
        hint = (f"您是不是要用 {close[0]}？/ did you mean {close[0]}? " if close else "") + \
            "内置规则包 / built-in packs: " + ", ".join(sorted(by_id)) + "（`govedu-check packs list`）"
        raise PackError(path, "没有这个规则包：既不是文件或文件夹，也不是内置规则包的编号 / "
                        "no such pack file, folder or built-in pack id", hint=hint)
    raise PackError(path, "没有这个规则包文件或文件夹 / no such pack file or folder",
                    hint="检查 --pack 给出的路径，或写内置规则包的编号，如 province.shandong "
                         "(check the path given with --pack, or give a built-in pack id)")


def builtin_files() -> list[str]:
    return pack_files(str(BUILTIN_DIR), required=False) if BUILTIN_DIR.is_dir() else []


def available_files() -> list[str]:
    """Shipped packs that are not loaded by default: every folder under policies/ but national/."""
    return [f for d in optional_dirs() for f in pack_files(str(d), required=False)]


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


def builtin_pack_ids() -> tuple:
    """(path, pack id) of every shipped pack, loaded by default or not."""
    return _available_ids(tuple(builtin_files() + available_files()))


def display_path(path: str) -> str:
    """A path relative to the working folder when it is inside it (built-in packs are absolute)."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:          # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
