"""Metamorphic tests: verdicts that hold however a report is laid out or written.

Over the five seeds and the twenty report openings of the shared development set (read at test
time; skipped, with the reason shown, where that folder is absent), each rule's verdict — and
the report's kind and year — must be the same after:

* (a) re-wrapping every paragraph at 30 characters with hard line breaks (text copied from a PDF),
  and at 22 and 58;
* (b) a page footer line ``- N -`` every 25 lines of that wrapped text, between two halves of
  sentences;
* (c) converting the wrapped, footed text to Traditional script (OpenCC s2t);
* (d) writing its digits full-width (``２０２３``, footers ``- ３ -`` too);
* (e) adding a boilerplate sentence after every paragraph.

On a wrapped report the evidence still names the line where the deciding sentence starts.

Directed edits on sentences like the packs' examples: an achieved sentence moved under a
``下一步工作打算`` heading is planned (with the headings on their own lines or run into one
paragraph, as copied text has them); a sentence stating a result under a summary heading run
into the title line is met, whatever its verb (``坚决做好…``); prefixing ``探索`` to a met
single-clause example makes it not met.

Everything goes through the real pipeline (``checker.pipeline.analyse``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc
import pytest

from checker.evaluate import make_context
from checker.model import SourceText
from checker.packs import all_rules, load_packs
from checker.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# the shared development set next to the project (or next to the folder of work trees it is in)
OPENINGS_DIRS = [ROOT.parent / "shared" / "openings", ROOT.parent.parent / "shared" / "openings"]
OPENINGS_DIR = next((d for d in OPENINGS_DIRS if d.is_dir()), OPENINGS_DIRS[0])
OPENINGS = sorted(OPENINGS_DIR.glob("h*.txt")) if OPENINGS_DIR.is_dir() else []
NO_OPENINGS = f"the report openings are not here ({OPENINGS_DIR}); only the seeds are checked"

TEXTS = [pytest.param(p, id=p.name[:6]) for p in SEEDS]
TEXTS += ([pytest.param(p, id=p.stem) for p in OPENINGS] if OPENINGS
          else [pytest.param(None, id="openings", marks=pytest.mark.skip(reason=NO_OPENINGS))])

WIDTH = 30
EVERY = 25
BOILERPLATE = "坚持以习近平新时代中国特色社会主义思想为指导。"


@lru_cache(maxsize=1)
def rules_and_context():
    rules = all_rules(load_packs())
    return rules, make_context(rules)


def run(text: str, name: str = "report.txt"):
    rules, ctx = rules_and_context()
    return analyse(SourceText(path=name, text=text, encoding="utf-8"), rules, ctx)


def verdicts(result) -> dict[str, str]:
    return {f.rule: f.status for f in result.findings}


@lru_cache(maxsize=None)
def baseline(path: Path):
    return run(path.read_text(encoding="utf-8"), path.name)


# ---------------------------------------------------------------- the changes
def wrapped(text: str, width: int = WIDTH) -> str:
    """Every line longer than ``width`` cut into lines of ``width`` characters."""
    out = []
    for line in text.split("\n"):
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out)


def footed(text: str) -> str:
    """A page footer line "- N -" after every EVERY lines."""
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        out.append(line)
        if i % EVERY == 0:
            out.append(f"- {i // EVERY} -")
    return "\n".join(out)


@lru_cache(maxsize=1)
def _s2t():
    return opencc.OpenCC("s2t").convert


def traditional(text: str) -> str:
    return _s2t()(text)


def fullwidth_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def with_boilerplate(text: str) -> str:
    return "\n".join(line + BOILERPLATE if line.rstrip().endswith("。") else line for line in text.split("\n"))


CHANGES = {
    "wrapped": wrapped,
    "wrapped-22": lambda t: wrapped(t, 22),
    "wrapped-58": lambda t: wrapped(t, 58),
    "footers": lambda t: footed(wrapped(t)),
    "traditional": lambda t: traditional(footed(wrapped(t))),
    "fullwidth": lambda t: fullwidth_digits(footed(wrapped(t))),
    "boilerplate": with_boilerplate,
}


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("path", TEXTS)
def test_verdicts_do_not_depend_on_layout_or_script(path, change):
    before = baseline(path)
    after = run(CHANGES[change](path.read_text(encoding="utf-8")), path.name)
    moved = {r: (s, verdicts(after).get(r)) for r, s in verdicts(before).items() if verdicts(after).get(r) != s}
    assert not moved, f"{path.name}, {change}: verdicts changed (before, after): {moved}"
    assert (after.kind, after.year) == (before.kind, before.year)


@pytest.mark.parametrize("path", TEXTS)
def test_evidence_of_a_wrapped_report_names_the_line_where_the_sentence_starts(path):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    # wrapped line number of each original line's first character
    first = [1]
    for line in lines:
        first.append(first[-1] + max(1, -(-len(line) // WIDTH)))
    before = {f.rule: f for f in baseline(path).findings}
    after = run(wrapped(text), path.name)
    for f in after.findings:
        if not f.evidence:
            continue
        e, b = f.evidence[0], before[f.rule].evidence[0]
        assert e.text == b.text, f"{f.rule}: the wrapped sentence is quoted whole"
        column = lines[b.line - 1].find(b.text)
        if column < 0:
            continue     # the original itself breaks that sentence over lines (a PDF copy)
        assert e.line == first[b.line - 1] + column // WIDTH, f"{f.rule}: {e.text[:30]}"


# ---------------------------------------------------------------- directed edits
# (rule, a sentence stating the target as achieved), written like the packs' examples
ACHIEVED = [
    ("jianfu.after-school.school-coverage", "全县义务教育学校课后服务实现全覆盖。"),
    ("safety.guard-post-coverage", "全县中小学幼儿园护学岗设置率达到100%。"),
    ("jianfu.homework.publicity", "全县中小学全面建立作业公示制度。"),
    ("access.dropout-control", "全县义务教育巩固率达到99.2%。"),
]
FILLER = "全面加强党的建设，各项工作取得新进展。"


def status_of(text: str, rule_id: str) -> str:
    return next(f.status for f in run(text).findings if f.rule == rule_id)


@pytest.mark.parametrize("run_in", [False, True], ids=["own lines", "run into one paragraph"])
@pytest.mark.parametrize("rule_id,sentence", ACHIEVED, ids=[a[0] for a in ACHIEVED])
def test_an_achieved_sentence_moved_under_the_plan_heading_is_planned(rule_id, sentence, run_in):
    title = "某县教育局2023年工作总结及2024年工作打算"
    done = ["一、2023年工作总结", "(一)基础教育优质均衡发展。"]
    plan = ["二、下一步工作打算", "(一)持续推进教育公平。" + FILLER]
    join = "".join if run_in else "\n".join
    here = title + "\n" + join(done + [sentence + FILLER] + plan)
    moved = title + "\n" + join(done + [FILLER] + plan + [sentence])
    assert status_of(here, rule_id) == "met"
    assert status_of(moved, rule_id) == "planned"


@pytest.mark.parametrize("rule_id,sentence", ACHIEVED, ids=[a[0] for a in ACHIEVED])
def test_a_result_stated_with_a_firm_verb_stays_achieved(rule_id, sentence):
    # 坚决做好… is how a summary says what it did; the title and headings are run into one
    # numbered paragraph, as a document-sharing site's copy has them
    text = ("1、某县教育局2023年工作总结及2024年工作计划一、2023年工作总结(一)基础教育均衡发展。"
            f"坚决做好控辍保学和课后服务各项工作，{sentence}(二)教师队伍建设持续加强。{FILLER}"
            f"二、2024年工作计划(一)持续推进教育公平。{FILLER}")
    result = run(text)
    finding = next(f for f in result.findings if f.rule == rule_id)
    assert (result.kind, result.year) == ("mixed", 2023)
    assert finding.status == "met" and finding.evidence[0].modality == "achieved", finding.message_zh


def _met_single_clause_examples():
    out = []
    for rule in all_rules(load_packs()):
        for i, ex in enumerate(rule.examples):
            one_clause = not any(c in ex.text.rstrip("。") for c in ",，:：;；")
            if ex.status == "met" and ex.kind == "summary" and not ex.context and one_clause:
                out.append(pytest.param(rule.id, ex.text, ex.year, id=f"{rule.id}-{i + 1}"))
    return out


@pytest.mark.parametrize("rule_id,text,year", _met_single_clause_examples())
def test_prefixing_explore_to_a_met_example_makes_it_not_met(rule_id, text, year):
    rules, ctx = rules_and_context()
    rule = next(r for r in rules if r.id == rule_id)
    src = SourceText(path="example.txt", text="探索" + text, encoding="utf-8")
    finding = analyse(src, [rule], ctx, kind="summary", year=year).findings[0]
    assert finding.status != "met", f"探索{text}"
    assert finding.status == "unverified" and "工作仍在推进中" in finding.message_zh
