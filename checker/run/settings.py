"""Settings of a run, merged once: the command line over the configuration file over the defaults.

Also the ``--context`` file (the bureau's own figures) that a run reads beside its reports.
Problems are :class:`~checker.run.config.ConfigError` with one line for the user.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .config import ConfigError, parse_statuses
from .gate import DEFAULT_FAIL_ON, Gate


@dataclass(frozen=True)
class Settings:
    """Options after merging the configuration file under the command line."""

    fmt: str = "terminal"
    lang: str = "zh"
    packs: tuple = ()
    context: Optional[str] = None
    fail_under: Optional[float] = None
    fail_on: tuple = DEFAULT_FAIL_ON
    waivers: Optional[str] = None
    jobs: int = 1
    select: tuple = ()
    ignore: tuple = ()
    severity: str = ""
    exclude: Optional[tuple] = None        # None: discover.DEFAULT_EXCLUDE
    extend_exclude: tuple = ()
    respect_gitignore: bool = True
    max_input_size: Optional[int] = None    # bytes; None: reading.load.DEFAULT_MAX_INPUT_BYTES

    @property
    def gate(self) -> Gate:
        return Gate(fail_on=tuple(self.fail_on), fail_under=self.fail_under)


def resolve_settings(cli: dict, config: dict) -> Settings:
    """Command-line values win; then the configuration file; then the defaults.

    ``cli`` holds None (or an empty list) for options not given on the command line. A list
    option given on the command line replaces the file's list rather than adding to it.
    """
    from .batch import default_jobs

    def pick(name, default):
        value = cli.get(name)
        if value is not None and value != [] and value != ():
            return value
        return config.get(name, default)

    fail_on_cli = cli.get("fail_on")
    if fail_on_cli:
        try:
            fail_on = parse_statuses(fail_on_cli)
        except ValueError as exc:
            raise ConfigError(f"--fail-on: {exc}") from None
    else:
        fail_on = config.get("fail_on", DEFAULT_FAIL_ON)
    return Settings(
        fmt=pick("format", "terminal"), lang=pick("lang", None) or _default_lang(),
        packs=tuple(str(p) for p in pick("pack", ())), context=_str_or_none(pick("context", None)),
        fail_under=pick("fail_under", None), fail_on=tuple(fail_on),
        waivers=_str_or_none(pick("waivers", None)), jobs=int(pick("jobs", default_jobs())),
        select=tuple(pick("select", ())), ignore=tuple(pick("ignore", ())), severity=pick("severity", "") or "",
        exclude=None if pick("exclude", None) is None else tuple(pick("exclude", ())),
        extend_exclude=tuple(pick("extend_exclude", ())),
        respect_gitignore=bool(pick("respect_gitignore", True)),
        max_input_size=_size_or_none(pick("max_input_size", None)),
    )


def _default_lang() -> str:
    from ..i18n import env_lang

    return env_lang()
def _size_or_none(value) -> Optional[int]:
    from ..reading.load import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ConfigError(f"--max-input-size: {exc}") from None


def _str_or_none(value) -> Optional[str]:
    return None if value is None else str(value)


def load_context(path: Optional[Path]):
    """The ``--context`` file: names mapped to numbers (``eligible_teachers: 1390``), read like every
    YAML file (``checker.yamlfile``) — or, for a ``.csv``/``.xlsx``, a table of per-report figures
    (:class:`~checker.run.context_table.ContextTable`)."""
    if path is None:
        return {}
    from .context_table import is_table, read_table

    if is_table(path):
        return read_table(path)
    from .config import yaml_with_marks

    data, _ = yaml_with_marks(path, "context file")
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                             for v in data.values()):
        raise ConfigError(f"{path}: the context file must map names to numbers, e.g. `eligible_teachers: 1390`")
    return data


def check_context_keys(figures: dict, rules, path) -> None:
    """Every name in the ``--context`` file must be one a loaded rule reads (``ratio.context_key``):
    a misspelt name would otherwise be silently ignored. Raises ConfigError with a did-you-mean."""
    import difflib

    known = sorted({getattr(r.spec, "context_key", "") for r in rules} - {""})
    for key in figures:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f"您是不是要写 {close[0]}？/ did you mean {close[0]}? " if close else ""
        names = ", ".join(known) if known else "（没有规则读取 / no loaded rule reads any）"
        raise ConfigError(f"{path}: 没有规则读取 {key!r} 这个数字 / no loaded rule reads {key!r} — "
                          f"{hint}可用的名称 / known names: {names}")
