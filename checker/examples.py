"""Run a rule's own examples: each snippet goes through the real pipeline as a tiny report."""
from __future__ import annotations

from dataclasses import dataclass

from .evaluate import evaluate_rule, make_context
from .model import Example, Rule, SourceText
from .normalize import normalize
from .structure import structure


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    index: int
    example: Example
    actual: str
    message: str

    @property
    def passed(self) -> bool:
        return self.actual == self.example.status


def run_example(rule: Rule, index: int, ex: Example) -> ExampleResult:
    src = SourceText(path=f"<{rule.id} example {index + 1}>", text=ex.text, encoding="utf-8")
    doc = structure(normalize(src), kind=ex.kind, year=ex.year)
    finding = evaluate_rule(rule, doc, make_context([rule], ex.context))
    return ExampleResult(rule.id, index, ex, finding.status, finding.message_zh)


def run_examples(rules: list[Rule]) -> list[ExampleResult]:
    return [run_example(r, i, ex) for r in rules for i, ex in enumerate(r.examples)]
