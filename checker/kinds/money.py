"""Per-pupil money or asset value, per year or per day (生均公用经费≥650元/生·年; 每生每天5元).

元, 万元 and 亿元 are read (the numeral parser folds them to 元); a figure is compared only where
its clause writes it per pupil (``per_terms``: 生均, 每生 …). A total (设备值达到1.2亿元, 拨付公用经费
3200万元) is on another base, shown as written. ``period: 天`` wants a daily amount (每天/每日);
a daily amount against a yearly line, or a yearly one against a daily line, is on another base.
"""
from __future__ import annotations

from .. import regexcache
from ..language.figures import quantities
from .staged import StagedKind, WrittenPerUnit, block_schema, standard_reads

PER = ("生均", "每生", "每人", "每名", "人均", "/生", "每个学生", "每名学生", "每名幼儿", "每生每")
TOTAL = ("下达", "拨付", "投入", "累计", "共计", "合计", "总额", "总值")
DAY = ("每天", "每日", "/天", "·天", "每生每天")
# An amount written per pupil after the figure: "5元/生·天", "200元/寄宿生·年", "1250元（每生每年）".
_PER_AFTER = regexcache.compile(r"\s*/\s*(?:生|人|名|学生|寄宿生|幼儿|名学生)(?:\s*[·/．.]\s*(?:年|天|日))?")
_PER_BRACKET = regexcache.compile(r"[（(](?:每生|每人|生均|每名学生)(?:每(?:年|天|日))?[）)]")


def _per_bracket_after(text: str, end: int):
    """The bracketed "（每生每年）" that closes the list the amount at ``end`` is in, within its clause."""
    hi = min(len(text), end + 80)       # (bounded: a list of amounts is short)
    stop = min([i for i in (text.find(p, end, hi) for p in "，,；;。") if i >= 0], default=hi)
    return _PER_BRACKET.search(text, end, stop + 1)


# One tier of a graded grant ("国家助学金最高档每生每年3000元", "一档2500元"): not the average the line is on.
_TIER = regexcache.compile(r"(?:最高|最低|第?[一二三四1-4])档|档次|最高(?=\s*(?:每生|每人|生均))")


class Money(StagedKind):
    NAME = "money"
    SUMMARY = ("生均（每生）金额或资产值，按年或按天：如生均公用经费≥650元/生·年、每生每天5元",
               "money or asset value per pupil, per year or per day: e.g. ≥ 650 yuan per pupil a year")
    FIELDS = {"money": block_schema({"period": {"enum": ["年", "天"]}})}

    PER = PER
    TOTAL_NAME = ("总额（投入X万元、设备值X亿元）", "a total (X 万元 spent)")

    def parse_extra(self, block: dict) -> dict:
        return {"period": block.get("period", "年")}

    def reads(self, rule, s, ctx, mod):
        return _reads(rule, s, ctx, mod)


def _reads(rule, s, ctx, mod):
    daily = rule.spec.extra.get("period") == "天"
    text = s.text

    def accept(f, item):
        if f.unit != "元":
            return None
        before = text[max(0, f.start - 10):f.start]
        written = _PER_AFTER.match(text, f.end) or _per_bracket_after(text, f.end)
        small = f.value < 20000 and any(p in item for p in PER)     # "生均教学仪器设备值：小学0.25万元"
        if any(w in before for w in TOTAL) or ("万" in f.text or "亿" in f.text) and not (written or small):
            shown = f.text.lstrip("达到为共计约近")      # the figure as written: 1.2亿元
            return (f"{shown}是总额，不是生均（每生）金额", f"{shown} is a total, not an amount per pupil")
        near = text[max(0, f.start - 8):f.end + 4] + (written.group(0) if written else "")
        if any(d in near for d in DAY) != daily:
            return None
        tier = next(reversed(list(_TIER.finditer(text, max(0, f.start - 12), f.start))), None)
        if tier:
            return (f"{f.text}是{tier.group(0)}的标准，不是平均金额", f"{f.text} is one tier ({tier.group(0)}), not the average")
        return WrittenPerUnit(f.value) if written else f.value

    reads = standard_reads(
        rule, s, ctx, quantities, accept,
        ("只有总额，不是生均（每生）金额", "a total amount, not an amount per pupil"),
        lambda f: (f"{f.text}是总额，不是生均（每生）金额", f"{f.text} is a total, not an amount per pupil"))
    if reads and all(r.what == "other" for r in reads):
        # "发放…助学金256万元，资助学生1280人，平均每生每年2000元": the total's sentence goes on to the amount
        # per pupil, in a clause with no subject of its own (平均, 补助标准为 …)
        for f in quantities(text):
            if f.unit == "元" and not any(r.fig is f for r in reads) and _per_pupil_in_thin_clause(text, f, daily):
                from .staged import Read
                return [Read(f, f.value)]
    if not reads:
        # an amount on the other period (每天 against a yearly line) is another base
        for f in quantities(text):
            near = text[max(0, f.start - 8):f.end + 4]
            if f.unit == "元" and any(d in near for d in DAY) != daily and any(p in near for p in PER):
                from .staged import Read
                zh = "按天计的金额，本指标按年计" if not daily else "按年计的金额，本指标按天计"
                reads.append(Read(f, what="other", note_zh=f"{f.text}：{zh}",
                                  note_en=f"{f.text}: {'a daily amount; the line is yearly' if not daily else 'a yearly amount; the line is daily'}"))
                break
    return reads


# The head of a clause that states an amount per pupil and nothing else: "平均每生每年2000元",
# "补助标准为每生每天5元", "资助标准分别为每生每年…".
_THIN_HEAD = regexcache.compile(r"\s*(?:平均|人均|按)?(?:(?:补助|资助|发放|拨付)?标准)?(?:分别)?(?:为|是|达到|达)?\s*"
                                r"(?:每生每年|每生每天|每生每日|每人每年|每人每天|生均)\s*(?:不低于|达到|为)?\s*$")


def _per_pupil_in_thin_clause(text: str, f, daily: bool) -> bool:
    """Whether ``f`` is the amount per pupil of a clause that names nothing else before it, on the
    rule's period."""
    head_from = max(text.rfind(sep, 0, f.start) for sep in ",，;；") + 1
    if not _THIN_HEAD.match(text[head_from:f.start]):
        return False
    return any(d in text[head_from:f.end + 4] for d in DAY) == daily


KIND = Money()
