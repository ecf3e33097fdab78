"""Saved web pages (.html, .htm): headings, paragraphs, list items and table cells, one per line;
scripts, styles and navigation chrome dropped; the declared charset honoured.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from typing import Callable, Optional

from .common import ContainerError
from .tables import table_lines

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
