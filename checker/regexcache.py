"""The checker's regular expressions, compiled once and kept in the cache folder between runs.

Why: ``re`` compiles a character class by visiting every code point of each of its ranges in
Python — about 1 ms for the Han range 一-鿿 alone — so the ~150 patterns the checker compiles
at import cost about 40 ms of a 0.19 s cold check (docs/performance.md). As Python keeps a
module's compiled bytecode in ``__pycache__``, :func:`compile` keeps each pattern's compiled
code in ``<cache>/regex/<python>.marshal`` and, in a later process, makes the pattern from it
with ``_sre.compile`` — the last step of ``re.compile`` — instead of parsing and compiling again.

What comes back is the Pattern ``re.compile`` gives: an entry is kept only if the pattern made
from it compares equal to ``re.compile``'s (Pattern equality compares the text, the flags and
the compiled code), and the file is named by the Python version and the regex engine's MAGIC
and CODESIZE, which change with the code's format. Anything unexpected — no cache folder,
``GOVEDU_CHECK_NO_CACHE=1``, a file that cannot be read or holds something else, a Python whose
``re`` internals differ — and the pattern is compiled by ``re.compile`` as usual.

Only fixed patterns of the checker's own code come here; a pattern built from user input (a
file glob, a config key) goes to ``re.compile``, so the file stays bounded. The file is written
at exit by a process that compiled a pattern the file lacked, atomically (another process
reads the old file or the new one, never half of one); the bytecode files Python writes next
to the modules are read with the same ``marshal`` and trusted the same way.
"""
from __future__ import annotations

import atexit
import marshal
import re
import sys
from array import array
from pathlib import Path
from typing import Optional

import _sre

try:                                    # the parser and code generator behind re.compile
    from re import _compiler as _sre_compiler, _parser as _sre_parser
except ImportError:                     # Python 3.10
    import sre_compile as _sre_compiler  # type: ignore[no-redef]
    import sre_parse as _sre_parser      # type: ignore[no-redef]

FORMAT = "govedu-check regex 2"
# The compiled code is kept as the bytes of an array of code words, not as a list of ints:
# marshal reads bytes as one copy, while a list costs an int object per word, and a file that
# held old patterns' codes that way (up to a thousand, some of 17,000 words) took 45 ms to read
# at every start. Only the patterns a run compiles are turned back into lists.
_WORD = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
# More entries than the checker has patterns means patterns of older code: keep this run's only.
MAX_ENTRIES = 1000
# Files of other Python versions kept beside this one's (cache.prune).
KEEP_FILES = 4


class _Store:
    def __init__(self, path: Optional[Path], entries: dict):
        self.path = path
        self.entries = entries           # (pattern, flags) -> (flags, code bytes, groups - 1, groupindex, indexgroup)
        self.used: set = set()
        self.added = 0


_store: Optional[_Store] = None


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 — the same name as re.compile
    """``re.compile(pattern, flags)``, from the kept code when this Python compiled it before."""
    store = _store or _open()
    flags = int(flags)
    key = (pattern, flags)
    entry = store.entries.get(key)
    if entry is not None:
        try:
            compiled = _from_entry(pattern, entry)
        except Exception:               # noqa: BLE001 — a foreign or damaged entry: compile it anew
            del store.entries[key]
        else:
            store.used.add(key)
            return compiled
    compiled = re.compile(pattern, flags)
    if store.path is not None:
        entry = _entry(pattern, flags, compiled)
        if entry is not None:
            store.entries[key] = entry
            store.used.add(key)
            if not store.added:
                atexit.register(_save, store)
            store.added += 1
    return compiled


def cache_file() -> Optional[Path]:
    """Where this Python's compiled patterns are kept, or None without a cache folder."""
    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    version = ".".join(str(n) for n in sys.version_info[:3])
    name = f"{sys.implementation.cache_tag}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"
    return folder / "regex" / name


def _open() -> _Store:
    global _store
    path = cache_file()
    entries: dict = {}
    if path is not None:
        try:
            data = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            data = None
        if isinstance(data, tuple) and len(data) == 2 and data[0] == FORMAT and isinstance(data[1], dict):
            entries = data[1]
    _store = _Store(path, entries)
    return _store


def _from_entry(pattern: str, entry: tuple) -> re.Pattern:
    flags, code, *rest = entry
    words = array(_WORD)
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), *rest)


def _entry(pattern: str, flags: int, compiled: re.Pattern) -> Optional[tuple]:
    """What ``_sre.compile`` needs after the pattern, as ``re.compile`` worked it out, the code as
    bytes; None unless the pattern made from it is the one ``re.compile`` made."""
    if _WORD is None:
        return None
    try:
        parsed = _sre_parser.parse(pattern, flags)
        code = [int(c) for c in _sre_compiler._code(parsed, flags)]
        groups = parsed.state.groups
        index = dict(parsed.state.groupdict)
        names: list = [None] * groups
        for name, i in index.items():
            names[i] = name
        entry = (int(flags | parsed.state.flags), array(_WORD, code).tobytes(), groups - 1, index, tuple(names))
        if _from_entry(pattern, entry) == compiled:
            return entry
    except Exception:                   # noqa: BLE001 — internals not as expected: nothing is kept
        pass
    return None


def _save(store: _Store) -> None:
    entries = store.entries
    if len(entries) > MAX_ENTRIES:
        entries = {k: entries[k] for k in store.used if k in entries}
    from .cache import prune, write_atomically

    try:
        write_atomically(store.path, marshal.dumps((FORMAT, entries)), ".regex-")
    except (OSError, ValueError):
        return                          # no file: the patterns are compiled again next time
    prune(store.path.parent, "*.marshal", KEEP_FILES, spare=store.path)    # other Pythons' files
