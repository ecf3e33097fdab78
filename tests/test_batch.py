"""Many reports at once: folder expansion, a bad file among good ones, --jobs, the progress bar."""
from __future__ import annotations

import io
import json
import re

import pytest

import checker.run.batch as batch
from checker.run.batch import PROGRESS_MIN_REPORTS, check_all, expand_paths, make_progress, run_batch
from checker.cli.exitcodes import USAGE_ERROR
from checker.model import InputError, ReportResult
from cli_support import copy_seeds, example_report, reuse_parsed_packs, run_cli  # noqa: F401


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def rules_and_figures():
    from checker.packs import all_rules, load_packs

    return all_rules(load_packs()), {}


def broken_file(folder):
    p = folder / "broken.txt"
    p.write_bytes(bytes(range(256)) * 8)   # binary, NUL bytes included
    return p


# ---------------------------------------------------------------- expansion
def test_folders_expand_recursively_in_a_stable_order(tmp_path):
    root = tmp_path / "in"
    for rel in ("b.txt", "a/z.md", "a/y.TXT", "a-b.txt", "c.docx", "d.html", "e.htm", "f.pdf",
                "notes.yaml", "img.png", ".hidden.txt", ".git/x.txt", "sub/.cache/y.md"):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    files, errors = expand_paths([str(root)])
    rel = [str(p)[len(str(root)) + 1:].replace("\\", "/") for p in files]
    assert rel == ["a/y.TXT", "a/z.md", "a-b.txt", "b.txt", "c.docx", "d.html", "e.htm", "f.pdf"]
    assert errors == []


def test_stdin_and_files_pass_through_untouched_and_duplicates_drop(tmp_path):
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    given = ["-", str(tmp_path / "missing.txt"), str(tmp_path / "r.txt"), str(tmp_path)]
    files, errors = expand_paths(given)
    assert files == ["-", str(tmp_path / "missing.txt"), str(tmp_path / "r.txt")]
    assert errors == []


def test_a_folder_without_reports_is_an_error_naming_it(tmp_path):
    (tmp_path / "empty").mkdir()
    files, errors = expand_paths([str(tmp_path / "empty")])
    assert files == [] and len(errors) == 1 and str(tmp_path / "empty") in errors[0].message


# ---------------------------------------------------------------- the done-when case
def test_folder_of_five_seeds_and_a_broken_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seeds = copy_seeds(tmp_path / "county")
    broken_file(tmp_path / "county")
    result = run_cli("county", "--jobs", "1", "--lang", "en", "--exit-zero")
    # The five others are checked and written; the broken file fails the run (exit 2, issue 15).
    assert result.exit_code == USAGE_ERROR
    # One error line naming the broken file, then the line that says the run fails.
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 2 and "county/broken.txt" in error_lines[0]
    assert "1 input(s) could not be checked" in error_lines[1]
    out = result.stdout
    assert out.count("Report: ") == 5
    # The summary table: one row per report, sorted by score, then the per-rule table.
    assert "Reports by score (lowest first)" in out and "Reports that miss each rule" in out
    rows = re.findall(r"│\s*(\d+) │ (county/\S+)\s*│[^│]*│[^│]*│\s*([\d.]+) │", out)
    assert [int(n) for n, _, _ in rows] == [1, 2, 3, 4, 5]
    assert sorted(p for _, p, _ in rows) == sorted(f"county/{s.name}" for s in seeds)
    scores = [float(s) for _, _, s in rows]
    assert scores == sorted(scores)
    assert "Files that could not be checked" in out and "broken.txt" in out


def test_the_same_output_whatever_the_number_of_jobs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_seeds(tmp_path / "county")
    broken_file(tmp_path / "county")
    one = run_cli("county", "--jobs", "1", "--format", "json", "--exit-zero")
    two = run_cli("county", "--jobs", "2", "--format", "json", "--exit-zero")
    assert one.exit_code == two.exit_code == USAGE_ERROR   # the broken file fails the run
    assert one.stdout == two.stdout
    doc = json.loads(two.stdout)
    assert len(doc["reports"]) == 5 and [e["path"] for e in doc["errors"]] == ["county/broken.txt"]
    assert [r["path"] for r in doc["reports"]] == sorted(r["path"] for r in doc["reports"])


def test_exit_2_when_no_file_in_the_folder_can_be_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad").mkdir()
    broken_file(tmp_path / "bad")
    (tmp_path / "bad" / "also.md").write_bytes(b"\x00\x01\x02" * 50)
    result = run_cli("bad", "--jobs", "1")
    assert result.exit_code == USAGE_ERROR
    assert "bad/also.md" in result.stderr and "bad/broken.txt" in result.stderr


# ---------------------------------------------------------------- in-process vs pool
def test_single_report_never_starts_a_pool(tmp_path, monkeypatch):
    _, text = example_report("met")
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")

    def no_pool(*a, **k):
        raise AssertionError("a process pool was started for one report")

    monkeypatch.setattr(batch, "_process_pool", no_pool)
    rules, figures = rules_and_figures()
    [outcome] = check_all([str(tmp_path / "one.txt")], rules, figures, jobs=8)
    assert isinstance(outcome, ReportResult)


def _write_reports(folder, texts) -> list[str]:
    """r0.txt, r1.txt, … holding ``texts``; None is a file of NUL bytes, which cannot be read."""
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"r{i}.txt"
        if text is None:
            p.write_bytes(b"\x00" * 64)
        else:
            p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def test_pool_keeps_input_order_and_reports_a_bad_file(tmp_path):
    _, met = example_report("met")
    _, unmet = example_report("unmet")
    paths = _write_reports(tmp_path, [met, unmet, None, met])
    rules, figures = rules_and_figures()
    outcomes = check_all(paths, rules, figures, jobs=2)
    assert [o.path for o in outcomes] == paths
    assert [type(o) for o in outcomes] == [ReportResult, ReportResult, InputError, ReportResult]
    assert outcomes[0].findings == outcomes[3].findings   # same text, same verdicts, any worker


def test_prepare_runs_where_the_report_is_checked_and_gives_what_the_parent_would(tmp_path):
    from functools import partial

    from checker.run import streamed

    _, met = example_report("met")
    _, unmet = example_report("unmet")
    paths = _write_reports(tmp_path, [met, None, unmet, met, unmet])
    rules, figures = rules_and_figures()
    prepare = partial(streamed.prepare, lang="en", waived_rules=frozenset())
    here = [prepare(o) if isinstance(o, ReportResult) else o for o in check_all(paths, rules, figures, jobs=1)]
    pooled = list(batch.iter_outcomes(paths, rules, figures, 2, prepare=prepare))
    assert [type(o) for o in pooled] == [streamed.Streamed, InputError, streamed.Streamed, streamed.Streamed,
                                         streamed.Streamed]
    assert pooled == here


# ---------------------------------------------------------------- progress
def test_no_progress_bar_off_a_terminal_or_for_a_few_reports():
    assert make_progress(100, io.StringIO()) is None
    assert make_progress(PROGRESS_MIN_REPORTS - 1, FakeTerminal()) is None
    assert make_progress(PROGRESS_MIN_REPORTS, FakeTerminal()) is not None


def test_progress_bar_goes_to_the_terminal_stream_with_errors_above_it(tmp_path, capsys):
    _, text = example_report("met")
    for i in range(PROGRESS_MIN_REPORTS):
        (tmp_path / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    broken_file(tmp_path)
    stream = FakeTerminal()
    told = []
    rules, figures = rules_and_figures()
    reports, errors = run_batch([str(tmp_path)], rules, figures, jobs=1, on_error=told.append, stream=stream)
    assert len(reports) == PROGRESS_MIN_REPORTS and [e.path for e in errors] == [str(tmp_path / "broken.txt")]
    drawn = stream.getvalue()
    assert f"{PROGRESS_MIN_REPORTS + 1}/{PROGRESS_MIN_REPORTS + 1}" in drawn
    assert "broken.txt" in drawn and told == []      # printed above the bar instead
    assert capsys.readouterr().out == ""


def test_a_worker_that_dies_is_reported_not_raised(tmp_path, monkeypatch):
    import multiprocessing
    import os

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the dying worker is injected through fork inheritance")
    _, text = example_report("met")
    paths = []
    for name in ("a.txt", "die.txt", "c.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    real = batch.check_one

    def dying(path, rules, ctx, waivers=()):
        if path.endswith("die.txt"):
            os._exit(3)   # as if killed by the out-of-memory killer
        return real(path, rules, ctx, waivers)

    monkeypatch.setattr(batch, "check_one", dying)
    rules, figures = rules_and_figures()
    outcomes = check_all(paths, rules, figures, jobs=2)
    assert [o.path for o in outcomes] == paths
    assert isinstance(outcomes[1], InputError) and "worker process died" in outcomes[1].message
