"""Saved web pages (.html, .htm): headings, paragraphs, list items and table cells, one per line;
scripts, styles and navigation chrome dropped; the declared charset honoured.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from typing import Callable, Optional

from ... import regexcache
from .common import ContainerError
from .tables import table_lines_mapped

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
_HTML_SPACE = regexcache.compile(r"[ \t\n\r\f]+")


class _TextCollector(HTMLParser):
    """Collects the text of block elements, one block per line, skipping chrome subtrees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line_of: list[int] = []          # for each line: its 1-based line in the page's source
        self.current: list[str] = []
        self.start_line: Optional[int] = None # source line of the first character in ``current``
        self.skip_tag: Optional[str] = None   # tag of the skipped subtree we are in
        self.skip_depth = 0                   # nesting of that tag inside itself
        self.pre_depth = 0
        # open tables, innermost last: rows of cells of paragraphs, and whether a cell is open
        self.tables: list[dict] = []

    # -- helpers
    def _flush(self) -> None:
        text = "".join(self.current)
        start = self.start_line or 1
        self.current = []
        self.start_line = None
        for i, line in enumerate(text.split("\n")):   # only <pre> content keeps its own line breaks
            line = line.strip(" ")
            if line:
                self._append(line, start + i)

    def _append(self, line: str, source_line: int) -> None:
        """A finished line, with the line of the page's source it starts on."""
        if not self.tables:
            self.lines.append(line)
            self.line_of.append(source_line)
            return
        self._target().append(line)
        self.tables[-1]["src"].append(source_line)

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
                self.tables.append({"rows": [], "cell": None, "loose": False, "src": []})
            elif self.tables:
                table = self.tables.pop()
                # the source line of each cell paragraph, in the rows' shape (appended in reading order)
                flat_src = iter(table["src"])
                where = [[[next(flat_src, 0) for _ in cell] for cell in row] for row in table["rows"]]
                lines, src = table_lines_mapped(table["rows"], where)
                for line, source_line in zip(lines, src):
                    if self.tables and self.tables[-1]["cell"] is not None:
                        self.tables[-1]["cell"].append(line)
                        self.tables[-1]["src"].append(source_line)
                    else:
                        self._append(line, source_line)
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
        if self.start_line is None and data.strip(" \t\n\r\f"):
            # The source line of the block's first visible character (HTMLParser's position is
            # where this piece of text starts; pre text counts its own line breaks from there).
            raw = data.replace("\r\n", "\n").replace("\r", "\n")
            lead = raw[:len(raw) - len(raw.lstrip(" \t\n\f"))]
            base = self.getpos()[0]
            if self.pre_depth:
                already = "".join(self.current).count("\n")
                self.start_line = base - already
            else:
                self.start_line = base + lead.count("\n")
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
    text, encoding, _ = html_text_with_lines(data, decode_text)
    return text, encoding


def html_text_with_lines(data: bytes, decode_text: Callable[[bytes], tuple[str, str]]) -> tuple[str, str, tuple]:
    """(text, encoding, line map): the map gives, for each extracted line, its line in the page's
    source, so evidence points at the line a user sees when opening the .html file."""
    markup, encoding = _decode_html(data, decode_text)
    # The parser counts lines on "\n" only; make its lines the lines an editor shows.
    markup = markup.replace("\r\n", "\n").replace("\r", "\n")
    markup = _tame_long_tags(markup)
    parser = _TextCollector()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # html.parser's last resort on badly broken markup
        raise ContainerError("not a readable web page (broken HTML); save the page again or copy its text") from None
    return "\n".join(parser.lines), encoding, tuple(parser.line_of)


# A start tag longer than this is cut down to the attributes the reader uses before parsing:
# html.parser keeps every attribute as a tuple of strings, ~200 bytes of memory per byte of a
# tag made of a million tiny attributes (30 MB of them took 5.9 GB).
MAX_TAG_CHARS = 2000
_LONG_TAG = regexcache.compile(r"<([a-zA-Z][a-zA-Z0-9:-]{0,40})(\s[^<>]{%d,})>" % MAX_TAG_CHARS)
_USED_ATTR = regexcache.compile(r"""\s(id|class|role|aria-hidden)\s*=\s*("[^"<>]{0,200}"|'[^'<>]{0,200}'|[^\s"'<>=`]{1,200})"""
                        r"""|\s(hidden)(?=[\s/]|$)""", re.I)


def _tame_long_tags(markup: str) -> str:
    """Start tags over ``MAX_TAG_CHARS`` keep only id, class, role, hidden and aria-hidden
    (what decides whether an element is page chrome); one pass over the markup."""
    if len(markup) < MAX_TAG_CHARS:
        return markup

    def short(m: re.Match) -> str:
        kept, names = [], set()
        for a in _USED_ATTR.finditer(m.group(2)):
            name = (a.group(1) or a.group(3)).lower()
            if name not in names:
                names.add(name)
                kept.append(a.group(0))
            if len(names) == 5:
                break
        return f"<{m.group(1)}{''.join(kept)}>"

    return _LONG_TAG.sub(short, markup)


# <meta charset="gb2312">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">,
# <?xml version="1.0" encoding="gb2312"?>
_META_CHARSET = regexcache.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = regexcache.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
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
        info = codecs.lookup(label)
    except LookupError:
        return None
    # rot13, hex, base64, zlib … are codecs too, but not text encodings: bytes.decode refuses them.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


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
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError, TypeError, ValueError):
            pass
        else:
            if not _single_byte(charset) or data.isascii():
                return text, charset
            # A single-byte charset (cp1251, koi8-r, cp1252 …) decodes any bytes; a Chinese page
            # declaring one by mistake would turn into mojibake that names no rule. When the
            # bytes read as Chinese text in UTF-8 or GB18030, that is what they are.
            fallback = _as_chinese(data, decode_text)
            return fallback if fallback is not None else (text, charset)
    return decode_text(data)


def _single_byte(charset: str) -> bool:
    try:
        return len(bytes(range(256)).decode(charset, errors="replace")) == 256
    except (LookupError, TypeError, ValueError):
        return False


_CJK = regexcache.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _as_chinese(data: bytes, decode_text: Callable[[bytes], tuple[str, str]]) -> Optional[tuple[str, str]]:
    """(text, encoding) when the text decoder reads ``data`` as mostly Chinese, else None."""
    try:
        text, encoding = decode_text(data)
    except Exception:       # InputFileError: not text in UTF-8/GB18030 either — keep the declared one
        return None
    non_ascii = sum(1 for ch in text if ord(ch) >= 0x80)
    if non_ascii and len(_CJK.findall(text)) >= 0.8 * non_ascii:
        return text, f"{encoding} (declared charset ignored: the page is Chinese)"
    return None
