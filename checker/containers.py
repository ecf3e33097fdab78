"""Text out of the containers reports are shared in: Word (.docx), saved web pages (.html) and PDF.

``extract`` turns a container's bytes into the plain text the rest of the pipeline reads, one
line per paragraph, and says what a "line" is for that container so that evidence can point the
user to the right place:

* ``.docx`` — body paragraphs and table cells in reading order, one paragraph per line, with
  Word's automatic list numbers (一、 / (一) / 1.) written out, because the structure stage
  reads headings from them. Line numbers in findings are paragraph numbers. Only the standard
  library's zipfile and XML parser are used.
* ``.html`` / ``.htm`` — the page's headings, paragraphs, list items and table cells, one per
  line; scripts, styles and navigation chrome (nav, header, footer, menus, breadcrumbs) are
  dropped. The page's declared charset is honoured (GB2312/GBK are read as GB18030, their
  superset); without one, or when the page lies about it, the bytes are decoded like a text file.
* ``.pdf`` — the text layer, through the optional ``pypdf`` library
  (``pip install "govedu-check[pdf]"``). Lines that were only wrapped by the page layout are
  joined back into paragraphs; a PDF without a text layer (a scan) is an error, not an empty pass.

Everything that goes wrong ends in :class:`checker.load.InputFileError` with one line for the user.
"""
from __future__ import annotations

import codecs
import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Optional
from xml.etree import ElementTree

__all__ = ["Extracted", "container_kind", "extract", "PDF_INSTALL_HINT"]

PDF_INSTALL_HINT = 'pip install "govedu-check[pdf]"'


@dataclass(frozen=True)
class Extracted:
    text: str          # one paragraph (docx, pdf) or block (html) per line
    encoding: str      # how the text was obtained, shown in reports ("docx", "html gb18030", "pdf")
    line_label: str    # "paragraph" or "line"


class ContainerError(Exception):
    """A container that cannot be read; the message is completed with the path by ``load``."""


_EXTENSIONS = {".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}


def container_kind(path: str, data: bytes) -> Optional[str]:
    """"docx", "html", "pdf" or None (plain text), from the file name and, failing that, the bytes.

    The extension decides when it names a container. Otherwise (``.txt``, standard input, no
    extension) the content is sniffed, so a Word file saved as ``report.txt`` or piped in still
    reads as Word rather than failing as "binary".
    """
    ext = posixpath.splitext(path.lower())[1]
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def extract(kind: str, data: bytes, decode_text: Callable[[bytes], tuple[str, str]]) -> Extracted:
    """Extract the text of a container. ``decode_text`` is load's text decoder (HTML fallback)."""
    if kind == "docx":
        return Extracted(docx_text(data), "docx", "paragraph")
    if kind == "html":
        text, encoding = html_text(data, decode_text)
        return Extracted(text, f"html {encoding}", "line")
    if kind == "pdf":
        return Extracted(pdf_text(data), "pdf", "paragraph")
    raise ValueError(f"unknown container {kind!r}")


# ================================================================ .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist() or "_rels/.rels" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_text(data: bytes) -> str:
    """Body paragraphs and table cells of a .docx in reading order, one paragraph per line."""
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
    body = root.find(f"{_W}body")
    if body is None:
        raise ContainerError("not a Word document (no document body); give a .docx saved by Word or WPS")
    numbers = _ListNumbers(numbering_xml, styles_xml)
    lines: list[str] = []
    _walk_block(body, lines, numbers)
    return "\n".join(lines)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (usually word/document.xml)."""
    rels = _read_optional(zf, "_rels/.rels")
    if rels:
        try:
            for rel in ElementTree.fromstring(rels).iter(f"{_REL}Relationship"):
                if rel.get("Type", "").endswith(_OFFICE_DOC) and rel.get("Target"):
                    return rel.get("Target").lstrip("/")
        except ElementTree.ParseError:
            pass
    if "word/document.xml" in zf.namelist():
        return "word/document.xml"
    raise ContainerError("a ZIP archive without a Word document in it (an .xlsx or .pptx?); "
                         "give the report as .docx, .txt, .html or .pdf")


# A report's document.xml is a few MB at most; a part that unpacks to more is a ZIP bomb or not a report.
_MAX_PART_BYTES = 200 * 1024 * 1024


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
    if info.file_size > _MAX_PART_BYTES:
        raise ContainerError(f"{name} inside the .docx unpacks to {info.file_size // 2**20} MB; "
                             "that is no report — re-save it from Word")
    return zf.read(info)


def _walk_block(parent: ElementTree.Element, lines: list[str], numbers: "_ListNumbers") -> None:
    """Paragraphs and tables under ``parent`` in document order (cells left to right, row by row)."""
    for child in parent:
        tag = child.tag
        if tag == f"{_W}p":
            text = numbers.label(child) + _paragraph_text(child)
            lines.append(text)
        elif tag == f"{_W}tbl":
            rows = []
            for row in child.iter(f"{_W}tr"):
                cells = []
                for cell in row.findall(f"{_W}tc"):
                    paragraphs: list[str] = []
                    _walk_block(cell, paragraphs, numbers)
                    cells.append(paragraphs)
                rows.append(cells)
            lines.extend(table_lines(rows))
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"):
            # Content controls and similar wrappers hold ordinary paragraphs and tables.
            inner = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if inner is not None:
                _walk_block(inner, lines, numbers)


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


# ================================================================ tables (.docx and .html)
# A figures table ("主要指标完成情况": 指标 | 目标 | 完成) is no text: its rows are read as sentences, the
# header telling the figure achieved from the target. A target is written in a clause of its own
# ("，目标值100%"), which names no subject, so it is never taken for what was achieved.
_TARGET_HEAD = re.compile(r"目标|计划|预期|任务|要求|标准|规划")
_ACTUAL_HEAD = re.compile(r"完成|实际|实现|达到|现状|进展|结果|实绩")
# "目标完成情况", "实际完成" are results even though they name the target; "计划完成" is not
_RESULT_HEAD = re.compile(r"实际|实绩|现状|完成情况|实现情况|进展情况")
_YEAR_HEAD = re.compile(r"^((?:19|20)\d\d)\s*年?(?:度)?$")
_NUMBER_HEAD = re.compile(r"^(序号|编号|No\.?)$", re.I)
_FIGURE = re.compile(r"\d\s*(?:%|％|‰|个百分点|个|所|人|名|万|元|小时|分钟|次|项|家|处|班)")
_TABLE_CELL_MAX = 40


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """Lines for a table given as rows of cells of paragraphs.

    A table of short cells (one paragraph each, up to 40 characters) is a figures table: one
    sentence a row (``护学岗设置率完成100%，目标值100%。``), the header row read for which column
    is the target and which the result. Any other table (a page laid out in a table) gives its
    cells' paragraphs one a line, as body text.
    """
    rows = [r for r in rows if any(p.strip() for c in r for p in c)]
    flat = [[" ".join(p.strip() for p in c if p.strip()) for c in r] for r in rows]
    if not rows or any(len([p for p in c if p.strip()]) > 1 or len(t) > _TABLE_CELL_MAX
                       for r, fr in zip(rows, flat) for c, t in zip(r, fr)):
        return [p for r in rows for c in r for p in c]
    out: list[str] = []
    while flat and len([c for c in flat[0] if c]) == 1 and len(flat) > 1:
        out.append(next(c for c in flat[0] if c))      # a caption row ("主要指标完成情况")
        flat = flat[1:]
    header = None
    if len(flat) > 1 and len(flat[0]) >= 2 and not any(_FIGURE.search(c) for c in flat[0]):
        header, flat = flat[0], flat[1:]
    for row in flat:
        cells = [c for c in row]
        if header is None:
            out.append("，".join(c for c in cells if c) + "。")
            continue
        keep = [k for k in range(len(cells)) if k >= len(header) or not _NUMBER_HEAD.match(header[k])]
        label_at = next((k for k in keep if cells[k] and not _FIGURE.search(cells[k])), None)
        label = cells[label_at] if label_at is not None else ""
        done, others, targets = [], [], []
        # columns headed by years (指标 | 2022年 | 2023年): the latest is the result, earlier ones past levels
        years = {k: int(m.group(1)) for k in keep if k < len(header) and (m := _YEAR_HEAD.match(header[k]))}
        latest = max(years, key=years.get) if years else None
        for k in keep:
            if k == label_at or not cells[k]:
                continue
            head = header[k] if k < len(header) else ""
            if _RESULT_HEAD.search(head) or _ACTUAL_HEAD.search(head) and not _TARGET_HEAD.search(head):
                done.append(cells[k])
            elif _TARGET_HEAD.search(head):
                targets.append(cells[k])
            elif k in years:
                if k == latest:
                    others.append(f"{head}{cells[k]}")
            else:
                others.append(f"{head}{cells[k]}")
        sentence = label + "".join(f"完成{v}" for v in done[:1]) + "".join(f"，{v}" for v in done[1:] + others)
        sentence += "".join(f"，目标值{v}" for v in targets)
        if sentence:
            out.append(sentence + "。")
    return out


# ---------------------------------------------------------------- Word list numbering
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
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
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
        except ElementTree.ParseError:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(f"{_W}abstractNum"):
            abstract[an.get(f"{_W}abstractNumId", "")] = {
                int(lvl.get(f"{_W}ilvl", "0")): self._level(lvl) for lvl in an.findall(f"{_W}lvl")
            }
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for ov in num.findall(f"{_W}lvlOverride"):
                ilvl = int(ov.get(f"{_W}ilvl", "0"))
                lvl = ov.find(f"{_W}lvl")
                start = ov.find(f"{_W}startOverride")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                elif start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(f"{_W}val", "1")))
            self.levels[num.get(f"{_W}numId", "")] = levels

    @staticmethod
    def _level(lvl: ElementTree.Element) -> tuple[str, str, int]:
        def val(name: str, default: str) -> str:
            el = lvl.find(f"{_W}{name}")
            return el.get(f"{_W}val", default) if el is not None else default

        return val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1") or 1)

    def _read_styles(self, xml: bytes) -> None:
        try:
            root = ElementTree.fromstring(xml)
        except ElementTree.ParseError:
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
        return num_id.get(f"{_W}val", ""), int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0

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
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
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


# ================================================================ .html
# Elements whose content is never report text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                        "form", "select", "button", "iframe", "object", "svg", "canvas", "head", "title"})
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "menu", "menubar", "search"})
# id/class words of page chrome on government sites (whole words only: "article-header" stays).
_CHROME_WORDS = frozenset({"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb",
                           "footer", "sidebar", "share", "toolbar", "topbar", "skip"})
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "td", "th",
                         "table", "section", "article", "main", "blockquote", "pre", "ul", "ol", "dl",
                         "caption", "figcaption", "address", "hr", "br", "center", "body"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                        "param", "source", "track", "wbr"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class _TextCollector(HTMLParser):
    """Collects the text of block elements, one block per line, skipping chrome subtrees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_tag: Optional[str] = None   # tag of the skipped subtree we are in
        self.skip_depth = 0                   # nesting of that tag inside itself
        self.pre_depth = 0
        # open tables, innermost last: rows of cells of paragraphs, and whether a cell is open
        self.tables: list[dict] = []

    # -- helpers
    def _flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        for line in text.split("\n"):         # only <pre> content keeps its own line breaks
            line = line.strip(" ")
            if line:
                self._target().append(line)

    def _target(self) -> list[str]:
        """Where a finished line goes: the open table cell, or the page's lines."""
        if not self.tables:
            return self.lines
        table = self.tables[-1]
        if table["cell"] is None:             # text between rows: a row of its own
            table["rows"].append([[]])
            table["cell"] = table["rows"][-1][0]
            table["loose"] = True
        return table["cell"]

    def _table_tag(self, tag: str, start: bool) -> bool:
        """Table structure; True when the tag was handled here."""
        if tag == "table":
            self._flush()
            if start:
                self.tables.append({"rows": [], "cell": None, "loose": False})
            elif self.tables:
                table = self.tables.pop()
                lines = table_lines(table["rows"])
                (self.tables[-1]["cell"] if self.tables and self.tables[-1]["cell"] is not None
                 else self._target()).extend(lines)
            return True
        if not self.tables or tag not in ("tr", "td", "th"):
            return False
        self._flush()
        table = self.tables[-1]
        if tag == "tr" or table.get("loose"):
            table["cell"], table["loose"] = None, False
            if start and tag == "tr":
                table["rows"].append([])
        if tag in ("td", "th"):
            table["cell"] = None
            if start:
                if not table["rows"]:
                    table["rows"].append([])
                table["rows"][-1].append([])
                table["cell"] = table["rows"][-1][-1]
        return True

    def _is_chrome(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        values = dict(attrs)
        if (values.get("role") or "").lower() in _SKIP_ROLES:
            return True
        if values.get("hidden") is not None or (values.get("aria-hidden") or "").lower() == "true":
            return True
        words = re.split(r"[\s_-]+", f"{values.get('id') or ''} {values.get('class') or ''}".lower())
        return any(w in _CHROME_WORDS for w in words)

    # -- HTMLParser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag and tag not in _VOID_TAGS:
                self.skip_depth += 1
            return
        if tag not in _VOID_TAGS and self._is_chrome(tag, attrs):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if self._table_tag(tag, True):
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self.pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if self.skip_tag is None and tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if self._table_tag(tag, False):
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_tag is not None:
            return
        if self.pre_depth:
            self.current.append(data.replace("\r\n", "\n").replace("\r", "\n"))
        else:
            self.current.append(_HTML_SPACE.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._flush()
        while self.tables:                    # a table the page never closed
            self._table_tag("table", False)


def html_text(data: bytes, decode_text: Callable[[bytes], tuple[str, str]]) -> tuple[str, str]:
    """(text, encoding) of a saved web page: its blocks, one per line, without page chrome."""
    markup, encoding = _decode_html(data, decode_text)
    parser = _TextCollector()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # html.parser's last resort on badly broken markup
        raise ContainerError("not a readable web page (broken HTML); save the page again or copy its text") from None
    return "\n".join(parser.lines), encoding


# <meta charset="gb2312">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">,
# <?xml version="1.0" encoding="gb2312"?>
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Labels whose real-world meaning is a larger encoding (as browsers treat them).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                    "gb_2312-80": "gb18030", "csgb2312": "gb18030", "euc-cn": "gb18030",
                    "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                    "us-ascii": "cp1252"}


def declared_charset(data: bytes) -> Optional[str]:
    """The charset a page declares in its first 8 KB (meta tag or XML declaration), normalised."""
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_html(data: bytes, decode_text: Callable[[bytes], tuple[str, str]]) -> tuple[str, str]:
    """Decode by BOM, then by the declared charset, then like a text file.

    A declared charset that does not decode the page strictly is ignored: pages saved by a
    browser as UTF-8 often keep their original ``charset=gb2312`` meta tag.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    charset = declared_charset(data)
    if charset:
        try:
            return data.decode(charset), charset
        except UnicodeDecodeError:
            pass
    return decode_text(data)


# ================================================================ .pdf
def _pypdf():
    """The pypdf module, or a ContainerError saying how to install it."""
    try:
        import pypdf
    except ImportError:
        raise ContainerError(f"reading PDF needs the optional pdf extra; run: {PDF_INSTALL_HINT}") from None
    return pypdf


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, wrapped lines joined back into paragraphs."""
    pypdf = _pypdf()
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its warnings about odd PDFs are noise here
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ContainerError("the PDF is password-protected; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ContainerError:
        raise
    except Exception as err:  # pypdf raises many types on damaged files; all mean "unreadable"
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        raise ContainerError(f"not a readable PDF ({reason}); re-export it from the original document") from None
    if not any(ch.strip() for page in pages for ch in page):
        raise ContainerError("the PDF has no text layer (a scanned image?); OCR it first "
                             "(e.g. ocrmypdf --language chi_sim in.pdf out.pdf) or give the report as text")
    return reflow(pages)


# A sentence end at the end of a line; a closing quote or bracket counts only after one (。”).
_ENDS_PARAGRAPH = re.compile(r"(?:[。！？；：!?;:…]|[。！？!?][”\"」』）)])\s*$")
# Running page numbers: "3", "- 3 -", "第3页", "第 3 页 共 12 页".
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
_STARTS_BLOCK = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                           r"\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十]+[部章节]|[①-⑳•·▪■●])")


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _width(s: str) -> int:
    """Display width: CJK and full-width characters count two, as they do on the page."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def reflow(pages: list[str]) -> str:
    """Join lines the page layout wrapped, keeping real paragraph, heading and list breaks.

    A line is a wrapped one when it fills (nearly) the full text width of its page and does
    not end a sentence; the next line — on the same page or the next one — then continues it,
    unless it starts a heading or list item. Running page numbers are dropped.
    """
    physical: list[tuple[str, int]] = []       # (line, full text width of its page)
    for page in pages:
        lines = [ln.strip() for ln in page.split("\n")]
        lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
        full = max((_width(ln) for ln in lines), default=0)
        physical.extend((ln, full) for ln in lines)
    if not physical:
        return ""
    paragraphs: list[str] = [physical[0][0]]
    for (prev, full), (ln, _) in zip(physical, physical[1:]):
        wrapped = (_width(prev) >= 0.8 * full and not _ENDS_PARAGRAPH.search(prev)
                   and not _STARTS_BLOCK.match(ln))
        if wrapped:
            # English words wrapped at a space lose it in extraction; Chinese and numbers need none.
            joiner = " " if _is_latin_letter(prev[-1:]) and _is_latin_letter(ln[:1]) else ""
            paragraphs[-1] += joiner + ln
        else:
            paragraphs.append(ln)
    return "\n".join(paragraphs)
