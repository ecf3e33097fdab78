"""The command line: argument parsing and wiring only (check, packs, explain, init-pack, follow-through, diff)."""
from .check import main

__all__ = ["main"]
