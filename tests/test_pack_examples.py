"""Every example of every shipped pack, through the same code as ``govedu-check packs test``.

One test per rule (``pack/rule-id``), plus one per pack for the sample reports of its test folder.
The examples come from the packs themselves, so the tests follow the packs: a failure prints the
example's place in its file, its text, the expected and the actual status, and the checker's
message, which is what a pack author needs to fix either the example or the rule.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

from checker.cli.packs import pack_test_results
from checker.packs import available_files, gather_files, load_all
from checker.packs.testing import tests_folder as folder_of_tests   # not collected as a test


@lru_cache(maxsize=1)
def shipped():
    """Built-in packs plus the shipped provincial ones, resolved together as ``packs test`` does."""
    packs, problems = load_all(gather_files(available_files()))
    assert not problems, "\n\n".join(p.render() for p in problems)
    return packs


@lru_cache(maxsize=None)
def results_of(pack_id: str):
    packs = shipped()
    pack = next(p for p in packs if p.id == pack_id)
    return pack_test_results(pack, packs)


def _cases():
    out = []
    for p in shipped():
        ids = [r.id for r in getattr(p, "own_rules", p.rules)] + [o["id"] for o in getattr(p, "overrides", ())]
        out += [pytest.param(p.id, rid, id=f"{p.id}/{rid}") for rid in dict.fromkeys(ids)]
    return out


@pytest.mark.parametrize("pack_id,rule_id", _cases())
def test_every_example_of_the_rule_gets_its_status(pack_id, rule_id):
    examples, _, _ = results_of(pack_id)
    mine = [r for r in examples if r.rule == rule_id]
    assert mine, f"{pack_id}/{rule_id} has no examples to run"
    failures = [f"{r.where}: example {r.index + 1}: expected {r.example.status}, got {r.actual}\n"
                f"    text: {r.example.text}\n    why:  {r.message}" for r in mine if not r.passed]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("pack_id", [p.id for p in shipped() if folder_of_tests(p.path).is_dir()])
def test_sample_reports_of_the_pack_get_their_annotated_status(pack_id):
    _, samples, errors = results_of(pack_id)
    assert not errors, "\n".join(errors)
    assert samples, f"{pack_id}: its test folder holds no annotated sample report"
    failures = [f"{s.path}:{s.expectation.line}: {s.expectation.rule}: expected {s.expectation.status}, "
                f"got {s.actual} {s.problem}\n    why: {s.message}" for s in samples if not s.passed]
    assert not failures, "\n".join(failures)


def test_the_shipped_provincial_pack_has_a_sample_folder_that_runs():
    # Guards the sample runner itself: a folder that silently ran nothing would pass the test above.
    _, samples, _ = results_of("province.shandong")
    assert len(samples) >= 6
    assert {s.actual for s in samples} >= {"met", "unmet"}
