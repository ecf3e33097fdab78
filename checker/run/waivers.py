"""Waivers: an approved, expiring exception for a rule, kept in a YAML file.

A bureau may have a good reason why a target does not apply to a report (a county without
boarding schools, a target deferred by the province). Instead of editing packs, it lists the
exception in a waivers file (``--waivers FILE`` or ``waivers:`` in the configuration)::

    waivers:
      - rule: safety.closed-management
        path: "reports/2023/*.txt"      # optional glob; without it the waiver covers every report
        reason: 县内无寄宿制学校，封闭化管理按省厅2023年通知分步实施
        approved_by: 县教育督导室 王某
        expires: 2025-12-31

A waiver covers a finding of that rule that is not ``met`` in a report whose path matches the
glob. The finding keeps its status but carries the waiver: it is shown as waived, left out of
the score, and does not fail the gate. From the day after ``expires`` the waiver no longer
applies and is reported as expired; a waiver whose reports were in the run but that covered
nothing is reported as unused — both as warnings, the way ruff reports unused ``noqa``
comments. (A waiver whose glob matches none of the run's reports is not judged: a pre-commit
run over two changed files says nothing about the other files' waivers.)

``path`` is a glob in which ``*`` also crosses folders (``fnmatch``). It is tried against the
report path as given on the command line, and as relative to the working directory and to the
folder of the waivers file, so ``reports/*.txt`` works from anywhere in the repository.

``expires`` is a date written ``YYYY-MM-DD`` (``20991231`` is refused: it reads as a number).
"Today" is the date in China Standard Time (UTC+8) whatever the machine's time zone, so a
waiver expires at the same moment on a developer's laptop and on a CI runner in UTC.
"""
from __future__ import annotations

import datetime as dt
import re
import os
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Iterable, Optional

from .config import ConfigError, mapping_key_node, node_where, yaml_with_marks
from ..model import STDIN_NAMES, Finding, ReportResult

REQUIRED = ("rule", "reason", "approved_by", "expires")
OPTIONAL = ("path",)


class WaiverError(ConfigError):
    """A waivers file that cannot be used. ``str()`` is one user-facing line."""


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    approved_by: str
    expires: dt.date
    path: Optional[str]       # glob, or None for every report
    where: str                # "file:line" of the entry, for warnings
    base: Path                # folder of the waivers file

    def as_dict(self) -> dict:
        """What ``Finding.waived`` holds (schemas/report.schema.json → finding.waived)."""
        out = {"reason": self.reason, "approved_by": self.approved_by, "expires": self.expires.isoformat()}
        if self.path is not None:
            out["path"] = self.path
        return out

    def expired(self, today: dt.date) -> bool:
        return today > self.expires

    def matches_path(self, report_path: str) -> bool:
        if self.path is None:
            return True
        return any(fnmatchcase(c, self.path) for c in _path_forms(report_path, self.base))


def _path_forms(report_path: str, base: Path) -> list[str]:
    """The report path as given, and relative to the working directory and to ``base``."""
    given = Path(os.path.normpath(report_path)).as_posix()
    forms = [given]
    if report_path in STDIN_NAMES:
        return forms
    absolute = Path(report_path).resolve()
    forms.append(absolute.as_posix())
    for root in (Path.cwd().resolve(), base):
        try:
            forms.append(absolute.relative_to(root).as_posix())
        except ValueError:
            pass
    return forms


# ---------------------------------------------------------------- reading
def load_waivers(path: Path) -> list[Waiver]:
    """Read and validate a waivers file; errors name the file, line and column."""
    if not path.is_file():
        raise WaiverError(f"{path}: waivers file not found; check the path given with --waivers")
    data, node = yaml_with_marks(path, "waivers file", WaiverError)
    if data is None:
        return []
    items, items_node = data, node
    if isinstance(data, dict):
        extra = sorted(set(map(str, data)) - {"waivers"})
        if extra:
            raise WaiverError(f"{node_where(path, mapping_key_node(node, extra[0]))}: unknown key {extra[0]!r}; "
                              "the file holds one key, `waivers:`, with a list of waivers")
        items = data.get("waivers") or []
        items_node = _value_node(node, "waivers")
    if not isinstance(items, list):
        raise WaiverError(f"{node_where(path, items_node)}: `waivers` must be a list of entries "
                          "with rule, reason, approved_by and expires")
    nodes = items_node.value if items_node is not None and hasattr(items_node, "value") else []
    base = path.resolve().parent
    return [_waiver(item, nodes[i] if i < len(nodes) else None, path, base) for i, item in enumerate(items)]


def _value_node(node, key: str):
    for k, v in getattr(node, "value", []):
        if getattr(k, "value", None) == key:
            return v
    return None


def _waiver(item, node, path: Path, base: Path) -> Waiver:
    where = node_where(path, node)
    if not isinstance(item, dict):
        raise WaiverError(f"{where}: each waiver must be a mapping with rule, reason, approved_by and expires")
    unknown = sorted(set(map(str, item)) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise WaiverError(f"{node_where(path, mapping_key_node(node, unknown[0]))}: unknown key {unknown[0]!r} "
                          f"in a waiver; allowed keys: {', '.join(REQUIRED + OPTIONAL)}")
    missing = [k for k in REQUIRED if item.get(k) in (None, "")]
    if missing:
        raise WaiverError(f"{where}: the waiver lacks {', '.join(missing)}; "
                          "every waiver needs rule, reason, approved_by and expires")
    for key in ("rule", "reason", "approved_by"):
        if not isinstance(item[key], str):
            raise WaiverError(f"{node_where(path, _value_node(node, key))}: {key} must be text, got {item[key]!r}")
    glob = item.get("path")
    if glob is not None and not (isinstance(glob, str) and glob):
        raise WaiverError(f"{node_where(path, _value_node(node, 'path'))}: path must be a glob such as "
                          f"\"reports/*.txt\", got {glob!r}")
    return Waiver(rule=item["rule"].strip(), reason=item["reason"].strip(), approved_by=item["approved_by"].strip(),
                  expires=_date(item["expires"], path, _value_node(node, "expires")),
                  path=glob, where=where.rsplit(":", 1)[0] if node is not None else where, base=base)


# Waivers expire by the calendar of the bureaus they are written for, not the machine's zone.
WAIVER_TZ = dt.timezone(dt.timedelta(hours=8), "China Standard Time")


def today_in_waiver_zone() -> dt.date:
    """Today's date in ``WAIVER_TZ`` (UTC+8), the day waivers are judged by."""
    return dt.datetime.now(WAIVER_TZ).date()


def _date(value, path: Path, node) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise WaiverError(f"{node_where(path, node)}: expires 须写成 YYYY-MM-DD 日期 / must be a date written YYYY-MM-DD, "
                          f"got {value!r}") from None


# ---------------------------------------------------------------- applying
def waive(findings: Iterable[Finding], report_path: str, waivers: Iterable[Waiver],
          today: Optional[dt.date] = None) -> tuple[Finding, ...]:
    """The findings with those a waiver covers marked (the pipeline does this before scoring)."""
    today = today or today_in_waiver_zone()
    active = [w for w in waivers if not w.expired(today)]
    return tuple(_waive(f, report_path, active) for f in findings)


def waiver_warnings(reports: Iterable[ReportResult], waivers: list[Waiver], known_rules: Iterable[str] = (),
                    today: Optional[dt.date] = None) -> list[str]:
    """Expired and unused waivers of a run whose findings were already marked by :func:`waive`."""
    today = today or today_in_waiver_zone()
    used: set[int] = set()
    in_scope: set[int] = set()
    for report in reports:
        in_scope.update(id(w) for w in waivers if w.matches_path(report.path))
        marks = [(f.rule, f.waived) for f in report.findings if f.waived]
        for w in waivers:
            if (w.rule, w.as_dict()) in marks and w.matches_path(report.path):
                used.add(id(w))
    return _warnings(waivers, used, in_scope, set(known_rules), today)


def _waive(f: Finding, report_path: str, active: list[Waiver]) -> Finding:
    if f.status == "met":
        return f   # nothing to excuse; a waiver that only meets met findings stays unused
    for w in active:
        if w.rule == f.rule and w.matches_path(report_path):
            return replace(f, waived=w.as_dict())
    return f


def _warnings(waivers: list[Waiver], used: set[int], in_scope: set[int], known: set[str],
              today: dt.date) -> list[str]:
    """Expired waivers always; unused ones only if some report of this run was theirs to judge.

    A run over a few changed files (pre-commit) must not call every other file's waiver unused.
    """
    out = []
    for w in waivers:
        scope = f" for {w.path}" if w.path else ""
        if w.expired(today):
            out.append(f"{w.where}: waiver of {w.rule}{scope} expired on {w.expires.isoformat()}; "
                       "its findings count again — renew it with a new expiry date or remove it")
        elif id(w) in in_scope and id(w) not in used:
            hint = (f"no loaded pack has a rule {w.rule!r}" if known and w.rule not in known
                    else "no report in this run has a finding of it that is not met")
            out.append(f"{w.where}: waiver of {w.rule}{scope} is unused ({hint}); remove it if it is no longer needed")
    return out
