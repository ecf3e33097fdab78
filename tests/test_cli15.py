"""Issue 15: a command line that behaves like ruff and Semgrep, in Chinese, on any terminal and CI.

Real parts throughout: the real CLI in-process (``check_app`` through CliRunner, or ``main``) or as
``python -m checker`` in a subprocess, real files, real jsonschema, a real ``pre-commit run``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from rich.cells import cell_len

from checker.cli.exitcodes import GATE_FAILED, INTERRUPTED, OK, USAGE_ERROR
from cli_support import ROOT, SARIF_SCHEMA, SEEDS, reuse_parsed_packs, run_cli  # noqa: F401

SEED = SEEDS[0]
FORMATS = ("terminal", "concise", "json", "sarif", "junit", "markdown", "github", "gitlab", "csv", "html")


def run_proc(*args, env=None, cwd=ROOT, **kw):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True,
                          cwd=cwd, env=e, timeout=300, **kw)


def json_run(*args):
    result = run_cli("--format", "json", "--jobs", "1", "--no-config", *args)
    return result, json.loads(result.stdout) if result.stdout.strip() else None


# ================================================================ encodings, crashes, Ctrl-C
@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_prints_utf8_to_a_pipe_whatever_pythonioencoding(fmt, encoding):
    proc = run_proc(SEED, "--format", fmt, "--no-config", "--jobs", "1",
                    env={"PYTHONIOENCODING": encoding})
    assert proc.returncode in (OK, GATE_FAILED), proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    text = proc.stdout.decode("utf-8")            # UTF-8, not the locale's encoding
    # and it holds what neither GBK nor cp1252 can all encode: Chinese words (the CSV: its BOM)
    assert re.search(r"[\u4e00-\u9fff]", text) if fmt != "csv" else text.startswith("\ufeff")
    proc.stderr.decode("utf-8")


def test_a_console_that_cannot_show_a_glyph_gets_a_near_one():
    import codecs

    from checker.cli.streams import ERRORS

    assert "✔ 达标".encode("gbk", errors=ERRORS).decode("gbk") == "√ 达标"
    assert "✘ ┃ ◷".encode("cp1252", errors=ERRORS).decode("cp1252") == "× | o"
    assert "✔".encode("ascii", errors=ERRORS) == b"v"
    assert codecs.lookup_error(ERRORS)


def test_an_unexpected_error_is_one_chinese_line_and_exit_2(monkeypatch, capsys):
    import checker.render.terminal as terminal
    from checker.cli.check import main

    def boom(run, opts):
        raise RuntimeError("renderer exploded\nsecond line")

    monkeypatch.setattr(terminal, "render", boom)
    with pytest.raises(SystemExit) as exc:
        main(["--no-config", "--jobs", "1", str(SEED)])
    assert exc.value.code == USAGE_ERROR          # never 1, which means "gate failed"
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "内部错误" in line]
    assert len(lines) == 1 and "RuntimeError" in lines[0] and "Traceback" not in err
    assert "renderer exploded second line" in lines[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child on Windows")
def test_ctrl_c_is_one_line_and_exit_130():
    # The checker waits for standard input that never comes; Ctrl-C (SIGINT) ends it.
    proc = subprocess.Popen([sys.executable, "-m", "checker", "-", "--no-config"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    proc.stdin.close()
    assert proc.returncode == INTERRUPTED
    text = err.decode("utf-8")
    assert "Traceback" not in text
    assert [line for line in text.splitlines() if line.strip()] == ["govedu-check: 已中断（Ctrl-C），未写出完整结果"]


# ================================================================ the terminal report
def _lines(text: str) -> list[str]:
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.splitlines()]


def test_at_80_columns_the_report_is_stacked_and_fits(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("--no-config", "--jobs", "1", SEED)
    lines = _lines(result.stdout)
    assert max(cell_len(line) for line in lines) <= 80
    assert "┏" not in result.stdout                      # no table: stacked like ruff's full format
    _, doc = json_run(SEED)
    for f in doc["reports"][0]["findings"]:
        # status and the whole rule id on one line, never cut
        assert any(re.search(rf"  \S \S+  {re.escape(f['rule'])}  \[(错误|警告|提示)(?: · 未核实)?\]", line) for line in lines), f["rule"]


def test_columns_decides_the_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    wide = run_cli("--no-config", "--jobs", "1", SEED)
    assert "┏" in wide.stdout
    assert 120 < max(cell_len(line) for line in _lines(wide.stdout)) <= 160   # not a fixed 120
    _, doc = json_run(SEED)
    # the rule column is never narrower than an id: every id is whole on some line
    for f in doc["reports"][0]["findings"]:
        assert any(f["rule"] in line for line in _lines(wide.stdout)), f["rule"]


def test_force_color_and_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" not in run_cli("--no-config", "-j", "1", SEED).stdout        # a pipe: no colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli("--no-config", "-j", "1", SEED).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("--no-config", "-j", "1", SEED).stdout


def test_severity_is_chinese_in_chinese_outputs(tmp_path):
    terminal = run_cli("--no-config", "-j", "1", SEED).stdout
    assert "[error]" not in terminal and "[warning]" not in terminal
    assert re.search(r"\[(错误|警告|提示)\]", terminal)
    html = tmp_path / "r.html"
    run_cli("--no-config", "-j", "1", "-f", "html", "-o", html, SEED)
    page = html.read_text(encoding="utf-8")
    assert "<dt>级别</dt>" not in page and re.search(r"<dt>严重程度</dt><dd>(错误|警告|提示)</dd>", page)
    junit = run_cli("--no-config", "-j", "1", "-f", "junit", SEED).stdout
    assert "· severity" not in junit and re.search(r"· 严重程度 (错误|警告|提示)", junit)
    english = run_cli("--no-config", "-j", "1", "--lang", "en", SEED).stdout
    assert re.search(r"\[(error|warning|info)\]", english)


# ================================================================ -o
def test_output_that_is_an_input_is_refused_by_name_symlink_and_hard_link(tmp_path):
    draft = tmp_path / "victim.txt"
    shutil.copy(SEED, draft)
    before = draft.read_bytes()
    (tmp_path / "link.txt").symlink_to(draft)
    os.link(draft, tmp_path / "hard.txt")
    for out in (draft, tmp_path / "link.txt", tmp_path / "hard.txt"):
        result = run_cli("--no-config", "-j", "1", draft, "-o", out)
        assert result.exit_code == USAGE_ERROR
        assert "拒绝覆盖" in result.stderr and result.stderr.count("\n") == 1
        assert draft.read_bytes() == before
    # also when the input comes from a folder
    result = run_cli("--no-config", "-j", "1", tmp_path, "-o", draft)
    assert result.exit_code == USAGE_ERROR and draft.read_bytes() == before


def test_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("--no-config", "-j", "1", "-f", "concise", "-o", "-", SEED)
    assert result.stdout.startswith(str(SEED)) and not (tmp_path / "-").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/stdout"), reason="POSIX only")
def test_a_fifo_and_a_dev_stdout_symlink_are_written_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, encoding="utf-8").read()), daemon=True)
    reader.start()
    result = run_cli("--no-config", "-j", "1", "-f", "concise", "-o", fifo, SEED)
    reader.join(30)
    assert result.exit_code in (OK, GATE_FAILED)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and got and str(SEED) in got[0]
    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    proc = run_proc(SEED, "--no-config", "-j", "1", "-f", "concise", "-o", link)
    assert proc.returncode in (OK, GATE_FAILED), proc.stderr.decode()
    assert str(SEED).encode() in proc.stdout
    assert os.path.islink(link) and os.readlink(link) == "/dev/stdout"


def test_an_existing_output_keeps_its_permission_bits(tmp_path):
    out = tmp_path / "result.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o640)
    run_cli("--no-config", "-j", "1", "-f", "json", "-o", out, SEED)
    assert json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# ================================================================ folder runs
def _folder(tmp_path: Path) -> Path:
    county = tmp_path / "county"
    (county / "old").mkdir(parents=True)
    (county / "ignored").mkdir()
    # (news_01_2023.txt is a report whose name starts with a README-like word: checked)
    for name in ("a.txt", "b.md", "old/c.txt", "ignored/d.txt", "e.bak.txt", "keep.bak.txt", "news_01_2023.txt"):
        shutil.copy(SEED, county / name)
    (county / "README.md").write_text("# 说明\n本文件夹存放各县报告。\n", encoding="utf-8")
    (county / "CHANGELOG.txt").write_text("2024 更新\n", encoding="utf-8")
    (county / "README.zh-CN.md").write_text("# 说明\n", encoding="utf-8")
    (county / ".gitignore").write_text("ignored/\n*.bak.txt\n!keep.bak.txt\n", encoding="utf-8")
    return county


def test_gitignore_exclude_and_readmes_in_folder_runs(tmp_path, monkeypatch):
    county = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    result, doc = json_run("county", "--exclude", "old/*", "--exit-zero")
    assert sorted(r["path"] for r in doc["reports"]) == ["county/a.txt", "county/b.md", "county/keep.bak.txt",
                                                         "county/news_01_2023.txt"]
    assert "--include-all" in result.stderr          # a note says how to include what was skipped
    _, doc = json_run("county", "--include-all", "--no-respect-gitignore", "--exit-zero")
    paths = {r["path"] for r in doc["reports"]}
    assert {"county/README.md", "county/CHANGELOG.txt", "county/ignored/d.txt", "county/old/c.txt",
            "county/e.bak.txt"} <= paths
    # --extend-exclude adds to the defaults; also from the configuration file
    (tmp_path / ".govedu-check.yaml").write_text("extend_exclude: ['b.md']\n", encoding="utf-8")
    result = run_cli("--format", "json", "-j", "1", "county", "--exit-zero")
    assert sorted(r["path"] for r in json.loads(result.stdout)["reports"]) == [
        "county/a.txt", "county/keep.bak.txt", "county/news_01_2023.txt", "county/old/c.txt"]
    (tmp_path / ".govedu-check.yaml").write_text("exclude: ['old/*.txt', '*.md']\n", encoding="utf-8")
    result = run_cli("--format", "json", "-j", "1", "county", "--exit-zero")
    assert sorted(r["path"] for r in json.loads(result.stdout)["reports"]) == [
        "county/a.txt", "county/keep.bak.txt", "county/news_01_2023.txt"]


def test_the_tools_own_outputs_are_not_checked_as_reports(tmp_path, monkeypatch):
    county = tmp_path / "county"
    county.mkdir()
    shutil.copy(SEED, county / "a.txt")
    monkeypatch.chdir(tmp_path)
    run_cli("--no-config", "-j", "1", "county", "-f", "html", "-o", "county/report.html")
    run_cli("--no-config", "-j", "1", "county", "-f", "markdown", "-o", "county/summary.md")
    assert (county / "report.html").exists() and (county / "summary.md").exists()
    _, doc = json_run("county", "--exit-zero")
    assert [r["path"] for r in doc["reports"]] == ["county/a.txt"]
    _, doc = json_run("county", "--include-all", "--exit-zero")
    assert sorted(r["path"] for r in doc["reports"]) == ["county/a.txt", "county/report.html", "county/summary.md"]


def test_show_settings_lists_the_files_and_checks_nothing(tmp_path, monkeypatch):
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("--no-config", "county", "--show-settings", "--select", "safety.")
    assert result.exit_code == OK
    out = result.stdout
    assert "select: safety." in out and "respect_gitignore: true" in out
    assert "  county/a.txt" in out and "county/README.md (readme)" in out and "county/ignored (gitignore)" in out
    assert "county/README.zh-CN.md (readme)" in out and "  county/news_01_2023.txt" in out
    assert "报告:" not in out and "Report:" not in out


# ================================================================ ruff/Semgrep conventions
def test_select_ignore_and_severity():
    _, everything = json_run(SEED, "--exit-zero")
    rules = {f["rule"]: f["severity"] for f in everything["reports"][0]["findings"]}
    prefix = sorted(rules)[0].split(".")[0] + "."
    _, doc = json_run(SEED, "--select", prefix, "--exit-zero")
    got = {f["rule"] for f in doc["reports"][0]["findings"]}
    assert got == {r for r in rules if r.startswith(prefix)} and got
    _, doc = json_run(SEED, "--ignore", prefix, "--exit-zero")
    assert {f["rule"] for f in doc["reports"][0]["findings"]} == {r for r in rules if not r.startswith(prefix)}
    _, doc = json_run(SEED, "--severity", "error", "--exit-zero")
    assert {f["rule"] for f in doc["reports"][0]["findings"]} == {r for r, s in rules.items() if s == "error"}
    result = run_cli("--no-config", SEED, "--select", "no-such-rule")
    assert result.exit_code == USAGE_ERROR and "no-such-rule" in result.stderr and "没有匹配的规则" in result.stderr


def test_several_outputs_from_one_run(tmp_path):
    sarif, junit, gitlab = tmp_path / "out.sarif", tmp_path / "out.xml", tmp_path / "gl.json"
    result = run_cli("--no-config", "-j", "1", SEED, "--output-format", f"sarif={sarif}",
                     "--junit-xml-output", junit, f"--gitlab-output={gitlab}")
    assert "报告:" in result.stdout                     # the terminal report as well
    jsonschema.validate(json.loads(sarif.read_text(encoding="utf-8")),
                        json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert ET.parse(junit).getroot().tag in ("testsuites", "testsuite")
    assert isinstance(json.loads(gitlab.read_text(encoding="utf-8")), list)
    semgrep = tmp_path / "s.sarif"
    run_cli("--no-config", "-j", "1", SEED, f"--sarif-output={semgrep}")
    assert json.loads(semgrep.read_text(encoding="utf-8"))["version"] == "2.1.0"
    both = run_cli("--no-config", "-j", "1", SEED, "-f", "json", "--output-format", "sarif")
    assert both.exit_code == USAGE_ERROR and "标准输出" in both.stderr


def test_concise_is_one_line_per_finding_at_its_evidence_line():
    _, doc = json_run(SEED, "--exit-zero")
    result = run_cli("--no-config", "-j", "1", "-f", "concise", SEED, "--exit-zero")
    lines = result.stdout.splitlines()
    shown = [f for f in doc["reports"][0]["findings"] if f["status"] != "met"]
    assert len(lines) == len(shown)
    pattern = re.compile(rf"^{re.escape(str(SEED))}:(\d+): (\S+) (未达标|仅有计划|未量化|未提及) \[(错误|警告|提示)\] \S")
    by_rule = {f["rule"]: f for f in shown}
    for line in lines:
        m = pattern.match(line)
        assert m, line
        f = by_rule[m.group(2)]
        assert int(m.group(1)) == (f["evidence"][0]["line"] if f["evidence"] else 1)


GITLAB_SCHEMA = {
    "type": "array",
    "items": {"type": "object", "required": ["description", "check_name", "fingerprint", "severity", "location"],
              "properties": {"severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
                             "fingerprint": {"type": "string", "minLength": 1},
                             "location": {"type": "object", "required": ["path", "lines"],
                                          "properties": {"lines": {"type": "object", "required": ["begin"],
                                                                   "properties": {"begin": {"type": "integer",
                                                                                            "minimum": 1}}}}}}},
}


def test_gitlab_code_quality_follows_the_gate():
    _, doc = json_run(SEED, "--exit-zero", "--fail-on", "unmet,missing")
    for fail_on in ("unmet", "unmet,missing"):
        result = run_cli("--no-config", "-j", "1", "-f", "gitlab", SEED, "--fail-on", fail_on)
        issues = json.loads(result.stdout)
        jsonschema.validate(issues, GITLAB_SCHEMA)
        findings = {f["rule"]: f for f in doc["reports"][0]["findings"]}
        assert len(issues) == sum(1 for f in findings.values() if f["status"] != "met")
        assert len({i["fingerprint"] for i in issues}) == len(issues)
        blockers = {i["check_name"] for i in issues if i["severity"] == "blocker"}
        assert blockers == {r for r, f in findings.items()
                            if f["severity"] == "error" and f["status"] in fail_on.split(",")}
        assert (result.exit_code == GATE_FAILED) == bool(blockers)
        for i in issues:
            f = findings[i["check_name"]]
            assert i["location"]["lines"]["begin"] == (f["evidence"][0]["line"] if f["evidence"] else 1)


def test_quiet_and_statistics(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("今天天气很好。\n", encoding="utf-8")
    assert "警告" in run_cli("--no-config", empty).stderr
    # --quiet drops warnings and notes (the exit code still tells a failed gate, and why)
    assert run_cli("--no-config", empty, "--quiet", "--exit-zero").stderr == ""
    _, doc = json_run(SEED, "--exit-zero")
    stats = run_cli("--no-config", "-j", "1", SEED, "--statistics", "--exit-zero").stdout.splitlines()
    assert stats[0].split() == ["数量", "规则", "结论"] and len(stats) - 1 == len(doc["reports"][0]["findings"])
    first = stats[1].split()
    assert int(first[0]) == 1 and first[1] in {f["rule"] for f in doc["reports"][0]["findings"]}


def test_help_h_subcommands_and_the_check_alias(tmp_path):
    zh = run_proc("-h")
    assert zh.returncode == OK
    text = zh.stdout.decode("utf-8")
    assert "子命令" in text and "选项" in text
    for sub in ("packs", "explain", "init-pack", "follow-through", "diff", "check"):
        assert sub in text
    en = run_proc("--help", "--lang", "en").stdout.decode("utf-8")
    assert "Sub-commands" in en and "Options" in en
    assert "Sub-commands" in run_proc("-h", env={"LANG": "en_US.UTF-8"}).stdout.decode("utf-8")
    assert run_proc("packs", "-h").returncode == OK
    alias = run_proc("check", SEED, "-f", "json", "--no-config", "-j", "1")
    plain = run_proc(SEED, "-f", "json", "--no-config", "-j", "1")
    assert alias.returncode == plain.returncode and alias.stdout == plain.stdout
    missing = run_proc("check", tmp_path / "nope.txt", "--no-config")
    assert missing.returncode == USAGE_ERROR and "找不到文件" in missing.stderr.decode("utf-8")


def test_a_missing_file_among_several_fails_the_run(tmp_path):
    result = run_cli("--no-config", "-j", "1", SEED, tmp_path / "nope.txt", "--exit-zero")
    assert result.exit_code == USAGE_ERROR
    assert "nope.txt：找不到文件" in result.stderr and "报告:" in result.stdout   # the others are still shown
    english = run_cli("--no-config", "-j", "1", "--lang", "en", tmp_path / "nope.txt")
    assert "nope.txt: file not found" in english.stderr


def test_pack_problems_are_chinese_first(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack:\n  id: x.y\n  version: '1.0.0'\nrules:\n  - id: a.b\n    foo: 1\n", encoding="utf-8")
    zh = run_proc("packs", "validate", bad).stdout.decode("utf-8")
    assert "缺少 'title'" in zh and "未知的键 'foo'" in zh and "提示：" in zh and "个问题" in zh
    assert f"{bad}:6:5：" in zh                   # file:line:column kept
    en = run_proc("packs", "validate", bad, "--lang", "en").stdout.decode("utf-8")
    assert "missing 'title'" in en and "unknown key 'foo'" in en and "hint:" in en


def test_legacy_office_files_are_told_to_be_saved_as_docx(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("report.doc", "report.wps", "sheet.et"):
        (tmp_path / name).write_bytes(ole)
        result = run_cli("--no-config", tmp_path / name)
        assert result.exit_code == USAGE_ERROR
        assert "另存为 .docx" in result.stderr and "NUL" not in result.stderr


# ================================================================ lines, SARIF, Markdown
def test_html_evidence_points_at_the_line_of_the_page_source(tmp_path):
    body = SEED.read_text(encoding="utf-8").splitlines()
    page = ["<!DOCTYPE html>", "<html>", "<head>", "<title>报告</title>", "<script>", "var x = 1;",
            "</script>", "</head>", "<body>", "<nav>", "首页 | 通知", "</nav>", ""]
    page += [f"<p>{line}</p>" if line.strip() else "" for line in body] + ["</body>", "</html>"]
    report = tmp_path / "report.html"
    report.write_text("\n".join(page), encoding="utf-8")
    _, doc = json_run(report, "--exit-zero")
    evidence = [e for f in doc["reports"][0]["findings"] for e in f["evidence"]]
    assert evidence
    for e in evidence:
        assert e["text"] in page[e["line"] - 1], (e, page[e["line"] - 1])


def test_sarif_missing_results_point_at_line_1():
    result = run_cli("--no-config", "-j", "1", "-f", "sarif", SEED, "--exit-zero")
    results = json.loads(result.stdout)["runs"][0]["results"]
    missing = [r for r in results if r["properties"]["status"] == "missing"]
    assert missing
    for r in missing:
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_markdown_for_more_than_ten_reports_does_not_point_to_markdown(tmp_path):
    for i in range(11):
        shutil.copy(SEEDS[i % len(SEEDS)], tmp_path / f"r{i:02d}.txt")
    result = run_cli("--no-config", "-j", "1", "-f", "markdown", tmp_path, "--exit-zero")
    note = [line for line in result.stdout.splitlines() if "报告超过" in line]
    assert len(note) == 1 and "markdown" not in note[0] and "html" in note[0]


# ================================================================ pre-commit
def test_the_documented_pre_commit_recipe_passes_pictures_and_spreadsheets(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    import yaml

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    recipe = yaml.safe_load(re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", doc, re.S).group(1))
    user = recipe["repos"][0]["hooks"][0]
    assert "files" in user        # the recipe narrows files: — which replaces the hook's own
    # The hook as pre-commit builds it from this repository: its definition, then the user's keys
    # (the recipe's --fail-under is left out, and the gate is the lenient one: the draft here is one
    # sentence that meets its rule, and the default gate also counts the rules it does not report).
    local = {**hook, **user, "language": "system", "args": ["--fail-on", "unmet"]}
    repo = tmp_path / "bureau"
    drafts = repo / "drafts"
    drafts.mkdir(parents=True)
    from cli_support import example_report

    _, text = example_report("met")
    (drafts / "draft.txt").write_text(text + "\n", encoding="utf-8")
    (drafts / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (drafts / "figures.csv").write_text("学校,人数\n一中,1200\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]},
                                                                 allow_unicode=True), encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(cmd, cwd=repo, check=True, env=env)
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert "chart.png" not in out and "figures.csv" not in out, out
    assert "draft.txt" in out, out          # the draft really was checked
    assert proc.returncode == 0, out


def test_diff_and_follow_through_refuse_an_input_as_output(tmp_path):
    from typer.testing import CliRunner

    from checker.cli.reports import diff_app, follow_app

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    shutil.copy(SEEDS[0], old)
    shutil.copy(SEEDS[1], new)
    before = new.read_bytes()
    for app in (diff_app, follow_app):
        result = CliRunner().invoke(app, [str(old), str(new), "-o", str(new), "--no-config"])
        assert result.exit_code == USAGE_ERROR and "拒绝覆盖" in result.stderr
        assert new.read_bytes() == before


def test_gate_reasons_are_chinese_with_chinese_statuses(tmp_path):
    result = run_cli("--no-config", "-j", "1", SEED, "--fail-on", "unmet,missing")
    assert result.exit_code == GATE_FAILED
    [line] = [line for line in result.stderr.splitlines() if "未通过门禁" in line]
    assert "未达标/未提及" in line and "gate failed" not in line


def test_the_ci_doc_shows_one_job_writing_sarif_junit_and_the_terminal_report(tmp_path, monkeypatch):
    import shlex

    import yaml

    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/govedu-check\.yml — one run, three outputs\n.*?)```",
                      doc, re.S).group(1)
    [job] = yaml.safe_load(block)["jobs"].values()
    [command] = [s["run"] for s in job["steps"] if s.get("run", "").startswith("govedu-check ")]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    shutil.copy(SEED, tmp_path / "drafts" / SEED.name)
    words = shlex.split(command)
    result = run_cli(*words[1:])
    assert result.exit_code in (OK, GATE_FAILED)
    assert "报告:" in result.stdout                                   # the terminal report
    sarif = words[words.index("--sarif-output") + 1]
    junit = words[words.index("--junit-xml-output") + 1]
    jsonschema.validate(json.loads(Path(sarif).read_text(encoding="utf-8")),
                        json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert ET.parse(junit).getroot().tag in ("testsuites", "testsuite")
