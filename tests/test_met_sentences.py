"""Genuine results must stay 达标: the counterpart of test_not_met_sentences.

tests/data/met_sentences.tsv holds sentences that state a county's 2023 result the way real reports
write it, found by probing the general readings that make a sentence not met (dates, hearsay, plans,
progress words, groups and stages, spaces from PDF text): each reading must leave these alone. Each
sentence is written into a 2023 summary and checked by the real CLI in one run.
"""
from __future__ import annotations

from pathlib import Path

from sentence_support import findings_of, sentence_cases

DATA = Path(__file__).resolve().parent / "data" / "met_sentences.tsv"


def test_every_sentence_of_the_list_is_read_as_met(tmp_path):
    rows = sentence_cases(DATA)
    assert len(rows) >= 80 and len({r for r, _ in rows}) >= 20
    wrong = [f"{rule}: {sentence}\n    {finding.get('message', '')}"
             for (rule, sentence), finding in zip(rows, findings_of(rows, tmp_path)) if finding["status"] != "met"]
    assert not wrong, f"{len(wrong)} of {len(rows)} not read as met:\n" + "\n".join(wrong)
