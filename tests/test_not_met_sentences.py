"""Sentences that do not show their rule's target reached must never be read as 达标.

tests/data/not_met_sentences.tsv holds edited sentences found by probing every pack (national
and supervision) with general rewrites of met sentences: hedges, questions, plans and aims,
quoted rules, purposes, parts of the area, parts of the year, remainders and exceptions,
denials, county averages under an every-school standard, rates of other work. Each is written
alone into a 2023 summary and checked by the real CLI in one run; a false 达标 of any of them
fails, naming the sentence. (Which non-met verdict each gets is left to the pack examples.)
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "not_met_sentences.tsv"


def cases() -> list[tuple[str, str]]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rule, sentence = line.split("\t", 1)
            out.append((rule, sentence))
    return out


def test_no_sentence_of_the_list_is_read_as_met(tmp_path):
    rows = cases()
    assert len(rows) >= 200 and len({r for r, _ in rows}) >= 40
    for i, (_, sentence) in enumerate(rows):
        (tmp_path / f"s{i:04d}.txt").write_text(f"XX县教育局2023年工作总结\n一、主要工作\n{sentence}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", str(tmp_path), "--pack", str(ROOT / "policies" / "supervision"),
                           "--format", "json", "--no-config", "--exit-zero"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = {Path(r["path"]).name: {f["rule"]: f for f in r["findings"]} for r in json.loads(proc.stdout)["reports"]}
    wrong = []
    for i, (rule, sentence) in enumerate(rows):
        finding = found[f"s{i:04d}.txt"][rule]
        if finding["status"] == "met":
            wrong.append(f"{rule}: {sentence}\n    {finding.get('message', '')}")
    assert not wrong, f"{len(wrong)} of {len(rows)} read as met:\n" + "\n".join(wrong)
