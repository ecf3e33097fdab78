"""Renderers: one module per output format, all reading the same result objects.

Each module exposes ``render(run: RunResult, opts: RenderOptions) -> str`` (``bytes`` for the
binary ``xlsx``). None of them
re-evaluates anything; they only present findings that the evaluate stage produced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from ..run.gate import Gate


@dataclass
class RenderOptions:
    lang: str = "zh"
    color: bool = False
    width: int = 120
    categories: dict = field(default_factory=dict)   # id → (zh, en)
    rules: dict = field(default_factory=dict)        # id → Rule (help texts for SARIF etc.)
    gate: Gate = field(default_factory=Gate)         # the one failure policy: which findings fail the run


# format name → module in this package
FORMATS = {
    "terminal": "terminal",
    "json": "json_out",
    "sarif": "sarif",
    "junit": "junit",
    "markdown": "markdown",
    "github": "github",
    "csv": "csv_out",
    "html": "html",
    "xlsx": "xlsx",
    "concise": "concise",
    "gitlab": "gitlab",
}
BINARY_FORMATS = ("xlsx",)   # never printed to a terminal


def renderer(fmt: str):
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return import_module(f".{FORMATS[fmt]}", __name__).render
