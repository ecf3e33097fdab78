"""Checking lists of one-sentence reports (tests/data/*_sentences.tsv) with one real CLI run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sentence_cases(path: Path) -> list[tuple[str, str]]:
    """(rule, sentence) rows of a TSV list; lines starting with # are comments."""
    return [tuple(line.split("\t", 1)) for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def findings_of(rows: list[tuple[str, str]], folder: Path) -> list[dict]:
    """Each sentence alone in a 2023 summary, all checked (national and supervision packs) by one run
    of the real CLI: the finding of each row's rule, in the order of ``rows``."""
    for i, (_, sentence) in enumerate(rows):
        (folder / f"s{i:04d}.txt").write_text(f"XX县教育局2023年工作总结\n一、主要工作\n{sentence}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", str(folder), "--pack", str(ROOT / "policies" / "supervision"),
                           "--format", "json", "--no-config", "--exit-zero"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = {Path(r["path"]).name: {f["rule"]: f for f in r["findings"]} for r in json.loads(proc.stdout)["reports"]}
    return [found[f"s{i:04d}.txt"][rule] for i, (rule, _) in enumerate(rows)]
