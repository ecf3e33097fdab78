"""Elimination / veto items: each named item must be absent (无重点校、重点班; 不以考试方式招生).

Each item of ``veto.items`` is addressed when a sentence names it with an absence word (不设, 严禁,
杜绝, 无, 坚持免试 …); it fails when named as occurring (存在, 变相, 仍有). Met only when every item is
addressed (or a blanket claim, ``blanket_terms``: 无一票否决情形); some items only → unverified,
the message naming the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import regexcache
from ..language.claims import clauses
from ..model import Document, Rule
from .base import PLAN_COUNTS, Kind, words
from .common import Context, Observation, mentioning

ABSENT = ("不设", "不得", "严禁", "禁止", "杜绝", "无", "没有", "未发生", "未出现", "坚持免试", "取消", "不存在", "零",
          "不以", "不搞", "不组织", "不举办",     # (不以考试方式招生, 不搞重点班)
          "未发现", "没有发现", "未查实")        # (a 督导 finding: "未发现以考试方式招生、违规择校和设置重点校、重点班的现象")
OCCUR = ("存在", "变相", "仍有", "发生", "出现")
# "均未以考试方式招生", "未设置重点校" before the item; "（考试招生、违规择校…）均未发生" after it.
_NOT_BEFORE = regexcache.compile(r"未(?!能|完全|彻底|杜绝|根除|禁止)")
_NONE_AFTER = regexcache.compile(r"^[^,，。；;]*?(?:均|都|从|全部|一律)?(?:未|没有|无|不)(?:发生|出现|存在)")


@dataclass(frozen=True)
class VetoSpec:
    items: tuple[tuple[str, tuple[str, ...]], ...]
    blanket: tuple[str, ...] = ()


class Veto(Kind):
    NAME = "veto"
    SUMMARY = ("一票否决事项：列出的每一项都须写明不存在（如无重点校、重点班）",
               "veto items: each listed item must be stated as absent (no key schools or key classes)")
    FIELDS = {"veto": {"type": "object", "additionalProperties": False, "required": ["items"],
                       "properties": {"items": {"type": "array", "minItems": 1, "items": {
                           "type": "object", "additionalProperties": False, "required": ["name", "terms"],
                           "properties": {"name": {"type": "string"}, "terms": {"$ref": "#/$defs/terms"}}}},
                           "blanket_terms": {"$ref": "#/$defs/terms"}}}}

    def parse(self, raw: dict, normalize) -> VetoSpec:
        v = raw.get("veto") or {}
        return VetoSpec(tuple((i["name"], tuple(normalize(i["terms"]))) for i in v.get("items", [])),
                        tuple(normalize(v.get("blanket_terms", []))))

    def terms(self, rule: Rule):
        return [t for _, ts in rule.spec.items for t in ts] + list(rule.spec.blanket)

    def target_text(self, rule: Rule, year, lang: str) -> str:
        names = [n for n, _ in rule.spec.items]
        return ("无" + "、".join(names)) if lang == "zh" else "none of: " + ", ".join(names)

    def observe(self, rule: Rule, doc: Document, ctx: Context):
        sp: VetoSpec = rule.spec
        raw: list = []
        for s, mod in mentioning(rule, doc, ctx, raw):
            text = s.text
            if any(b in text for b in sp.blanket):
                raw.append((Observation(s, mod, "pass", reason="cleared"), set(range(len(sp.items)))))
                continue
            got, failed = set(), None
            for c in clauses(text):
                part = text[c.start:c.end]
                for k, (name, terms) in enumerate(sp.items):
                    t = next((t for t in terms if t in part), None)
                    if not t:
                        continue
                    before = part[:part.find(t)]
                    after = part[part.find(t) + len(t):]
                    if (any(w in before for w in ABSENT) or _NOT_BEFORE.search(before[-8:])
                            or any(w in part for w in ("严禁", "杜绝", "禁止", "不设")) or _NONE_AFTER.match(after)):
                        got.add(k)
                    elif any(w in part for w in OCCUR):
                        failed = name
            if failed:
                raw.append(Observation(s, mod, "fail", reason="figure", note_zh=f"写到存在{failed}",
                                       note_en=f"{failed} is stated as occurring"))
            elif got:
                raw.append((Observation(s, mod, "pass", reason="cleared"), got))
            else:
                raw.append(Observation(s, mod, "unquantified", reason="mention"))
        covered: dict = {}
        for o in raw:
            if isinstance(o, tuple):
                covered.setdefault(o[0].modality, set()).update(o[1])
        out = []
        for o in raw:
            if not isinstance(o, tuple):
                out.append(o)
                continue
            obs = o[0]
            rest = [n for k, (n, _) in enumerate(sp.items) if k not in covered.get(obs.modality, set())]
            if rest:
                obs = replace(obs, outcome="unquantified", reason="parts",
                              note_zh=f"只写到部分事项，未写{'、'.join(rest)}", note_en=f"only some items; missing {', '.join(rest)}")
            out.append(obs)
        return out

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        names = [n for n, _ in rule.spec.items]
        return (f"每一项（{words(names)}）都写明不存在/严禁；{PLAN_COUNTS[0]}" if zh
                else f"every item ({', '.join(names)}) is stated as absent; {PLAN_COUNTS[1]}")

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return "只写到部分事项" if zh else "only some of the items are addressed"


KIND = Veto()
