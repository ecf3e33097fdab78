"""Claims: the figures and full-coverage phrases a sentence states, and where their subject is.

A claim says something about the words written before it in its clause (实现了义务教育学校全覆盖),
around it (全面设置护学岗) or, for distributive claims, about every item of the list before it:
``全封闭管理、专职保安配备、护学岗设置、一键报警和视频监控实现了四个100%`` gives each item 100%,
as does ``专职保安配备率、护学岗设置率等均达100%``. The evaluate stage asks, per rule, which of a
sentence's claims have the rule's subject inside their *items*.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from .. import regexcache
from ..model import Quantity
from .quantities import GAP_AFTER, GAP_BEFORE, NONE_BEFORE, find_quantities

# How far (in characters) from a claim its subject, list or negation may be written. Real clauses
# are far shorter (the longest in the sample reports is under 200 characters); the bound keeps a
# line without punctuation (a pasted table, a megabyte of noise) linear instead of reading the
# whole line again for every figure in it.
REACH = 400

CLAUSE_SEP = regexcache.compile(r"[,:，：]")
ITEM_SEP = regexcache.compile(r"[、,，:：/]|(?<=[\u4e00-\u9fff])(?:和|及|与|以及)(?=[\u4e00-\u9fff])")

# 全部/均 before a figure ("全部达到90%", "均达90%") only distribute that figure: no claim of their own.
# "均达约100%", "均达近八成": an approximation word between them keeps it a figure.
_NOT_BEFORE_FIGURE = (r"(?!(?:已经?\s*(?:达到?|为|在|保持在?|超过|不低于)?|(?:达到?|为|在|保持在?|超过|不低于))\s*"
                      r"(?:大约|约|将近|接近|近|逾|不到|不足)?\s*[\d一二三四五六七八九十百])")

# Full-coverage phrases. 全面 + verb is a full-coverage claim ("全面设置护学岗", "全面推行").
_COVERAGE = regexcache.compile(
    # (not the projects or tasks all done: "全覆盖项目全部开工", "年度重点任务全部完成")
    r"全覆盖|所有|全部(?<!项目全部)(?<!工程全部)(?<!任务全部)(?<!计划全部)" + _NOT_BEFORE_FIGURE + "|"
    # (not an average: 平均, 人均, 户均; "校均配备2.3名" reads like "学校均配备", and a fraction tells it: see per_unit)
    r"均(?<![人户平]均)" + _NOT_BEFORE_FIGURE + "(?=已|达|为|实现|建立|设置|配备|配齐|实行|开展|开设|聘任|聘请|纳入|完成|接入|通过|有|提供|持证|落实|享受|安装|建成|推行|执行|"
    # (people all in: "适龄残疾儿童均入学", "有需求的学生均参加课后服务", "…均获资助")
    r"入学|入园|就读|参加|参与|获得|获|接受|享有|"
    # (people all qualified: "专任教师均持有相应教师资格证书", "均取得…资格", "均具备…")
    r"持有|取得|具备|具有)|"
    r"全面(?:设置|实行|推行|建立|配备|配齐|实现|接入|覆盖)|"
    # 应入尽入, 应收尽收, 应参尽参, 应托尽托: all who should are. (百分之百 is a figure, as 100% is:
    # "持证上岗率达到百分之百" meets a ≥100% target, "约为百分之百" is a round figure.)
    r"应(?P<same>[\u4e00-\u9fff])尽(?P=same)|全员|"
    # "每校至少配备1名专职心理健康教师": every school has one, stated as done (not as a norm, see _NORM)
    r"每(?<!平均每)(?:一)?(?:所|个)?(?:学校|校|园|幼儿园|中小学)(?:均|都)?(?:已经?)?(?:至少|最少|不少于)?(?=配备|配齐|配有|设置|设立|设有|建有|建立|有)|"
    # "全县每一所义务教育学校都开展了课后服务", "…学校无一例外开展…"
    # (no unit left without it, "没有一所中小学未配备…", reaches here as "所有中小学均配备…": reading/normalize.py)
    r"每一?所(?=[^,，。；;]{0,16}?都)|无一例外|"
    # "做到校校有专职保安", "园园有保健医": each unit has it
    r"校校(?=有|配备|配齐|建有|设有|开通|通)|园园(?=有|配备|配齐|建有|设有)"
)
# "按照每校至少配备1名…的要求": a per-school norm, not a statement that every school has it.
_NORM = regexcache.compile(r"按照|要求|标准|规定|应当|必须|须")
_CLEARED = regexcache.compile(
    # (every alternative starts with a character, so the regex engine skips to where one may begin)
    r"动态清零|清零|全面消除|全部消除|彻底消除|消除(?<!基本消除)(?<!逐步消除)|全部化解|化解完毕|"
    r"零发生|无一例|不(?:辍学|失学)一人|无(?:辍学|失学)一人|无(?:辍学|失学)|零(?:辍学|失学)|无一人(?:辍学|失学)|没有一人(?:辍学|失学)|"
    # "全县已无大班额", "不存在大班额", "大班额数量为0", "辍学人数为零"
    r"已经?无(?:一个)?(?=\d|超?大班额)|已没有(?=超?大班额)|不存在(?=\d|超?大班额)|没有(?:出现)?(?=超?大班额)|未出现(?=超?大班额)|"
    + "|".join(w + r"(?:零|0)(?![.\d%])" for w in ("数量为", "数量是", "人数为", "人数是", "个数为", "个数是",
                                                   "数为", "数是", "为", "是")) + "|"
    # "没有一例学生辍学", "未发生一起…", "没有一名学生因贫失学"
    r"没有(?:出现|发生)?一(?:例|起)|未(?:出现|发生)(?:出现|发生)?一(?:例|起)|未有(?:出现|发生)?一(?:例|起)|"
    r"没有一(?:名|个)[\u4e00-\u9fff]{0,8}?学生[\u4e00-\u9fff]{0,6}?(?:辍学|失学)|"
    r"未(?:出现|发生)?一(?:名|个)[\u4e00-\u9fff]{0,8}?学生[\u4e00-\u9fff]{0,6}?(?:辍学|失学)"
)
_DISTRIBUTIVE_LEAD = regexcache.compile(r"(均|都|全部|分别|等)\s*(?:已|实现|达到?|为|是)?\s*$")
# "尚未实现义务教育学校全覆盖": a negation earlier in the clause reaches the claim.
_NEGATION = regexcache.compile(r"尚未|未能|没能|没有|还未|仍未|并未|暂未|远未|未曾|未(?=实现|达到|完成|全面|全部|覆盖|做到)|不能|无法|"
                               r"并非|不是(?=所有|全部|全面|100%|全覆盖)|没(?=实现|达到|完成|做到|覆盖|全部|全面)|"
                               r"不(?=全覆盖|全部|完全)|做不到|谈不上|达不到|很难|不可能")
# A result for part of the year only: "暑期…实现全覆盖", "上半年…全部清零", "疫情期间…没有一例学生辍学",
# "阶段性清零" ("秋季学期起…" is from then on, and stays a result).
_PART_OF_YEAR = regexcache.compile(r"(?:上半年|下半年|暑期|暑假|寒假|春季学期|秋季学期|上学期|下学期|开学季|期中|期末|阶段性|"
                                   r"试行期间|疫情期间|两会期间)(?!起|以来|开始|至今|以后)")
# Several years at once: "近三年", "三年来", "2021—2023学年累计", "历年".
YEARS_WINDOW = regexcache.compile(r"近\s*(?:[两三四五六七八九十]|\d{1,2})\s*年(?!级)|(?:[两三四五六七八九十]|\d{1,2})\s*年(?:来|以来|间)|"
                                   r"累计(?<!全年累计)(?<!年内累计)(?<!当年累计)(?<!本年度累计)(?<!年度累计)(?!投入|下达|拨付|发放|资助|安排)|历年|多年来")
# A claim that is the purpose of what its sentence does is no result: "为实现义务教育学校课后服务全覆盖,
# 县财政安排专项资金500万元", "围绕大班额全部清零的目标…", "对标巩固率达95%以上…".
_PURPOSE = regexcache.compile(r"为了?(?:实现|确保|达到|完成|推进|保障|全面)|围绕|对标|瞄准|朝着|向着|旨在|以期|以便|聚焦|着眼|锚定")
# A target the clause works to, written as a frame around the claim: "对照专职保安配备率100%的要求，…",
# "坚持随迁子女公办学校就读比例不低于85%的底线，…", "以高中阶段教育毛入学率95%为导向".
_FRAME_BEFORE = regexcache.compile(r"对照|按照|参照|依照|坚持|以(?=[^,，。；;]{1,30}?为(?:导向|目标|目的|方向|标准))")
# A projection in the claim's clause: "互联网接入率可达100%", "覆盖率可提升至90%", "可保障…配备率100%",
# "占比能够超过50%", "入学率冲刺98%", "按计划于年底前实现…全覆盖", "…全覆盖指日可待", "…95%以上不成问题".
_PROJECTED_BEFORE = regexcache.compile(r"可(?<![尽许认]可)以?(?:提高|提升|增加|上升|降低|下降)?(?:到|至)|可(?<![尽许认]可)以?(?:达|实现|保障|确保|全部|超过)"
                                       r"|可(?<![尽许认]可)以?\s*$|能够(?:超过|达到|实现)|能够\s*$|冲刺|按计划于(?<!已按计划于)|即将(?:实现|达到|完成)")
_MAY_PROJECT = regexcache.compile(r"[可能冲计即]")     # a cheap test before the full one (most clauses have none)
_PROJECTED_AFTER = regexcache.compile(r"[^,，。；;]{0,8}?(?:指日可待|不成问题|即将收官(?!的)|即将实现)")


def framed_target(sentence: str, lo: int, start: int, end: int) -> bool:
    """Whether the figure or claim at sentence[start:end] is a target its clause works to: a frame word
    before it from ``lo`` (对照, 按照, 坚持 …) and 的…要求/标准/底线 after it, ending the clause
    ("按照1:15的师幼比标准，新招聘…")."""
    # (endpos past the claim: 以…'s lookahead reads up to 30 characters on; bounded, so a line of many
    # figures stays linear)
    if not _MAY_FRAME.search(sentence, lo, start):
        return False
    fb = _FRAME_BEFORE.search(sentence, lo, min(len(sentence), start + 40))
    if fb is None or fb.start() >= start:
        return False
    m = _FRAME_AFTER.match(sentence, end)
    # the frame is a clause of its own; "按照每生每年1000元的标准发放…" and "…的标准，足额发放" are paying at
    # that rate (a result)
    return bool(m) and sentence[m.end():m.end() + 1] in ("，", ",", "；", ";") and not _PAID_AT.match(sentence, m.end() + 1)


_PAID_AT = regexcache.compile(r"\s*(?:足额|按时|全额|及时|全部|均已?|已)?(?:发放|拨付|核拨|兑现|补助|落实到位|安排到位|配备到位|配齐)")


_MAY_FRAME = regexcache.compile(r"[照持以]")
# (the measure may follow the figure: "按照100%配备专职保安的要求，…")
_FRAME_AFTER = regexcache.compile(r"\s*(?:以上|以下)?\s*(?:的[^,，。；;]{0,8}?|[^,，。；;的]{1,10}的)?(?:要求|标准|目标|底线|红线|为导向|为目标|为标准)")

# A claim of what others were told to do: "督促所有学校成立学生欺凌治理委员会", "指导各学校全面建立…"
# ("在…指导下" is the help given to what was done).
_INSTRUCTED = regexcache.compile(r"(?:督促|指导(?!下)|部署|号召|动员|引导|鼓励|倡导|提倡)(?<!的督促)(?<!的指导)")
# "作业公示制度不全覆盖": 不 right before the claim.
_NOT_RIGHT_BEFORE = regexcache.compile(r"(?:不|不是|并非)\s*$")
# A clearing denied right before it: "大班额未完全清零", "辍学学生没有清零", "并非全部清零", "暂未实现清零".
_NEGATED_CLEAR = regexcache.compile(r"(?:尚未|未能|没能|没有|没|还未|仍未|并未|暂未|远未|未|并非|不能|无法|谈不上|不)"
                                    r"(?:完全|全部|全面|彻底|实现|做到)*\s*$")
# Words right before a full-coverage or clearing phrase that leave it short of complete, as 基本消除
# is no clearing: 接近全覆盖, 基本实现全覆盖, 几乎所有, 基本清零 — and a part: 大部分清零, 多数实现全覆盖.
# The claim gets an approximate comparator.
_SHORT_OF = regexcache.compile(r"(?:接近|将近|近乎|几乎|几近|逼近|趋近|差不多|大都|大多|约为?|大约|大概|基本上?|(?<![最附邻靠临])近|(?:绝)?大(?:部分|多数)|(?<![一])部分|多数)"
                       r"(?:已经?)?(?:均|都|全部)?(?:实现|达到|做到)?\s*$"
                       # "基本实现义务教育学校全覆盖", "基本做到课后服务应开尽开": the verb's object between
                       r"|(?:接近|近乎|几乎|基本上?)(?:已经?)?(?:实现|达到|做到)[^,，。；;:：]{1,20}$"
                       # "课后服务接近义务教育学校和有需求学生“两个全覆盖”": 接近 is the verb
                       r"|(?:接近|趋近|逼近)[^,，。；;:：]{1,24}$")
# A claim hedged by the words before it is roughly all, not certainly all: 初步实现全覆盖, 总体清零,
# 原则上达到100%, 理论上实现全覆盖. The claim gets an approximate comparator.
_HEDGED = regexcache.compile(r"(?:初步|总体上?|大体上?|大致|原则上|理论上)(?:已经?|可以?|能够?)?(?:均|都|全部)?"
                             r"(?:(?:实现|达到?|做到)[^,，。；;:：]{0,20})?\s*$")
# A hedge after a claim of all, before the verb of the work: "每一所学校都基本开展了课后服务", "所有学校总体上
# 成立…", "所有班级均按每班2名教师1名保育员基本配备" (group 1: nearly; otherwise roughly).
_HEDGE_BEFORE_VERB = regexcache.compile(
    r"[^,，。；;:：]{0,20}?(?:都|均|已|已经)?(?P<hedge>(?:(基本上?)|总体上?|大体上?|初步)(?:已经?)?(?:全部|全面|均)?)"
    r"(?:开展|实行|实施|落实|配备|配齐|成立|建立|设立|设置|推行|执行|清零|消除|化解|覆盖|实现|完成|接入|安装|建成)")
# A question states no result: "是否实现全覆盖", "能否达到100%" (a self-check list asks them), and a
# claim in a clause that ends in a question mark ("…设置率达到100%了吗?").
_QUESTION_BEFORE = regexcache.compile(r"是否|能否|可否|有没有|是不是")
_QUESTION_AFTER = regexcache.compile(r"[^,，。；;:：]{0,12}?[?？]")
# A result of the past, not of now: "曾达到100%", "一度实现全覆盖", and "去年…达到100%" in a sentence
# that goes on to this year ("…,今年有所下降").
_ONCE = regexcache.compile(r"曾(?<![未不何]曾)经?|一度")
_LAST_YEAR = regexcache.compile(r"(?:(?:去年|上年|前年)(?<![较比同与]..)|上一年(?<![较比同与]...))(?!以来|同期)")
_THIS_YEAR = regexcache.compile(r"今年|本年|当年|目前|现在|如今")
# When a sentence says its results are. A time phrase before the sentence's first claim dates it
# ("2022年,全县义务教育巩固率达98.5%", "全县中小学于2021年全部接入互联网", "截至2022年底…", "去年全县…",
# "2021—2022学年…"), as does a bracketed date anywhere ("…达到100%（2022年数据）"). Not a year the
# time runs on from ("2022年以来", "2022年起", "自2021年…"), a base of comparison ("与2022年相比",
# "较2022年", "高于上年"), a year inside a document's title (《2022年…方案》), or a plan's horizon
# ("到2025年" is read by the plan words).
_YEAR_SUFFIX = r"(?:年?底|年?末|初|全年|上半年|下半年|春季(?:学期)?|秋季(?:学期)?|\d{1,2}\s*月份?(?:\d{1,2}\s*日)?(?:底|末)?)?"
_TIME_YEAR = regexcache.compile(
    # (占比 is no comparison: "公办园在园幼儿占比2022年47.5%")
    r"(?<![较与同由从自和及、〔\[《之（(])(?<!(?<!占)比)(?<!低于)(?<!高于)(?<!多于)(?<!少于)(?<!好于)(?<!优于)(?<!超过)(?<!相较于)"
    r"(?<!相对于)(?<!相比于)"
    r"(?:(?P<year>(?:19|20)\d\d)\s*(?:[—\-~～至到]\s*(?P<high>(?:19|20)\d\d)\s*)?学?年度?"
    r"|(?P<rel>去年|上一?年度?|前年|上一?轮[^,，。；;]{0,8}?(?:督导|评估|检查|验收)(?:时|中)))"
    # what may follow the year, checked with its suffix (a suffix must not hide 以来: 2021年底以来)
    r"(?!" + _YEAR_SUFFIX + r"\s*(?:以来|起|开始|至今|以后|以前|前|后|来|相比|同期|比|同比|水平|的目标|目标|规划|计划|任务|"
    r"的?基础上|\d(?!\d?\s*月)|[—\-~～至到和与及、]|[^,，。；;:：]{0,24}?(?:以来|至今)))" + _YEAR_SUFFIX)
# Any year the sentence names, in whatever role.
_YEAR_NAMED = regexcache.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*学?年)")
# Whether _TIME_YEAR can match at all (its leading lookbehinds make it slow to scan a sentence without one).
_YEAR_WORD = regexcache.compile(r"(?:19|20)\d\d|去年|上一?年|前年|上一?轮")
# "自2024年起…", "从2024年秋季开始…", "2024年秋季学期开始，…": a start after the report's year is still to
# come; so is a deadline after it ("2025年前实现…").
_LATER_START = regexcache.compile(r"(?:(?:自|从)\s*)?((?:19|20)\d\d)\s*年[^,，。；;]{0,6}?(?:起|开始)"
                                  r"|((?:19|20)\d\d)\s*年(?:底|末)?(?:前|以前|之前)")
# A plan period by name (十三五 = 2016–2020): its end ("“十三五”末", "收官") or its start ("十四五初").
_PLAN_PERIOD = regexcache.compile(r"[“\"]?十([二三四五])五[”\"]?(?:(末|期末|收官时?|收官之年)|(初|开局之年|第一年))")
# A window of time that is not the year ("迎接省级督导期间，", "开学第一周", "“双减”实施第一年，", "疫情防控期间"):
# a leading phrase ending on such a word, without this year's words in it.
_WINDOW = regexcache.compile(r"^(?:在)?([^,，。；;:：]{1,24}?(?:期间|期内|周内|任期内|收官时|第一年|第一周|首周|第一天|开学时|开学初))"
                             r"(?=[,，]|\s*(?:全县|全市|全区|我县|我市|我区|所有|各))")
# (the period reported on is the year: "报告期内", "本年度期间")
_THE_YEAR = regexcache.compile(r"报告期|本期|年度|全年|本年|今年|本学年|以来")
# Words that give the start of something still to come: "从下学期起", "下学年开始".
_LATER_TERM = regexcache.compile(r"(?:从|自)?(?:下学期|下学年|下一学年|下个学期)(?:起|开始)")
# A year with a preposition of time dates the sentence wherever it stands: "全县所有公办中小学在2022年实行…".
_TIME_AT = regexcache.compile(r"(?:在|于|截至|截止到?)\s*((?:19|20)\d\d)\s*学?年(?!" + _YEAR_SUFFIX
                              + r"\s*(?:以来|起|开始|至今|以后|的?基础上|[\d—\-~～至到]))")
# A year that qualifies a thing ("2021年新建的学校"; but "在2022年的评估中" dates it), and one that dates
# an honour or a base ("2022年被评为…", "在2022年基础上"): neither dates the sentence.
_YEAR_OF_SOMETHING = regexcache.compile(r"[^,，。；;:：]{0,6}?的")
_HONOUR = regexcache.compile(r"[^,，。；;:：]{0,4}?被|[^,，。；;:：]{0,14}?(?:获评|获得|荣获|入选|通过|评为|认定为|创建为)|"
                             r"[^,，。；;:：]{0,30}?基础上")
_BRACKET_DATE = regexcache.compile(r"[（(]\s*(?:(?:统计)?数据|统计)?(?:截至|截止到?|统计至|统计到)?\s*((?:19|20)\d\d)\s*年(?![^）)]{0,8}?(?:版|修订|修正|印发|制定|施行))"
                                   # (not a figure of that year given for comparison: "（2022年为55.2%）")
                                   r"(?!\s*(?:底|末)?\s*(?:为|是|[:：]|达到?)\s*\d)"
                                   r"[^）)]{0,8}[）)]"
                                   # "…,以上为2022年统计数据"
                                   r"|以上(?:数据|数字)(?:均|都)?(?:为|是)\s*((?:19|20)\d\d)\s*年|以上为\s*((?:19|20)\d\d)\s*年(?:度)?(?:统计)?数据")
# Where a sentence's first claim may start: a figure, a word of all or of clearing, an attainment verb.
_FIRST_CLAIM = regexcache.compile(r"\d+(?:\.\d+)?\s*(?:%|％|个百分点|人|名|所|个|元|小时|分钟|平方米|项|家|间|节|课时)"
                                  r"|[一二三四五六七八九十]成|百分之|全覆盖|全部|全面|均(?:已|达|为|实现|有|配备|配齐|建成|建有|设立|设置|开设|落实|按)|所有|清零|消除|"
                                  r"实现|达到|达标|不低于|不少于|未发生|没有|无一|配齐|建立|推行|实行|落实|开展")
_NOW = regexcache.compile(r"今年|本年|目前|现在|如今|至今|当前")
NOW_WORDS = _NOW     # (the kinds ask whether a sentence names the present at all)
_COUNT_FIRST = regexcache.compile(r"\d+(?:\.\d+)?\s*(?:人|名|所|个|元|项|家|间|节)")
_CLAUSE_YEAR = regexcache.compile(r"\s*(?:我县|全县|县)?\s*((?:19|20)\d\d)\s*年(?:底|末|全年)?(?!起|以来|开始|至|—|-|－|度)")


def _now_of_a_result(sentence: str) -> bool:
    """Whether the present (今年, 目前) dates a result of the sentence: it stands before the first result
    ("目前，全县…100%") or in a clause that states one ("2022年巩固率97.5%，今年提高到98.5%"); not in a later
    clause about something else ("2021年全县班额均不超过45人，今年秋季城区学校学位紧张")."""
    now = _NOW.search(sentence)
    if now is None:
        return False
    first = _FIRST_CLAIM.search(sentence)
    if first is None or now.start() < first.start():
        return True
    for m in _NOW.finditer(sentence):
        end = CLAUSE_SEP.search(sentence, m.end())
        lo = max(sentence.rfind(sep, 0, m.start()) for sep in "，,：:")
        if _FIRST_CLAIM.search(sentence, lo + 1, end.start() if end else len(sentence)):
            return True
    return False


# The time a claim is stated for: the nearest year or present word before it in the sentence ("2022年…92.1%，
# …今年回落至89.3%": 92.1% is 2022's, 89.3% this year's). Not a year the time runs on from (2021年以来), a
# base of comparison (较2022年, 由2022年的…), a title's year, nor a year of a thing or an honour.
_CLAIM_TIME = regexcache.compile(r"(?P<year>(?:19|20)\d\d)\s*年(?!\s*(?:以来|起|开始|至今|以后|以前|前|后|相比|同期|比|的?基础上|"
                                 r"[—\-~～至到]|(?:底|末)?以来))|(?P<now>今年|本年度?|当年|目前|现在|如今|当前|截至目前)"
                                 r"|(?P<last>去年|上年(?!同期)|上一年)")


def claim_year(sentence: str, start: int, report_year: Optional[int]) -> Optional[int]:
    """The year the claim at ``start`` is stated for, from the nearest time word before it; None when
    none names it (or the report's year is unknown for a relative word)."""
    if not _YEAR_WORD.search(sentence, 0, start) and not _NOW.search(sentence, 0, start):
        return None
    last = None
    for m in _CLAIM_TIME.finditer(sentence, 0, start):
        at = m.start()
        if (sentence[at - 1:at] in ("较", "与", "同", "由", "从", "自", "和", "及", "、", "《", "〔")
                or sentence[at - 1:at] in ("（", "(") and not m.group("last")     # (not "92.1%（上年89.7%）")
                or sentence[at - 2:at] != "占比" and sentence[at - 1:at] == "比") \
                or sentence.rfind("《", max(0, at - 60), at) > sentence.rfind("》", max(0, at - 60), at):
            continue        # a base of comparison (较上年, 由2022年的…), a title's year
        if m.group("year") and (_HONOUR.match(sentence, m.end()) or _YEAR_OF_SOMETHING.match(sentence, m.end())):
            continue        # a year of a thing or an honour
        last = m
    if last is None:
        return None
    if last.group("now"):
        return report_year
    if last.group("last"):
        return report_year - 1 if report_year is not None else None
    return int(last.group("year"))


# A clause led by the present ("…，今年开展督导检查280余次"), and what goes on from an earlier result with no
# subject of its own ("2022年巩固率97.5%，今年提高到98.5%": the same rate, now).
_PRESENT_LEAD = regexcache.compile(r"\s*(?:同时|而且?|但是?|并且?|另外)?\s*(?:(?P<now>今年|本年度?|目前|现在|如今|当前)|(?P<year>(?:19|20)\d\d)\s*年)"
                                   r"(?!\s*(?:以来|起|开始|底前|前|以后|后|至|[—\-~～]))(?:以来)?\s*[，,]?")
_GOES_ON = regexcache.compile(r"\s*(?:又|再|进一步|继续|仍|已经?|则|也)?\s*(?:全部|全面|均已|均|都已|都)?\s*"
                              r"(?:提高|提升|增长|增加|上升|下降|降低|减少|回落|回升|达到|达|为|是|"
                              r"保持|稳定|巩固|实现|扩大|缩小|升至|降至|增至|减至|超过|低于|高于|不低于|不足|消除|清零|化解|\d)")


def present_after_earlier(sentence: str, report_year: Optional[int]) -> Optional[tuple[int, int]]:
    """(where, year) when a clause led by the report's year or the present (今年, 目前, 2023年) goes on with
    work of its own after a part dated to an earlier ``year`` ("2019年即实现责任督学…全覆盖，今年开展督导检查280余
    次"): ``where`` is that clause's start. None when no such clause follows an earlier date, or when it goes on
    with the earlier result's subject ("2022年巩固率97.5%，今年提高到98.5%")."""
    if report_year is None or not _YEAR_WORD.search(sentence):
        return None
    for c in clauses(sentence)[1:]:
        m = _PRESENT_LEAD.match(sentence, c.start, c.end)
        if m is None or (m.group("year") and int(m.group("year")) != report_year):
            continue
        before = claim_year(sentence, c.start, report_year)
        if before is None or before >= report_year or _GOES_ON.match(sentence, m.end(), c.end) \
                or _TARGET_GOES_ON.match(sentence, m.end(), c.end):
            return None
        return c.start, before
    return None


# The same measure's target at the present's time ("…2023年91.2%，2024年目标值92%"): no other work.
_TARGET_GOES_ON = regexcache.compile(r"\s*(?:的)?(?:目标值?|预期目标|计划)(?:为|是|:|：)?\s*\d")


def carries_on_in_time(sentence: str, start: int, end: int) -> bool:
    """Whether the clause ``sentence[start:end]`` goes on with the result of the clause before it at
    another time, with no subject of its own: a time word, then a verb of reaching or a figure
    ("…覆盖率为92%，今年实现全覆盖", "2022年巩固率97.5%，2023年提高到98.5%")."""
    m = _PRESENT_LEAD.match(sentence, start, end)
    return m is not None and _GOES_ON.match(sentence, m.end(), end) is not None


@lru_cache(maxsize=2048)
def dated(sentence: str, report_year: Optional[int]) -> Optional[tuple[str, str]]:
    """("earlier" or "later", the words) when ``sentence`` dates its results to a year before or
    after ``report_year`` ("2022年", "去年", "2024年", "“十三五”末", "从下学期起"); ("window", the words)
    for a stretch of time that is not the year ("迎接省级督导期间", "开学第一周"); None when it does
    not, or names the present (今年, 目前) or the report's own year as well. "去年" and the like need
    no report year."""
    if _now_of_a_result(sentence):
        return None
    later = _LATER_TERM.search(sentence)
    if later:
        return "later", later.group(0)
    period = _PLAN_PERIOD.search(sentence)
    if period and report_year is not None:
        start = 2011 + 5 * ("二三四五".index(period.group(1)))
        year = start + 4 if period.group(2) else start
        # ("“十三五”末为96%，2023年提高到98.5%": this year's result is there too)
        if year > report_year or (year < report_year
                                  and not any(int(y) >= report_year for y in _YEAR_NAMED.findall(sentence))):
            return ("earlier" if year < report_year else "later"), period.group(0)
    window = _WINDOW.match(sentence)
    if window and not _YEAR_NAMED.search(window.group(1)) and not _THE_YEAR.search(window.group(1)):
        return "window", window.group(1)
    first = _FIRST_CLAIM.search(sentence)
    limit = first.start() if first else len(sentence)
    bracketed = [(int(m.group(1) or m.group(2) or m.group(3)), m.group(0)) for m in _BRACKET_DATE.finditer(sentence)
                 if sentence[max(0, m.start() - 1):m.start()] != "》"]     # 《通知》（2021年3月）: the document's date
    found: list[tuple[int, str]] = []           # (year, words); a relative year as report_year - k
    for m in (_TIME_YEAR.finditer(sentence, 0, limit) if _YEAR_WORD.search(sentence, 0, limit) else ()):
        lo = max(0, m.start() - 60)     # a title is short (and a long line stays linear)
        if sentence.rfind("《", lo, m.start()) > sentence.rfind("》", lo, m.start()):
            continue        # a year in a document's title
        if _HONOUR.match(sentence, m.end()) or (_YEAR_OF_SOMETHING.match(sentence, m.end())
                                                and sentence[m.start() - 1:m.start()] != "在"):
            continue        # "2021年新建的学校…", "2022年被评为…", "在2022年基础上": a thing, an honour, a base
        # a school year named by its first year runs into the next ("2023学年" is 2023—2024)
        high = int(m.group("high")) if m.group("high") else (
            int(m.group("year")) + 1 if m.group("year") and "学年" in m.group(0) else None)
        if high is not None and report_year is not None and int(m.group("year")) <= report_year <= high:
            continue        # a span holding the report's year ("2022—2023学年", "2023—2024学年", "2023学年")
        if m.group("year"):
            found.append((int(m.group("high") or m.group("year")), m.group(0)))
        elif report_year is not None:
            found.append((report_year - (2 if m.group("rel") == "前年" else 1), m.group(0)))
        else:
            return "earlier", m.group(0)
    found += [(int(m.group(1)), m.group(0)) for m in _TIME_AT.finditer(sentence, limit)
              if not _HONOUR.match(sentence, m.end())
              and (not _YEAR_OF_SOMETHING.match(sentence, m.end()) or m.group(0).startswith("在"))]
    # an earlier year opening a later clause that states a result of its own ("为41名儿童开展“送教上门”,
    # 2020年义务教育巩固率99.9%"; not a later one, "…，2024年力争…", which is a plan beside this year's result)
    # (only when what came first was a count or a step, "…41名儿童…": after a result of its own, "巩固率达到
    # 98.5%，2022年为97.9%" gives last year beside this one)
    if report_year is not None and first is not None and _COUNT_FIRST.fullmatch(first.group(0)) \
            and _YEAR_WORD.search(sentence, limit):
        for c in clauses(sentence):
            m = _CLAUSE_YEAR.match(sentence, c.start, c.end) if c.start > limit else None
            if (m and int(m.group(1)) < report_year and _FIRST_CLAIM.search(sentence, m.end(), c.end)
                    and not _HONOUR.match(sentence, m.end()) and not _YEAR_OF_SOMETHING.match(sentence, m.end())):
                found.append((int(m.group(1)), m.group(0)))
    # the date of another event in a clause of its own, before the clause that states the result
    # ("县第二高级中学于2022年9月建成招生，全县…毛入学率提高到95.4%")
    if found:
        is_event = _event_clauses(sentence)
        found = [(y, w) for y, w in found if not is_event(w)]
    found += bracketed
    if report_year is not None:
        for start in _LATER_START.finditer(sentence, 0, limit + 12):
            if int(start.group(1) or start.group(2)) > report_year:
                return "later", start.group(0)
    if not found or report_year is None:
        return None
    year, words = found[-1] if not bracketed else bracketed[-1]
    if year < report_year and any(int(y) >= report_year for y in _YEAR_NAMED.findall(sentence)):
        # "2022年巩固率97.5%,2023年提高到98.5%": this year's result is there too; "完成2022年财务决算及
        # 2023年预算下达": a year of a thing, the work in this one
        return None
    if year == report_year:
        return None
    return ("earlier" if year < report_year else "later"), words.strip("（）() ")


# What happened to something else at that date ("…建成招生", "…挂牌成立"), not how things stood then
# ("在2022年的评估中" dates the result that follows).
_EVENT = regexcache.compile(r"建成|成立|组建|扩建|改建|新建|迁建|挂牌|投入使用|投用|开园|开学|招生|竣工|落成|启用|揭牌|开办")


def _event_clauses(sentence: str):
    """A test of whether a date's words stand in a clause that tells an event and states no result,
    with a later clause that states one. The clauses and claims are worked out once per sentence."""
    cls = clauses(sentence)
    clause_starts = [c.start for c in cls]
    claim_starts: Optional[list[int]] = None

    def is_event(words: str) -> bool:
        nonlocal claim_starts
        at = sentence.find(words)
        k = bisect_right(clause_starts, at) - 1 if at >= 0 else -1
        if k < 0 or k == len(cls) - 1 or not _EVENT.search(sentence, cls[k].start, cls[k].end):
            return False
        if claim_starts is None:
            claim_starts = [c.start for c in find_claims(sentence)]      # in order
        i = bisect_left(claim_starts, cls[k].start)
        inside = i < len(claim_starts) and claim_starts[i] < cls[k].end
        return not inside and bisect_left(claim_starts, cls[k].end) < len(claim_starts)

    return is_event


# A preliminary count: its figures are approximate ("据初步统计,全县…98.5%" meets ≥95% as 约98.5% does;
# "据初步统计,…实现全覆盖" does not show all).
_ROUGH_SOURCE = regexcache.compile(r"据(?:统计)?初步(?:统计|测算|核算|估算|摸排)?|初步(?:统计|测算|核算|估算|摸排)|(?:据)?不完全统计|"
                                   r"据估算|粗略统计")


def rough_source(sentence: str) -> Optional[str]:
    """The words that make a sentence's figures preliminary ("据初步统计"), or None."""
    m = _ROUGH_SOURCE.search(sentence)
    return m.group(0) if m else None


# Another area's figures, not the report's: "全省九年义务教育巩固率…", "邻县全面落实…" (but "全省率先实现…" is
# the county's own rank). A provincial or national report is about its own area: see other_area's caller.
# 全市/全州/全盟 are another area only in a county's or district's report (see the caller); a short lead
# clause may come first ("同时，全省…", "2023年，全省…").
_OTHER_AREA = regexcache.compile(r"^(?:据统计[,，]?|[^,，。；;:：全]{1,8}[,，])?(全省|全国|全市|全州|全盟|邻县|周边县区?|兄弟县区?|外县|外省|其他县区?)"
                                 r"(?!率先|首个|首批|首家|第一|前列|领先|排名|排位|位居|名列|先进|同类)")


# Part of the base named where any kind of rule reads it, before or around the sentence's result:
# what is left out ("不计教学点，", "剔除临聘人员后，", "除小规模学校外，"), a sample ("抽查的20所学校",
# "受访学生", "首批确定的15所学校"), one town or zone ("城关镇…", "城东新区…", "城关学区…"), or a kind
# of school picked out ("实验校", "特色学校", "示范幼儿园", "先行校", "示范区内").
_LEFT_OUT = regexcache.compile(r"(?:不计|不算|剔除|扣除|除去)[^,，。；;]{1,14}?(?:后|外)?(?=[,，])"
                               r"|除(?:了)?(?!此)[^,，。；;]{1,18}?(?:以外|之外|外)(?=[,，])")
_SAMPLE = regexcache.compile(r"(?:抽查|抽测|抽检|抽取|实地核查|核查)的\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个|名)"
                             r"|抽样调查的|受访(?:学生|家长|教师)|受检学校|首批(?:确定|认定)?的?\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个)"
                             r"|新(?:招聘|招录|入职|开办|设立)的\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:名|所|个)")
_PLACE = regexcache.compile(r"[\u4e00-\u9fff](?<![各每全个所该本我])[\u4e00-\u9fff](?<![乡城村集各每全个所该本我县市区])"
                            r"(?:镇(?![区村])|乡(?![村镇])|街道|片区|学区|开发区|新区)"
                            # a town named …集 ("李集镇", "王集镇"), not the common noun 集镇 (农村集镇, 小集镇, 中心集镇)
                            r"|[\u4e00-\u9fff](?<![村乡小大心制城点各每全个所该本我县市区农的和与及在中新老])集镇(?![区村])")
_PICKED_OUT = regexcache.compile(r"(?:实验校|特色校|特色学校|示范幼儿园|示范园|示范食堂|先行校|示范区内|试点学校|试点校|试点园|试点幼儿园)"
                                 r"(?!创建|建设|评选|申报|评估|验收|认定)")     # (creating them is work, not a part)
# A word of the whole area in the result's own clause ("在城关镇召开现场会，全县…实现全覆盖").
WHOLE_AREA = regexcache.compile(r"全县|全市|全区|全旗|全州|所有|全部学校|各校|各学校|每所|每个乡镇|各乡镇")
# "城关镇、河口镇等12个乡镇全部…": the towns listed are all of them.
_ALL_LISTED = regexcache.compile(r"等\s*(?:\d+|[一二两三四五六七八九十]+)\s*个(?:乡镇|镇|街道)|等(?:全县|全部|所有|各)")


@lru_cache(maxsize=2048)
def partial_bases(sentence: str) -> tuple[tuple[str, int, int, bool], ...]:
    """(words, clause start, clause end, anywhere) for each naming of part of the base in a sentence
    ("不计教学点", "抽查的20所", "城关镇"). What is left out (``anywhere``) holds for the whole sentence;
    a sample, a town or a kind of school for its own clause (the caller checks that the clause is
    about the rule); a town not when that clause names the whole area as well; none named as included."""
    out = []
    for m in _LEFT_OUT.finditer(sentence):
        if not _BESIDES.match(sentence, m.end()):     # "除做好…外，还…" is "besides"
            out.append((m.group(0), 0, len(sentence), True))
    if _ALL_LISTED.search(sentence):
        return tuple(out)
    for pattern in (_SAMPLE, _PLACE, _PICKED_OUT):
        for m in pattern.finditer(sentence):
            if _INCLUDING.search(sentence, max(0, m.start() - 4), m.start()) or _in_inclusion(sentence, m.start()):
                continue        # "全县所有学校（含实验校）": named as included
            if pattern is not _PLACE:
                # "全县省级示范幼儿园", "全县抽查的20所学校": the county's sample or picked-out schools
                out.append((m.group(0), *clause_around(sentence, m.start(), m.end()), False))
                continue
            # (the clause around the words, looked at within reach: a huge line stays linear)
            start, stop = clause_around(sentence, m.start(), m.end())
            # (所有/各校 right after the town are the town's own: "城关镇各学校", "城关镇所有教师")
            after = m.end() + len(_OF_THE_PLACE.match(sentence, m.end()).group(0))
            if not (WHOLE_AREA.search(sentence, start, m.start()) or WHOLE_AREA.search(sentence, after, stop)):
                out.append((m.group(0), start, stop, False))
    return tuple(out)


_PART_REACH = 200
_OF_THE_PLACE = regexcache.compile(r"(?:的)?(?:所有|全部|各|每所|每个)?(?:学校|中小学|幼儿园|教师|学生|校)?")


def clause_around(sentence: str, lo: int, hi: int) -> tuple[int, int]:
    """(start, end) of the clause holding sentence[lo:hi], looked at within _PART_REACH of it (bounded,
    so that asking it of every figure of a line without punctuation stays linear)."""
    reach = max(0, lo - _PART_REACH)
    start = max(sentence.rfind(sep, reach, lo) for sep in ",，:：") + 1 or reach
    end = CLAUSE_SEP.search(sentence, hi, hi + _PART_REACH)
    return start, end.start() if end else min(len(sentence), hi + _PART_REACH)


_BESIDES = regexcache.compile(r"[,，]?[^,，。；;]{0,6}?(?:还|也|同时)")


# Units left undone in a clause after the result: "…全部实行封闭化管理，城东新区2所学校围墙尚未完工",
# "…全部配齐专职保安，城东幼儿园保安尚在招聘", "…全覆盖，部分农村学校暂未开展" — units (a count, 部分/少数/
# 个别, new ones, a named school or town) and a verb of what is not done yet.
_UNDONE_UNITS = regexcache.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个|辆|名|家|间|处|班)|部分|少数|个别|"
                                   r"新(?:设立|开办|购置|建|招聘|成立)的|村小")
# ... or a school named at the head of the clause ("，城东幼儿园保安尚在招聘")
_UNDONE_NAMED = regexcache.compile(r"(?!所有|全部|全县|全市|全区|各|每|这些|该|尚未|暂未|仍未|还未)"
                                   r"[\u4e00-\u9fff]{2}(?:幼儿园|小学|中学|食堂|中心园|镇)")
_UNDONE_VERB = regexcache.compile(r"(?:尚未|暂未|未能|还未|仍未|没有)[^,，。；;]{0,4}?(?:开展|完工|挂牌|联网|接入|配备|配齐|设置|"
                                  r"建立|实现|达标|到位|落实|覆盖|安装|开通|验收|投用|参加|参与|享受|纳入)|"
                                  # (bare 未 only with these: "…仅2所学校未配备专职保安" is about the guards)
                                  r"未(?:能)?(?:参加|参与|享受|纳入)|"
                                  # a shortfall of the units' own figure: "部分学校学生每天校园体育活动时间不足1小时"
                                  r"(?:不足|低于|未达到?)(?=\s*(?:\d|[一二两三四五六七八九十半]))|"
                                  r"(?:尚在|正在|仍在|还在)[^,，。；;]{0,2}?(?:筹建|招聘|安装|调试|建设|改造|推进|物色|选派|施工|审批)|"
                                  r"尚待[^,，。；;]{0,8}?(?:选派|招聘|配备|落实|安装|验收)|"
                                  # units still over a line or short of it: "县二中初一年级还有3个班在56人以上"
                                  r"(?:还有|仍有|尚有)(?=\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个|名|间|班)"
                                  r"[^,，。；;]{0,12}?(?:以上|超过|未|不足|没有|不达标))")


_UNDONE_LEAD = regexcache.compile(r"[\s,，]*(?:但是?|其中|目前|另有|还有|尚有|仍有|有)?")
# The units a remainder counts, and what they lack: "3所学校专职保安未配齐" — 专职保安 is what they lack.
_UNDONE_COUNTED = regexcache.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个|名|家|间|处|班)"
                                     r"(?:[\u4e00-\u9fff]{0,6}?(?:中小学校?|中小学幼儿园|学校|小学|村小|教学点|初中|中学|幼儿园|"
                                     r"乡镇|校|园|学生|儿童|教师|班级|食堂))?")
_LACKING = regexcache.compile(r"尚未|暂未|未能|还未|仍未|没有|未|不足|低于")


def undone_subject(clause: str) -> str:
    """What the units of a remainder clause lack, as the clause names it between the units and its verb
    ("仍有3所学校专职保安未配齐" → 专职保安); "" when it names nothing ("尚有3所学校未配备")."""
    units = _UNDONE_COUNTED.search(clause)
    if units is None:
        return ""
    lack = _LACKING.search(clause, units.end())
    return clause[units.end():lack.start()].strip() if lack else ""


@lru_cache(maxsize=2048)
def undone_after(sentence: str) -> Optional[str]:
    """A clause after the sentence's first claim that counts units not done yet, or None."""
    if not _UNDONE_VERB.search(sentence):
        return None         # (most sentences: claims are not worked out for nothing)
    claims = find_claims(sentence)
    cls = clauses(sentence)
    # after the first claim, or — a measure stated without one ("全面落实…陪餐制度，但个别学校仍未落实到位") —
    # after the first clause
    done_at = claims[0].end if claims else cls[0].end
    if not _UNDONE_VERB.search(sentence, done_at):
        return None
    for c in cls:
        if c.start < done_at:
            continue
        text = sentence[c.start:c.end]
        # the units open the clause ("，城东新区2所学校围墙尚未完工"; "，尚未实现义务教育学校全覆盖"
        # denies the claim instead, which the claim's own reading takes)
        lead = _UNDONE_LEAD.match(text).end()
        if _UNDONE_VERB.search(text) and (_UNDONE_UNITS.search(text, lead, lead + 12) or _UNDONE_NAMED.match(text, lead)
                                          or _NAMED_SCHOOL.search(text, lead, lead + 12) or _PLACE.search(text, lead, lead + 12)):
            return text.strip("，,。；; ")
    return None


# Work done for a target rather than the target: its money, plans, projects, land, purchases,
# pledges, and checks, training and publicity about it ("…所需经费已全部落实", "…方案已全部报备",
# "封闭化管理专项督查实现全覆盖", "…培训实现全覆盖").
SIDE_WORK = ("经费", "资金", "方案", "草案", "规划", "立项", "用地", "采购", "承诺书", "一校一案", "核定", "督查", "检查",
             "排查", "摸排", "培训", "宣传", "告知书", "动员")
_SIDE_WORK = regexcache.compile("|".join(SIDE_WORK))


@lru_cache(maxsize=2048)
def side_work_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Spans of the clauses that state a result of all (全覆盖, 全部, 100%; not a sum of money), cut at
    list marks (、), for the caller to ask which name its subject and which hold a side-work word."""
    if not _SIDE_WORK.search(sentence):
        return ()
    claims = [c for c in find_claims(sentence) if c.kind != "figure" or c.unit == "%"]
    if not claims:
        return ()
    out = []
    starts, i = [k.start for k in claims], 0
    for c in clauses(sentence):
        while i < len(starts) and starts[i] < c.start:
            i += 1
        if i < len(starts) and starts[i] < c.end:
            start = c.start
            for m in _LIST_MARK.finditer(sentence, c.start, c.end):
                out.append((start, m.start()))
                start = m.end()
            out.append((start, c.end))
    return tuple(out)


def side_work_in(sentence: str, lo: int, hi: int) -> Optional[str]:
    m = _SIDE_WORK.search(sentence, lo, hi)
    return m.group(0) if m else None


_LIST_MARK = regexcache.compile(r"、")


# Names that hold a result: a document's title (《关于实现…全覆盖的通知》) and a quoted name of a project,
# a campaign or a meeting ("实施“中小学互联网接入率100%”提速工程", "召开“…校校达标”攻坚动员会").
_TITLE = regexcache.compile(r"《([^《》]{1,80})》")
_QUOTED_NAME = regexcache.compile(r"“([^“”]{1,40})”[\u4e00-\u9fff]{0,6}?(?:工程|活动|宣传月|主题月|动员会|推进会|现场会|行动|方案|计划|口号)")
# (only a name that itself holds a result: "“五项管理”全系统行动" names the work, not a result)
_RESULT_WORD = regexcache.compile(r"\d+(?:\.\d+)?%|全覆盖|达标|清零|尽[\u4e00-\u9fff]|全部|所有|每所|每个|至少|一个不漏|一个不落")


@lru_cache(maxsize=2048)
def named_only(sentence: str) -> Optional[str]:
    """The name when every result the sentence states lies inside a title or a quoted name, or None."""
    if "《" not in sentence and "“" not in sentence:
        return None
    spans = [m.span() for m in (*_TITLE.finditer(sentence), *_QUOTED_NAME.finditer(sentence))
             if _RESULT_WORD.search(m.group(1))]
    if not spans:
        return None
    spans.sort()
    opens = [a for a, _ in spans]
    claims = find_claims(sentence)

    def holding(at: int):
        k = bisect_right(opens, at) - 1
        return spans[k] if k >= 0 and at < spans[k][1] else None

    if claims and all(holding(c.start) for c in claims):
        a, b = holding(claims[0].start)
        return sentence[a:b]
    if not claims:
        # no claim read outside the names, and no result word there either ("转发《关于实现…全覆盖的通知》",
        # "制定《每所中小学至少配备1名…实施方案》": a kind may read 全覆盖 or 每所 from the words alone)
        outside, last = [], 0
        for a, b in spans:
            outside.append(sentence[last:a])
            last = max(last, b)
        outside.append(sentence[last:])
        if not _RESULT_WORD.search("".join(outside)):
            return sentence[spans[0][0]:spans[0][1]]
    return None


@lru_cache(maxsize=2048)
def other_area(sentence: str) -> Optional[str]:
    """The other area ("全省", "全国", "邻县") a sentence opens with, whose figures are not the county's."""
    m = _OTHER_AREA.match(sentence)
    return m.group(1) if m else None


# A first clause that gives a target: "市对县考核指标为九年义务教育巩固率不低于96%，我县实际达到98.8%".
_TARGET_LEAD = regexcache.compile(r"[^,，。；;]{0,12}?(?:考核指标|考核口径|考核目标|下达(?:的|我县的)?指标|标准|目标)(?:值)?(?:为|是)")
# A later clause that opens with the report's own area: "全省巩固率为96.5%，我县达到99.2%".
_OWN_AREA_LEAD = regexcache.compile(r"\s*(?:而|其中|同时)?[,，]?\s*(?:我|本)[县区市旗]|\s*(?:而|其中|同时)?[,，]?\s*全[县区旗]"
                                    r"|\s*(?:而|其中|同时)?[,，]?\s*实际")


@lru_cache(maxsize=256)
def figure_claims_at(sentence: str) -> dict:
    """The figure claims of a sentence by the offset their text starts at (for kinds that read the
    sentence's quantities themselves and ask which of them the claims stage reads as a result)."""
    return {c.start: c for c in find_claims(sentence) if c.kind == "figure"}


@lru_cache(maxsize=2048)
def own_area_after(sentence: str) -> Optional[int]:
    """Where the report's own area takes over in a sentence that opens with another one ("全省巩固率为
    96.5%，我县达到99.2%"): the start of the first later clause that opens with 我县/本县/全县 (区, 旗;
    我市/本市), or None. The clauses before it are the other area's."""
    if other_area(sentence) is None and not _TARGET_LEAD.match(sentence):
        return None
    for c in clauses(sentence)[1:]:
        if _OWN_AREA_LEAD.match(sentence, c.start, c.end):
            return c.start
    return None


# A clause that opens with another area: "…,明确…,邻近的兄弟县区不再审批…", "…；全省巩固率为95.2%".
_CLAUSE_OF_OTHER_AREA = regexcache.compile(
    r"\s*(?:同时|而|并|另外|此外)?[,，]?\s*(?:邻近的|周边的)?(全省|全国|邻县|周边县区?|兄弟县区?|外县|外省|其他县区?|全市|全州|全盟)"
    r"(?!率先|首个|首批|首家|第一|前列|领先|排名|排位|位居|名列|先进|同类|平均|的平均)")


@lru_cache(maxsize=2048)
def other_area_clauses(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, area) of each clause of the sentence that opens with another area (not 全市/全州:
    whether those are another area depends on the report, see other_area's caller)."""
    if not _ANY_OTHER_AREA.search(sentence):
        return ()
    # (全市/全州 are another area only when the sentence names the county as its own: "…，全市…99.9%，我县低于全市")
    county = _COUNTY_SELF.search(sentence) is not None
    out = []
    for c in clauses(sentence):
        m = _CLAUSE_OF_OTHER_AREA.match(sentence, c.start, c.end)
        if m and (county or m.group(1) not in ("全市", "全州", "全盟")):
            out.append((c.start, c.end, m.group(1)))
    return tuple(out)


# Another area named right before a figure inside the county's own clause: "…就读比例全省达98.1%，我县低于全省".
_AREA_RIGHT_BEFORE = regexcache.compile(r"(全省|全国|邻县|外省|外县|全市|全州)(?:平均)?(?:水平)?(?:已经?)?(?:达到?|为|是|在)?\s*$")


def other_area_before(sentence: str, start: int) -> Optional[str]:
    """The other area named right before the figure at ``start`` (全市/全州 only when the sentence names the
    county as its own), or None."""
    m = _AREA_RIGHT_BEFORE.search(sentence, max(0, start - 8), start)
    if m is None or (m.group(1) in ("全市", "全州") and not _COUNTY_SELF.search(sentence)):
        return None
    return m.group(1)


_ANY_OTHER_AREA = regexcache.compile(r"全省|全国|邻县|周边县|兄弟县|外县|外省|其他县|全市|全州|全盟")
_COUNTY_SELF = regexcache.compile(r"我县|本县|全县|我区|本区|我旗|本旗|全旗")


# Words that leave a sentence's figures unconfirmed or someone else's: "…（初步统计数，待核实）", "数据
# 有待核实", "（暂估数）"; "有家长反映…", "有报道称…", "某机构宣称…"; instructions and calls ("提倡…",
# "鼓励…实现全覆盖"); and a sentence that denies what follows ("还谈不上…", "很难说…").
_UNCONFIRMED = regexcache.compile(r"有待核实|尚待核实|待核实|有待核查|待核查|尚待确认|有待确认|待确认|未经核实|未经核准|"
                                  r"暂估|估算数|初步统计数|快报数|待(?<![对接招等期优善看款]待)(?!遇)[^,，。；;]{0,10}?认定|正在核实|仍在核实|尚在核实|数据[^,，。；;]{0,4}?核实中|待核准|"
                                  # a forecast: "按当前进度测算,…"
                                  r"按(?:当前|目前|现在|现有)?进度[^,，。；;]{0,2}?(?:测算|推算|预估)|"
                                  # counted as planned or including what is not there yet
                                  r"含在建|包括在建|按规划[^,，。；;]{0,6}?计算|按核定[^,，。；;]{0,4}?计算|"
                                  # reached, then lost: "…达到100%，但年末回落"
                                  r"但(?:年末|年底|随后|此后)[^,，。；;]{0,4}?(?:回落|下滑|反弹|出现反复)|"
                                  # on paper only: "名义上达到100%", "账面上…", "停留在纸面上", "只是挂名"
                                  r"名义上|名为|号称|账面上|表面上|形式上|纸面上|只是挂名|多为挂名|大多挂名|形同虚设|"
                                  # reported for now, final figures to come: "暂按93%上报，最终以统计年报为准"
                                  r"暂按|最终[^,，。；;]{0,10}?为准|尚待[^,，。；;]{0,8}?(?:确认|核定|比对)|"
                                  r"待[^,，。；;]{0,8}?核定|预估|正在汇总|比对正在进行|正在比对")
# (only speech reported at second hand: "有家长反映…", "据媒体报道…", "网上有传言称…", "某机构宣称…" —
# "家长普遍反映满意", "督导评估组认为…" are the bureau's own account)
_HEARSAY = regexcache.compile(r"^(?:有|网上|社会上|坊间)[^,，。；;:：]{0,12}?(?:反映|称|表示|认为|说)|"
                              r"^据[^,，。；;:：]{0,8}?(?:报道|传言|传闻|媒体|反映|口头)|宣称|声称|传言|传闻|听说|据说")
_DENIED = regexcache.compile(r"^(?:还|仍|远|尚)?(?:谈不上|算不上|称不上|说不上)|^(?:很难|不能|无法|难以)说|"
                             # "…已达100%的说法并不准确", "…为时尚早", "…还只是一句口号", "…未获督导组认可",
                             # "此前上报的…92%，经复核为87%", "这一点我县还远远没有做到"
                             r"(?:说法|提法|判断|数据|数字)[^,，。；;]{0,3}?(?:并?不准确|不属实|不实|有误|失实|有出入|存疑)|"
                             r"为时尚早|为时过早|只是一句口号|只是口号|未获[^,，。；;]{0,8}?认可|经复核为|"
                             r"经核查[^。；;]{0,12}?(?:仍有|部分|其中|实际)|远远没有|还没有真正|^难言|难言已|谈何")
_SPEAKER_OWN = regexcache.compile(r"^(?:我局|我县|我市|我区|县教育局|市教育局|区教育局|教育局|经)")


@lru_cache(maxsize=2048)
def not_stated_as_result(sentence: str) -> Optional[tuple[str, str]]:
    """("unconfirmed" | "hearsay" | "denied", the words) when ``sentence`` states no result
    of the bureau's own, whatever figures it holds; else None."""
    m = _UNCONFIRMED.search(sentence)
    if m:
        return "unconfirmed", m.group(0)
    m = _DENIED.search(sentence)
    if m:
        return "denied", m.group(0)
    if not _SPEAKER_OWN.match(sentence):
        m = _HEARSAY.search(sentence)
        if m:
            return "hearsay", m.group(0)
    return None


# A claim that names a plan, a practice or a campaign instead of stating a result: "制定大班额全部清零实施
#方案", "推行…全覆盖的做法", "开展“…100%”专项行动", "提出“…”的口号" (the rest of the sentence may still state one).
_NAMED_BY_AFTER = regexcache.compile(r"[”\"'’]?\s*的?\s*(?:工作|实施|行动|攻坚|推进)?(?:方案|口号|"
                                     r"专项行动|攻坚行动|行动计划|推进会|现场会|动员会|攻坚战)"
                                     # "乡镇公办中心园全覆盖项目全部开工", "法治副校长全覆盖工作已部署到位"
                                     r"|(?<=全覆盖)(?:工作|项目|工程|行动|任务)(?!全部完成|已全部完成|已经?完成)")
# A claim that is the base of a comparison: "与先进县区护学岗设置率100%相比,我县仍有差距".
_COMPARED_BEFORE = regexcache.compile(r"(?:与|同|跟)[^,，。；;:：]{1,40}$")
_COMPARED_AFTER = regexcache.compile(r"[^,，。；;:：]{0,12}?(?:相比|相较|比较而言|对比)")
# 距离大班额清零仍有差距: the subject may stand between 距离 and the phrase (with GAP_AFTER behind it).
_GAP_LEAD = regexcache.compile(r"(?:距离|距|(?<![\u4e00-\u9fff])离)[^,，。;；:：]{0,12}$")
# A result written and then denied: "达到100%的目标没有实现", "全覆盖的任务尚未完成".
MISSED_AFTER = regexcache.compile(r"[”\"']?\s*的?\s*(?:目标|任务|要求)?(?:(?:还|仍|尚|均)?(?:没有|未能|尚未|仍未|还未|未)能?"
                           r"(?:全面|完全)?(?:实现|完成|达到|达成|落实)|落空)")
# A result still to be reached, by the words right after it: "实现课后服务全覆盖还需努力", "…尚需时日".
_PENDING_AFTER = regexcache.compile(r"[”\"']?\s*(?:的目标|的任务)?(?:还|仍|尚)(?:需要?|须|要|待|有待)[^,，。；;:：]{0,6}")
# A result qualified by the words right after it: "全覆盖目标基本实现" (nearly), "…初步达成" (roughly).
_SHORT_AFTER = regexcache.compile(r"[”\"']?\s*的?\s*(?:目标|任务)?(?:已经?)?(?:(基本上?)|初步|总体上?)(?:已经?)?"
                                  r"(?:实现|完成|达成|达到|做到)")
# A figure the clause gives as a plan's or a target's, not as a result: "原计划专职保安配备率达到100%",
# "护学岗设置率:目标100%,完成95%".
# "封闭化管理率省定标准为100%", "考核标准要求98%": a standard set from above, not the level reached
# The plan's own target ("目标值92%", "目标为92%", "计划目标…"): in a plan it is what the plan commits to
# (``find_claims(…, own_targets=True)``); anywhere else no result.
_OWN_TARGET_BEFORE = regexcache.compile(r"(?:计划目标|目标任务|目标值)[^,，。;；]*$|目标(?:值)?(?:为|是|:|：)?\s*$")
_TARGET_BEFORE = regexcache.compile(r"(?:原计划|原定|预定)[^,，。;；]*$|"
                                    r"(?:省定|市定|国定|国家|省级|市级|上级|规定|考核|验收|督导)标准(?:值)?"
                                    r"(?:为|是|:|：|要求)?\s*(?:达到|不低于|不少于)?\s*$|"
                                    # the measure named between: "考核指标为九年义务教育巩固率96%", "国家标准为…达到90%以上"
                                    r"(?:(?:省定|市定|国定|国家|省级|市级|上级)标准|考核(?:指标|口径)|下达(?:的)?指标)(?:为|是|:|：)"
                                    r"[^,，。；;实已]{0,20}$")
# A figure on a rate followed by the units it sorts out is no level of that rate: "优良率达到50%以上
# 的学校占60%" counts schools.
_QUALIFIES_UNITS = regexcache.compile(r"\s*(?:以上|及以上|以下|以内)?\s*的\s*(?:学校|幼儿园|中小学|小学|初中|高中|班级|单位|乡镇|县|区|地区)")
# Words that give a clause no subject of its own: "占总数的67.68%", "比上年增加44840人", "今年下降到95%".
_FILLER = regexcache.compile(
    r"占总数|占全部|总数|比上年|比去年|同比|较上年|增加|增长|提高|下降|减少|降低|上升|今年|本年|当年|目前|年底|年末|"
    # "…为51.2%,较2022年下降0.8个百分点": the year compared with is no subject either
    r"(?:较|比|与)(?:19|20)\d\d年(?:同期)?|"
    r"实际完成|实际|完成|目标值|目标|(?:19|20)\d\d年(?:底|末|年底)?|"
    r"[占比例率达到为了是约近共计合计其中分别均都已实现的\s\d.%,余多个人名所万]"
)
# What introduces a list written after a composite label: "(…)", ":…", "即…", "——…".
_LIST_AFTER = regexcache.compile(r"[”\"']?\s*(\(|:|,即|即|——)")
# A figure right after these words is a change, not a level ("增长7.19%", "下降0.8个百分点").
# After 至 it is the level reached ("提高至92%" is 92%, as "提高到92%" is).
_CHANGE = regexcache.compile(r"(增长|提高|提升|下降|减少|降低|上升|增加|增幅|降幅|回落)(了|为|达)?\s*$")
# "由88%提高到92%", "较上年的85%提高3个百分点": the first figure is a past level, not the current one.
_FROM = regexcache.compile(r"(由|从|较|比)[^,;:、]{0,10}$")
_THEN = regexcache.compile(r"\s*(?:已经?)?(?:有所|明显|大幅|略有|稍有|进一步|稳步|持续)?"
                           r"(提高|提升|增加|增长|上升|下降|降低|减少|回落|压减|压缩|缩减|降|升|增|减|到|至)")
# What stands between the two levels of one figure: "由52.0%降至51.2%", "从88%提高到92%".
_TO_LEVEL = regexcache.compile(r"\s*(?:已经?)?(?:提高|提升|增加|增长|上升|下降|降低|减少|回落|降|升|增)?了?\s*(?:到|至|为|达到|达)\s*"
                               # (the later level's year: "由2022年的54.2%下降到今年的53.1%", "…到2023年的53.1%")
                               r"(?:(?:今年|本年|当年|(?:19|20)\d\d\s*年(?:底|末)?)的?\s*)?")
# A from-level naming a year or a plan period ("由2019年的55%", "由十三五末的") may lie several
# years back: its change is no change on the year, so it is not recorded as one.
_SEVERAL_YEARS = regexcache.compile(r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}年|十[二三四五]五|[二三四五六七八九十两]年")
# ... unless it names one year in digits ("由2022年的52.0%"): the kinds compare it with the report's.
_ONE_YEAR = regexcache.compile(r"^[由从较比]\s*((?:19|20)\d\d)\s*年(?:底|末)?的?\s*$")


# Scope. "100% of schools" is about every school of the area (rule catalog, scope rule): a qualifier
# of the subject a claim is about that narrows it (城区学校, 公办学校, 试点校) makes the claim one about
# part of the base. The shared default list: every rule gets it; a rule whose own base is written
# with one of these words (护学岗: 城市和城镇; 随迁子女: 公办学校) does not take it for a narrowing.
NARROWING_SCOPES = ("城市和城镇", "主城区", "城区", "县城", "市区", "城镇", "城市", "县直", "市直", "区直",
                    "农村", "乡村", "乡镇", "中心学校", "中心校", "中心小学", "村小", "公办", "民办", "部分", "多数", "少数", "试点",
                    "示范校", "寄宿制", "一些", "个别", "抽查的", "抽检的", "具备条件的", "有条件的", "起始年级",
                    "随机走访的", "走访的", "暗访的", "巡查的", "监测点",
                    # a kind of school, a sample, or one school or township: 改薄学校, 样本学校, 一所学校, 该镇…
                    "改薄", "样本", "抽样", "一所", "某所", "某校", "该校", "我校", "我园", "该镇", "该乡", "某镇", "某乡")
_URBAN = ("城市和城镇", "主城区", "城区", "县城", "市区", "城镇", "城市", "县直", "市直", "区直")
_RURAL = ("农村", "乡村", "乡镇", "中心学校", "中心校", "中心小学", "村小")
# What a qualifier must qualify to be a scope: a school, a stage or the people of the target
# (城区学校, 城区义务教育阶段随迁子女, 部分中小学), not 城镇化 or 乡村振兴.
# (or the rate itself, "城区普惠率", "乡镇义务教育巩固率"; or townships, "部分乡镇")
_SCOPE_HEAD = r"(?:学校|中小学|小学|初中|中学|高中|幼儿园|园|校|学生|儿童|子女|教师|班级|乡镇|率)"
_SELF_HEADED = ("中心学校", "中心校", "中心小学", "村小", "示范校", "试点校")
_SCOPE = regexcache.compile(
    r"(?<![各每])(?<!全)(?<!组成)(?<!重要组成)(?:("
    + "|".join(sorted(NARROWING_SCOPES, key=len, reverse=True))
    + r")(?!化)[\u4e00-\u9fff0-9]{0,14}?" + _SCOPE_HEAD + "|(" + "|".join(_SELF_HEADED) + "))")   # (城区30所学校)
# A qualifier written bare where the figure's subject would stand, or in brackets after it:
# "设置率城区达100%", "设置率达100%(仅城区)".
_BARE_SCOPE = regexcache.compile(
    r"(?<![各每全])(?:(?:仅|只)\s*)?(" + "|".join(sorted(NARROWING_SCOPES, key=len, reverse=True))
    + r")(?=\s*(?:均|都|全部)?(?:达到?|为|是|实现|覆盖)|\s*[)）])")
# A group of the target's people, not all of them: "视力残疾儿童入学率", "建档立卡学生", "新增随迁子女",
# "初三学生体质健康优良率" (a rule whose own words name the group, as 建档立卡 for student aid, keeps it).
SUBGROUPS = ("视力", "听力", "言语", "智力", "肢体", "精神残疾", "多重残疾", "建档立卡", "脱贫家庭", "低保", "特困",
             "孤儿", "留守", "新增", "新入学", "新招", "新入职", "新录用", "新进", "初一", "初二", "初三", "高一", "高二",
             "高三", "七年级", "八年级", "九年级", "毕业班", "毕业年级", "在编", "骨干", "省内", "省外",
             # who they are: "女性适龄人口毛入学率", "少数民族学生"
             "女性", "女童", "男童", "少数民族")
_SUBGROUP = regexcache.compile(r"(?<![各每全])(" + "|".join(sorted(SUBGROUPS, key=len, reverse=True))
                               + r")[\u4e00-\u9fff]{0,6}?(?:学生|儿童|少年|子女|教师|幼儿(?!园)|学子|人口)")
# A group of pupils or classes named by a noun of its own: 男生, 寄宿生, 一年级, 大班 (not 男女生, which is
# all of them, nor 大班额 or 小班化).
_GROUP_NOUN = regexcache.compile(r"(?<![男])(?:男生|女生)|寄宿生|住校生|走读生|(?<![初高])(?:[一二三四五六]{1,2}年级|[一二三四五六]至[二三四五六]年级|低年级|高年级)"
                                 r"|大班(?<!最大班)(?!额)|(?<![初高])中班|小班(?!化|额)")
_ANY_GROUP_NOUN = regexcache.compile(r"生|年级|班")
_GROUPS_TOGETHER = regexcache.compile(r"(?:生|年级|班)\s*[、和及与]\s*[^,，。；;]{0,8}?(?:生|年级|班)[^,，。；;]{0,12}?(?:均|都|全部|总体)"
                                      r"|(?:均|都|全部|所有)[^,，。；;]{0,12}?(?:生|年级|班)[^,，。；;]{0,8}?[、和及与]")
# "除3所教学点外，全县学校均…": the base without what is left out.
# Only an exception of schools or places is one ("除此之外", "除做好…外,还…" are "besides").
_EXCEPT = regexcache.compile(r"(?:除(?:了)?|在(?=[^,，。；;:：]{0,18}?(?:之外|以外)))(?!此)[^,，。；;:：]{0,18}?(?:学校|校|园|教学点|村小|所|点|小学|中学|初中|高中)(?:以外|之外|外)"
                     r"(?![^,，。；;:：]{0,6}?(?:还|也))"
                     # "(3所学校除外)", "个别村小除外", "(教学点除外)", "民办园除外"
                     r"|(?:\d+|[一二两三四五六七八九十]+|个别|少数)\s*(?:所|个|家)?[^,，。；;:：()（）]{0,8}?除外"
                     r"|[\u4e00-\u9fff]{2,10}除外")
# "全部实现封闭化管理,仅2所村小正在改造", "设置率100%,尚有1所学校未设置": a remainder written in the
# clause after a full-coverage claim leaves it short of all, as an exception before it does
# (除2所村小外), with the area as its subject or not ("，我县仍有3所学校未开展"). Only a short clause
# that counts schools or people and ends on what they have not done yet: "仅2所学校未配备保安" names
# something else they lack.
_REMAINDER = regexcache.compile(r"\s*(?:但|其中|目前)?\s*(?:(?:全|我|本)[县区市旗])?\s*((?:(?:仅|只|尚|仍|还|另)(?:有|剩|余)?|剩余|还剩)?\s*"
                        r"(?:(?:\d+|[一二两三四五六七八九十]+)\s*(?:所|个|家|名|人|校|园|间|处|班)|个别|少数)"
                        r"[^\s,，。；;:：!！?？…]{0,8}?"
                        r"(?:未|尚未|没有|没|暂未|正在|仍在|还在|待|仍有|还有|存在)[^\s,，。；;:：!！?？…]{0,3})\s*[。！？!?…]*\s*")
# (classes of "not a separator" rather than Han ranges: each Han range costs ~1 ms of compiling)
# "封闭化管理率达到100%(不含教学点)": a part left out in so many words is an exception too.
_EXCLUDING = regexcache.compile(r"(?:不含|不包括|不包含|未含|未包括)[^,，。；;:：)）]{1,12}")
# "(全县45所中小学中,)有40所护学岗设置率达到100%": a count of the units that reached it, in the
# claim's clause, is some of them, not all (共有/现有/总计 N所 give the total; "…的学校有150所,占比
# 100%" is a share of the whole).
_PART_COUNT = regexcache.compile(r"有(?<![共现总拥计没]有)\s*(?:\d+|[一二两三四五六七八九十百]+)\s*(?:所|个|家)"
                                 r"(?:学校|中小学|小学|初中|中学|幼儿园|学校|校|园)?"
                                 r"(?=[^,，。；;:：]{0,20}?(?:率|达到|实现|全覆盖|全部|均))")
# Units picked out by what they have done, with a share of them doing something else right after:
# "已接入互联网的学校100%完成了…备案", "已消除大班额的学校中，100%建立了…台账", "已配备的心理健康教育教师
# 100%取得了C证" (not "已接入互联网的学校比例达100%", where the share is of those units).
_DONE_PART = regexcache.compile(
    r"((?:已经?|均已)[^,，。；;:：的]{1,14}的(?:[^,，。；;:：的]{0,8}?)(?:学校|中小学|幼儿园|教师|学生|班级|班|单位))"
    r"(?:中|里|当中)?[,，]?\s*(?=[\d.]+\s*[%％][^\d,，。；;]{0,2}?(?:完成|建立|取得|实现|开展|配备|通过|落实|接受|参加|参与|纳入|制定|达到)了?)")
# The superlatives of the low end: an extreme unit at this end that meets a floor shows every unit does.
EXTREME_LOW = ("最低", "最小", "最少", "最差")
# One extreme unit: "优良率最高的学校达到78%", "差异系数最小的小学为0.21".
_EXTREME_UNIT = regexcache.compile(r"(?:最高|最低|最大|最小|最好|最差|最多|最少|最快|最优)的[^,，。；;:：的]{0,6}?"
                                   r"(?:学校|中小学|小学|初中|幼儿园|班级|班|教学点|乡镇)")
_PICKED_BY = regexcache.compile(
    r"(?P<which>(?:(?:已经?|均已|经过?)\s*)?(?:完成|建成|设有|具备|位于|报名|申请|经评估|评估|接受|开展|实施|配备了?|"
    r"拥有|通过|纳入|列入|新建|改造|改扩建|达到|承担|"
    # (those eligible, or those tested, are the base a rate is counted on: 符合入学条件的, 参加体质健康测试的)
    r"符合(?![^,，。；;:：]{0,12}?条件的)|(?:参加|参与)(?![^,，。；;:：]{0,12}?(?:测试|体测|监测|筛查)的))"
    r"[^,，。；;:：]{1,20}的"
    r"|(?:\d+|[一二两三四五六七八九十百千]+)\s*(?:人|名)(?:以上|以下|及以上)的)"
    r"[^,，。；;:：的]{0,8}?(?:学校|中小学|幼儿园|教学点|教师|学生|幼儿|子女|儿童少年|儿童|园长|校长|班级)")
# Where a qualifier is outweighed by a word of the whole area written in the same item.
_WHOLE = regexcache.compile(r"全县|全市|全区|全旗|全州|全省|所有|各类|城乡")
# Rate nouns that measure something other than coverage of the target's subject (持证上岗率 of
# guards, 参与率 of pupils, 合格率 of tests, 完成率 of a project). A rule takes one of them for its
# own metric only when its terms, anchors or metric terms name it (入学率 for special education,
# 巩固率 for dropouts) or its pack lists it in ``metric.rates`` (完成率 for the party-led rule).
OTHER_RATES = ("持证上岗率", "持证率", "参与率", "参加率", "合格率", "及格率", "优秀率", "优良率", "完成率",
               "知晓率", "满意率", "满意度", "上报率", "出勤率", "到岗率", "吻合率", "升学率", "录取率",
               "就业率", "使用率", "利用率", "完好率", "体检率", "接种率", "报到率", "签约率", "入学率",
               "入园率", "巩固率",
               # rates of the work around a target, not of the target: checks, accounts, installation
               "检查覆盖率", "抽查覆盖率", "督查覆盖率", "开户率", "安装率", "履职率", "执行率", "设施配备率",
               # rates of taking part or answering, not of having: 参训率, 报名率, 问卷回收率
               "参训率", "报名率", "回收率", "应答率",
               # rates of reporting or attending, not of having: 月报提交率, 到校授课率
               "提交率", "报送率", "授课率", "到校率")
# The rate a figure is a value of: the rate word right before it, with only linking words between
# ("持证上岗率达100%", "覆盖率稳定在95%以上").
_RATE_BEFORE = regexcache.compile(
    r"([\u4e00-\u9fff]{0,16}?(?:率|比例|占比|比重|覆盖面|满意度))[”\"'’)]?\s*"
    r"(?:已经|已|均|都|全部|稳定|保持|始终|分别|达到|达|为|是|在|实现|超过|不低于|高于|提高|提升|上升|至|了|以上|\s)*"
    r"(?:到|至)?\s*$")
_RATE_AT_END = regexcache.compile(r"([\u4e00-\u9fff]{0,16}?(?:率|比例|占比|比重|覆盖面|满意度))[”\"'’)]?\s*[等]?\s*"
                          r"(?:已经|已|均|都|全部|分别|达到|达|为|是|实现|了|\s)*$")


# School stages (学段) a text names: 中小学 is primary, junior and senior secondary; 义务教育 and 九年 are
# primary and junior; 中学 is junior and senior.
_STAGE_WORDS = regexcache.compile(r"中小学|义务教育|九年(?=义务|一贯)|幼儿园|学前|在园幼儿|(?<!中)小学|初中|初级中学|"
                                  r"高中|高级中学|(?<![初高])中学|中职|职业高中")
STAGES = ("学前", "小学", "初中", "高中", "中职")
_STAGES_OF = {"中小学": ("小学", "初中", "高中"), "义务教育": ("小学", "初中"), "九年": ("小学", "初中"),
              "幼儿园": ("学前",), "学前": ("学前",), "在园幼儿": ("学前",), "小学": ("小学",),
              "初中": ("初中",), "初级中学": ("初中",), "高中": ("高中",), "高级中学": ("高中",),
              "中学": ("初中", "高中"), "中职": ("中职",), "职业高中": ("中职",)}


def stages_in(text: str) -> frozenset[str]:
    """The school stages ``text`` names: 学前, 小学, 初中, 高中, 中职 ("义务教育学校" is 小学 and 初中)."""
    return frozenset(st for m in _STAGE_WORDS.finditer(text) for st in _STAGES_OF[m.group(0)])


_INCLUDING = regexcache.compile(r"含|包括|以及|连同")
# Whether a text holds any scope or group word at all (one regex scan instead of a loop over the words).
_ANY_SCOPE_WORD = regexcache.compile("|".join(sorted(NARROWING_SCOPES, key=len, reverse=True)))
_ANY_SUBGROUP_WORD = regexcache.compile("|".join(sorted(SUBGROUPS, key=len, reverse=True)))
_WHOLE_AFTER = regexcache.compile(r"[^,，。；;:：]{0,12}?(?:等|在内的)(?:全县|全市|全区|全旗)?(?:全体|所有|全部)")
# One school named by its name, not a kind of school: "县一中", "市二小", "城关第一小学", "县实验学校".
# A county's target is never met by one of its schools ("县一中义务教育巩固率达到100%").
_SCHOOL_KINDS = r"(?:小学|中学|初级中学|高级中学|实验学校|学校|幼儿园)"
_NAMED_SCHOOL = regexcache.compile(
    r"第[一二三四五六七八九十]{1,3}" + _SCHOOL_KINDS + r"|实验" + _SCHOOL_KINDS +
    # 县一中, 市二小 (not 全县一小时, 县一中考, 中心)
    r"|[县市区旗][一二三四五六七八九十]{1,2}[中小](?![学心时考部段型])")
_ANY_NAMED_SCHOOL = regexcache.compile(r"第|实验|[县市区旗][一二三四五六七八九十]")


def _exception_matches(text: str) -> list:
    """Matches of the exceptions in ``text`` (除3所村小外, 教学点除外, 不含教学点). The patterns that
    cannot match without their key character are not run: most texts have none."""
    out = list(_EXCEPT.finditer(text)) if "除" in text else []
    if "不" in text or "未" in text:
        out += list(_EXCLUDING.finditer(text))
    return out


def exceptions_in(text: str) -> list[str]:
    """The exceptions ``text`` writes (除3所村小外, 教学点除外, 不含教学点): what is left out of "all"."""
    return [m.group(0) for m in _exception_matches(text)]


def _in_inclusion(text: str, i: int) -> bool:
    """Whether offset ``i`` lies in a bracket that lists what is included: "（含骨干教师和新入职教师）"."""
    lo = max(0, i - 24)         # a bracket of what is included is short (and a long text stays linear)
    open_at = max(text.rfind("（", lo, i), text.rfind("(", lo, i))
    if open_at < 0 or max(text.rfind("）", open_at, i), text.rfind(")", open_at, i)) >= 0:
        return False
    return text.startswith(("含", "包括", "包含"), open_at + 1)


# Some units doing more besides ("…均落实陪餐制度，部分学校还邀请家长代表参与陪餐"): no part of the result.
_EXTRA_AFTER = regexcache.compile(r"\s*(?:还|也|另外|此外|更是|还将|率先)(?!未|没|不)")


def _scope_matches(text: str) -> list:
    """Matches of _SCOPE, each scan going on right after the qualifier found, so that a qualifier inside
    another's phrase is found too: "城市和城镇县直中小学" holds 县直中小学 (城市和城镇 may be the rule's own)."""
    out, pos = [], 0
    while (m := _SCOPE.search(text, pos)) is not None:
        out.append(m)
        pos = m.start() + len(m.group(1) or m.group(2))
    return out


_FIGURE_THEN_ITEM = regexcache.compile(r"\d\s*(?:%|％|个百分点)\s*[、；;]")
_NEXT_ITEM = regexcache.compile(r"[、；;](?=[^,，。]*?\d\s*(?:%|％))")


def _own_list_item(sentence: str, lo: int, s: int, e: int, hi: int) -> tuple[int, int]:
    """Where the qualifiers of the figure at [s, e) are read, within [lo, hi): in a list of figures
    ("毛入园率达到93.1%、普惠性幼儿园覆盖率达到88.4%、公办园在园幼儿占比达到53.5%") its own item only, so
    公办园 qualifies the last figure and not the others."""
    for m in _FIGURE_THEN_ITEM.finditer(sentence, lo, s):
        lo = m.end()
    nxt = _NEXT_ITEM.search(sentence, e, hi)
    return lo, (nxt.start() if nxt else hi)


def scopes_in(text: str) -> tuple[tuple[str, str], ...]:
    """(qualifier, phrase) for every narrowing qualifier of ``text``, e.g. ("城区", "城区学校").

    Urban and rural qualifiers together (城区和农村学校), or 公办 and 民办 together, cover the
    whole area: neither narrows. An exception (除3所教学点外) is a narrowing of its own.
    """
    excepted = _exception_matches(text) + (list(_PART_COUNT.finditer(text)) if "有" in text else [])
    # "全县中小学(含农村学校)": a part named as included widens nothing; a part left out (除…村小外)
    # is named by the exception
    found = [(m.group(1) or m.group(2), m.group(0))
             for m in (*_scope_matches(text), *_BARE_SCOPE.finditer(text))
             if not _INCLUDING.search(text, max(0, m.start() - 4), m.start())
             and not any(x.start() <= m.start() < x.end() for x in excepted)
             and not _EXTRA_AFTER.match(text, m.end())
             # ("没有一所学校超过2000人" is none of them, not one school)
             and not (m.group(1) == "一所" and NONE_BEFORE.search(text, max(0, m.start() - 6), m.start()))
             ] if _ANY_SCOPE_WORD.search(text) else []     # every match holds one
    if _ANY_GROUP_NOUN.search(text):
        # groups named by a noun of their own: "全县男生体质健康优良率", "寄宿生近视率", "大班适龄幼儿"
        groups = [m for m in _GROUP_NOUN.finditer(text)
                  if not _INCLUDING.search(text, max(0, m.start() - 4), m.start()) and not _in_inclusion(text, m.start())]
        if not (len({m.group(0) for m in groups}) > 1 and _GROUPS_TOGETHER.search(text)):
            found += [(m.group(0), m.group(0)) for m in groups]
        # (several groups listed and then claimed together — "小班、中班、大班均…", "男生和女生都…" — are all of them)
    if _ANY_SUBGROUP_WORD.search(text):
        # "（含在编和聘用教师）", "骨干教师、青年教师等全体专任教师": a group named as included is no part
        found += [(m.group(1), m.group(0)) for m in _SUBGROUP.finditer(text)
                  if not _INCLUDING.search(text, max(0, m.start() - 4), m.start())
                  and not _in_inclusion(text, m.start()) and not _WHOLE_AFTER.match(text, m.end())]
    if "的" in text:
        # "已接入互联网的学校100%完成了等保备案": a share among the units that have done one thing,
        # of another thing they did
        done = [m.group(1) for m in _DONE_PART.finditer(text)] if "%" in text else []
        # "完成围墙改造的学校100%实行…", "500人以上的中小学…": units picked out by what they did or
        # are (the qualifier ends in 的; where it names the rule's own work, see kinds.common.own_scope)
        found += [(d, d) for d in done] + [(m.group("which"), m.group(0)) for m in _PICKED_BY.finditer(text)
                                           if not any(m.group(0) in d or d in m.group(0) for d in done)]
        found += [(m.group(0), m.group(0)) for m in _EXTREME_UNIT.finditer(text)]
    if _ANY_NAMED_SCHOOL.search(text):
        found += [(m.group(0), m.group(0)) for m in _NAMED_SCHOOL.finditer(text)
                  if not _INCLUDING.search(text, max(0, m.start() - 4), m.start())
                  and not _in_inclusion(text, m.start()) and not _WHOLE_AFTER.match(text, m.end())]
    rest = text
    for x in excepted:
        rest = rest.replace(x.group(0), "")
    # (a part named as included, "县直中小学(含农村学校)", does not make the whole area with the rest)
    words = {m.group(0) for m in _ANY_SCOPE_WORD.finditer(rest)
             if not _in_inclusion(rest, m.start()) and not _INCLUDING.search(rest, max(0, m.start() - 4), m.start())
             } if found else set()
    if words & set(_URBAN) and words & set(_RURAL):
        found = [f for f in found if f[0] not in _URBAN and f[0] not in _RURAL]
    if {"公办", "民办"} <= words:
        found = [f for f in found if f[0] not in ("公办", "民办")]
    return tuple([(m.group(0), m.group(0)) for m in excepted] + found)


# A clause that only sets the scope of what follows: "除3所教学点外,", "在城区学校中,".
_TOPIC = regexcache.compile(r"\s*(?:除(?:了)?[^,，。；;:：]{1,20}?(?:外|以外|之外)|(?:在|对于?)?[\u4e00-\u9fff]{2,12}?(?:中|里|内|方面)"
                            # "已完成“宽带校园”改造的学校中": units picked out by what they did
                            r"|[^,，。；;:：]{2,24}?的[^,，。；;:：的]{0,8}?(?:学校|中小学|幼儿园|教学点|教师|学生|幼儿|子女)(?:中|里|当中))\s*$")


def _topic_scopes(sentence: str, cls: list, k: int) -> tuple[tuple[str, str], ...]:
    """Scopes of the clauses right before clause ``k`` that only set the scope of what follows."""
    out: tuple[tuple[str, str], ...] = ()
    j = k - 1
    while j >= 0 and j >= k - 3 and cls[j].end - cls[j].start <= 40:     # a topic clause is short
        text = sentence[cls[j].start:cls[j].end]
        if not _TOPIC.fullmatch(text):
            break
        out = scopes_in(text) + out
        j -= 1
    if not out and k > 1 and not _whole_area(sentence[cls[k].start:cls[k].end]):
        # a topic clause opening the sentence sets the scope of all of it: "在县城学校中,建立…平台,
        # 各学校全封闭管理…实现了四个100%" (unless the clause names the whole area again)
        first = sentence[cls[0].start:cls[0].end]
        if cls[0].end - cls[0].start <= 40 and _TOPIC.fullmatch(first):
            out = scopes_in(first)
    return out


_EXCEPTION_CLAUSE = regexcache.compile(r"\s*([^,，。；;:：()（）]{2,12}除外|[(（](?:不含|不包括|未含)[^)）]{1,12}[)）])\s*[。！？!?…]*\s*")


def is_remainder(clause: str) -> bool:
    """Whether ``clause`` counts what is left undone (仅2所村小正在改造, 尚有1所学校未设置) or leaves a
    part out (代课教师除外)."""
    return bool(_REMAINDER.fullmatch(clause) or _EXCEPTION_CLAUSE.fullmatch(clause))


def _remainder_after(sentence: str, cls: list, k: int, kind: str, q) -> tuple[tuple[str, str], ...]:
    """The remainder (仅2所村小正在改造) written in the clause after a claim of all (全覆盖, 100%, 清零)
    in clause ``k``."""
    full = kind in ("coverage", "cleared") or (kind == "figure" and q is not None and q.unit == "%"
                                  and q.value is not None and q.value >= 100 and q.comparator in (None, "=", ">="))
    if not full or k + 1 >= len(cls):
        return ()
    m = _REMAINDER.fullmatch(sentence, cls[k + 1].start, cls[k + 1].end)
    if m:
        return ((m.group(1), m.group(1)),)
    # "持证上岗率100%,代课教师除外", "…全覆盖,教学点除外": an exception in a clause of its own
    x = _EXCEPTION_CLAUSE.fullmatch(sentence, cls[k + 1].start, cls[k + 1].end)
    return ((x.group(1), x.group(1)),) if x else ()


def _whole_area(text: str) -> bool:
    return bool(_WHOLE.search(text))


@dataclass(frozen=True)
class Claim:
    kind: str                   # figure | coverage | cleared | composite
    value: Optional[float]      # figure value; 100 for coverage/composite; 0 for cleared
    unit: Optional[str]
    comparator: Optional[str]
    start: int                  # offsets within the sentence
    end: int
    text: str
    items: tuple[tuple[int, int], ...]   # spans (in the sentence) the claim is about
    distributive: bool = False
    negated: bool = False
    change: bool = False        # a change on a previous value, not a level
    previous: Optional[float] = None   # the earlier level of the same figure: 52.0 in 由52.0%降至51.2%
    said: str = ""              # a negated or qualified claim as written, from the word that qualifies it:
                                # 没有实现全覆盖, 接近全覆盖, 离全覆盖还有差距
    # Per item (same order as ``items``): the narrowing qualifiers of the subject it is about
    # ((qualifier, phrase) pairs, see scopes_in) and the rate noun the figure is a value of
    # ("专职保安员持证上岗率"; "" for a count, a phrase or an item without a rate word).
    scopes: tuple[tuple[tuple[str, str], ...], ...] = ()
    nouns: tuple[str, ...] = ()
    # A ratio computed from two counts the report gives ("应入学86名，已入学84名"): (part, whole),
    # and the span of the part, which must name what the ratio measures.
    of: Optional[tuple[float, float]] = None
    part: Optional[tuple[int, int]] = None
    # The year the earlier level is given for ("由2022年的52.0%降至51.2%"): a change on the year only
    # when it is the year before the report's, which the kinds know and this stage does not.
    previous_year: Optional[int] = None
    # The figure is one of several paired in order with a list of rates ("A、B分别为X、Y"): its item is
    # its rate alone, not the words up to the figure.
    paired: bool = False


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


def clauses(sentence: str) -> list[Clause]:
    out, pos = [], 0
    for m in CLAUSE_SEP.finditer(sentence):
        out.append(Clause(pos, m.start()))
        pos = m.end()
    out.append(Clause(pos, len(sentence)))
    return out


def _clause_of(cls: list[Clause], i: int, starts: Optional[list[int]] = None) -> int:
    """Index of the first clause that holds offset ``i`` (clauses are in order, so bisect)."""
    starts = starts if starts is not None else [c.start for c in cls]
    k = bisect_right(starts, i) - 1
    if k >= 0 and cls[k].start <= i <= cls[k].end:
        return k
    return len(cls) - 1


def split_items(sentence: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans, pos = [], lo
    for m in ITEM_SEP.finditer(sentence, lo, hi):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if hi > pos:
        spans.append((pos, hi))
    return spans


# A bracket after a figure ("91%（2022年：88%）", "62.4%（较上年提高…）") adds to it; the clause is still thin.
_BRACKET_AFTER = regexcache.compile(r"^\s*[（(][^）)]*(?:[）)]|$)")


def _thin(s: str) -> bool:
    """A clause head with no subject of its own ("占比80.1%", "达到95%")."""
    return len(_FILLER.sub("", s)) < 2


class _Taken:
    """The spans already claimed, for asking whether a new span overlaps any of them.

    Sorted starts with a running maximum of ends: a span [a, b) overlaps an earlier one when
    some span starting before b ends after a. A bisect instead of a scan keeps a line with
    thousands of figures linear-logarithmic instead of quadratic.
    """

    def __init__(self, spans: list[tuple[str, int, int, Optional[Quantity]]]):
        ordered = sorted((s, e) for _, s, e, _ in spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        for _, e in ordered:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def free(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, b)      # spans [0, k) start before b
        return k == 0 or self.max_end[k - 1] <= a


def _claim_spans(sentence: str, quantities: list[Quantity]) -> list[tuple[str, int, int, Optional[Quantity]]]:
    """(kind, start, end, quantity) of every claim, in order of position, none overlapping.

    Composite labels first (两个全覆盖 is one claim), then phrases (不辍学一人 is not "1 人"), then
    figures; a candidate overlapping one taken in an earlier round is dropped. Candidates of one
    round never overlap each other (one regex's matches, or find_quantities' quantities), so each
    round is checked against what the rounds before it took.
    """
    found = [("composite", q.start, q.end, q) for q in quantities if q.kind == "composite"]
    rounds = (
        [("cleared", m.start(), m.end(), None) for m in _CLEARED.finditer(sentence)],
        [("coverage", m.start(), m.end(), None) for m in _COVERAGE.finditer(sentence)],
        [("figure", q.start, q.end, q) for q in quantities if q.kind != "composite"],
    )
    for candidates in rounds:
        if not candidates:
            continue
        taken = _Taken(found)
        found += [c for c in candidates if taken.free(c[1], c[2])]
    found.sort(key=lambda f: f[1])
    return found


class _ThinClauses:
    """For reaching back over clauses with no words of their own ("…学校有121所,占比80.1%").

    ``back(j)`` is the nearest clause at or before ``j`` that has a subject of its own (or the
    first clause). Computed once per sentence, so a run of thousands of subjectless clauses
    ("1,2,3,…") costs one pass, not one pass per figure.
    """

    def __init__(self, sentence: str, cls: list[Clause]):
        self._back: list[int] = []
        for j, c in enumerate(cls):
            thin = j > 0 and _thin(sentence[c.start:c.end])
            self._back.append(self._back[j - 1] if thin else j)

    def back(self, j: int) -> int:
        return self._back[j]


def _has_mark_between(marks: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted position in ``marks`` lies in [lo, hi)."""
    k = bisect_left(marks, lo)
    return k < len(marks) and marks[k] < hi


# After all the units, a verb of needing, wishing, lacking or undergoing, not of doing the work.
NOT_DONE_AFTER = regexcache.compile(
    # (not those in need, "全部有需要的学生", "所有有需求的家庭": who is covered, not what is needed)
    r"[^,，。；;:：均都]{0,12}?(?:均|都|全部|全都)?\s*(?:(?<!有)需要(?!的)|(?<!有)需(?!求的)|希望|想要|愿意|打算|存在|缺少|缺乏|缺|面临|反映|重视|"
    r"支持|认为|关注|担心|收到|发现|遇到|受到|被|发生过?|出现过?|经评估)")
# A clearing word that describes units rather than says what was done: "已消除大班额的学校".
_ATTRIBUTIVE_AFTER = regexcache.compile(r"[^,，。；;的]{0,8}的(?:学校|中小学|幼儿园|班级|班|乡镇|县区|地区|单位)")


def find_claims(sentence: str, own_targets: bool = False) -> tuple[Claim, ...]:
    """The claims of a sentence. ``own_targets``: the sentence is a plan's, so a figure given as its own target
    ("学前三年毛入园率目标为92%") is its commitment, not left out as a target beside a result."""
    # (a sentence without the word has no own target: one reading, one cache entry)
    return _find_claims(sentence, own_targets and "目标" in sentence)


def forget_claims() -> None:
    """Empty the claims remembered per sentence (the benchmark's timed runs start from nothing)."""
    if hasattr(_find_claims, "cache_clear"):      # (not when the benchmark has replaced the cache)
        _find_claims.cache_clear()


@lru_cache(maxsize=2048)
def _find_claims(sentence: str, own_targets: bool) -> tuple[Claim, ...]:
    cls = clauses(sentence)
    starts = [c.start for c in cls]
    quantities = [q for q in find_quantities(sentence) if q.kind not in ("year", "date", "ordinal")]
    found = _claim_spans(sentence, quantities)
    list_marks = [m.start() for m in re.finditer("、", sentence)]
    thin_clauses: Optional[_ThinClauses] = None
    rough_at = _ROUGH_SOURCE.search(sentence) if "初步" in sentence or "统计" in sentence or "估算" in sentence else None

    claims: list[Claim] = []
    prev_dist_end = 0
    sorting_clauses: set[int] = set()       # clauses whose rate figure sorts out units (see below)
    from_level: Optional[Claim] = None      # a past level ("由52.0%…") waiting for the level it went to
    from_level_year: Optional[int] = None   # the one year that level is given for ("由2022年的52.0%")
    paired = _respectively(sentence, found) if "分别" in sentence else {}
    for kind, s, e, q in found:
        k = _clause_of(cls, s, starts)
        clause = cls[k]
        if kind == "coverage" and sentence[s] == "每" and _NORM.search(sentence, clause.start, clause.end):
            continue        # "按照每校至少配备1名…的要求": a norm, not what every school has
        if kind == "cleared" and _ATTRIBUTIVE_AFTER.match(sentence, e):
            continue        # "已消除大班额的学校中，…": which schools, not that all are cleared
        if kind == "coverage" and sentence[s:e] in ("所有", "全部", "均", "全员") and NOT_DONE_AFTER.match(sentence, e):
            continue        # "所有学校均需要增配…", "所有学校均存在…不足": all of them, but not having done the work
        # Only the part of the clause within REACH of the claim is read.
        near, far = max(clause.start, s - REACH), min(clause.end, e + REACH)
        before = sentence[near:s]
        distributive = s not in paired and (kind == "composite" or bool(_DISTRIBUTIVE_LEAD.search(before)) and (
            _has_mark_between(list_marks, prev_dist_end, s) or kind == "composite"))
        if s in paired:
            # "毛入园率、普惠性幼儿园覆盖率、公办园在园幼儿占比分别为93.2%、83.6%、55.1%": each its own
            items = (paired[s],)
            scopes, nouns = _item_scopes(sentence, items), (_rate_noun(_RATE_AT_END, sentence[items[0][0]:items[0][1]]),)
        elif distributive:
            # The list before the label: the label's own clause when it lists as many items as the
            # label counts ("…覆盖率、…免费率两个100%"); otherwise back to the start of the sentence
            # or the last such claim ("配备专职保安…,全面设置护学岗,实现“四个100%”").
            lo_all = max(prev_dist_end, s - REACH)
            own = split_items(sentence, max(lo_all, clause.start), s)
            need = q.count if q is not None and q.count else 2
            items = tuple(own if len(own) >= need else split_items(sentence, lo_all, s))
            after = _LIST_AFTER.match(sentence, e) if kind == "composite" else None
            if after:
                # "实现“三个100%”(封闭管理、专职保安、一键报警)": the list follows the label.
                end = min(len(sentence), e + REACH)
                close = sentence.find(")", after.end(), end) if after.group(1) == "(" else -1
                items += tuple(split_items(sentence, after.end(), close if close >= 0 else end))
            prev_dist_end = e
            topic = _topic_scopes(sentence, cls, _clause_of(cls, items[0][0], starts)) if items else ()
            scopes, nouns = _item_scopes(sentence, tuple((max(a, b - _SCOPE_REACH), b) for a, b in items),
                                         topic), tuple(
                _rate_noun(_RATE_AT_END, sentence[a:b]) for a, b in items)
            remainder = _remainder_after(sentence, cls, k, "coverage" if kind == "composite" else kind, q)
            if remainder:      # "实现“四个100%”,仅1所学校尚未完成": short of all, for every item
                scopes = tuple(item + remainder for item in scopes)
        elif kind == "figure" and q is not None and q.unit in _COUNTS and _noun_follows(sentence, e):
            # "107名适龄残疾儿童、19093名随迁子女全部入学": a count is about the noun after it, in its
            # own item of the list, not about every noun of the clause.
            lo, hi = max(near, s - _SCOPE_REACH), min(far, e + _SCOPE_REACH)
            items = tuple(span for span in split_items(sentence, lo, hi)
                          if span[0] <= s < span[1])[:1] or ((near, far),)
            scopes, nouns = (scopes_in(sentence[max(items[0][0], s - _SCOPE_REACH):items[0][1]]),), ("",)
        else:
            lo = clause.start
            # "…学校有121所,占比80.1%": a clause with no words of its own is about the clauses before it.
            if (k > 0 and near == clause.start and far == clause.end
                    and _thin(before + _BRACKET_AFTER.sub("", sentence[e:far]))):
                thin_clauses = thin_clauses or _ThinClauses(sentence, cls)
                # Back past subjectless clauses, but not past the clause holding the REACH limit.
                j = max(thin_clauses.back(k - 1), bisect_right(starts, s - REACH) - 1)
                lo = cls[j].start
            elif kind == "coverage" and k > 0 and not sentence[clause.start:s].strip() and sentence[s:e] in ("均", "全部", "都"):
                # "全县义务教育学校58所，均开设课后服务": 均/全部 opening a clause takes the subject before it
                lo = cls[k - 1].start
            items = ((max(lo, s - REACH), far),)
            scope_lo, scope_hi = _own_list_item(sentence, max(items[0][0], s - _SCOPE_REACH), s, e,
                                                min(items[0][1], e + 40))
            scopes = (scopes_in(sentence[scope_lo:scope_hi])
                      + _topic_scopes(sentence, cls, _clause_of(cls, items[0][0], starts))
                      + _remainder_after(sentence, cls, k, kind, q),)
            nouns = (_rate_noun(_RATE_BEFORE, before) if kind == "figure" else "",)
            if kind == "figure" and not nouns[0] and q is not None and q.unit == "%" and _TASK_DONE.match(sentence, e) \
                    and _TASK_BEFORE.search(before[-12:]):
                nouns = ("完成率",)     # "年度任务均已100%完成": how much of a plan was done, not of what
            elif kind == "figure" and not nouns[0] and _TASK_SHARE_BEFORE.search(before):
                nouns = ("完成率",)     # "完成省定任务的100%"
            if kind == "figure" and (k in sorting_clauses or nouns[0] and _QUALIFIES_UNITS.match(sentence, e)):
                # "优良率达到50%以上的学校占60%": the rate sorts out the schools counted; neither
                # figure is a level of it
                sorting_clauses.add(k)
                continue
            if kind == "figure" and (_TARGET_BEFORE.search(before) or not own_targets and _OWN_TARGET_BEFORE.search(before)):
                continue    # "原计划…达到100%,实际完成92%": the plan's figure is no result
        if _QUESTION_BEFORE.search(sentence, near, far) or _QUESTION_AFTER.match(sentence, e):
            continue        # a question, not a statement: the rule is mentioned, nothing is claimed
        if _COMPARED_AFTER.match(sentence, e) and _COMPARED_BEFORE.search(before):
            continue        # the level compared with, not a result
        if _NAMED_BY_AFTER.match(sentence, e):
            continue        # the name of a plan, a practice or a campaign
        if _ONCE.search(before[-12:]) or (_LAST_YEAR.search(before) and _THIS_YEAR.search(sentence, e, far + REACH)):
            continue        # the past, not the year reported on
        if _PART_OF_YEAR.search(before):
            continue        # part of the year only
        if kind == "figure" and q is not None and q.unit == "%" and ("年" in before or "累计" in before) \
                and YEARS_WINDOW.search(before):
            continue        # a share over several years ("近三年累计交流…占32%", "近三年…平均为96.5%")
        if _INSTRUCTED.search(before):
            continue        # what others were told to do
        if framed_target(sentence, near, s, e):
            continue        # a target framed as what the clause works to
        if (_MAY_PROJECT.search(before) and _PROJECTED_BEFORE.search(before)) or _PROJECTED_AFTER.match(sentence, e, far):
            continue        # what can or will be reached, in the claim's own clause ("接入率可达100%",
                            # "…全覆盖指日可待"); another clause of the sentence may still state a result
        if kind == "coverage" and sentence[s:e] == "均" and any(
                q2.unit in _COUNTS and q2.value != int(q2.value) for q2 in quantities if clause.start <= q2.start < clause.end):
            continue        # "校均配备专职保安2.3名": an average, not every school
        if _PURPOSE.search(before) or sentence.rfind("《", 0, s) > sentence.rfind("》", 0, s):
            continue        # a purpose, or words of a document's title (印发《关于实现…全覆盖的通知》)
        negation = (_NEGATION.search(before) or _NOT_RIGHT_BEFORE.search(before[-2:]) if kind != "cleared"
                    else _NEGATED_CLEAR.search(before[-8:]))
        negated = bool(negation)
        if q is not None:
            value, unit, comp = q.value, q.unit, q.comparator
            if kind == "composite" and value is None:
                value = 100.0
        elif kind == "cleared":
            value, unit, comp = 0.0, None, None
        else:
            value, unit, comp = 100.0, "%", None
        past = kind == "figure" and _FROM.search(before)
        change = kind == "figure" and (bool(_CHANGE.search(before)) or bool(past and _THEN.match(sentence, e)))
        previous = previous_year = None
        if (kind == "figure" and from_level is not None and from_level.unit == unit
                and _TO_LEVEL.fullmatch(sentence, from_level.end, s)):
            previous, previous_year = from_level.value, from_level_year
        said = sentence[near + negation.start():e] if negation else ""
        if kind != "figure" and not negation:
            # 离全覆盖还有差距: short of it; 接近全覆盖, 基本清零: nearly (figures read these in quantities)
            gap_after = GAP_AFTER.match(sentence, e)
            gap_before = (GAP_BEFORE.search(before) or _GAP_LEAD.search(before)) if gap_after else None
            short = _SHORT_OF.search(before)
            if gap_before:
                comp, said = "<", sentence[near + gap_before.start():gap_after.end()]
            elif short:
                comp, said = ("~" if kind == "cleared" else "~<"), sentence[near + short.start():e]
        hedge = (_HEDGED.search(before) if not negation and not said and comp in (None, ">=", ">", "~")
                 else None)
        if hedge:
            comp, said = "~", sentence[near + hedge.start():e]
        elif not negation and not said and comp in (None, ">=", ">"):
            rough = rough_at if rough_at is not None and rough_at.end() <= s else None
            if rough:       # "据初步统计,…巩固率98.5%": a preliminary figure is an approximate one
                comp, said = "~", rough.group(0)
        short_after = _SHORT_AFTER.match(sentence, e) if not negated and not said else None
        hedged_verb = (_HEDGE_BEFORE_VERB.match(sentence, e)
                       if short_after is None and not negated and not said and kind in ("coverage", "cleared") else None)
        if hedged_verb:
            # "全县每一所学校都基本开展了…", "所有学校总体上成立…": the hedge between the claim and its verb
            comp = ("~" if kind == "cleared" else "~<") if hedged_verb.group(2) else "~"
            said = hedged_verb.group("hedge")
        if short_after:
            # "全覆盖目标基本实现": nearly (as 基本实现全覆盖); "…初步实现": roughly
            comp = ("~" if kind == "cleared" else "~<") if short_after.group(1) else "~"
            said = sentence[s:short_after.end()]
        missed = MISSED_AFTER.match(sentence, e) or _PENDING_AFTER.match(sentence, e)
        if missed and not negated:
            # "达到100%的目标没有实现": the result written, then denied
            if kind == "figure":
                comp = "<"
            else:
                negated = True
            said = sentence[s:missed.end()]
        claim = Claim(kind, value, unit, comp, s, e, sentence[s:e], items, distributive, negated, change,
                      previous, said, scopes, nouns, previous_year=previous_year, paired=s in paired)
        claims.append(claim)
        one_year = _ONE_YEAR.match(past.group()) if past else None
        from_level = claim if past and change and (one_year or not _SEVERAL_YEARS.search(past.group())) else None
        from_level_year = int(one_year.group(1)) if one_year else None
    claims = _hedge_clause_mates(claims, cls, starts)
    computed = _computed(sentence, cls, quantities)
    if computed:
        claims = sorted(claims + computed, key=lambda c: c.start)
    return tuple(claims)


def _hedge_clause_mates(claims: list, cls: list, starts: list) -> list:
    """A hedge read for one claim of all reaches the other claims of all in its clause:
    "所有中小学幼儿园初步全部实行封闭化管理" is roughly all, whichever of 所有/全部 is read."""
    hedges = {}         # clause index -> the hedged words read there
    for c in claims:
        if c.comparator == "~" and c.said and _HEDGED.search(c.said):
            hedges.setdefault(_clause_of(cls, c.start, starts), c.said)
    if not hedges:
        return claims
    out = []
    for c in claims:
        k = _clause_of(cls, c.start, starts)
        if k in hedges and c.kind in ("coverage", "composite", "cleared") and c.comparator is None and not c.negated:
            c = replace(c, comparator="~", said=hedges[k])
        out.append(c)
    return out


# How far before a claim (or the end of a listed item) its scope qualifier is looked for: real
# clauses are far shorter, and a line without punctuation is not read again for every claim.
_SCOPE_REACH = 160
_COUNTS = ("人", "名", "所", "个", "家", "处", "项", "间", "班", "园", "人次", "起", "次")
_SAME_COUNT = {"名": "人"}
# What opens the clause of the part of a total: "义务教育学校42所,其中开展课后服务的41所",
# "应入学适龄残疾儿童86名,已入学84名".
_PART_LEAD = regexcache.compile(r"\s*(?:其中|已经?|现已|实际|均已)")


# A share of a task or plan done: "联网年度任务均已100%完成", "目标任务100%完成".
_TASK_BEFORE = regexcache.compile(r"(?:任务|计划|指标)[^,，。；;]{0,6}$")
_TASK_SHARE_BEFORE = regexcache.compile(r"(?:任务|计划|指标)的\s*$")
_TASK_DONE = regexcache.compile(r"\s*(?:的)?(?:完成|落实|兑现)")


def _noun_follows(sentence: str, e: int) -> bool:
    return e < len(sentence) and "\u4e00" <= sentence[e] <= "\u9fff"


_RESPECTIVELY = regexcache.compile(r"分别\s*(?:为|是|达到?|占|在|有)?\s*$")
_BETWEEN_FIGURES = regexcache.compile(r"\s*(?:[、,，和及与]|以及)\s*")


def _respectively(sentence: str, found: list) -> dict[int, tuple[int, int]]:
    """{figure start: the item it is about} for "A、B、C分别为X、Y、Z" where A, B, C are different rates
    (two at least end in 率/比例/占比…): the figures pair with the items in order. A list of stages or
    places ("小学、初中分别为…") is not paired here: the figures stay with the subject before it."""
    out: dict[int, tuple[int, int]] = {}
    figures = [(s, e) for kind, s, e, q in found if kind == "figure"]
    i = 0
    while i < len(figures):
        s, e = figures[i]
        lead = _RESPECTIVELY.search(sentence, max(0, s - 8), s)
        if not lead:
            i += 1
            continue
        run = [figures[i]]
        while i + len(run) < len(figures) and _BETWEEN_FIGURES.fullmatch(sentence, run[-1][1], figures[i + len(run)][0]):
            run.append(figures[i + len(run)])
        cut = max(sentence.rfind(ch, 0, lead.start()) for ch in "。；;，,:：")
        items = split_items(sentence, cut + 1, lead.start())
        if len(run) >= 2 and len(items) == len(run) and sum(
                1 for a, b in items if _rate_noun(_RATE_AT_END, sentence[a:b])) >= 2:
            out.update({fs: item for (fs, _), item in zip(run, items)})
        i += len(run)
    return out


def _rate_noun(pattern: re.Pattern, text: str) -> str:
    # the rate word stands right before the figure: the last few characters are enough, and
    # reading no more keeps a long run of text without punctuation linear
    m = pattern.search(text[-40:])
    # "压减工作中专项检查覆盖率": the rate is the 专项检查's, the words before 工作中 set the topic
    return _TOPIC_END.split(m.group(1))[-1] if m else ""


_TOPIC_END = regexcache.compile(r"工作中|过程中|之中|其中|方面|领域")


def _item_scopes(sentence: str, items: tuple[tuple[int, int], ...],
                 topic: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The scope of each listed item: its own qualifier; else, unless it names the whole area
    (全县…), the qualifier written before the list, in its first item ("全县城区学校全封闭管理、
    专职保安配备、护学岗设置实现了三个100%": all three are about 城区学校)."""
    out = []
    lead: tuple[tuple[str, str], ...] = ()
    for i, (a, b) in enumerate(items):
        text = sentence[a:b]
        own = scopes_in(text)
        if i == 0:
            lead = own or topic
        out.append(own or (() if _whole_area(text) else lead))
    return tuple(out)


# Words in the part's clause that say its units have not (all) done the work: hedged, denied, planned.
_PART_QUALIFIED = regexcache.compile(r"基本|总体上?|大体上?|初步|将(?!近)|拟|计划|没有|并未|尚未|还未|仍未|未(?!成年|来)|正在|逐步|"
                                     r"(?<![一])部分")


def _computed(sentence: str, cls: list[Clause], quantities: list[Quantity]) -> list[Claim]:
    """Ratios the report gives as two counts: a total, then in the next clause the part of it
    ("其中…41所", "已入学84名"). Only exact counts of one unit, the part not above the total, and
    no breakdown into several parts (其中随班就读50名、送教上门14名 is no single ratio)."""
    counts = sorted((q for q in quantities if q.kind != "composite" and q.unit in _COUNTS
                     and q.comparator is None and q.high is None), key=lambda q: q.start)
    if len(counts) < 2:
        return []
    starts = [q.start for q in counts]

    def within(lo: int, hi: int) -> list[Quantity]:
        return counts[bisect_left(starts, lo):bisect_left(starts, hi)]

    out = []
    for k in range(len(cls) - 1):
        whole_clause, part_clause = cls[k], cls[k + 1]
        if not _PART_LEAD.match(sentence, part_clause.start):
            continue
        in_whole = within(whole_clause.start, whole_clause.end)
        if not in_whole:
            continue
        a = in_whole[-1]
        unit = _SAME_COUNT.get(a.unit, a.unit)
        # the part's clause and the one after it ("其中随班就读90名,送教上门40名" is a breakdown)
        after = cls[k + 2].end if k + 2 < len(cls) else part_clause.end
        same = [q for q in within(part_clause.start, after) if _SAME_COUNT.get(q.unit, q.unit) == unit]
        in_part = [q for q in same if q.start < part_clause.end]
        if len(in_part) != 1 or not 0 < a.value or in_part[0].value > a.value:
            continue
        b = in_part[0]
        if any(q.value != a.value - b.value for q in same[1:]):
            continue        # a breakdown, not one part of the total
        if _PART_QUALIFIED.search(sentence, part_clause.start, b.start):
            continue        # "其中基本开展…的38所", "其中没有配备…的50所", "其中将建立…的45所": not a count of done
        span = (whole_clause.start, part_clause.end)
        out.append(Claim("computed", round(100.0 * b.value / a.value, 1), "%", None, b.start, b.end,
                         sentence[b.start:b.end], (span,),
                         scopes=(scopes_in(sentence[max(span[0], b.start - _SCOPE_REACH):span[1]])
                                 + _topic_scopes(sentence, cls, k),),
                         nouns=("",), of=(b.value, a.value), part=(part_clause.start, part_clause.end)))
    # the part in the total's own clause: "全县68所义务教育学校已有68所开展…", "312名…儿童中已有310名入学"
    for k, c in enumerate(cls):
        in_clause = within(c.start, c.end)
        for a, b in zip(in_clause, in_clause[1:]):
            if (_SAME_COUNT.get(a.unit, a.unit) != _SAME_COUNT.get(b.unit, b.unit) or not 0 < b.value <= a.value
                    or not _PART_IN_CLAUSE.fullmatch(sentence, a.end, b.start)
                    or _PART_QUALIFIED.search(sentence, a.end, b.start) or _PART_QUALIFIED.search(sentence, b.end, c.end)
                    or _PART_SIDE_WORK.search(sentence, b.end, c.end)
                    or any(q.unit == "%" for q in quantities if b.end <= q.start < c.end)):
                continue        # (a share written after the part is a rate among those units: 40所护学岗设置率100%)
            if any(x.start == b.start for x in out):
                continue
            out.append(Claim("computed", round(100.0 * b.value / a.value, 1), "%", None, b.start, b.end,
                             sentence[b.start:b.end], ((c.start, c.end),),
                             scopes=(scopes_in(sentence[max(c.start, a.start - _SCOPE_REACH):a.start])
                                     + _topic_scopes(sentence, cls, k),),
                             nouns=("",), of=(b.value, a.value), part=(b.start, c.end)))
            break
    return out


# What the part did that is a step towards the work, not the work: "已有310名完成入学评估", "已有102所提交…申请".
_PART_SIDE_WORK = regexcache.compile(r"提交|申请|申报|报名|评估|自查|自评|鉴定|摸排|排查|登记|备案|方案|规划|立项|论证")
# Between a total and its part in one clause: "…中已有", "…已有", "…中有".
_PART_IN_CLAUSE = regexcache.compile(r"[^,，。；;:：\d]{0,20}?(?:中|里|当中)?\s*(?:已经?有|现已有|中有)\s*")


# ---------------------------------------------------------------- every unit
# Nouns of the units a claim of "every unit" counts, by the unit a rule's target is per (per_unit's
# ``per``). Schools include kindergartens: "全县中小学幼儿园均…" covers every school of the county.
UNIT_NOUNS = {
    # (小学, 初中: a stage is a part of the schools unless the rule's own, see UNIT_PART_WORDS)
    "校": ("中小学幼儿园", "中小学校", "中小学", "义务教育学校", "学校", "幼儿园", "园所", "小学", "初中"),
    "食堂": ("学校食堂", "食堂"),
    "乡镇": ("乡镇（街道）", "乡镇(街道)", "乡镇街道", "乡镇", "镇（街道）", "镇(街道)", "镇街"),
    "班": ("班级",),
}
_UNITS_OF = {per: "(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + ")" for per, nouns in UNIT_NOUNS.items()}
# What the units do, each one: set up, equip, carry out (not 开展: "均开展防欺凌教育" sets up no body).
_EVERY_VERB = (r"(?:成立|建立|设立|设置|配备|配齐|配有|建有|建成|组建|安装|接入|开通|实行|实施|落实|执行|推行|实现|"
               r"达到|达标|具备|拥有|聘任|聘请|选聘|开设|完成)")
_EACH_WORD = r"(?:均|都|全部|全都|一律|悉数|100\s*%|百分之百|各(?=有))"
# The unit a target is per, written between each-word and verb: "均按每12个班级配备…"
_PER_CLASSES = r"(?:按(?:照)?每\s*\d+\s*个?班级?)?"
_YARDSTICK = r"(?:严格)?(?:按照|按|依照|根据)[^，。；,;：:！？!?]{0,12}?(?:要求|标准|规定)\s*"


def _every_unit_pattern(nouns: str):
    units = rf"{nouns}(?:[和、及与]{nouns})*(?:[（(][^）)]{{0,12}}[）)])?"    # (含…), (幼儿园)
    quantified = (rf"(?<!平均)(?:所有|全部|全体|每一?所|每一?个|各|100\s*%的|百分之百的)[^，。；,;：:！？!?]{{0,12}}?{units}"
                  rf"\s*(?:{_EACH_WORD}|已经|已)*\s*{_PER_CLASSES}(?:{_EVERY_VERB}|(?:均|都)有)")
    # the area and the units, then each of them ("全县中小学均成立", "全县86所中小学都已建立")
    # (a yardstick may stand between: "全县中小学按照省厅要求100%配备了…", "…按规定均设立了…")
    area = (rf"(?:全县|全区|全市|全旗|全州|我县|我区|我市)(?:的)?(?:\s*\d+\s*[所个家])?[^，。；,;：:！？!?]{{0,8}}?"
            rf"{units}\s*(?:{_YARDSTICK})?{_EACH_WORD}(?:已经|已)?\s*{_PER_CLASSES}(?:{_EVERY_VERB}|有)")
    # the units counted, then each of them in the next clause: "全县中小学126所，均聘任了法治副校长"
    counted = (rf"(?:全县|全区|全市|全旗|全州|我县|我区|我市)[^，。；,;：:！？!?]{{0,8}}?(?:{units}\s*(?:共有|共|现有|有)?\s*"
               rf"\d+\s*[所个家]|\d+\s*[所个家]\s*{units})\s*[，,]\s*{_EACH_WORD}(?:已经|已)?\s*(?:{_EVERY_VERB}|有)")
    # the work covering them all: "责任督学挂牌督导覆盖全部中小学校"
    covered = rf"覆盖(?:了)?(?:全县|全区|全市|全旗)?(?:全部|所有|每一?所)(?:的)?{units}"
    return regexcache.compile(rf"{quantified}|{area}|{counted}|{covered}")


_EVERY_UNIT = {per: _every_unit_pattern(nouns) for per, nouns in _UNITS_OF.items()}


# Words in an every-unit claim that name part of the units: a stage, a place, a kind of school
# ("全县城区12所中小学均…", "100%的初中学校…", "平原地区12个乡镇均…"); the caller lets a rule's own word pass.
UNIT_PART_WORDS = regexcache.compile(r"城区|城镇|城市|农村|乡村|县城|县直|市直|镇区|山区|平原|地区|片区|学区|(?<!中)小学|初中|高中|"
                                     r"(?<!小)中学|寄宿|公办|民办|新建|改扩建|部分|示范|试点|重点|薄弱|特色|省级|市级")


def every_unit_spans(text: str, per: str) -> list[tuple[int, int]]:
    """Spans of claims that every unit of the area does the work, the units being those a target per
    ``per`` (校, 食堂, 乡镇, 班) counts: "所有实行集中用餐的学校和幼儿园均建立了", "全县86所中小学均成立了",
    "全县100%的中小学配备了". A target per 12 classes is met school by school, so "N个班" counts
    schools and classes. What may narrow, deny or hedge such a claim is the caller's to read."""
    key = "班" if per == "班" else next((k for k in UNIT_NOUNS if k != "班" and per.endswith(k)), "校")
    found = [m.span() for m in _EVERY_UNIT[key].finditer(text)]
    if per.endswith("个班"):
        found += [m.span() for m in _EVERY_UNIT["班"].finditer(text)]
    return found
