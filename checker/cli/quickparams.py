"""Option parsing without pydantic for the values a check usually gets; typer does the rest.

typer 0.29 turns every parameter's value into its Python type with a pydantic ``TypeAdapter``,
built when the parameter is first processed — for every parameter on every run, even one left
at its default — and importing pydantic and building the adapters costs about 0.1 s of a
0.4 s cold check. Each typer parameter asks ``get_runtime_param()`` for the object that does
the conversion and keeps it in ``_runtime_param``; :func:`quicken` puts a :class:`QuickParam`
there first. It converts, without pydantic, only values whose conversion cannot go wrong and
would come out the same:

* a missing value: ``()`` or ``None``, as typer returns before it converts anything;
* a ``Path``: the string made a ``Path``, then typer's own ``coerce_cli_path`` checks;
* an ``Enum`` choice: typer's own ``coerce_cli_choice``;
* an ``int`` or ``float`` written as plain digits, inside the option's ``min``/``max``;
* a ``str``; a list of any of these.

Anything else — a value out of range, a malformed number, another type — goes to the adapter
typer would have built, so errors and their messages are typer's own. If typer's internals are
not what this module expects, nothing is changed and typer parses as it always does.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from .. import regexcache

_SLOW = object()
_INT = regexcache.compile(r"0|[1-9][0-9]{0,8}")
_FLOAT = regexcache.compile(r"(?:0|[1-9][0-9]{0,8})(?:\.[0-9]{1,9})?")


class QuickParam:
    """A stand-in for typer's runtime parameter that builds the real one only when it must."""

    def __init__(self, param) -> None:
        self._param = param
        self._real = None

    def _slow(self):
        if self._real is None:
            from typer._coercion import build_runtime_param

            self._real = build_runtime_param(self._param.type_descriptor)
        return self._real

    def coerce(self, value: Any, param, ctx) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if not (multi and isinstance(value, str)):
            quick = _convert(value, param.type_descriptor, param, ctx)
            if quick is not _SLOW:
                return quick
        return self._slow().coerce(value, param=param, ctx=ctx)


def _convert(value: Any, desc, param, ctx) -> Any:
    annotation = desc.annotation
    info = desc.parameter_info
    if desc.file_annotation is not None or getattr(info, "parser", None) is not None \
            or getattr(info, "click_type", None) is not None:
        return _SLOW
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation) or (None,)
        if not isinstance(value, (list, tuple)) or item_type is None:
            return _SLOW
        items = [_leaf(v, item_type, info, param, ctx) for v in value]
        return _SLOW if any(i is _SLOW for i in items) else items
    return _leaf(value, annotation, info, param, ctx)


def _leaf(value: Any, annotation: Any, info, param, ctx) -> Any:
    if not isinstance(value, str):
        return _SLOW
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if value not in {str(member.value) for member in annotation}:
            return _SLOW
        from typer._param_types import coerce_cli_choice

        return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
    if annotation is str:
        return value
    if annotation is Path and getattr(info, "path_type", None) in (None, Path):
        if not value or "\x00" in value:
            return _SLOW
        from typer._param_types import coerce_cli_path

        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    if annotation in (int, float) and not getattr(info, "clamp", False):
        if not (_INT if annotation is int else _FLOAT).fullmatch(value):
            return _SLOW
        number = annotation(value)
        if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
            return _SLOW
        return number
    return _SLOW


def quicken(command) -> None:
    """Give every typer parameter of ``command`` (and of its sub-commands) a :class:`QuickParam`.

    The help option is made when the command line is parsed, so it gets one then. Anything
    unexpected is left alone.
    """
    try:
        from typer.core import _TyperParameter
    except ImportError:
        return

    def quick(param) -> None:
        if isinstance(param, _TyperParameter) and getattr(param, "_runtime_param", False) is None \
                and hasattr(param, "type_descriptor"):
            param._runtime_param = QuickParam(param)

    for param in getattr(command, "params", ()):
        quick(param)
    made = getattr(command, "get_help_option", None)
    if callable(made):
        def get_help_option(ctx):
            option = made(ctx)
            if option is not None:
                quick(option)
            return option

        command.get_help_option = get_help_option
    for sub in (getattr(command, "commands", None) or {}).values():
        quicken(sub)
