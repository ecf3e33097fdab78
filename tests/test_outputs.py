"""Every CI output format on the five seeds: SARIF against the official schema, JUnit parsed and
counted, CSV read back, Markdown, GitHub workflow commands, and the terminal batch summary."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from checker.model import Evidence, InputError, RunResult
from checker.render import FORMATS, RenderOptions, renderer
from checker.render.github import escape_data, escape_property
from checker.run.gate import Gate
from checker.render.summary import DETAIL_LIMIT
from cli_support import ROOT, SARIF_SCHEMA, copy_seeds, reuse_parsed_packs, run_cli  # noqa: F401

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@pytest.fixture(scope="module")
def seeds_run():
    """The five seeds through the real pipeline, and render options with the real rules."""
    from checker.run.batch import check_all
    from checker.packs import all_rules, category_titles, load_packs

    packs = load_packs()
    rules = all_rules(packs)
    outcomes = check_all([str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))], rules, {}, jobs=1)
    run = RunResult(tuple(outcomes), (), tuple(packs))
    opts = RenderOptions(lang="zh", categories=category_titles(packs), rules={r.id: r for r in rules})
    return run, opts


def sarif_validator():
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def not_met(run):
    return [(r, f) for r in run.reports for f in r.findings if f.status != "met"]


# ---------------------------------------------------------------- SARIF
def test_sarif_validates_and_has_one_rule_per_policy_rule_and_one_result_per_gap(seeds_run):
    run, opts = seeds_run
    doc = json.loads(renderer("sarif")(run, opts))
    sarif_validator().validate(doc)
    driver = doc["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(opts.rules)
    results = doc["runs"][0]["results"]
    expected = not_met(run)
    assert len(results) == len(expected)
    for res, (report, f) in zip(results, expected):
        assert res["ruleId"] == f.rule
        assert driver["rules"][res["ruleIndex"]]["id"] == f.rule
        assert res["level"] == opts.gate.level(f)
        assert (res["level"] == "error") == opts.gate.fails(f)   # error exactly when it fails the run
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == Path(report.path).as_uri()
        if f.evidence:
            line = loc["region"]["startLine"]
            assert line == f.evidence[0].line
            # The line really holds the evidence in the file.
            assert f.evidence[0].text in Path(report.path).read_text(encoding="utf-8").split("\n")[line - 1]
        else:
            assert loc["region"] == {"startLine": 1}   # missing: the report as a whole, at line 1


def test_sarif_rule_help_carries_suggestion_and_source(seeds_run):
    run, opts = seeds_run
    doc = json.loads(renderer("sarif")(run, opts))
    by_id = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    for rule in opts.rules.values():
        d = by_id[rule.id]
        assert d["shortDescription"]["text"] == rule.title_zh
        if rule.suggestion_zh:
            assert rule.suggestion_zh in d["help"]["text"]
        if rule.source.get("document"):
            assert str(rule.source["document"]) in d["help"]["text"]
        assert d["properties"]["category"] == rule.category
        assert d["defaultConfiguration"]["level"] == LEVEL[rule.severity]
        if rule.thresholds:
            assert d["properties"]["threshold"] == rule.thresholds[-1][2].describe()
        assert re.fullmatch(r"[A-Za-z0-9]+", d["name"])


def test_sarif_marks_waived_findings_as_suppressed_and_lists_errors_and_warnings(seeds_run):
    run, opts = seeds_run
    report = run.reports[0]
    target = next(f for f in report.findings if f.status != "met")
    waiver = {"reason": "省厅同意延期", "approved_by": "督导室", "expires": "2999-12-31"}
    findings = tuple(replace(f, waived=waiver) if f is target else f for f in report.findings)
    waived_run = RunResult((replace(report, findings=findings),), (InputError("broken.txt", "broken.txt: not text"),),
                           run.packs, ("waivers.yaml:3: waiver of x is unused",))
    doc = json.loads(renderer("sarif")(waived_run, opts))
    sarif_validator().validate(doc)
    suppressed = [r for r in doc["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == [target.rule]
    assert "省厅同意延期" in suppressed[0]["suppressions"][0]["justification"]
    notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "warning"]
    assert "broken.txt" in notes[0]["message"]["text"]


def test_sarif_uses_relative_uris_for_relative_paths(seeds_run):
    run, opts = seeds_run
    rel = RunResult((replace(run.reports[0], path="报告/2023 县.txt"),), (), run.packs)
    doc = json.loads(renderer("sarif")(rel, opts))
    sarif_validator().validate(doc)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris == {"%E6%8A%A5%E5%91%8A/2023%20%E5%8E%BF.txt"}


# ---------------------------------------------------------------- JUnit
def test_junit_one_suite_per_report_one_case_per_rule_failures_counted(seeds_run):
    run, opts = seeds_run
    opts = replace(opts, gate=Gate(fail_on=("unmet", "missing")))   # a stricter gate: some findings fail
    root = ET.fromstring(renderer("junit")(run, opts).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in run.reports]
    total_failures = 0
    for suite, report in zip(suites, run.reports):
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [f.rule for f in report.findings] == list(opts.rules)
        assert [c.get("classname") for c in cases] == [f.category for f in report.findings]
        failing = [f for f in report.findings if opts.gate.fails(f)]
        failed_cases = [c for c in cases if c.find("failure") is not None]
        assert [c.get("name") for c in failed_cases] == [f.rule for f in failing]
        assert [c.find("failure").get("message") for c in failed_cases] == [f.message_zh for f in failing]
        assert int(suite.get("failures")) == len(failing)
        assert int(suite.get("tests")) == len(cases)
        total_failures += len(failing)
    assert int(root.get("failures")) == total_failures > 0


def test_junit_waived_is_skipped_and_unreadable_file_is_an_error(seeds_run):
    run, opts = seeds_run
    report = run.reports[0]
    target = next(f for f in report.findings if f.severity == "error" and f.status in ("unmet", "missing"))
    findings = tuple(replace(f, waived={"reason": "r", "approved_by": "a", "expires": "2999-01-01"})
                     if f is target else f for f in report.findings)
    # A control character from a report must not break the XML.
    findings = tuple(replace(f, message_zh=f.message_zh + "\x0b") for f in findings)
    bad = InputError("broken.txt", "broken.txt: not a text file")
    root = ET.fromstring(renderer("junit")(RunResult((replace(report, findings=findings),), (bad,), run.packs),
                                           opts).encode("utf-8"))
    case = next(c for c in root.iter("testcase") if c.get("name") == target.rule)
    assert case.find("skipped") is not None and case.find("failure") is None
    assert root.get("errors") == "1" and root.findall("testsuite")[-1].find("testcase/error") is not None


# ---------------------------------------------------------------- CSV
def test_csv_one_row_per_finding_reads_back(seeds_run):
    from checker.render.columns import DETAIL_COLUMNS

    run, opts = seeds_run
    text = renderer("csv")(run, opts)
    assert text.startswith("\ufeff")   # Excel needs the BOM for Chinese
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == [c.zh for c in DETAIL_COLUMNS]
    findings = [(r, f) for r in run.reports for f in r.findings]
    assert len(rows) == len(findings)
    labels = {"met": "达标", "unmet": "未达标", "planned": "仅有计划", "unverified": "未量化", "missing": "未提及"}
    for row, (report, f) in zip(rows, findings):
        assert (row["文件"], row["规则"], row["状态"]) == (report.path, f.rule, labels[f.status])
        if len(f.evidence) == 1:
            assert row["行号"] == str(f.evidence[0].line) and row["证据"] == f.evidence[0].text


def test_csv_keeps_unreadable_files_and_defuses_formulas(seeds_run):
    run, opts = seeds_run
    bad = InputError("=HYPERLINK(1).txt", "=HYPERLINK(1).txt: not a text file")
    rows = list(csv.reader(io.StringIO(renderer("csv")(RunResult(run.reports[:1], (bad,), run.packs),
                                                       opts).lstrip("\ufeff"))))
    header, last = rows[0], rows[-1]
    assert last[0] == "'=HYPERLINK(1).txt" and last[header.index("说明")].startswith("'=")
    assert last[header.index("状态")] == "无法检查"


# ---------------------------------------------------------------- Markdown
def test_markdown_summary_table_sorted_by_score_with_top_gaps(seeds_run):
    run, opts = seeds_run
    md = renderer("markdown")(run, opts)
    rows = [line for line in md.split("\n") if re.match(r"\| \d+ \| `", line)]
    assert len(rows) == len(run.reports)
    scores = [float(line.split(" | ")[4]) for line in rows]
    assert scores == sorted(scores) == sorted(r.score for r in run.reports)
    for report in run.reports:
        assert f"`{report.path}` — 得分 **{report.score:.1f}**/100" in md
    assert md.count("**优先整改**") == sum(
        any(f.status in ("unmet", "missing", "unverified") for f in r.findings) for r in run.reports)
    assert md.count("<details>") == md.count("</details>")


def test_markdown_escapes_report_text(seeds_run):
    run, opts = seeds_run
    report = run.reports[0]
    f0 = next(f for f in report.findings if f.status != "met")
    evil = replace(f0, evidence=(Evidence(1, "<script>x</script> a|b", "achieved"),))
    report = replace(report, findings=tuple(evil if f is f0 else f for f in report.findings))
    md = renderer("markdown")(RunResult((report,), (), run.packs), opts)
    assert "<script>" not in md and "&lt;script&gt;" in md
    row = next(line for line in md.split("\n") if f"`{f0.rule}`" in line and line.startswith("|"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 6   # five cells; the report's | is escaped


# ---------------------------------------------------------------- GitHub
def test_github_commands_one_per_gap_with_file_and_line(seeds_run):
    run, opts = seeds_run
    lines = renderer("github")(run, opts).splitlines()
    expected = [(r, f) for r, f in not_met(run) if f.in_force]     # a rule not in force is no gap
    assert len(lines) == len(expected)
    kinds = {"error": "error", "warning": "warning", "note": "notice"}
    for line, (report, f) in zip(lines, expected):
        m = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert m.group(1) == kinds[opts.gate.level(f)]
        assert props["file"] == escape_property(report.path)
        assert props.get("line") == (str(f.evidence[0].line) if f.evidence else None)
        assert f.rule in props["title"]


def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_message_with_newline_stays_one_command(seeds_run):
    run, opts = seeds_run
    report = run.reports[0]
    f0 = next(f for f in report.findings if f.status not in ("met", "missing") and f.in_force)
    report = replace(report, path="dir,with:odd.txt",
                     findings=(replace(f0, message_zh="第一行\n第二行", waived=None),))
    out = renderer("github")(RunResult((report,), (), run.packs), opts)
    assert out.count("\n") == 1 and "第一行%0A第二行" in out and "file=dir%2Cwith%3Aodd.txt" in out


# ---------------------------------------------------------------- terminal batch view
def test_terminal_shows_sections_then_summary_and_only_summary_when_many(seeds_run):
    run, opts = seeds_run
    out = renderer("terminal")(run, opts)
    assert out.count("报告: ") == len(run.reports)
    assert "各报告得分（按得分升序）" in out and "各规则未达标/未提及的报告数" in out
    many = RunResult(tuple(replace(run.reports[i % 5], path=f"county-{i:02d}.txt") for i in range(DETAIL_LIMIT + 1)),
                     (), run.packs)
    out = renderer("terminal")(many, opts)
    assert "报告: " not in out and "各报告得分（按得分升序）" in out
    assert all(f"county-{i:02d}.txt" in out for i in range(DETAIL_LIMIT + 1))
    single = renderer("terminal")(RunResult(run.reports[:1], (), run.packs), opts)
    assert "各报告得分" not in single


# ---------------------------------------------------------------- through the CLI
def test_cli_writes_each_format_for_the_seed_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_seeds(tmp_path / "reports")
    for fmt in ("sarif", "junit", "csv", "markdown", "github"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("reports", "--format", fmt, "-o", out, "--jobs", "1", "--exit-zero")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        text = out.read_text(encoding="utf-8")
        if fmt == "sarif":
            sarif_validator().validate(json.loads(text))
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in json.loads(text)["runs"][0]["results"]}
            assert uris == {f"reports/{p.name}" for p in (tmp_path / "reports").iterdir()}
        elif fmt == "junit":
            assert len(ET.fromstring(text.encode("utf-8")).findall("testsuite")) == 5
        elif fmt == "csv":
            assert len({row["文件"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}) == 5


def test_every_format_is_registered_and_renders(seeds_run):
    run, opts = seeds_run
    for fmt in FORMATS:
        assert renderer(fmt)(run, opts).strip(), fmt


# ---------------------------------------------------------------- docs/ci.md stays true
def ci_doc_blocks(lang: str) -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_ci_doc_yaml_parses_and_pre_commit_hook_is_complete():
    import yaml

    blocks = [yaml.safe_load(b) for b in ci_doc_blocks("yaml")]
    assert any("jobs" in b for b in blocks) and any("govedu-check" in b for b in blocks)
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {"id", "name", "entry", "language"} <= set(hook) and hook["entry"].split()[0] == "govedu-check"
    assert re.search(hook["files"], "drafts/2024.docx") and not re.search(hook["files"], "packs/a.yaml")


def test_ci_doc_commands_run_on_the_seeds(tmp_path, monkeypatch):
    """Every govedu-check command of the GitHub and GitLab jobs, run as written on a drafts/ folder."""
    import shlex

    import yaml

    monkeypatch.chdir(tmp_path)
    copy_seeds(tmp_path / "drafts")
    summary = tmp_path / "summary.md"
    commands = []
    for block in map(yaml.safe_load, ci_doc_blocks("yaml")):
        steps = [s.get("run", "") for job in (block.get("jobs") or {}).values() for s in job["steps"]]
        steps += [line for job in block.values() if isinstance(job, dict) for line in job.get("script", [])]
        commands += [s for s in steps if s.startswith("govedu-check ")]
    assert len(commands) >= 5
    for command in commands:
        words = shlex.split(command.replace('>> "$GITHUB_STEP_SUMMARY"', ""))
        result = run_cli(*words[1:])
        assert result.exit_code in (0, 1), (command, result.stderr)
        if "--exit-zero" in words:
            assert result.exit_code == 0
        if "--output" in words:
            assert (tmp_path / words[words.index("--output") + 1]).stat().st_size > 0
        elif "--format" in words and words[words.index("--format") + 1] == "markdown":
            summary.write_text(result.stdout, encoding="utf-8")
            assert "govedu-check" in summary.read_text(encoding="utf-8")
    help_text = run_cli("--help").stdout
    for option in set(re.findall(r"`(--[a-z-]+)", (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"))):
        assert option in help_text, option
