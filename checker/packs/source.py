"""Reading a pack file: plain YAML only, within limits, every node kept for its line and column.

Every problem is a :class:`PackError` that names the file, line and column, shows the line with a
caret and says how to fix it, the way Semgrep and Vale report a bad rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

MAX_PACK_BYTES = 2_000_000
MAX_RULES = 2000
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 200_000    # values of a pack with every *alias written out (the largest shipped: ~800)
MAX_EXAMPLES_PER_RULE = 100      # ``packs test`` runs every one of them
MAX_EXAMPLE_CHARS = 4000         # an example is a sentence or a short paragraph, not a report
MAX_TERMS = 500                  # words in one list (subject.terms, metric.terms …)

class PackError(Exception):
    """A pack that cannot be used. ``str()`` is the full user-facing message."""

    def __init__(self, path: str, message: str, line: Optional[int] = None, column: Optional[int] = None,
                 source_line: str = "", hint: str = ""):
        self.path, self.line, self.column = path, line, column
        self.message, self.source_line, self.hint = message, source_line, hint
        super().__init__(self.render())

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"

    def render(self) -> str:
        out = f"{self.where}: {self.message}"
        if self.source_line:
            out += f"\n    {self.source_line}\n    {caret_pad(self.source_line, self.column)}^"
        if self.hint:
            out += f"\n  hint: {self.hint}"
        return out

    def one_line(self) -> str:
        return f"{self.where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


def caret_pad(line: str, column: Optional[int]) -> str:
    """Spaces that put the caret under ``column``; wide (CJK) characters take two cells."""
    import unicodedata

    cells = 0
    for ch in line[:max((column or 1) - 1, 0)]:
        cells += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return " " * cells



# ---------------------------------------------------------------- locating nodes
def _error_at(path: str, text: str, node: Optional[yaml.Node], message: str, hint: str = "") -> PackError:
    if node is None:
        return PackError(path, message, hint=hint)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    lines = text.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return PackError(path, message, line, col, src, hint)


def _node_at(root: yaml.Node, where: Iterable[Any]) -> Optional[yaml.Node]:
    """The node at a path of keys and indexes, or the deepest one that exists."""
    node = root
    for key in where:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == key:
                    nxt = v
                    break
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _key_node(root: yaml.Node, where: list, key: str) -> Optional[yaml.Node]:
    node = _node_at(root, where)
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return k
    return node


@dataclass(frozen=True)
class PackSource:
    """A pack file as read: its data, its node tree (for line and column) and its text."""

    path: str
    data: Any
    node: Any
    text: str

    def error(self, where: list, message: str, hint: str = "", key: Optional[str] = None) -> PackError:
        node = _key_node(self.node, where, key) if key else _node_at(self.node, where)
        return _error_at(self.path, self.text, node, message, hint)

    def line_of(self, where: list) -> Optional[int]:
        node = _node_at(self.node, where)
        return node.start_mark.line + 1 if node is not None else None


# ---------------------------------------------------------------- reading YAML
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str) -> tuple[Any, yaml.Node, str]:
    """(data, node tree, text) of a pack file, refusing anything that is not plain data."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise PackError(path, f"cannot read the pack ({exc.strerror or exc})",
                        hint="check the path given with --pack") from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(path, f"pack is {len(raw)} bytes; the limit is {MAX_PACK_BYTES}",
                        hint="split it into several packs")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError(path, "pack is not UTF-8 text", hint="save the file as UTF-8") from None
    lines = text.split("\n")

    def marked(exc: yaml.MarkedYAMLError, message: str, hint: str) -> PackError:
        mark = exc.problem_mark
        return PackError(path, message, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                         lines[mark.line] if mark and mark.line < len(lines) else "", hint)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            aliases = _shared_nodes(node)
            if aliases > MAX_ALIASES:
                raise PackError(path, f"pack uses {aliases} YAML aliases; at most {MAX_ALIASES} are allowed",
                                hint="write the values out instead of using &anchors and *aliases")
            if aliases and _expanded_size(node) > MAX_EXPANDED_NODES:
                raise PackError(path, f"pack would grow past {MAX_EXPANDED_NODES} values with its YAML "
                                      "aliases written out (an alias bomb, or an alias inside itself)",
                                hint="write the values out instead of using &anchors and *aliases")
        data = loader.construct_document(node) if node is not None else None
    except yaml.constructor.ConstructorError as exc:
        raise marked(exc, f"{exc.problem} — packs are plain data; tags like !!python/object are refused",
                     "remove the tag and write the value as plain YAML") from None
    except yaml.MarkedYAMLError as exc:
        raise marked(exc, f"invalid YAML: {exc.problem}",
                     "fix the YAML syntax at the caret (a value starting with > | * & ! % @ needs quotes)") from None
    except yaml.YAMLError as exc:
        raise PackError(path, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise PackError(path, "pack is empty", hint="start from `govedu-check init-pack NAME`")
    return data, node, text


def _expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """Nodes the document would have with every *alias written out, or ``limit + 1`` once past it.

    Each node's size is computed once on the node graph, never by expanding it, so a "billion
    laughs" costs as much as its text; a node reached from inside itself is endless."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        kids = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                else node.value if isinstance(node, yaml.SequenceNode) else [])
        if done:
            open_.discard(id(node))
            size[id(node)] = min(limit + 1, 1 + sum(size[id(k)] for k in kids))
            continue
        if id(node) in size:
            continue
        if id(node) in open_:
            return limit + 1
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in size)
    return size[id(root)]


def _shared_nodes(root: yaml.Node) -> int:
    """How many times a node is reached again: each is an ``*alias`` (counted without expanding)."""
    seen: set[int] = set()
    shared = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared += 1
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


def duplicate_keys(src: PackSource) -> list[PackError]:
    """YAML keeps the last of two equal keys without a word; a pack author never means that."""
    out = []
    stack = [src.node]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for k, v in node.value:
                key = getattr(k, "value", None)
                if isinstance(key, str) and key in first:
                    out.append(_error_at(src.path, src.text, k,
                                         f"duplicate key {key!r} (first at line {first[key]})",
                                         "keep one of them; YAML would silently use the last"))
                elif isinstance(key, str):
                    first[key] = k.start_mark.line + 1
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return out


