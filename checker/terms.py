"""Segmentation-aware term matching.

A pack term matches only where it starts and ends on a word boundary of the sentence as jieba
segments it (with the packs' terms added to jieba's dictionary), so 护学 does not match inside
保护学生 and 近视 does not match inside 接近视力. jieba is loaded lazily, and a sentence is
segmented only when some term occurs in it as a substring, so most sentences never reach jieba.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable, Optional


class TermMatcher:
    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({t for t in terms if t}, key=len, reverse=True)
        self.termset = frozenset(self.terms)
        self._tokenizer = None
        self._plain: dict[str, bool] = {}                      # term → matched on word edges?
        self._inner: dict[str, tuple[int, ...]] = {}           # pack term → edges of terms inside it

    def _jieba(self):
        if self._tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            # Pack terms made of several words stay whole; a high frequency makes jieba prefer them.
            for t in self.terms:
                if len(t) >= 2 and not any(ch in t for ch in " +%"):
                    tok.add_word(t, freq=200000)
            self._tokenizer = tok
        return self._tokenizer

    @lru_cache(maxsize=4096)
    def boundaries(self, text: str) -> frozenset[int]:
        tok = self._jieba()
        cuts = {0, len(text)}
        for word, start, end in tok.tokenize(text, HMM=False):
            cuts.add(start)
            cuts.add(end)
            if word in self.termset:
                cuts.update(start + i for i in self._inner_edges(word))
        return frozenset(cuts)

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

        ``limit`` stops after that many hits: ``first`` and ``any`` need only one, and a long
        line may hold a term thousands of times.
        """
        end = len(text) if end is None else end
        hits, i = [], text.find(term, start, end)
        if i < 0:
            return hits
        # Terms that are not plain words (5+2, 100%) and single characters are matched as text.
        cuts = self.boundaries(text) if self._is_plain(term) else None
        while i >= 0:
            if cuts is None or (i in cuts and i + len(term) in cuts):
                hits.append(i)
                if limit is not None and len(hits) >= limit:
                    break
            i = text.find(term, i + 1, end)
        return hits

    def first(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None):
        """(offset, term) of the earliest whole-word occurrence of any of ``terms``, or None."""
        best = None
        for t in terms:
            hits = self.find(text, t, start, end, limit=1)
            if hits and (best is None or hits[0] < best[0]):
                best = (hits[0], t)
        return best

    def any(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None) -> bool:
        return any(self.find(text, t, start, end, limit=1) for t in terms)
