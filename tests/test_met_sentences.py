"""Genuine results must stay 达标: the counterpart of test_not_met_sentences.

tests/data/met_sentences.tsv holds sentences that state a county's 2023 result the way real reports
write it, found by probing the general readings that make a sentence not met (dates, hearsay, plans,
progress words, groups and stages, spaces from PDF text): each reading must leave these alone. Each
sentence is written into a 2023 summary and checked by the real CLI in one run.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "met_sentences.tsv"


def cases() -> list[tuple[str, str]]:
    return [tuple(line.split("\t", 1)) for line in DATA.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_every_sentence_of_the_list_is_read_as_met(tmp_path):
    rows = cases()
    assert len(rows) >= 80 and len({r for r, _ in rows}) >= 20
    for i, (_, sentence) in enumerate(rows):
        (tmp_path / f"s{i:04d}.txt").write_text(f"XX县教育局2023年工作总结\n一、主要工作\n{sentence}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", str(tmp_path), "--pack", str(ROOT / "policies" / "supervision"),
                           "--format", "json", "--no-config", "--exit-zero"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = {Path(r["path"]).name: {f["rule"]: f for f in r["findings"]} for r in json.loads(proc.stdout)["reports"]}
    wrong = [f"{rule}: {sentence}\n    {found[f's{i:04d}.txt'][rule].get('message', '')}"
             for i, (rule, sentence) in enumerate(rows) if found[f"s{i:04d}.txt"][rule]["status"] != "met"]
    assert not wrong, f"{len(wrong)} of {len(rows)} not read as met:\n" + "\n".join(wrong)
