"""jieba's dictionary in a cache file, in CRC-checked buckets by a word's first two characters."""
from __future__ import annotations

import hashlib
import json
import mmap
import os
import struct
import sys
import tempfile
import types
import zlib
from importlib.util import find_spec
from pathlib import Path
from typing import Optional

from ..cache import cache_dir, prune


def import_jieba():
    """``import jieba``, without the ``pkg_resources`` import jieba tries first.

    jieba imports ``pkg_resources`` only to open its own dictionary file and falls back to a
    plain ``open`` when it is missing; importing it takes four times as long as jieba itself
    (it scans every installed distribution). It is hidden while jieba loads, then left as it
    was, so other code can still import it.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None      # makes ``import pkg_resources`` raise ImportError
    hmm = "jieba.finalseg" not in sys.modules
    if hmm:
        sys.modules["jieba.finalseg"] = _HmmOnDemand("jieba.finalseg")
    try:
        import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
        if hmm and isinstance(sys.modules.get("jieba.finalseg"), _HmmOnDemand):
            del sys.modules["jieba.finalseg"]    # a later ``import jieba.finalseg`` gets the real one
    return jieba


class _HmmOnDemand(types.ModuleType):
    """Stands in for ``jieba.finalseg`` (the HMM for unknown words, a sixth of jieba's import
    time) while jieba loads: the checker cuts with ``HMM=False`` and never calls it. Any use of
    it imports the real module and hands it to jieba, so jieba still works with the HMM on."""

    def _real(self):
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        jieba = sys.modules.get("jieba")
        if jieba is not None and jieba.__dict__.get("finalseg") is self:
            jieba.finalseg = real
        return real

    def __getattr__(self, attr: str):
        return getattr(self._real(), attr)

    def __setattr__(self, attr: str, value) -> None:    # a change to the HMM lands on the real one
        setattr(self._real(), attr, value)


CACHE_FORMAT = 3
# Dictionary files kept (7.5 MB each, one per jieba installation: every new virtual environment
# or upgrade makes another); building a new one deletes the oldest beyond this (cache.prune).
KEEP_FILES = 3
BUCKETS = 1 << 16
_MAGIC = "govedu-check jieba prefix dictionary"
_SLOT = struct.Struct("<III")         # (offset, length, CRC-32) of a bucket's JSON in the body


class DamagedCache(Exception):
    """A bucket of the cache file that does not read back as it was written."""


def _jieba_dictionary() -> Optional[Path]:
    """jieba's main dictionary file, found without importing jieba."""
    spec = find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def _key(word: str) -> str:
    """The bucket key of a dictionary word: its first two characters (one for a one-character word)."""
    return word[:2]


class PrefixStore:
    """jieba's prefix dictionary in a cache file, read a bucket at a time.

    A bucket holds the words whose key (first two characters; the character itself for a
    one-character word) hashes to it with CRC-32. The file is derived from jieba's own
    ``dict.txt`` by jieba's own ``gen_pfdict`` and named after that file's path, size and
    modification time, so another jieba gets another file. Layout: a JSON header line (format,
    the dictionary's total frequency, number of buckets), then a table of (offset, length,
    CRC-32) per bucket, then each bucket as a JSON object of word → frequency. It is data only —
    read with ``json.loads`` and type-checked, nothing in it is executed — and it is written to
    a temporary file and renamed, so a reader never sees half of one. A bucket whose CRC or
    content is wrong raises :class:`DamagedCache`.
    """

    def __init__(self, path: Path, data: mmap.mmap, total: int, buckets: int, table: int):
        self.path, self._data, self.total = path, data, total
        self._mask, self._table, self._body = buckets - 1, table, table + buckets * _SLOT.size

    def bucket_of(self, key: str) -> int:
        return zlib.crc32(_key(key).encode("utf-8")) & self._mask

    def bucket(self, b: int) -> dict[str, int]:
        start, length, crc = _SLOT.unpack_from(self._data, self._table + b * _SLOT.size)
        if not length:
            return {}
        blob = self._data[self._body + start:self._body + start + length]
        try:
            words = json.loads(blob) if zlib.crc32(blob) == crc else None
        except ValueError:          # JSON or UTF-8 that does not decode
            words = None
        if not isinstance(words, dict) or not set(map(type, words.values())) <= {int}:
            raise DamagedCache(f"{self.path}: bucket {b} is damaged")
        return words

    def delete(self) -> None:
        """Remove the file (a damaged one), so that the next run builds it again."""
        self._data.close()
        try:
            self.path.unlink()
        except OSError:
            pass

    @classmethod
    def open(cls) -> Optional["PrefixStore"]:
        """The store for the installed jieba, built the first time; None if it cannot be had."""
        folder, source = cache_dir(), _jieba_dictionary()
        if folder is None or source is None:
            return None
        st = source.stat()
        key = hashlib.sha256(f"{CACHE_FORMAT}|{source.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()
        path = folder / f"jieba-prefix-{key[:16]}.bin"
        store = cls._read(path)
        if store is None:
            _remove_stale_temporaries(folder)
        if store is None and _build(source, path):
            store = cls._read(path)
        return store

    @classmethod
    def _read(cls, path: Path) -> Optional["PrefixStore"]:
        try:
            with open(path, "rb") as fh:
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        end = data.find(b"\n")
        try:
            head = json.loads(data[:end]) if end > 0 else None
            buckets = head["buckets"]
            ok = (head["magic"] == _MAGIC and head["format"] == CACHE_FORMAT and isinstance(head["total"], int)
                  and isinstance(buckets, int) and buckets > 0 and buckets & (buckets - 1) == 0
                  and len(data) >= end + 1 + buckets * _SLOT.size)
        except (ValueError, TypeError, KeyError):
            ok = False
        if not ok:
            data.close()
            return None
        return cls(path, data, head["total"], buckets, end + 1)


# A build takes seconds; a temporary file older than this was left by a build that was killed.
STALE_TEMPORARY_SECONDS = 600


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete ``.jieba-prefix-*`` files a killed build left behind (SIGKILL runs no cleanup)."""
    import time

    try:
        candidates = list(folder.glob(".jieba-prefix-*"))
    except OSError:
        return
    limit = time.time() - STALE_TEMPORARY_SECONDS
    for tmp in candidates:
        try:
            st = tmp.lstat()
            if st.st_mtime < limit and (not hasattr(os, "getuid") or st.st_uid == os.getuid()):
                tmp.unlink()
        except OSError:
            pass


def _build(source: Path, path: Path) -> bool:
    """Write the prefix dictionary of ``source`` to ``path``; False if it cannot be written."""
    jieba = import_jieba()
    with open(source, "rb") as fh:
        freq, total = jieba.Tokenizer.gen_pfdict(fh)
    groups: list[dict[str, int]] = [{} for _ in range(BUCKETS)]
    for word, f in freq.items():
        groups[zlib.crc32(_key(word).encode("utf-8")) & (BUCKETS - 1)][word] = f
    table, body, pos = bytearray(), [], 0
    for words in groups:
        blob = json.dumps(words, ensure_ascii=False, separators=(",", ":")).encode("utf-8") if words else b""
        table += _SLOT.pack(pos, len(blob), zlib.crc32(blob))
        body.append(blob)
        pos += len(blob)
    head = json.dumps({"magic": _MAGIC, "format": CACHE_FORMAT, "total": total, "buckets": BUCKETS,
                       "source": str(source)}, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".jieba-prefix-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(head + b"\n")
                out.write(table)
                out.writelines(body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    prune(path.parent, "jieba-prefix-*.bin", KEEP_FILES, spare=path)
    return True
