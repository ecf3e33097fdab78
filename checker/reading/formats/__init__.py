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

One module per container (``docx``, ``html``, ``pdf``). Everything that goes wrong ends in
:class:`checker.reading.load.InputFileError` with one line for the user.
"""
from __future__ import annotations

import posixpath
from typing import Callable, Optional

from .common import PDF_INSTALL_HINT, ContainerError, Extracted

# Each container's module (and what it imports: zipfile and ElementTree, html.parser) is
# imported only when a report of that kind is read; plain text needs none of them.

__all__ = ["ContainerError", "Extracted", "container_kind", "declared_charset", "extract", "PDF_INSTALL_HINT"]

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
    if data.startswith(b"PK\x03\x04"):
        from .docx import is_docx

        if is_docx(data):
            return "docx"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def extract(kind: str, data: bytes, decode_text: Callable[[bytes], tuple[str, str]]) -> Extracted:
    """Extract the text of a container. ``decode_text`` is load's text decoder (HTML fallback)."""
    if kind == "docx":
        from .docx import docx_text_with_paragraphs

        text, paragraphs = docx_text_with_paragraphs(data)
        # evidence names Word's own paragraph numbers (a table row read as a sentence is one line)
        same = paragraphs == tuple(range(1, len(paragraphs) + 1))
        return Extracted(text, "docx", "paragraph", () if same else paragraphs)
    if kind == "html":
        from .html import html_text_with_lines

        text, encoding, line_map = html_text_with_lines(data, decode_text)
        return Extracted(text, f"html {encoding}", "line", line_map)
    if kind == "pdf":
        from .pdf import pdf_text

        return Extracted(pdf_text(data), "pdf", "paragraph")
    raise ValueError(f"unknown container {kind!r}")


def __getattr__(name: str):
    # declared_charset is part of this package's interface; its module is imported when asked for.
    if name == "declared_charset":
        from .html import declared_charset

        return declared_charset
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
