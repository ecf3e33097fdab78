"""jieba's cutting with the packs' terms in its dictionary, reading the dictionary as texts need it."""
from __future__ import annotations

import logging
from typing import Iterable

from .. import regexcache
from .dictionary import DamagedCache, PrefixStore, import_jieba

# How strongly jieba is told to keep a pack term whole.
TERM_FREQ = 200000
# Longer than any word of jieba's dictionary or of the packs, for the edge test in Segmenter.crosses.
MAX_WORD = 40
# jieba joins only runs of these characters into words (its re_han_default), cutting each run —
# a "block" — on its own; any other character is a token of its own.
JIEBA_RUN = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
OUTSIDE_RUNS = regexcache.compile(f"[^{JIEBA_RUN}]")
# The last character outside the runs before the end of the searched span (endpos): a block starts after it.
BLOCK_START = regexcache.compile(f"[^{JIEBA_RUN}](?=[{JIEBA_RUN}]*\\Z)")


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
        self._longest = MAX_WORD              # no entry of the dictionary in use is longer
        self.words = tuple(dict.fromkeys(words))
        # how far back a word spanning an offset may start: jieba's words, or a longer pack term
        self._reach = max([MAX_WORD, *map(len, self.words)])
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
        self._longest = 1
        self._tok.total = self._store.total + TERM_FREQ * len(self.words)
        self._tok.initialized = True

    def _use_whole_dictionary(self) -> None:
        """No cache folder: the whole dictionary, read here from jieba's own dict.txt.

        jieba's ``initialize`` would keep its own cache in the shared temporary folder
        (``/tmp/jieba.cache``): it would write 9 MB there, fail with a traceback when another
        user owns that file, and load — with ``marshal`` — whatever file someone planted under
        that name. So its initialisation is done here, with no cache file at all."""
        self._store = None
        jieba = import_jieba()
        self._tok = jieba.Tokenizer()
        fh = self._tok.get_dict_file()          # jieba's own dict.txt, as initialize() opens it
        try:
            self._tok.FREQ, self._tok.total = jieba.Tokenizer.gen_pfdict(fh)
        finally:
            fh.close()
        self._tok.initialized = True
        for w in self.words:
            self._tok.add_word(w, freq=TERM_FREQ)
        self._longest = self._reach

    @property
    def lazy(self) -> bool:
        """Whether the dictionary is read from the cache as texts need it."""
        return self._store is not None

    def _load_for(self, text: str) -> None:
        """Provide every key of ``text`` (its characters and character pairs) before it is cut."""
        if self._store is None:
            return
        keys = {text[i:i + 2] for i in range(len(text) - 1)}
        keys.update(text)
        self._load_keys(keys)

    def _load_keys(self, keys: set) -> None:
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
            added = self._added.get(b, {})
            freq.update(added)
            for p in self._prefixes.get(b, ()):
                freq.setdefault(p, 0)
            self._loaded.add(b)
            self._longest = max(self._longest, max(map(len, words), default=0), max(map(len, added), default=0))
        self._seen |= keys

    def crosses(self, text: str, pos: int) -> bool:
        """Whether a dictionary word could span offset ``pos`` of ``text`` (start < pos < end).

        When none can, every cut jieba makes of ``text`` has an edge at ``pos``: its tokens are
        dictionary words or single characters (Han characters are never merged otherwise). This
        is jieba's own DAG walk (``get_DAG``), done only for the words that start before ``pos``
        within its block: jieba cuts each run of its word characters on its own, so a word never
        spans a character outside them, and such a character at ``pos - 1`` or ``pos`` is an edge.
        """
        if pos <= 0 or pos >= len(text) or OUTSIDE_RUNS.match(text, pos):
            return False
        a = max(0, pos - self._reach)
        m = BLOCK_START.search(text, a, pos)
        lo = m.end() if m else a
        if lo >= pos:
            return False
        if self._store is not None:
            # the keys of the words that may start in [lo, pos): a word's bucket is keyed by its
            # first two characters, the one-character fragment text[pos-1] by itself
            keys = {text[k:k + 2] for k in range(lo, pos)}
            keys.add(text[pos - 1])
            if not keys <= self._seen:
                self._load_keys(keys)
        # Only words that start within the longest entry's reach of pos can span it (the
        # dictionary's words are at most 16 characters; _reach stays the bound of the window).
        lo = max(lo, pos - self._longest + 1)
        freq = self._tok.FREQ
        for k in range(pos - 1, lo - 1, -1):
            if text[k:pos] not in freq:       # no word starting at k reaches pos
                continue
            for m in range(pos + 1, min(len(text), k + self._longest) + 1):
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
