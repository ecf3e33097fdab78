"""Shared by the CI-gate, output, batch, waiver and configuration tests (not a test module).

``reuse_parsed_packs`` keeps the real built-in packs and the real term matcher between CLI runs
of one test module: the packs are parsed (pure-Python YAML, about a second) and jieba's
dictionary is loaded only once, instead of once per ``CliRunner`` call. Nothing is faked — the
CLI gets exactly what ``load_packs``/``make_context`` return.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REPORT_SCHEMA = ROOT / "schemas" / "report.schema.json"
# The official SARIF 2.1.0 schema (OASIS), kept with the tests so SARIF is always validated.
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module", autouse=True)
def reuse_parsed_packs():
    import checker.evaluate as evaluate
    import checker.packs as packs

    real_load, real_context = packs.load_packs, evaluate.make_context
    loaded: dict = {}
    contexts: dict = {}

    def load_packs(extra=(), builtin=True):
        key = (tuple(str(e) for e in extra), builtin)
        if key not in loaded:
            loaded[key] = real_load(list(extra), builtin)
        return loaded[key]

    def make_context(rules, figures=None):
        key = (tuple(id(r) for r in rules), tuple(sorted((figures or {}).items())))
        if key not in contexts:
            contexts[key] = (rules, real_context(rules, figures))   # keep rules alive: ids stay unique
        return contexts[key][1]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(packs, "load_packs", load_packs)
        mp.setattr(evaluate, "make_context", make_context)
        yield


def run_cli(*args):
    """The real ``check`` command in-process; stdout and stderr kept apart."""
    from checker.cli.check import check_app

    return CliRunner().invoke(check_app, [str(a) for a in args], catch_exceptions=False)


def copy_seeds(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
        out.append(folder / seed.name)
    return out


def example_report(status: str, severity: str = "error", exclude: tuple = ()) -> tuple[str, str]:
    """(rule id, text) of a pack example with that verdict: a real one-sentence report.

    Taken from the built-in packs' own examples, so the tests follow the packs instead of
    hard-coding a verdict.
    """
    from checker.packs import all_rules, load_packs

    for rule in all_rules(load_packs()):
        if rule.severity != severity or rule.id in exclude:
            continue
        for ex in rule.examples:
            if ex.status == status and ex.context is None and ex.kind == "summary" and ex.year is None:
                return rule.id, ex.text
    raise AssertionError(f"no {severity} rule has a plain {status} example")
