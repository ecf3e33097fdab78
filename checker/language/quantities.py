"""Numbers and quantities in normalized (NFKC, Simplified) report text.

We parse numerals ourselves instead of using cn2an, because cn2an rewrites ordinary words
(教师队伍 → 教师队5, 进一步 → 进1步). Public API:

* ``parse_chinese_number(s)``: a pure numeral string ("一千二百", "二〇二一", "48,143", "1.1万")
  as a float, or None.
* ``to_chinese_numeral(n)``: 0 ≤ n < 10**12 as standard Chinese numerals (105 → 一百零五).
* ``find_quantities(text)``: every quantity in ``text``, left to right, non-overlapping;
  ``start``/``end`` index ``text`` and ``q.text == text[q.start:q.end]``.

Conventions of ``find_quantities``:

* A Chinese numeral is a number only when a unit or measure word follows it (三所, 两万三千人),
  or 第 / 百分之 precedes it. Arabic digits are always a number (unit None when none follows).
  Chinese numerals inside words are not numbers: 统一, 之一, 十分, 十四五 (malformed),
  一批/一起 (idiom), 一人一档/一年一度 (一 + measure + 一), 三位一体.
* Multipliers are folded into the value and the unit is the base unit: ``1.1万人`` → 11000 人,
  ``9万余人次`` → 90000 人次. Money likewise is always in 元: ``48143万元`` → 481430000 元,
  ``3.23亿元`` → 323000000 元.
* ``%`` and ``个百分点`` quantities have kind "percent" (``百分之九十八点二`` → 98.2 %; a fraction of 2 to 10
  parts is one too: ``三分之二`` → 66.7 %, ``近三分之一`` just below 33.3 %).
* comparator: what the written number is to the value it reports (its polarity):
  ">=" 以上/及以上/不低于/不少于/达到/至少; "<=" 以下/以内/不超过/不高于/至多;
  ">" 超过/高于/多于/逾 and 余/多 after the number (200余名); "<" 不满/未满/不足/低于/少于/不到,
  a negated attainment (未达到/未达/没有达到/尚未实现 85%) and a gap (距85%的目标还有差距);
  "~" 约/大约/左右 (either side of the number); "~<" 近/将近/接近 (just below it: 近八成 is
  under 80%). A boundary word wins over 余/多, which win over 约/近.
  近 before a span of time (近三年, 近5年) means "the last N years", so it is no comparator.
  Comparator words are part of the span only when adjacent to the number.
* Tenths and halves are percentages: 八成 → 80 %, 八成以上 → ≥80 %, 半数 → 50 %,
  过半/超过半数 → >50 %.
* Ranges (3-5所, 3至5所, 三到五所, 3%-5%): value is the low end, ``high`` the high end.
* kind "ordinal": 第三期 → 3, unit 期 (unit None when no measure word follows, 第一).
  N年级 is an ordinal too (unit 年级).
* kind "year": a 4-digit year 1949–2099 followed by 年/年度 (2021年, 二〇二一年); unit None.
  Year ranges (2021-2025, 2021—2025年, 2020-2021学年): value 2021, high 2025.
* kind "date": one Quantity spans the whole date; unit None;
  value = year*10000 + month*100 + day with unknown parts 0: 2021年7月24日 → 20210724,
  202110月 → 20211000, 7月24日 → 724, 98日 (= 9月8日) → 908, 24日 → 24.
  Digit runs whose separators were lost are dates: YYYY+M[D]D+日 (2021724日), YYYY+M+月
  (202110月), M+D+日 with 2–4 digits that is no day of month on its own (98日, 1231日) and
  7–8-digit runs that are a valid YYYYMMDD/YYYYMDD unless a count unit follows (2021619周岁).
* kind "composite": N个 + label, quotes allowed around the label: 四个100% and 两个全覆盖 →
  count N, value 100, unit "%"; 两个只增不减 → count 2, value 0.0, unit "只增不减".
* Digit runs longer than 30 characters (identifiers, noise) and Chinese numeral runs longer than
  40 characters are not numbers. Every scan is linear in the length of the text.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

from .. import regexcache
from ..model import Quantity

__all__ = ["parse_chinese_number", "to_chinese_numeral", "find_quantities"]

# ---------------------------------------------------------------- numeral tables

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿"
# Characters of a digit-by-digit numeral (二〇二一). 两 is never used that way.
_CN_DIGITWISE = "零〇一二三四五六七八九"
# Multipliers written after Arabic digits (1.1万, 3.23亿). 千/百 alone are left out of
# find_quantities because 3千米 is 3 km, not 3000 米.
_MULTIPLIERS = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4}
_PARSE_MULTIPLIERS = dict(_MULTIPLIERS, 千=1000, 百=100)

_MAX_ARABIC_DIGITS = 30
_MAX_CN_RUN = 40

_ARABIC_RE = regexcache.compile(r"[0-9]+")
_ARABIC_FULL_RE = regexcache.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_MIXED_RE = regexcache.compile(r"([0-9][0-9,.]*)(万亿|千万|百万|亿|万|千|百)")
# 点 belongs to a numeral only when a digit follows it (九十八点二, but not 一点 or 重点).
_CN_RUN_RE = regexcache.compile("(?:[%s]|点(?=[%s]))+" % (_CN_NUM_CHARS, _CN_DIGITWISE))
_ISO_DATE_RE = regexcache.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")


# ---------------------------------------------------------------- parse_chinese_number

def _parse_section(s: str) -> Optional[int]:
    """A numeral below 10000 (一千零五, 二十四, 一百五). None if malformed (十四五)."""
    total, pending, last_unit, zero = 0, None, 10**4, False
    for ch in s:
        if ch in "零〇":
            if pending is not None:     # "五零" is not positional notation
                return None
            zero = True
        elif ch in _CN_DIGITS:
            if pending is not None:     # two digits in a row: 十四五
                return None
            pending = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            if unit >= last_unit:       # units must descend: 一百千 is malformed
                return None
            if pending is None and ch != "十":   # only 十 may stand without a coefficient
                return None
            total += (1 if pending is None else pending) * unit
            last_unit, pending, zero = unit, None, False
        else:
            return None
    if pending is not None:
        # A digit right after a unit is the next place down (一百五 = 150); after 零 it is units.
        total += pending if zero or last_unit == 10**4 else pending * last_unit // 10
    return total


def _parse_group(s: str, place: int) -> Optional[int]:
    """The part after 万 or 亿: "" is 0, a lone digit is an abbreviation (两万三 = 23000)."""
    if s == "":
        return 0
    if len(s) == 1 and s in _CN_DIGITS and _CN_DIGITS[s] and s not in "零〇":
        return _CN_DIGITS[s] * place // 10
    return _parse_section(s)


def _parse_wan(s: str) -> Optional[int]:
    """A numeral below 10**8, i.e. with at most one 万."""
    if "万" not in s:
        return _parse_section(s) if s else None
    hi, _, lo = s.partition("万")
    high = _parse_section(hi) if hi else None
    low = _parse_group(lo, 10**4) if "万" not in lo else None
    if not high or low is None or low >= 10**4:
        return None
    return high * 10**4 + low


def _parse_cn_integer(s: str) -> Optional[int]:
    if "亿" not in s:
        return _parse_wan(s)
    hi, _, lo = s.partition("亿")
    high = _parse_wan(hi) if hi else None
    low = None if "亿" in lo else (_parse_group(lo, 10**8) if len(lo) <= 1 else _parse_wan(lo))
    if not high or low is None or low >= 10**8:
        return None
    return high * 10**8 + low


def _parse_cn(s: str) -> Optional[tuple[Decimal, bool]]:
    """(value, written digit by digit) of a Chinese numeral, or None."""
    if not s or len(s) > _MAX_CN_RUN:
        return None
    if len(s) > 1 and all(ch in _CN_DIGITWISE for ch in s):     # 二〇二一
        return Decimal("".join(str(_CN_DIGITS[ch]) for ch in s)), True
    whole, dot, frac = s.partition("点")
    if dot and (not frac or any(ch not in _CN_DIGITWISE for ch in frac)):
        return None
    if whole in ("零", "〇"):
        integer = 0
    else:
        integer = _parse_cn_integer(whole) if whole else None
    if integer is None:
        return None
    if not dot:
        return Decimal(integer), False
    return Decimal(f"{integer}." + "".join(str(_CN_DIGITS[ch]) for ch in frac)), False


def _parse_arabic(s: str) -> Optional[Decimal]:
    if len(s) > 2 * _MAX_ARABIC_DIGITS or not _ARABIC_FULL_RE.fullmatch(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:   # pragma: no cover - the regex already guarantees a literal
        return None


def parse_chinese_number(s: str) -> Optional[float]:
    """The value of a pure numeral string, or None when ``s`` is not one number.

    Accepts Chinese numerals (一千二百, 两万三千, 九十八点二, 二〇二一), Arabic numerals with
    decimals and thousands commas (48,143) and Arabic numerals with a Chinese multiplier
    (1.1万, 3.23亿).
    """
    if not isinstance(s, str):
        return None
    s = s.strip()
    if not s or len(s) > 2 * _MAX_ARABIC_DIGITS:
        return None
    if "0" <= s[0] <= "9":
        mixed = _MIXED_RE.fullmatch(s)
        if mixed:
            base = _parse_arabic(mixed.group(1))
            return None if base is None else float(base * _PARSE_MULTIPLIERS[mixed.group(2)])
        value = _parse_arabic(s)
        return None if value is None else float(value)
    parsed = _parse_cn(s)
    return None if parsed is None else float(parsed[0])


# ---------------------------------------------------------------- to_chinese_numeral

_DIGIT_CHARS = "零一二三四五六七八九"


def _section_to_cn(n: int) -> str:
    """1…9999 → 一千零五 style (a 零 for each run of inner zeros, none at the end)."""
    out, zero = [], False
    for digit, unit in zip(f"{n:04d}", ("千", "百", "十", "")):
        if digit == "0":
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGIT_CHARS[int(digit)] + unit)
    return "".join(out)


def to_chinese_numeral(n: int) -> str:
    """A non-negative integer below 10**12 in standard Chinese numerals (10 → 十, 105 → 一百零五)."""
    n = int(n)
    if not 0 <= n < 10**12:
        raise ValueError(f"to_chinese_numeral supports 0 ≤ n < 10**12, not {n}")
    if n == 0:
        return "零"
    out, gap = [], False
    for group, unit in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if group == 0:
            gap = bool(out)         # a whole zero group inside the number needs one 零
            continue
        if out and (gap or group < 1000):
            out.append("零")
        out.append(_section_to_cn(group) + unit)
        gap = False
    text = "".join(out)
    # 一十 is written 十 at the very start (十二, 十万), but kept inside (一百一十).
    return text[1:] if text.startswith("一十") else text


# ---------------------------------------------------------------- units and context words

# surface → (normalized unit, characters that, right after the surface, show it is part of a
# word rather than a measure word: 3所有 is not "3 schools", 一次性 is not "once").
_UNITS: dict[str, tuple[str, str]] = {
    "个百分点": ("个百分点", ""), "百分点": ("个百分点", ""), "%": ("%", ""),
    "个工作日": ("工作日", ""), "工作日": ("工作日", ""), "个月": ("个月", ""),
    "人次": ("人次", ""), "场次": ("场次", ""), "批次": ("批次", ""), "所次": ("所次", ""),
    "平方米": ("平方米", ""), "平米": ("平方米", ""), "m2": ("平方米", ""),
    "公里": ("公里", ""), "千米": ("公里", ""), "小时": ("小时", ""), "个小时": ("小时", ""), "分钟": ("分钟", ""),
    "课时": ("课时", ""), "学时": ("学时", ""), "学分": ("学分", ""), "学期": ("学期", ""),
    "周岁": ("岁", ""), "周年": ("周年", ""), "年级": ("年级", ""),
    "人": ("人", "民"), "名": ("名", "单称义列片牌誉额"), "所": ("所", "有在属以谓得需长"),
    "个": ("个", ""), "家": ("家", "长庭乡属园"), "项": ("项", ""), "处": ("处", "理置分长室于罚"),
    "次": ("次", "性日序要"), "场": ("场", "所地馆景面合"), "期": ("期", "间待望末中限刊盼许"),
    "元": ("元", "旦素宵"), "天": ("天", "然津地下空气堂"), "年": ("年", "轻龄纪鉴华会薪货画味糕"),
    "班": ("班", "子级主长车"), "间": ("间", "断隔接"), "套": ("套", ""),
    "批": ("批", "评准复示阅改"), "起": ("起", "来步点草码始源诉因飞"),
    "条": ("条", "件例款龙幅"), "节": ("节", "约日点能奏"), "枚": ("枚", ""),
    "分": ("分", "之别配类析层批校享工管担散期段"), "届": ("届", ""),
    "周": ("周", "边末期全到密围转"), "岁": ("岁", "月"), "台": ("台", "阶账湾风"),
    "辆": ("辆", ""), "件": ("件", ""), "例": ("例", "如外行"), "篇": ("篇", "章幅"),
    "轮": ("轮", "岗流换训"), "位": ("位", "置于列"), "类": ("类", "似型别"),
    "种": ("种", "植类子"), "门": ("门", "户口诊槛类"), "座": ("座", "谈位"), "张": ("张", "贴"),
    "户": ("户", "籍外口"), "支": ("支", "持部教援付出撑柱"), "组": ("组", "织建成长合"),
    "队": ("队", "伍员长"), "亩": ("亩", ""), "米": ("米", ""), "倍": ("倍", ""),
    "块": ("块", "儿"), "册": ("册", ""),
    # 成 is a tenth (八成 = 80%); _measured turns it into %. Only after 1–10 (_unit_for).
    "成": ("成", "立为果效绩功长员本人熟就型才交品都了年"),
}
_UNIT_LENGTHS = sorted({len(s) for s in _UNITS}, reverse=True)
_PERCENT_UNITS = ("%", "个百分点")
# Units read after a space as well (a number is not a year here: years are read before units are).
_SPACED_UNITS = ("%", "个百分点", "人", "名", "所", "个", "元", "万元", "平方米", "小时", "分钟", "间", "班", "节", "课时")
# Time spans after which 近 means "the last N" (近三年), not "nearly".
_SPAN_UNITS = ("年", "个月", "天", "周", "期", "届", "学期")

# Measure words an ordinal may carry (第三期, 第二批, 第57届).
_ORDINAL_MEASURES = sorted(
    ("季度", "学期", "学年", "阶段", "批次", "期", "批", "届", "次", "个", "名", "条", "项",
     "轮", "年", "节", "章", "款", "位", "场", "所", "家", "周", "天", "组", "类", "级"),
    key=len, reverse=True)

# Comparator words written before the number, longest first so 不少于 wins over 少于.
_HEDGES = ("基本上", "基本", "初步", "总体上", "总体", "大体上", "大体", "原则上", "理论上")
_PREFIXES = sorted((
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("达到", ">="), ("至少", ">="),
    ("不超过", "<="), ("不高于", "<="), ("不多于", "<="), ("不大于", "<="), ("未超过", "<="),
    ("至多", "<="),
    ("超过", ">"), ("高于", ">"), ("多于", ">"), ("大于", ">"),
    ("不满", "<"), ("未满", "<"), ("不足", "<"), ("低于", "<"), ("少于", "<"), ("小于", "<"), ("不到", "<"),
    ("未达到", "<"),
    ("逾", ">"),
    ("大约", "~"), ("约", "~"),
    # with a verb between: 约为100%, 约达95%, 约占60%, 大致为90% (round figures, as 约100% is)
    ("大约为", "~"), ("约为", "~"), ("约达到", "~"), ("约达", "~"), ("约占", "~"), ("大致为", "~"), ("大概为", "~"),
    # 近 is "nearly": just below the number (近八成 is under 80%), not either side of it as 约 is
    ("将近", "~<"), ("接近", "~<"), ("几乎", "~<"), ("近乎", "~<"), ("几近", "~<"), ("逼近", "~<"), ("趋近", "~<"),
    # with a verb between: 几乎达到百分之百, 接近达到95%
    ("几乎达到", "~<"), ("接近达到", "~<"), ("近乎达到", "~<"), ("几近达到", "~<"), ("将近达到", "~<"), ("几乎达", "~<"),
    ("近", "~<"),
) + tuple(
    # A hedged attainment is about the number, not certainly at it: 基本达到95%, 初步实现100%,
    # 总体达到90%, 原则上达到100% (met only when clearly above the target, as 约95% is).
    (hedge + mid + word, "~")
    for hedge in _HEDGES
    for mid in ("", "均", "都", "全部")         # 基本均达100%
    for word in ("达到", "达", "实现")
) + tuple(
    # A negated attainment is a bound the value stays under: 未达到85%, 没有达到100%, 未达100%
    # and 尚未实现100% are below the number, 未超过5% is at most 5%. One product instead of a
    # list of spellings, so every negation word goes with every attainment word.
    (neg + word, comparator)
    for neg in ("还没有", "尚未", "仍未", "还未", "并未", "没有", "没", "未")
    for word, comparator in (("达到", "<"), ("达", "<"), ("实现", "<"), ("超过", "<="), ("高于", "<="))
), key=lambda p: len(p[0]), reverse=True)
_PREFIX_LAST_CHARS = {word[-1] for word, _ in _PREFIXES}   # a cheap test before the full scan
# 约/近 that end another word: 签约3所 is "signed with 3", 最近3年 is "the last 3 years".
_NOT_BEFORE_YUE = set("签节制公预相特履违合简契婚邀守条")
_NOT_BEFORE_JIN = set("附最亲靠邻就")

# Comparator words written after the quantity (以上/以下/以内 include the number).
_SUFFIXES = (("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="),
             ("以内", "<="), ("之内", "<="), ("左右", "~"), ("上下", "~"))
# 没有/无 right before a count of one: "没有一个班级超过标准班额", "没有一所学校规模达到2000人以上" count none.
NONE_BEFORE = regexcache.compile(r"(?:没有|无|不存在|并无|未有)(?:任何|哪)?$")
# "距85%的目标还有差距", "与100%尚有一定差距", "离100%还差2所": the number is a target the value has not reached.
# Both halves are needed: 距学校3公里 is a distance, 还有差距 alone names no figure.
GAP_BEFORE = regexcache.compile(r"(?:距离|距|离|与)(?:目标|目标值)?$")
GAP_AFTER = regexcache.compile(r"(?:的)?(?:目标值?|要求|标准)?(?:还|尚|仍然?|依然)?(?:有|存在|相差|差)"
                       r"(?:一定|较大|不小|明显|一些)?(?:的)?(?:差距|距离)"
                       # "离100%还差2所学校": a shortfall counted
                       r"|(?:还|尚|仍然?)差\s*(?:\d+|[一二两三四五六七八九十]+)"
                       # "离全覆盖还很远"
                       r"|(?:还|尚|仍然?)(?:很|比较|相当|十分)?远")

# The largest or smallest of the units, right before the number: a bound on every unit, not a level.
_EXTREME = regexcache.compile(r"(最高|最多|最大|最低|最少|最小)(?:的)?(?:为|是|达到?|仅)?\s*$")

# Right after a number: it is still to be reached ("巩固率达到98%还需努力", "…尚需时日").
PENDING_AFTER = regexcache.compile(r"\s*(?:的目标|的任务)?(?:还|仍|尚)(?:(?:需要?|须|待|有待)(?:努力|时日|时间|加大|加强|进一步)?"
                                   r"|(?:有|存在)(?:一定|较大|不小)?(?:的)?差距)")

_RANGE_SEPS = "-—–~〜至到"

# A Chinese numeral right after one of these is part of a word: 统一, 唯一, 之一, 初三.
_LEFT_WORD_CHARS = set("统唯同单逐专归划如始终合之其每")    # 每一所 is "every", not one
# 一 with these measure words is idiom, not a count: 一批 (a number of), 一起 (together).
_IDIOMATIC_WITH_ONE = ("批", "起")
# Set phrases that look like numeral + measure word but count nothing.
_IDIOMS = ("三位一体", "一条龙", "一班人", "一家人", "一次性", "一成不变")

_OPEN_QUOTES = "“\"'‘「『"
_CLOSE_QUOTES = "”\"'’」』"
# Composite labels after N个: (label, value, unit).
_COMPOSITE_LABELS = (("100%", 100.0, "%"), ("百分之百", 100.0, "%"), ("百分之一百", 100.0, "%"),
                     ("全覆盖", 100.0, "%"), ("只增不减", 0.0, "只增不减"))

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# ---------------------------------------------------------------- reading one numeral

class _Num:
    """One numeral as written: Arabic (48,143 / 3.5) or a run of Chinese numeral characters."""

    __slots__ = ("value", "start", "end", "arabic", "integer", "digitwise")

    def __init__(self, value: Decimal, start: int, end: int, arabic: bool,
                 integer: bool, digitwise: bool = False):
        self.value = value
        self.start = start
        self.end = end
        self.arabic = arabic
        self.integer = integer          # a plain integer: no decimal point, no thousands comma
        self.digitwise = digitwise      # Chinese digit by digit (二〇二一)


def _is_ascii_digit(text: str, i: int) -> bool:
    return 0 <= i < len(text) and "0" <= text[i] <= "9"


def _read_arabic(text: str, i: int) -> tuple[Optional[_Num], int]:
    j = _ARABIC_RE.match(text, i).end()
    digits, integer = j - i, True
    # Thousands groups (48,143): the first group has 1–3 digits, each later one exactly 3.
    if digits <= 3:
        k = j
        while (_is(text, k, ",")
               and all(_is_ascii_digit(text, k + d) for d in (1, 2, 3))
               and not _is_ascii_digit(text, k + 4)):
            k += 4
        if k != j:
            digits += (k - j) // 4 * 3
            j, integer = k, False
    if j + 1 < len(text) and text[j] == "." and _is_ascii_digit(text, j + 1):
        frac_end = _ARABIC_RE.match(text, j + 1).end()
        digits += frac_end - j - 1
        j, integer = frac_end, False
    if digits > _MAX_ARABIC_DIGITS:
        return None, j
    return _Num(Decimal(text[i:j].replace(",", "")), i, j, True, integer), j


def _read_chinese(text: str, i: int) -> tuple[Optional[_Num], int]:
    m = _CN_RUN_RE.match(text, i)
    if not m:
        return None, i + 1
    parsed = _parse_cn(m.group())
    if parsed is None:
        return None, m.end()
    value, digitwise = parsed
    return _Num(value, i, m.end(), False, "点" not in m.group(), digitwise), m.end()


def _read_number(text: str, i: int) -> tuple[Optional[_Num], int]:
    """The numeral starting at ``i`` (or None) and where its run of numeral characters ends."""
    if _is_ascii_digit(text, i):
        return _read_arabic(text, i)
    if i < len(text) and text[i] in _CN_NUM_CHARS:
        return _read_chinese(text, i)
    return None, i + 1


def _small_int_at(text: str, i: int) -> Optional[tuple[int, int]]:
    """(value, end) of an integer numeral at ``i`` (for months and days), else None."""
    num, _ = _read_number(text, i)
    if num is None or not num.integer or num.digitwise:
        return None
    return int(num.value), num.end


# ---------------------------------------------------------------- context helpers

def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def _is(text: str, i: int, chars) -> bool:
    """Whether ``text[i]`` exists and is one of ``chars`` (plain ``in`` would accept "")."""
    return 0 <= i < len(text) and text[i] in chars


def _unit_at(text: str, pos: int) -> Optional[tuple[str, str]]:
    """(surface, normalized unit) of the unit word at ``pos``, or None.

    The longest surface wins (人次 over 人); when it is followed by a character that makes it
    part of another word (所有, 一次性) there is no unit.
    """
    for length in _UNIT_LENGTHS:
        surface = text[pos:pos + length]
        if len(surface) == length and surface in _UNITS:
            unit, not_before = _UNITS[surface]
            if _is(text, pos + length, not_before):
                return None
            return surface, unit
    return None


# The digit after 成 is the next place: 九成八 is 98%. Not when it starts a count ("八成一所…").
_CN_DIGIT_AFTER_TENTHS = dict(zip("一二三四五六七八九", range(1, 10)))
_NOT_AFTER_HUNDREDTHS = "所个名人家项次十百千万成"


def _unit_for(text: str, num: _Num, pos: int) -> Optional[tuple[str, str]]:
    """The unit at ``pos`` for ``num``, applying the extra caution Chinese numerals need."""
    hit = _unit_at(text, pos)
    if hit is not None and hit[1] == "成" and not 0 < num.value <= 10:
        return None                 # tenths: 八成, 9成; 20成 is no share
    if hit is None or num.arabic:
        return hit
    surface, unit = hit
    if text.startswith(_IDIOMS, num.start):
        return None
    if surface == "分":             # 十分重要, 三分之一: a Chinese numeral + 分 is never a score
        return None
    if text[num.start:num.end] == "一":
        if unit in _IDIOMATIC_WITH_ONE:
            return None
        if _char(text, pos + len(surface)) == "一":     # 一人一档, 一年一度, 一学期一记录
            return None
    return hit


def _prefix(text: str, start: int, floor: int) -> tuple[Optional[str], int, str]:
    """(comparator, new start, word) for a comparator word ending at ``start``."""
    if not _is(text, start - 1, _PREFIX_LAST_CHARS):
        return None, start, ""
    for word, comparator in _PREFIXES:
        s = start - len(word)
        if s < floor or not text.startswith(word, s):
            continue
        before = _char(text, s - 1)
        if word[0] == "约" and before in _NOT_BEFORE_YUE:
            continue
        if word == "近" and before in _NOT_BEFORE_JIN:
            continue
        return comparator, s, word
    return None, start, ""


def _suffix(text: str, pos: int) -> tuple[Optional[str], int]:
    for word, comparator in _SUFFIXES:
        if text.startswith(word, pos):
            return comparator, pos + len(word)
    return None, pos


def _multiplier(text: str, pos: int) -> tuple[int, int]:
    for word in ("万亿", "千万", "百万", "亿", "万"):
        if text.startswith(word, pos):
            return _MULTIPLIERS[word], pos + len(word)
    return 1, pos


def _quantity(text: str, start: int, end: int, value, unit=None, comparator=None,
              high=None, kind="number", count=None) -> Quantity:
    return Quantity(value=float(value), unit=unit, start=start, end=end, text=text[start:end],
                    comparator=comparator, high=None if high is None else float(high),
                    kind=kind, count=count)


# ---------------------------------------------------------------- recognizers

def _ordinal(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    """第三期, 第57届, 第一."""
    if num.start - 1 < floor or text[num.start - 1] != "第" or not num.integer or num.digitwise:
        return None
    measure = next((m for m in _ORDINAL_MEASURES if text.startswith(m, num.end)), None)
    end = num.end + len(measure) if measure else num.end
    return _quantity(text, num.start - 1, end, num.value, measure, kind="ordinal")


def _composite(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    """四个100%, 两个“全覆盖”, 两个只增不减: N labelled targets named at once."""
    if not num.integer or num.digitwise or num.value < 1 or _char(text, num.end) != "个":
        return None
    pos = num.end + 1
    if _is(text, pos, _OPEN_QUOTES):
        pos += 1
    for label, value, unit in _COMPOSITE_LABELS:
        if text.startswith(label, pos):
            end = pos + len(label)
            if _is(text, end, _CLOSE_QUOTES):
                end += 1
            return _quantity(text, num.start, end, value, unit, kind="composite",
                             count=int(num.value))
    return None


def _valid_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _split_month_day(digits: str) -> Optional[tuple[int, int]]:
    """Month and day of a digit run that lost its 月 (724 → 7, 24; 98 → 9, 8; 1231 → 12, 31)."""
    if len(digits) == 2:
        splits = [(digits[0], digits[1])]
    elif len(digits) == 3:          # prefer a two-digit day: days 10–31 are the common case
        splits = [(digits[0], digits[1:]), (digits[:2], digits[2])]
    elif len(digits) == 4:
        splits = [(digits[:2], digits[2:])]
    else:
        return None
    for m, d in splits:
        if _valid_month_day(int(m), int(d)):
            return int(m), int(d)
    return None


def _plausible_year(y: int) -> bool:
    return 1949 <= y <= 2099


def _date_value(year: int, month: int, day: int) -> int:
    return year * 10000 + month * 100 + day


def _iso_date(text: str, num: _Num) -> Optional[Quantity]:
    """2022-01-18, 2022/1/18, 2022.01.18."""
    if not num.arabic:
        return None
    m = _ISO_DATE_RE.match(text, num.start)
    if not m or _is_ascii_digit(text, num.start - 1):
        return None
    year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if not (_plausible_year(year) and _valid_month_day(month, day)):
        return None
    return _quantity(text, num.start, m.end(), _date_value(year, month, day), kind="date")


def _after_month(text: str, start: int, year: int, month: int, pos: int) -> Quantity:
    """The rest of a date once its month is read: an optional day (日/号) or 份."""
    day = _small_int_at(text, pos)
    if day and _valid_month_day(month, day[0]) and _char(text, day[1]) in ("日", "号"):
        return _quantity(text, start, day[1] + 1, _date_value(year, month, day[0]), kind="date")
    if _char(text, pos) == "份":
        pos += 1
    return _quantity(text, start, pos, _date_value(year, month, 0), kind="date")


def _year_range_end(text: str, pos: int, year: int) -> Optional[tuple[int, int]]:
    """(second year, end) of "-2025" / "至2025年" after a year, else None."""
    if not _is(text, pos, _RANGE_SEPS):
        return None
    second, _ = _read_number(text, pos + 1)
    if (second is None or not second.arabic or not second.integer
            or second.end - second.start != 4 or not year < int(second.value) <= year + 100):
        return None
    end = second.end
    for tail in ("年度", "学年", "年"):
        if text.startswith(tail, end):
            end += len(tail)
            break
    return int(second.value), end


def _year_or_full_date(text: str, num: _Num) -> Optional[Quantity]:
    """2021年, 二〇二一年度, 2021年7月24日, 2021-2025年, 2020-2021学年."""
    if not num.integer or num.end - num.start != 4 or not (num.arabic or num.digitwise):
        return None
    year = int(num.value)
    if not _plausible_year(year):
        return None
    pos = num.end
    if _char(text, pos) != "年":
        rng = _year_range_end(text, pos, year) if num.arabic else None
        if rng is None:
            return None
        return _quantity(text, num.start, rng[1], year, high=rng[0], kind="year")
    pos += 1
    month = _small_int_at(text, pos)
    if month and 1 <= month[0] <= 12 and _char(text, month[1]) == "月":
        return _after_month(text, num.start, year, month[0], month[1] + 1)
    rng = _year_range_end(text, pos, year)
    if rng:
        return _quantity(text, num.start, rng[1], year, high=rng[0], kind="year")
    if _char(text, pos) == "度":
        pos += 1
    return _quantity(text, num.start, pos, year, kind="year")


def _compact_date(text: str, num: _Num) -> Optional[Quantity]:
    """Digit runs that lost their separators: 2021724日, 202110月, 98日, 2021619周岁."""
    if not num.arabic or not num.integer:
        return None
    digits = text[num.start:num.end]
    after = _char(text, num.end)
    year = int(digits[:4]) if len(digits) >= 5 else 0
    if after == "日":
        if _plausible_year(year) and len(digits) <= 8:
            md = _split_month_day(digits[4:])
            if md:
                return _quantity(text, num.start, num.end + 1, _date_value(year, *md), kind="date")
            return None
        value = int(digits)
        if len(digits) <= 2 and 1 <= value <= 31:      # 24日: a day of the month
            return _quantity(text, num.start, num.end + 1, value, kind="date")
        md = _split_month_day(digits) if len(digits) <= 4 else None
        if md:
            return _quantity(text, num.start, num.end + 1, _date_value(0, *md), kind="date")
        return None
    if after == "月":
        if _plausible_year(year) and len(digits) <= 6 and 1 <= int(digits[4:]) <= 12:
            return _after_month(text, num.start, year, int(digits[4:]), num.end + 1)
        if len(digits) <= 2 and 1 <= int(digits) <= 12:
            return _after_month(text, num.start, 0, int(digits), num.end + 1)
        return None
    if len(digits) in (7, 8) and _plausible_year(year):
        md = _split_month_day(digits[4:])
        unit = _unit_at(text, num.end)
        # 2011110人 is a head count that happens to look like a date; 2021619周岁 is a date.
        if md and (unit is None or unit[1] == "岁"):
            return _quantity(text, num.start, num.end, _date_value(year, *md), kind="date")
    return None


def _chinese_month_day(text: str, num: _Num) -> Optional[Quantity]:
    """七月二十四日, 十二月, 二十四日 (Chinese numerals)."""
    if num.arabic or not num.integer or num.digitwise:
        return None
    value, after = int(num.value), _char(text, num.end)
    if text[num.start:num.end] == "一" and _char(text, num.end + 1) == "一":
        return None                 # 一月一总结: once a month, not January
    if after == "月" and 1 <= value <= 12:
        return _after_month(text, num.start, 0, value, num.end + 1)
    # 一日 is mostly idiom (一日一练, 一日常规); other days are dates.
    if after == "日" and 1 <= value <= 31 and text[num.start:num.end] != "一":
        return _quantity(text, num.start, num.end + 1, value, kind="date")
    return None


def _date_or_year(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    return (_iso_date(text, num) or _year_or_full_date(text, num)
            or _compact_date(text, num) or _chinese_month_day(text, num))


def _range_end(text: str, pos: int, num: _Num) -> Optional[tuple[Decimal, int, int]]:
    """(value, multiplier, end) of the second number of a range starting at ``pos``."""
    if not _is(text, pos, _RANGE_SEPS):
        return None
    second, _ = _read_number(text, pos + 1)
    if second is None or second.arabic != num.arabic or second.digitwise:
        return None
    mult, end = _multiplier(text, second.end) if second.arabic else (1, second.end)
    return second.value, mult, end


def _measured(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    """Numbers with their multiplier, unit, range, 余/多 and comparator words."""
    if num.digitwise:               # 二〇二一 is a number only as a year
        return None
    pos, approx = num.end, None
    if num.arabic and _is(text, pos, "余多") and _multiplier(text, pos + 1)[0] != 1:
        approx, pos = ">", pos + 1      # 100余万元: 余 may come before the multiplier
    mult, pos = _multiplier(text, pos) if num.arabic else (1, pos)
    value, high = num.value * mult, None

    # 3-5所, 三到五所, 3-5万人: a range needs a unit after its second number.
    rng = _range_end(text, pos, num)
    if rng:
        v2, mult2, after = rng
        unit_pos = after + 1 if _is(text, after, "余多") else after
        if _unit_for(text, num, unit_pos) and v2 * mult2 >= value:
            if mult == 1:
                value = num.value * mult2
            high, pos = v2 * mult2, after

    if _is(text, pos, "余多") and _unit_for(text, num, pos + 1):
        approx, pos = ">", pos + 1

    unit = None
    hit = _unit_for(text, num, pos)
    if hit is None and num.arabic and text[pos:pos + 1] == " ":
        # "98.5 %", "最大为 45 人": a space a PDF or a typesetter put before the unit
        spaces = pos + 1 + (text[pos + 1:pos + 2] == " ")      # one or two spaces (not a slice of the rest)
        if text[spaces:spaces + 1] != " " and text.startswith(_SPACED_UNITS, spaces):
            hit = _unit_for(text, num, spaces)
            pos = spaces if hit else pos
    if hit:
        surface, unit = hit
        pos += len(surface)
        if high is None:            # 3%-5%, 3所至5所: the unit written twice
            rng = _range_end(text, pos, num)
            if rng and text.startswith(surface, rng[2]) and rng[0] * rng[1] >= value:
                high, pos = rng[0] * rng[1], rng[2] + len(surface)
    elif not num.arabic:            # a Chinese numeral without a unit is an ordinary word
        return None

    if unit == "成":                # tenths are percentages: 八成 → 80%, 七到八成 → 70–80%
        value, unit = value * 10, "%"
        high = None if high is None else high * 10
        digit = _CN_DIGIT_AFTER_TENTHS.get(text[pos:pos + 1]) if high is None else None
        if digit and not _is(text, pos + 1, _NOT_AFTER_HUNDREDTHS):
            value, pos = value + digit, pos + 1     # 九成八 → 98%, 八成九 → 89%
    after_cmp, pos = _suffix(text, pos)
    before_cmp, start, word = _prefix(text, num.start, floor)
    if word == "近" and unit in _SPAN_UNITS:    # 近三年: the last three years
        before_cmp, start = None, num.start
    boundary = before_cmp if before_cmp not in ("~", "~<") else None
    comparator = after_cmp or boundary or approx or before_cmp
    if before_cmp == "~" and after_cmp in (">=", ">") and word.startswith(_HEDGES):
        comparator = "~"        # "基本均达到1人以上": the hedge holds for the bound too
    if comparator in (None, ">="):
        extreme = extreme_before(text, start, floor)
        if extreme:
            # "最高达到100%": no unit above it, maybe only one at it; "最低为60%": none below it
            comparator = "<=" if extreme in ("最高", "最多", "最大") else ">="
    start, pos, comparator = _gap(text, start, pos, floor, comparator)
    pending = PENDING_AFTER.match(text, pos)
    if pending and comparator in (None, ">=", "~"):
        comparator, pos = "<", pending.end()       # "达到98%还需努力": not reached yet

    kind = "percent" if unit in _PERCENT_UNITS else "ordinal" if unit == "年级" else "number"
    return _quantity(text, start, pos, value, unit, comparator, high, kind)


def _percent_words(text: str, i: int, floor: int) -> Optional[Quantity]:
    """百分之九十八点二, 百分之百, 不低于百分之九十."""
    pos = i + len("百分之")
    if text.startswith("百", pos) and not _is(text, pos + 1, _CN_NUM_CHARS):
        value, end = Decimal(100), pos + 1
    else:
        num, _ = _read_number(text, pos)
        if num is None or num.digitwise or num.start != pos:
            return None
        value, end = num.value, num.end
    after_cmp, end = _suffix(text, end)
    before_cmp, start, _ = _prefix(text, i, floor)
    start, end, comparator = _gap(text, start, end, floor, after_cmp or before_cmp)
    return _quantity(text, start, end, value, "%", comparator, kind="percent")


def extreme_before(text: str, start: int, floor: int = 0) -> Optional[str]:
    """最高/最多/最大/最低/最少/最小 written right before the number at ``start`` (as in 最高达到100%,
    规模最大的达到2600人): the figure is the largest or smallest of the units, not a level of all."""
    m = _EXTREME.search(text, max(floor, start - 6), start)
    return m.group(1) if m else None


def _gap(text: str, start: int, end: int, floor: int, comparator: Optional[str]) -> tuple[int, int, Optional[str]]:
    """(start, end, comparator) widened over a gap phrase around the number: 距85%的目标还有差距 is "<"."""
    gap_after = GAP_AFTER.match(text, end)
    gap_before = GAP_BEFORE.search(text, max(floor, start - 6), start) if gap_after else None
    if gap_before is None:
        return start, end, comparator
    return gap_before.start(), gap_after.end(), "<"


def _fraction(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    """三分之二 (66.7%), 四分之三以上, 近三分之一: a share written as a fraction, of 2 to 10 parts."""
    part, _ = _read_number(text, num.end + 2)
    if part is None or part.start != num.end + 2 or not 2 <= num.value <= 10 or not 0 < part.value < num.value:
        return None
    value = (Decimal(100) * part.value / num.value).quantize(Decimal("0.1"))
    after_cmp, end = _suffix(text, part.end)
    before_cmp, start, _ = _prefix(text, num.start, floor)
    return _quantity(text, start, end, value, "%", after_cmp or before_cmp, kind="percent")


# A rate written as the units that have it of all units: "入学率达到107/107", "达标率为38/40".
_RATE_LEAD = regexcache.compile(r"率\s*(?:已经?|均)?\s*(?:达到|达|为|是|[:：])?\s*$")


def _rate_as_counts(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    """A rate given as N/M after its rate word (入学率达到107/107 → 100%), N no more than M."""
    if not num.arabic or not num.integer or not _RATE_LEAD.search(text, max(floor, num.start - 8), num.start):
        return None
    whole, _ = _read_number(text, num.end + 1)
    if whole is None or whole.start != num.end + 1 or not whole.arabic or not whole.integer \
            or not 0 < num.value <= whole.value:
        return None
    value = (Decimal(100) * num.value / whole.value).quantize(Decimal("0.1"))
    return _quantity(text, num.start, whole.end, value, "%", kind="percent")


def _half(text: str, i: int, floor: int) -> Optional[Quantity]:
    """半数 (50%), 半数以上, 超过半数, 近半数; 过半 on its own (覆盖率过半) is more than half, 近半 just below it."""
    if text.startswith("半数", i):
        after_cmp, end = _suffix(text, i + 2)
        before_cmp, start, _ = _prefix(text, i, floor)
        if before_cmp is None and _char(text, i - 1) == "过" and i - 1 >= floor:
            before_cmp, start = ">", i - 1          # 过半数
        return _quantity(text, start, end, 50, "%", after_cmp or before_cmp, kind="percent")
    nxt = _char(text, i + 1)
    if _char(text, i - 1) == "近" and i - 1 >= floor and not ("\u4e00" <= nxt <= "\u9fff"):
        return _quantity(text, i - 1, i + 1, 50, "%", "~<", kind="percent")     # 占比近半
    if _char(text, i - 1) == "过" and i - 1 >= floor and not ("\u4e00" <= nxt <= "\u9fff"):
        start = i - 2 if _char(text, i - 2) == "超" and i - 2 >= floor else i - 1
        return _quantity(text, start, i + 1, 50, "%", ">", kind="percent")
    return None


_CAPTION_BEFORE = regexcache.compile(r"(?:^|[^\u4e00-\u9fff]|如|见|据|由)(?:表|图)$|附件$|附表$|附图$")     # (如表3所示)


def _recognize(text: str, num: _Num, floor: int) -> Optional[Quantity]:
    if not num.arabic and _is(text, num.start - 1, _LEFT_WORD_CHARS):
        return None
    if _CAPTION_BEFORE.search(text, max(0, num.start - 2), num.start) and not text.startswith(("%", "％"), num.end):
        return None     # a table's or a figure's number ("表2  资源配置校际差异系数", "附件1")
    return (_ordinal(text, num, floor) or _composite(text, num, floor)
            or _date_or_year(text, num, floor) or _measured(text, num, floor))


# ---------------------------------------------------------------- find_quantities

def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order and non-overlapping (see the module docstring)."""
    if not isinstance(text, str):
        return []
    found: list[Quantity] = []
    i, floor, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        q = None
        if ch == "百" and text.startswith("百分之", i):
            q = _percent_words(text, i, floor)
            if q is None:
                i += 3
                continue
        elif ch == "半":
            q = _half(text, i, floor)
        elif "0" <= ch <= "9" or ch in _CN_NUM_CHARS:
            num, run_end = _read_number(text, i)
            q = (_fraction(text, num, floor) if num and text.startswith("分之", num.end) else None) or (
                _rate_as_counts(text, num, floor) if num and text.startswith("/", num.end) else None) or (
                _recognize(text, num, floor) if num else None)
            if q is None:
                # Skip the whole run: the tail of 十四五 or 2021724 is no number of its own.
                i = max(run_end, i + 1)
                continue
        if q is None:
            i += 1
            continue
        found.append(q)
        i = floor = max(q.end, i + 1)
    return found
