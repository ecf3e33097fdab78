"""Turn a decoded report into text ready for keyword matching, keeping a map back.

Five steps, in this order (the first two on the source text as read, so full-width forms count):

0. layout: line breaks that only wrap a sentence (text copied from a PDF, hard-wrapped lines)
   are removed, and running page numbers (``- 3 -``, ``第3页 共10页``) dropped, so that sentences —
   and verdicts — do not depend on where the lines of the file break (``normalize`` only; never
   inside a Word paragraph or a web page's block);
0b. drop invisible format characters (zero-width space/joiners, word joiner, soft hyphen, BOM,
   variation selectors, tag characters, bidi controls): a ``8\u200b0%`` reads as ``80%`` and
   ``巩\u200b固率`` as ``巩固率``, so an invisible character can neither hide a figure from a rule
   nor change it (``INVISIBLE`` lists them; findings quoting such text say so); spaces between two
   Han characters are dropped too (a PDF's spacing: ``公 办`` reads as ``公办``);
1. strip pinyin that some web pages insert after Han characters (``領(lǐng)導(dǎo)`` → ``領導``);
2. NFKC, so full-width digits, letters and punctuation become ASCII (``２０２１`` → ``2021``,
   ``％`` → ``%``, ``（一）`` → ``(一)``);
3. Traditional → Simplified script with OpenCC (``護學崗`` → ``护学岗``);
0c. a table typed as text — rows of cells between ``|`` (Markdown too) or tabs, as a Word table
   copied into a text file gives — is read as Word's tables are (``formats/tables.py``): a row a
   sentence, the header telling the result from the standard; each row's sentence maps back to
   the row as written (plain text only: Word and web pages have their own tables);
4. a double negative over every unit reads as the claim it makes (``没有一所学校未开展`` →
   ``所有学校均开展``, ``中小学没有一所没有配备`` → ``中小学均有配备``), so that no reader takes its
   ``一所`` for one school or its ``未`` for a problem.

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

from .. import regexcache
from ..model import NormalizedText, SourceText

__all__ = ["INVISIBLE", "has_invisible", "normalize", "normalize_string", "to_simplified"]

# A text under construction: its characters and, for each, the source offset it came from.
Mapped = tuple[str, "array[int]"]


def _offsets(values: Iterable[int] = ()) -> "array[int]":
    return array("q", values)


# 0, 1, 2, …: a piece of the map of unchanged text is a slice of it (a copy of memory), where
# building it number by number from a range costs ~50 ns an entry. It grows to the longest
# text seen (8 bytes a character), up to _IDENTITY_MAX.
_identity = _offsets()
_IDENTITY_MAX = 1 << 21


def _span(a: int, b: int) -> "array[int]":
    """``array('q', range(a, b))``."""
    global _identity
    if b > len(_identity):
        if b > _IDENTITY_MAX:
            return _offsets(range(a, b))
        _identity = _offsets(range(min(max(b, 2 * len(_identity)), _IDENTITY_MAX)))
    return _identity[a:b]


# ---------------------------------------------------------------- public API
def normalize(src: SourceText) -> NormalizedText:
    """Normalize ``src.text`` (pinyin stripped, NFKC, unwrapped, Simplified) with a map back to it."""
    # A Word paragraph or a web page's block ends where its author ended it: only plain text (and
    # what a PDF's re-flow left) can carry line breaks that a layout put inside a sentence.
    authored = src.encoding == "docx" or src.encoding.startswith("html")
    (text, origin), breaks = ((src.text, _offsets()), ()) if authored else _unwrap(_cell_lines_as_rows(src.text))
    clean, kept = _strip_invisible(text)          # kept: offsets into ``text`` (None: all of it)
    if origin:                                    # unwrapped: ``text`` is mapped to the source
        kept = origin if kept is None else _offsets(origin[k] for k in kept)
    mapped = _plain_negatives(_t2s(_nfkc(_strip_pinyin(clean, kept))))
    text, origin = mapped if authored else _text_tables(mapped)
    return NormalizedText(
        text=text,
        origin=origin,
        source=src,
        line_starts=_line_starts(src.text),
        breaks=breaks,
    )


def normalize_string(s: str) -> str:
    """Pinyin-strip + NFKC + Traditional→Simplified of a plain string (same as ``normalize``)."""
    return _pipeline(s)[0]


def to_simplified(s: str) -> str:
    """Traditional → Simplified, converted the same way report text is (line by line)."""
    return _t2s((s, _span(0, len(s))))[0]


def _pipeline(text: str) -> Mapped:
    mapped = _strip_invisible(text)
    mapped = _strip_pinyin(*mapped)
    mapped = _nfkc(mapped)
    return _plain_negatives(_t2s(mapped))


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))


# ---------------------------------------------------------------- 0. invisible characters
# Format characters that render as nothing (or only reorder what is around them): soft hyphen,
# Mongolian vowel separator, zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings and
# overrides (LRE RLE PDF LRO RLO), word joiner and invisible operators, bidi isolates (LRI RLI
# FSI PDI), deprecated format controls, Arabic letter mark, variation selectors (and their
# supplement), BOM / zero-width no-break space, and tag characters.
INVISIBLE = regexcache.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)


def has_invisible(text: str) -> bool:
    """True if ``text`` holds a character that step 0 drops (used to warn in findings)."""
    return INVISIBLE.search(text) is not None


# Spaces between two Han characters: a PDF's or a typesetter's spacing ("公 办中小学", "课　后　服　务",
# "预 计"), never a word break in Chinese, so "公 办" reads as 公办 and a hedge split by a space is
# still one. (Kept where a digit or a Latin letter stands on either side: "小学 4.6人", "5+2 模式".)
_GAP = regexcache.compile(r"[ \u3000\u00a0]{1,3}(?=[\u3400-\u4dbf\u4e00-\u9fff])")


# A letter-spaced run — single characters each followed by one space, four or more ("全 县 … 达 到 1 0 0 %",
# "9 8 . 6 %") — and spaces around + between digits ("5 + 2"): the spaces are layout, not separators.
_SPACE = regexcache.compile(r"[ \u3000]")
_PLUS_GAP = regexcache.compile(r"\d( +)?\+( +)?(?=\d)")


def _letter_spaced(text: str) -> list[tuple[int, int]]:
    """The spaces of letter-spaced runs: four or more single characters, each followed by one space
    ("达 到 1 0 0 %"). Found from the spaces (few in a Chinese text), not by a scan of every character."""
    out: list[tuple[int, int]] = []
    n, end = len(text), -1
    for m in _SPACE.finditer(text):
        i = m.start()
        if i <= end or i == 0 or text[i - 1].isspace() or (i >= 2 and not text[i - 2].isspace()):
            continue        # inside a run already taken, or the token before it is not one character
        run, j = [], i
        while j + 1 < n and text[j] in " \u3000" and not text[j + 1].isspace() \
                and (j + 2 == n or text[j + 2].isspace()):
            run.append((j, j + 1))
            j += 2
        if len(run) >= 3:
            out += run
            end = j
    return out


# A number split by layout: a space after its decimal point ("98. 5%", a PDF's justified line), or a
# thousands separator ("1 380人", "1,380人", "3,200元") — digit groups of three after one to three digits.
# (each led by its separator, so that the engine skips to the few places holding one; the digit before is
# checked in _split_numbers)
_SPLIT_DECIMAL = regexcache.compile(r"\.([ \u00a0\u3000]{1,2})\d")
_SPLIT_THOUSANDS = regexcache.compile(r"[ \u00a0,]\d{3}(?!\d|\.(?!\d))")
_BOLD_MARK = regexcache.compile(r"\*\*")
# Enumeration and clause marks that a space after is layout ("音乐、 美术专用教室").
_MARKS_BEFORE_GAP = "、，；：,;"


def _split_numbers(text: str) -> list[tuple[int, int]]:
    """The spans of spaces and commas inside numbers (``_SPLIT_DECIMAL``, ``_SPLIT_THOUSANDS``); not where
    the digits before stand first on their line ("1. 5所学校…" is an item's number)."""
    out = []
    for m in _SPLIT_DECIMAL.finditer(text):
        i = m.start()
        if not (i and text[i - 1].isdigit()):
            continue
        while i > 0 and text[i - 1].isdigit():
            i -= 1
        line_start = text.rfind("\n", 0, i) + 1
        if text[line_start:i].strip():
            out.append(m.span(1))
    for m in _SPLIT_THOUSANDS.finditer(text):
        i = sep = m.start()       # the separator: one to three digits must stand before it
        run = 0
        while i > 0 and text[i - 1].isdigit() and run < 4:
            i -= 1
            run += 1
        if 1 <= run <= 3 and not (i > 0 and text[i - 1] == "."):
            out.append((sep, sep + 1))
    return out


def _layout_spaces(text: str) -> list[tuple[int, int]]:
    """(start, end) of spaces that are layout: between two Han characters (the one before checked
    here: a leading lookbehind would keep the regex engine from skipping to the next space), after an
    enumeration or clause mark, around + between digits, inside a letter-spaced run, and inside a
    number (with the commas of one: ``_split_numbers``)."""
    gaps = [m.span() for m in _GAP.finditer(text) if m.start() and ("\u3400" <= text[m.start() - 1] <= "\u9fff"
            and not "\u4dc0" <= text[m.start() - 1] <= "\u4dff" or text[m.start() - 1] in _MARKS_BEFORE_GAP)]
    if "+" in text:
        gaps += [m.span(g) for m in _PLUS_GAP.finditer(text) for g in (1, 2) if m.group(g)]
    gaps += _letter_spaced(text)
    gaps += _split_numbers(text)
    if "**" in text:
        # Markdown bold copied as it is ("**二、2024年工作打算**"): no report writes ** as content
        gaps += [m.span() for m in _BOLD_MARK.finditer(text)]
    # one drop per space: a space may be both a Han gap and in a letter-spaced run
    return sorted({start: (start, end) for start, end in gaps}.values())


def _strip_invisible(text: str) -> Mapped:
    """Drop ``INVISIBLE`` characters and spaces between Han characters; the others keep their
    offsets (one regex pass each)."""
    gaps = _layout_spaces(text) if (" " in text or "\u3000" in text or "\u00a0" in text or "," in text
                                    or "**" in text) else []
    if not gaps and INVISIBLE.search(text) is None:
        return text, None  # type: ignore[return-value]  # identity map, built by the next step
    kept: list[str] = []
    origin = _offsets()
    pos = 0
    drops = sorted([*(m.span() for m in INVISIBLE.finditer(text)), *gaps])
    for start, end in drops:
        if start < pos:
            continue        # inside a span already dropped
        kept.append(text[pos:start])
        origin.extend(_span(pos, start))
        pos = end
    kept.append(text[pos:])
    origin.extend(_span(pos, len(text)))
    return "".join(kept), origin


# ---------------------------------------------------------------- 1. pinyin
_HAN = r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"

# A candidate: Han char, then an ASCII or full-width bracket around latin letters (precomposed
# tone-marked vowels such as ǐ, or decomposed ones with combining marks) and an optional tone
# digit. Whether the letters really are one pinyin syllable is decided in ``_is_pinyin``.
# (The bracket comes first and the Han character is looked behind from after it: the regex engine
# then skips to the next bracket instead of testing the lookbehind at every character.)
_CANDIDATE = regexcache.compile(
    rf"[(（](?<={_HAN}[(（])"
    r"(?P<letters>[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]{1,12})"
    r"(?P<digit>[0-5]?)"
    r"[)）]"
)

# Initial + final of a Mandarin syllable, tone marks removed and ü written as v (or u).
# Deliberately a little permissive (it accepts a few non-existent combinations): the
# surrounding pattern, Han char + bracket + single syllable, is what identifies pinyin.
_SYLLABLE = regexcache.compile(
    r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|iang|uang|ueng|iao|ian|uai|uan|van|ang|eng|ing|ong"
    r"|ai|ei|ao|ou|an|en|er|in|ia|ie|io|iu|ua|uo|ui|un|ue|ve|vn|a|o|e|i|u|v)"
    r"|hm|hng|ng|m|n"
)


@functools.lru_cache(maxsize=4096)    # a report repeats its few dozen syllables
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
        origin.extend(_span(a, b) if source is None else source[a:b])

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
    done = None     # origin[:done] is in out_origin; a line folded one for one keeps its offsets
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        folded = _nfkc_one_for_one(line)
        if folded is not None:
            out.append(folded)
        else:
            out_origin.extend(origin[done or 0:pos])
            _nfkc_line(line, origin[pos:end], out, out_origin)
            done = end
        if end < len(text):  # the "\n" that ended this line
            out.append("\n")
        pos = end + 1
    if done is None:
        return "".join(out), origin     # the common case: no character folded to several
    out_origin.extend(origin[done:])
    return "".join(out), out_origin


# Characters NFKC leaves alone, one by one, and that combine with nothing: ASCII, the usual
# quotes, CJK punctuation, box drawing and shapes, the CJK ideographs. Only the others are
# looked at (tests/test_normalize.py checks every code point of the class).
_NFKC_STABLE_CHARS = ("\x00-\x9f\u2010\u2012-\u2016\u2018-\u2023\u2500-\u25ff\u3001-\u3029"
                      "\u3030-\u3035\u3400-\u4dbf\u4e00-\u9fff")
_NFKC_OTHER = regexcache.compile(f"[^{_NFKC_STABLE_CHARS}]")


def _nfkc_one_for_one(line: str) -> "str | None":
    """The NFKC form of ``line`` when every character of it folds to one character (，→ , ２→2),
    so that the map stays as it is; None when a character folds to several or combines."""
    if unicodedata.is_normalized("NFKC", line):
        return line
    for ch in set(_NFKC_OTHER.findall(line)):
        if unicodedata.combining(ch) or len(_nfkc_char(ch)) != 1:
            return None
    # a callback per full-width character beats str.translate, which looks up every character
    return _NFKC_OTHER.sub(_nfkc_match, line)


def _nfkc_match(m: "re.Match[str]") -> str:
    return _nfkc_char(m.group())


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


# ---------------------------------------------------------------- 0. layout
# A line ends its paragraph after these (a closing quote or bracket counts only after one: 。”).
# (not a ratio's colon: "师生比1:" wrapped before "13.5")
_ENDS_PARAGRAPH = regexcache.compile(r"(?:[。！？；!?;…]|(?<!\d)[：:]|[。！？!?][”\"」』）)])\s*$")
_SENTENCE_INSIDE = regexcache.compile(r"[。！？；!?;]")


def _ends_paragraph(line: str) -> bool:
    # The pattern spans at most two characters before the trailing space, so only those are
    # searched: a search of the whole line would try it at every position.
    return _ENDS_PARAGRAPH.search(line.rstrip()[-2:]) is not None


# A line cut in the middle of a clause.
_ENDS_MID = regexcache.compile(r"[,，、(（“‘《〈\[【—\-－]\s*$")
# Running page numbers: "- 3 -", "—3—", "第3页", "第 3 页 共 12 页", "共12页 第3页", "3/12".
_PAGE_FOOTER = regexcache.compile(
    r"^\s*(?:[-—–―~－]+\s*\d{1,4}\s*[-—–―~－]+|[·•]\s*\d{1,4}\s*[·•]|第\s*\d{1,4}\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?"
    r"|共\s*\d{1,4}\s*[页頁]\s*[,，]?\s*第\s*\d{1,4}\s*[页頁]|\d{1,4}\s*[/／]\s*\d{1,4})\s*$")
_BARE_NUMBER = regexcache.compile(r"^\s*\d{1,4}\s*$")     # a page number only between two halves of a sentence
# A page number a document-sharing site writes at the start of each page ("2、05.3万元").
_PAGE_MARK = regexcache.compile(r"^\s*([0-9]{1,3})、")
# Lines that start a heading, a list item or a bullet are never the second half of a sentence.
_STARTS_BLOCK = regexcache.compile(
    r"^\s*(?:#{1,6}\s|[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|"
    r"(?!0)\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十]+[部章节条]|[①-⑳•·▪■●◆★]|附件)")     # (no item is numbered 0)
# A field of page chrome or a lead-in ("发布时间:…", "主要做法:"), unless the line before stops mid-clause.
_STARTS_FIELD = regexcache.compile(r"^\s*[^\s,，。]{0,5}[^\s,，。\d][:：]")     # (not a clock time: "早于8:20")
_NO_PUNCTUATION = regexcache.compile(r"^[^,，。;；:：!?！？、]*$")


# East Asian wide and full-width characters (Han, kana, Hangul, full-width forms), two columns each
_WIDE = regexcache.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def _display_width(s: str) -> int:
    return 2 * len(s) - len(_WIDE.sub("", s))


_RUNNING_TEXT = regexcache.compile(r"[，,、；;：:。“”]")
_TITLE_LIKE = regexcache.compile(r"工作(?:要点|总结|计划|思路|报告|安排|打算)|情况(?:报告|汇报)")


def _wrap_widths(lines: list[str]) -> tuple[int, int]:
    """(characters, display width) at which the file's lines were hard-wrapped; 0 when they were not.

    A wrapped file has many lines of (nearly) one length that do not end a sentence: the full
    lines of each paragraph. A report written one paragraph a line has few such lines, of
    varying lengths (its titles and headings).
    """
    from bisect import bisect_left
    from collections import Counter

    # (not a title's or headings' lines that happen to share a length, with no punctuation at all —
    # "清河县教育局2024年工作要点", "（二）推动学前教育普及普惠": they are no wrapped paragraph)
    open_lines = [ln.strip() for ln in lines if ln.strip() and not _ends_paragraph(ln)
                  and (_RUNNING_TEXT.search(ln) or not (_STARTS_BLOCK.match(ln) or _TITLE_LIKE.search(ln)))]
    out = []
    for measure in (len, _display_width):
        sizes = sorted(v for v in map(measure, (ln for ln in open_lines if len(ln) >= 8)) if v >= 16)
        counts = Counter(sizes)
        best, best_n = 0, 0
        for size in counts:         # lines of this size or up to two less
            n = counts[size] + counts.get(size - 1, 0) + counts.get(size - 2, 0)
            if n > best_n or n == best_n and size > best:
                best, best_n = size, n
        longer = len(sizes) - bisect_left(sizes, best - 2)
        out.append(best if best_n >= 3 and best_n >= 0.6 * longer else 0)
    return out[0], out[1]


# A number cut by the layout: a line ending in a digit or a decimal point, the next starting with the rest
# ("…提高到92." + "3%，…", "…达10" + "0%。", "…为96" + ".5%"). Only after a line of body text (a clause
# mark in it, or long, and no heading's number first) and before a figure's rest (a unit, a clause mark):
# a heading or a table's label ending in a number stays a line of its own, and so does a line of a year.
_NUMBER_CUT_END = regexcache.compile(r"\d[.．]?$")
_NUMBER_CUT_START = regexcache.compile(r"^(?:[.．]\d|\d+(?:[.．]\d+)?\s*(?:%|％|‰|个百分点|[,，。；;、]|万?元|亿元|人次|人|名|所|个|间|"
                                       r"平方米|㎡|台|册|小时|分钟|课时|节|天|周|次|项|家|处|班))")
_CLAUSE_MARK = regexcache.compile(r"[，,；;。]")
# A paragraph's first line indented (two spaces or an ideographic space, as Word and PDFs lay it out).
_INDENTED = regexcache.compile(r"^(?:\u3000|\s{2,})")
# How long a body line cut anywhere (a PDF's proportional layout) is at least, with a clause mark in it.
_RAGGED_MIN = 12


def _ragged_candidate(prev: str, nxt: str) -> bool:
    """A line of body text that stops without ending its sentence, before a line that opens no block: what a
    layout that broke lines at varying widths leaves (``_unwrap`` joins such lines when a file has two or more)."""
    p, q = prev.strip(), nxt.strip()
    return (len(p) >= _RAGGED_MIN and bool(q) and not _ends_paragraph(p) and "，" in p[:-1]
            and not _STARTS_BLOCK.match(q) and not _STARTS_BLOCK.match(p) and not _INDENTED.match(nxt)
            and not _is_row(prev) and not _is_row(nxt) and not _STARTS_FIELD.match(q))


def _continues(prev: str, nxt: str, widths: tuple[int, int], at_top: bool = False, ragged: bool = False) -> bool:
    """Whether ``nxt`` is the rest of a sentence that the layout broke after ``prev``.

    ``at_top``: ``prev`` is one of the first lines of the text, where a title stands. ``ragged``: the file's
    lines were broken at varying widths (see ``_unwrap``).
    """
    raw_next = nxt
    prev, nxt = prev.strip(), nxt.strip()
    if not prev or not nxt or _ends_paragraph(prev) or _STARTS_BLOCK.match(nxt):
        return False
    if _is_row(prev) or _is_row(nxt):
        return False        # a row of a table typed as text is a line of its own (step 0c)
    if _ENDS_MID.search(prev[-1:]):      # (prev is stripped: the last character decides)
        return True
    if _NUMBER_CUT_END.search(prev[-2:]) and _NUMBER_CUT_START.match(nxt) \
            and (len(prev) >= _RAGGED_MIN or _CLAUSE_MARK.search(prev)) and not _STARTS_BLOCK.match(prev):
        return True
    if ragged and _ragged_candidate(prev, raw_next):      # (a title has no clause mark)
        return True
    if _STARTS_FIELD.match(nxt):
        return False
    chars, width = widths
    full = (chars and len(prev) >= chars - 2) or (width and _display_width(prev) >= width - 3)
    if at_top and _NO_PUNCTUATION.match(prev):
        # a title nearly as long as the lines are wide is still a title; one cut at the width is not
        return bool(chars and len(prev) >= chars or width and _display_width(prev) >= width)
    if _STARTS_BLOCK.match(prev) and not _SENTENCE_INSIDE.search(prev):
        return bool(full)            # a heading is its own line unless it fills the line
    # a line of body text (a sentence ends inside it) stops mid-sentence: it was wrapped
    return bool(full) or bool(_SENTENCE_INSIDE.search(prev[:-1]))


def _running_headers(lines: list[str]) -> frozenset[str]:
    """Short lines without punctuation that a PDF repeats on its pages ("永平县教育局", "内部资料  注意保存", the
    title): read as page chrome where they follow a page number."""
    from collections import Counter

    counts = Counter(s for ln in lines if (s := ln.strip()) and len(s) <= 30 and _NO_PUNCTUATION.match(s)
                     and not _STARTS_BLOCK.match(s))
    title = next((s for ln in lines if (s := ln.strip())), "")
    # (or once: the title or its issuer, a classification mark)
    return frozenset(s for s, c in counts.items()
                     if c >= 2 or len(s) >= 4 and title.startswith(s) or _PAGE_CHROME.search(s))


_PAGE_CHROME = regexcache.compile(r"内部资料|注意保存|内部文件|秘密|机密|^[^\s]{2,16}文件$")


def _unwrap(text: str) -> tuple[Mapped, tuple[tuple[int, int], ...]]:
    """Remove the line breaks (and page numbers between them) that cut a sentence in two.

    Returns the text with its map, and the spans of ``text`` that were removed (none: the map
    is left empty, ``text`` is unchanged). The map keeps pointing at the source, so a joined
    sentence still starts on its own line.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return (text, _offsets()), ()
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    widths = _wrap_widths(lines)
    # Lines broken at varying widths (a PDF's proportional layout, a short file): no one width tells the
    # wrapped lines (or some fall short of it), so a file with two or more body lines that stop mid-sentence
    # before another line has them joined (a file written a paragraph a line ends each paragraph, or has one
    # slip at most).
    ragged = sum(
        1 for k in range(len(lines) - 1) if _ragged_candidate(lines[k], lines[k + 1])) >= 2
    running: frozenset[str] = frozenset()      # worked out at the first page number (most texts have none)
    running_known = False
    drop: list[tuple[int, int]] = []     # spans of ``text`` to remove
    i, n = 0, len(lines)
    last_mark = 1
    para = ""       # the paragraph joined so far, up to line i
    seen = 0        # lines with words so far
    while i < n:
        ln = lines[i]
        if not ln.strip() or _PAGE_FOOTER.match(ln):
            i += 1
            para = ""
            continue
        para = para or ln
        seen += 1
        # the next line with words, past page numbers (and the blank lines around them)
        j, footer = i + 1, False
        while j < n and (not lines[j].strip() or _PAGE_FOOTER.match(lines[j]) or _BARE_NUMBER.match(lines[j])
                         or footer and lines[j].strip() in running):
            if lines[j].strip() and not running_known:
                running, running_known = _running_headers(lines), True
            footer = footer or bool(lines[j].strip())
            j += 1
        if j >= n:
            break
        blank_only = not footer and j > i + 1
        nxt, cut = lines[j], 0
        mark = _PAGE_MARK.match(nxt)
        if (mark and int(mark.group(1)) == last_mark + 1 and len(para.strip()) >= 80
                and not _ends_paragraph(ln) and _SENTENCE_INSIDE.search(para)):
            cut, last_mark = mark.end(), last_mark + 1     # "…发放资助金额5" + "2、05.3万元"
        if not blank_only and (cut or _continues(ln, nxt, widths, seen < 3, ragged)):
            end = starts[i] + len(ln.rstrip())
            drop.append((end, starts[j] + cut + (len(nxt) - len(nxt.lstrip()) if not cut else 0)))
            para += nxt[cut:]
        else:
            para = ""
            for k in range(i + 1, j):       # page numbers between paragraphs go all the same
                if _PAGE_FOOTER.match(lines[k]) or lines[k].strip() in running:
                    drop.append((starts[k], starts[k] + len(lines[k]) + 1))
        i = j
    drop = [(a, b) for a, b in drop if b > a]
    if not drop:
        return (text, _offsets()), ()
    out: list[str] = []
    out_origin = _offsets()
    pos = 0
    for a, b in drop:
        out.append(text[pos:a])
        out_origin.extend(_span(pos, a))
        pos = b
    out.append(text[pos:])
    out_origin.extend(_span(pos, len(text)))
    return ("".join(out), out_origin), tuple(drop)


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

    The text is converted in one call: OpenCC matches the longest dictionary entry at each
    position and no entry holds a line break, so that is the same as converting each line.
    """
    text, origin = mapped
    convert = _converter()
    lines = text.split("\n")
    converted_lines = convert(text).split("\n")
    if len(converted_lines) != len(lines):     # not expected; convert the lines one by one
        converted_lines = [convert(line) for line in lines]
    if list(map(len, converted_lines)) == list(map(len, lines)):
        return "\n".join(converted_lines), origin     # one for one: the map stays as it is
    out: list[str] = []
    out_origin = _offsets()
    pos = 0
    for line, converted in zip(lines, converted_lines):
        line_origin = origin[pos:pos + len(line)]
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


# ---------------------------------------------------------------- 4. double negatives
# "没有一所学校未开展课后服务", "无一所中小学不达标", "全县中小学没有一所没有配备…": no unit without it is
# every unit with it. Only the unit's own words may stand between the two negations (not 因/被/出现…:
# "没有一所学校因未配备而被通报" says something else), and not after 有 ("有没有一所…" asks).
# Only the units may stand between the negations (ending in their noun: 学校, 乡镇, 教师 …; no word of time or
# degree: "没有一所学校连续两个学期未开展…" is not every school; no clause of its own: "没有一个班级超过标准班额的
# 目标尚未实现"), and the second must deny doing the work (未开展, 没有配备, 不达标), not a need, a wish, a view
# or an event ("没有一所学校不需要增配…", "…未收到投诉", "…未发生过欺凌" say nothing of the work done).
_DOUBLE_NEGATIVE = regexcache.compile(
    # (the lead characters first and the look-behind after them, so that the engine skips to 没 or 无)
    r"(?:没有(?<![有是]没有)|无(?<![有是]无))(?:任何|哪)?一(?:所|个|家|名|位|间|处|座|人)"
    r"(?P<middle>(?:(?:有需求的|符合条件的)?(?:(?!因|由于|被|把|将|出现|发生|存在|是|有|的|连续|长期|完全|一直|从来|全部|持续|经常|曾)[\u4e00-\u9fff]){0,10}?"
    r"(?:学校|中小学|小学|初中|中学|高中|幼儿园|校|园|乡镇|街道|教师|学生|儿童|少年|幼儿|班级|班|教学点|食堂|单位|机构|校长|园长))?)"
    r"(?P<neg>(?:未(?!成年)|没有|没(?!有)|不(?!足|到|少|够|及|如|同|再|仅|只|但|超|高于|低于))"
    r"(?!需|希望|想|愿|重视|支持|反映|存在|缺|把|经|被|收到|发现|发生|出现|遇到|受到|认为|觉得|知道|了解|关注|担心))")


def _plain_negatives(mapped: Mapped) -> Mapped:
    """``所有<units>均<verb>`` for ``没有一所<units>未<verb>`` (``均有`` for ``没有``), the map kept:
    所有 comes from the first negation, 均(有) from the second."""
    text, origin = mapped
    if "没" not in text and "无" not in text:
        return mapped
    out: list[str] = []
    out_origin = _offsets()
    pos = 0
    for m in _DOUBLE_NEGATIVE.finditer(text):
        out.append(text[pos:m.start()])
        out_origin.extend(origin[pos:m.start()])
        middle, neg = m.group("middle"), m.group("neg")
        if middle:         # "没有一所学校未…" → "所有学校均…"; "学校没有一所未…" → "学校均…"
            out.append("所有" + middle)
            out_origin.extend(origin[m.start():m.start() + 2])
            out_origin.extend(origin[m.start("middle"):m.end("middle")])
        said = "均有" if neg == "没有" else "均"
        out.append(said)
        out_origin.extend(origin[m.start("neg"):m.start("neg") + len(said)])
        pos = m.end()
    if not out:
        return mapped
    out.append(text[pos:])
    out_origin.extend(origin[pos:])
    return "".join(out), out_origin


# ---------------------------------------------------------------- 0c. tables typed as text
# A cell separator between two cells: | or ｜ (a Markdown table's too) or a tab after text.
_CELL_SEP = regexcache.compile(r"[|｜]|(?<=\S)\t+(?=\S)")
_DIGIT = regexcache.compile(r"\d")
def _may_be_row(line: str) -> bool:
    """A cheap test before the cell separator's regex (most lines hold no | and no tab)."""
    return "|" in line or "\t" in line or "｜" in line


# Cells set apart by runs of spaces, as a table copied out of Word or a PDF is ("学前三年毛入园率（%）    86.3
# 88.4    ≥90"): three cells or more and a figure, so that a double space inside a sentence makes no row.
_SPACED = regexcache.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")


def _spaced_row(line: str) -> bool:
    return ("  " in line or "\u3000\u3000" in line) and len(_SPACED.findall(line.strip())) >= 2 \
        and _DIGIT.search(line) is not None


def _is_row(line: str) -> bool:
    """Whether a line is a row of a table typed as text: cells set apart by |, tabs or runs of spaces."""
    return bool(_may_be_row(line) and _CELL_SEP.search(line)) or _spaced_row(line)


_MD_RULE = regexcache.compile(r"^\s*:?-{2,}:?\s*$")     # a Markdown table's |---|:---:| line


def _cells(line: str) -> list[str]:
    """The cells of a table row: split at | (outer ones dropped) or at tabs."""
    inner = line.strip()
    if "|" in inner:
        inner = inner.strip("|")
        return [c.strip() for c in inner.split("|")]
    if "\t" not in inner and _spaced_row(inner):
        return [c.strip() for c in _SPACED.split(inner)]
    return [c.strip() for c in re.split(r"\t+", inner)]


# ---------------------------------------------------------------- 0b. a table one cell a line
# A table copied out of a PDF or a web page often arrives one cell a line: the header's cells, then each
# row's label and its figures ("指标", "2022年", "2023年", "目标", "学前三年毛入园率（%）", "89.5", "92.3", "≥90").
# Unwrapping would join a label to its first figure and leave the rest as lines of their own. Such a run is
# found by its shape (a header of labels, then rows each led by a label and holding only figures) and its
# line breaks inside a row become tabs — the same number of characters, so every offset still points at
# the source — and the rows are read as a table typed with tabs (step 0c).
_CELL_LINE_MAX = 30
_NOT_A_CELL = regexcache.compile(r"[。！？；;!?，：:\t|｜]")
# A cell that is a number alone (no header cell is), and a cell a row's figures may stand in: a figure
# ("92.3", "≥90", "小学4.93人、初中5.87人", "38/40") or a mark for none or yes/no.
_NUMBER_CELL = regexcache.compile(r"^(?:[≥≤<>＞＜≧≦]|不低于|不少于|不超过|约|近)?\s*-?\d[\d.,]*\s*(?:%|％|‰)?$")
_MARK_CELL = regexcache.compile(r"^(?:[—–\-/／×√✓]+|无|是|否|达标|未达标|完成|未完成)$")
# A figure's cell starts with its number, after a stage or a comparison at most ("小学4.93人、初中5.87人", "≥90",
# "40/40"): "路_第2页" holds a digit but is no figure.
_FIGURE_CELL = regexcache.compile(r"^(?:小学|初中|高中|学前|中职|幼儿园)?\s*(?:[≥≤<>＞＜≧≦]|不低于|不少于|不超过|约|近)?\s*\d")
_HAS_HAN = regexcache.compile(r"[\u4e00-\u9fff]")


def _cell_like(line: str) -> bool:
    s = line.strip()
    # (a line "38/40" may be a page number of a PDF, or a count of schools: the run's shape tells)
    return 0 < len(s) <= _CELL_LINE_MAX and not _NOT_A_CELL.search(s) and not _STARTS_BLOCK.match(s)


def _cell_shape(cells: list[str]) -> tuple[int, int, int] | None:
    """(leading lines that are no cells — a caption —, cells a row, trailing lines — a heading after it) of a
    run of one-cell lines; None when the run is no table: a header row of labels, then at least two rows (one,
    with three columns or more) each led by a label and holding figures only, the smallest number of columns
    that fits."""
    for skip, tail in ((0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (3, 0), (2, 1), (1, 2)):
        body = cells[skip:len(cells) - tail]
        for width in range(2, 9):
            rows = len(body) // width
            if len(body) % width or rows < 2 or rows == 2 and width < 3:
                continue
            head = body[:width]
            if any(_NUMBER_CELL.match(c) for c in head):
                continue
            ok = True
            for r in range(1, rows):
                row = body[r * width:(r + 1) * width]
                if _DIGIT.match(row[0]) or not _HAS_HAN.search(row[0]) \
                        or not all(_FIGURE_CELL.match(c) or _MARK_CELL.match(c) for c in row[1:]) \
                        or not any(_FIGURE_CELL.match(c) for c in row[1:]):
                    ok = False
                    break
            if ok:
                return skip, width, tail
    return None


def _cell_lines_as_rows(text: str) -> str:
    """``text`` with each one-cell-a-line table's rows joined by tabs (the module's step 0b)."""
    if text.count("\n") < 6:
        return text
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    edits: list[tuple[int, str]] = []           # (offset, replacement character)
    i, n = 0, len(lines)
    while i < n:
        if not _cell_like(lines[i]):
            i += 1
            continue
        # a run of cell lines, one a line, or each after one blank line (a web page's copy); a run that is
        # no table is passed whole, so that a text of many short lines costs one look at each
        end = i
        for step in (1, 2):
            run = [i]
            while run[-1] + step < n and _cell_like(lines[run[-1] + step]) \
                    and all(not lines[k].strip() for k in range(run[-1] + 1, run[-1] + step)):
                run.append(run[-1] + step)
            shape = _cell_shape([lines[k].strip() for k in run]) if len(run) >= 6 else None
            if shape or len(run) >= 6:
                end = max(end, run[-1])     # (a long run that is no table is passed: linear time)
            if shape:
                end = run[-1]
                break
        if shape:
            skip, width, tail = shape
            body = run[skip:len(run) - tail]
            for r in range(0, len(body), width):
                row = body[r:r + width]
                for k in row[:-1]:           # the breaks inside a row: tabs
                    for off in range(starts[k] + len(lines[k]), starts[k + step]):
                        edits.append((off, "\t"))
                if step == 2 and r + width < len(body):     # between rows: the blank line goes
                    last = row[-1]
                    edits.append((starts[last] + len(lines[last]), " "))
        i = end + 1
    if not edits:
        return text
    chars = list(text)
    for off, ch in edits:
        chars[off] = ch
    return "".join(chars)


def _text_tables(mapped: Mapped) -> Mapped:
    """Rows of a table typed as text (two lines or more with the same number of cells, at least
    two) read as sentences by ``formats.tables``; each sentence maps to its row as written (its
    first character to the row's first, its last to the row's last), so evidence quotes the row."""
    text, origin = mapped
    if "|" not in text and "\t" not in text and "  " not in text and "\u3000\u3000" not in text:
        return mapped
    from .formats.tables import TABLE_CELL_MAX, table_lines_mapped

    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    blocks: list[tuple[int, int]] = []        # [first, last] line numbers of each table
    i = 0
    while i < len(lines):
        if not _is_row(lines[i]):
            i += 1
            continue
        width = len(_cells(lines[i]))
        j = i + 1
        while j < len(lines) and _is_row(lines[j]) and len(_cells(lines[j])) == width:
            j += 1
        if width >= 2 and j - i >= 2:
            blocks.append((i, j - 1))
        i = max(j, i + 1)
    if not blocks:
        return mapped
    out: list[str] = []
    out_origin = _offsets()
    pos = 0
    for first, last in blocks:
        rows = [k for k in range(first, last + 1) if not all(_MD_RULE.match(c) or not c for c in _cells(lines[k]))]
        cells = [c for k in rows for c in _cells(lines[k])]
        # a figures table: short cells, figures in them, no row led by a list or heading number
        # ("1.\t…" lines are a list, whatever their tabs)
        if len(rows) < 2 or any(len(c) > TABLE_CELL_MAX for c in cells) or not any(_DIGIT.search(c) for c in cells) \
                or any(_STARTS_BLOCK.match(_cells(lines[k])[0]) for k in rows):
            continue
        lo = starts[first]
        out.append(text[pos:lo])
        out_origin.extend(origin[pos:lo])
        said, where = table_lines_mapped([[[c] for c in _cells(lines[k])] for k in rows],
                                         [[[k] for _ in _cells(lines[k])] for k in rows])
        for n, (sentence, k) in enumerate(zip(said, where)):
            row_lo, row_hi = starts[k], starts[k] + len(lines[k].rstrip())
            if n:
                out.append("\n")
                out_origin.append(origin[row_lo - 1] if row_lo else origin[row_lo])
            sentence = unicodedata.normalize("NFKC", sentence)     # (the reader writes ，and 。, as Word's text has them)
            out.append(sentence)
            out_origin.extend(_offsets([origin[row_lo]] * (len(sentence) - 1) + [origin[max(row_lo, row_hi - 1)]]))
        pos = starts[last] + len(lines[last])
    out.append(text[pos:])
    out_origin.extend(origin[pos:])
    return "".join(out), out_origin
