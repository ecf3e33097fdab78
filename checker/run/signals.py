"""SIGTERM ends a run the way Ctrl-C does: with clean-up.

CI systems cancel a job with SIGTERM. Python's default is to die at once, leaving what only
clean-up code removes: the ``.NAME.*`` temporary file of an ``--output`` being written, and pool
workers running on with no parent. Turned into ``SystemExit(143)`` (128 + 15, the shell's code
for a process ended by SIGTERM), it unwinds through those ``finally``/``except`` blocks first.
"""
from __future__ import annotations

import signal
import threading

TERMINATED = 128 + signal.SIGTERM


def _on_sigterm(signum, frame) -> None:
    raise SystemExit(TERMINATED)


def install_sigterm_handler() -> None:
    """Handle SIGTERM in this (main) process; a no-op outside the main thread or where absent."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        try:
            signal.signal(signal.SIGTERM, _on_sigterm)
        except (ValueError, OSError):
            pass
