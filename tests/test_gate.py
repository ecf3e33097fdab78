"""The CI gate's exit codes: --fail-under, --fail-on, --exit-zero, and exit 2 for usage errors.

Reports are one-sentence files made from the built-in packs' own examples, so the expected
verdicts come from the packs (and are checked through the JSON output before relying on them).
"""
from __future__ import annotations

import json

import pytest

from checker.cli.exitcodes import GATE_FAILED, OK, USAGE_ERROR
from cli_support import example_report, reuse_parsed_packs, run_cli  # noqa: F401


@pytest.fixture(autouse=True)
def isolated_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # no configuration file is found from here


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text + "\n", encoding="utf-8")
    return p


def json_of(path, *extra):
    result = run_cli(path, "--format", "json", "--exit-zero", *extra)
    assert result.exit_code == OK, result.stderr
    return json.loads(result.stdout)["reports"][0]


def error_findings(report, status):
    return [f for f in report["findings"] if f["severity"] == "error" and f["status"] == status]


@pytest.fixture
def unmet_report(tmp_path):
    rule, text = example_report("unmet")
    path = write(tmp_path, "unmet.txt", text)
    report = json_of(path)
    assert rule in [f["rule"] for f in error_findings(report, "unmet")]
    return path, report


@pytest.fixture
def met_report(tmp_path):
    rule, text = example_report("met")
    path = write(tmp_path, "met.txt", text)
    report = json_of(path)
    assert rule in [f["rule"] for f in report["findings"] if f["status"] == "met"]
    assert not error_findings(report, "unmet")
    assert error_findings(report, "missing")   # the other rules are simply not mentioned
    return path, report


def test_exit_codes_are_the_documented_constants():
    assert (OK, GATE_FAILED, USAGE_ERROR) == (0, 1, 2)
    help_text = run_cli("--help").stdout
    assert "Exit codes" in help_text and "--fail-under" in help_text and "--exit-zero" in help_text


def test_default_gate_fails_on_an_unmet_error_rule(unmet_report):
    path, _ = unmet_report
    result = run_cli(path)
    assert result.exit_code == GATE_FAILED
    assert "未通过门禁" in result.stderr


def test_default_gate_fails_when_an_error_rule_in_force_is_missing(met_report):
    # docs/scoring.md: an error rule in force that is not reported counts as 未报告, so leaving a
    # shortfall out can never pass where stating it fails
    path, _ = met_report
    result = run_cli(path)
    assert result.exit_code == GATE_FAILED
    assert "未提及" in result.stderr      # Chinese first: missing
    assert run_cli(path, "--fail-on", "unmet").exit_code == OK     # the old, lenient gate on request


def test_exit_zero_overrides_a_failed_gate(unmet_report):
    path, _ = unmet_report
    result = run_cli(path, "--exit-zero", "--fail-under", "100")
    assert result.exit_code == OK
    assert "gate failed" not in result.stderr


@pytest.mark.parametrize("fail_on, expected", [
    ("missing", GATE_FAILED),            # the not-mentioned error rules now fail it
    ("unmet,missing", GATE_FAILED),
    ("planned", OK),
    ("none", OK),
])
def test_fail_on_statuses(met_report, fail_on, expected):
    path, report = met_report
    if fail_on == "planned":
        assert not error_findings(report, "planned")
    assert run_cli(path, "--fail-on", fail_on).exit_code == expected


def test_fail_on_none_lets_unmet_pass_and_is_repeatable(unmet_report):
    path, _ = unmet_report
    assert run_cli(path, "--fail-on", "none").exit_code == OK
    assert run_cli(path, "--fail-on", "planned", "--fail-on", "unmet").exit_code == GATE_FAILED


def test_fail_under_compares_with_the_report_score(met_report):
    path, report = met_report
    score = report["score"]
    assert run_cli(path, "--fail-on", "none", "--fail-under", score).exit_code == OK           # not below
    result = run_cli(path, "--fail-on", "none", "--fail-under", round(score + 0.1, 1))
    assert result.exit_code == GATE_FAILED
    assert "--fail-under" in result.stderr and "met.txt" in result.stderr


def test_fail_under_applies_to_any_report(tmp_path, met_report, unmet_report):
    (met, met_json), (unmet, unmet_json) = met_report, unmet_report
    low, high = sorted([met_json["score"], unmet_json["score"]])
    assert low < high
    middle = round((low + high) / 2, 1)
    assert run_cli(met, unmet, "--fail-on", "none", "--fail-under", middle, "-j", "1").exit_code == GATE_FAILED
    assert run_cli(met, unmet, "--fail-on", "none", "--fail-under", low, "-j", "1").exit_code == OK


@pytest.mark.parametrize("args, needle", [
    (["--fail-on", "bogus"], "--fail-on"),
    (["--fail-on", "met"], "--fail-on"),
    (["--fail-under", "101"], "fail-under"),
    (["--jobs", "0"], "jobs"),
    (["--format", "pdf"], "format"),
    (["--config", "nowhere.yaml"], "nowhere.yaml"),
])
def test_usage_errors_exit_2(met_report, args, needle):
    path, _ = met_report
    result = run_cli(path, *args)
    assert result.exit_code == USAGE_ERROR
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_cannot_be_checked_fails_the_run_with_exit_2(tmp_path, met_report):
    path, _ = met_report
    broken = tmp_path / "broken.txt"
    broken.write_bytes(bytes(range(256)) * 4)
    alone = run_cli(broken)
    assert alone.exit_code == USAGE_ERROR
    lines = alone.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.txt" in lines[0]
    together = run_cli(path, broken, "-j", "1", "--fail-on", "unmet")
    # The readable report is checked and passes the gate, but a file that could not be checked
    # is an error of the run (issue 15): never exit 0.
    assert together.exit_code == USAGE_ERROR
    assert "broken.txt" in together.stderr and "本次运行失败" in together.stderr


def test_bad_pack_is_exit_2(tmp_path, met_report):
    path, _ = met_report
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: [unclosed\n", encoding="utf-8")
    result = run_cli(path, "--pack", pack)
    assert result.exit_code == USAGE_ERROR and "bad.yaml" in result.stderr


def test_version_needs_no_path():
    from checker import __version__

    result = run_cli("--version")
    assert result.exit_code == OK and result.stdout.strip() == f"govedu-check {__version__}"


# ---------------------------------------------------------------- one failure policy for every output
@pytest.mark.parametrize("gate_options", [(), ("--fail-on", "unmet,missing"), ("--fail-on", "none"),
                                          ("--fail-on", "unverified")], ids=["default", "missing", "none", "unverified"])
def test_junit_failures_and_github_errors_match_the_exit_code(tmp_path, gate_options):
    """JUnit <failure>s, GitHub ::error lines and SARIF error results are exactly the findings that
    make the gate fail, for the same options: no output fails a build the exit code passes."""
    import xml.etree.ElementTree as ET

    from cli_support import SEEDS

    seed = SEEDS[0]
    code = run_cli(seed, "--format", "json", "-o", tmp_path / "out.json", *gate_options).exit_code
    assert code in (OK, GATE_FAILED)
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"][0]
    fail_on = {"": ("unmet", "planned", "unverified", "missing"), "unmet,missing": ("unmet", "missing"), "none": (),
               "unverified": ("unverified",)}[gate_options[1] if gate_options else ""]
    failing = sorted(f["rule"] for f in report["findings"]
                     if f["severity"] == "error" and f["status"] in fail_on and not f.get("waived")
                     and f["in_force"])
    assert (code == GATE_FAILED) == bool(failing)

    junit = run_cli(seed, "--format", "junit", "--exit-zero", *gate_options)
    failed_cases = sorted(c.get("name") for c in ET.fromstring(junit.stdout.encode("utf-8")).iter("testcase")
                          if c.find("failure") is not None)
    assert failed_cases == failing

    github = run_cli(seed, "--format", "github", "--exit-zero", *gate_options).stdout.splitlines()
    errors = sorted(line.split("govedu-check ", 1)[1].split(" ", 1)[0] for line in github if line.startswith("::error"))
    assert errors == failing

    sarif = json.loads(run_cli(seed, "--format", "sarif", "--exit-zero", *gate_options).stdout)
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"] if r["level"] == "error") == failing
