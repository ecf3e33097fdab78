"""Loaded packs kept in the cache folder, so a check does not parse and build the YAML every run.

:func:`load_packs_cached` is :func:`checker.packs.loading.load_packs` with a memory: the resolved
packs of a set of pack files are kept in ``<cache>/packs/<key>.pickle``, and a later run with the
same files loads them from there (about 2 ms instead of about 30 ms of CPU; docs/performance.md).

The key is the SHA-256 of everything that decides what loading gives: the path and the bytes
of every pack file in loading order, the code that checks and builds packs with the limits,
schema and version (the digest the valid-pack marker uses, ``build._checking_code``), the
source of the model and of this package's resolving code, and the Python version. Any change
to one of them is another key, and the packs are loaded from their files again. Cached packs
carry no ``source`` (the parsed YAML; nothing after loading reads it).

The file is read back with a restricted unpickler: it can make only the checker's own classes
(``checker.*``) and a few containers of the standard library, never call anything else, so a
file someone else wrote into the cache folder cannot run code. A file that cannot be read back
is ignored and written again. Nothing is cached without a writable cache folder or with
``GOVEDU_CHECK_NO_CACHE=1``; a pack that fails to load raises as before and is never cached.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Iterable, Optional

from ..model import Pack

FORMAT = b"govedu-check packs 1"
# Loaded-pack files kept (each 0.2–0.8 MB): one per set of pack texts and checker code, so a
# pack being edited or a new version adds one; the oldest beyond this are deleted (cache.prune).
KEEP_FILES = 32
_SAFE_BUILTINS = {("builtins", "frozenset"), ("builtins", "set"), ("builtins", "tuple"), ("builtins", "list"),
                  ("builtins", "dict"), ("builtins", "complex"), ("builtins", "bytearray"),
                  ("datetime", "date"), ("datetime", "datetime"), ("decimal", "Decimal"),
                  ("collections", "OrderedDict")}


class _Refused(pickle.UnpicklingError):
    pass


class _CheckerOnly(pickle.Unpickler):
    """Makes only classes defined in the checker's own modules (and a few harmless containers)."""

    def find_class(self, module: str, name: str):
        if (module, name) in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if (module == "checker" or module.startswith("checker.")) and "." not in name:
            found = getattr(sys.modules.get(module) or __import__(module, fromlist=[name]), name, None)
            if isinstance(found, type) and getattr(found, "__module__", "").startswith("checker"):
                return found
        raise _Refused(f"{module}.{name} is not a checker class")


def _code_digest() -> bytes:
    from ..kinds import kind_sources
    from . import build, source as limits

    pack_limits = repr(sorted((k, v) for k, v in vars(limits).items() if k.startswith("MAX_")))
    h = hashlib.sha256(build._checking_code(tuple(sorted(kind_sources())), pack_limits))
    here = Path(__file__).resolve().parent
    for f in sorted(set(here.glob("*.py")) | {here.parent / "model.py"}):
        h.update(hashlib.sha256(f.read_bytes()).digest())
    h.update(sys.version.encode())
    return h.digest()


def cache_file(files: list[str]) -> Optional[Path]:
    """Where the packs of these files are kept, or None (no cache folder, or a file unreadable)."""
    from ..cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256(FORMAT)
    h.update(_code_digest())
    for f in files:
        try:
            data = Path(f).read_bytes()
        except OSError:
            return None                 # loading reports it, with its own message
        h.update(hashlib.sha256(os.fsencode(str(Path(f).resolve()))).digest())
        h.update(hashlib.sha256(data).digest())
    return folder / "packs" / f"{h.hexdigest()}.pickle"


def _read(path: Path) -> Optional[list[Pack]]:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        packs = _CheckerOnly(io.BytesIO(data)).load()
    except Exception:                   # noqa: BLE001 — a bad cache file is ignored and rewritten
        return None
    if not isinstance(packs, list) or not all(isinstance(p, Pack) for p in packs):
        return None
    return packs


def _write(path: Path, packs: list[Pack]) -> None:
    stripped = [dataclasses.replace(p, source=None) if hasattr(p, "source") else p for p in packs]
    from ..cache import prune, write_atomically

    try:
        write_atomically(path, pickle.dumps(stripped, protocol=pickle.HIGHEST_PROTOCOL), ".packs-")
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return                          # no cache: the packs are simply loaded again next time
    prune(path.parent, "*.pickle", KEEP_FILES, spare=path)


def load_packs_cached(extra: Iterable[str] = (), builtin: bool = True) -> list[Pack]:
    """:func:`load_packs`, from the cache when these very files were loaded by this very code before."""
    from .. import packs as package
    from .loading import gather_files

    extra = list(extra)
    where = cache_file(gather_files(extra, builtin))
    if where is not None:
        packs = _read(where)
        if packs is not None:
            return packs
    packs = package.load_packs(extra, builtin)      # through the package, as callers (and tests) see it
    if where is not None:
        _write(where, packs)
    return packs
