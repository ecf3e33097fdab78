"""``json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)``, faster.

In Python 3.11 any ``indent`` turns off json's C encoder, and its pure-Python generators cost
about a tenth of a batch's CPU. This encoder writes the same text with one recursive function
per container and json's own C pieces for the leaves (``encode_basestring`` for strings,
``float.__repr__`` and ``int.__repr__`` as json calls them). It knows only the exact types our
results hold (dict with str keys, list, tuple, str, int, float, bool, None); anything else —
a subclass, an enum, NaN or an infinity, a circular or very deep structure — is handed to
``json.dumps`` itself, so its text and its errors are json's. ``tests/test_jsontext.py`` checks
the equality against ``json.dumps`` on generated values.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _string   # the C function when json has it

_float = float.__repr__
_int = int.__repr__
_CONSTANTS = {True: "true", False: "false"}


class Encoded:
    """A value with its text already written for one place in a document: ``dumps`` writes
    ``text`` as it is where the value's closing bracket follows ``newline``, and writes ``value``
    anywhere else (json.dumps, when it writes the whole document, sees ``value``)."""

    __slots__ = ("value", "text", "newline")

    def __init__(self, value, depth: int):
        self.value, self.newline = value, "\n" + "  " * depth
        self.text = dumps(value, depth)


class _Unknown(Exception):
    """A value this encoder does not write itself: json.dumps writes the whole value."""


def dumps(obj, depth: int = 0) -> str:
    """The text of ``json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)``.

    With ``depth`` every line after the first is indented by ``2 * depth`` more spaces, as the
    value is written when it is nested ``depth`` levels deep in an indented document.
    """
    newline = "\n" + "  " * depth
    try:
        return _value(obj, newline)
    except (_Unknown, RecursionError):
        text = json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False, default=_plain)
        return text.replace("\n", newline) if depth else text


def _plain(o):
    """json.dumps's ``default``: an Encoded value is its value; anything else json's own error."""
    if type(o) is Encoded:
        return o.value
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _value(o, newline: str) -> str:
    """``o`` written with its closing bracket after ``newline`` (a line break and the indentation)."""
    t = type(o)
    if t is str:
        return _string(o)
    if t is dict:
        return _dict(o, newline)
    if t is Encoded:
        return o.text if o.newline == newline else _value(o.value, newline)
    if t is list or t is tuple:
        return _list(o, newline)
    if o is None:
        return "null"
    if t is bool:
        return _CONSTANTS[o]
    if t is int:
        return _int(o)
    if t is float and o - o == 0.0:     # finite: inf - inf and nan - nan are nan
        return _float(o)
    raise _Unknown


def _dict(d: dict, newline: str) -> str:
    if not d:
        return "{}"
    inner = newline + "  "
    parts = []
    for key, v in d.items():
        if type(key) is not str:
            raise _Unknown     # json converts int, float, bool and None keys; leave that to it
        t = type(v)
        parts.append(_string(key) + ": " + (_string(v) if t is str else _value(v, inner)))
    return "{" + inner + ("," + inner).join(parts) + newline + "}"


def _list(items, newline: str) -> str:
    if not items:
        return "[]"
    inner = newline + "  "
    return "[" + inner + ("," + inner).join([_value(v, inner) for v in items]) + newline + "]"
