"""PDF: the text layer through the optional pypdf library; lines only wrapped by the page layout
are joined back into paragraphs.
"""
from __future__ import annotations

import io
import unicodedata
from contextlib import contextmanager

from ... import regexcache
from .common import PDF_INSTALL_HINT, ContainerError

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
        if reader.is_encrypted:
            _decrypt(reader)
        if len(reader.pages) > MAX_PAGES:
            raise ContainerError(f"PDF 有 {len(reader.pages)} 页，超过上限 {MAX_PAGES} 页 / the PDF has "
                                 f"{len(reader.pages)} pages, more than {MAX_PAGES}; that is no single report")
        with _shared_font_maps():
            pages = [page.extract_text() or "" for page in reader.pages]
    except ContainerError:
        raise
    except Exception as err:  # pypdf raises many types on damaged files; all mean "unreadable"
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        raise ContainerError(f"not a readable PDF ({reason}); re-export it from the original document") from None
    # A ToUnicode map may name a lone surrogate (U+D800): no text, and unencodable in any output.
    pages = [_LONE_SURROGATE.sub("\ufffd", page) for page in pages]
    if not any(ch.strip() for page in pages for ch in page):
        raise ContainerError("the PDF has no text layer (a scanned image?); OCR it first "
                             "(e.g. ocrmypdf --language chi_sim in.pdf out.pdf) or give the report as text")
    return reflow(pages)


# A report is tens of pages, a yearbook a few hundred; more than this is not one report.
MAX_PAGES = 5000
_LONE_SURROGATE = regexcache.compile("[\ud800-\udfff]")


def _decrypt(reader) -> None:
    """Open an encrypted PDF with the empty user password, as a viewer does.

    Government sites publish "restricted" PDFs: an owner password forbids copying or printing,
    but anyone may open and read them. AES needs the ``cryptography`` package (in the ``pdf``
    extra); a PDF that asks for a password to open is refused in one line."""
    try:
        ok = reader.decrypt("")
    except Exception as err:    # pypdf: DependencyError without cryptography, others on bad files
        if "cryptography" in str(err):
            raise ContainerError("PDF 使用 AES 加密，需要 cryptography 包 / the PDF is AES-encrypted; "
                                 f"reading it needs the cryptography package: {PDF_INSTALL_HINT}") from None
        raise
    if not ok:
        raise ContainerError("PDF 设有打开密码，无法读取 / the PDF is password-protected; "
                             "save an unprotected copy")


@contextmanager
def _shared_font_maps():
    """Parse each font's encoding and ToUnicode map once per file, not once per page.

    pypdf parses a font's maps again for every page that uses it: a 330 KB map shared by 1,000
    pages cost three minutes. The maps of one font object are the same on every page, so the
    first parse is kept (for this file only) and each page gets its own copies."""
    try:
        from pypdf.generic import _font
    except ImportError:
        yield
        return
    original = getattr(_font, "get_encoding", None)
    if original is None:
        yield
        return
    cache: dict[int, tuple] = {}

    def get_encoding(ft):
        hit = cache.get(id(ft))
        if hit is None or hit[0] is not ft:      # the font object is kept, so its id stays its own
            hit = cache[id(ft)] = (ft, original(ft))
        encoding, char_map = hit[1]
        return (dict(encoding) if isinstance(encoding, dict) else encoding), dict(char_map)

    _font.get_encoding = get_encoding
    try:
        yield
    finally:
        _font.get_encoding = original


# A sentence end at the end of a line; a closing quote or bracket counts only after one (。”).
_ENDS_PARAGRAPH = regexcache.compile(r"(?:[。！？；：!?;:…]|[。！？!?][”\"」』）)])\s*$")
# Running page numbers: "3", "- 3 -", "第3页", "第 3 页 共 12 页".
_PAGE_NUMBER = regexcache.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
_STARTS_BLOCK = regexcache.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
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
    # Each paragraph is a list of pieces joined once at the end: appending to a string would copy
    # the paragraph for every wrapped line (quadratic in a long paragraph).
    paragraphs: list[list[str]] = [[physical[0][0]]]
    for (prev, full), (ln, _) in zip(physical, physical[1:]):
        wrapped = (_width(prev) >= 0.8 * full and not _ENDS_PARAGRAPH.search(prev)
                   and not _STARTS_BLOCK.match(ln))
        if wrapped:
            # English words wrapped at a space lose it in extraction; Chinese and numbers need none.
            joiner = " " if _is_latin_letter(prev[-1:]) and _is_latin_letter(ln[:1]) else ""
            paragraphs[-1].append(joiner + ln)
        else:
            paragraphs.append([ln])
    return "\n".join("".join(pieces) for pieces in paragraphs)
