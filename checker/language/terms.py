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

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from .. import regexcache
from .segmenter import BLOCK_START, JIEBA_RUN, OUTSIDE_RUNS, Segmenter

# Sentences whose present terms are remembered. The pipeline forgets them after each report
# (:meth:`TermMatcher.forget_sentences`), so this only bounds one huge report: far more than
# the 12,000 sentences of the benchmark's longest, so every rule's question costs one lookup.
PRESENT_CACHE = 65536
_NONE: frozenset = frozenset()


# Cutting a text just after a character outside jieba's runs ("\r" excepted: jieba keeps "\r\n"
# together) leaves jieba's segmentation unchanged.
_SAFE_CUT = regexcache.compile(f"[^{JIEBA_RUN}\r]")
# Where jieba's blocks end: any character outside its runs ("\r" too: jieba's block pattern
# does not hold it). BLOCK_START finds the last such character before an offset.
_BLOCK_END = OUTSIDE_RUNS
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
        by_first: dict[str, list[str]] = {}
        for t in self.terms:                 # lists, then tuples: linear in the number of terms
            by_first.setdefault(t[0], []).append(t)
        self._by_first = {ch: tuple(ts) for ch, ts in by_first.items()}
        # For :meth:`present`, each term is filed under its character that the fewest terms hold:
        # a term can occur only where that character does, and a sentence holds fewer of the
        # rarer characters (教, 学, 育 begin or hold dozens of terms and occur in most sentences).
        holding: dict[str, int] = {}
        for t in self.terms:
            for ch in set(t):
                holding[ch] = holding.get(ch, 0) + 1
        by_key: dict[str, list[str]] = {}
        for t in self.terms:
            by_key.setdefault(min(t, key=lambda ch: (holding[ch], ch)), []).append(t)
        self._by_key = {ch: tuple(ts) for ch, ts in by_key.items()}
        self._keys = frozenset(self._by_key)

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
            by_key = self._by_key
            hits = [t for ch in self._keys.intersection(text) for t in by_key[ch] if t in text]
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

    def _occurring(self, text: str, terms):
        """Those of ``terms`` that occur anywhere in ``text``, in their order: the only ones that
        may occur as words. Usually none: most rules' subjects are not in most sentences. Only
        terms the matcher knows are in ``present``; with any other, all of ``terms`` may."""
        found = self._present.get(text)
        if found is None:
            found = self.present(text)
        if not self.termset.issuperset(terms):
            return terms
        return [t for t in terms if t in found]

    @lru_cache(maxsize=4096)
    def _edges(self, text: str) -> bytes:
        """For each offset 0..len(text): 1 where a word of the text starts or ends, else 0.

        ``text`` is a sentence (:meth:`boundaries`) or one block of it (:meth:`_whole_at`). Kept
        across reports (boilerplate recurs) as one byte per character, a tenth of what a set of
        offsets takes, so the cache stays small once full.
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
            for i, ch in enumerate(word):    # only the terms starting with a character of the word
                for t in self._by_first.get(ch, ()):
                    if len(t) < len(word) and word.startswith(t, i):
                        found.update((i, i + len(t)))
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
        # The hits are sorted: the window is found by bisection, not by a scan of every hit
        # (a line naming the term 30,000 times is asked about clause by clause).
        hits = self._whole(text, term)
        lo, hi = bisect_left(hits, start), bisect_right(hits, end - len(term))
        if limit is not None:
            hi = min(hi, lo + limit)
        return list(hits[lo:hi])

    @lru_cache(maxsize=4096)
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
                    whole = self._whole_at(text, i, i + len(term))
                    if not whole and text.startswith("率", i + len(term)):
                        # the term's rate as one jieba word ("体质健康|测试率"): the term names it
                        whole = self._whole_at(text, i, i + len(term) + 1)
            if whole:
                found.append(i)
            i = text.find(term, i + 1)
        return tuple(found)

    def _whole_at(self, text: str, start: int, end: int) -> bool:
        """Whether jieba's cut of ``text`` has word edges at ``start`` and ``end``.

        jieba cuts each run of its word characters (a "block": Han, Latin, digits, +#&._%-)
        on its own, so only the block holding text[start:end] is cut: a clause instead of the
        whole sentence, and the same clause recurs far more often than its sentence. A very
        long text goes the old way, since ``_pieces`` may cut a long block where the block's
        own cut would not.
        """
        if len(text) > MAX_PIECE:
            edges = self._edges(text)
            return bool(edges[start] and edges[end])
        if _BLOCK_END.search(text, start, end):
            # a term with a character jieba does not join (U+9FD6 and above): the whole text
            edges = self._edges(text)
            return bool(edges[start] and edges[end])
        m = BLOCK_START.search(text, 0, start)
        lo = m.end() if m else 0
        m = _BLOCK_END.search(text, end)
        hi = m.start() if m else len(text)
        edges = self._edges(text[lo:hi])
        return bool(edges[start - lo] and edges[end - lo])

    def first(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None):
        """(offset, term) of the earliest whole-word occurrence of any of ``terms``, or None."""
        terms = terms if isinstance(terms, (tuple, list)) else tuple(terms)
        best = None
        for t in self._occurring(text, terms):
            hits = self.find(text, t, start, end, limit=1)
            if hits and (best is None or hits[0] < best[0]):
                best = (hits[0], t)
        return best

    def any(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None) -> bool:
        terms = terms if isinstance(terms, (tuple, list)) else tuple(terms)
        return any(self.find(text, t, start, end, limit=1) for t in self._occurring(text, terms))


