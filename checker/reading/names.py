"""File names made safe to show: in messages, on stderr, in every output format.

A name is whatever bytes the file system holds. Unzipping a Windows archive with Chinese names
gives names in GBK, which Python carries as lone surrogates (``'\\udcb1\\udca8.txt'``): no
UTF-8 output can hold them, so writing one crashed every format. A name may also hold a line
break, and a line ``::error file=…`` or ``::stop-commands::`` on stderr is a command to GitHub
Actions. So a report's name is shown in one form everywhere: bytes that are not UTF-8 as
``\\xb1``, control characters (C0, DEL, C1) and bidi controls as ``\\n``, ``\\x1b``, ``\\u202e``.
The file itself is still opened by its real name.
"""
from __future__ import annotations

import os
import re

from .. import regexcache

__all__ = ["display_path"]

_UNSAFE = regexcache.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display_path(path: str) -> str:
    """``path`` with undecodable bytes and control characters written as escapes (else unchanged)."""
    if not _UNSAFE.search(path):
        return path
    if re.search("[\ud800-\udfff]", path):
        try:
            path = os.fsencode(path).decode("utf-8", "backslashreplace")
        except (UnicodeError, ValueError):
            path = path.encode("utf-8", "backslashreplace").decode("ascii")
    return _UNSAFE.sub(_escape, path)


def _escape(m: re.Match) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}"
