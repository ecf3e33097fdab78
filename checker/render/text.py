"""Text helpers shared by the terminal renderers: drawing with rich, and report text made safe to print."""
from __future__ import annotations

import io
import os
import re
import sys
from typing import Optional

from rich.console import Console

from .. import regexcache


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


# C0 controls but tab and line feed, DEL, C1 controls (\x9b is a one-byte CSI on some
# terminals), and bidi controls that reorder what a terminal shows (RLO: "txt.exe" as "exe.txt").
_CONTROL = regexcache.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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


def source_text(source: Optional[dict], lang: str, long: bool = False, short: bool = False) -> str:
    """"政策依据：文件（发文机关，2021年，文号）；未核实" — a finding's or rule's source in one line
    (``short``: the document only, clipped, for the terminal's table)."""
    from ..i18n import PROVENANCE, t

    if not source or not source.get("document"):
        return ""
    if short:
        source = {"document": clip(source["document"], 48), "confirmed": source.get("confirmed")}
    facts = [str(source[k]) for k in ("issuer",) if source.get(k)]
    if source.get("year"):
        facts.append(f"{source['year']}" if lang == "en" else f"{source['year']}年")
    confirmed = source.get("confirmed") is not False
    if confirmed and source.get("number"):
        facts.append(str(source["number"]))
    sep = ", " if lang == "en" else "，"
    text = f"{t(PROVENANCE, 'source', lang)}{': ' if lang == 'en' else '：'}{source['document']}"
    if facts:
        text += f" ({sep.join(facts)})" if lang == "en" else f"（{sep.join(facts)}）"
    if not confirmed:
        key = "unconfirmed_long" if long else "unconfirmed"
        text += ("; " if lang == "en" else "；") + t(PROVENANCE, key, lang)
    return text
