"""Hostile packs (issue 18, items 4, 7, 10, 12, 16): non-finite and huge numbers, impossible dates,
a 500-pack extends chain, a pack at every documented limit, escape sequences, an empty --pack."""
from __future__ import annotations

import json
import random

import pytest

from .support import UNMET_LINE, checked, err_text, one_line_error, run_cli, statuses

BASE = """pack:
  id: t.base
  version: "1.0.0"
  title: {zh: 测试, en: Test}
rules:
  - id: t.rate
    title: {zh: 巩固率, en: Rate}
    severity: error
    weight: 2
    check: threshold
    subject:
      terms: [巩固率]
    metric:
      threshold: {comparator: ">=", value: 95, unit: "%"}
      terms: [巩固率]
    examples:
      - {text: "义务教育巩固率达到96%。", status: met}
      - {text: "义务教育巩固率达到90%。", status: unmet}
"""


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(f"一、主要工作\n{UNMET_LINE}\n", encoding="utf-8")
    return path


def write(tmp_path, text: str, name: str = "p.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new", [("weight: 2", "weight: .nan"), ("value: 95", "value: .nan"),
                                     ("value: 95", "value: .inf"), ("weight: 2", "weight: -.inf"),
                                     ("value: 95", "value: 1.0e+999")])
def test_item7_non_finite_numbers_refused_at_file_line_column(tmp_path, report, old, new):
    pack = write(tmp_path, BASE.replace(old, new))
    proc = run_cli("-f", "json", "--pack", pack, report)
    err = err_text(proc)
    assert proc.returncode == 2, err
    line = BASE.replace(old, new).split("\n").index(next(ln for ln in BASE.replace(old, new).split("\n")
                                                         if new in ln)) + 1
    assert f"p.yaml:{line}:" in err and "有限数" in err
    assert not proc.stdout                                   # no NaN document written


def test_item7_score_is_never_nan_and_json_never_holds_nan():
    import math

    from checker.model import Finding
    from checker.score import weighted_score

    f = Finding(rule="r", status="met", severity="error", category="c", weight=float("inf"), value=None,
                unit=None, threshold=None, message_zh="", message_en="")
    score = weighted_score([f, f])
    assert score is not None and math.isfinite(score)
    with pytest.raises(ValueError):
        json.dumps({"score": float("nan")}, allow_nan=False)


@pytest.mark.parametrize("value", ["2024-02-30", "2023-13-01", "0000-01-01", "9" * 400, "1" * 5000])
def test_item10_impossible_dates_and_huge_integers_in_a_pack(tmp_path, report, value):
    text = BASE.replace("  title: {zh: 测试, en: Test}\n", f"  title: {{zh: 测试, en: Test}}\n  released: {value}\n")
    if value.isdigit():
        text = BASE.replace("value: 95", f"value: {value}")
    proc = run_cli("--pack", write(tmp_path, text), report)
    err = one_line_error_or_block(proc)
    assert "p.yaml:" in err and ("日期不存在" in err or "整数位数过多" in err), err


def one_line_error_or_block(proc) -> str:
    """Exit 2, no traceback; a pack error is one headline (plus the caret block of YAML errors)."""
    err = err_text(proc)
    assert proc.returncode == 2, err
    assert err.splitlines()[0].startswith("govedu-check: ")
    return err


def test_item10_extends_chain_of_500_packs(tmp_path, report):
    folder = tmp_path / "chain"
    folder.mkdir()
    for i in range(500):
        text = BASE.replace("id: t.base", f"id: t.p{i}").replace("id: t.rate", f"id: t.rate{i}")
        if i:
            text = text.replace("  title: {zh: 测试, en: Test}\n",
                                f"  title: {{zh: 测试, en: Test}}\n  extends: [t.p{i - 1}]\n", 1)
        (folder / f"p{i:03d}.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("-f", "json", "--pack", folder, report, timeout=600)
    result = statuses(checked(proc)["reports"][0])
    assert result["t.rate0"] == result["t.rate499"] == ("unmet", 80.0)


@pytest.mark.slow
def test_item4_pack_at_every_documented_limit(tmp_path, report):
    """312 rules × 500 terms (75–112 s before): the term index is built in linear time."""
    from checker.packs.source import MAX_TERMS

    rng = random.Random(18)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    rules = []
    for r in range(312):
        terms = ", ".join("".join(rng.choice(han) for _ in range(3)) for _ in range(MAX_TERMS))
        rules.append(f"""  - id: big.r{r}
    title: {{zh: 规则{r}, en: Rule {r}}}
    severity: warning
    check: presence
    subject:
      terms: [{terms}]
    examples:
      - {{text: "加强校园安全。", status: missing}}
""")
    pack = write(tmp_path, 'pack:\n  id: big.pack\n  version: "1.0.0"\n  title: {zh: 大, en: Big}\nrules:\n'
                 + "".join(rules))
    proc = run_cli("-f", "json", "--pack", pack, report, timeout=300)
    result = statuses(checked(proc)["reports"][0])
    assert result["access.dropout-control"] == ("unmet", 80.0)
    assert len([r for r in result if r.startswith("big.r")]) == 312


def test_item12_escape_sequences_in_titles_are_shown_not_run(tmp_path, report):
    text = BASE.replace("title: {zh: 巩固率, en: Rate}",
                        'title: {zh: "巩固率\\e[2J\\e]0;pwn\\a\\x9b31m\\u202eabc", en: "Rate\\e[31m"}')
    pack = write(tmp_path, text)
    for args in (["--pack", pack, report], ["packs", "show", "t.base", "--pack", pack],
                 ["explain", "t.rate", "--pack", pack]):
        proc = run_cli(*args)
        out = proc.stdout.decode("utf-8", "replace") + err_text(proc)
        for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert raw not in out, (args, raw)
    proc = run_cli("explain", "t.rate", "--pack", pack)
    assert "\\x1b[2J" in proc.stdout.decode("utf-8")        # shown as text, readable


def test_item16_pack_folder_without_yaml(tmp_path, report):
    empty = tmp_path / "packs"
    empty.mkdir()
    (empty / "README.txt").write_text("no packs here", encoding="utf-8")
    proc = run_cli("--pack", empty, report)
    err = err_text(proc)
    assert proc.returncode == 2 and "没有规则包" in err and "packs" in err
