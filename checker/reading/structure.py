"""Structure stage: headings, sections, sentences, modality, document kind and year.

Reports number their headings in several schemes (一、 / (一) / 1. / (1) / 第X部分) and often
restart a scheme inside another part ("(二)2024年工作安排" followed by "(一)党的建设方面"), so
nesting is worked out from the order of headings, not from the scheme alone: a heading numbered
"one" directly after a heading of the same scheme opens a child level.

Modality (achieved / planned / problem) is set by a heading's words and inherited by what lies
below it; a sentence's own words (尚未、力争、将继续 …) override the section's.
"""
from __future__ import annotations

import re
from typing import Optional

from .. import regexcache
from ..model import Document, NormalizedText, Section, Sentence

_CN_DIGITS = "一二三四五六七八九十"
_ORD = {c: i for i, c in enumerate(_CN_DIGITS, 1)}

# (level, pattern); the first group is the ordinal.
_HEADING_MARKERS: list[tuple[int, re.Pattern]] = [
    (1, regexcache.compile(r"^\s{0,3}(#{1,6})\s+(?=\S)")),                  # Markdown "# 2023年工作总结"
    (1, regexcache.compile(rf"^\s*第([{_CN_DIGITS}]+)部分")),
    (1, regexcache.compile(rf"^\s*([{_CN_DIGITS}]{{1,3}})\s*[、.,]")),
    (2, regexcache.compile(rf"^\s*[(]([{_CN_DIGITS}]{{1,3}})[)]")),
    (2, regexcache.compile(r"^\s*()[)](?=[\u4e00-\u9fff])")),          # "(二)" that lost "(二"
    (3, regexcache.compile(r"^\s*(\d{1,2})\s*[.、](?=\D|(?:19|20)\d\d年)")),
    (4, regexcache.compile(r"^\s*[(](\d{1,2})[)]")),
    (5, regexcache.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩])")),
]
# The same as one regex, tried in the same order: the group that matched tells the marker.
_HEADING = regexcache.compile("|".join(f"(?:{pat.pattern})" for _, pat in _HEADING_MARKERS))
_HEADING_LEVELS = [level for level, _ in _HEADING_MARKERS]

# Heading words that set a section's modality. Problems first: "存在的困难和问题" is no plan.
# (…问题整改情况, 反馈问题整改落实: the fixes done, not the problems)
_PROBLEM_HEAD = regexcache.compile(r"存在的|问题(?<!解决问题)(?<!破解问题)(?![^,，。；;]{0,6}?(?:整改|销号|解决)(?:落实|完成|工作)?(?:情况|成效|到位|\s*$))"
                                   r"|困难(?!群众|学生|家庭)|不足之处|挑战(?<!机遇和挑战)(?<!机遇与挑战)"
                                   # "二、差距和不足", "三、薄弱环节", "短板弱项"
                                   # (not the work on them: "补齐农村教育短板", "薄弱环节改善与能力提升")
                                   r"|差距和不足|差距与不足|薄弱环节(?=\s*$|[和与及])"
                                   r"|短板(?<!补短板)(?<!补齐短板)(?<!补强短板)(?<!弥补短板)(?<!补足短板)(?<!破解短板)(?=\s*$|[和与及]|弱项|不足)"
                                   r"|弱项(?<!强弱项)(?=\s*$)")
# (a programme's name is no plan: "二、农村学生营养改善计划扎实推进", "（二）特殊教育提升计划")
_PLAN_HEAD = regexcache.compile(r"打算|计划(?<!行动计划)(?<!改善计划)(?<!提升计划)(?<!振兴计划)(?<!促进计划)(?<!攻坚计划)"
                                r"(?<!国培计划)(?<!省培计划)(?<!市培计划)(?<!特岗计划)(?<!雨露计划)(?<!讲学计划)(?<!培养计划)"
                                r"(?<!支持计划)(?<!资助计划)(?<![”\"》]计划)|安排|要点|思路|目标任务|下一步|下步|下段|展望|今后工作|"
                                # "三、新的一年重点任务", "三、明年重点工作", "三、下一年度工作重点", "三、今后努力方向"
                                r"新的一年|新一年|明年|来年|下一年度?|下年度|努力方向|下一?阶段|"
                                # a 督导 office's demands on the county: "三、整改意见", "四、整改建议", "督导意见"
                                # (not "整改情况", "整改意见落实情况": what was done about them)
                                r"整改(?:意见|建议|要求)|督导(?:意见|建议)|意见建议|工作建议|(?<!整改)建议$")
_ACHIEVED_HEAD = regexcache.compile(r"总结|回顾|情况|成效|成绩|亮点|进展|完成|主要工作|汇报")
_HEAD_YEAR = regexcache.compile(r"((?:19|20)\d\d)\s*(?:年|工作|重点|计划|打算)")
_HOW_IT_WENT = regexcache.compile(r"(?:完成|落实|执行|推进|进展|实施)情况|完成得?好")
# Inside a plan part, only these turn a heading back into a look at past work.
_SUMMARY_HEAD = regexcache.compile(r"总结|回顾|完成情况")

# (In these patterns every alternative starts with a literal character and a lookbehind comes
# after the word it guards, "确保(?<!为确保)" rather than "(?<!为)确保": the regex engine then
# skips straight to the characters that can start a match instead of trying every alternative
# at every position. The matches are the same.)

def _each(words: str, tail: str) -> str:
    """``w1tail|w2tail|…``: every alternative of these patterns starts with a literal character, so
    the regex engine skips ahead to the characters that can start one instead of trying each at
    every position (a third of the cost of classifying sentences)."""
    return "|".join(w + tail for w in words.split())


# A sentence's own words. Kept deliberately narrow: bare 将 is also the object marker
# ("将4所学校划转为…"), so only 将 + a forward-looking verb counts.
_PROBLEM_WORDS = regexcache.compile(
    r"尚未|未能|还未|仍未|还没有|还没|不够|难以|有待|不到位|亟待|亟需|较为薄弱|相对薄弱|难度(?:较大|很大|大)|"
    # 没有/并未/远未 + the work itself: "并未实行…", "没有严格落实…", "远未达到100%" (not "没有一例学生辍学")
    # ("没有一所学校没有成立…" is every school, and reaches here as "所有学校均有成立…": normalize.py)
    + _each("并未 远未 没有 没能",
            r"(?:严格|全面|深入|完全|真正|全部|按要求|按规定)?(?:实施|落实|配备|配齐|实行|开展|建立|"
            r"达到|实现|设立|设置|成立|覆盖|完成|推行|执行|接入|安装|消除|清零|化解|到位)"
            # (before a figure or a full coverage the claim reader keeps the negation: "没有达到100%" is
            # below 100%, "没有实现全覆盖" a negated coverage, each with its own message)
            r"(?!\s*(?:[\d百零一二三四五六七八九十]|全覆盖|清零))"
            # (not what is forbidden: "没有设立重点校重点班", "没有开展有偿补课" comply)
            r"(?![^,，。；;]{0,8}?(?:重点校|重点班|择校|考试|违规|有偿|收费|补课|排名|体罚|学科类培训|隐形变异))") + "|"
    # units still without it: "全县仍有4个教学点未接入互联网", "尚有8所农村幼儿园未配备专职保安" (not "未纳入统计";
    # not people: "尚有5名儿童未入学" does not show a rate below its line)
    + _each("尚有 仍有 还有", r"\s*(?:\d+|[一二两三四五六七八九十百]+)\s*(?:所|个|家|间|处|班|座)[^,，。；;]{0,16}?"
                           r"(?:尚未|没有|未(?!纳入|列入|计入|统计|包括|包含|含)|不达标|超过|超标)") + "|"
    # "…的任务依然艰巨", "…仍是短板" (a shortfall of the subject of its clause)
    r"依然艰巨|仍然艰巨|任务艰巨|仍是短板|仍是难点|仍是弱项|仍为短板|仍为难点|推进缓慢|进展缓慢|进度缓慢|工作滞后|进度滞后|"
    r"压力(?:较大|很大|大)|面临(?=[^,，。；;]{0,10}?(?:困难|问题|压力|挑战))|"
    + _each("还有 仍有 尚有", r"(?:一定|较大|很大|不少)?的?困难") + "|"
    r"很艰巨|十分艰巨|非常艰巨|"
    + _each("还需 还需要 尚需 仍需", r"[\d一二两三四五六七八九十]+(?:[-—~至到][\d一二两三四五六七八九十]+)?年") + "|"
    # "…全面落实“两教一保”还需努力" (no comma: the result itself is still to come)
    r"还(?<![,，:：;；]还)(?:需要?|须)(?:努力|时日)(?=[。.!！]?$)|仍(?<![,，:：;；]仍)(?:需要?|须)(?:努力|时日)(?=[。.!！]?$)|"
    r"尚(?<![,，:：;；]尚)(?:需要?|须)(?:努力|时日)(?=[。.!！]?$)|"
    r"问题[^。;,]{0,4}突出|差距[^。;,]{0,4}(较大|明显)|矛盾[^。;,]{0,4}突出|"
    # "与当地公务员平均工资收入水平尚有差距" (a comparison; 距85%的目标还有差距 is a bound, read in quantities)
    r"与[^。;,，]{1,30}?(?:尚|还|仍|依然)(?:有|存在)[^。;,，]{0,4}差距"
)


_RESULT_AHEAD = r"(?=[^,，。；;]{0,20}?(?:实现|达到))"
_REQUIRED_CONTENT = r"(?:达到|达|实现|全部|所有|均|全面|不低于|不少于|清零|覆盖|\d+%)"
_PLAN_WORDS = regexcache.compile(
    r"力争|力求|致力于|预期|打算|谋划|旨在|力促|务求|誓要|一定要|保证(?!了)|明年(?!初)|"
    # an estimate or a time still to come: "估计…", "据预测…", "即将…", "以期…"
    r"估计(?<!评估计)|据预测|预测(?=[^,，。；;]{0,20}?(?:达到|实现|全部|均|\d))|"
    r"即将(?=实现|达到|完成|建成|全面|全部|投入)|以期|"
    # a time still to come with what can be reached by then: "年底前可达100%", "年内有望…"
    + _each("年底前 年底 年内 月底前 届时", r"(?:可以?|能够?|将|有望)(?=[^,，。；;]{0,6}?(?:达|实现|完成|覆盖))") + "|"
    # "出台文件明确所有学校…均达到": a document's requirement
    + _each("文件 通知 意见 方案 办法 制度 》", r"(?:中)?明确(?=[^,，。；;]{0,24}?(?:达到|达|实现|全部|所有|均|全面|不低于|校校))") + "|"
    r"努力(?=实现|达到|做到|推进|确保)|准备(?=实现|达到)|"
    # (a programme's name is no plan: 营养改善计划, 国培计划, “雨露计划”, 特殊教育提升计划)
    r"计划(?<![原按]计划)(?<!行动计划)(?<!评估计划)(?<!招生计划)(?<!培训计划)(?<![”\"》]计划)(?<!改善计划)(?<!提升计划)"
    r"(?<!振兴计划)(?<!促进计划)(?<!攻坚计划)(?<!国培计划)(?<!省培计划)(?<!市培计划)(?<!特岗计划)(?<!雨露计划)"
    r"(?<!讲学计划)(?<!三年计划)(?<!五年计划)(?<!培养计划)(?<!支持计划)(?<!资助计划)(?!生育|单列|[”\"》])|拟|争取(?!到|了)|下一步|预计|将(继续|进一步|全面|加快|持续|大力|深入|于|会|达到?|全部|超过|提高到|"
    r"在|不断|重点|积极|努力|切实|逐步|推动|推进|实现|启动|建成|完成|加强|坚持|开展|实施|"
    # (将 + a verb of the work itself; not 将落实情况纳入…, where 将 marks the object)
    r"实行|落实|保持|配备|配齐|建立|推行|设立|设置|成立|确保|做到|纳入|新建|改扩建|达标|覆盖|消除|清零|化解|控制|"
    r"降低|下降|提升|提高|增加|新增|扩大|保障|有序|按期|如期|力争|着力|投入使用|全覆盖|"
    r"均|都|一律|严格|至少|停止|压减|降至|降到|减少|按照?)"
    r"(?!情况|工作|结果|成效|要求|任务|经费|资金|责任|措施|制度|政策|效果|数据|经验|做法|成果|范围|比例)"
    # ("我县将消除大班额作为…": 将 marks the object)
    r"(?![^,，。；;]{0,12}?(?:作为|列为|纳入|当作|摆在))|"
    r"到20\d\d年|今年将|"
    # "确保…达到100%" is a goal; "为确保…" (the purpose of what was done) and "确保了" are not
    r"确保(?<!为确保)(?!了)|"
    # "省厅下达了大班额全部清零的任务"
    r"下达(?=了?[^,，。；;]{0,24}?的?(?:任务|目标|指标))|"
    # "《规范》规定封闭化管理率达到100%", "省定目标为巩固率达到96%": a rule or a target quoted
    r"规定(?<![按照据依遵的有关]规定)(?<![”\"]规定)(?!学历|标准|要求|的|动作|时间|课时|得到|在|全面落实|落实到位|已)"
    r"(?=[^,，。；;]{0,24}?(?:达到|达|实现|全部|所有|均|全面|不低于|不少于|不再|保持|清零|覆盖))|"
    r"指标(?:值)?(?:为|是)(?=\s*\d)|"
    r"目标(?:值)?(?:设定|确定|设置)?(?:为|是)(?=[^,，。；;]{0,24}?(?:达到|达|实现|全部|所有|均|全面|不低于|清零|覆盖|\d))|"
    # a goal set out before a colon: "2022年的目标是：…全面推行“5+2”服务", "工作目标：…" (not "目标任务完成情况：")
    r"目标(?:是|为)?\s*[:：]|"
    # an expected, wished-for, conditional or required result is none yet: "有望实现全覆盖",
    # "群众期盼…实现全覆盖", "只要经费到位,…就能达到100%", "设置率应达到100%" (希望工程/希望小学 are names)
    # "若新建学校投入使用,…", "一旦…建成,…", "待新校区投用,…": a condition still to come
    + _each("若 一旦 待(?<![对接招等期优善看款]待)(?!遇|岗|办|定)", r"(?=[^,，。；;]{0,20}?(?:投用|投入使用|建成|竣工|到位))") + "|"
    # a condition on a figure, with what would follow: "如毛入园率达到90%，我县即可申报…", "若…低于50%，将影响…验收"
    # (each word first, then that it opens its clause: the engine skips ahead to the lead characters)
    + "|".join(w + r"(?<![^,，；;]" + w + r")(?!期|实|下|此|今|同|上|何)(?=[^,，。；;]{0,30}?(?:达到|达|实现|低于|高于|超过|不足|不到)"
               r"[^。；;]{0,40}?(?:即可|就|便|则|才|将))" for w in ("如果", "假如", "倘若", "一旦", "如", "若")) + "|"
    # a norm quoted from a standard, with no result beside it: "按照优质均衡评估标准，随迁子女…比例不低于85%",
    # "按照教育部要求，课后服务应做到每周5天" (not "按照…要求，全县…全部达到…", which reports the result)
    r"按照(?=[^。；;]{0,30}?(?:标准|要求|规定|办法)[^。；;]{0,40}?(?:不低于|不少于|不超过|不高于|不早于|不晚于|应|须))"
    r"(?![^。；;]*?(?:达到|实现|已|完成|达标|全部|均(?!衡)|全覆盖))|"
    # demands listed as "一要…，二要…" ("四要严格落实每天校园体育活动1小时")
    + "|".join(n + "要(?<![^,，；;:：]" + n + "要)(?![求素点件闻务])" for n in "一二三四五六七八九十") + "|"
    # "以资源配置7项指标校校达标为目标,…"
    r"以(?=[^,，。；;]{1,30}?为(?:目标|目的|方向))|"
    # "巩固率要稳定在98%以上", "要确保…全覆盖": what is to be, not what is
    r"有望|可望(?!而)|要(?<![主重必首纲摘概提]要)(?=实现|达到|稳定在|保持在?|控制在|提高到|提升到|确保|做到)|"
    + _each("期盼 盼望 期望 希望(?!工程|小学|学校|之星|杯)", _RESULT_AHEAD) + "|"
    + _each("只要 假如 如果(?!说) 倘若 假若",
            r"[^。；;]{0,40}?(?:就|便|即可|将|可以?|能够?)(?:能够?|可以?|会)?" + _RESULT_AHEAD) + "|"
    + _each("应(?<![响适相对反回供效感答]应)当? 必须 须 务必 均需",
            r"(?:全面|全部|均|都|达到?|实现|落实|消除|清零|实行|配齐|成立|建立|配备|设置|开展|不低于|不少于|不高于)"
            r"(?![^,，。；;]{0,12}的(?:标准|要求|目标))") + "|"
    # a result named as the goal: "实现“两个全覆盖”是今年的工作目标", "达到100%的要求已下达各校",
    # "将…全覆盖纳入学校年度考核", "…达到100%的目标写入了政府工作报告"; or what a plan or a pledge
    # is for: "签订大班额全部清零目标责任书", "印发护学岗设置率达到100%的工作方案"
    + _each("达到 实现 % 全覆盖 清零",
            r"[^,，。；;]{0,6}?(?:(?:是|为|作为|列为|列入|纳入|写入|写进)[^,，。；;]{0,10}?"
            r"(?:目标|任务|考核|指标|报告|规划|责任书|实事)|"
            r"的(?:目标|要求|任务)(?:已经?)?(?:下达|提出|明确|印发|部署|分解|传达)|"
            r"(?:的|目标)(?:责任书|任务书|承诺书|责任状)|目标责任书|目标责任状)") + "|"
    # a goal set or pledged: "年度目标任务：…", "原则上…", "理应…", "须为…配齐", "公开承诺…", "研究确定，…"
    r"目标任务[:：]|原则上|理应|须为(?=[^,，。；;]{0,12}?(?:配齐|配备|全部|所有|每所))|"
    r"务必(?=[^,，。；;]{0,8}?(?:实现|达到|完成|配齐|全部))|必须(?=[^,，。；;]{1,8}?(?:实现|达到|完成|配齐|全部))|"
    + _each("底线 基本 总体 工作 最低", r"要求(?:是|为)") + "|"
    r"签订(?=[^。；;]{0,12}?目标责任(?:状|书))|"
    r"需(?<!所需)(?<!必需)(?=达到|实现|全部|覆盖|做到)|"
    r"承诺(?<!兑现承诺)(?<!履行承诺)(?<!践行承诺)(?<!落实承诺)(?!书|制|事项)|研究确定|确立(?=[^,，。；;]{0,30}?目标)|"
    # a requirement quoted before its content: "县教育局规定，每年…不低于…", "方案明确，…", "行动计划提出，…"
    # (said by a bureau or a document: "全面落实“五项管理”规定，各校均…" is a result)
    + "|".join(f"{w}(?:(?<=[局府部厅委办会]{w})|(?<=(?:文件|方案|计划|意见|通知|办法|行动){w}))"
               r"(?:[,，:：](?=[^。；;]{0,30}?" + _REQUIRED_CONTENT + r")|(?=[^,，。；;]{0,30}?" + _REQUIRED_CONTENT + "))"
               for w in ("规定", "明确", "提出")) + "|"
    # a projection or a condition: "照此进度，…可达98%", "在…的前提下", "按…计算，…可达…", "要不是…早就…"
    r"照此进度|按此进度|按照?现有进度|前提下|应能(?=[^,，。；;]{0,12}?(?:达|实现|完成|覆盖))|要不是|"
    + _each("计算 测算", r"[,，][^。；;]{0,30}?可(?:以)?达") + "|"
    r"即可(?=[^,，。；;]{0,12}?(?:全部|实现|达到|覆盖|接入|联网))"
)
# A sentence that ends on a figure's requirement: "全县九年义务教育巩固率达到97%的要求。", "…100%的工作目标。"
# ("…达到国家和省的要求" is the result measured against one, and so is "…，高于国家97%的要求")
_GOAL_AT_END = regexcache.compile(r"(?:%|全覆盖|清零)(?:以上|以内|以下)?的(?:工作|奋斗|防控|年度)?(?:要求|目标)[。.;；]?$")
_ABOVE = regexcache.compile(r"高于|超过|超出|优于|好于|高出")


def _goal_at_end(text: str) -> bool:
    m = _GOAL_AT_END.search(text)
    if not m:
        return False
    cut = _HEAD_START.search(text, 0, m.start())
    return not _ABOVE.search(text, cut.end() if cut else 0, m.start())
# "省教育厅要求:…达到100%", "《意见》明确要求,…": a clause that only says who requires it, followed by a
# result; "按照/根据/落实…要求," says what was done by it. The clause head is checked apart (a pattern
# starting at every clause would be tried at every character).
_REQUIRED = regexcache.compile(r"要求[,，:：](?=[^。；;]{0,40}?(?:达到|达|实现|全部|所有|均|全面|做到|配齐|配备|覆盖|清零))")
_DONE_BY = regexcache.compile(r"按照|根据|依据|遵照|依照|按|落实|贯彻|执行|对照|达到|符合|满足")
_HEAD_START = regexcache.compile(r"[,，。；;](?=[^,，。；;]*\Z)")


# "上级要求全县…达到100%", "要求所有学校…整改到位", "要求…持证上岗率100%", "要求全县已无大班额": a requirement
# governing a result is a goal — unless the clause before it says the work followed the requirement or beat
# it ("按照省厅要求全县…已达100%", "对照中央要求…", "超过国家要求10个百分点"; "的要求", "省定要求的85%").
_REQUIRES_RESULT = regexcache.compile(
    r"要求(?<![按照据依遵的实贯执达符关合定于]要求)(?!的)(?=[^,，。；;：:]{0,24}?(?:达到|达|实现|全部|所有|均|全面|做到|配齐|"
    r"配备|覆盖|清零|保持|不低于|不少于|不再|实行|执行|成立|建立|开展|\d|百分之|半数|[一二三四五六七八九]成|零|没有一|已?无|杜绝))")
_FOLLOWED_OR_BEATEN = regexcache.compile(r"按照|根据|依据|遵照|依照|遵循|按|对照|落实|贯彻|执行|达到|符合|满足|"
                                         r"高于|低于|超过|超出|高出|优于|好于|多于|少于")


def _requires_result(text: str) -> bool:
    for m in _REQUIRES_RESULT.finditer(text):
        cut = _HEAD_START.search(text, max(0, m.start() - 40), m.start())
        if not _FOLLOWED_OR_BEATEN.search(text, cut.end() if cut else max(0, m.start() - 40), m.start()):
            return True
    return False


def _required_by(text: str) -> bool:
    for m in _REQUIRED.finditer(text):
        cut = _HEAD_START.search(text, 0, m.start())
        head = text[cut.end() if cut else 0:m.start()]
        if len(head) <= 20 and not _DONE_BY.search(head):
            return True
    return False


_ACHIEVED_WORDS = regexcache.compile(r"已经|已(?![经]?[将要])|截至|截止|累计")
# Work under way, not done: 探索实施…, 开展…试点, 正在推进, 启动…, 积极创建…示范区. Creating a
# 普及普惠县 is not being one. "试点校/试点县" name a place (a narrower base, or a title), "探索出"
# and "成功创建" a result, "启动仪式" an event.
PROGRESS_WORDS = regexcache.compile(
    r"探索(?!出|形成|成功)|试点(?![校县区市省园]|学校|单位|地区|城市|项目|幼儿园)|试行(?!办法|方案|意见|标准)|正在|"
    r"启动(?!仪式|会|大会)|积极创建|全力创建|努力创建|着力创建|加快创建|大力创建|力争创建|争创|申创|申报|创建工作|"
    r"创建(?<!成功创建)(?<!已创建)(?!为|成功|了)(?=[^,;。]{0,25}?(?:普及普惠|优质均衡|示范区|示范县|实验区|先行区))|"
    r"逐步(?:实现|推开|扩大|覆盖|推进|推行|建立|落实|化解|达到|达标|配齐)|推进中(?![小学职高专等考])|进行中(?![小学职高专等考])|"
    r"实施中(?![小学职高专等考])|"
    # pushing towards full coverage ("有序推进全覆盖", "推动课后服务全覆盖"), or the work of it still going
    # on at the end of its clause ("…全覆盖工作稳步推进。")
    r"推进(?=[^,，。；;]{0,16}?全覆盖)|推动(?=[^,，。；;]{0,16}?全覆盖)|着力(?=实现|达到|做到)|"
    # bringing it to the ground: "积极推进城乡统一的…编制标准落地"
    r"推进(?=[^,，。；;]{0,30}?落地)|推动(?=[^,，。；;]{0,30}?落地)|"
    # directing others to it: "推动全县学校全部实行…", "引导所有学校成立…", "督办所有学校全面落实…"
    + _each("推动 推进 鼓励 引导 督办 督促 布置 动员 号召",
            r"(?=[^,，。；;]{0,12}?(?:全部|所有|全面|每所|每个|各校|各学校|均))") + "|"
    + _each("稳步 有序 扎实 持续 加快 积极 全力 深入 大力", r"推进(?=\s*[。；;!！]?\s*$|\s*[,，])")
)

# A sentence opening like this makes the rest of its paragraph a plan.
_LOOK_AHEAD = regexcache.compile(r"^(下一步|下一阶段|今后|明年|新的一年|20\d\d年[,]?(我们|我局|将))")
# A short unnumbered line that introduces what follows ("存在的主要问题如下:").
# A line that leads into what follows: "下一步,我们将重点做好以下工作:" — or with a full stop, when it says so
# ("…做好以下工作。", "…具体如下。").
_LEAD_IN = regexcache.compile(r"^\s*[^。;!?]{2,80}[:]\s*$|^\s*[^。;!?:]{2,40}(?:以下|如下)[^。;!?:]{0,10}。\s*$")
_WILL = regexcache.compile(r"将|拟|计划|力争|着力|重点抓好|重点做好")


def _looks_ahead(line: str, title: str) -> bool:
    """Whether a lead-in line opens the plan: it says what will be done in a year after the title's
    ("2024年，我局将…重点抓好以下工作：" in a 2023 summary)."""
    ahead = _years(title)
    return bool(ahead and _WILL.search(line) and any(y > ahead[0] for y in _years(line)))
# Texts that report what was done whatever their headings: replies to deputies' proposals, news, half-year summaries.
_REPORT_TITLE = regexcache.compile(r"答复|复函|回复|办理情况|新闻|报道|动态|简报|上半年|半年|季度")
_TITLE_WORDS = regexcache.compile(r"工作(总结|报告|要点|计划|安排|打算|情况|汇报|思路)|情况(报告|汇报)|汇报材料|工作要点|重点工作任务"
                                  # a 督导 office's letters and a head's report: "…督导评估市级复核情况的反馈意见"
                                  r"|反馈意见|督导意见|督导(?:评估)?报告|情况的?通报|述职(?:述廉)?报告")
# What makes a title (or a first heading) a plan's: "…工作要点", "…工作思路", "…重点工作任务".
_PLAN_TITLE = regexcache.compile(r"要点|计划|安排|打算|思路|重点工作任务")
_YEAR = regexcache.compile(r"((?:19|20)\d\d)\s*年")
_SENT_END = regexcache.compile(r"[。;!?]")
_WORDY = regexcache.compile(r"[\w\u4e00-\u9fff]")   # a "sentence" of punctuation only is none


# A bullet before a part's heading when a word processor's list replaced its number ("● 2024年工作打算").
_BULLET = regexcache.compile(r"\s*[●■◆▪•★◇◆□○]\s*")


def _match_heading(line: str) -> Optional[tuple[int, int, int]]:
    """(level, ordinal, end of marker) when the line starts with a numbering marker, or with a bullet before
    the short heading of a part (a look back, a plan, problems)."""
    b = _BULLET.match(line)
    if b is not None:
        rest = line[b.end():].strip()
        if 0 < len(rest) <= 20 and not _SENT_END.search(rest) and "," not in rest and heading_modality(rest):
            return 1, 0, b.end()
        return None
    m = _HEADING.match(line)
    if m:
        level, token = _HEADING_LEVELS[m.lastindex - 1], m.group(m.lastindex)
        if token.startswith("#"):
            return len(token), 0, m.end()
        if token.isdigit():
            ordinal = int(token)
        elif token and all(c in _ORD for c in token):
            ordinal = _cn_ordinal(token)
        elif token and token in "①②③④⑤⑥⑦⑧⑨⑩":
            ordinal = "①②③④⑤⑥⑦⑧⑨⑩".index(token) + 1
        else:
            ordinal = 0
        # "一是…" / "二要…" are enumerations inside a paragraph, not headings.
        if level == 1 and line[m.end():m.end() + 1] in ("是", "要", "批", "体", "些", "般"):
            return None
        return level, ordinal, m.end()
    return None


# A heading run into the line before it ("…工作计划一、2022年工作总结(一)优先发展得到有力保障。"),
# as text copied out of a PDF or a web page often is: "一、" (not "一、二年级", "一是") or "(一)".
_INLINE_MARK = regexcache.compile(rf"([{_CN_DIGITS}]{{1,3}})、(?![{_CN_DIGITS}是要批体些般])|[(]([{_CN_DIGITS}]{{1,3}})[)]")


_HEAD_END = regexcache.compile(r"[。:;!?]")


def _inline_heading_cuts(line: str, last: dict[int, int],
                         h: Optional[tuple[int, int, int]]) -> list[int]:
    """Where headings start inside ``line``, after its first character; updates ``last``.

    ``h`` is ``_match_heading(line)``.

    ``last`` holds the last ordinal seen at each level, so that only the next number of a
    sequence (or a first one) is taken: "(二)" after "(一)". The marker must follow a sentence end
    or a short title ("…工作计划一、"), and be followed by a short heading (up to its 。 or the next
    marker), so a citation like "第三条(一)项规定,…" stays inside its sentence.
    """
    if h:
        last[h[0]] = h[1]
        for deeper in [lv for lv in last if lv > h[0]]:
            del last[deeper]
    cuts: list[int] = []
    if len(line) < 8 or not _INLINE_MARK.search(line, 1):
        return cuts
    seg_start = h[2] if h else 0
    for m in _INLINE_MARK.finditer(line, 1):
        level = 1 if m.group(1) else 2
        ordinal = _cn_ordinal(m.group(1) or m.group(2))
        if not (ordinal == 1 or ordinal == last.get(level, 0) + 1):
            continue
        # only the text near the marker is read: a line may be a megabyte without punctuation
        lo = max(seg_start, m.start() - 60)
        before = line[lo:m.start()].rstrip()
        # the title or heading before the marker: from the last sentence end (none within reach: no title)
        stop = max((before.rfind(c) for c in "。;!?"), default=-1)
        since = before[stop + 1:] if stop >= 0 or lo == seg_start else ""
        window = m.end() + 60
        end = _HEAD_END.search(line, m.end(), window)
        nxt = _INLINE_MARK.search(line, m.end(), window)
        head = line[m.end():min(end.start() if end else window, nxt.start() if nxt else window)]
        if not (2 <= len(head) <= 40 and "," not in head):
            continue
        after_sentence = bool(before) and before[-1] in "。;!?"
        after_title = 0 < len(since) <= 40 and "," not in since and bool(_PLAN_HEAD.search(since) or _ACHIEVED_HEAD.search(since))
        continues = ordinal == last.get(level, 0) + 1 and ordinal > 1
        if not (after_sentence or after_title or continues):
            continue
        cuts.append(m.start())
        last[level] = ordinal
        for deeper in [lv for lv in last if lv > level]:
            del last[deeper]
        seg_start = m.start()
    return cuts


def _cn_ordinal(token: str) -> int:
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _ORD.get(token[1:], 0)
    if len(token) >= 2 and token[1] == "十":
        return _ORD[token[0]] * 10 + (_ORD.get(token[2:], 0) if len(token) > 2 else 0)
    return _ORD.get(token[0], 0)


# Work on a shortcoming, not the shortcoming: "（三）补齐农村教育短板", "破解短板弱项".
_WORK_ON = regexcache.compile(r"补|弥补|破解|补强|强化|提升|攻坚")


_LABEL_LEVEL = 9      # below every numbering scheme
_BRACKETED = regexcache.compile(r"\s*[【\[]([^】\]]{2,16})[】\]]\s*$")


def _part_label(line: str) -> Optional[str]:
    """The text of a line that labels a part without a number: a short line of a part's words alone
    ("存在的困难和问题", "下步打算") or in brackets ("【下一步打算】"); None for any other line."""
    m = _BRACKETED.match(line)
    text = m.group(1).strip() if m else line.strip()
    if not text or len(text) > (16 if m else 12) or _SENT_END.search(text) or re.search(r"[,，:：、\d]", text):
        return None
    return text if heading_modality(text) else None


def heading_modality(text: str) -> Optional[str]:
    problem = _PROBLEM_HEAD.search(text)
    if problem and problem.group(0) in ("短板", "弱项") and _WORK_ON.search(text, 0, problem.start()):
        problem = None
    if problem and not in_named_problem(text, problem.start()):
        return "problem"        # (not "（一）关于“控辍保学工作不扎实”的问题", an item of a list of fixes)
    plan = _PLAN_HEAD.search(text)
    if plan:
        # "一、年度目标任务完成情况", "2023年工作要点落实情况": how the plan went, which is past work
        return "achieved" if _HOW_IT_WENT.search(text, plan.end()) else "planned"
    if _ACHIEVED_HEAD.search(text):
        return "achieved"
    return None


def problem_cue(text: str):
    """The first problem word of ``text`` (a match), or None; not one inside the quoted name of a problem fixed."""
    for m in _PROBLEM_WORDS.finditer(text):
        if in_named_problem(text, m.start()):
            continue
        return m
    return None


# A problem named as what was fixed: "针对“部分学校封闭化管理不到位”的问题，逐校整改到位", "关于“…”的问题"
# (in any quotes: “…”, "…", 「…」), or unquoted when the name says what was wrong ("关于部分乡镇没有公办
# 中心幼儿园的问题"; not "关于存在的问题", a section of problems).
_NAMED_PROBLEM = regexcache.compile(
    r"(?:针对|关于|就|对于?|围绕|聚焦|整改)[^，,。；;“\"「]{0,16}(?:“[^”]{1,40}”|\"[^\"]{1,40}\"|「[^」]{1,40}」)"
    r"\s*(?:的)?\s*(?:问题|短板|不足)"
    r"|关于(?!存在|当前|目前|主要|工作中|今后)[^，,。；;“\"「]{2,40}?(?:没有|未|不足|不到位|超标|偏低|偏高|较低|较弱|薄弱|缺)"
    r"[^，,。；;]{0,20}?的(?:问题|短板)"
    # a problem named as solved in its own clause: "大校额问题全面化解", "…不到位的问题全面整改到位"
    r"|(?<![^，,。；;：:])[^，,。；;：:]{2,30}?问题(?:得到|已经?|均已|已经?全面|全面|全部|彻底|有效|得到彻底|得到有效)*"
    r"(?:解决|化解|整改到位|完成整改|整改完毕|消除|破解|清零)")

def _may_name_a_problem(text: str) -> bool:
    """A cheap test before _NAMED_PROBLEM: quotes, 关于 or 问题 somewhere in the text."""
    return "“" in text or '"' in text or "「" in text or "关于" in text or "问题" in text


def without_named_problems(text: str) -> str:
    """``text`` with the names of problems it takes on blanked out (same length): "针对“…专用教室不足”问题，…"
    is no denial of what follows."""
    if not _may_name_a_problem(text):
        return text
    return _NAMED_PROBLEM.sub(lambda m: "□" * len(m.group(0)), text)


def in_named_problem(text: str, i: int) -> bool:
    """Whether position ``i`` lies inside the name of a problem the text takes on."""
    if not _may_name_a_problem(text):
        return False
    return any(m.start() <= i < m.end() for m in _NAMED_PROBLEM.finditer(text))


# A later clause that states what was actually reached, after a target or a plan.
_ACTUAL_AFTER = regexcache.compile(r"[,，;；][^。]*?(?:实际(?!上)|(?<!确保)(?<!力争)(?<!将)(?<!要)(?:已经?|均已|年内已?|当年|如期|顺利|圆满)?"
                                   r"(?<!确保)(?<!力争)(?<!将)(?<!要)(?:全面|全部|提前|顺利|如期)(?:完成|实现|达到)"
                                   r"|(?<!确保)(?<!力争)(?<!将)(?<!要)(?:已经?|均已|年内已)(?:完成|实现|达到)"
                                   r"|任务(?:已经?)?(?:全面|全部|顺利|圆满)完成)")


# A problem labelled as one, as a report on fixes lists them: "问题二：…完成率未达到100%。整改情况：…达到100%。"
# (not one stated as fixed in the same sentence: "突出问题：均已销号，…")
_PROBLEM_LABEL = regexcache.compile(r"\s*(?:问题|存在问题|主要问题|反馈问题|突出问题)\s*[一二三四五六七八九十\d]{0,3}\s*[：:]"
                                    r"(?![^。；;]*?(?:已|均已|全部)(?:整改|销号|解决|完成整改|整改到位))")


def plan_word_at(text: str) -> Optional[int]:
    """Where the first word of a plan stands in ``text`` (力争, 下一步, 将继续, 到2025年 …), or None."""
    m = _PLAN_WORDS.search(text)
    return m.start() if m else None


def sentence_modality(text: str, inherited: str) -> str:
    """A sentence's own words override the modality of its section."""
    if problem_cue(text) or _PROBLEM_LABEL.match(text):
        return "problem"
    plan = _PLAN_WORDS.search(text)
    if plan and (_ACTUAL_AFTER.search(text, plan.end()) or _ACTUAL_AFTER.match(text, plan.end())):
        plan = None     # "上级下达指标为85%，全县覆盖率实际达到91%": the result the sentence goes on to
    if (plan or ("要求" in text and (_requires_result(text) or _required_by(text)))
            or ("的" in text and _goal_at_end(text))):
        # "已…" in a plan sentence still states the current state: keep the section's view.
        return "planned" if inherited != "problem" else "problem"
    if inherited == "planned" and _ACHIEVED_WORDS.search(text):
        return "achieved"
    return inherited


def _is_title_like(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 40 and not _SENT_END.search(s) and "," not in s


def _heading_text(body: str) -> str:
    """The heading part of a line like "1.基础设施建设稳步推进。一是…"."""
    m = _SENT_END.search(body)
    head = body[: m.start()] if m else body
    return head.strip() if len(head.strip()) <= 50 else ""


_CN_YEAR = regexcache.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_CN_DIGIT_VALUE = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


def _years(text: str) -> list[int]:
    """Years named in a text, written in Arabic or Chinese digits (二〇二三年)."""
    found = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]
    found += [(m.start(), int("".join(_CN_DIGIT_VALUE[c] for c in m.group(1)))) for m in _CN_YEAR.finditer(text)]
    return [y for _, y in sorted(found) if 1949 <= y <= 2100]


# A year the text looks ahead to ("到2025年", "2025年前", "2021—2025年" ends a span): no year of the work.
# (not "由2022年的53.2%提高到2023年的56.1%", where 到 ends a change)
_TARGET_YEAR = regexcache.compile(r"(?:到(?<!提高到)(?<!提升到)(?<!增加到)(?<!增长到)(?<!上升到)(?<!下降到)(?<!降低到)(?<!减少到)(?<!降到)(?<!升到)"
                                  r"|至(?<!降至)(?<!升至)(?<!提高至)(?<!提升至)(?<!下降至)(?<!增至)|—|–|-|~|～)\s*((?:19|20)\d\d)\s*年|((?:19|20)\d\d)\s*年(?:底|末)?(?:前|以前)")
# The year of a document cited by its number ("教发〔2022〕15号") is a year the text can be no earlier than.
_DOC_NUMBER_YEAR = regexcache.compile(r"[〔\[(（【]((?:19|20)\d\d)[〕\])）】]\s*\d{1,4}\s*号")
# "日期:2023-06-19", "发布时间:2023年6月19日", "成文日期:2023.06.19"
_DATE_LINE = regexcache.compile(
    r"(?:发布|成文|印发|更新|发文|答复)?(?:日期|时间)\s*[:：]\s*((?:19|20)\d\d)\s*[-/年.]\s*(\d{1,2})")


_SIGNED = regexcache.compile(r"^\s*((?:19|20)\d\d)\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*\d{1,2}\s*日?\s*$")


def _most_named_year(lines: list[str]) -> Optional[int]:
    """With no year in the title or headings: the year the text names most (the earlier on a tie).

    Years it only looks ahead to ("到2025年", "2025年前") do not count; years of documents it
    cites by number ("〔2022〕15号") do. None when no year can be told.
    """
    from collections import Counter

    counts: Counter = Counter()
    for ln in lines:
        ahead = Counter(int(m.group(1) or m.group(2)) for m in _TARGET_YEAR.finditer(ln))
        named = Counter(_years(ln))
        named.subtract(ahead)
        counts.update({y: n for y, n in named.items() if n > 0})
        counts.update(int(m.group(1)) for m in _DOC_NUMBER_YEAR.finditer(ln))
    if not counts:
        return None
    return min(counts, key=lambda y: (-counts[y], y))


def _dated_year(lines: list[str], kind: str) -> Optional[int]:
    """The year of a text without one in its title, from its date line ("发布时间:2023-07-05").

    The work reported is that year's, except that a summary dated in January or February looks
    back on the year before.
    """
    found = next((m for ln in lines[:30] if (m := _DATE_LINE.search(ln))), None)
    # or the date it is signed with, on a line of its own at the end ("2023年6月19日")
    found = found or next((m for ln in reversed(lines[-15:]) if (m := _SIGNED.match(ln))), None)
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        return year - 1 if kind != "plan" and month <= 2 else year
    return None


_SUMMARY_OF_YEAR = regexcache.compile(r"((?:19|20)\d\d)\s*年(?:度|上半年|下半年|全年|前三季度|第?[一二三四1-4]季度)?"
                                      r"[^年，,。；;：:]{0,20}?(?:总结|回顾|情况|报告|汇报|成效)")
_SENTENCE_LIKE = regexcache.compile(r"[，,；;]")


def _document_year(title: str, headings: list[str], kind: str) -> Optional[int]:
    """The year the work was done (for a plan: the plan year)."""
    for source in [title, *headings]:
        ys = _years(source)
        if not ys or source is not title and _SENTENCE_LIKE.search(source):
            continue        # (a numbered item that is a sentence: "加大投入,力争2022年6月底前…" dates a task)
        if kind == "plan":
            return ys[0]
        # "2023年工作总结及2024年工作安排", "2023年上半年工作总结及下半年工作安排", "本人2023年度履行岗位职责和
        # 党风廉政建设情况": the summary's year is the report's year.
        m = _SUMMARY_OF_YEAR.search(source)
        if m:
            return int(m.group(1))
        if heading_modality(source) != "planned" or source is title:
            return ys[0] - 1 if (kind == "mixed" and heading_modality(source) == "planned") else ys[0]
    return None


# A line of a web page's frame copied with the report: share and print buttons, font size, the page's
# source and date, links to the pages before and after.
_WEB_CHROME = regexcache.compile(
    r"\s*(?:扫一扫在手机(?:上)?(?:打开|查看)当前页|【?(?:打印本页|关闭窗口|打印|关闭|收藏)】?\s*(?:【|$)|【?字体[:：]|分享到[:：]"
    r"|(?:来源|作者|发布时间|浏览次数|访问量|点击数|责任编辑|编辑|审核)[:：][^。]{0,60}$|上一篇[:：]|下一篇[:：]|相关链接|首页\s*[>＞›])")


# Open sections at most: real reports nest four or five deep (一、 (一) 1. (1) ①).
MAX_NESTING = 16


def structure(norm: NormalizedText, kind: Optional[str] = None, year: Optional[int] = None) -> Document:
    """Sections and sentences of a report; ``kind``/``year`` override what the text suggests."""
    text = norm.text
    lines, offsets, pos = [], [], 0
    marks: list[Optional[tuple[int, int, int]]] = []    # _match_heading of each line, worked out once
    last_ordinals: dict[int, int] = {}
    for ln in text.split("\n"):
        h = _match_heading(ln)
        cuts = _inline_heading_cuts(ln, last_ordinals, h)
        if not cuts:
            lines.append(ln)
            offsets.append(pos)
            marks.append(h)
        # a heading run into the line is a line of its own
        for a, b in zip([0, *cuts], [*cuts, len(ln)]) if cuts else ():
            lines.append(ln[a:b])
            offsets.append(pos + a)
            marks.append(_match_heading(ln[a:b]))
        pos += len(ln) + 1

    # Pass 1: find headings and title lines.
    first_numbered = next((i for i, h in enumerate(marks) if h), len(lines))
    title_lines = [ln.strip() for ln in lines[:first_numbered] if _is_title_like(ln)]
    title = next((t for t in title_lines if _TITLE_WORDS.search(t)), None)
    if title is None:
        # a line naming the kind of text, or its first sentence ("下面是…工作要点,供大家参考。…")
        # (not a numbered heading after the first: "三、明年工作思路" in a text with no title is its plan part)
        firsts = (re.split(r"(?<=[。!?])", ln.strip(), maxsplit=1)[0]
                  for k, (ln, mark) in enumerate(zip(lines, marks)) if not mark or k == first_numbered)
        title = next((t for t in firsts if _TITLE_WORDS.search(t) and len(t) <= 60), None)
    if title is None:   # "山西省2018年教育事业发展统计公报": the first title line naming a year
        title = next((t for t in title_lines if _years(t)), title_lines[0] if title_lines else "")
    title = re.sub(r"^(原?标题)\s*:\s*", "", title)
    title = re.sub(r"[_\s—-]*第\s*\d+\s*页$", "", title)      # a page of a scraped copy: "…工作思路_第1页"
    h = _match_heading(title)
    title = title[h[2]:].strip() if h else title

    title_at = next((i for i, ln in enumerate(lines) if title and title in ln), -1) if title else -1
    heads: list[tuple[int, int, str, int]] = []   # (line index, level, text, ordinal)
    # numbered items whose first sentence is too long for a heading: labelled by their first characters,
    # read whole as body text ("7.确保全县学校封闭化管理率、…视频监控联网率…“四个100%”。")
    whole_items: set[int] = set()
    for i, ln in enumerate(lines):
        h = marks[i]
        if h:
            level, ordinal, end = h
            htext = _heading_text(ln[end:])
            if not htext:
                whole_items.add(i)
            heads.append((i, level, htext or ln[end:end + 30], ordinal))
        elif i > first_numbered and _is_title_like(ln) and heading_modality(ln) and _TITLE_WORDS.search(ln):
            heads.append((i, 1, ln.strip(), 0))     # an unnumbered part divider ("2024年工作安排")
        elif i > first_numbered and _LEAD_IN.match(ln) and (heading_modality(ln) or _looks_ahead(ln, title)):
            heads.append((i, 1, ln.strip().rstrip(":"), 0))   # "下一步,我们将重点做好以下工作:"
        elif i > title_at and (label := _part_label(ln)):
            # an unnumbered short label of a part ("存在的困难和问题", "【下一步打算】"): nested below whatever
            # numbered part is open, and ended by the next heading
            heads.append((i, _LABEL_LEVEL, label, 0))

    head_texts = [h[2] for h in heads]
    # the title, or a first heading naming the kind of text ("1、小学2023年度工作计划")
    plan_title = bool(_PLAN_TITLE.search(title) or heads and _TITLE_WORDS.search(heads[0][2])
                      and _PLAN_TITLE.search(heads[0][2]))
    has_plan = plan_title or any(heading_modality(h) == "planned" for h in head_texts)
    has_summary = bool(re.search(r"总结|报告|情况|汇报|回顾", title) or _REPORT_TITLE.search(title)) or any(
        heading_modality(h) == "achieved" for h in head_texts)
    if plan_title and not re.search(r"总结|报告|情况|汇报|回顾", title) and not _REPORT_TITLE.search(title):
        # in a plan ("…工作要点"), "1.全面完成年度工作任务" is a task: only a look back makes it mixed
        has_summary = any(_SUMMARY_HEAD.search(h) for h in head_texts)
    if has_plan and not has_summary and not plan_title:
        # a text that reports before its plan part ("下一步,我们将…") is no plan: a reply, a news item
        first_plan = next(i for i, _, h, _ in heads if heading_modality(h) == "planned")
        has_summary = sum(len(_SENT_END.findall(ln)) for ln, mark in zip(lines[:first_plan], marks)
                          if len(ln.strip()) >= 15 and not mark) >= 2
    summary_year = _document_year(title, head_texts, "summary") if has_summary else None
    if summary_year and any(ys and ys[0] > summary_year for ys in map(_years, head_texts)):
        has_plan = True    # a heading about a later year ("二、2024年重点工作") is the plan part
    if kind is None:
        kind = "mixed" if has_plan and has_summary else "plan" if has_plan else "summary"
    year = year or _document_year(title, head_texts, kind) or _dated_year(lines, kind) or _most_named_year(lines)
    default_modality = "planned" if kind == "plan" else "achieved"

    # Pass 2: walk the lines, keeping a stack of open sections.
    preamble = Section("", 0, 0, 1, default_modality, year)
    sections: list[Section] = [preamble]
    sentences: list[Sentence] = []
    stack: list[tuple[float, int, Section]] = []   # (depth, scheme level, section)
    last_head: Optional[tuple[float, int]] = None  # (depth, level) of the previous heading
    head_at = {h[0]: h for h in heads}

    def current_modality() -> str:
        for _, _, sec in reversed(stack):
            if sec.modality:
                return sec.modality
        return default_modality

    for i, ln in enumerate(lines):
        start = offsets[i]
        body_from = 0
        if i in head_at:
            _, level, htext, ordinal = head_at[i]
            depth = float(level)
            # A scheme restarting at "one" right after a heading of the same scheme nests below it.
            if last_head and ordinal == 1 and last_head[1] == level:
                depth = last_head[0] + 0.5
            elif stack and ordinal > 1:
                same = [d for d, lv, _ in stack if lv == level]
                if same:
                    depth = same[-1]
            if len(stack) >= MAX_NESTING and depth > stack[-1][0]:
                # A Markdown list numbering every item "1." (or 40,000 lines of "一、") would nest
                # each item below the last; past MAX_NESTING open sections it is a sibling of the
                # deepest, so the stack, the heading path and the walk stay bounded (linear).
                depth = stack[-1][0]
            while stack and stack[-1][0] >= depth:
                stack.pop()
            hmod = heading_modality(htext)
            if hmod == "achieved" and current_modality() == "planned" and not _SUMMARY_HEAD.search(htext):
                hmod = None     # "主要工作措施" under "下段工作打算" is still the plan
            hyears = _years(htext)
            if hmod is None and year and hyears and hyears[0] > year and kind != "summary":
                hmod = "planned"   # "二、2024年重点工作" in a 2023 report looks ahead
            elif hmod == "achieved" and year and _PLAN_HEAD.search(htext) and any(
                    int(y) > year for y in _HEAD_YEAR.findall(htext)):
                hmod = "planned"   # "二、2022年工作计划落实情况" in a 2021 report: a plan still to come
            sec = Section(htext, level, start, norm.line_of(start), hmod, hyears[0] if hyears else None)
            stack.append((depth, level, sec))
            sections.append(sec)
            last_head = (depth, level)
            mod = current_modality()
            path = tuple(s.heading for _, _, s in stack)
            m = marks[i]
            whole_item = i in whole_items
            if htext and not whole_item:
                # (a numbered item read as a heading is a sentence still: "2.加大投入，确保所有学校…达到国家标准"
                # in a list of demands says what is to be, whatever its section)
                cue = problem_cue(htext)
                sentences.append(Sentence(htext, start + ln.find(htext) if htext in ln else start,
                                          norm.line_of(start), sentence_modality(htext, mod), sec, path, mod,
                                          cue.span() if cue else None,
                                          tuple(m.span() for m in PROGRESS_WORDS.finditer(htext))))
            body_from = m[2] if m else 0
            if htext and not whole_item and ln[body_from:].lstrip().startswith(htext):
                body_from = ln.index(htext, body_from) + len(htext)
        section = stack[-1][2] if stack else preamble
        inherited = current_modality()
        path = tuple(s.heading for _, _, s in stack)
        if body_from == 0 and _WEB_CHROME.match(ln):
            continue    # a web page's own words ("扫一扫在手机打开当前页", "【打印本页】"): no sentence of the report
        # Sentences of the body.
        seg_start = body_from
        for m in list(_SENT_END.finditer(ln, body_from)) + [None]:
            seg_end = m.end() if m else len(ln)
            raw = ln[seg_start:seg_end]
            stripped = raw.strip()
            if stripped and _WORDY.search(stripped):
                s0 = start + seg_start + (len(raw) - len(raw.lstrip()))
                cue = problem_cue(stripped)
                sentences.append(Sentence(stripped, s0, norm.line_of(s0),
                                          sentence_modality(stripped, inherited), section, path,
                                          inherited, cue.span() if cue else None,
                                          tuple(m.span() for m in PROGRESS_WORDS.finditer(stripped))))
                ahead = _LOOK_AHEAD.match(stripped)
                if ahead and not (year and _years(ahead.group(0)) and _years(ahead.group(0))[0] <= year):
                    # "下一步,…。确保…。": the rest of the paragraph looks ahead ("2023年,我局…" in a
                    # 2023 summary looks back)
                    inherited = "planned"
            seg_start = seg_end
            if m is None:
                break

    return Document(path=norm.source.path, kind=kind, year=year, title=title,
                    sentences=tuple(sentences), sections=tuple(sections), normalized=norm)
