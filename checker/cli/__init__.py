"""The command line: argument parsing and wiring only (check, packs, explain, init-pack, follow-through, diff)."""
from __future__ import annotations

import sys
from typing import List, Optional

__all__ = ["main"]


def main(argv: Optional[List[str]] = None) -> None:
    """``govedu-check``: ``--version`` alone is answered before typer (and the rest) is imported."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"govedu-check {__version__}\n")
        sys.stdout.flush()
        raise SystemExit(0)
    from .check import main as check_main

    check_main(argv)
