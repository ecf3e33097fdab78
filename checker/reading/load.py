"""Read a report file (or standard input) and decode it to text.

Reports reach us in whatever encoding the bureau's editor produced: UTF-8 (with or without a
BOM), GBK/GB2312/GB18030, or UTF-16 from Windows "Unicode" text files, sometimes truncated
or with a few corrupted bytes. ``decode_bytes`` picks the encoding, ``load`` adds file
handling and line-break normalisation. Word (.docx), saved web pages (.html) and PDF are
handed to :mod:`checker.reading.formats`, which says what a "line" is for them (a paragraph of a
.docx). The path ``-`` reads standard input, sniffing the container from its bytes. Anything
that is not a report ends in ``InputFileError`` with a one-line message meant for the user,
never a traceback.

The input file is only ever opened for reading.
"""
from __future__ import annotations

import codecs
import functools
import os
import re
import sys
import unicodedata
import stat
from collections import Counter
from typing import Optional

from .. import regexcache
from . import formats
from .names import display_path
from ..model import STDIN_NAME, STDIN_PATH, SourceText

__all__ = ["DEFAULT_MAX_INPUT_BYTES", "InputFileError", "decode_bytes", "load", "max_input_bytes",
           "parse_size", "set_max_input_bytes"]


class InputFileError(Exception):
    """A report that cannot be read as text. ``str(err)`` is a complete user-facing line."""


# Magic numbers of formats people mistake for (or rename to) text reports.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx/.xlsx"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
)

_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Share of bytes/characters tolerated before we call a file damaged or not text.
_MAX_INVALID_SHARE = 0.05     # "more than 95% valid UTF-8"
_MAX_NONTEXT_SHARE = 0.10     # control/unassigned/private-use characters in decoded text
_MIN_COMMON_SHARE = 0.90      # ordinary characters needed to trust a BOM-less UTF-16 guess

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file marker

_HINT = "give a .txt, .md, .docx, .html or .pdf report"
_ASCII_BYTES = bytes(range(0x80))


# ---------------------------------------------------------------- the size budget
# The largest input read, in bytes: a 50 MB report is ~2,700 county reports' worth of text and
# is checked in about 30 s and 1.2 GB (docs/robustness.md). Set with --max-input-size or
# `max_input_size` in the configuration; the CLI passes it to worker processes through
# MAX_INPUT_ENV, so that every process of a run reads with the same limit.
DEFAULT_MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_INPUT_ENV = "GOVEDU_CHECK_MAX_INPUT_SIZE"
_SIZE = regexcache.compile(r"\s*(\d{1,15})\s*([kmg]i?b?|b)?\s*", re.I)


def parse_size(value) -> int:
    """``50MB``, ``512k``, ``1GB`` or a number of bytes → bytes; ValueError (Chinese-first) if not."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    m = _SIZE.fullmatch(str(value)) if isinstance(value, str) else None
    if not m or int(m[1]) == 0:
        raise ValueError(f"大小写成如 50MB、512KB 或字节数 / write a size such as 50MB, 512KB or a "
                         f"number of bytes (got {value!r})")
    unit = (m[2] or "b").lower()[:1]
    return int(m[1]) * {"b": 1, "k": 2**10, "m": 2**20, "g": 2**30}[unit]


_max_input: Optional[int] = None


def set_max_input_bytes(limit: Optional[int]) -> None:
    """Set the limit for this process and the worker processes it starts (None: the default)."""
    global _max_input
    _max_input = limit
    if limit is None:
        os.environ.pop(MAX_INPUT_ENV, None)
    else:
        os.environ[MAX_INPUT_ENV] = str(limit)


def max_input_bytes() -> int:
    if _max_input is not None:
        return _max_input
    try:
        return parse_size(os.environ.get(MAX_INPUT_ENV) or DEFAULT_MAX_INPUT_BYTES)
    except ValueError:
        return DEFAULT_MAX_INPUT_BYTES


def _too_large(path: str, limit: int) -> InputFileError:
    return InputFileError(f"{path}: 文件超过输入大小上限 {_mb(limit)} / larger than the input limit of "
                          f"{_mb(limit)}; split the report, or raise the limit with --max-input-size")


def _mb(n: int) -> str:
    return f"{n / 2**20:g} MB" if n >= 2**20 else f"{n} bytes"


# ---------------------------------------------------------------- public API
def load(path: str) -> SourceText:
    """Read ``path`` (``-``: standard input) and return its text, line breaks normalised to ``\\n``.

    Containers (.docx, .html/.htm, .pdf — by extension, or by content for other names and for
    standard input) are reduced to their text first; everything else is decoded as text.
    """
    if path == STDIN_PATH:
        name, data = STDIN_NAME, _read_stdin()
    else:
        name = display_path(path)   # undecodable bytes and control characters escaped
        data = _read_bytes(path, name)
    kind = formats.container_kind(name, data)
    if kind is None:
        text, encoding = decode_bytes(data, name)
        return SourceText(path=name, text=_normalize_newlines(text), encoding=encoding)
    try:
        got = formats.extract(kind, data, lambda raw: decode_bytes(raw, name))
    except formats.ContainerError as err:
        raise InputFileError(f"{name}: {err}") from None
    text = _normalize_newlines(got.text)
    _check_text(text, name)
    return SourceText(path=name, text=text, encoding=got.encoding, line_label=got.line_label,
                      line_map=got.line_map)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode a report's bytes; return ``(text, encoding name)``.

    Order: binary signatures → BOM → (NUL bytes: BOM-less UTF-16 or binary) → strict UTF-8 →
    UTF-8 with a few bad bytes → GB18030. A multi-byte character cut off at the very end of
    the data is dropped silently. ``path`` is only used in error messages.
    """
    if not data:
        return "", "utf-8"
    _reject_known_binary(data, path)

    by_bom = _decode_by_bom(data, path)
    if by_bom is not None:
        return by_bom

    if b"\x00" in data:
        # NUL never occurs in UTF-8 or GB18030 text; it is either UTF-16 or not text at all.
        guessed = _guess_utf16(data)
        if guessed is None:
            raise InputFileError(f"{path}: not a text file (binary content: NUL bytes); {_HINT}")
        return guessed

    text = _decode_strict(data, "utf-8")
    if text is not None:
        _check_text(text, path)
        return text, "utf-8"

    return _decode_damaged_or_gb(data, path)


# ---------------------------------------------------------------- reading
def _read_bytes(real_path: str, path: str) -> bytes:
    """Read a regular file of at most ``max_input_bytes()``, as one-line user messages on error.

    The file is opened without blocking and checked with fstat before a byte is read: a FIFO
    would wait forever, /dev/zero or /dev/urandom never end, a socket is no file at all. A file
    still growing is read up to the limit and no further."""
    limit = max_input_bytes()
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
        fh = open(real_path, "rb", opener=_open_nonblocking)
    except FileNotFoundError:
        raise InputFileError(f"{path}: file not found; check the path") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory, not a file; {_HINT}") from None
    except PermissionError:
        if os.path.isdir(real_path):  # Windows reports directories as permission errors
            raise InputFileError(f"{path}: is a directory, not a file; {_HINT}") from None
        raise InputFileError(
            f"{path}: permission denied; make the file readable or copy it elsewhere"
        ) from None
    except OSError as err:  # e.g. EIO, a dangling network share, ELOOP
        reason = err.strerror or type(err).__name__
        raise InputFileError(f"{path}: cannot be read ({reason}); {_HINT}") from None
    try:
        st = os.fstat(fh.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise InputFileError(f"{path}: is a directory, not a file; {_HINT}")
        if not stat.S_ISREG(st.st_mode):
            kind = ("设备 / a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                    else "命名管道 / a FIFO" if stat.S_ISFIFO(st.st_mode)
                    else "套接字 / a socket" if stat.S_ISSOCK(st.st_mode) else "特殊文件 / a special file")
            raise InputFileError(f"{path}: 不是普通文件（{kind.split(' / ')[0]}），未读取 / not a regular "
                                 f"file ({kind.split(' / ')[1]}); {_HINT}")
        if st.st_size > limit:
            raise _too_large(path, limit)
        data = fh.read(limit + 1)      # a file still growing is read up to the limit, no further
        if len(data) > limit:
            raise _too_large(path, limit)
        return data
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise InputFileError(f"{path}: cannot be read ({reason}); {_HINT}") from None
    finally:
        fh.close()


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _read_stdin() -> bytes:
    """All of standard input as bytes (decoded later exactly like a file's bytes)."""
    stream = sys.stdin
    if stream is None:
        raise InputFileError(f"{STDIN_NAME}: no standard input; pipe a report in, e.g. `cat report.txt | govedu-check -`")
    if stream.isatty():
        # Waiting for typed input would look like a hang; `-` is meant for pipes.
        raise InputFileError(f"{STDIN_NAME}: standard input is a terminal; pipe a report in, "
                             "e.g. `cat report.txt | govedu-check -`")
    try:
        limit = max_input_bytes()
        buffer = getattr(stream, "buffer", None)
        data = (buffer.read(limit + 1) if buffer is not None
                else stream.read(limit + 1).encode("utf-8"))
        if len(data) > limit:
            raise _too_large(STDIN_NAME, limit)
        return data
    except OSError as err:
        raise InputFileError(f"{STDIN_NAME}: cannot be read ({err.strerror or err}); {_HINT}") from None


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- decoding steps
# Word 97-2003 (.doc), WPS (.wps), WPS spreadsheets (.et), old Excel/PowerPoint: OLE compound files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _reject_known_binary(data: bytes, path: str) -> None:
    if data.startswith(_OLE_MAGIC):
        raise InputFileError(f"{path}: legacy Office file (.doc/.wps/.et); "
                             "open it in Word or WPS and save it as .docx")
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise InputFileError(f"{path}: not a text file ({kind}); {_HINT}")


def _decode_by_bom(data: bytes, path: str) -> tuple[str, str] | None:
    """Decode data that starts with a byte-order mark, or return None if there is none."""
    if data.startswith(_UTF8_BOM):
        encoding = "utf-8-sig"
    elif data.startswith(_UTF16_BOMS):
        encoding = "utf-16"  # the codec reads the BOM and picks the byte order
    else:
        return None
    text = _decode_strict(data, encoding)
    if text is None and encoding == "utf-8-sig":
        # A BOM says UTF-8 for sure, so a few bad bytes are damage, not another encoding.
        body = data[len(_UTF8_BOM):]
        bad = _count_invalid_utf8(body)
        if bad <= _MAX_INVALID_SHARE * len(body.translate(None, _ASCII_BYTES)):
            return _decode_utf8_replacing(body, bad, path)
    if text is None:
        name = "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
        raise InputFileError(
            f"{path}: starts with a {name} byte-order mark but is not valid {name}; "
            "re-save the report as UTF-8 text"
        )
    _check_text(text, path)
    return text, encoding


def _decode_strict(data: bytes, encoding: str) -> str | None:
    """Strictly decode, dropping an incomplete character at the end; None if invalid.

    An incremental decoder with ``final=False`` keeps the bytes of an unfinished trailing
    character in its buffer instead of raising, so a truncated file still decodes; those
    buffered bytes are simply not used.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _guess_utf16(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16 by its NUL bytes; None if it does not look like UTF-16.

    ASCII characters (digits, punctuation, line breaks) encoded as UTF-16 have a zero high
    byte, so NULs pile up on one byte parity: odd offsets for little-endian, even for
    big-endian. Binary data has NULs on both. The guess is only accepted if it decodes
    strictly to ordinary text.
    """
    usable = len(data) - len(data) % 2
    even_nuls = data[0:usable:2].count(0)
    odd_nuls = data[1:usable:2].count(0)
    total = even_nuls + odd_nuls
    if total == 0:
        return None
    if odd_nuls >= 2 * even_nuls:
        encoding = "utf-16-le"
    elif even_nuls >= 2 * odd_nuls:
        encoding = "utf-16-be"
    else:
        return None
    text = _decode_strict(data, encoding)
    if not text or "\x00" in text:
        return None
    if _nontext_share(text) > _MAX_NONTEXT_SHARE or _common_share(text) < _MIN_COMMON_SHARE:
        return None
    return text, encoding


def _decode_damaged_or_gb(data: bytes, path: str) -> tuple[str, str]:
    """Data that is not strict UTF-8: UTF-8 with a few bad bytes, or GB18030 (GBK, GB2312).

    GB18030 accepts almost any byte sequence, so it would happily turn a UTF-8 file with one
    corrupted byte into mojibake. We therefore first ask how much of the file *is* valid
    UTF-8: if nearly all of its non-ASCII bytes form valid UTF-8 sequences, it is UTF-8 with
    damage. A real GBK file almost never forms valid UTF-8 sequences, so this does not
    misfire on GBK even when the file is mostly ASCII.
    """
    bad = _count_invalid_utf8(data)
    non_ascii = len(data.translate(None, _ASCII_BYTES))  # count of bytes >= 0x80
    if bad <= _MAX_INVALID_SHARE * non_ascii:
        return _decode_utf8_replacing(data, bad, path)

    gb_text = _decode_strict(data, "gb18030")
    # A mostly-ASCII file with a stray byte "decodes" as GB18030 by swallowing the next
    # ASCII character into an odd symbol; prefer UTF-8 repair when GB18030 looks unlikely
    # and the damage is small.
    if gb_text is not None and (
        _looks_like_gb_text(gb_text) or bad > _MAX_INVALID_SHARE * len(data)
    ):
        _check_text(gb_text, path)
        return gb_text, "gb18030"

    if bad <= _MAX_INVALID_SHARE * len(data):
        return _decode_utf8_replacing(data, bad, path)
    raise InputFileError(
        f"{path}: cannot be decoded as UTF-8, GB18030 (GBK) or UTF-16; "
        "re-save the report as UTF-8 text"
    )


def _count_invalid_utf8(data: bytes) -> int:
    # surrogateescape turns each undecodable byte into one character, ignore drops it, and both
    # go on after the same bytes: the difference in length is the number of undecodable bytes
    # (counted without a list of them, which for a GB18030 file holds most of its bytes).
    escaped = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape").decode(data, final=False)
    dropped = codecs.getincrementaldecoder("utf-8")(errors="ignore").decode(data, final=False)
    return len(escaped) - len(dropped)


def _decode_utf8_replacing(data: bytes, bad: int, path: str) -> tuple[str, str]:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    text = decoder.decode(data, final=False)
    _check_text(text, path)
    plural = "byte" if bad == 1 else "bytes"
    return text, f"utf-8 (with {bad} invalid {plural} replaced)"


# ---------------------------------------------------------------- is it text?
def _check_text(text: str, path: str) -> None:
    """Reject decoded text that is really binary (NULs or mostly control characters)."""
    if "\x00" in text:
        raise InputFileError(f"{path}: not a text file (binary content: NUL bytes); {_HINT}")
    if _nontext_share(text) > _MAX_NONTEXT_SHARE:
        raise InputFileError(
            f"{path}: not a text file (binary content: mostly control characters); {_HINT}"
        )


def _is_nontext(ch: str) -> bool:
    if ch in _ALLOWED_CONTROLS:
        return False
    # Cc control, Cn unassigned, Co private use, Cs lone surrogate.
    return unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")


# Characters that are text in every Unicode version Python 3.10+ knows (all assigned since
# Unicode 1.1, none a control or private use): the allowed controls, printable ASCII, Latin-1,
# general punctuation, CJK punctuation, the GBK ideographs and full-width forms. A report is
# almost all of these, so one regex pass leaves only a handful of characters to classify one by
# one (tests/test_load.py checks the class against ``_is_nontext`` for every code point).
_NOT_PLAIN = regexcache.compile("[^\t\n\r\f\v\x1a\u0020-\u007e\u00a0-\u00ff\u2010-\u2027\u3000-\u3037"
                        "\u4e00-\u9fa5\uff01-\uff5e]")


def _nontext_share(text: str) -> float:
    if not text:
        return 0.0
    rest = _NOT_PLAIN.findall(text)
    # Each distinct character is classified once: a report has ~20,000 characters, ~1,000 distinct.
    return sum(n for ch, n in Counter(rest).items() if _is_nontext(ch)) / len(text)


# Ranges of characters expected in a Chinese (or mixed Chinese/English) report.
_COMMON_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),    # ASCII printable
    (0x00A0, 0x024F),    # Latin-1 supplement, Latin extended (pinyin tone marks)
    (0x2000, 0x206F),    # general punctuation (“ ” — …)
    (0x2100, 0x22FF),    # letterlike symbols, number forms (Ⅰ Ⅱ), arrows, math (≥ ≤)
    (0x2460, 0x25FF),    # enclosed numbers ①, box drawing, geometric shapes (■ ●)
    (0x3000, 0x303F),    # CJK symbols and punctuation (、。〔〕)
    (0x3400, 0x4DBF),    # CJK extension A
    (0x4E00, 0x9FFF),    # CJK unified ideographs
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFE30, 0xFE4F),    # CJK compatibility forms
    (0xFF00, 0xFFEF),    # full-width forms (，：（）０-９)
)


def _is_common(ch: str) -> bool:
    if ch in "\t\n\r\f":
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _COMMON_RANGES)


@functools.lru_cache(maxsize=None)
def _uncommon(non_ascii: bool = False) -> "re.Pattern[str]":
    """``_COMMON_RANGES`` as a class: what falls outside it is counted in one regex pass, with
    ``non_ascii`` only the characters from U+0080 up. Compiled on first use (a few ms): only
    BOM-less UTF-16 and GB18030 text needs it."""
    ranges = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _COMMON_RANGES)
    return regexcache.compile(f"[^\\u0000-\\u007f{ranges}]" if non_ascii else f"[^\t\n\r\f{ranges}]")


def _common_share(text: str) -> float:
    if not text:
        return 1.0
    return (len(text) - len(_uncommon().findall(text))) / len(text)


def _looks_like_gb_text(text: str) -> bool:
    """True if the non-ASCII characters look like those of a real GBK/GB18030 report.

    Two tells of a mis-decode: uncommon characters, and characters whose second byte is
    ASCII. The latter is how a stray byte before ASCII text "decodes" (``\\xa0a`` → 燼);
    in real reports such characters are rare (0% in Simplified seeds, <20% in Traditional).
    """
    total = len(text) - len(text.encode("ascii", "ignore"))   # characters >= U+0080
    if not total:
        return True
    common = total - len(_uncommon(non_ascii=True).findall(text))
    ascii_trail = sum(n for ch, n in Counter(text).items() if ord(ch) >= 0x80 and _has_ascii_trail_byte(ch))
    return common >= 0.5 * total and ascii_trail <= 0.5 * total


@functools.lru_cache(maxsize=1 << 16)   # a GB report has ~1,000 distinct characters, the same from report to report
def _has_ascii_trail_byte(ch: str) -> bool:
    encoded = ch.encode("gb18030")
    return len(encoded) == 2 and encoded[1] < 0x80
