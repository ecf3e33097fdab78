"""Run a pack's tests: each rule's examples, and the annotated sample reports of its test folder.

An example is a snippet with the status its rule must give; it goes through the real pipeline as a
tiny report (normalize → structure → the rule's check → decide). All examples of a run share one
term matcher built from the whole rule set, as a real ``check`` run does (pack words change how a
sentence is cut into words), and jieba's dictionary is loaded once instead of once per example.

A pack ``NAME.yaml`` may have a test folder ``NAME-tests/`` beside it with sample reports (.txt or
.md). Annotation lines in a sample say what to expect and are blanked before the check, so line
numbers stay those of the file::

    # kind: plan                      (optional: summary, plan or mixed; else detected)
    # year: 2020                      (optional: the report year; else detected)
    # expect: class-size.large = met  (one line per rule to check; 预期：… also works)

In a .txt sample every line starting with ``#`` is a comment; in a .md sample only the annotation
lines are (``#`` starts a heading there). An ``expect`` line written directly above a line of text
(other comment lines between them are fine) also requires that line to be among the finding's
evidence (for met, unmet, planned and unverified), as Semgrep's ``ruleid:`` comments do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional

from .. import regexcache
from ..kinds.common import Context
from ..evaluate import evaluate_rule, make_context
from ..model import STATUSES, Example, Pack, Rule, SourceText
from ..reading.normalize import normalize
from ..reading.structure import structure

SAMPLE_SUFFIXES = (".txt", ".md")
MAX_SAMPLES = 200


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    index: int
    example: Example
    actual: str
    message: str
    where: str = ""           # file:line of the example in its pack, when known

    @property
    def passed(self) -> bool:
        return self.actual == self.example.status


def run_example(rule: Rule, index: int, ex: Example, ctx: Optional[Context] = None, where: str = "") -> ExampleResult:
    """One example through the pipeline; ``ctx`` supplies the matcher (built from ``[rule]`` if None)."""
    src = SourceText(path=f"<{rule.id} example {index + 1}>", text=ex.text, encoding="utf-8")
    doc = structure(normalize(src), kind=ex.kind, year=ex.year)
    base = ctx or make_context([rule])
    finding = evaluate_rule(rule, doc, Context(matcher=base.matcher, figures=dict(ex.context or {})))
    return ExampleResult(rule.id, index, ex, finding.status, finding.message_zh, where)


@dataclass(frozen=True)
class Case:
    """One example to run: against the rule in force, with where it is written."""

    rule: Rule
    index: int
    example: Example
    where: str


def pack_cases(pack: Pack, rules_in_force: dict[str, Rule]) -> list[Case]:
    """The examples a pack is responsible for: its own rules' and its overrides' (new ones only).

    An override's examples run against the rule as overridden; a rule the pack adds runs its own
    examples as the pack leaves it.
    """
    from . import example_from, own_rules_of, raw_index

    src = getattr(pack, "source", None)
    cases: list[Case] = []
    for rule in own_rules_of(pack):
        rule_now = rules_in_force.get(rule.id)
        if rule_now is None:          # disabled by the pack that is tested (cannot happen) or a child
            continue
        idx = raw_index(pack, "rules", rule.id)
        for j, ex in enumerate(rule.examples):
            cases.append(Case(rule_now, j, ex, _where(src, ["rules", idx, "examples", j], pack.path)))
    for i, raw in enumerate(getattr(pack, "overrides", ())):
        rule_now = rules_in_force.get(raw["id"])
        if rule_now is None:
            continue
        for j, ex in enumerate(raw.get("examples", [])):
            cases.append(Case(rule_now, j, example_from(ex), _where(src, ["overrides", i, "examples", j], pack.path)))
    return cases


def _where(src, keys: list, path: str) -> str:
    if src is None or keys[1] is None:
        return path
    line = src.line_of(keys)
    return f"{path}:{line}" if line else path


def run_cases(cases: Iterable[Case], context_rules: list[Rule], ctx: Optional[Context] = None) -> list[ExampleResult]:
    ctx = ctx or make_context(list(context_rules))
    return [run_example(c.rule, c.index, c.example, ctx, c.where) for c in cases]


# ---------------------------------------------------------------- annotated sample reports
_DIRECTIVE = regexcache.compile(r"^\s*#\s*(expect|预期|kind|类型|year|年份)\s*[:：]\s*(.*?)\s*$", re.I)
_EXPECT = regexcache.compile(r"^([a-z0-9][a-z0-9.-]*[a-z0-9])\s*[=＝]\s*([a-z]+)$")
_KINDS = ("summary", "plan", "mixed")


@dataclass(frozen=True)
class Expectation:
    rule: str
    status: str
    line: int                       # the annotation's own line
    target_line: Optional[int]      # the line of text right below it, if any


@dataclass(frozen=True)
class SampleResult:
    path: str
    expectation: Expectation
    actual: Optional[str]
    message: str
    problem: str = ""               # why it failed, besides a wrong status

    @property
    def passed(self) -> bool:
        return not self.problem and self.actual == self.expectation.status


@dataclass(frozen=True)
class Sample:
    path: str
    text: str                       # annotations blanked
    kind: Optional[str]
    year: Optional[int]
    expectations: tuple[Expectation, ...]
    errors: tuple[str, ...]         # annotation lines that could not be read


def tests_folder(pack_path: str) -> Path:
    p = Path(pack_path)
    return p.with_name(p.stem + "-tests")


def parse_sample(path: str, text: str) -> Sample:
    """Read the annotations; in a .txt sample every line starting with # is a comment."""
    lines = text.split("\n")
    kind = year = None
    expectations, errors = [], []
    annotated = set()
    plain = not path.endswith(".md")          # in Markdown, # starts a heading
    for n, line in enumerate(lines, 1):
        m = _DIRECTIVE.match(line)
        if not m:
            if plain and line.lstrip().startswith("#"):
                annotated.add(n)
            continue
        annotated.add(n)
        key, value = m.group(1).lower(), m.group(2)
        if key in ("kind", "类型"):
            if value in _KINDS:
                kind = value
            else:
                errors.append(f"{path}:{n}: kind must be one of {', '.join(_KINDS)}, not {value!r}")
        elif key in ("year", "年份"):
            if value.isdigit() and 1949 <= int(value) <= 2100:
                year = int(value)
            else:
                errors.append(f"{path}:{n}: year must be a year such as 2020, not {value!r}")
        else:
            e = _EXPECT.match(value)
            if not e or e.group(2) not in STATUSES:
                errors.append(f"{path}:{n}: write `# expect: RULE_ID = STATUS` with STATUS one of "
                              f"{', '.join(STATUSES)}, not {value!r}")
                continue
            expectations.append((e.group(1), e.group(2), n))
    out = []
    for rule, status, n in expectations:
        # A block of annotations directly above a line of text binds to that line; one followed by
        # a blank line (e.g. a header block) is about the whole sample.
        below = n + 1
        while below in annotated:
            below += 1
        target = below if below <= len(lines) and lines[below - 1].strip() else None
        out.append(Expectation(rule, status, n, target))
    clean = "\n".join("" if i in annotated else line for i, line in enumerate(lines, 1))
    return Sample(path, clean, kind, year, tuple(out), tuple(errors))


def sample_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix in SAMPLE_SUFFIXES)
    return files[:MAX_SAMPLES]


def run_sample(path: Path, rules: list[Rule], ctx: Context) -> tuple[list[SampleResult], list[str]]:
    """(results of the sample's expectations, errors in its annotations)."""
    from ..reading.load import load
    from ..pipeline import analyse

    src = load(str(path))
    sample = parse_sample(str(path), src.text)
    if not sample.expectations and not sample.errors:
        return [], [f"{path}: no `# expect: RULE_ID = STATUS` line, so it tests nothing"]
    by_id = {r.id: r for r in rules}
    wanted = [by_id[e.rule] for e in sample.expectations if e.rule in by_id]
    result = analyse(replace(src, text=sample.text), wanted, ctx, kind=sample.kind, year=sample.year)
    findings = {f.rule: f for f in result.findings}
    out = []
    for e in sample.expectations:
        f = findings.get(e.rule)
        if f is None:
            out.append(SampleResult(str(path), e, None, "", f"unknown rule id {e.rule!r} (not in the loaded packs)"))
            continue
        problem = ""
        lines = [ev.line for ev in f.evidence]
        if (e.target_line and f.status == e.status and e.status in ("met", "unmet", "planned", "unverified")
                and e.target_line not in lines):
            problem = (f"decided on line(s) {', '.join(map(str, lines)) or '-'}, "
                       f"not on line {e.target_line} below the annotation")
        out.append(SampleResult(str(path), e, f.status, f.message_zh, problem))
    return out, list(sample.errors)


def run_samples(folder: Path, rules: list[Rule], ctx: Optional[Context] = None
                ) -> tuple[list[SampleResult], list[str]]:
    """Every sample report in ``folder`` checked against ``rules``: (results, annotation errors)."""
    ctx = ctx or make_context(list(rules))
    results, errors = [], []
    for f in sample_files(folder):
        r, e = run_sample(f, rules, ctx)
        results += r
        errors += e
    return results, errors
