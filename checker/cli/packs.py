"""Commands for people who write policy packs: ``packs list|show|validate|test``, ``explain``, ``init-pack``.

``govedu-check packs …``, ``govedu-check explain …`` and ``govedu-check init-pack …`` reach the
three typer apps below through ``checker.cli.SUBCOMMANDS``. Exit codes follow ruff and Semgrep:
0 all good, 1 a test failed (``packs test``), 2 the input itself is wrong (an invalid pack, an
unknown id, a bad option). Pack problems print as Semgrep prints a bad rule: file:line:column,
the offending line with a caret under the spot, and a hint that says how to fix it.

Which packs are loaded is the same as for ``check``: the built-in national packs, then the packs
named with ``--pack``, then those of the configuration file (``.govedu-check.yaml`` or
``[tool.govedu-check]``) when no ``--pack`` is given. Packs shipped under ``policies/provinces/``
are *available, not loaded*: ``packs list`` shows them, ``packs show``/``explain`` load one on
demand when asked about it, and ``check`` uses one only with ``--pack``.
"""
from __future__ import annotations

import json
import sys
from dataclasses import MISSING, asdict, dataclass, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any, List, Optional

import typer

from .exitcodes import GATE_FAILED, OK, USAGE_ERROR
from ..kinds import kind_of
from ..kinds.base import words
from ..model import STATUSES, Metric, Pack, Rule, Subject
from ..packs import PackError

_APP = dict(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True)
packs_app = typer.Typer(help="List, show, validate and test policy packs.", **_APP)
explain_app = typer.Typer(help="Explain a rule: what it checks, its target, source, statuses and examples.", **_APP)
init_app = typer.Typer(help="Create a new policy pack with one commented rule, its examples and a test folder.",
                       **_APP)


class Fmt(str, Enum):
    terminal = "terminal"
    json = "json"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


PACK_OPT = typer.Option([], "--pack", help="Also load this pack file or folder (repeatable).")
CONFIG_OPT = typer.Option(None, "--config", metavar="FILE", help="Read --pack from this configuration file.")
NO_CONFIG_OPT = typer.Option(False, "--no-config", help="Ignore configuration files.")


# ---------------------------------------------------------------- shared helpers
def _fail(message: str) -> typer.Exit:
    from ..i18n import localize

    typer.echo(f"govedu-check: {localize(message)}", err=True)
    return typer.Exit(USAGE_ERROR)


def _console(width: Optional[int] = None):
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=False, width=width or _width())


def _width() -> int:
    import shutil

    return max(100, shutil.get_terminal_size((120, 40)).columns) if sys.stdout.isatty() else 120


def _print_problems(problems: list[PackError], err: bool = True) -> None:
    from ..i18n import localize_problem

    for p in problems:
        typer.echo(localize_problem(p), err=err)
        typer.echo("", err=err)


@dataclass(frozen=True)
class Loaded:
    """Packs in force and where each one came from."""

    packs: list[Pack]
    origin: dict            # pack path (resolved) → "built-in" | "--pack" | "config" | "available"


def _config_packs(config: Optional[Path], no_config: bool) -> list[str]:
    """The ``pack`` entries of the configuration file, as ``check`` would use them."""
    try:
        from ..run.config import ConfigError, load_config
    except ImportError:       # configuration support not installed in this build
        return []
    try:
        cfg = load_config(config, isolated=no_config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    return [str(p) for p in cfg.values.get("pack", ())]


def _key(path: str) -> str:
    return str(Path(path).resolve())


def _load(extra: list[str], config: Optional[Path] = None, no_config: bool = False,
          also: tuple[str, ...] = ()) -> Loaded:
    """Built-ins, --pack (or config) packs and ``also`` (available packs asked for); exits 2 on problems."""
    from ..packs import builtin_files, gather_files, load_all, pack_files

    cfg = [] if extra else _config_packs(config, no_config)
    origin: dict = {}
    for f in builtin_files():
        origin[_key(f)] = "built-in"
    try:
        for group, name in ((extra, "--pack"), (cfg, "config"), (list(also), "available")):
            for e in group:
                for f in pack_files(e):
                    origin.setdefault(_key(f), name)
        files = gather_files([*extra, *cfg, *also])
    except PackError as exc:
        raise _fail(exc.one_line()) from None
    packs, problems = load_all(files)
    if problems:
        _print_problems(problems)
        raise _fail(f"{len(problems)} problem(s) in the packs; fix them (see `govedu-check packs validate`)")
    return Loaded(packs, origin)


def _available() -> list[tuple[str, str]]:
    from ..packs import available_pack_ids

    return list(available_pack_ids())


def _describe_threshold(rule: Rule, lang: str = "zh") -> str:
    from ..packs import describe_thresholds

    own = getattr(kind_of(rule.check), "target_text", None)    # kinds with their own target block
    return own(rule, None, lang) if own else describe_thresholds(rule.thresholds, lang)


def _display(path: str) -> str:
    from ..packs import display_path

    return display_path(path)


def _rule_index(packs: list[Pack]) -> dict[str, tuple[Rule, Pack]]:
    return {r.id: (r, p) for p in packs for r in p.rules}


# ---------------------------------------------------------------- packs list
@packs_app.command("list")
def list_packs(
    pack: List[Path] = PACK_OPT,
    config: Optional[Path] = CONFIG_OPT,
    no_config: bool = NO_CONFIG_OPT,
    fmt: Fmt = typer.Option(Fmt.terminal, "--format", "-f", help="terminal or json."),
) -> None:
    """Every pack found: built-in, --pack, configuration, and shipped packs available but not loaded."""
    loaded = _load([str(p) for p in pack], config, no_config)
    rows = [_pack_row(p, loaded.origin.get(_key(p.path), "--pack")) for p in loaded.packs]
    seen = {_key(p.path) for p in loaded.packs}
    for path, _pid in _available():
        if _key(path) not in seen:
            rows.append(_available_row(path))
    if fmt == Fmt.json:
        typer.echo(json.dumps({"packs": rows}, ensure_ascii=False, indent=2))
        raise typer.Exit(OK)
    from rich.table import Table

    table = Table(title="govedu-check packs", show_lines=False)
    for col in ("id", "version", "rules", "overrides", "extends", "source", "path"):
        # Ids and sources are never broken across lines: people copy them into commands.
        table.add_column(col, overflow="fold", no_wrap=col in ("id", "version", "source"))
    for r in rows:
        table.add_row(r["id"], r["version"], str(r["rules"]), str(r["overrides"]), ", ".join(r["extends"]),
                      r["source"], r["path"])
    _console().print(table)
    typer.echo("Available packs are used only with --pack; `govedu-check packs show ID` shows one.")
    raise typer.Exit(OK)


def _pack_row(p: Pack, source: str) -> dict:
    return {"id": p.id, "version": p.version, "title": p.title, "rules": len(p.rules),
            "overrides": len(getattr(p, "overrides", ())), "extends": list(p.extends),
            "source": source, "loaded": True, "path": _display(p.path)}


def _available_row(path: str) -> dict:
    from ..packs import check_pack_file

    pack, problems = check_pack_file(path)
    if pack is None or problems:
        msg = problems[0].one_line() if problems else "cannot be read"
        return {"id": "?", "version": "?", "title": "", "rules": 0, "overrides": 0, "extends": [],
                "source": f"available, invalid: {msg}", "loaded": False, "path": _display(path)}
    row = _pack_row(pack, "available, not loaded")
    row["loaded"] = False
    return row


# ---------------------------------------------------------------- packs show
@packs_app.command("show")
def show_pack(
    pack_id: str = typer.Argument(..., metavar="ID", help="Pack id, e.g. national.preschool."),
    pack: List[Path] = PACK_OPT,
    config: Optional[Path] = CONFIG_OPT,
    no_config: bool = NO_CONFIG_OPT,
    fmt: Fmt = typer.Option(Fmt.terminal, "--format", "-f", help="terminal or json."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of titles: zh or en."),
) -> None:
    """A pack's rules as a table (the rules in force, with any pack that changed them)."""
    loaded = _load_for_id(pack_id, [str(p) for p in pack], config, no_config)
    target = next((p for p in loaded.packs if p.id == pack_id), None)
    if target is None:
        raise _fail(_unknown_pack(pack_id, loaded.packs))
    from ..packs import own_rules_of

    rules_now = _rule_index(loaded.packs)
    own = [rules_now[r.id][0] for r in own_rules_of(target) if r.id in rules_now]
    applied = list(getattr(target, "applied", ()))
    if fmt == Fmt.json:
        typer.echo(json.dumps({
            "id": target.id, "version": target.version, "title": target.title, "path": target.path,
            "extends": list(target.extends), "requires": target.requires,
            "rules": [_rule_summary(r) for r in own],
            "overrides": [_applied_json(a) for a in applied],
        }, ensure_ascii=False, indent=2))
        raise typer.Exit(OK)
    from rich.table import Table
    from rich.text import Text

    console = _console()
    head = f"{target.id} {target.version} — {target.title}  ({_display(target.path)})"
    console.print(Text(head, style="bold"))
    if target.extends:
        console.print(Text("extends: " + ", ".join(target.extends)))
    if own:
        table = Table(show_lines=False)
        for col in ("rule", "title", "check", "target", "severity", "weight", "examples", "set by"):
            table.add_column(col, overflow="fold", no_wrap=col in ("rule", "check", "severity"))
        for r in own:
            table.add_row(r.id, r.title_en if lang == Lang.en else r.title_zh, r.check,
                          _describe_threshold(r, lang.value) or "—", r.severity, f"{r.weight:g}",
                          str(len(r.examples)), _set_by_text(r))
        console.print(table)
    if applied:
        table = Table(title="overrides", show_lines=False)
        for col in ("rule", "field", "was", "now"):
            table.add_column(col, overflow="fold", no_wrap=col in ("rule", "field"))
        for a in applied:
            table.add_row(a.rule, a.field, _short(a.old), _short(a.new))
        console.print(table)
    if not own and not applied:
        console.print("(no rules)")
    raise typer.Exit(OK)


def _load_for_id(pack_id: str, extra: list[str], config, no_config) -> Loaded:
    """Loaded packs; an available (not loaded) pack with that id is loaded on demand."""
    loaded = _load(extra, config, no_config)
    if any(p.id == pack_id for p in loaded.packs):
        return loaded
    for path, pid in _available():
        if pid == pack_id:
            return _load(extra, config, no_config, also=(path,))
    return loaded


def _unknown_pack(pack_id: str, packs: list[Pack]) -> str:
    import difflib

    known = [p.id for p in packs] + [pid for _, pid in _available()]
    close = difflib.get_close_matches(pack_id, known, n=1)
    near = f"did you mean {close[0]!r}? " if close else ""
    return f"no pack {pack_id!r}; {near}`govedu-check packs list` lists them"


def _set_by_text(r: Rule) -> str:
    others = {k: v for k, v in r.set_by.items() if v != r.pack}
    return ", ".join(f"{k}: {v}" for k, v in sorted(others.items()))


def _short(v: Any) -> str:
    if isinstance(v, dict):
        return v.get("zh") or v.get("document") or json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "、".join(map(str, v)) or "—"
    return "—" if v in ("", None) else str(v)


def _applied_json(a) -> dict:
    return {"rule": a.rule, "field": a.field, "pack": a.pack, "old": a.old, "new": a.new}


def _rule_summary(r: Rule) -> dict:
    return {"id": r.id, "title": {"zh": r.title_zh, "en": r.title_en}, "check": r.check,
            "target": _describe_threshold(r) or None, "severity": r.severity, "weight": r.weight,
            "examples": len(r.examples), "pack": r.pack, "set_by": dict(r.set_by)}


# ---------------------------------------------------------------- packs validate
def _load_targets(paths: List[Path], pack: List[Path]):
    """(the pack files named, every pack loaded with what they extend, the problems found)."""
    from ..packs import gather_files, load_all, pack_files

    try:
        targets = [f for p in paths for f in pack_files(str(p))]
        files = gather_files([*map(str, pack), *targets])
    except PackError as exc:
        raise _fail(exc.one_line()) from None
    if not targets:
        raise _fail("no .yaml pack files in " + ", ".join(map(str, paths)))
    packs, problems = load_all(files)
    return targets, packs, problems



@packs_app.command("validate")
def validate_packs(
    paths: List[Path] = typer.Argument(..., help="Pack files or folders to check."),
    pack: List[Path] = PACK_OPT,
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the problems and hints: zh or en."),
) -> None:
    """Schema and meaning: unknown keys, duplicate ids, units, extends, overrides, examples, versions."""
    from ..i18n import set_ui_lang
    from ..packs import builtin_files

    if lang is not None:
        set_ui_lang(lang.value)

    targets, packs, problems = _load_targets(paths, pack)
    if problems:
        _print_problems(problems, err=False)
        n_files = len({p.path for p in problems})
        from ..i18n import localize

        typer.echo("✘ " + localize(f"{len(problems)} problem(s) in {n_files} file(s)"))
        raise typer.Exit(USAGE_ERROR)
    by_path = {_key(p.path): p for p in packs}
    builtins = {_key(f) for f in builtin_files()}
    for f in targets:
        p = by_path.get(_key(f))
        if p is None:
            continue
        kind = " (built-in)" if _key(f) in builtins else ""
        typer.echo(f"✔ {f}: {p.id} {p.version}{kind} — {len(getattr(p, 'own_rules', p.rules))} rule(s), "
                   f"{len(getattr(p, 'overrides', ()))} override(s)")
    typer.echo(f"All {len(targets)} pack file(s) are valid.")
    raise typer.Exit(OK)


# ---------------------------------------------------------------- packs test
@packs_app.command("test")
def test_packs(
    paths: List[Path] = typer.Argument(..., help="Pack files or folders whose examples and samples to run."),
    pack: List[Path] = PACK_OPT,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print failures and the totals only."),
) -> None:
    """Run every rule's examples (and the pack's NAME-tests/ sample reports); exit 1 on any failure."""
    targets, packs, problems = _load_targets(paths, pack)
    if problems:
        _print_problems(problems)
        raise _fail(f"{len(problems)} problem(s) in the packs; `govedu-check packs validate` shows them all")
    by_path = {_key(p.path): p for p in packs}
    passed = failed = 0
    for f in targets:
        p = by_path[_key(f)]
        ok, bad = _test_one(p, packs, quiet, shown=f)
        passed += ok
        failed += bad
    verdict = "✔" if not failed else "✘"
    typer.echo(f"{verdict} {passed} passed, {failed} failed")
    raise typer.Exit(GATE_FAILED if failed else OK)


def pack_test_results(pack: Pack, packs: list[Pack]):
    """(example results, sample results, sample annotation errors) for one pack.

    The pack is resolved with the built-in packs and its own ancestors only, so a child loaded
    alongside cannot change the rules the pack's own examples were written for. The tests of the
    built-in packs (tests/test_pack_examples.py) call this same function.
    """
    from ..evaluate import make_context
    from ..packs.testing import pack_cases, run_cases, run_samples, tests_folder
    from ..packs import builtin_files, resolve

    by_id = {p.id: p for p in packs}
    keep = {pack.id} | _ancestor_ids(pack, by_id) | {p.id for p in packs if _key(p.path) in
                                                      {_key(f) for f in builtin_files()}}
    subset = resolve([p for p in packs if p.id in keep])     # resolve starts from each pack's own rules
    rules = [r for p in subset for r in p.rules]
    rules_now = {r.id: r for r in rules}
    mine = next(p for p in subset if p.id == pack.id)
    ctx = make_context(rules)               # one term matcher (one jieba dictionary) for everything
    results = run_cases(pack_cases(mine, rules_now), rules, ctx)
    samples, errors = run_samples(tests_folder(pack.path), rules, ctx)
    return results, samples, errors


def _ancestor_ids(pack: Pack, by_id: dict) -> set[str]:
    out, todo = set(), list(pack.extends)
    while todo:
        pid = todo.pop()
        if pid not in out and pid in by_id:
            out.add(pid)
            todo.extend(by_id[pid].extends)
    return out


def _test_one(pack: Pack, packs: list[Pack], quiet: bool, shown: str) -> tuple[int, int]:
    """Print one pack's results; ``shown`` is the pack's path as the user wrote it."""
    results, samples, errors = pack_test_results(pack, packs)
    typer.echo(f"{shown} ({pack.id} {pack.version})")
    ok = bad = 0
    for r in results:
        label = f"{r.rule} example {r.index + 1}"
        r = replace(r, where=r.where.replace(pack.path, shown, 1))
        if r.passed:
            ok += 1
            if not quiet:
                typer.echo(f"  ✔ PASS {r.where}  {label}: {r.actual}  {_clip(r.example.text)}")
        else:
            bad += 1
            typer.echo(f"  ✘ FAIL {r.where}  {label}: expected {r.example.status}, got {r.actual}")
            typer.echo(f"         text: {r.example.text}")
            typer.echo(f"         why:  {r.message}")
    for s in samples:
        e = s.expectation
        label = f"{s.path}:{e.line}  {e.rule}"
        if s.passed:
            ok += 1
            if not quiet:
                typer.echo(f"  ✔ PASS {label}: {s.actual}")
        else:
            bad += 1
            got = s.actual or "—"
            typer.echo(f"  ✘ FAIL {label}: expected {e.status}, got {got}" + (f" — {s.problem}" if s.problem else ""))
            if s.message:
                typer.echo(f"         why:  {s.message}")
    for err in errors:
        bad += 1
        typer.echo(f"  ✘ FAIL {err}")
    return ok, bad


def _clip(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ---------------------------------------------------------------- explain
@explain_app.command()
def explain(
    rule_id: str = typer.Argument(..., metavar="RULE_ID", help="Rule id, e.g. preschool.gross-enrolment."),
    pack: List[Path] = PACK_OPT,
    config: Optional[Path] = CONFIG_OPT,
    no_config: bool = NO_CONFIG_OPT,
    fmt: Fmt = typer.Option(Fmt.terminal, "--format", "-f", help="terminal or json."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the explanation: zh or en."),
) -> None:
    """What a rule checks, its target by year, its source, what counts as each status, and examples."""
    loaded = _load([str(p) for p in pack], config, no_config)
    found = _rule_index(loaded.packs).get(rule_id)
    if found is None:
        raise _fail(_unknown_rule(rule_id, loaded.packs))
    rule, owner = found
    from ..packs import override_history

    info = explain_data(rule, owner, override_history(loaded.packs, rule_id))
    if fmt == Fmt.json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        from ..render.explain import explain_text

        typer.echo(explain_text(info, lang.value))
    raise typer.Exit(OK)


def _unknown_rule(rule_id: str, packs: list[Pack]) -> str:
    import difflib

    from ..packs import check_pack_file

    for path, _pid in _available():
        pk, problems = check_pack_file(path)
        if pk is not None and any(r.id == rule_id for r in pk.own_rules):
            return (f"rule {rule_id!r} is in pack {pk.id!r} ({_display(path)}), which is not loaded; "
                    f"add --pack {_display(path)}")
    known = [r.id for p in packs for r in p.rules]
    close = difflib.get_close_matches(rule_id, known, n=3)
    near = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
    return f"no rule {rule_id!r}; {near}`govedu-check packs show PACK` lists a pack's rules"


def explain_data(rule: Rule, owner: Pack, history: list) -> dict:
    """Everything ``explain`` says about a rule, as plain data (the JSON output)."""
    steps = [{"from": lo, "until": hi, "comparator": t.comparator, "value": t.value, "unit": t.unit,
              "base": t.base, "text": t.describe()} for lo, hi, t in rule.thresholds]
    return {
        "id": rule.id,
        "title": {"zh": rule.title_zh, "en": rule.title_en},
        "pack": rule.pack, "pack_version": owner.version, "file": _display(rule.origin),
        "category": rule.category, "check": rule.check, "severity": rule.severity, "weight": rule.weight,
        "subject": _written(asdict(rule.subject), Subject(terms=())),
        "metric": _written(asdict(rule.metric), Metric()),
        "spec": _written(asdict(rule.spec), _defaults(type(rule.spec))) if rule.spec is not None else {},
        "threshold": {"text": {"zh": _describe_threshold(rule, "zh"), "en": _describe_threshold(rule, "en")},
                      "steps": steps} if steps or hasattr(kind_of(rule.check), "target_text") else None,
        "source": rule.source,
        "in_force": ({"from": rule.in_force.from_text, "until": rule.in_force.until,
                      "later": {"zh": rule.in_force.later_zh, "en": rule.in_force.later_en}
                      if rule.in_force.later_zh else None,
                      "since": {"zh": rule.in_force.since_zh(), "en": rule.in_force.since_en()}}
                     if rule.in_force else None),
        "met_when": {k: v for k, v in (("zh", rule.met_when_zh), ("en", rule.met_when_en)) if v} or None,
        "statuses": {s: {"zh": status_meaning(rule, s, "zh"), "en": status_meaning(rule, s, "en")}
                     for s in STATUSES},
        "phrasing": list(rule.phrasing),
        "examples": [{"text": e.text, "status": e.status, "kind": e.kind, "year": e.year, "context": e.context}
                     for e in rule.examples],
        "suggestion": {"zh": rule.suggestion_zh, "en": rule.suggestion_en},
        "set_by": dict(rule.set_by),
        "overrides": [_applied_json(a) for a in history],
    }


def _written(fields: dict, default) -> dict:
    """The fields a pack set (those that differ from the default), lists as lists, for JSON."""
    blank = default if isinstance(default, dict) else asdict(default)
    return {k: _plain(v) for k, v in fields.items() if k not in blank or v != blank[k]}


def _defaults(spec_type) -> dict:
    """The default of each field of a kind's spec that has one (a composite's or a veto's items have
    none: they are always written)."""
    out = {}
    for f in fields(spec_type):
        if f.default is not MISSING:
            out[f.name] = f.default
        elif f.default_factory is not MISSING:
            out[f.name] = f.default_factory()
    return out


def _plain(v: Any) -> Any:
    return [_plain(x) for x in v] if isinstance(v, (tuple, list)) else v


def status_meaning(rule: Rule, status: str, lang: str) -> str:
    """What makes this rule get ``status`` — the catalog's contract, made concrete by its check kind."""
    zh = lang != "en"
    kind = kind_of(rule.check)
    target = _describe_threshold(rule, lang) or ("in force" if not zh else "实施")
    if status == "missing":
        return (f"报告没有写到这些词：{words(rule.terms)}" if zh
                else f"the report does not use any of: {', '.join(rule.terms[:6])}")
    if status == "planned":
        return ("总结或“总结+计划”类文件里只有下一步的承诺（下一步、力争、将…），且承诺达到目标，没有已完成的情况"
                if zh else "a summary (or mixed) report only commits to it for the coming year, at or above the "
                           "target; nothing achieved is stated")
    if status == "unmet":
        base = ("报告把它列为存在的问题（尚未、不足、有待…）" if zh else
                "the report names it as an unresolved problem (尚未, 不足, 有待 …)")
        if kind.THRESHOLD == "required" or rule.thresholds or hasattr(kind, "target_text"):
            return (f"已完成的数字未达到目标{target}（几个数字不一致时以最差者为准），计划承诺低于目标，或{base}" if zh
                    else f"an achieved figure misses {target} (the worst of several decides), a plan commits "
                         f"below it, or {base}")
        return base
    if status == "met":
        own = rule.met_when_zh if zh else rule.met_when_en
        return (own + "；" if own and zh else own + "; " if own else "") + kind.met_meaning(rule, target, zh)
    return kind.unverified_meaning(rule, zh)


# ---------------------------------------------------------------- init-pack
_NAME_RULE = "lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit"

PACK_TEMPLATE = '''\
# {name} — 规则包（由 `govedu-check init-pack {name}` 生成）。
# 各字段的含义见 docs/policy-packs.md。修改后运行：
#   govedu-check packs validate {file}
#   govedu-check packs test {file}      （逐条运行示例和 {tests}/ 中的样例报告）
# 检查报告时加上本包：govedu-check --pack {file} 报告.txt
pack:
  id: {name}                 # 包的编号：小写字母、数字、点和连字符
  version: "0.1.0"           # 每次修改后提高版本号
  title: {{zh: {name}, en: {name}}}
  requires: ">={requires}"           # 能读本包的 govedu-check 最低版本
  # 在全国（或省级）规则包基础上修改时，列出要继承的包，再在下面的 overrides: 中按规则编号修改：
  # extends: [national.teachers]

rules:
  # 一条本地数量指标：全年交流轮岗教师不少于100人。
  - id: {name}.rotation-quota
    title: {{zh: 教师交流轮岗人数, en: Teachers rotated in the year}}
    severity: warning        # error：未达标时检查失败（退出码1）；warning；info
    weight: 1                # 在得分中的权重
    check: threshold         # 把报告中的数字与目标比较
    source:
      document: 本县年度教育工作要点（请改为实际的文件名和文号）
      confirmed: false
    subject:
      terms: [交流轮岗, 轮岗交流, 支教顶岗]   # 写到这些词的句子才算提到本指标
    metric:
      # 报告中的数字须以“人”为单位才会比较（写“名”的数字见 docs/policy-packs.md）。
      threshold: {{comparator: ">=", value: 100, unit: 人}}
    met_when: {{zh: 全年交流轮岗教师不少于100人, en: at least 100 teachers rotated in the year}}
    suggestion:
      zh: 写明全年交流轮岗教师人数（不少于100人）。
      en: State how many teachers rotated in the year (at least 100).
    examples:                # 每条规则都要有示例：一句报告原文和它应得的结论
      - {{text: "全年交流轮岗教师120人。", status: met}}
      - {{text: "全年交流轮岗教师80人。", status: unmet}}
      - {{text: "推进教师交流轮岗。", status: unverified}}
      - {{text: "加强校园安全。", status: missing}}

# 修改所继承包中的规则（先在 pack.extends 中列出该包）：
# overrides:
#   - id: teacher.rotation.annual-rate
#     severity: error
'''

SAMPLE_TEMPLATE = '''\
# 样例报告：`govedu-check packs test {file}` 会运行本文件夹中的每份样例。
# 以 # 开头的行是注释，检查前会被清空（行号不变）。
# “# expect: 规则编号 = 结论” 写在哪一行正上方，结论的依据就必须是那一行。
# kind: summary
# year: 2020

某县教育和体育局2020年工作总结

一、教师队伍建设
# expect: {name}.rotation-quota = met
全年交流轮岗教师126人,城乡师资配置进一步优化。
'''


@init_app.command()
def init_pack(
    name: str = typer.Argument(..., help="Pack id and file name, e.g. county.juxian."),
    directory: Path = typer.Option(Path("."), "--dir", help="Folder to create the pack in."),
) -> None:
    """Create NAME.yaml (one commented rule with its examples) and NAME-tests/ (one sample report)."""
    import re

    from .. import __version__

    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*[a-z0-9]", name):
        raise _fail(f"{name!r} cannot be a pack name: use {_NAME_RULE}, e.g. county.juxian")
    if not directory.is_dir():
        raise _fail(f"{directory}: no such folder; create it or choose another --dir")
    pack_file = directory / f"{name}.yaml"
    tests = directory / f"{name}-tests"
    for existing in (pack_file, tests):
        if existing.exists():
            raise _fail(f"{existing} already exists; choose another name or --dir (nothing was changed)")
    requires = ".".join(__version__.split(".")[:2])
    shown = str(pack_file)
    try:
        tests.mkdir()
        pack_file.write_text(PACK_TEMPLATE.format(name=name, file=shown, tests=tests.name, requires=requires),
                             encoding="utf-8")
        (tests / "sample-report.txt").write_text(SAMPLE_TEMPLATE.format(name=name, file=shown), encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot create the pack in {directory} ({exc.strerror or exc})") from None
    typer.echo(f"created {pack_file}")
    typer.echo(f"created {tests / 'sample-report.txt'}")
    typer.echo("next:")
    typer.echo(f"  govedu-check packs validate {shown}")
    typer.echo(f"  govedu-check packs test {shown}")
    typer.echo(f"  govedu-check --pack {shown} REPORT.txt")
    raise typer.Exit(OK)
