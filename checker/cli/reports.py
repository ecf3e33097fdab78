"""Sub-commands that compare two reports: ``follow-through PLAN SUMMARY`` and ``diff OLD NEW``.

* ``govedu-check follow-through PLAN SUMMARY`` — did the summary deliver what the plan promised?
  (see :mod:`checker.compare.followthrough`); terminal, JSON or HTML output.
* ``govedu-check diff OLD NEW`` — two drafts of one report: which verdicts changed (rule, old →
  new status, the evidence on each side) and how the score moved; terminal or JSON output.

Both read any input ``check`` reads (.txt/.md/.docx/.html/.pdf, ``-`` for standard input), take
packs, language and context from the command line or the configuration file like ``check``,
and end every user error in one line on stderr with exit code 2. Both exit 0 otherwise: they
inform, they do not gate.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..render.text import render_rich
from .check import Lang
from .exitcodes import OK
from .output import fail, refuse_input_as_output, write_output

follow_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                         help="Check whether a summary delivered the commitments of a plan.")
diff_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                       help="Compare the verdicts of two drafts of one report.")


class FollowFmt(str, Enum):
    terminal = "terminal"
    json = "json"
    html = "html"


class DiffFmt(str, Enum):
    terminal = "terminal"
    json = "json"


# ================================================================ shared set-up
def _settings(config: Optional[Path], no_config: bool, pack: List[Path], lang: Optional[Lang],
              context: Optional[Path]) -> tuple[list, str, dict, list]:
    """(packs, language, context figures, configured waivers) as ``check`` would resolve them."""
    from ..packs import PackError, load_packs
    from ..run.config import ConfigError, load_config
    from ..run.settings import load_context

    try:
        cfg = load_config(config, isolated=no_config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    values = cfg.values
    packs_given = [str(p) for p in pack] or [str(p) for p in values.get("pack", ())]
    try:
        packs = load_packs(packs_given)
    except PackError as exc:
        raise fail(str(exc)) from None
    lang_value = lang.value if lang else values.get("lang", "zh")
    context_path = context or (Path(values["context"]) if values.get("context") else None)
    try:
        figures = load_context(context_path)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    if not isinstance(figures, dict):   # a CSV/XLSX table gives figures per report of a batch
        raise fail(f"{context_path}: 表格形式的 --context 只用于批量检查；这里请用 YAML / "
                   "a CSV/XLSX --context is for checking a batch; use a YAML file here")
    return packs, lang_value, figures, values.get("waivers")


def _read(path: Path):
    """Load one input (a file or ``-``), or fail with its one-line message."""
    from ..reading.load import InputFileError, load

    try:
        return load(str(path))
    except InputFileError as exc:
        raise fail(str(exc)) from None


def _check_not_both_stdin(a: Path, b: Path) -> None:
    if str(a) == "-" and str(b) == "-":
        raise fail("only one of the two inputs can be '-' (standard input); give the other as a file")


# ================================================================ follow-through
@follow_app.command()
def follow_through(
    plan: Path = typer.Argument(..., help="The plan (工作要点/计划), or a report with a plan part; '-' reads stdin."),
    summary: Path = typer.Argument(..., help="The summary (工作总结) of the year the plan was for."),
    fmt: FollowFmt = typer.Option(FollowFmt.terminal, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder (its terms help match subjects)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the output: zh or en [default: zh]."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Read options from this file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """List the plan's commitments and whether the summary shows each delivered, partly, or not at all."""
    from ..compare.followthrough import Keywords, as_dict
    from ..compare.followthrough import follow_through as run_follow_through
    from ..reading.normalize import normalize
    from ..reading.structure import structure

    _check_not_both_stdin(plan, summary)
    refuse_input_as_output([output], [str(plan), str(summary)])
    packs, lang_value, _, _ = _settings(config, no_config, pack, lang, None)
    plan_src, summary_src = _read(plan), _read(summary)
    keywords = Keywords(t for p in packs for r in p.rules for t in r.terms)
    result = run_follow_through(structure(normalize(plan_src)), structure(normalize(summary_src)), keywords,
                                plan_src.line_label, summary_src.line_label)
    for w in result.warnings:
        typer.echo(f"govedu-check: warning: {w}", err=True)
    if fmt == FollowFmt.json:
        import json

        text = json.dumps(as_dict(result, lang_value), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    elif fmt == FollowFmt.html:
        from ..render.html import render_follow_through

        text = render_follow_through(result, lang_value)
    else:
        from ..render.followthrough import follow_terminal

        text = render_rich(lambda console: follow_terminal(console, result, lang_value), output is None)
    write_output(text, output)
    raise typer.Exit(OK)


# ================================================================ diff
@diff_app.command()
def diff(
    old: Path = typer.Argument(..., help="The earlier draft; '-' reads standard input."),
    new: Path = typer.Argument(..., help="The later draft."),
    fmt: DiffFmt = typer.Option(DiffFmt.terminal, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file."),
    pack: List[Path] = typer.Option([], "--pack", help="Add a pack file or folder (repeatable)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the output: zh or en [default: zh]."),
    context: Optional[Path] = typer.Option(None, "--context", help="YAML of the bureau's own figures."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Read options from this file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """Show which verdicts changed between two drafts and how the score moved."""
    from ..compare.diff import compare
    from ..evaluate import make_context
    from ..packs import all_rules
    from ..pipeline import analyse

    _check_not_both_stdin(old, new)
    refuse_input_as_output([output], [str(old), str(new)])
    packs, lang_value, figures, _ = _settings(config, no_config, pack, lang, context)
    rules = all_rules(packs)
    ctx = make_context(rules, figures)
    old_src, new_src = _read(old), _read(new)
    result = compare(analyse(old_src, rules, ctx), analyse(new_src, rules, ctx))
    if fmt == DiffFmt.json:
        import json

        from ..render.diff import diff_dict

        text = json.dumps(diff_dict(result, lang_value), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    else:
        from ..packs import category_titles

        categories = category_titles(packs)
        from ..render.diff import diff_terminal

        text = render_rich(lambda console: diff_terminal(console, result, lang_value, categories), output is None)
    write_output(text, output)
    raise typer.Exit(OK)
