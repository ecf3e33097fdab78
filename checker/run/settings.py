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
        fmt=pick("format", "terminal"), lang=pick("lang", "zh"),
        packs=tuple(str(p) for p in pick("pack", ())), context=_str_or_none(pick("context", None)),
        fail_under=pick("fail_under", None), fail_on=tuple(fail_on),
        waivers=_str_or_none(pick("waivers", None)), jobs=int(pick("jobs", default_jobs())),
        max_input_size=_size_or_none(pick("max_input_size", None)),
    )


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


def load_context(path: Optional[Path]) -> dict:
    """The ``--context`` file: names mapped to numbers (``eligible_teachers: 1390``), read like every
    YAML file (``checker.yamlfile``)."""
    if path is None:
        return {}
    from .config import yaml_with_marks

    data, _ = yaml_with_marks(path, "context file")
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                             for v in data.values()):
        raise ConfigError(f"{path}: the context file must map names to numbers, e.g. `eligible_teachers: 1390`")
    return data
