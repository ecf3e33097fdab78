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
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .exitcodes import GATE_FAILED, OK, USAGE_ERROR

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
    xlsx = "xlsx"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


EXIT_HELP = (f"Exit codes: {OK} every report passes the gate; {GATE_FAILED} the gate failed (a score below "
             f"--fail-under, or an error-severity rule with a --fail-on status); {USAGE_ERROR} a usage, "
             "configuration, pack or input error, or no report could be checked. A folder PATH means every "
             ".txt/.md/.docx/.html/.htm/.pdf file in it; '-' reads standard input. Options can also come from "
             "a tool.govedu-check table in pyproject.toml or .govedu-check.yaml (see docs/ci.md).")


def fail(message: str) -> "typer.Exit":
    typer.echo(f"govedu-check: {message}", err=True)
    return typer.Exit(USAGE_ERROR)


def write_output(text, output: Optional[Path]) -> None:
    """Print, or write ``output`` atomically (temporary file in the same folder, then rename).

    ``text`` is a str, or bytes for a binary format (xlsx, an annotated .docx)."""
    binary = isinstance(text, bytes)
    if output is None:
        if binary:
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = AtomicOutput(output)
    fh = target.open(binary=binary)
    try:
        fh.write(text)
    except BaseException as exc:
        target.discard(exc)
        raise
    target.commit()


class AtomicOutput:
    """An ``--output`` file written to a temporary file in its folder and renamed when complete.

    Readers never see half a file, and a run that fails or is interrupted leaves the old file
    (or none) in place. Write errors end in the usual one line and exit code 2.
    """

    def __init__(self, output: Path):
        self.output = output
        folder = output.parent if str(output.parent) else Path(".")
        if not folder.is_dir():
            raise fail(f"{output}: the folder {folder} does not exist; create it or choose another --output")
        self.folder = folder
        self._tmp: Optional[str] = None
        self._fh = None

    def open(self, binary: bool = False):
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.output.name}.", dir=self.folder)
        except OSError as err:
            raise self._cannot_write(err) from None
        self._fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")
        return self._fh

    def commit(self) -> None:
        try:
            self._fh.close()
            # mkstemp makes the file private (0600); an output is meant to be shared like any file
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._tmp, 0o666 & ~umask)
            os.replace(self._tmp, self.output)
        except OSError as err:
            self.discard(err)
            raise self._cannot_write(err) from None

    def discard(self, cause: Optional[BaseException] = None) -> None:
        """Drop the temporary file; a write error (``cause``) becomes the one-line message."""
        try:
            self._fh.close()
        except OSError:
            pass
        Path(self._tmp).unlink(missing_ok=True)
        if isinstance(cause, OSError):
            raise self._cannot_write(cause) from None

    def _cannot_write(self, err: OSError) -> "typer.Exit":
        return fail(f"{self.output}: cannot write ({err.strerror or err})")


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


@dataclass(frozen=True)
class Settings:
    """Options after merging the configuration file under the command line."""

    fmt: str = "terminal"
    lang: str = "zh"
    packs: tuple = ()
    context: Optional[str] = None
    fail_under: Optional[float] = None
    fail_on: tuple = ("unmet",)
    waivers: Optional[str] = None
    jobs: int = 1


def resolve_settings(cli: dict, config: dict) -> Settings:
    """Command-line values win; then the configuration file; then the defaults.

    ``cli`` holds None (or an empty list) for options not given on the command line. A list
    option given on the command line replaces the file's list rather than adding to it.
    """
    from .batch import default_jobs
    from .config import parse_statuses

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
            raise fail(f"--fail-on: {exc}") from None
    else:
        fail_on = config.get("fail_on", ("unmet",))
    return Settings(
        fmt=pick("format", "terminal"), lang=pick("lang", "zh"),
        packs=tuple(str(p) for p in pick("pack", ())), context=_str_or_none(pick("context", None)),
        fail_under=pick("fail_under", None), fail_on=tuple(fail_on),
        waivers=_str_or_none(pick("waivers", None)), jobs=int(pick("jobs", default_jobs())),
    )


def _str_or_none(value) -> Optional[str]:
    return None if value is None else str(value)


def gate_failures(reports, fail_under: Optional[float], fail_on: tuple) -> list[str]:
    """Why the gate fails (one line per reason), or [] when it passes. Waived findings never fail it."""
    reasons = []
    if fail_under is not None:
        low = [r for r in reports if r.score < fail_under]
        if low:
            worst = min(low, key=lambda r: (r.score, r.path))
            reasons.append(f"{len(low)} of {len(reports)} report(s) score below --fail-under {fail_under:g} "
                           f"(lowest: {worst.path} {worst.score:.1f})")
    if fail_on:
        hits = [(r, f) for r in reports for f in r.findings
                if f.severity == "error" and f.status in fail_on and not f.waived]
        if hits:
            r, f = hits[0]
            n_reports = len({id(r) for r, _ in hits})
            reasons.append(f"{len(hits)} error-severity finding(s) with status {'/'.join(fail_on)} "
                           f"in {n_reports} report(s) (first: {f.rule} is {f.status} in {r.path})")
    return reasons


def _require_renderer(fmt: str) -> None:
    """Fail early, before checking hundreds of reports, if a format's module is not installed."""
    from importlib.util import find_spec

    from .render import FORMATS

    if find_spec(f"checker.render.{FORMATS[fmt]}") is None:
        raise fail(f"--format {fmt}: this format is not available in this installation yet; "
                   "choose another --format")


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
    from .batch import error_line, iter_batch, run_batch
    from .config import ConfigError, load_config
    from .model import RunResult
    from .packs import PackError, all_rules, category_titles, load_packs
    from .render import RenderOptions, renderer
    from .waivers import apply_waivers, load_waivers

    try:
        cfg = load_config(config, isolated=no_config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    if cfg.note:
        typer.echo(f"govedu-check: note: {cfg.note}", err=True)
    settings = resolve_settings({
        "format": fmt.value if fmt else None, "lang": lang.value if lang else None, "pack": pack,
        "context": context, "fail_under": fail_under, "fail_on": fail_on, "waivers": waivers, "jobs": jobs,
    }, cfg.values)
    _require_renderer(settings.fmt)
    from .officecli import annotate_problem, output_problem, write_annotated

    fmt_output = None if annotate else output   # with --annotate, -o is the annotated copy
    problem = (annotate_problem(paths, output) if annotate else None) or output_problem(settings.fmt, fmt_output)
    if problem:
        raise fail(problem)

    try:
        packs = load_packs(list(settings.packs))
    except PackError as exc:
        typer.echo(f"govedu-check: {exc}", err=True)
        raise typer.Exit(USAGE_ERROR)
    rules = all_rules(packs)
    figures = load_context(Path(settings.context) if settings.context else None)
    try:
        waiver_list = load_waivers(Path(settings.waivers)) if settings.waivers else []
    except ConfigError as exc:
        raise fail(str(exc)) from None
    color = (fmt_output is None and settings.fmt == "terminal" and sys.stdout.isatty()
             and not os.environ.get("NO_COLOR"))
    opts = RenderOptions(lang=settings.lang, color=color, categories=category_titles(packs),
                         rules={r.id: r for r in rules})
    known_rules = [r.id for r in rules]
    paths_given = [str(p) for p in paths]

    def print_error(e) -> None:
        typer.echo(error_line(e), err=True)

    if settings.fmt == "json" and not annotate:
        # Written report by report: a province's reports in one run take the memory of a few.
        outcomes = iter_batch(paths_given, rules, figures, settings.jobs, on_error=print_error)
        reports, errors, warnings = stream_json(outcomes, waiver_list, known_rules, tuple(packs), opts, output)
        _print_warnings(warnings)
        _require_reports(reports, errors)
    else:
        reports, errors = run_batch(paths_given, rules, figures, settings.jobs, on_error=print_error)
        reports, warnings = apply_waivers(reports, waiver_list, known_rules=known_rules)
        warnings = nothing_mentioned(reports) + list(warnings)
        _print_warnings(warnings)
        _require_reports(reports, errors)
        run = RunResult(tuple(reports), tuple(errors), tuple(packs), tuple(warnings))
        write_output(renderer(settings.fmt)(run, opts), fmt_output)
        if annotate:
            write_annotated(reports, paths_given, output, settings.lang)

    reasons = gate_failures(reports, settings.fail_under, settings.fail_on)
    if reasons and not exit_zero:
        for reason in reasons:
            typer.echo(f"govedu-check: gate failed: {reason}", err=True)
        raise typer.Exit(GATE_FAILED)
    raise typer.Exit(OK)


def nothing_mentioned(reports) -> list[str]:
    """A warning for each report that mentions no rule's subject at all: an empty file, the wrong
    file, or text the checker cannot read as a work report; it would pass the default gate."""
    return [f"{r.path}: no rule's subject is mentioned (all {len(r.findings)} missing) — "
            "is this an education bureau's work report?"
            for r in reports if r.findings and all(f.status == "missing" for f in r.findings)]


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
    """Write render/json_out.py's document one report at a time; (gists, errors, waiver warnings).

    The bytes are those of rendering the whole run at once, but no report's findings are kept
    once it is written. A report is kept as a *gist* — its path and score, and only the findings that
    can fail the gate or that a waiver may cover, without their texts — which is all the gate
    and the waiver warnings need. Nothing is written when no report could be checked.
    """
    from .model import InputError, RunResult
    from .render.json_out import as_dict
    from .waivers import apply_waivers

    def document(errors=(), warnings=()) -> dict:
        return as_dict(RunResult((), tuple(errors), packs, tuple(warnings)), opts)

    waived_rules = {w.rule for w in waiver_list}
    gists, errors, silent = [], [], []
    out = _JsonReports(output, document())
    with out:
        for outcome in outcomes:
            if isinstance(outcome, InputError):
                errors.append(outcome)
                continue
            if waiver_list:
                [outcome], _ = apply_waivers([outcome], waiver_list, known_rules=known_rules)
            out.add(as_dict(RunResult((outcome,), (), packs, ()), opts)["reports"][0])
            silent.extend(nothing_mentioned([outcome]))
            gists.append(_gist(outcome, waived_rules))
        _, warnings = apply_waivers(gists, waiver_list, known_rules=known_rules)
        warnings = silent + list(warnings)
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


def _indent(text: str, prefix: str) -> str:
    """``text`` with ``prefix`` before every line but the first (json.dumps nests that way).

    Safe on json.dumps output: a line break inside a JSON string is written as the escape ``\\n``.
    """
    return text.replace("\n", "\n" + prefix)


class _JsonReports:
    """The JSON document written as ``json.dumps(doc, ensure_ascii=False, indent=2) + "\\n"`` would
    write it, with the ``reports`` list filled one report at a time.

    Nothing is written before the first report, so a run that checks no report prints nothing;
    an ``--output`` file is put in place only when :meth:`finish` has completed it.
    """

    def __init__(self, output: Optional[Path], head: dict):
        self._target = AtomicOutput(output) if output is not None else None
        self._head = head
        self._fh = None
        self._count = 0
        self._done = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self._fh is None or self._target is None:
            return False
        if exc is None and self._done:
            self._target.commit()
        else:
            self._target.discard(exc)
        return False

    @staticmethod
    def _item(key: str, value) -> str:
        import json

        return f"  {json.dumps(key)}: " + _indent(json.dumps(value, ensure_ascii=False, indent=2), "  ")

    def _write(self, text: str) -> None:
        if self._fh is None:
            self._fh = self._target.open() if self._target is not None else sys.stdout
            keys = list(self._head)
            before = keys[:keys.index("reports")]
            self._fh.write("{\n" + "".join(self._item(k, self._head[k]) + ",\n" for k in before)
                           + '  "reports": [\n')
        self._fh.write(text)

    def add(self, report: dict) -> None:
        import json

        text = "    " + _indent(json.dumps(report, ensure_ascii=False, indent=2), "    ")
        self._write(text if self._count == 0 else ",\n" + text)
        self._count += 1

    def finish(self, doc: dict) -> None:
        """Close the list and write what follows it (errors, warnings); nothing if no report came."""
        if self._fh is None:
            return
        keys = list(doc)
        after = keys[keys.index("reports") + 1:]
        self._fh.write("\n  ]" + "".join(",\n" + self._item(k, doc[k]) for k in after) + "\n}\n")
        self._fh.flush()
        self._done = True


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
