"""Command line: ``govedu-check [OPTIONS] PATH...`` and its sub-commands.

Every error a user can cause ends in one line on stderr and exit code 2 — never a traceback.
"""
from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .exitcodes import GATE_FAILED, OK, USAGE_ERROR
from .load import InputFileError
from .packs import PackError

check_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                        help="Check education-bureau work reports against policy packs.")


class Fmt(str, Enum):
    terminal = "terminal"
    json = "json"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def fail(message: str) -> "typer.Exit":
    typer.echo(f"govedu-check: {message}", err=True)
    return typer.Exit(USAGE_ERROR)


def write_output(text: str, output: Optional[Path]) -> None:
    """Print, or write ``output`` atomically (temporary file in the same folder, then rename)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise fail(f"{output}: the folder {folder} does not exist; create it or choose another --output")
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None


def load_context(path: Optional[Path]) -> dict:
    if path is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(f"{path}: cannot read the context file ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise fail(f"{where}: invalid YAML in the context file") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, (int, float)) for v in data.values()):
        raise fail(f"{path}: the context file must map names to numbers, e.g. `eligible_teachers: 1390`")
    return data


@check_app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="Report files (.txt/.md)."),
    fmt: Fmt = typer.Option(Fmt.terminal, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder (repeatable)."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the report: zh or en."),
    context: Optional[Path] = typer.Option(None, "--context", help="YAML of the bureau's own figures."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(f"govedu-check {__version__}")
        raise typer.Exit(OK)
    from .evaluate import make_context
    from .model import InputError, RunResult
    from .packs import all_rules, category_titles, load_packs
    from .pipeline import check_file
    from .render import RenderOptions, renderer

    try:
        packs = load_packs([str(p) for p in pack])
    except PackError as exc:
        typer.echo(f"govedu-check: {exc}", err=True)
        raise typer.Exit(USAGE_ERROR)
    rules = all_rules(packs)
    ctx = make_context(rules, load_context(context))
    reports, errors = [], []
    for p in paths:
        try:
            reports.append(check_file(str(p), rules, ctx))
        except InputFileError as exc:
            errors.append(InputError(str(p), str(exc)))
            typer.echo(f"govedu-check: {exc}", err=True)
    run = RunResult(tuple(reports), tuple(errors), tuple(packs))
    if not reports:
        raise typer.Exit(USAGE_ERROR)
    color = output is None and fmt == Fmt.terminal and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    opts = RenderOptions(lang=lang.value, color=color, categories=category_titles(packs),
                         rules={r.id: r for r in rules})
    write_output(renderer(fmt.value)(run, opts), output)
    gate = any(f.status == "unmet" and f.severity == "error" and not f.waived for r in reports for f in r.findings)
    raise typer.Exit(GATE_FAILED if gate else OK)


# Sub-commands live in their own modules, each a typer app; a first argument naming one of them
# selects it, anything else is the check itself (as `govedu-check report.txt`).
SUBCOMMANDS = {
    "packs": ("checker.packcli", "packs_app"),
    "explain": ("checker.packcli", "explain_app"),
    "init-pack": ("checker.packcli", "init_app"),
    "follow-through": ("checker.reportcli", "follow_app"),
    "diff": ("checker.reportcli", "diff_app"),
}


def main(argv: Optional[List[str]] = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            from importlib import import_module

            module, attr = SUBCOMMANDS[args[0]]
            app = getattr(import_module(module), attr)
            app(args=args[1:], prog_name=f"govedu-check {args[0]}")
        else:
            check_app(args=args, prog_name="govedu-check")
    except KeyboardInterrupt:
        typer.echo("govedu-check: interrupted", err=True)
        sys.exit(USAGE_ERROR)


if __name__ == "__main__":
    main()
