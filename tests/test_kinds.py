"""A check kind is one unit: the registry, the pack schema, validation and explain derive from it.

The toy kind is written to a temporary module file, imported and registered; no file of the
project is touched, yet a pack using it validates, its examples evaluate, and explain describes it.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from checker import kinds
from checker.cli.packs import explain_data
from checker.evaluate import evaluate_rule, make_context
from checker.model import SourceText
from checker.packs import check_pack_file, pack_schema
from checker.packs.schema import schema_file
from checker.reading.normalize import normalize
from checker.reading.structure import structure

TOY_MODULE = '''
"""A toy kind: met when the sentence names one of the rule's `toy.words` beside the subject."""
from dataclasses import dataclass

from checker.kinds.base import Kind, Problem
from checker.kinds.common import Observation, mentioning


@dataclass(frozen=True)
class ToySpec:
    words: tuple = ()


class Toy(Kind):
    NAME = "toy"
    SUMMARY = ("玩具：写到指定的词即达标", "toy: met when one of its words is written")
    FIELDS = {"toy": {"type": "object", "additionalProperties": False, "required": ["words"],
                      "properties": {"words": {"$ref": "#/$defs/terms"}}}}

    def parse(self, raw, normalize):
        return ToySpec(words=tuple(normalize((raw.get("toy") or {}).get("words", []))))

    def problems(self, raw):
        words = (raw.get("toy") or {}).get("words", [])
        return [Problem(("toy",), "toy.words repeats a word", "write each word once", key="words")] \\
            if len(set(words)) != len(words) else []

    def terms(self, rule):
        return rule.spec.words

    def observe(self, rule, doc, ctx):
        out = []
        for s, mod in mentioning(rule, doc, ctx, out):
            hit = any(w in s.text for w in rule.spec.words)
            out.append(Observation(s, mod, "pass" if hit else "unquantified", reason="measure" if hit else "mention"))
        return out

    def met_meaning(self, rule, target, zh):
        return ("写到：" if zh else "one of: ") + "、".join(rule.spec.words)


KIND = Toy()
'''

TOY_PACK = """\
pack: {id: county.toy, version: "1.0.0"}
rules:
  - id: county.toy-rule
    title: {zh: 玩具规则, en: Toy rule}
    severity: warning
    check: toy
    subject: {terms: [课后服务]}
    toy: {words: [全覆盖, 百分之百]}
    examples:
      - {text: "课后服务实现全覆盖。", status: met}
      - {text: "积极开展课后服务。", status: unverified}
      - {text: "加强师德师风建设。", status: missing}
"""


@pytest.fixture
def toy_kind(tmp_path):
    path = tmp_path / "toy_kind.py"
    path.write_text(TOY_MODULE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("toy_kind", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    kinds.register(module.KIND)
    yield module.KIND
    kinds.unregister("toy")


def test_the_shipped_schema_file_agrees_with_the_registered_kinds():
    # The enum, each kind's own fields and the threshold rule of schemas/policy-pack.schema.json
    # are exactly what the kinds declare (editors validate with the file; the checker with the kinds).
    assert pack_schema() == schema_file()
    assert pack_schema()["$defs"]["rule"]["properties"]["check"]["enum"] == sorted(kinds.KINDS)
    assert set(kinds.KINDS) == {"presence", "threshold", "ratio", "elimination", "measure",
                                # the 督导 indicator kinds (catalog v2 §0)
                                "per100", "area", "money", "share", "coef", "staffing", "maximum", "per_unit",
                                "frequency", "clock", "trend", "composite", "veto"}


def test_every_kind_declares_itself(tmp_path):
    for name, kind in kinds.KINDS.items():
        assert kind.NAME == name and kind.SUMMARY[0] and kind.SUMMARY[1]
        assert kind.THRESHOLD in ("none", "optional", "required")


def test_a_toy_kind_in_its_own_module_validates_evaluates_and_explains(tmp_path, toy_kind):
    pack_file = tmp_path / "toy.yaml"
    pack_file.write_text(TOY_PACK, encoding="utf-8")
    assert "toy" in pack_schema()["$defs"]["rule"]["properties"]["check"]["enum"]
    pack, problems = check_pack_file(str(pack_file))
    assert problems == [] and pack is not None
    [rule] = pack.rules
    assert rule.check == "toy" and rule.spec.words == ("全覆盖", "百分之百")

    ctx = make_context([rule])
    for ex in rule.examples:
        doc = structure(normalize(SourceText("example.txt", ex.text, "utf-8")), kind=ex.kind)
        assert evaluate_rule(rule, doc, ctx).status == ex.status, ex.text

    info = explain_data(rule, pack, [])
    assert info["check"] == "toy" and info["spec"] == {"words": ["全覆盖", "百分之百"]}
    assert info["statuses"]["met"]["zh"] == "写到：全覆盖、百分之百"
    json.dumps(info, ensure_ascii=False)        # explain --format json can print it


def test_the_toy_kind_own_validation_and_fields_are_enforced(tmp_path, toy_kind):
    bad = tmp_path / "bad.yaml"
    bad.write_text(TOY_PACK.replace("[全覆盖, 百分之百]", "[全覆盖, 全覆盖]"), encoding="utf-8")
    _, problems = check_pack_file(str(bad))
    assert [p.message for p in problems] == ["toy.words repeats a word"]
    assert problems[0].line == 8            # at the rule's toy: key, as every pack problem is
    # A field of another kind on a toy rule would be ignored: refused.
    other = tmp_path / "other.yaml"
    other.write_text(TOY_PACK.replace("    toy: {words", "    ratio: {base_terms: [符合条件]}\n    toy: {words"),
                     encoding="utf-8")
    _, problems = check_pack_file(str(other))
    assert any("ratio is not used by a toy check" in p.message for p in problems)


def test_without_registration_the_kind_is_unknown(tmp_path):
    pack_file = tmp_path / "toy.yaml"
    pack_file.write_text(TOY_PACK, encoding="utf-8")
    pack, problems = check_pack_file(str(pack_file))
    assert pack is None and any("'toy' is not allowed" in p.message for p in problems)
