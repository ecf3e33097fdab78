"""Configuration discovery: ``.govedu-check.yaml`` or ``[tool.govedu-check]`` in ``pyproject.toml``.

Like ruff and sqlfluff, the checker looks for a configuration file in the working directory and
then in each parent folder, and uses the first one it finds. In one folder ``.govedu-check.yaml``
(or ``.yml``) wins over ``pyproject.toml``, and a ``pyproject.toml`` without a
``[tool.govedu-check]`` table is passed over. ``--config FILE`` names a file instead of
searching; ``--no-config`` ignores configuration altogether. Options given on the command line
always win over the file.

Keys mirror the long options (``fail_under`` or ``fail-under``): format, lang, pack, fail_under,
fail_on, waivers, jobs, context. Relative paths in the file (pack, waivers, context) are read
relative to the folder that holds the file, so a configuration works from any sub-folder.

``pyproject.toml`` is read with ``tomllib`` (Python 3.11+) or, on Python 3.10, with the ``tomli``
package if it happens to be installed; without either, pyproject files are skipped with a note
(``.govedu-check.yaml`` works everywhere).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .. import regexcache
from ..yamlfile import YamlFileError, read_yaml_file

from ..model import STATUSES

if TYPE_CHECKING:
    import yaml

YAML_NAMES = (".govedu-check.yaml", ".govedu-check.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "govedu-check"

# Key → what it holds; used for validation and for messages.
KEYS = {
    "format": "a format name",
    "lang": "zh or en",
    "pack": "a pack file or folder, or a list of them",
    "fail_under": "a score from 0 to 100",
    "fail_on": "a status or a list of statuses",
    "waivers": "a waivers file",
    "jobs": "a whole number of at least 1",
    "context": "a context file",
    "select": "rule ids or prefixes (a list or a comma list)",
    "ignore": "rule ids or prefixes (a list or a comma list)",
    "severity": "info, warning or error",
    "exclude": "glob patterns of files to skip (replaces the default list)",
    "extend_exclude": "glob patterns of files to skip (added to the default list)",
    "respect_gitignore": "true or false",
    "max_input_size": "a size such as 50MB",
}
LIST_KEYS = ("select", "ignore", "exclude", "extend_exclude")
PATH_KEYS = ("pack", "waivers", "context")
GATE_STATUSES = tuple(s for s in STATUSES if s != "met")


# A configuration, waivers or context file is a page of options, not a data set.
MAX_SMALL_YAML_BYTES = 1_000_000


class ConfigError(Exception):
    """A configuration file that cannot be used. ``str()`` is one user-facing line."""


@dataclass(frozen=True)
class Config:
    path: Optional[Path]            # the file the values came from; None when there is none
    values: dict                    # validated values, paths made absolute
    note: str = ""                  # something the user should know (e.g. a pyproject skipped)


# ---------------------------------------------------------------- TOML reader
def _toml_module():
    """``tomllib`` (3.11+) or ``tomli``; None when neither is available."""
    try:
        import tomllib  # type: ignore[import-not-found]

        return tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli  # type: ignore[import-not-found]

            return tomli
        except ImportError:
            return None


# `[[tool.govedu-check]]` (an array of tables) is found too, so that it is refused, not ignored.
_TABLE_HEADER = regexcache.compile(r"^\s*\[\[?\s*tool\s*\.\s*(\"govedu-check\"|'govedu-check'|govedu-check)\s*\]", re.M)


def _pyproject_mentions_us(text: str) -> bool:
    return bool(_TABLE_HEADER.search(text))


# ---------------------------------------------------------------- discovery
def find_config(start: Path) -> tuple[Optional[Path], str]:
    """The first configuration file in ``start`` or a parent folder, and a note (or "")."""
    note = ""
    for folder in (start, *start.parents):
        for name in YAML_NAMES:
            cand = folder / name
            if cand.is_file():
                return cand, note
        cand = folder / PYPROJECT
        if cand.is_file():
            try:
                text = cand.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue   # an unreadable pyproject is some other tool's problem
            if _pyproject_mentions_us(text):
                if _toml_module() is None:
                    note = (f"{cand}: [tool.govedu-check] skipped — reading pyproject.toml needs Python 3.11+ "
                            "or the tomli package; use .govedu-check.yaml instead")
                    continue
                return cand, note
    return None, note


def load_config(explicit: Optional[Path], start: Optional[Path] = None, isolated: bool = False) -> Config:
    """The configuration to use: ``explicit`` (``--config``), else the one found from ``start``."""
    if isolated:
        return Config(None, {})
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: configuration file not found; check the path given with --config")
        return Config(explicit, read_config(explicit))
    found, note = find_config((start or Path.cwd()).resolve())
    if found is None:
        return Config(None, {}, note)
    return Config(found, read_config(found), note)


# ---------------------------------------------------------------- reading
def read_config(path: Path) -> dict:
    """Validated values of one configuration file (YAML or pyproject.toml)."""
    if path.name == PYPROJECT or path.suffix == ".toml":
        raw, locate = _read_toml(path)
    else:
        raw, locate = _read_yaml(path)
    return validate(raw, path, locate)


def _read_text(path: Path, error: type = ConfigError) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise error(f"{path}: is not UTF-8 text; save it as UTF-8") from None


def _read_toml(path: Path):
    toml = _toml_module()
    if toml is None:
        raise ConfigError(f"{path}: reading TOML needs Python 3.11+ or the tomli package; "
                          "use .govedu-check.yaml instead")
    text = _read_text(path)
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` 必须是 TOML 表 / must be a table, e.g. [tool.govedu-check]")
    table = tool.get(TOOL_TABLE)
    if isinstance(table, list):
        raise ConfigError(f"{path}: [[tool.govedu-check]] 是表数组，请写成 [tool.govedu-check] / "
                          "an array of tables; write a single [tool.govedu-check] table")
    if table is None:
        if path.name == PYPROJECT:
            raise ConfigError(f"{path}: has no [tool.govedu-check] table; add one or name another file")
        table = data   # a plain TOML file given with --config holds the keys at the top
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.govedu-check] must be a table of options")
    lines = text.split("\n")

    def locate(key: str) -> str:
        # tomllib keeps no positions; the key's first assignment line is close enough.
        pat = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i, line in enumerate(lines, 1):
            if pat.match(line):
                return f"{path}:{i}"
        return str(path)

    return table, locate


def yaml_with_marks(path: Path, what: str, error: type = ConfigError) -> tuple[Any, Optional[yaml.Node]]:
    """(data, node tree) of a small YAML file, read by the shared reader (``checker.yamlfile``):
    plain data within limits, duplicate keys refused; errors name the file, line and column.

    Shared with waivers.py and the context file. ``what`` names the file in messages
    ("configuration", "waivers file"); ``error`` is the exception class to raise (a ConfigError).
    """
    try:
        f = read_yaml_file(str(path), what, max_bytes=MAX_SMALL_YAML_BYTES, read_hint=f"check the {what}'s path")
    except YamlFileError as exc:
        raise error(exc.one_line()) from None
    duplicates = f.duplicate_keys()
    if duplicates:
        raise error(duplicates[0].one_line())
    return f.data, f.node


def node_where(path: Path, node: Optional[yaml.Node]) -> str:
    if node is None:
        return str(path)
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def mapping_key_node(node: Optional[yaml.Node], key: str) -> Optional[yaml.Node]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return k
    return None


def _read_yaml(path: Path):
    data, node = yaml_with_marks(path, "configuration")
    if data is None:
        return {}, lambda key: str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{node_where(path, node)}: the configuration must be a mapping of options, "
                          "e.g. `fail_under: 60`")
    return data, lambda key: node_where(path, mapping_key_node(node, key))


# ---------------------------------------------------------------- validation
def validate(raw: dict, path: Path, locate) -> dict:
    """Check names and types, split comma lists, make paths absolute (relative to the file)."""
    base = path.resolve().parent
    out: dict = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in KEYS:
            raise ConfigError(f"{locate(key)}: unknown option {key!r}; known options: {', '.join(KEYS)}")
        problem = _check_value(name, value)
        if problem:
            raise ConfigError(f"{locate(key)}: {key} must be {KEYS[name]} ({problem})")
        out[name] = _convert(name, value, base)
    return out


def _check_value(name: str, value: Any) -> str:
    """'' when ``value`` suits ``name``, else what is wrong with it."""
    from ..render import FORMATS

    if name == "format":
        return "" if isinstance(value, str) and value in FORMATS else f"got {value!r}; use one of {', '.join(FORMATS)}"
    if name == "lang":
        return "" if isinstance(value, str) and value in ("zh", "en") else f"got {value!r}"
    if name == "fail_under":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100
        return "" if ok else f"got {value!r}"
    if name == "jobs":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        return "" if ok else f"got {value!r}"
    if name == "fail_on":
        try:
            parse_statuses([value] if isinstance(value, str) else value)
        except (ValueError, TypeError) as exc:
            return str(exc)
        return ""
    if name == "max_input_size":
        from ..reading.load import parse_size

        try:
            parse_size(value)
        except ValueError as exc:
            return str(exc)
        return ""
    if name == "pack" or name in LIST_KEYS:
        items = [value] if isinstance(value, str) else value
        ok = isinstance(items, list) and all(isinstance(v, str) and v for v in items)
        return "" if ok else f"got {value!r}"
    if name == "severity":
        return "" if value in ("info", "warning", "error") else f"got {value!r}"
    if name == "respect_gitignore":
        return "" if isinstance(value, bool) else f"got {value!r}"
    return "" if isinstance(value, str) and value else f"got {value!r}"   # waivers, context


def _convert(name: str, value: Any, base: Path):
    if name == "fail_on":
        return parse_statuses([value] if isinstance(value, str) else value)
    if name == "fail_under":
        return float(value)
    if name == "max_input_size":
        from ..reading.load import parse_size

        return parse_size(value)
    if name == "pack":
        from ..packs.locations import looks_like_id

        items = [value] if isinstance(value, str) else value
        # a built-in pack's id (province.shandong) stays an id unless a file of that name is there
        return tuple(v if looks_like_id(v) and not (base / v).exists() else str(base / v) for v in items)
    if name in PATH_KEYS:
        return str(base / value)
    if name in LIST_KEYS:
        from .selection import split_list

        # Exclude globs stay as written: like --exclude, they are matched below each folder run.
        return split_list([value] if isinstance(value, str) else value)
    return value


def parse_statuses(values) -> tuple[str, ...]:
    """``["unmet,missing", "planned"]`` → ``("unmet", "missing", "planned")``; ``none`` → ``()``.

    Raises ValueError naming the first word that is not a gate status.
    """
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"got {values!r}")
    out: list[str] = []
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"got {v!r}")
        for word in (w.strip() for w in v.split(",")):
            if not word:
                continue
            if word == "none":
                continue
            if word not in GATE_STATUSES:
                raise ValueError(f"{word!r} is not a status to fail on; use {', '.join(GATE_STATUSES)} or none")
            if word not in out:
                out.append(word)
    return tuple(out)
