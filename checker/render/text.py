"""Text helpers shared by the terminal renderers: drawing with rich, and report text made safe to print."""
from __future__ import annotations

import io
import os
import re
import sys
from typing import Optional

from rich.console import Console


def render_rich(draw, to_terminal: bool, width: int = 120) -> str:
    """Terminal text drawn with rich; coloured only when printed to a terminal (and NO_COLOR unset)."""
    color = to_terminal and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False, markup=False, soft_wrap=False)
    draw(console)
    return buf.getvalue()


# C0 controls but tab and line feed, DEL, C1 controls (\x9b is a one-byte CSI on some
# terminals), and bidi controls that reorder what a terminal shows (RLO: "txt.exe" as "exe.txt").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(s: str) -> str:
    """Report text with control characters (ANSI escapes included) shown, not executed."""
    return _CONTROL.sub(_escaped, s)


def _escaped(m: "re.Match") -> str:
    cp = ord(m.group())
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}"


def clip(s: str, n: int) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def excerpt(s: str, value: Optional[float], n: int) -> str:
    """About ``n`` characters of a long sentence, centred on the figure that decided the verdict."""
    s = s.strip()
    i = s.find(f"{value:g}") if value is not None else -1
    if len(s) <= n or i < 0:
        return clip(s, n)
    lo = max(0, min(i - n // 2, len(s) - n))
    return ("…" if lo else "") + s[lo:lo + n] + ("…" if lo + n < len(s) else "")
