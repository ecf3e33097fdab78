"""Packs are data, never code: a pack passed around between bureaus cannot run anything, blow up
the checker's memory or time, or smuggle in a pattern that backtracks forever.

Every test loads the pack the way a user does, ``govedu-check --pack FILE REPORT`` in a
subprocess with a time limit, so a pack that makes the checker hang fails the test instead of
hanging the suite.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.cli.exitcodes import USAGE_ERROR
from checker.packs import MAX_ALIASES, MAX_PACK_BYTES, MAX_RULES, pack_schema

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "seeds" / "003_b71ddd899b90d843.txt"
LIMIT_SECONDS = 10

PACK_HEAD = """pack:
  id: local.hostile
  version: "1.0.0"
  title: {zh: 测试包}
rules:
"""


def rule(n: int, terms: str = '["护学岗"]') -> str:
    return f"""  - id: local.rule-{n}
    title: {{zh: 规则{n}}}
    severity: warning
    check: presence
    subject:
      terms: {terms}
    examples:
      - {{text: "全面设置护学岗。", status: met}}
      - {{text: "加强师德师风建设。", status: missing}}
"""


def run_with_pack(pack: Path, report: Path = REPORT, *args) -> subprocess.CompletedProcess:
    """The check with an extra pack, killed (and the test failed) after LIMIT_SECONDS."""
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "--no-config", "--format", "json", "--pack", str(pack), *args,
         str(report)],
        capture_output=True, cwd=ROOT, timeout=LIMIT_SECONDS)
    proc.seconds = time.perf_counter() - began
    print(f"\n[{pack.name}] exit {proc.returncode} in {proc.seconds:.2f} s")
    return proc


def refused(proc, pack: Path, *words: str) -> str:
    """Exit 2, no traceback; the message's first line names the pack file and holds ``words``."""
    err = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in err, err
    assert proc.returncode == USAGE_ERROR, err
    first = err.splitlines()[0]
    assert first.startswith(f"govedu-check: {pack}"), first
    for word in words:
        assert word in err, err
    return first


# ---------------------------------------------------------------- no code
TAGS = {
    "apply": '!!python/object/apply:os.system ["touch {marker}"]',
    "new": '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    "name": "!!python/name:os.system",
    "module": "!!python/module:os",
}


@pytest.mark.parametrize("tag", TAGS.values(), ids=TAGS.keys())
def test_python_tags_are_refused_and_never_run(tmp_path, tag):
    marker = tmp_path / "pwned"
    pack = tmp_path / "tagged.yaml"
    # The tag sits on line 5, column 9: the message must point there.
    head = PACK_HEAD.replace("  title: {zh: 测试包}\n", "  title:\n    zh: " + tag.format(marker=marker) + "\n")
    pack.write_text(head + rule(1), encoding="utf-8")
    assert pack.read_text(encoding="utf-8").split("\n")[4].index("!!python") == 8
    first = refused(run_with_pack(pack), pack, "!!python")
    assert first.startswith(f"govedu-check: {pack}:5:9: "), first
    assert not marker.exists(), "a tag in a pack ran code"


# ---------------------------------------------------------------- alias bombs
def billion_laughs(levels: int, width: int = 10) -> str:
    """The classic: each level a list of ``width`` aliases of the level before (width**levels)."""
    lines = [f'l0: &l0 [{", ".join(["lol"] * width)}]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def nested_bomb(levels: int, width: int = 10) -> str:
    """The same bomb written inline, as one list: anchors defined where they are first used."""
    node = f'&b0 [{", ".join(["lol"] * width)}]'
    for i in range(1, levels):
        node = f"&b{i} [{node}, {', '.join([f'*b{i - 1}'] * (width - 1))}]"
    return node


def test_billion_laughs_is_refused_without_expanding(tmp_path):
    pack = tmp_path / "laughs.yaml"
    pack.write_text(billion_laughs(9), encoding="utf-8")        # 10**9 "lol"s, 80 aliases
    refused(run_with_pack(pack), pack)


def test_more_aliases_than_allowed_is_refused_with_a_message(tmp_path):
    pack = tmp_path / "laughs.yaml"
    levels = MAX_ALIASES // 10 + 2                              # 10**12 "lol"s
    pack.write_text(billion_laughs(levels), encoding="utf-8")
    refused(run_with_pack(pack), pack, "aliases", str(MAX_ALIASES))


def test_alias_bomb_within_the_alias_limit_is_refused_quickly(tmp_path):
    bomb = nested_bomb(9)
    assert bomb.count("*") <= MAX_ALIASES
    pack = tmp_path / "bomb.yaml"
    pack.write_text(PACK_HEAD + rule(1, terms=bomb), encoding="utf-8")
    refused(run_with_pack(pack), pack, "aliases written out")


# ---------------------------------------------------------------- limits
def test_pack_over_the_size_limit_is_refused(tmp_path):
    pack = tmp_path / "huge.yaml"
    padding = "# " + "填充" * 1000 + "\n"
    body = PACK_HEAD + rule(1)
    body += padding * ((MAX_PACK_BYTES - len(body.encode())) // len(padding.encode()) + 2)
    pack.write_text(body, encoding="utf-8")
    assert pack.stat().st_size > MAX_PACK_BYTES
    refused(run_with_pack(pack), pack, "limit", str(MAX_PACK_BYTES))


def test_pack_over_the_rule_limit_is_refused(tmp_path):
    pack = tmp_path / "many.yaml"
    pack.write_text(PACK_HEAD + "".join(rule(n) for n in range(MAX_RULES + 1)), encoding="utf-8")
    assert pack.stat().st_size <= MAX_PACK_BYTES          # refused for its rules, not its size
    refused(run_with_pack(pack), pack, "rules", str(MAX_RULES))


# ---------------------------------------------------------------- no regular expressions
def regex_fields(schema: dict, where: str = "") -> list[str]:
    """Schema paths of pack fields that would hold a regular expression."""
    found = []
    if isinstance(schema, dict):
        if schema.get("format") == "regex":
            found.append(where or "/")
        for key, sub in schema.items():
            if key == "properties" and isinstance(sub, dict):
                for name, prop in sub.items():
                    if any(word in name.lower() for word in ("regex", "regexp", "pattern")):
                        found.append(f"{where}/{name}")
                    found += regex_fields(prop, f"{where}/{name}")
            elif isinstance(sub, (dict, list)):
                found += regex_fields(sub, where)
    elif isinstance(schema, list):
        for sub in schema:
            found += regex_fields(sub, where)
    return found


def test_pack_format_has_no_regular_expressions():
    # Terms are plain words matched as text, so no pack can hold a catastrophic pattern. If a
    # regex field is ever added, this fails: it then needs a linear-time engine or validation,
    # and a test that `(a+)+$` on a long line cannot hang the checker.
    assert regex_fields(pack_schema()) == []


def test_pattern_key_is_refused_with_a_hint(tmp_path):
    pack = tmp_path / "pattern.yaml"
    pack.write_text(PACK_HEAD + rule(1).replace("      terms:", '      patterns: ["(a+)+$"]\n      terms:'),
                    encoding="utf-8")
    refused(run_with_pack(pack), pack, "patterns", "no regular expressions")


def test_regex_like_term_is_plain_text_and_cannot_backtrack(tmp_path):
    pack = tmp_path / "literal.yaml"
    pack.write_text(PACK_HEAD + rule(1, terms='["(a+)+$"]'), encoding="utf-8")
    report = tmp_path / "aaaa.txt"
    report.write_text("a" * 200_000 + "!\n", encoding="utf-8")
    proc = run_with_pack(pack, report)
    assert proc.returncode in (0, 1), proc.stderr
    findings = {f["rule"]: f for f in json.loads(proc.stdout)["reports"][0]["findings"]}
    assert findings["local.rule-1"]["status"] == "missing"       # "aaa…!" does not say "(a+)+$"

    report.write_text("全县已写明(a+)+$。\n", encoding="utf-8")
    findings = {f["rule"]: f for f in json.loads(run_with_pack(pack, report).stdout)["reports"][0]["findings"]}
    assert findings["local.rule-1"]["status"] != "missing"       # the literal text is the term
