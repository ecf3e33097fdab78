"""Standard output and error that can print anything the checker writes, on any terminal and CI.

* A file or a pipe (``> out.txt``, ``| tee``, a CI log) always gets UTF-8, whatever the locale
  or ``PYTHONIOENCODING`` says: a GBK or cp1252 default would otherwise fail on the first ✔ or
  Chinese character with a traceback.
* A console keeps its own encoding (it is what the user's terminal shows); a character it cannot
  show is degraded to a near glyph (✔ → √ or v, ✘ → × or x, box lines → - | +) or ``?``.
"""
from __future__ import annotations

import codecs
import sys

ERRORS = "govedu-check-degrade"
# For each glyph, what to try instead, best first.
_FALLBACK = {
    "✔": ("√", "v"), "✘": ("×", "x"), "◷": ("○", "o"), "∅": ("Φ", "-"), "…": ("...",), "·": (".",),
    "—": ("-",), "–": ("-",), "“": ('"',), "”": ('"',), "‘": ("'",), "’": ("'",), "≥": (">=",), "≤": ("<=",),
    "→": ("->",), "━": ("-",), "─": ("-",), "│": ("|",), "┃": ("|",), "┌": ("+",), "┐": ("+",),
    "└": ("+",), "┘": ("+",), "├": ("+",), "┤": ("+",), "┬": ("+",), "┴": ("+",), "┼": ("+",),
    "╭": ("+",), "╮": ("+",), "╰": ("+",), "╯": ("+",), "•": ("*",),
}


def _degrade(exc: UnicodeEncodeError):
    out = []
    for ch in exc.object[exc.start:exc.end]:
        for candidate in _FALLBACK.get(ch, ()) + ("?",):
            try:
                candidate.encode(exc.encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            out.append(candidate)
            break
    return "".join(out), exc.end


codecs.register_error(ERRORS, _degrade)


def setup_streams() -> None:
    """UTF-8 for files and pipes; a console keeps its encoding and degrades what it cannot show."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if stream is None or not hasattr(stream, "reconfigure"):
            continue   # replaced (tests, an embedding program): leave it alone
        try:
            tty = stream.isatty()
        except (OSError, ValueError):
            tty = False
        try:
            if tty:
                stream.reconfigure(errors=ERRORS)
            elif codecs.lookup(stream.encoding or "ascii").name != "utf-8":
                stream.reconfigure(encoding="utf-8", errors="strict")
        except (OSError, ValueError, LookupError):
            pass
