"""Segmentation-aware term matching.

A pack term matches only where it starts and ends on a word boundary of the sentence as jieba
segments it (with the packs' terms added to jieba's dictionary), so 护学 does not match inside
保护学生 and 近视 does not match inside 接近视力. jieba is loaded lazily, and a sentence is
segmented only when some term occurs in it as a substring, so most sentences never reach jieba.

Two things keep this cheap (see docs/performance.md for the profiles behind them):

* Which pack terms occur in a sentence at all is worked out once per sentence
  (:meth:`TermMatcher.present`), so the many rules that ask "does this sentence name my
  subject?" of a sentence that names none are answered by one set operation each.
* jieba's dictionary (350,000 words, about a second to load) is not loaded whole. jieba's
  cutting looks up only a sentence's characters and words starting with one of its character
  pairs, so :class:`PrefixStore` keeps the dictionary in a cache file in buckets by a word's
  first two characters, and :class:`Segmenter` reads the buckets a sentence needs, then lets
  jieba's own code cut it: the words found are those of the whole dictionary, from a few
  percent of the loading. ``python -m benchmarks.segmentation`` checks that, sentence by
  sentence.
"""
from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import re
import struct
import sys
import tempfile
import zlib
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Iterable, Iterator, Optional

# How strongly jieba is told to keep a pack term whole.
TERM_FREQ = 200000
# Longer than any word of jieba's dictionary or of the packs, for the edge test in Segmenter.crosses.
MAX_WORD = 40
# Sentences whose present terms are remembered. The pipeline forgets them after each report
# (:meth:`TermMatcher.forget_sentences`), so this only bounds one huge report: far more than
# the 12,000 sentences of the benchmark's longest, so every rule's question costs one lookup.
PRESENT_CACHE = 65536
_NONE: frozenset = frozenset()


# jieba joins only runs of these characters into words; any other character is a token of its
# own. Cutting a text just after such a character ("\r" excepted: jieba keeps "\r\n" together)
# therefore leaves jieba's segmentation unchanged.
_JIEBA_RUN = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
_SAFE_CUT = re.compile(f"[^{_JIEBA_RUN}\r]")
# Longest piece of text given to jieba at once. Its word graph costs some 500 bytes per
# character, so a megabyte-long "sentence" (a line without punctuation) is cut in pieces.
MAX_PIECE = 4096


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` in pieces of at most ``MAX_PIECE`` characters.

    Each cut is made after the last safe character in the second half of the piece. A run of
    thousands of Han or Latin characters without one is cut hard: the only case where the word
    at the seam may come out differently from one whole cut.
    """
    start, n = 0, len(text)
    while n - start > MAX_PIECE:
        lo, hi = start + MAX_PIECE // 2, start + MAX_PIECE
        cut = hi
        for m in _SAFE_CUT.finditer(text, lo, hi):
            cut = m.end()
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


class TermMatcher:
    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({t for t in terms if t}, key=len, reverse=True)
        self.termset = frozenset(self.terms)
        self._segmenter: Optional[Segmenter] = None
        self._plain: dict[str, bool] = {}                      # term → matched on word edges?
        self._inner: dict[str, tuple[int, ...]] = {}           # pack term → edges of terms inside it
        self._by_first: dict[str, tuple[str, ...]] = {}        # first character → terms
        self._present: dict[str, frozenset] = {}               # sentence → terms in it (one report's)
        self._index = None                                     # (sentences, term → their positions)
        for t in self.terms:
            self._by_first[t[0]] = self._by_first.get(t[0], ()) + (t,)

    def _jieba(self) -> "Segmenter":
        if self._segmenter is None:
            # Pack terms made of several words stay whole; a high frequency makes jieba prefer them.
            self._segmenter = Segmenter(t for t in self.terms
                                        if len(t) >= 2 and not any(ch in t for ch in " +%"))
        return self._segmenter

    def present(self, text: str) -> frozenset:
        """The pack terms that occur in ``text`` as plain substrings (word edges not checked)."""
        found = self._present.get(text)
        if found is None:
            if len(self._present) >= PRESENT_CACHE:
                self._present.clear()
            hits = [t for ch in self._by_first.keys() & set(text) for t in self._by_first[ch] if t in text]
            found = self._present[text] = frozenset(hits) if hits else _NONE
        return found

    def forget_sentences(self) -> None:
        """Drop what was remembered about one report's sentences, so a batch's memory stays flat."""
        self._present.clear()
        self._index = None

    def naming(self, sentences, terms) -> list:
        """The sentences (objects with a ``text``) in which one of ``terms`` occurs at all, in order.

        A superset of the sentences that name the subject as a word — exactly those for which
        :meth:`any` may be true — found from one index of the report's sentences (built on the
        first call for a sentence tuple) instead of by asking every rule about every sentence.
        """
        terms = terms if isinstance(terms, (tuple, list)) else tuple(terms)
        if not self.termset.issuperset(terms):
            return list(sentences)
        if self._index is None or self._index[0] is not sentences:
            by_term: dict[str, list[int]] = {}
            for i, s in enumerate(sentences):
                for t in self.present(s.text):
                    by_term.setdefault(t, []).append(i)
            self._index = (sentences, by_term)
        by_term = self._index[1]
        hits: set[int] = set()
        for t in terms:
            hits.update(by_term.get(t, ()))
        return [sentences[i] for i in sorted(hits)]

    def _absent(self, text: str, terms) -> bool:
        """True when none of ``terms`` occurs anywhere in ``text`` — so in no part of it either.

        The usual answer: most rules' subjects are not in most sentences. Only terms the matcher
        knows are in ``present``; for any other the answer is "maybe".
        """
        found = self._present.get(text)
        if found is None:
            found = self.present(text)
        return found.isdisjoint(terms) and self.termset.issuperset(terms)

    @lru_cache(maxsize=4096)
    def _edges(self, text: str) -> bytes:
        """For each offset 0..len(text): 1 where a word of the sentence starts or ends, else 0.

        Kept across reports (boilerplate sentences recur) as one byte per character, a tenth of
        what a set of offsets takes, so the cache stays small once full.
        """
        edges = bytearray(len(text) + 1)
        edges[0] = edges[-1] = 1
        segmenter = self._jieba()
        for offset, piece in _pieces(text):
            for word, start, end in segmenter.tokenize(piece):
                edges[offset + start] = edges[offset + end] = 1
                if word in self.termset:
                    for i in self._inner_edges(word):
                        edges[offset + start + i] = 1
        return bytes(edges)

    def boundaries(self, text: str) -> frozenset[int]:
        """Offsets where a word starts or ends, as jieba cuts ``text`` with the pack terms added."""
        return frozenset(i for i, edge in enumerate(self._edges(text)) if edge)

    def _inner_edges(self, word: str) -> tuple[int, ...]:
        """Offsets in ``word`` where a shorter pack term inside it starts or ends.

        A pack term made of other pack terms (师德档案 = 师德 + 档案) keeps their edges. Worked
        out once per term, not once per occurrence: a long report names the same terms
        thousands of times.
        """
        edges = self._inner.get(word)
        if edges is None:
            found: set[int] = set()
            for t in self.terms:
                if len(t) < len(word):
                    i = word.find(t)
                    while i >= 0:
                        found.update((i, i + len(t)))
                        i = word.find(t, i + 1)
            edges = self._inner[word] = tuple(sorted(found))
        return edges

    def _is_plain(self, term: str) -> bool:
        """Han words of 2+ characters match on word edges; other terms (5+2, 100%) as text."""
        plain = self._plain.get(term)
        if plain is None:
            plain = self._plain[term] = len(term) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in term)
        return plain

    def find(self, text: str, term: str, start: int = 0, end: Optional[int] = None, *,
             limit: Optional[int] = None) -> list[int]:
        """Start offsets of whole-word occurrences of ``term`` in ``text[start:end]``.

        ``limit`` stops after that many hits: ``first`` and ``any`` need only one.
        """
        end = len(text) if end is None else end
        if text.find(term, start, end) < 0:
            return []
        hits = [i for i in self._whole(text, term) if start <= i and i + len(term) <= end]
        return hits[:limit] if limit is not None else hits

    @lru_cache(maxsize=16384)
    def _whole(self, text: str, term: str) -> tuple[int, ...]:
        """Every whole-word occurrence of ``term`` in ``text`` (asked for again by rule after rule,
        clause after clause, so worked out once per sentence and term)."""
        found, i = [], text.find(term)
        # Terms that are not plain words (5+2, 100%) and single characters are matched as text.
        plain = self._is_plain(term)
        edges = None
        while i >= 0:
            whole = True
            if plain:
                # Most occurrences sit between characters no dictionary word joins: those edges
                # are jieba's cuts whatever the rest of the sentence says, and need no segmenting.
                seg = self._jieba()
                if seg.crosses(text, i) or seg.crosses(text, i + len(term)):
                    edges = edges if edges is not None else self._edges(text)
                    whole = bool(edges[i] and edges[i + len(term)])
            if whole:
                found.append(i)
            i = text.find(term, i + 1)
        return tuple(found)

    def first(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None):
        """(offset, term) of the earliest whole-word occurrence of any of ``terms``, or None."""
        terms = terms if isinstance(terms, (tuple, list)) else tuple(terms)
        if self._absent(text, terms):
            return None
        best = None
        for t in terms:
            hits = self.find(text, t, start, end, limit=1)
            if hits and (best is None or hits[0] < best[0]):
                best = (hits[0], t)
        return best

    def any(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None) -> bool:
        terms = terms if isinstance(terms, (tuple, list)) else tuple(terms)
        if self._absent(text, terms):
            return False
        return any(self.find(text, t, start, end, limit=1) for t in terms)


# ---------------------------------------------------------------- segmenting
class Segmenter:
    """jieba's cutting (no HMM) with ``words`` added to its dictionary at frequency TERM_FREQ.

    The cut is jieba's own code; only where its dictionary comes from changes. jieba looks up
    a text's single characters and words starting with one of its two-character substrings,
    nothing else. With a :class:`PrefixStore` the tokenizer's dictionary starts empty and,
    before a text is cut, receives the store's buckets holding those keys — every entry in them
    a true entry of the whole dictionary — merged with the added words exactly as
    ``Tokenizer.add_word`` would have: an added word takes its new frequency, and a prefix of
    one that the dictionary lacks is entered with frequency 0. Without a store (no writable
    cache folder, or ``GOVEDU_CHECK_NO_CACHE`` set) the whole dictionary is loaded as jieba does,
    and so it is when the store turns out to be damaged (the file is deleted, to be rebuilt by
    the next run).
    """

    def __init__(self, words: Iterable[str]):
        import_jieba().setLogLevel(logging.WARNING)
        self.words = tuple(dict.fromkeys(words))
        self._store = PrefixStore.open()
        if self._store is None:
            self._use_whole_dictionary()
            return
        self._tok = import_jieba().Tokenizer()
        bucket = self._store.bucket_of
        self._added: dict[int, dict[str, int]] = {}     # bucket → {added word: freq}
        self._prefixes: dict[int, list[str]] = {}       # bucket → prefixes of added words
        for w in self.words:
            self._added.setdefault(bucket(w), {})[w] = TERM_FREQ
            for k in range(1, len(w)):
                self._prefixes.setdefault(bucket(w[:k]), []).append(w[:k])
        self._seen: set[str] = set()          # keys (characters, character pairs) already provided
        self._loaded: set[int] = set()        # buckets merged into the tokenizer's dictionary
        self._tok.FREQ = {}
        self._tok.total = self._store.total + TERM_FREQ * len(self.words)
        self._tok.initialized = True

    def _use_whole_dictionary(self) -> None:
        self._store = None
        self._tok = import_jieba().Tokenizer()
        for w in self.words:
            self._tok.add_word(w, freq=TERM_FREQ)      # the first one loads the whole dictionary

    @property
    def lazy(self) -> bool:
        """Whether the dictionary is read from the cache as texts need it."""
        return self._store is not None

    def _load_for(self, text: str) -> None:
        if self._store is None:
            return
        keys = {text[i:i + 2] for i in range(len(text) - 1)}
        keys.update(text)
        keys -= self._seen
        if not keys:
            return
        freq, bucket = self._tok.FREQ, self._store.bucket_of
        for b in {bucket(k) for k in keys} - self._loaded:
            try:
                words = self._store.bucket(b)
            except DamagedCache:
                self._store.delete()
                self._use_whole_dictionary()
                return
            freq.update(words)
            freq.update(self._added.get(b, ()))
            for p in self._prefixes.get(b, ()):
                freq.setdefault(p, 0)
            self._loaded.add(b)
        self._seen |= keys

    def crosses(self, text: str, pos: int) -> bool:
        """Whether a dictionary word could span offset ``pos`` of ``text`` (start < pos < end).

        When none can, every cut jieba makes of ``text`` has an edge at ``pos``: its tokens are
        dictionary words or single characters (Han characters are never merged otherwise). This
        is jieba's own DAG walk (``get_DAG``), done only for the words that start before ``pos``.
        """
        if pos <= 0 or pos >= len(text):
            return False
        lo = max(0, pos - MAX_WORD)
        self._load_for(text[lo:pos + MAX_WORD])
        freq = self._tok.FREQ
        for k in range(pos - 1, lo - 1, -1):
            if text[k:pos] not in freq:       # no word starting at k reaches pos
                continue
            for m in range(pos + 1, min(len(text), k + MAX_WORD) + 1):
                frag = text[k:m]
                if frag not in freq:
                    break
                if freq[frag]:
                    return True
        return False

    def tokenize(self, text: str):
        """(word, start, end) as ``jieba.Tokenizer.tokenize(text, HMM=False)``."""
        self._load_for(text)
        return self._tok.tokenize(text, HMM=False)

    def cut(self, text: str) -> list[str]:
        """Words as ``jieba.Tokenizer.cut(text, HMM=False)``."""
        self._load_for(text)
        return list(self._tok.cut(text, HMM=False))


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
    try:
        import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


# ---------------------------------------------------------------- the dictionary cache
CACHE_FORMAT = 3
BUCKETS = 1 << 16
_MAGIC = "govedu-check jieba prefix dictionary"
_SLOT = struct.Struct("<III")         # (offset, length, CRC-32) of a bucket's JSON in the body


class DamagedCache(Exception):
    """A bucket of the cache file that does not read back as it was written."""


def cache_dir() -> Optional[Path]:
    """Per-user cache folder (``GOVEDU_CHECK_CACHE_DIR`` overrides it), as ruff and pip keep theirs."""
    if os.environ.get("GOVEDU_CHECK_NO_CACHE"):
        return None
    override = os.environ.get("GOVEDU_CHECK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "govedu-check" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govedu-check"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govedu-check"


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
    return True
