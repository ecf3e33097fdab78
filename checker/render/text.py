"""Text helpers shared by the terminal renderers: drawing with rich, and report text made safe to print."""
from __future__ import annotations

import io
import os
import re
import sys
from typing import Optional

from rich.console import Console


def render_rich(draw, to_terminal: bool, width: int = 120) -> str:
    """Terminal text drawn with rich; coloured when printed to a terminal or FORCE_COLOR is set, never
    with NO_COLOR."""
    force = os.environ.get("FORCE_COLOR")
    color = (not os.environ.get("NO_COLOR")) and ((bool(force) and force != "0") or
                                                  (to_terminal and sys.stdout.isatty()))
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False, markup=False, soft_wrap=False)
    draw(console)
    return buf.getvalue()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def safe(s: str) -> str:
    """Report text with control characters (ANSI escapes included) shown, not executed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


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
