"""One reader for every YAML file the tool reads: packs, configuration, waivers, context figures.

Plain data only (safe loading, no tags), within a size and alias budget (a "billion laughs" costs
what its text costs), duplicate keys found, and every node kept for its line and column, so a
problem is reported as ``file:line:column``, with the line and a caret under the place and a hint
— the way Semgrep and Vale report a bad rule. Each caller names its file (``what``) and raises
its own subclass of :class:`YamlFileError`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional

from . import regexcache

if TYPE_CHECKING:
    import yaml

# yaml is imported by the functions that read or walk YAML, not here: a check whose packs come
# from the pack cache and that finds no configuration file reads no YAML at all, and PyYAML
# costs about 11 ms of a cold start (its import and its reader's regex).

MAX_ALIASES = 100
MAX_EXPANDED_NODES = 200_000    # values with every *alias written out (the largest shipped pack: ~800)


class YamlFileError(Exception):
    """A YAML file that cannot be used. ``str()`` is the full user-facing message."""

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
            shown = _CONTROL.sub(_escaped, self.source_line[:200])
            out += f"\n    {shown}\n    {caret_pad(shown, self.column)}^"
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


@dataclass(frozen=True)
class YamlFile:
    """A YAML file as read: its data, its node tree (for line and column) and its text."""

    path: str
    data: Any
    node: Any
    text: str
    error_type: type = YamlFileError

    def error_at(self, node: Optional[yaml.Node], message: str, hint: str = "") -> YamlFileError:
        if node is None:
            return self.error_type(self.path, message, hint=hint)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        lines = self.text.split("\n")
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        return self.error_type(self.path, message, line, col, src, hint)

    def error(self, where: list, message: str, hint: str = "", key: Optional[str] = None) -> YamlFileError:
        node = key_node(self.node, where, key) if key else node_at(self.node, where)
        return self.error_at(node, message, hint)

    def line_of(self, where: list) -> Optional[int]:
        node = node_at(self.node, where)
        return node.start_mark.line + 1 if node is not None else None

    def duplicate_keys(self) -> list[YamlFileError]:
        """YAML keeps the last of two equal keys without a word; an author never means that."""
        import yaml

        out = []
        stack = [self.node]
        seen_nodes: set[int] = set()
        while stack:
            node = stack.pop()
            if node is None or id(node) in seen_nodes:
                continue
            seen_nodes.add(id(node))
            if isinstance(node, yaml.MappingNode):
                first: dict = {}
                for k, v in node.value:
                    key = getattr(k, "value", None)
                    if isinstance(key, str) and key in first:
                        out.append(self.error_at(k, f"duplicate key {key!r} (first at line {first[key]})",
                                                 "keep one of them; YAML would silently use the last"))
                    elif isinstance(key, str):
                        first[key] = k.start_mark.line + 1
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return out


def read_yaml_file(path: str, what: str, error_type: type = YamlFileError, max_bytes: int = 2_000_000,
                   read_hint: str = "check the path", empty_hint: str = "",
                   max_aliases: int = MAX_ALIASES, max_expanded: int = MAX_EXPANDED_NODES) -> YamlFile:
    """Read ``path`` (a ``what``: "pack", "configuration", …) as plain YAML within the limits.

    An empty document is an error when ``empty_hint`` is given, else its data is None."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise error_type(path, f"cannot read the {what} ({exc.strerror or exc})", hint=read_hint) from None
    if len(raw) > max_bytes:
        raise error_type(path, f"{what} is {len(raw)} bytes; the limit is {max_bytes}",
                         hint="split it into several files")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error_type(path, f"{what} is not UTF-8 text", hint="save the file as UTF-8") from None
    lines = text.split("\n")

    def marked(exc: yaml.MarkedYAMLError, message: str, hint: str) -> YamlFileError:
        mark = exc.problem_mark
        return error_type(path, message, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                          lines[mark.line] if mark and mark.line < len(lines) else "", hint)

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            aliases = _shared_nodes(node)
            if aliases > max_aliases:
                raise error_type(path, f"{what} uses {aliases} YAML aliases; at most {max_aliases} are allowed",
                                 hint="write the values out instead of using &anchors and *aliases")
            if aliases and _expanded_size(node, max_expanded) > max_expanded:
                raise error_type(path, f"{what} would grow past {max_expanded} values with its YAML "
                                       "aliases written out (an alias bomb, or an alias inside itself)",
                                 hint="write the values out instead of using &anchors and *aliases")
        if node is not None:
            bad = _bad_scalar(loader, node)
            if bad is not None:
                raise _scalar_error(error_type, path, lines, *bad)
        data = loader.construct_document(node) if node is not None else None
        data = _neutralised(data)
    except yaml.constructor.ConstructorError as exc:
        raise marked(exc, f"{exc.problem} — a {what} is plain data; tags like !!python/object are refused",
                     "remove the tag and write the value as plain YAML") from None
    except yaml.MarkedYAMLError as exc:
        raise marked(exc, f"invalid YAML: {exc.problem}",
                     "fix the YAML syntax at the caret (a value starting with > | * & ! % @ needs quotes)") from None
    except yaml.YAMLError as exc:
        raise error_type(path, f"invalid YAML: {exc}") from None
    except (ValueError, OverflowError) as exc:
        # a value YAML reads as a date but is none (2021-13-01): say where, never a traceback
        bad = _bad_scalar(loader, node) if node is not None else None
        if bad is not None:
            raise _scalar_error(error_type, path, lines, *bad) from None
        raise error_type(path, f"不是有效的值 / not a valid value: {exc}",
                         hint="写成 2021-07-24 这样的真实日期，或只写年份 2021 (write a real date, or the year)") from None
    finally:
        loader.dispose()
    if node is None and empty_hint:
        raise error_type(path, f"{what} is empty", hint=empty_hint)
    return YamlFile(path, data, node, text, error_type)


# An integer longer than this is no count, percentage, weight or year; Python refuses to even
# convert one of more than 4,300 digits, and a float() of one past 308 digits overflows.
MAX_INT_DIGITS = 30
_INT_TAG, _FLOAT_TAG, _DATE_TAG = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                                   "tag:yaml.org,2002:timestamp")


def _bad_scalar(loader, root: yaml.Node) -> Optional[tuple[yaml.Node, str, str]]:
    """The first number or date YAML would accept but no file of ours can mean, with why.

    Checked on the node tree before anything is constructed: ``.nan``/``.inf`` (a NaN weight or
    threshold would make the score NaN and pass every gate), integers of more digits than
    ``MAX_INT_DIGITS``, and dates that do not exist (2024-02-30, month 13, year 0)."""
    import math

    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((v, k))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif node.tag == _INT_TAG:
            if sum(ch.isdigit() for ch in node.value) > MAX_INT_DIGITS:
                return (node, f"整数位数过多（超过 {MAX_INT_DIGITS} 位）/ integer of more than "
                              f"{MAX_INT_DIGITS} digits", "写一个合理的数值 / write a plausible number")
        elif node.tag == _FLOAT_TAG:
            try:
                value = loader.construct_yaml_float(node)
            except (ValueError, OverflowError):
                value = math.nan
            if not math.isfinite(value):
                return (node, f"数值必须是有限数，不能是 {node.value} / number must be finite, "
                              f"not {node.value}", "写一个普通数字，如 95 或 0.5 / write a plain number")
        elif node.tag == _DATE_TAG:
            try:
                loader.construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return (node, f"日期不存在：{node.value} / no such date: {node.value}",
                        "写成有效的 YYYY-MM-DD 日期 / write a real date as YYYY-MM-DD")
    return None


def _scalar_error(error_type: type, path: str, lines: list, node: yaml.Node, message: str,
                  hint: str) -> YamlFileError:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    return error_type(path, message, line, col, lines[line - 1] if 0 < line <= len(lines) else "", hint)


# Control characters that a terminal, a CI log or a Markdown comment would act on: C0 but tab and
# line feed, DEL, C1 and bidi controls. A pack's title "\e[2J…" (double-quoted YAML writes ESC as
# \e) would clear the screen of everyone who runs `packs show`; every string read from a YAML
# file — pack, configuration, waivers — carries them as visible escapes ("\x1b[2J") instead.
_CONTROL = regexcache.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(m: "re.Match") -> str:
    cp = ord(m.group())
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}"


def _neutralised(data: Any) -> Any:
    """``data`` with control characters in its strings (values and keys) written as escapes."""
    def clean(v: Any) -> Any:
        if isinstance(v, str):
            return _CONTROL.sub(_escaped, v) if _CONTROL.search(v) else v
        return v

    if isinstance(data, str):
        return clean(data)
    stack = [data]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, dict):
            for k in list(item):
                v = item[k]
                if isinstance(k, str) and _CONTROL.search(k):
                    del item[k]
                    item[clean(k)] = v
                if isinstance(v, str):
                    item[clean(k)] = clean(v)
                elif isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(item, list):
            for i, v in enumerate(item):
                if isinstance(v, str):
                    item[i] = clean(v)
                elif isinstance(v, (dict, list)):
                    stack.append(v)
    return data


def node_at(root: yaml.Node, where: Iterable[Any]) -> Optional[yaml.Node]:
    """The node at a path of keys and indexes, or the deepest one that exists."""
    import yaml

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


def key_node(root: yaml.Node, where: list, key: str) -> Optional[yaml.Node]:
    import yaml

    node = node_at(root, where)
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return k
    return node


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes the document would have with every *alias written out, or ``limit + 1`` once past it.

    Each node's size is computed once on the node graph, never by expanding it, so a "billion
    laughs" costs as much as its text; a node reached from inside itself is endless."""
    import yaml

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
    import yaml

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
