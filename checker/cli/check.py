"""Command line: ``govedu-check [OPTIONS] PATH...`` and its sub-commands.

The ``check`` command: merge the configuration file under the command-line options
(config.py), load packs, context and waivers, expand folders and check every report — in
parallel for several (batch.py) — apply waivers, render in the chosen format, then decide the
exit code with the gate (``--fail-under``, ``--fail-on``, ``--exit-zero``).

Every error a user can cause ends in one line on stderr and exit code 2 — never a traceback.
A bad file among several is reported and skipped; exit 2 only if no report could be checked.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .. import __version__
from .exitcodes import GATE_FAILED, OK, USAGE_ERROR
from .output import JsonReports, fail, write_output

# Only what parsing the command line needs is imported here; packs, YAML, the pipeline and the
# renderers are imported by the command that uses them, so --help, --version and the
# sub-commands start without them.

check_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                        help="Check education-bureau work reports against policy packs.")


class Fmt(str, Enum):
    terminal = "terminal"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    github = "github"
    csv = "csv"
    html = "html"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


EXIT_HELP = (f"Exit codes: {OK} every report passes the gate; {GATE_FAILED} the gate failed (a score below "
             f"--fail-under, or an error-severity rule with a --fail-on status); {USAGE_ERROR} a usage, "
             "configuration, pack or input error, or no report could be checked. A folder PATH means every "
             ".txt/.md/.docx/.html/.htm/.pdf file in it; '-' reads standard input. Options can also come from "
             "a tool.govedu-check table in pyproject.toml or .govedu-check.yaml (see docs/ci.md).")


def _print_version(value: bool) -> None:
    """Eager, so ``govedu-check --version`` works without a PATH."""
    if value:
        typer.echo(f"govedu-check {__version__}")
        raise typer.Exit(OK)


@check_app.command(epilog=EXIT_HELP)
def check(
    paths: List[Path] = typer.Argument(..., metavar="PATH",
                                       help="Report files or folders; '-' reads standard input."),
    fmt: Optional[Fmt] = typer.Option(None, "--format", "-f", help="Output format (default: terminal)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder (repeatable)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the report: zh or en (default: zh)."),
    context: Optional[Path] = typer.Option(None, "--context", help="YAML of the bureau's own figures."),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", min=0, max=100, metavar="SCORE",
                                               help="Fail (exit 1) when any report scores below SCORE."),
    fail_on: List[str] = typer.Option([], "--fail-on", metavar="STATUS[,STATUS…]",
                                      help="Fail when an error-severity rule has one of these statuses "
                                           "(unmet, missing, unverified, planned, or none) (default: unmet)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when the gate fails."),
    waivers: Optional[Path] = typer.Option(None, "--waivers", metavar="FILE", help="YAML file of waivers."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Reports checked in parallel (default: the CPU count)."),
    max_input_size: Optional[str] = typer.Option(None, "--max-input-size", metavar="SIZE",
                                                 help="Largest input read, e.g. 50MB (default: 50MB)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Read options from this file instead of searching for one."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Check reports against the policy packs and gate on the result."""
    from ..model import RunResult
    from ..packs import PackError, all_rules, category_titles, load_packs
    from ..render import RenderOptions, renderer
    from ..run.batch import error_line, iter_batch, run_batch
    from ..run.config import ConfigError, load_config
    from ..run.gate import nothing_mentioned
    from ..run.settings import load_context, resolve_settings
    from ..run.waivers import load_waivers, waiver_warnings

    try:
        cfg = load_config(config, isolated=no_config)
        if cfg.note:
            typer.echo(f"govedu-check: note: {cfg.note}", err=True)
        settings = resolve_settings({
            "format": fmt.value if fmt else None, "lang": lang.value if lang else None, "pack": pack,
            "context": context, "fail_under": fail_under, "fail_on": fail_on, "waivers": waivers, "jobs": jobs,
            "max_input_size": max_input_size,
        }, cfg.values)
        from ..reading.load import set_max_input_bytes

        set_max_input_bytes(settings.max_input_size)
    except ConfigError as exc:
        raise fail(str(exc)) from None

    try:
        packs = load_packs(list(settings.packs))
    except PackError as exc:
        typer.echo(f"govedu-check: {exc}", err=True)
        raise typer.Exit(USAGE_ERROR)
    rules = all_rules(packs)
    try:
        figures = load_context(Path(settings.context) if settings.context else None)
        waiver_list = load_waivers(Path(settings.waivers)) if settings.waivers else []
    except ConfigError as exc:
        raise fail(str(exc)) from None
    gate = settings.gate
    color = (output is None and settings.fmt == "terminal" and sys.stdout.isatty()
             and not os.environ.get("NO_COLOR"))
    opts = RenderOptions(lang=settings.lang, color=color, categories=category_titles(packs),
                         rules={r.id: r for r in rules}, gate=gate)
    known_rules = [r.id for r in rules]
    paths_given = [str(p) for p in paths]

    def print_error(e) -> None:
        typer.echo(error_line(e), err=True)

    if settings.fmt == "json":
        # Written report by report: a province's reports in one run take the memory of a few.
        outcomes = iter_batch(paths_given, rules, figures, settings.jobs, on_error=print_error,
                              waivers=tuple(waiver_list))
        reports, errors, warnings = stream_json(outcomes, waiver_list, known_rules, tuple(packs), opts, output)
        _print_warnings(warnings)
        _require_reports(reports, errors)
    else:
        reports, errors = run_batch(paths_given, rules, figures, settings.jobs, on_error=print_error,
                                    waivers=tuple(waiver_list))
        warnings = nothing_mentioned(reports) + waiver_warnings(reports, waiver_list, known_rules)
        _print_warnings(warnings)
        _require_reports(reports, errors)
        run = RunResult(tuple(reports), tuple(errors), tuple(packs), tuple(warnings))
        write_output(renderer(settings.fmt)(run, opts), output)

    reasons = gate.reasons(reports)
    if reasons and not exit_zero:
        for reason in reasons:
            typer.echo(f"govedu-check: gate failed: {reason}", err=True)
        raise typer.Exit(GATE_FAILED)
    raise typer.Exit(OK)


def _print_warnings(warnings) -> None:
    for w in warnings:
        typer.echo(f"govedu-check: warning: {w}", err=True)


def _require_reports(reports: list, errors: list) -> None:
    if not reports:
        if len(errors) > 1:   # a lone bad file has said so in its own line already
            typer.echo(f"govedu-check: none of the {len(errors)} inputs could be checked", err=True)
        raise typer.Exit(USAGE_ERROR)


# ---------------------------------------------------------------- JSON, report by report
def stream_json(outcomes, waiver_list: list, known_rules: list, packs: tuple, opts,
                output: Optional[Path]) -> tuple[list, list, list]:
    """Write render/json_out.py's document one report at a time; (gists, errors, warnings).

    The bytes are those of rendering the whole run at once, but no report's findings are kept
    once it is written. A report is kept as a *gist* — its path and score, and only the findings that
    can fail the gate or that a waiver covers, without their texts — which is all the gate
    and the waiver warnings need. Nothing is written when no report could be checked.
    """
    from ..model import InputError, RunResult
    from ..render.json_out import as_dict
    from ..run.gate import nothing_mentioned
    from ..run.waivers import waiver_warnings

    def document(errors=(), warnings=()) -> dict:
        return as_dict(RunResult((), tuple(errors), packs, tuple(warnings)), opts)

    waived_rules = {w.rule for w in waiver_list}
    gists, errors, silent = [], [], []
    out = JsonReports(output, document())
    with out:
        for outcome in outcomes:
            if isinstance(outcome, InputError):
                errors.append(outcome)
                continue
            out.add(as_dict(RunResult((outcome,), (), packs, ()), opts)["reports"][0])
            silent.extend(nothing_mentioned([outcome]))
            gists.append(_gist(outcome, waived_rules))
        warnings = silent + waiver_warnings(gists, waiver_list, known_rules)
        out.finish(document(errors, warnings))
    return gists, errors, warnings


def _gist(report, waived_rules: set):
    """The report with only the findings the gate or a waiver can concern, stripped of their texts."""
    from dataclasses import replace

    keep = tuple(replace(f, message_zh="", message_en="", evidence=(), title_zh="", title_en="",
                         suggestion_zh="", suggestion_en="")
                 for f in report.findings
                 if f.status != "met" and (f.severity == "error" or f.rule in waived_rules))
    return replace(report, findings=keep, categories=())


# Sub-commands live in their own modules, each a typer app; a first argument naming one of them
# selects it, anything else is the check itself (as `govedu-check report.txt`).
SUBCOMMANDS = {
    "packs": ("checker.cli.packs", "packs_app"),
    "explain": ("checker.cli.packs", "explain_app"),
    "init-pack": ("checker.cli.packs", "init_app"),
    "follow-through": ("checker.cli.reports", "follow_app"),
    "diff": ("checker.cli.reports", "diff_app"),
}


def main(argv: Optional[List[str]] = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    from ..run.signals import install_sigterm_handler

    install_sigterm_handler()       # SIGTERM unwinds like Ctrl-C: no temporary files, no orphans
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
