"""Word (.docx): body paragraphs and table cells in reading order, one paragraph per line, with
Word's automatic list numbers written out (the structure stage reads headings from them).
Only the standard library's zipfile and XML parser are used.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from typing import Callable, Optional
from xml.etree import ElementTree

from .common import ContainerError
from .tables import table_lines_mapped

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist() or "_rels/.rels" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_text_with_paragraphs(data: bytes) -> tuple[str, tuple[int, ...]]:
    """Body paragraphs and table cells of a .docx in reading order, one paragraph per line: the text, and for each of its lines the number of the Word paragraph it comes from (body
    paragraphs and table-cell paragraphs counted in reading order, as Word and python-docx see
    them): a table row read as one sentence names the paragraph of its first cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            main = _main_part(zf)
            body_xml = _read_part(zf, main)
            numbering_xml = _read_optional(zf, posixpath.join(posixpath.dirname(main), "numbering.xml"))
            styles_xml = _read_optional(zf, posixpath.join(posixpath.dirname(main), "styles.xml"))
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise ContainerError("not a valid .docx (damaged ZIP archive); re-save it from Word") from None
    except RuntimeError:  # zipfile: encrypted member
        raise ContainerError("the .docx is password-protected; save an unprotected copy") from None
    try:
        root = ElementTree.fromstring(body_xml)
    except ElementTree.ParseError as err:
        raise ContainerError(f"not a valid .docx (damaged document.xml: {err}); re-save it from Word") from None
    except (ValueError, LookupError) as err:   # e.g. encoding="GB18030": expat reads no multi-byte codecs
        raise ContainerError(f".docx 的 document.xml 编码无法读取 / document.xml cannot be read ({err}); "
                             "re-save it from Word") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise ContainerError("not a Word document (no document body); give a .docx saved by Word or WPS")
    numbers = _ListNumbers(numbering_xml, styles_xml)
    lines: list[str] = []
    where: list[int] = []
    _walk_block(body, lines, numbers, where, [0])
    return "\n".join(lines), tuple(where)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (usually word/document.xml)."""
    rels = _read_optional(zf, "_rels/.rels")
    if rels:
        try:
            for rel in ElementTree.fromstring(rels).iter(f"{_REL}Relationship"):
                if rel.get("Type", "").endswith(_OFFICE_DOC) and rel.get("Target"):
                    return rel.get("Target").lstrip("/")
        except (ElementTree.ParseError, ValueError, LookupError):
            pass
    if "word/document.xml" in zf.namelist():
        return "word/document.xml"
    raise ContainerError("a ZIP archive without a Word document in it (an .xlsx or .pptx?); "
                         "give the report as .docx, .txt, .html or .pdf")


# A report's document.xml is a few MB at most (a 300-page report: ~15 MB); a part that unpacks to more
# is a ZIP bomb or not a report. 32 MB keeps the cost of the largest part within the input budget
# (docs/robustness.md; 64 MB took 217 s and 680 MB on the loaded 2-core machine, 200 MB 188 s and 2 GB).
MAX_PART_BYTES = 32 * 1024 * 1024


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    data = _read_optional(zf, name)
    if data is None:
        raise ContainerError(f"not a valid .docx ({name} is missing); re-save it from Word")
    return data


def _read_optional(zf: zipfile.ZipFile, name: str) -> Optional[bytes]:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ContainerError(f"{name} inside the .docx unpacks to {info.file_size // 2**20} MB; "
                             "that is no report — re-save it from Word")
    return zf.read(info)


# Tables or content controls inside one another: deeper than this, paragraphs are read one a line
# without the table reading, by a walk with no recursion (2,000 nested w:sdt/w:tbl are no reason
# for a RecursionError).
_MAX_NESTING = 50
_WRAPPERS = (f"{_W}sdt", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag")


def _unwrapped(el: ElementTree.Element) -> Optional[ElementTree.Element]:
    """What a content control or similar wrapper holds."""
    return el.find(f"{_W}sdtContent") if el.tag == f"{_W}sdt" else el


def _walk_block(parent: ElementTree.Element, lines: list[str], numbers: "_ListNumbers", where: list[int],
                counter: list[int], depth: int = 0) -> None:
    """Paragraphs and tables under ``parent`` in document order (cells left to right, row by row);
    ``where`` gets each line's paragraph number, ``counter`` counts the paragraphs seen."""
    if depth > _MAX_NESTING:
        _walk_flat(parent, lines, numbers, where, counter)
        return
    for child in parent:
        tag = child.tag
        if tag == f"{_W}p":
            text = numbers.label(child) + _paragraph_text(child)
            counter[0] += 1
            lines.append(text)
            where.append(counter[0])
        elif tag == f"{_W}tbl":
            rows, rows_where = [], []
            for row in _own_rows(child):
                cells, cells_where = [], []
                for cell in row.findall(f"{_W}tc"):
                    paragraphs: list[str] = []
                    cell_where: list[int] = []
                    _walk_block(cell, paragraphs, numbers, cell_where, counter, depth + 1)
                    cells.append(paragraphs)
                    cells_where.append(cell_where)
                rows.append(cells)
                rows_where.append(cells_where)
            out, src = table_lines_mapped(rows, rows_where, " ".join(lines[:3]))
            lines.extend(out)
            where.extend(src)
        elif tag in _WRAPPERS:
            # Content controls and similar wrappers hold ordinary paragraphs and tables.
            inner = _unwrapped(child)
            if inner is not None:
                _walk_block(inner, lines, numbers, where, counter, depth + 1)


def _own_rows(table: ElementTree.Element) -> list:
    """A table's own rows (also those inside a content control); a nested table's rows are read
    through the cell that holds it."""
    out, stack = [], [iter(table)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{_W}tr":
            out.append(child)
        elif child.tag in _WRAPPERS:
            inner = _unwrapped(child)
            if inner is not None:
                stack.append(iter(inner))
    return out


def _walk_flat(parent: ElementTree.Element, lines: list[str], numbers: "_ListNumbers", where: list[int],
               counter: list[int]) -> None:
    """Every paragraph under ``parent``, one a line, walked with a stack of iterators."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == f"{_W}p":
            counter[0] += 1
            lines.append(numbers.label(child) + _paragraph_text(child))
            where.append(counter[0])
        elif tag in (f"{_W}tbl", f"{_W}tr", f"{_W}tc"):
            stack.append(iter(child))
        elif tag in _WRAPPERS:
            inner = _unwrapped(child)
            if inner is not None:
                stack.append(iter(inner))


def _paragraph_text(p: ElementTree.Element) -> str:
    """The visible text of one paragraph: runs' text, tabs; deleted text and field codes left out."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t" and el.text:
            out.append(el.text)
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            # A manual line break inside a paragraph; the paragraph stays one line so that its
            # number is the paragraph number, and Chinese text needs no space where it broke.
            out.append("" if el.get(f"{_W}type") == "page" else " ")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
    # A tab inside a paragraph is layout; nothing downstream expects it.
    return "".join(out).replace("\t", " ").strip()


# ---------------------------------------------------------------- Word list numbering
# Word itself keeps list numbers within 0..32767; a file asking for more (w:start="1000000000000")
# is clamped, so that no number costs more than a few characters to write out.
MAX_LIST_NUMBER = 32767
MAX_LEVEL = 8          # levels 0..8, as in Word


def _int_attr(value: Optional[str], default: int, lo: int, hi: int) -> int:
    """An integer attribute of numbering.xml, clamped to lo..hi; ``default`` if it is not one."""
    try:
        n = int(str(value).strip()[:12])
    except (TypeError, ValueError):
        return default
    return min(max(n, lo), hi)


_CN_COUNT = "零一二三四五六七八九"


def _chinese_counting(n: int) -> str:
    if n < 10:
        return _CN_COUNT[n]
    if n < 20:
        return "十" + (_CN_COUNT[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_COUNT[n // 10] + "十" + (_CN_COUNT[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    if not 1 <= n <= 3999:
        return str(n)
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    if not 1 <= n <= 780:      # Word's own letters stop at zzz… (30 repeats); past that, digits
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_NUM_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": _chinese_counting,
    "chineseLegalSimplified": _chinese_counting,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "japaneseCounting": _chinese_counting,
    "taiwaneseCounting": _chinese_counting,
    "taiwaneseCountingThousand": _chinese_counting,
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


class _ListNumbers:
    """Word's automatic paragraph numbers ("一、", "(一)", "1.") rebuilt from numbering.xml.

    Reports typed in Word often number their headings with list numbering, so the digits are
    not in the paragraph's text at all; without them the structure stage would not see the
    headings that say which part is the summary and which the plan. Bullets are dropped.
    Counters are kept per list (numId), as Word does for lists without overrides.
    """

    def __init__(self, numbering_xml: Optional[bytes], styles_xml: Optional[bytes]):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # numId → ilvl → (fmt, text, start)
        self.style_num: dict[str, tuple[str, int]] = {}                # styleId → (numId, ilvl)
        self.counters: dict[str, list[int]] = {}
        if numbering_xml:
            self._read_numbering(numbering_xml)
        if styles_xml:
            self._read_styles(styles_xml)

    def _read_numbering(self, xml: bytes) -> None:
        try:
            root = ElementTree.fromstring(xml)
        except (ElementTree.ParseError, ValueError, LookupError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(f"{_W}abstractNum"):
            abstract[an.get(f"{_W}abstractNumId", "")] = {
                _int_attr(lvl.get(f"{_W}ilvl"), 0, 0, MAX_LEVEL): self._level(lvl)
                for lvl in an.findall(f"{_W}lvl")
            }
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for ov in num.findall(f"{_W}lvlOverride"):
                ilvl = _int_attr(ov.get(f"{_W}ilvl"), 0, 0, MAX_LEVEL)
                lvl = ov.find(f"{_W}lvl")
                start = ov.find(f"{_W}startOverride")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                elif start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int_attr(start.get(f"{_W}val"), 1, 0, MAX_LIST_NUMBER))
            self.levels[num.get(f"{_W}numId", "")] = levels

    @staticmethod
    def _level(lvl: ElementTree.Element) -> tuple[str, str, int]:
        def val(name: str, default: str) -> str:
            el = lvl.find(f"{_W}{name}")
            return el.get(f"{_W}val", default) if el is not None else default

        return (val("numFmt", "decimal"), val("lvlText", "")[:100],
                _int_attr(val("start", "1"), 1, 0, MAX_LIST_NUMBER))

    def _read_styles(self, xml: bytes) -> None:
        try:
            root = ElementTree.fromstring(xml)
        except (ElementTree.ParseError, ValueError, LookupError):
            return
        based_on: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for st in root.findall(f"{_W}style"):
            sid = st.get(f"{_W}styleId", "")
            base = st.find(f"{_W}basedOn")
            if base is not None:
                based_on[sid] = base.get(f"{_W}val", "")
            num_pr = st.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                ref = self._num_ref(num_pr)
                if ref:
                    own[sid] = ref
        for sid in set(based_on) | set(own):
            seen, cur = set(), sid
            while cur and cur not in own and cur not in seen:   # inherit along basedOn
                seen.add(cur)
                cur = based_on.get(cur, "")
            if cur in own:
                self.style_num[sid] = own[cur]

    @staticmethod
    def _num_ref(num_pr: ElementTree.Element) -> Optional[tuple[str, int]]:
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is None:
            return None
        return num_id.get(f"{_W}val", ""), _int_attr(ilvl.get(f"{_W}val") if ilvl is not None else 0, 0, 0, MAX_LEVEL)

    def label(self, p: ElementTree.Element) -> str:
        ref = None
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            ref = self._num_ref(num_pr)
        else:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            if style is not None:
                ref = self.style_num.get(style.get(f"{_W}val", ""))
        if not ref or ref[0] == "0" or ref[0] not in self.levels:   # numId 0 switches numbering off
            return ""
        num_id, ilvl = ref
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= len(counters):
            return ""
        start = levels[ilvl][2]
        counters[ilvl] = start if counters[ilvl] == 0 else min(counters[ilvl] + 1, MAX_LIST_NUMBER)
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0     # a new item restarts the levels below it
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if not 0 <= k < len(counters):
                return ""
            lvl_fmt, _, lvl_start = levels.get(k, ("decimal", "", 1))
            value = counters[k] or lvl_start
            return _NUM_FORMATS.get(lvl_fmt, str)(value)

        return re.sub(r"%(\d)", number, text)
