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
                # A pack term made of other pack terms (师德档案 = 师德 + 档案) keeps their edges.
                for t in self.terms:
                    if len(t) < len(word):
                        i = word.find(t)
                        while i >= 0:
                            cuts.update((start + i, start + i + len(t)))
                            i = word.find(t, i + 1)
        return frozenset(cuts)

    def find(self, text: str, term: str, start: int = 0, end: Optional[int] = None) -> list[int]:
        """Start offsets of whole-word occurrences of ``term`` in ``text[start:end]``."""
        end = len(text) if end is None else end
        hits, i = [], text.find(term, start, end)
        if i < 0:
            return hits
        # Terms that are not plain words (5+2, 100%) and single characters are matched as text.
        plain = len(term) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in term)
        cuts = self.boundaries(text) if plain else None
        while i >= 0:
            if cuts is None or (i in cuts and i + len(term) in cuts):
                hits.append(i)
            i = text.find(term, i + 1, end)
        return hits

    def first(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None):
        """(offset, term) of the earliest whole-word occurrence of any of ``terms``, or None."""
        best = None
        for t in terms:
            hits = self.find(text, t, start, end)
            if hits and (best is None or hits[0] < best[0]):
                best = (hits[0], t)
        return best

    def any(self, text: str, terms: Iterable[str], start: int = 0, end: Optional[int] = None) -> bool:
        return any(self.find(text, t, start, end) for t in terms)
