"""The CLI end to end, through a subprocess: every seed, JSON contract, exit codes, errors."""
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=e, timeout=300)


@pytest.fixture(scope="module")
def all_json():
    proc = run("--format", "json", *SEEDS)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_json_for_every_seed_validates_against_the_schema(all_json):
    jsonschema.validate(all_json, SCHEMA)
    assert [Path(r["path"]).name for r in all_json["reports"]] == [p.name for p in SEEDS]
    for rep in all_json["reports"]:
        assert len(rep["findings"]) >= 33
        assert 0 <= rep["score"] <= 100


def test_evidence_is_original_text_on_its_original_line(all_json):
    for rep in all_json["reports"]:
        lines = Path(ROOT / rep["path"]).read_text(encoding="utf-8").split("\n")
        for f in rep["findings"]:
            for e in f["evidence"]:
                assert e["text"] in lines[e["line"] - 1]


def test_exit_code_follows_error_rules_in_force_not_met(all_json):
    # docs/scoring.md: the default gate fails an error rule in force that is not met
    for rep, path in zip(all_json["reports"], SEEDS):
        failing = any(f["status"] != "met" and f["severity"] == "error" and f["in_force"] for f in rep["findings"])
        assert run("--format", "json", path).returncode == (1 if failing else 0)
        lenient = any(f["status"] == "unmet" and f["severity"] == "error" and f["in_force"]
                      for f in rep["findings"])
        assert run("--format", "json", "--fail-on", "unmet", path).returncode == (1 if lenient else 0)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_terminal_report_renders_for_every_seed(seed):
    proc = run(seed, env={"NO_COLOR": "1"})
    assert proc.returncode in (0, 1), proc.stderr
    out = proc.stdout
    assert "得分" in out and "优先整改" in out and "\x1b[" not in out
    assert "校园安全" in out and "护学岗设置" in out


def test_terminal_report_in_english():
    proc = run(SEEDS[0], "--lang", "en")
    assert "Score" in proc.stdout and "Top gaps to fix" in proc.stdout and "得分" not in proc.stdout


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    proc = run(tmp_path / "nope.txt")
    assert proc.returncode == 2
    assert "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_invalid_pack_names_file_line_and_column(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack:\n  id: bad\n  version: '1.0'\nrules:\n  - id: x.y\n    titel: {zh: 错}\n", encoding="utf-8")
    proc = run(SEEDS[0], "--pack", pack)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{pack}:5:" in proc.stderr or f"{pack}:6:" in proc.stderr
    assert "^" in proc.stderr


def test_output_file_and_input_untouched(tmp_path):
    seed = tmp_path / "r.txt"
    seed.write_bytes(SEEDS[1].read_bytes())
    before = (seed.read_bytes(), seed.stat().st_mtime_ns)
    out = tmp_path / "out.json"
    proc = run(seed, "--format", "json", "--output", out)
    assert proc.returncode in (0, 1) and proc.stdout == ""
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), SCHEMA)
    assert (seed.read_bytes(), seed.stat().st_mtime_ns) == before


def test_output_file_is_readable_like_any_file_the_user_writes(tmp_path):
    out = tmp_path / "report.json"
    proc = run(SEEDS[0], "--format", "json", "--output", out)
    assert proc.returncode in (0, 1)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_report_that_mentions_nothing_is_warned_about(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("今天天气很好。\n", encoding="utf-8")
    proc = run(empty, "--format", "json")
    assert proc.returncode == 1           # it fails the default gate (docs/scoring.md)
    assert "empty.txt" in proc.stderr
    assert json.loads(proc.stdout)["warnings"][0].startswith(str(empty))
