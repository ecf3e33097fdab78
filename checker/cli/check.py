"""Command line: ``govedu-check [OPTIONS] PATH...`` and its sub-commands.

The ``check`` command: merge the configuration file under the command-line options
(config.py), load packs, context and waivers, expand folders and check every report — in
parallel for several (batch.py) — apply waivers, render in the chosen format, then decide the
exit code with the gate (``--fail-under``, ``--fail-on``, ``--exit-zero``).

Every error a user can cause ends in one line on stderr and exit code 2 — never a traceback.
A bad file among several is reported and the others are still checked and written; the run
then ends with exit code 2, as a file that could not be checked is an error, not a pass.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .. import __version__
from .exitcodes import GATE_FAILED, INTERRUPTED, OK, USAGE_ERROR
from ..reading.names import display_path
from .output import JsonReports, fail, write_output

# Only what parsing the command line needs is imported here; packs, YAML, the pipeline and the
# renderers are imported by the command that uses them, so --help, --version and the
# sub-commands start without them.

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
check_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, context_settings=HELP_OPTIONS,
                        help="Check education-bureau work reports against policy packs.")


class Fmt(str, Enum):
    terminal = "terminal"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    github = "github"
    gitlab = "gitlab"
    csv = "csv"
    html = "html"
    xlsx = "xlsx"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


EXIT_HELP = (f"Exit codes: {OK} every report passes the gate; {GATE_FAILED} the gate failed (a score below "
             f"--fail-under, or an error-severity rule with a --fail-on status); {USAGE_ERROR} a usage, "
             "configuration, pack or input error (a file that could not be checked included). A folder PATH "
             "means every .txt/.md/.docx/.html/.htm/.pdf file in it (files ignored by .gitignore, this tool's "
             "outputs and README-like files skipped); '-' reads standard input. Options can also come from "
             "a tool.govedu-check table in pyproject.toml or .govedu-check.yaml (see docs/ci.md).")


def _print_version(value: bool) -> None:
    """Eager, so ``govedu-check --version`` works without a PATH."""
    if value:
        typer.echo(f"govedu-check {__version__}")
        raise typer.Exit(OK)


@check_app.command(epilog=EXIT_HELP, context_settings=HELP_OPTIONS)
def check(
    paths: List[Path] = typer.Argument(..., metavar="PATH",
                                       help="Report files or folders; '-' reads standard input."),
    fmt: Optional[Fmt] = typer.Option(None, "--format", "-f", help="Output format (default: terminal)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file ('-': stdout)."),
    output_formats: List[str] = typer.Option([], "--output-format", metavar="FORMAT=FILE",
                                             help="Also write FORMAT to FILE from the same run (repeatable), "
                                                  "e.g. sarif=out.sarif."),
    sarif_output: Optional[Path] = typer.Option(None, "--sarif-output", metavar="FILE",
                                                help="Also write SARIF to FILE."),
    junit_output: Optional[Path] = typer.Option(None, "--junit-xml-output", metavar="FILE",
                                                help="Also write JUnit XML to FILE."),
    json_output: Optional[Path] = typer.Option(None, "--json-output", metavar="FILE", help="Also write JSON to FILE."),
    gitlab_output: Optional[Path] = typer.Option(None, "--gitlab-output", metavar="FILE",
                                                 help="Also write GitLab Code Quality JSON to FILE."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder, or a built-in pack by id, "
                                                     "e.g. province.shandong (repeatable)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages and report: zh or en "
                                                             "(default: zh; en when LANG=en_*)."),
    context: Optional[Path] = typer.Option(None, "--context", help="YAML of the bureau's own figures."),
    select: List[str] = typer.Option([], "--select", metavar="RULE[,RULE…]",
                                     help="Use only these rules: ids or prefixes such as safety. (repeatable)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="RULE[,RULE…]",
                                     help="Leave out these rules: ids or prefixes (repeatable)."),
    severity: Optional[Severity] = typer.Option(None, "--severity", help="Use only rules of this severity or above."),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", min=0, max=100, metavar="SCORE",
                                               help="Fail (exit 1) when any report scores below SCORE."),
    fail_on: List[str] = typer.Option([], "--fail-on", metavar="STATUS[,STATUS…]",
                                      help="Fail when an error-severity rule has one of these statuses "
                                           "(unmet, missing, unverified, planned, or none) (default: all four: an "
                                           "error rule in force must be met; docs/scoring.md)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when the gate fails."),
    waivers: Optional[Path] = typer.Option(None, "--waivers", metavar="FILE", help="YAML file of waivers."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Reports checked in parallel (default: the CPU count)."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="GLOB",
                                      help="Skip these files in folders (replaces the default list; repeatable)."),
    extend_exclude: List[str] = typer.Option([], "--extend-exclude", metavar="GLOB",
                                             help="Skip these files in folders, besides the default list (repeatable)."),
    include_all: bool = typer.Option(False, "--include-all",
                                     help="Also check this tool's outputs and README/CHANGELOG-like files."),
    force_exclude: bool = typer.Option(False, "--force-exclude",
                                       help="Apply the exclusions to files named on the command line too, and skip "
                                            "files that are not reports (for pre-commit)."),
    no_respect_gitignore: bool = typer.Option(False, "--no-respect-gitignore", help="Do not read .gitignore files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the output and errors only: no warnings, "
                                                            "notes or progress bar."),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per rule and status instead of "
                                                                "the findings."),
    show_settings: bool = typer.Option(False, "--show-settings", help="Print the merged settings and the files "
                                                                      "that would be checked, then exit."),
    max_input_size: Optional[str] = typer.Option(None, "--max-input-size", metavar="SIZE",
                                                 help="Largest input read, e.g. 50MB (default: 50MB)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Read options from this file instead of searching for one."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    annotate: bool = typer.Option(False, "--annotate",
                                  help="Write a copy of the .docx with the findings as Word comments to -o "
                                       "(the --format output then goes to stdout)."),
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Check reports against the policy packs and gate on the result."""
    from ..i18n import localize, msg, set_ui_lang
    from ..model import RunResult
    from ..packs import PackError, all_rules, category_titles
    from ..packs.cached import load_packs_cached
    from ..render import FORMATS, RenderOptions, renderer
    from ..run.batch import error_line, iter_batch, run_batch
    from ..run.config import ConfigError, load_config
    from ..run.discover import DEFAULT_EXCLUDE, Filters, discover
    from ..run.gate import nothing_mentioned
    from ..run.selection import SelectionError, select_rules, split_list
    from ..run.settings import check_context_keys, load_context, resolve_settings
    from ..run.waivers import load_waivers, waiver_warnings
    from .output import is_stdout, refuse_input_as_output

    try:
        cfg = load_config(config, isolated=no_config)
        settings = resolve_settings({
            "format": fmt.value if fmt else None, "lang": lang.value if lang else None, "pack": pack,
            "context": context, "fail_under": fail_under, "fail_on": fail_on, "waivers": waivers, "jobs": jobs,
            "select": split_list(select), "ignore": split_list(ignore),
            "severity": severity.value if severity else None,
            "exclude": split_list(exclude) or None, "extend_exclude": split_list(extend_exclude),
            "respect_gitignore": False if no_respect_gitignore else None,
            "max_input_size": max_input_size,
        }, cfg.values)
        from ..reading.load import set_max_input_bytes

        set_max_input_bytes(settings.max_input_size)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    set_ui_lang(settings.lang)

    def say(text: str) -> None:
        """A warning or note on stderr, unless --quiet."""
        if not quiet:
            typer.echo(f"govedu-check: {text}", err=True)

    if cfg.note:
        say(msg("note", text=localize(cfg.note)))

    from .office import annotate_problem, output_problem, write_annotated

    fmt_output = None if annotate else output   # with --annotate, -o is the annotated copy
    problem = (annotate_problem(paths, output) if annotate else None) or output_problem(settings.fmt, fmt_output)
    if problem:
        raise fail(problem)

    # Every output of the run: (format, file or None for standard output).
    outputs = [(settings.fmt, None if is_stdout(fmt_output) else fmt_output)]
    extra = [_parse_output_format(v, FORMATS) for v in output_formats]
    extra_on_stdout: list = []
    extra += [(f, p) for f, p in (("sarif", sarif_output), ("junit", junit_output), ("json", json_output),
                                  ("gitlab", gitlab_output)) if p is not None]
    for f, p in extra:
        if p is not None and not is_stdout(p):
            outputs.append((f, Path(p)))
        elif outputs[0][1] is not None:               # the main output goes to a file: stdout is free
            outputs.insert(0, (f, None))
        elif fmt is None and not any(g for g, q in outputs[1:] if q is None) and not extra_on_stdout:
            outputs[0] = (f, None)                    # `--output-format sarif` alone: SARIF on stdout
            extra_on_stdout.append(f)
        else:
            raise fail(msg("two_stdout", formats=f"{outputs[0][0]}, {f}"))

    filters = Filters(exclude=DEFAULT_EXCLUDE if settings.exclude is None else settings.exclude,
                      extend_exclude=settings.extend_exclude, respect_gitignore=settings.respect_gitignore,
                      include_all=include_all, force_exclude=force_exclude)
    paths_given = [str(p) for p in paths]
    found = discover(paths_given, filters)

    try:
        packs = load_packs_cached(list(settings.packs))
    except PackError as exc:
        raise fail(str(exc)) from None
    try:
        rules = select_rules(all_rules(packs), settings.select, settings.ignore, settings.severity)
    except SelectionError as exc:
        raise fail(str(exc)) from None

    if show_settings:
        typer.echo(_settings_text(cfg, settings, filters, outputs, rules, found))
        raise typer.Exit(OK)

    refuse_input_as_output([p for _, p in outputs if p is not None], found.files)
    for path, why in found.skipped:
        if why == "outside":     # a link committed to the folder must not make a run read elsewhere
            say(f"{display_path(path)}: 已跳过：符号链接指向所检查的文件夹之外 / skipped: a symbolic link "
                "leading outside the checked folder")
    if found.skipped:
        say(msg("note", text=msg("skipped", n=len(found.skipped))))
    try:
        figures = load_context(Path(settings.context) if settings.context else None)
        if isinstance(figures, dict):
            check_context_keys(figures, rules, settings.context)
        context_notes = figures.bind(rules) if not isinstance(figures, dict) else []
        waiver_list = load_waivers(Path(settings.waivers)) if settings.waivers else []
    except ConfigError as exc:
        raise fail(str(exc)) from None
    gate = settings.gate
    terminal_out = outputs[0][1] is None and sys.stdout.isatty()
    opts = RenderOptions(lang=settings.lang, color=use_color(terminal_out and not statistics),
                         width=terminal_width(), categories=category_titles(packs),
                         rules={r.id: r for r in rules}, gate=gate)
    known_rules = [r.id for r in rules]

    def print_error(e) -> None:
        typer.echo(localize(error_line(e)), err=True)

    stream = open(os.devnull, "w") if quiet else None   # no progress bar when quiet
    if len(outputs) == 1 and settings.fmt == "json" and not statistics and not annotate:
        # Written report by report: a province's reports in one run take the memory of a few.
        # Each report's text and gist are made where it was checked (a worker, with --jobs > 1).
        from functools import partial

        from ..run import streamed

        prepare = partial(streamed.prepare, lang=opts.lang, waived_rules=frozenset(w.rule for w in waiver_list))
        outcomes = iter_batch(paths_given, rules, figures, settings.jobs, on_error=print_error,
                              waivers=tuple(waiver_list), files=found.files, stream=stream, prepare=prepare)
        outcomes = _with_folder_errors(found.errors, outcomes, print_error)
        reports, errors, warnings = stream_json(outcomes, waiver_list, known_rules, tuple(packs), opts,
                                                outputs[0][1],
                                                lambda done: context_warnings(figures, done, context_notes))
        for w in warnings:
            say(msg("warning", text=localize(w)))
        _require_reports(reports, errors)
    else:
        for e in found.errors:
            print_error(e)
        reports, errors = run_batch(paths_given, rules, figures, settings.jobs, on_error=print_error,
                                    waivers=tuple(waiver_list), files=found.files, stream=stream)
        errors = list(found.errors) + errors
        warnings = (nothing_mentioned(reports) + waiver_warnings(reports, waiver_list, known_rules)
                    + context_warnings(figures, reports, context_notes))
        for w in warnings:
            say(msg("warning", text=localize(w)))
        _require_reports(reports, errors)
        run = RunResult(tuple(reports), tuple(errors), tuple(packs), tuple(warnings))
        for i, (f, target) in enumerate(outputs):
            if statistics and target is None:
                write_output(_statistics(run, settings.lang), None)
                continue
            write_output(renderer(f)(run, opts if f == "terminal" and i == 0 else
                                     RenderOptions(**{**opts.__dict__, "color": False})), target)
        if statistics and outputs[0][1] is not None:
            write_output(_statistics(run, settings.lang), None)
        if annotate:
            write_annotated(reports, paths_given, output, settings.lang)

    if errors:
        # A file that could not be checked fails the run as an error (exit 2), whatever the gate says.
        typer.echo(f"govedu-check: {msg('inputs_failed', n=len(errors))}", err=True)
        raise typer.Exit(USAGE_ERROR)
    reasons = gate.reasons(reports)
    if reasons and not exit_zero:
        for reason in reasons:
            typer.echo(f"govedu-check: {msg('gate_failed', reason=localize(reason))}", err=True)
        raise typer.Exit(GATE_FAILED)
    raise typer.Exit(OK)


def context_warnings(figures, reports, notes: list) -> list:
    """A ``--context`` table's warnings: columns no rule reads, rows that named no report."""
    if isinstance(figures, dict):
        return []
    return list(notes) + figures.unmatched_warning(reports)


def _with_folder_errors(errors, outcomes, print_error):
    for e in errors:
        print_error(e)
        yield e
    yield from outcomes


def _parse_output_format(value: str, known) -> tuple:
    """``sarif=out.sarif`` → ("sarif", Path("out.sarif")); ``sarif`` or ``sarif=-`` → ("sarif", None)."""
    from ..i18n import msg

    fmt, sep, path = value.partition("=")
    fmt = fmt.strip()
    if fmt not in known:
        raise fail(msg("bad_output_format", value=value, fmt=fmt, known=", ".join(known)))
    return fmt, (Path(path) if sep and path and path != "-" else None)


def use_color(to_terminal: bool) -> bool:
    """Colour when printing to a terminal; NO_COLOR (non-empty) turns it off and FORCE_COLOR
    (non-empty, not 0) on, whatever the output is (https://no-color.org, https://force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    return to_terminal


def terminal_width() -> int:
    """COLUMNS when set, else the terminal's width, else 120 (a file or a pipe); at least 40."""
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(40, int(columns))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((120, 40)).columns)
    return 120


def _statistics(run, lang: str) -> str:
    """Counts per rule and status over every report, most frequent first (ruff --statistics)."""
    from collections import Counter

    from ..i18n import STATUS, msg, t

    counts = Counter((f.rule, f.status) for r in run.reports for f in r.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    width = max((len(rule) for (rule, _), _ in rows), default=4)
    lines = [msg("stats_head", lang)]
    lines += [f"{n:5d}  {rule:<{width}}  {t(STATUS, status, lang)}" for (rule, status), n in rows]
    return "\n".join(lines) + "\n"


def _settings_text(cfg, settings, filters, outputs, rules, found) -> str:
    """--show-settings: what this run would use, one ``key: value`` per line."""
    lines = [
        f"config: {cfg.path or '-'}",
        f"lang: {settings.lang}",
        "outputs: " + ", ".join(f"{f}={p or '-'}" for f, p in outputs),
        f"packs: {', '.join(settings.packs) or '(built-in)'}",
        f"fail_on: {','.join(settings.fail_on) or 'none'}",
        f"fail_under: {'-' if settings.fail_under is None else f'{settings.fail_under:g}'}",
        f"select: {','.join(settings.select) or '-'}",
        f"ignore: {','.join(settings.ignore) or '-'}",
        f"severity: {settings.severity or 'info'}",
        f"exclude: {','.join(filters.exclude) or '-'}",
        f"extend_exclude: {','.join(filters.extend_exclude) or '-'}",
        f"respect_gitignore: {str(filters.respect_gitignore).lower()}",
        f"include_all: {str(filters.include_all).lower()}",
        f"jobs: {settings.jobs}",
        f"rules: {len(rules)}",
        f"files: {len(found.files)}",
    ]
    lines += [f"  {f}" for f in found.files]
    if found.skipped:
        lines.append(f"skipped: {len(found.skipped)}")
        lines += [f"  {p} ({why})" for p, why in found.skipped]
    return "\n".join(lines)


def _require_reports(reports: list, errors: list) -> None:
    from ..i18n import msg

    if not reports:
        if len(errors) > 1:   # a lone bad file has said so in its own line already
            typer.echo(f"govedu-check: {msg('none_checked', n=len(errors))}", err=True)
        raise typer.Exit(USAGE_ERROR)


# ---------------------------------------------------------------- JSON, report by report
def stream_json(outcomes, waiver_list: list, known_rules: list, packs: tuple, opts,
                output: Optional[Path], more_warnings=None) -> tuple[list, list, list]:
    """Write render/json_out.py's document one report at a time; (gists, errors, warnings).

    ``outcomes`` are InputErrors and, for each report, run/streamed.py's ``Streamed``: its text,
    its gist and its warnings. The bytes are those of rendering the whole run at once, but no
    report's findings are kept once it is written. A report is kept as a *gist* — its path and
    score, and only the findings that can fail the gate or that a waiver covers, without their
    texts — which is all the gate and the waiver warnings need. Nothing is written when no
    report could be checked.
    """
    from ..model import InputError, RunResult
    from ..render.json_out import as_dict
    from ..run.waivers import waiver_warnings

    def document(errors=(), warnings=()) -> dict:
        return as_dict(RunResult((), tuple(errors), packs, tuple(warnings)), opts)

    gists, errors, silent = [], [], []
    out = JsonReports(output, document())
    with out:
        for outcome in outcomes:
            if isinstance(outcome, InputError):
                errors.append(outcome)
                continue
            out.add_text(outcome.text)
            silent.extend(outcome.warnings)
            gists.append(outcome.gist)
        warnings = silent + waiver_warnings(gists, waiver_list, known_rules)
        if more_warnings is not None:   # e.g. a --context table's rows that matched no report
            warnings += more_warnings(gists)
        out.finish(document(errors, warnings))
    return gists, errors, warnings


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
    """The ``govedu-check`` program: streams that can print anything, the interface language, the
    sub-command, and one exit code whatever happens — 130 for Ctrl-C, 2 for any error, never a
    traceback."""
    from ..i18n import argv_lang, env_lang, msg, set_ui_lang
    from .streams import setup_streams

    args = list(sys.argv[1:] if argv is None else argv)
    setup_streams()
    _on_ctrl_c()
    lang = argv_lang(args) or env_lang()
    set_ui_lang(lang)
    from ..run.signals import install_sigterm_handler

    install_sigterm_handler()       # SIGTERM unwinds like Ctrl-C: no temporary files, no orphans
    try:
        if args and args[0] == "check":      # `govedu-check check FILE` = `govedu-check FILE`
            args = args[1:]
        if args and args[0] in SUBCOMMANDS:
            from importlib import import_module

            name = args[0]
            module, attr = SUBCOMMANDS[name]
            app, args, prog = getattr(import_module(module), attr), args[1:], f"govedu-check {name}"
        else:
            name, app, prog = "check", check_app, "govedu-check"
        code = _run(app, args, prog, name, lang)
    except KeyboardInterrupt:
        _stderr_line(f"govedu-check: {msg('interrupted')}")
        code = INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more can be said on stdout.
        _silence_stdout()
        code = USAGE_ERROR
    except Exception as exc:  # noqa: BLE001 — the last line of defence: one line, exit 2
        detail = " ".join(str(exc).split())[:300]
        _stderr_line(f"govedu-check: {msg('internal', kind=type(exc).__name__, detail=detail)}")
        code = USAGE_ERROR
    sys.exit(code)


def _run(app, args: list, prog: str, name: str, lang: str) -> int:
    """Run a typer app's click command in-process; its exit code (click's usage errors: 2).

    Typer turns Ctrl-C into exit code 130 on its own; the message is printed by the handler
    :func:`_on_ctrl_c` installs."""
    import typer.main

    from .helptext import localize_command

    from .quickparams import quicken

    command = typer.main.get_command(app)
    quicken(command)       # option values converted without pydantic where that is safe (quickparams.py)
    command.context_settings = {**(command.context_settings or {}), **HELP_OPTIONS}
    localize_command(command, lang, name)
    try:
        command.main(args=args, prog_name=prog, standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return OK
        if isinstance(code, int):
            return code
        _stderr_line(str(code))
        return USAGE_ERROR
    return OK


def _on_ctrl_c() -> None:
    """Ctrl-C: one line on stderr (from this process, not from its workers), then exit code 130."""
    import signal

    from ..i18n import msg

    main_pid = os.getpid()

    def handler(signum, frame):
        if os.getpid() == main_pid:
            _stderr_line(f"govedu-check: {msg('interrupted')}")
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGINT, handler)
    except (ValueError, OSError):   # not the main thread (embedded): keep Python's default
        pass


def _stderr_line(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
