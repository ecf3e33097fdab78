"""Reading a pack file: plain YAML only, within the pack limits, every node kept for its line and column.

The reading itself is the shared YAML reader (``checker.yamlfile``); a pack's problems are
:class:`PackError`\\ s that name the file, line and column, show the line with a caret and say how
to fix it, the way Semgrep and Vale report a bad rule.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..yamlfile import (MAX_ALIASES, MAX_EXPANDED_NODES, YamlFile, YamlFileError, caret_pad, node_at,
                        read_yaml_file)

if TYPE_CHECKING:
    import yaml

MAX_PACK_BYTES = 2_000_000
MAX_RULES = 2000
MAX_EXAMPLES_PER_RULE = 100      # ``packs test`` runs every one of them
MAX_EXAMPLE_CHARS = 4000         # an example is a sentence or a short paragraph, not a report
MAX_TERMS = 500                  # words in one list (subject.terms, metric.terms …)

__all__ = ["MAX_ALIASES", "MAX_EXAMPLE_CHARS", "MAX_EXAMPLES_PER_RULE", "MAX_EXPANDED_NODES", "MAX_PACK_BYTES",
           "MAX_RULES", "MAX_TERMS", "PackError", "PackSource", "caret_pad", "duplicate_keys", "node_at",
           "read_yaml"]


class PackError(YamlFileError):
    """A pack that cannot be used. ``str()`` is the full user-facing message."""


class PackSource(YamlFile):
    """A pack file as read: its data, its node tree (for line and column) and its text."""

    def __init__(self, path: str, data: Any, node: Any, text: str):
        super().__init__(path, data, node, text, PackError)


def read_yaml(path: str) -> tuple[Any, yaml.Node, str]:
    """(data, node tree, text) of a pack file, refusing anything that is not plain data."""
    f = read_yaml_file(path, "pack", PackError, max_bytes=MAX_PACK_BYTES,
                       read_hint="check the path given with --pack",
                       empty_hint="start from `govedu-check init-pack NAME`")
    return _dates_as_text(f.data), f.node, f.text


def _dates_as_text(node: Any) -> Any:
    """YAML reads ``from: 2021-07-24`` as a date; packs keep it as the text "2021-07-24" (JSON has no dates)."""
    import datetime

    if isinstance(node, dict):
        return {k: _dates_as_text(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_dates_as_text(v) for v in node]
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()[:10]
    return node


def duplicate_keys(src: PackSource) -> list[PackError]:
    return src.duplicate_keys()
