"""docs/rules.md is generated from the packs and must be what regenerating it gives."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "gen_rules_doc.py"
DOC = ROOT / "docs" / "rules.md"


def test_the_committed_rule_reference_is_what_the_packs_give():
    # --check compares without writing, so the committed file is never touched by the test.
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.stderr or proc.stdout) + "\nrun: python scripts/gen_rules_doc.py"


def test_the_reference_lists_every_builtin_rule_with_its_target_and_examples():
    from checker.packs import all_rules, load_packs

    text = DOC.read_text(encoding="utf-8")
    for rule in all_rules(load_packs()):
        assert f"### `{rule.id}` — {rule.title_zh}" in text
        for ex in rule.examples:
            assert ex.text.replace("|", "\\|") in text
    assert "`province.shandong`" in text and "| `preschool.gross-enrolment` | threshold |" in text


def test_check_fails_when_the_file_is_out_of_date(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_rules_doc", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    stale = tmp_path / "rules.md"
    stale.write_text(DOC.read_text(encoding="utf-8").replace("≥90%", "≥91%"), encoding="utf-8")
    monkeypatch.setattr(mod, "OUT", stale)
    assert mod.main(["--check"]) == 1
    assert mod.main([]) == 0 and mod.main(["--check"]) == 0       # regenerating fixes it
    assert stale.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
