"""Tests for checker.language.quantities: numeral parsing, numeral generation and quantity finding."""
from __future__ import annotations

import glob
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.language.quantities import find_quantities, parse_chinese_number, to_chinese_numeral

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))


def _check_spans(text, quantities):
    """The structural contract: in order, non-overlapping, in bounds, text == input slice."""
    prev_end = 0
    for q in quantities:
        assert prev_end <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert isinstance(q.value, float)
        prev_end = q.end


def _summary(q):
    return (q.value, q.unit, q.comparator, q.kind, q.high, q.count)


# ---------------------------------------------------------------- parse_chinese_number

@pytest.mark.parametrize("s, expected", [
    ("零", 0), ("〇", 0), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
    ("一百一十", 110), ("一百十", 110), ("一千二百", 1200), ("一千零一十", 1010),
    ("两万三千", 23000), ("两万三", 23000), ("一百五", 150), ("十万", 100000),
    ("一亿", 100000000), ("一亿零一", 100000001), ("十亿", 1000000000), ("一万亿", 10**12),
    ("九十八点二", 98.2), ("零点五", 0.5), ("二〇二一", 2021), ("二零二一", 2021),
    ("0", 0), ("139", 139), ("98.2", 98.2), ("48,143", 48143), ("1,234,567.5", 1234567.5),
    ("1.1万", 11000), ("3.23亿", 323000000), ("9万", 90000), ("48143万", 481430000),
    (" 12 ", 12),
])
def test_parse_chinese_number(s, expected):
    assert parse_chinese_number(s) == pytest.approx(expected)


@pytest.mark.parametrize("s", [
    "", "点", "一点", "点五", "十四五", "十三五", "进一步", "教师队伍", "百", "万", "亿", "万一",
    "一百千", "一百五零", "abc", "1.2.3", "12,34", "1,2345", "-5", "九十八点", "两二",
])
def test_parse_chinese_number_rejects(s):
    assert parse_chinese_number(s) is None


def test_parse_chinese_number_non_string():
    assert parse_chinese_number(None) is None  # type: ignore[arg-type]
    assert parse_chinese_number(12) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- to_chinese_numeral

@pytest.mark.parametrize("n, expected", [
    (0, "零"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"),
    (110, "一百一十"), (1010, "一千零一十"), (1200, "一千二百"), (20000, "二万"),
    (10003, "一万零三"), (100000, "十万"), (100010, "十万零一十"), (1001000, "一百万一千"),
    (100000000, "一亿"), (100010000, "一亿零一万"), (100000001, "一亿零一"),
    (1000000000, "十亿"),
])
def test_to_chinese_numeral(n, expected):
    assert to_chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [-1, 10**12])
def test_to_chinese_numeral_out_of_range(n):
    with pytest.raises(ValueError):
        to_chinese_numeral(n)


@given(st.integers(min_value=0, max_value=10**9))
@settings(max_examples=500)
def test_numeral_round_trip(n):
    assert parse_chinese_number(to_chinese_numeral(n)) == n
    assert parse_chinese_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_commas_round_trip(n):
    assert parse_chinese_number(f"{n:,}") == n


@given(st.text())
def test_parse_chinese_number_never_raises(s):
    result = parse_chinese_number(s)
    assert result is None or isinstance(result, float)


# ---------------------------------------------------------------- find_quantities: the table

# text → the single quantity expected: (value, unit, comparator, kind, high, count, span text)
CASES = [
    # rule 2: units, multipliers folded into the value, money in 元
    ("城乡交流轮岗教师139人", (139, "人", None, "number", None, None, "139人")),
    ("1.1万人", (11000, "人", None, "number", None, None, "1.1万人")),
    ("9万余人次", (90000, "人次", ">", "number", None, None, "9万余人次")),
    ("3.23亿元", (323000000, "元", None, "number", None, None, "3.23亿元")),
    ("48143万元", (481430000, "元", None, "number", None, None, "48143万元")),
    ("投入100余万元", (1000000, "元", ">", "number", None, None, "100余万元")),
    ("1800万余元", (18000000, "元", ">", "number", None, None, "1800万余元")),
    ("8000元", (8000, "元", None, "number", None, None, "8000元")),
    ("九万元", (90000, "元", None, "number", None, None, "九万元")),
    ("两万三千人", (23000, "人", None, "number", None, None, "两万三千人")),
    ("48,143人", (48143, "人", None, "number", None, None, "48,143人")),
    ("4所", (4, "所", None, "number", None, None, "4所")),
    ("三所", (3, "所", None, "number", None, None, "三所")),
    ("40家", (40, "家", None, "number", None, None, "40家")),
    ("521件", (521, "件", None, "number", None, None, "521件")),
    ("3处", (3, "处", None, "number", None, None, "3处")),
    ("76次", (76, "次", None, "number", None, None, "76次")),
    ("48场", (48, "场", None, "number", None, None, "48场")),
    ("31场次", (31, "场次", None, "number", None, None, "31场次")),
    ("10期", (10, "期", None, "number", None, None, "10期")),
    ("1小时", (1, "小时", None, "number", None, None, "1小时")),
    ("30分钟", (30, "分钟", None, "number", None, None, "30分钟")),
    ("14天", (14, "天", None, "number", None, None, "14天")),
    ("50年", (50, "年", None, "number", None, None, "50年")),
    ("3个月", (3, "个月", None, "number", None, None, "3个月")),
    ("50414平方米", (50414, "平方米", None, "number", None, None, "50414平方米")),
    ("8个班", (8, "个", None, "number", None, None, "8个")),
    ("3班", (3, "班", None, "number", None, None, "3班")),
    ("104套", (104, "套", None, "number", None, None, "104套")),
    ("4批", (4, "批", None, "number", None, None, "4批")),
    ("分四批完成", (4, "批", None, "number", None, None, "四批")),
    ("20起", (20, "起", None, "number", None, None, "20起")),
    ("4725节", (4725, "节", None, "number", None, None, "4725节")),
    ("152.5枚", (152.5, "枚", None, "number", None, None, "152.5枚")),
    ("总分3166分", (3166, "分", None, "number", None, None, "3166分")),
    ("5间", (5, "间", None, "number", None, None, "5间")),
    ("2万余条", (20000, "条", ">", "number", None, None, "2万余条")),
    ("1.2万平方米", (12000, "平方米", None, "number", None, None, "1.2万平方米")),
    # rule 3: percent
    ("98.2%", (98.2, "%", None, "percent", None, None, "98.2%")),
    ("百分之九十八点二", (98.2, "%", None, "percent", None, None, "百分之九十八点二")),
    ("百分之百", (100, "%", None, "percent", None, None, "百分之百")),
    ("4.43个百分点", (4.43, "个百分点", None, "percent", None, None, "4.43个百分点")),
    ("提高三个百分点", (3, "个百分点", None, "percent", None, None, "三个百分点")),
    ("占比80.1%", (80.1, "%", None, "percent", None, None, "80.1%")),
    # rule 4: approximation and boundary words
    ("200余名", (200, "名", ">", "number", None, None, "200余名")),
    ("6万多名", (60000, "名", ">", "number", None, None, "6万多名")),
    ("30余起", (30, "起", ">", "number", None, None, "30余起")),
    ("270多次", (270, "次", ">", "number", None, None, "270多次")),
    ("一千二百余次", (1200, "次", ">", "number", None, None, "一千二百余次")),
    ("十余所", (10, "所", ">", "number", None, None, "十余所")),
    ("近200人", (200, "人", "~<", "number", None, None, "近200人")),   # 近: just below
    ("近2.9万名", (29000, "名", "~<", "number", None, None, "近2.9万名")),
    ("约3000人", (3000, "人", "~", "number", None, None, "约3000人")),
    ("大约3000人", (3000, "人", "~", "number", None, None, "大约3000人")),
    # a verb between 约 and the number: still a round figure
    ("约为100%", (100, "%", "~", "percent", None, None, "约为100%")),
    ("约占60%", (60, "%", "~", "percent", None, None, "约占60%")),
    ("约为百分之百", (100, "%", "~", "percent", None, None, "约为百分之百")),
    ("500名左右", (500, "名", "~", "number", None, None, "500名左右")),
    ("500名以上", (500, "名", ">=", "number", None, None, "500名以上")),
    ("55人及以上", (55, "人", ">=", "number", None, None, "55人及以上")),
    ("90%以上", (90, "%", ">=", "percent", None, None, "90%以上")),
    ("达到90%以上", (90, "%", ">=", "percent", None, None, "达到90%以上")),
    ("达到98.2%", (98.2, "%", ">=", "percent", None, None, "达到98.2%")),
    ("不低于90%", (90, "%", ">=", "percent", None, None, "不低于90%")),
    ("不少于2小时", (2, "小时", ">=", "number", None, None, "不少于2小时")),
    ("至少6项", (6, "项", ">=", "number", None, None, "至少6项")),
    ("不超过60分钟", (60, "分钟", "<=", "number", None, None, "不超过60分钟")),
    ("不高于5%", (5, "%", "<=", "percent", None, None, "不高于5%")),
    ("5人以下", (5, "人", "<=", "number", None, None, "5人以下")),
    ("30分钟以内", (30, "分钟", "<=", "number", None, None, "30分钟以内")),
    ("超过100%", (100, "%", ">", "percent", None, None, "超过100%")),
    ("高于95%", (95, "%", ">", "percent", None, None, "高于95%")),
    ("多于3次", (3, "次", ">", "number", None, None, "多于3次")),
    ("不满3周岁", (3, "岁", "<", "number", None, None, "不满3周岁")),
    ("不足5%", (5, "%", "<", "percent", None, None, "不足5%")),
    ("低于60分", (60, "分", "<", "number", None, None, "低于60分")),
    ("少于10人", (10, "人", "<", "number", None, None, "少于10人")),
    ("不低于百分之九十", (90, "%", ">=", "percent", None, None, "不低于百分之九十")),
    ("百分之九十以上", (90, "%", ">=", "percent", None, None, "百分之九十以上")),
    # polarity: a negated attainment or a gap to a target is a bound the value stays under
    ("设置率未达100%", (100, "%", "<", "percent", None, None, "未达100%")),
    ("没有达到100%", (100, "%", "<", "percent", None, None, "没有达到100%")),
    ("没达到90%", (90, "%", "<", "percent", None, None, "没达到90%")),
    ("仍未实现100%", (100, "%", "<", "percent", None, None, "仍未实现100%")),
    ("并未超过5%", (5, "%", "<=", "percent", None, None, "并未超过5%")),
    ("距85%的目标还有差距", (85, "%", "<", "percent", None, None, "距85%的目标还有差距")),
    ("距离目标90%仍有一定差距", (90, "%", "<", "percent", None, None, "距离目标90%仍有一定差距")),
    ("与百分之百尚有差距", (100, "%", "<", "percent", None, None, "与百分之百尚有差距")),
    # 近 is "nearly": just below; 逾 is "over"
    ("接近85%", (85, "%", "~<", "percent", None, None, "接近85%")),
    ("将近90%", (90, "%", "~<", "percent", None, None, "将近90%")),
    ("逾85%", (85, "%", ">", "percent", None, None, "逾85%")),
    # tenths (成) and halves are percentages
    ("八成", (80, "%", None, "percent", None, None, "八成")),
    ("九成以上", (90, "%", ">=", "percent", None, None, "九成以上")),
    ("近八成", (80, "%", "~<", "percent", None, None, "近八成")),
    ("逾九成", (90, "%", ">", "percent", None, None, "逾九成")),
    ("约三成", (30, "%", "~", "percent", None, None, "约三成")),
    ("七到八成", (70, "%", None, "percent", 80, None, "七到八成")),
    ("6成", (60, "%", None, "percent", None, None, "6成")),
    ("半数", (50, "%", None, "percent", None, None, "半数")),
    ("半数以上", (50, "%", ">=", "percent", None, None, "半数以上")),
    ("超过半数", (50, "%", ">", "percent", None, None, "超过半数")),
    ("过半数", (50, "%", ">", "percent", None, None, "过半数")),
    ("近半数", (50, "%", "~<", "percent", None, None, "近半数")),
    ("覆盖率过半,", (50, "%", ">", "percent", None, None, "过半")),
    # 近 before a span of time is "the last N", not "nearly"
    ("近三年", (3, "年", None, "number", None, None, "三年")),
    ("近5年来", (5, "年", None, "number", None, None, "5年")),
    # 约 ending another word is no comparator
    ("签约3所", (3, "所", None, "number", None, None, "3所")),
    # rule 5: ranges
    ("3-5所", (3, "所", None, "number", 5, None, "3-5所")),
    ("3至5所", (3, "所", None, "number", 5, None, "3至5所")),
    ("3~5所", (3, "所", None, "number", 5, None, "3~5所")),
    ("三到五所", (3, "所", None, "number", 5, None, "三到五所")),
    ("三至五年", (3, "年", None, "number", 5, None, "三至五年")),
    ("3%-5%", (3, "%", None, "percent", 5, None, "3%-5%")),
    ("3-5万人", (30000, "人", None, "number", 50000, None, "3-5万人")),
    ("6-15周岁", (6, "岁", None, "number", 15, None, "6-15周岁")),
    # rule 6: ordinals
    ("第三期", (3, "期", None, "ordinal", None, None, "第三期")),
    ("第二批", (2, "批", None, "ordinal", None, None, "第二批")),
    ("第57届", (57, "届", None, "ordinal", None, None, "第57届")),
    ("第十二届", (12, "届", None, "ordinal", None, None, "第十二届")),
    ("第一时间", (1, None, None, "ordinal", None, None, "第一")),
    ("一年级", (1, "年级", None, "ordinal", None, None, "一年级")),
    # rule 7: years
    ("2021年", (2021, None, None, "year", None, None, "2021年")),
    ("二〇二一年", (2021, None, None, "year", None, None, "二〇二一年")),
    ("二零二一年", (2021, None, None, "year", None, None, "二零二一年")),
    ("2023年度", (2023, None, None, "year", None, None, "2023年度")),
    ("1949年", (1949, None, None, "year", None, None, "1949年")),
    ("2021-2025", (2021, None, None, "year", 2025, None, "2021-2025")),
    ("2021—2025年", (2021, None, None, "year", 2025, None, "2021—2025年")),
    ("2021年至2025年", (2021, None, None, "year", 2025, None, "2021年至2025年")),
    ("2020-2021学年", (2020, None, None, "year", 2021, None, "2020-2021学年")),
    ("3000年", (3000, "年", None, "number", None, None, "3000年")),   # no year: a duration
    # rule 8: dates, value = year*10000 + month*100 + day
    ("2021724日", (20210724, None, None, "date", None, None, "2021724日")),
    ("202110月", (20211000, None, None, "date", None, None, "202110月")),
    ("98日", (908, None, None, "date", None, None, "98日")),
    ("89日", (809, None, None, "date", None, None, "89日")),
    ("1231日", (1231, None, None, "date", None, None, "1231日")),
    ("724日", (724, None, None, "date", None, None, "724日")),
    ("24日", (24, None, None, "date", None, None, "24日")),
    ("2021619周岁", (20210619, None, None, "date", None, None, "2021619")),
    ("20210724", (20210724, None, None, "date", None, None, "20210724")),
    ("2021年7月24日", (20210724, None, None, "date", None, None, "2021年7月24日")),
    ("2021年7月", (20210700, None, None, "date", None, None, "2021年7月")),
    ("二〇二一年七月二十四日", (20210724, None, None, "date", None, None, "二〇二一年七月二十四日")),
    ("7月24日", (724, None, None, "date", None, None, "7月24日")),
    ("9月", (900, None, None, "date", None, None, "9月")),
    ("10月份", (1000, None, None, "date", None, None, "10月份")),
    ("七月二十四日", (724, None, None, "date", None, None, "七月二十四日")),
    ("2022-01-18", (20220118, None, None, "date", None, None, "2022-01-18")),
    ("2022/1/18", (20220118, None, None, "date", None, None, "2022/1/18")),
    ("2022.01.18", (20220118, None, None, "date", None, None, "2022.01.18")),
    # rule 9: composite labels
    ("四个100%", (100, "%", None, "composite", None, 4, "四个100%")),
    ("5个100%", (100, "%", None, "composite", None, 5, "5个100%")),
    ("三个100%", (100, "%", None, "composite", None, 3, "三个100%")),
    ("三个“100%”", (100, "%", None, "composite", None, 3, "三个“100%”")),
    ("两个全覆盖", (100, "%", None, "composite", None, 2, "两个全覆盖")),
    ("两个“全覆盖”", (100, "%", None, "composite", None, 2, "两个“全覆盖”")),
    ("两个「全覆盖」", (100, "%", None, "composite", None, 2, "两个「全覆盖」")),
    ("两个'全覆盖'", (100, "%", None, "composite", None, 2, "两个'全覆盖'")),
    ('两个"全覆盖"', (100, "%", None, "composite", None, 2, '两个"全覆盖"')),
    ("两个只增不减", (0, "只增不减", None, "composite", None, 2, "两个只增不减")),
    ("两个“只增不减”", (0, "只增不减", None, "composite", None, 2, "两个“只增不减”")),
    # rule 10
    ("五项管理", (5, "项", None, "number", None, None, "五项")),
    # rule 11: bare Arabic numbers
    ("专题调研48,全县", (48, None, None, "number", None, None, "48")),
    ("1+X", (1, None, None, "number", None, None, "1")),
    ("1.坚持", (1, None, None, "number", None, None, "1")),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0] for c in CASES])
def test_find_quantities_table(text, expected):
    found = find_quantities(text)
    _check_spans(text, found)
    assert len(found) == 1, found
    q = found[0]
    value, unit, comparator, kind, high, count, span = expected
    assert q.value == pytest.approx(value)
    assert (q.unit, q.comparator, q.kind, q.count, q.text) == (unit, comparator, kind, count, span)
    assert (q.high is None) == (high is None)
    if high is not None:
        assert q.high == pytest.approx(high)


@pytest.mark.parametrize("text", [
    "进一步", "一体化", "统一", "一是", "一批", "教师队伍", "十四五", "十四五期间", "十三五规划",
    "一起", "十分重要", "之一", "唯一", "一人一档", "一年一度", "一月一总结", "二十分之", "三分之",
    "三位一体", "一次性", "一二三四五发展思路", "二〇二一", "重点", "一点", "千方百计", "万众一心",
    "两学一做", "一条龙", "", "没有数字",
])
def test_find_quantities_negative(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text, value, comparator", [
    ("有三分之二就读于公办幼儿园", 66.7, None), ("占比近三分之一", 33.3, "~<"), ("超过四分之三", 75.0, ">"),
    ("五分之四以上", 80.0, ">="), ("十分之一", 10.0, None), ("公办园在园幼儿占比近半。", 50.0, "~<"),
])
def test_a_fraction_is_a_share(text, value, comparator):
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.comparator, q.kind) == (pytest.approx(value), "%", comparator, "percent")


def test_a_gap_to_a_target_needs_both_its_halves():
    # 距…还有差距 makes the number a target not reached; 距学校3公里 is a distance
    (q,) = find_quantities("普惠率距85%的目标还有差距")
    assert (q.value, q.comparator) == (85, "<")
    (q,) = find_quantities("距学校3公里,还有差距")
    assert (q.value, q.unit, q.comparator, q.text) == (3, "公里", None, "3公里")


def test_tenths_and_halves_are_shares_only_where_they_stand_alone():
    # 三成 is 30%, but 成 after a numeral inside a word (一成不变, 三成立) is no tenth, and 半 before a
    # span of time (过半年) is no half of a whole
    assert [(q.value, q.unit) for q in find_quantities("三成学校,覆盖率过半。")] == [(30, "%"), (50, "%")]
    for text in ("一成不变", "三成立", "九成效", "20成", "通过半年", "过半年", "半年", "一半天"):
        assert [q for q in find_quantities(text) if q.unit == "%"] == [], text


def test_comparator_word_only_when_adjacent():
    text = "不少于总数的90%"
    (q,) = find_quantities(text)
    assert (q.value, q.comparator, q.text) == (90.0, None, "90%")


def test_sequence_in_order():
    text = "2021年新提拔校长96人,招聘教师147名,城乡交流轮岗教师139人,占90%以上"
    found = find_quantities(text)
    _check_spans(text, found)
    assert [_summary(q)[:4] for q in found] == [
        (2021.0, None, None, "year"), (96.0, "人", None, "number"), (147.0, "名", None, "number"),
        (139.0, "人", None, "number"), (90.0, "%", ">=", "percent")]


def test_dates_are_not_counts():
    for text in ("2021724日", "98日", "202110月"):
        kinds = [q.kind for q in find_quantities(text)]
        assert kinds == ["date"], text


def test_model_names_are_bare_numbers():
    for text, values in (("5+2", [5, 2]), ("3+4", [3, 4]), ("5+2+1", [5, 2, 1]),
                         ("3+1+2模式", [3, 1, 2])):
        found = find_quantities(text)
        _check_spans(text, found)
        assert [q.value for q in found] == values
        assert all(q.unit is None and q.kind == "number" for q in found)


def test_offsets_are_into_the_given_text():
    text = "前言。一、基本情况\n全县共有学校53所,教师4100名。"
    found = find_quantities(text)
    _check_spans(text, found)
    assert [(q.text, text[q.start:q.end]) for q in found] == [("53所", "53所"), ("4100名", "4100名")]


# ---------------------------------------------------------------- robustness

@given(st.text())
@settings(max_examples=300)
def test_find_quantities_never_raises(text):
    _check_spans(text, find_quantities(text))


# Text made of the characters the recognizers care about, to reach their corners.
_DENSE = st.text(alphabet=st.sampled_from(list(
    "0123456789.,%-~—至到第百分之零〇一二两三四五六七八九十千万亿点余多约近以上下内及不少于超过低满足"
    "个人名所年月日度号份学周岁元次场“”\"「」全覆盖只增不减统进步+X ")), max_size=60)


@given(_DENSE)
@settings(max_examples=1000)
def test_find_quantities_never_raises_on_dense_text(text):
    _check_spans(text, find_quantities(text))


@pytest.mark.parametrize("text", [
    "7" * 1_000_000, "一" * 1_000_000, "一个" * 200_000, "1,234" * 100_000, "百分之" * 100_000,
    "2021-" * 100_000, "一点" * 300_000,
], ids=["digits", "yi", "yi-ge", "commas", "percent-words", "year-dashes", "yi-dian"])
def test_long_lines_finish(text):
    found = find_quantities(text)   # completes (linear scan); no timing assertion
    _check_spans(text, found)       # every quantity found is a real, ordered span of the text


def test_long_runs_are_not_numbers():
    assert find_quantities("7" * 1_000_000) == []
    assert find_quantities("一" * 1_000_000) == []
    assert parse_chinese_number("一" * 1_000_000) is None
    assert parse_chinese_number("7" * 1_000_000) is None


# ---------------------------------------------------------------- the sample reports

@pytest.mark.parametrize("path", SEEDS, ids=[os.path.basename(p) for p in SEEDS])
def test_seed_reports_raw(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    found = find_quantities(text)
    _check_spans(text, found)
    assert found


def test_seed_000_lost_separators_and_counts():
    path = os.path.join(ROOT, "seeds", "000_fe85392cbbe105c4.txt")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    found = find_quantities(text)
    by_text = {}
    for q in found:
        by_text.setdefault(q.text, []).append(q)
    assert [(q.kind, q.value) for q in by_text["2021724日"]] == [("date", 20210724.0)]
    assert [(q.kind, q.value) for q in by_text["98日"]] == [("date", 908.0)]
    assert [(q.kind, q.value) for q in by_text["202110月"]] == [("date", 20211000.0)]
    i = text.index("城乡交流轮岗教师139人")
    (q,) = [q for q in found if q.start == i + len("城乡交流轮岗教师")]
    assert (q.value, q.unit, q.kind) == (139.0, "人", "number")
    assert any(q.kind == "composite" and q.count == 2 and q.text == "两个“全覆盖”" for q in found)


def test_seed_004_quotas():
    path = os.path.join(ROOT, "seeds", "004_489d2595ade12a5d.txt")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    summaries = {(q.text, q.value, q.unit, q.comparator) for q in find_quantities(text)}
    assert ("500名以上", 500.0, "名", ">=") in summaries
    assert ("达到90%以上", 90.0, "%", ">=") in summaries


def test_a_shortfall_counted_after_the_target_is_below_it():
    from checker.language.quantities import find_quantities

    [target, *_] = find_quantities("全县专职保安配备率离100%还差2所学校。")
    assert (target.value, target.comparator) == (100.0, "<")
    # a distance stays a distance, a count after 差 alone is no gap
    assert [q.comparator for q in find_quantities("学校离县城还差20公里。")] == [None]


def one(text):
    """(value, comparator) of the one figure in ``text`` that is not a year."""
    (q,) = [q for q in find_quantities(text) if q.kind != "year"]
    return q.value, q.comparator


def test_the_largest_or_smallest_of_the_units_is_a_bound_on_every_unit():
    assert one("护学岗设置率最高达到100%") == (100, "<=")
    assert one("班额最大为48人") == (48, "<=")
    assert one("城区学校规模最大的达到2600人") == (2600, "<=")
    assert one("护学岗设置率最低为60%") == (60, ">=")
    assert one("护学岗设置率达到100%") == (100, ">=")
    assert one("最大限度地提高入学率到98%") == (98, None)


def test_a_hedged_or_pending_attainment_is_no_exact_figure():
    assert one("巩固率基本达到95%") == (95, "~")
    assert one("设置率初步实现100%") == (100, "~")
    assert one("巩固率原则上达到95%") == (95, "~")
    assert one("巩固率达到98%还需努力") == (98, "<")
    assert one("巩固率达到98%,还需努力提高质量") == (98, ">=")


def test_a_space_before_the_percent_sign_keeps_the_unit():
    # PDF text and some typesetting put a space between a number and its percent sign
    assert [(q.value, q.unit) for q in find_quantities("巩固率达到98.5 %。")] == [(98.5, "%")]
    assert [(q.value, q.unit) for q in find_quantities("提高3 个百分点")] == [(3.0, "个百分点")]
    assert [(q.value, q.unit) for q in find_quantities("班额最大为 45 人")] == [(45.0, "人")]
    assert [(q.value, q.unit) for q in find_quantities("2023 年")][0][1] != "人"


@pytest.mark.parametrize("text, times", [
    ("全县小学上午上课时间不早于八点二十分，中学不早于八点。", [500, 480]),
    ("课后服务下午五点半结束", [1050]), ("上午8:20上课", [500]), ("八点半到校", [510]),
    ("提出八点意见", []), ("落实八点要求", []),      # a bare 八点 after no word of time is no time
])
def test_clock_times_in_digits_and_in_chinese_numerals(text, times):
    from checker.language.figures import clocks
    assert [f.value for f in clocks(text)] == times


@pytest.mark.parametrize("text", ["表2  资源配置校际差异系数", "如表3所示，各项指标均达标", "详见附表2", "附件1：自评表"])
def test_a_captions_number_is_no_quantity(text):
    assert find_quantities(text) == []
