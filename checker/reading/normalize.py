"""Turn a decoded report into text ready for keyword matching, keeping a map back.

Four steps, in this order:

0. drop invisible format characters (zero-width space/joiners, word joiner, soft hyphen, BOM,
   variation selectors, tag characters, bidi controls): a ``8\u200b0%`` reads as ``80%`` and
   ``巩\u200b固率`` as ``巩固率``, so an invisible character can neither hide a figure from a rule
   nor change it (``INVISIBLE`` lists them; findings quoting such text say so);
1. strip pinyin that some web pages insert after Han characters (``領(lǐng)導(dǎo)`` → ``領導``);
2. NFKC, so full-width digits, letters and punctuation become ASCII (``２０２１`` → ``2021``,
   ``％`` → ``%``, ``（一）`` → ``(一)``);
3. Traditional → Simplified script with OpenCC (``護學崗`` → ``护学岗``).

Every step carries ``origin``: for each output character, the offset in the source text of
the character that produced it. Findings quote the *original* line, so this map must stay
exact even where a step changes the text's length.

``normalize_string`` applies the same steps to a plain string (policy-pack terms, examples),
so that terms and reports are compared in the same form.

Every step is linear in the length of the text, and the map is built as an array of machine
integers (8 bytes an entry, where a list of Python ints costs 36): a 50 MB report is
normalized in seconds, not minutes, and without gigabytes of offsets.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from typing import Callable, Iterable

from ..model import NormalizedText, SourceText

__all__ = ["INVISIBLE", "has_invisible", "normalize", "normalize_string", "to_simplified"]

# A text under construction: its characters and, for each, the source offset it came from.
Mapped = tuple[str, "array[int]"]


def _offsets(values: Iterable[int] = ()) -> "array[int]":
    return array("q", values)


# ---------------------------------------------------------------- public API
def normalize(src: SourceText) -> NormalizedText:
    """Normalize ``src.text`` (pinyin stripped, NFKC, Simplified) with a map back to it."""
    text, origin = _pipeline(src.text)
    return NormalizedText(
        text=text,
        origin=origin,
        source=src,
        line_starts=_line_starts(src.text),
    )


def normalize_string(s: str) -> str:
    """Pinyin-strip + NFKC + Traditional→Simplified of a plain string (same as ``normalize``)."""
    return _pipeline(s)[0]


def to_simplified(s: str) -> str:
    """Traditional → Simplified, converted the same way report text is (line by line)."""
    return _t2s((s, _offsets(range(len(s)))))[0]


def _pipeline(text: str) -> Mapped:
    mapped = _strip_invisible(text)
    mapped = _strip_pinyin(*mapped)
    mapped = _nfkc(mapped)
    return _t2s(mapped)


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))


# ---------------------------------------------------------------- 0. invisible characters
# Format characters that render as nothing (or only reorder what is around them): soft hyphen,
# Mongolian vowel separator, zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings and
# overrides (LRE RLE PDF LRO RLO), word joiner and invisible operators, bidi isolates (LRI RLI
# FSI PDI), deprecated format controls, Arabic letter mark, variation selectors (and their
# supplement), BOM / zero-width no-break space, and tag characters.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)


def has_invisible(text: str) -> bool:
    """True if ``text`` holds a character that step 0 drops (used to warn in findings)."""
    return INVISIBLE.search(text) is not None


def _strip_invisible(text: str) -> Mapped:
    """Drop ``INVISIBLE`` characters; the others keep their offsets (one regex pass)."""
    if INVISIBLE.search(text) is None:
        return text, None  # type: ignore[return-value]  # identity map, built by the next step
    kept: list[str] = []
    origin = _offsets()
    pos = 0
    for m in INVISIBLE.finditer(text):
        kept.append(text[pos:m.start()])
        origin.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(kept), origin


# ---------------------------------------------------------------- 1. pinyin
_HAN = r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"

# A candidate: Han char, then an ASCII or full-width bracket around latin letters (precomposed
# tone-marked vowels such as ǐ, or decomposed ones with combining marks) and an optional tone
# digit. Whether the letters really are one pinyin syllable is decided in ``_is_pinyin``.
_CANDIDATE = re.compile(
    rf"(?<={_HAN})[(（]"
    r"(?P<letters>[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]{1,12})"
    r"(?P<digit>[0-5]?)"
    r"[)）]"
)

# Initial + final of a Mandarin syllable, tone marks removed and ü written as v (or u).
# Deliberately a little permissive (it accepts a few non-existent combinations): the
# surrounding pattern, Han char + bracket + single syllable, is what identifies pinyin.
_SYLLABLE = re.compile(
    r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|iang|uang|ueng|iao|ian|uai|uan|van|ang|eng|ing|ong"
    r"|ai|ei|ao|ou|an|en|er|in|ia|ie|io|iu|ua|uo|ui|un|ue|ve|vn|a|o|e|i|u|v)"
    r"|hm|hng|ng|m|n"
)


def _is_pinyin(letters: str, digit: str) -> bool:
    """True if ``letters`` (+ optional tone digit) is a single pinyin syllable."""
    decomposed = unicodedata.normalize("NFD", letters)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    marked = len(base) != len(decomposed)  # tone mark or ü: not an English word
    if not 1 <= len(base) <= 6 or not _SYLLABLE.fullmatch(base.lower()):
        return False
    if marked:
        return True
    # Unmarked letters: only lowercase ones with a tone digit or of 2+ letters, so that
    # list markers like 条款(a) and abbreviations like 系统(APP) are left alone.
    return base.islower() and (bool(digit) or len(base) >= 2)


def _strip_pinyin(text: str, source: "array[int] | None" = None) -> Mapped:
    kept: list[str] = []
    origin = _offsets()
    pos = 0

    def keep(a: int, b: int) -> None:
        kept.append(text[a:b])
        origin.extend(range(a, b) if source is None else source[a:b])

    for m in _CANDIDATE.finditer(text):
        if not _is_pinyin(m["letters"], m["digit"]):
            continue
        keep(pos, m.start())
        pos = m.end()
    keep(pos, len(text))
    return "".join(kept), origin


# ---------------------------------------------------------------- 2. NFKC
def _clusters(text: str) -> Iterable[tuple[int, int]]:
    """Spans of a base character plus the combining marks that follow it.

    NFKC is applied per cluster rather than per code point so that ``e`` + U+0301 still
    composes to ``é``; all characters a cluster produces map to its first character.
    """
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            yield start, i
            start = i


def _nfkc(mapped: Mapped) -> Mapped:
    """NFKC line by line; "\n" never combines with anything, so lines are independent."""
    text, origin = mapped
    if unicodedata.is_normalized("NFKC", text):
        return mapped  # the common case for plain Simplified reports: nothing to do
    out: list[str] = []
    out_origin = _offsets()
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        _nfkc_line(line, origin[pos:end], out, out_origin)
        if end < len(text):  # the "\n" that ended this line
            out.append("\n")
            out_origin.append(origin[end])
        pos = end + 1
    return "".join(out), out_origin


def _nfkc_line(line: str, origin: "array[int]", out: list[str], out_origin: "array[int]") -> None:
    """Append the NFKC form of one line and its map to ``out``/``out_origin``.

    A line without combining marks is NFKC'd character by character, which ``str.translate``
    does in one pass; nearly every line of a Chinese report is like that (it only has
    full-width punctuation to fold). Lines with combining marks go cluster by cluster.
    """
    if unicodedata.is_normalized("NFKC", line):
        out.append(line)
        out_origin.extend(origin)
        return
    chars = set(line)
    if any(unicodedata.combining(ch) for ch in chars):
        for start, end in _clusters(line):
            produced = unicodedata.normalize("NFKC", line[start:end])
            out.append(produced)
            out_origin.extend(_offsets((origin[start],)) * len(produced))
        return
    changed = {ch: folded for ch in chars if (folded := _nfkc_char(ch)) != ch}
    table = {ord(ch): folded for ch, folded in changed.items()}
    uneven = "".join(re.escape(ch) for ch, folded in changed.items() if len(folded) != 1)
    if not uneven:
        # Every character folds to one character (，→ , ２→2): the map is unchanged.
        out.append(line.translate(table))
        out_origin.extend(origin)
        return
    # Some fold to several characters (㎡ → m2): those map each of theirs to themselves.
    last = 0
    for m in re.finditer(f"[{uneven}]", line):
        i = m.start()
        out.append(line[last:i].translate(table))
        out_origin.extend(origin[last:i])
        folded = changed[line[i]]
        out.append(folded)
        out_origin.extend(_offsets((origin[i],)) * len(folded))
        last = i + 1
    out.append(line[last:].translate(table))
    out_origin.extend(origin[last:])


@functools.lru_cache(maxsize=65536)
def _nfkc_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


# ---------------------------------------------------------------- 3. Traditional → Simplified
@functools.lru_cache(maxsize=None)
def _converter() -> Callable[[str], str]:
    """The OpenCC t2s converter, built once on first use (loading its dictionaries is slow)."""
    import opencc

    return opencc.OpenCC("t2s").convert


def _t2s(mapped: Mapped) -> Mapped:
    """Convert line by line; a line whose length changes is redone character by character.

    Whole lines let OpenCC use its phrase dictionary (e.g. to pick 干 or 乾). OpenCC's
    t2s is almost always one character for one, and then position i of the output comes
    from position i of the input; when it is not, per-character conversion keeps the map
    exact at the cost of phrase context for that one line.
    """
    text, origin = mapped
    convert = _converter()
    out: list[str] = []
    out_origin = _offsets()
    pos = 0
    for line in text.split("\n"):
        line_origin = origin[pos:pos + len(line)]
        converted = convert(line)
        if len(converted) == len(line):
            out.append(converted)
            out_origin.extend(line_origin)
        else:
            for ch, o in zip(line, line_origin):
                piece = convert(ch)
                out.append(piece)
                out_origin.extend(_offsets((o,)) * len(piece))
        if pos + len(line) < len(text):  # the "\n" that ended this line
            out.append("\n")
            out_origin.append(origin[pos + len(line)])
        pos += len(line) + 1
    return "".join(out), out_origin
