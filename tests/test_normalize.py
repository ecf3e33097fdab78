"""Tests for checker.reading.normalize: pinyin stripping, NFKC, Traditional→Simplified, offset map."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.reading import normalize as normalize_module
from checker.reading.load import load
from checker.model import NormalizedText, SourceText
from checker.reading.normalize import normalize, normalize_string, to_simplified

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_001 = SEEDS / "001_5eb50fef6423d212.txt"
ALL_SEEDS = sorted(SEEDS.glob("*.txt"))

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_INSERTION = re.compile(rf"[(（][a-zA-Z{TONED}]{{1,6}}\d?[)）]")


def src_of(text: str) -> SourceText:
    return SourceText(path="mem.txt", text=text, encoding="utf-8")


def assert_map_invariants(norm: NormalizedText) -> None:
    src = norm.source.text
    assert len(norm.origin) == len(norm.text)
    assert all(a <= b for a, b in zip(norm.origin, norm.origin[1:]))
    assert all(0 <= o < len(src) for o in norm.origin)
    assert norm.line_starts[0] == 0
    assert len(norm.line_starts) == src.count("\n") + 1
    assert all(src[s - 1] == "\n" for s in norm.line_starts[1:])


@pytest.fixture(scope="module")
def seed001() -> NormalizedText:
    return normalize(load(str(SEED_001)))


# ---------------------------------------------------------------- the Traditional + pinyin seed
def test_seed001_pinyin_removed(seed001):
    assert PINYIN_INSERTION.search(seed001.source.text)  # the seed really has them ...
    assert not PINYIN_INSERTION.search(seed001.text)     # ... and they are gone


def test_seed001_simplified_terms(seed001):
    for term in ("领导", "课后服务", "护学岗", "基础设施建设"):
        assert term in seed001.text, term


def test_seed001_headings_survive(seed001):
    lines = seed001.text.split("\n")
    assert "(一)重点工作" in lines
    assert any(line.startswith("(二)") for line in lines)


def test_seed001_origin_points_at_source_chars(seed001):
    src, norm = seed001.source.text, seed001.text
    i = norm.index("护学岗")
    assert [src[seed001.origin[i + k]] for k in range(3)] == ["護", "學", "崗"]
    # 領(lǐng)導(dǎo)下 → 领导下: each output char maps to its own source char, skipping pinyin.
    j = norm.index("领导下")
    assert src[seed001.origin[j]] == "領"
    assert src[seed001.origin[j + 1]] == "導"
    assert src[seed001.origin[j + 2]] == "下"
    assert src[seed001.origin[j + 1] - 6:seed001.origin[j + 1]] == "(lǐng)"


@pytest.mark.parametrize("normalized, raw", [
    ("护学岗", "護學(xué)崗"),
    ("课后服务", "課后服務(wù)"),
    ("薄弱环节", "薄弱環(huán)節(jié)"),
    ("(一)重点工作", "(一)重點工作"),
    ("2022年工作", "2022年工作"),
])
def test_seed001_line_of(seed001, normalized, raw):
    raw_lines = SEED_001.read_text(encoding="utf-8").split("\n")
    expected = next(n for n, line in enumerate(raw_lines, 1) if raw in line)
    line = seed001.line_of(seed001.text.index(normalized))
    assert line == expected
    assert raw in seed001.original_line(line)


# ---------------------------------------------------------------- all seeds
@pytest.mark.parametrize("seed", ALL_SEEDS, ids=lambda p: p.name[:3])
def test_seed_map_invariants(seed):
    norm = normalize(load(str(seed)))
    assert_map_invariants(norm)
    assert norm.text.count("\n") == norm.source.text.count("\n")


# ---------------------------------------------------------------- NFKC
def test_fullwidth_digits_and_percent():
    src = src_of("２０２１年完成率達到９８．５％（一）")
    norm = normalize(src)
    assert norm.text == "2021年完成率达到98.5%(一)"
    assert [src.text[o] for o in norm.origin[:4]] == list("２０２１")
    assert src.text[norm.origin[norm.text.index("%")]] == "％"


def test_nfkc_expansion_maps_every_char_to_its_source():
    src = src_of("面积6.7万㎡①")
    norm = normalize(src)
    assert norm.text == "面积6.7万m21"
    m = norm.text.index("m")
    assert norm.origin[m] == norm.origin[m + 1] == src.text.index("㎡")
    assert src.text[norm.origin[-1]] == "①"
    assert_map_invariants(norm)


def test_combining_marks_compose():
    assert normalize_string("e\u0301") == "é"


# ---------------------------------------------------------------- pinyin edge cases
@pytest.mark.parametrize("raw, expected", [
    ("領(lǐng)導(dǎo)", "领导"),
    ("課后服務(wù)", "课后服务"),
    ("服（fú）務（wù）", "服务"),             # full-width brackets
    ("的(de)", "的"),                        # neutral tone, no mark
    ("領(ling3)導(dao3)", "领导"),              # tone digits
    ("領(Lǐng)", "领"),                       # capitalised
    ("領(li\u030cng)", "领"),                 # decomposed tone mark
    ("(一)重點", "(一)重点"),
    ("（二）加强", "(二)加强"),
    ("(1)完成", "(1)完成"),
    ("第(五)項", "第(五)项"),
    ("见附件 (PDF)", "见附件 (PDF)"),
    ("系统(APP)", "系统(APP)"),
    ("条款(a)", "条款(a)"),
    ("学校(school)", "学校(school)"),         # not a single syllable
    ("ling(lǐng)", "ling(lǐng)"),             # not after a Han character
])
def test_pinyin_strip_cases(raw, expected):
    assert normalize(src_of(raw)).text == expected
    assert normalize_string(raw) == expected


# ---------------------------------------------------------------- helpers for pack terms
def test_to_simplified():
    assert to_simplified("護學崗") == "护学岗"
    assert to_simplified("課後服務\n教育經費") == "课后服务\n教育经费"
    assert to_simplified("") == ""


def test_normalize_string_matches_normalize():
    raw = "領(lǐng)導(dǎo)２０２１年課后服務(wù)％"
    assert normalize_string(raw) == "领导2021年课后服务%"
    assert normalize_string(raw) == normalize(src_of(raw)).text


def test_t2s_length_change_falls_back_per_character(monkeypatch):
    # OpenCC's t2s is practically always 1:1; fake a converter that is not, to check that
    # the map stays exact on such a line and that other lines keep whole-line conversion.
    def fake(s: str) -> str:
        return s.replace("X", "YY").replace("ab", "AB")

    monkeypatch.setattr(normalize_module, "_converter", lambda: fake)
    src = src_of("aXb\nab")
    norm = normalize(src)
    assert norm.text == "aYYb\nAB"  # per char on line 1 (so "ab" is not a phrase there)
    assert [src.text[o] for o in norm.origin] == ["a", "X", "X", "b", "\n", "a", "b"]


def test_empty_text():
    norm = normalize(src_of(""))
    assert norm.text == "" and len(norm.origin) == 0 and norm.line_starts == (0,)
    assert norm.line_of(0) == 1


# ---------------------------------------------------------------- properties
REPORTISH = st.text(
    alphabet=st.sampled_from(
        list("領導課後服務學校教育一二五()（）\n 　，。、％２０1a")
        + list("lingdǎoǐwùxuéfú") + ["\u0301", "㎡", "①", "ﬁ", "\r", "\U00020000"]
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), REPORTISH))
def test_normalize_property(text):
    norm = normalize(src_of(text))
    assert_map_invariants(norm)
    # the same steps as normalize_string, after the layout step joined wrapped lines
    assert norm.text == normalize_string(normalize_module._unwrap(text)[0][0])
    assert all(0 <= a < b <= len(text) for a, b in norm.breaks)


def _nfkc_line_by_line(text: str):
    """NFKC with ``_nfkc_line`` on every line: the general path, without the one-for-one shortcut."""
    from array import array

    origin = array("q", range(len(text)))
    out, out_origin, pos = [], array("q"), 0
    for line in text.split("\n"):
        normalize_module._nfkc_line(line, origin[pos:pos + len(line)], out, out_origin)
        if pos + len(line) < len(text):
            out.append("\n")
            out_origin.append(pos + len(line))
        pos += len(line) + 1
    return "".join(out), list(out_origin)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), REPORTISH))
def test_nfkc_shortcut_equals_the_general_path(text):
    from array import array

    got, got_origin = normalize_module._nfkc((text, array("q", range(len(text)))))
    assert (got, list(got_origin)) == _nfkc_line_by_line(text)


def test_nfkc_stable_class_holds_only_characters_nfkc_leaves_alone():
    import unicodedata

    for cp in range(0x110000):
        ch = chr(cp)
        if not normalize_module._NFKC_OTHER.match(ch):
            assert unicodedata.normalize("NFKC", ch) == ch and not unicodedata.combining(ch), hex(cp)


TRADITIONAL = st.text(
    alphabet=st.sampled_from(list("乾隆乾燥餅乾幹部樹幹著名著作髮型頭髮後來皇后於是鐘錶發展學校課後服務臺灣") + ["\n", " ", "。"]),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(TRADITIONAL)
def test_opencc_converts_a_text_as_it_converts_its_lines(text):
    """``_t2s`` converts the whole text in one call, which must equal converting line by line."""
    convert = normalize_module._converter()
    assert convert(text) == "\n".join(map(convert, text.split("\n")))


@pytest.mark.parametrize("seed", ALL_SEEDS, ids=lambda p: p.name[:3])
def test_opencc_converts_a_seed_as_it_converts_its_lines(seed):
    text = load(str(seed)).text
    convert = normalize_module._converter()
    assert convert(text) == "\n".join(map(convert, text.split("\n")))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("。！？；：!?;:…”\"」』）),，、(“学校 \t\u3000\xa0\u2028\x1c\n")), max_size=12))
def test_line_end_tests_read_only_the_end_as_a_search_would(line):
    assert normalize_module._ends_paragraph(line) == bool(normalize_module._ENDS_PARAGRAPH.search(line))
    stripped = line.strip()
    assert bool(normalize_module._ENDS_MID.search(stripped[-1:])) == bool(normalize_module._ENDS_MID.search(stripped))


# ---------------------------------------------------------------- layout
def test_a_sentence_wrapped_over_lines_and_a_page_footer_is_joined_back():
    para = ("全县中小学幼儿园护学岗设置率达到100%，专职保安配备率100%，"
            "一键式紧急报警装置和视频监控系统与公安机关联网率均达到100%，校园安全工作再上新台阶。")
    rows = [para[i:i + 20] for i in range(0, len(para), 20)]
    lines = ["某县教育局2023年工作总结", "一、主要工作", *rows[:2], "- 3 -", *rows[2:4], "第3页 共10页",
             *rows[4:], "(一)其他工作", "完成。"]
    norm = normalize(src_of("\n".join(lines)))
    assert_map_invariants(norm)
    assert norm.text.split("\n") == ["某县教育局2023年工作总结", "一、主要工作", normalize_string(para),
                                     "(一)其他工作", "完成。"]
    start = norm.text.index("全县")
    assert norm.line_of(start) == 3                  # where the sentence starts in the file
    assert norm.line_of(norm.text.index("校园安全")) == lines.index(next(r for r in rows if "校园安全" in r)) + 1
    end = norm.original_offset(start + len(normalize_string(para)) - 1) + 1
    # quoted as written, without the breaks and the footers between its lines
    assert norm.original_text(norm.original_offset(start), end) == para
    assert norm.original_paragraph(3) == para


def test_titles_headings_and_whole_paragraphs_keep_their_lines():
    text = "某县教育局2023年工作总结\n一、2023年工作总结\n全年新建学校3所。\n(一)基础教育\n课后服务全覆盖。"
    norm = normalize(src_of(text))
    assert norm.text == text and norm.breaks == ()


def test_a_page_number_written_at_the_start_of_a_page_is_dropped():
    # a document-sharing site's copy: "2、" starts page two, in the middle of a figure
    first = ("全年资助各级各类家庭经济困难学生3182人,覆盖全部义务教育学校。全县义务教育巩固率达到99.9%,"
             "为41名儿童开展送教上门。全面落实普惠性民办幼儿园生均补助政策,发放资助金额5")
    norm = normalize(src_of("1、" + first + "\n2、05.3万元。为学生办理助学贷款。"))
    assert "发放资助金额505.3万元。" in norm.text and "\n" not in norm.text


def test_spaces_between_han_characters_are_dropped_with_the_map_kept():
    # a PDF's spacing: "公 办" is 公办, and a quote maps back to the text as written
    src = SourceText("t.txt", "全县公 办中小学护学岗设置率达到 100 %。课　后　服　务 5+2 模式", "utf-8")
    norm = normalize(src)
    assert norm.text.startswith("全县公办中小学") and "课后服务 5+2 模式" in norm.text
    i = norm.text.index("办")
    assert src.text[norm.original_offset(i)] == "办"


@pytest.mark.parametrize("said, read", [
    ("全县没有一所中小学未配备法治副校长。", "全县所有中小学均配备法治副校长。"),
    ("全县中小学没有一所没有成立学生欺凌治理委员会。", "全县中小学均有成立学生欺凌治理委员会。"),
    ("全县沒有一個鄉鎮沒有公辦中心幼兒園。", "全县所有乡镇均有公办中心幼儿园。"),    # after t2s
    ("无一所学校不达标，没有任何一名教师未参加培训。", "所有学校均达标,所有教师均参加培训。"),
    ("全县107名适龄残疾儿童没有一人未入学。", "全县107名适龄残疾儿童均入学。"),
    ("没有一名有需求的学生未参加课后服务。", "所有有需求的学生均参加课后服务。"),
    # not a double negative: a cause between, a question, a plain denial, a count of cases
    ("没有一所学校因未配备保安被通报。", None), ("有没有一所学校未开展课后服务？", None),
    ("全县没有一所学校开展课后服务。", None), ("全县没有一名学生因贫失学。", None),
])
def test_a_double_negative_over_every_unit_reads_as_the_claim_with_the_map_kept(said, read):
    norm = normalize(src_of(said))
    assert norm.text == (read or normalize_string(said).replace("\n", ""))
    assert_map_invariants(norm)
    if read:
        # 所有 maps to the first negation, 均 to the second, the units to themselves
        assert said[norm.original_offset(norm.text.index("均"))] in "未没沒不"
        assert said[norm.original_offset(norm.text.index("所有"))] in "没沒无" if "所有" in norm.text else True


@pytest.mark.parametrize("text,expected", [
    ("巩固率达到98. 5%。", "巩固率达到98.5%。"),                       # a justified PDF line split the decimal
    ("占符合条件教师1 380人的7.4%", "占符合条件教师1380人的7.4%"),        # thousands set apart by a space
    ("投入3,200万元，生均1,250.5元。", "投入3200万元,生均1250.5元。"),     # … or by a comma
    ("12 345 678人", "12345678人"),
    ("音乐、\u00a0美术专用教室", "音乐、美术专用教室"),                     # a space after 、 is layout
    ("**二、2024年工作打算**", "二、2024年工作打算"),                       # Markdown bold copied as it is
    # not numbers: an item's number first on its line, years, a list of single digits, a decimal's tail
    ("1. 5所学校完成改造。", "1. 5所学校完成改造。"),
    ("2021,2022,2023年", "2021,2022,2023年"),
    ("1,2,3年级", "1,2,3年级"),
    ("小学 4.6人", "小学 4.6人"),
])
def test_numbers_and_marks_split_by_layout_are_joined(text, expected):
    norm = normalize(src_of(text))
    assert norm.text == expected
    assert_map_invariants(norm)


def test_a_table_of_cells_set_apart_by_spaces_is_read_row_by_row():
    text = ("XX县教育局2023年工作总结\n表1 主要指标\n指标名称          2022年    2023年    目标\n"
            "学前三年毛入园率（%）          86.3    88.4    ≥90\n普惠性幼儿园覆盖率（%）         80.2    83.1    ≥85\n")
    lines = normalize(src_of(text)).text.split("\n")
    assert "学前三年毛入园率,2023年88.4%,目标值≥90。" in lines
    assert "普惠性幼儿园覆盖率2022年80.2%。" in lines
    # a double space inside a sentence makes no row
    prose = "全县中小学  课后服务覆盖率达到100%，参与学生3.2万人。"
    assert normalize(src_of(prose)).text == "全县中小学课后服务覆盖率达到100%,参与学生3.2万人。"


CELLS = ["指标", "2022年", "2023年", "目标", "学前三年毛入园率（%）", "86.3", "88.4", "≥90",
         "普惠性幼儿园覆盖率（%）", "80.2", "83.1", "≥85"]


@pytest.mark.parametrize("gap,caption,after", [("\n", "\n\n", "\n\n二、存在的问题"), ("\n\n", "\n", "\n\n二、存在的问题"),
                                               ("\n", "\n", "\n存在的问题")])
def test_a_table_copied_one_cell_a_line_is_read_row_by_row(gap, caption, after):
    # a PDF's or a web page's copy: each cell on a line of its own (after a blank line, from a web page),
    # under a caption with or without a blank line between, a heading right after it or not
    text = "XX县教育局2023年工作总结\n表1 主要指标" + caption + gap.join(CELLS) + after + "\n无。"
    norm = normalize(src_of(text))
    lines = norm.text.split("\n")
    assert "学前三年毛入园率,2023年88.4%,目标值≥90。" in lines
    assert "普惠性幼儿园覆盖率2022年80.2%。" in lines
    assert "表1 主要指标" in lines and after.strip() in lines
    # (a row read as two sentences maps both to the row, so the map is not monotone there, as for tabs)
    assert len(norm.origin) == len(norm.text) and all(0 <= o < len(text) for o in norm.origin)
    i = norm.text.index("普惠性幼儿园覆盖率,")
    assert norm.source.text[norm.original_offset(i):].startswith("普惠性幼儿园覆盖率（%）")   # quoted from its row


@pytest.mark.parametrize("lines", [
    ["全县学校", "128所", "在校学生", "5.2万人"],                          # too few lines to tell
    ["立德树人", "五育并举", "家校共育", "文明校园", "平安校园", "书香校园"],     # short lines, no figures
    ["指标", "2023年", "巩固率", "较高", "入园率", "稳步提高", "优良率", "提升"],  # rows without figures
    ["指标", "2022年", "98.6", "巩固率", "98.6", "92.3", "入园率", "92.3", "90"],  # a figure in the header
])
def test_short_lines_that_are_no_table_stay_lines(lines):
    text = "XX县教育局2023年工作总结\n" + "\n".join(lines) + "\n\n二、存在的问题\n无。"
    norm = normalize(src_of(text))
    assert norm.text == text


RAGGED = ("XX县教育局2023年工作总结\n\n一、主要工作\n\n"
          "全县中小学幼儿园封闭化管理率达到100%，城市和城镇中小学幼儿园护\n学岗设置率达100%。深入开展防溺水安全教育，全县全年未发生\n"
          "一起学生溺水死亡事故。\n\n主要指标方面，学前三年毛入园率由上年的89.5%提高到92.3%，普惠性\n"
          "幼儿园覆盖率由上年的86.0%提高到88.6%，公\n办园在园幼儿占比由上年的47.2%提高到52.4%。\n")


def test_lines_broken_at_varying_widths_are_joined():
    # a PDF's proportional layout: no one width tells the wrapped lines; two body lines or more stop mid-sentence
    text = normalize(src_of(RAGGED)).text
    assert "幼儿园护学岗设置率达100%。" in text and "全县全年未发生一起学生溺水死亡事故。" in text
    assert "普惠性幼儿园覆盖率由上年的86.0%提高到88.6%,公办园在园幼儿占比" in text


@pytest.mark.parametrize("prev,nxt,joined", [
    ("学前三年毛入园率由上年的89.5%提高到92.", "3%，普惠性幼儿园覆盖率达到88.6%。", "提高到92.3%,"),
    ("一键式紧急报警和视频监控与公安机关联网率均达10", "0%。全县中小学幼儿园每校至少配备1名专职保安。", "均达100%。"),
    ("全县特殊教育学校在校生巩固率，残疾儿童入学率为96", ".5%。", "入学率为96.5%。"),
])
def test_a_number_cut_by_the_layout_is_joined_in_any_file(prev, nxt, joined):
    # one cut in a short file: no wrap width, no other wrapped line, but a number cannot end that way
    text = normalize(src_of("XX县教育局2023年工作总结\n一、主要工作\n" + prev + "\n" + nxt + "\n")).text
    assert joined in text


@pytest.mark.parametrize("lines", [
    # a paragraph a line, one paragraph without its full stop: no two lines stop mid-sentence
    ["全县护学岗设置率为80%，距全覆盖还有差距", "全县中小学专职保安员配备率为85%，安保力量仍显不足。"],
    # paragraphs indented as Word lays them out
    ["　　全县中小学幼儿园封闭化管理率达到100%，护学岗设置率达100%", "　　全县法治副校长配备率100%，责任督学全覆盖",
     "　　全县中小学专职保安员配备率为85%，安保力量仍显不足。"],
    # headings with a clause mark, numbered
    ["（一）坚持立德树人，落实根本任务", "全县中小学德育工作扎实开展。", "（二）推进均衡发展，办好每所学校", "全县义务教育优质均衡。"],
    # a heading ending in a number stays a line
    ["表1，主要指标2023", "2023年全县巩固率98.6%。"],
])
def test_lines_of_a_paragraph_a_line_file_stay_apart(lines):
    text = "XX县教育局2023年工作总结\n" + "\n".join(lines) + "\n"
    got = normalize(src_of(text)).text.split("\n")
    assert len([ln for ln in got if ln.strip()]) == len(lines) + 1


def test_a_unit_column_gives_the_rows_bare_numbers_their_unit():
    from checker.reading.formats.tables import table_lines
    rows = [["指标", "单位", "2022年", "2023年", "目标"], ["学前三年毛入园率", "%", "86.3", "88.4", "≥90"]]
    assert table_lines([[[c] for c in r] for r in rows])[:2] == ["学前三年毛入园率，2023年88.4%，目标值≥90。",
                                                                "学前三年毛入园率2022年86.3%。"]


def test_page_chrome_inside_a_sentence_goes():
    # a PDF's page number and running header (the title's issuer, a classification mark) between two halves
    lines = ["永平县教育局2023年工作总结"] + ["全县教育工作稳步推进，各项指标均有提升，学前教育普及普惠水平进一步提高，"] * 3 + [
        "主要指标方面，学前教育普及普惠水平进一步提高，公办园在园幼儿占比由上年的47", "- 1 -", "永平县教育局", ".2%提高到52.4%。",
        "三、2024年工作打算", "·2·", "内部资料  注意保存", "全面推行“5+2”课后服务模式。"]
    text = normalize(src_of("\n".join(lines))).text
    assert "由上年的47.2%提高到52.4%。" in text
    assert "永平县教育局\n" not in text.split("\n", 1)[1] and "内部资料" not in text and "·2·" not in text


@pytest.mark.parametrize("prev,nxt", [
    ("学生到校时间不", "早于8:20、离校时间不晚于下午5:30。"),     # a clock time is no "标签：" field
    ("幼儿园专任教师与幼儿比由1:15.2优化到1:", "13.5。"),        # a ratio's colon ends no paragraph
    ("全县小学6:30前到校的学生比例下降到1", "0、中学下降到5。"),    # no list is numbered 0
])
def test_wrapped_lines_joined_across_colons_and_zeros(prev, nxt):
    filler = ["全县教育工作稳步推进，各项指标均有提升，学前教育普及普惠水平进一步提高，全"] * 3
    width = len(filler[0])
    prev = prev + "全" * max(0, width - len(prev))
    text = normalize(src_of("\n".join(filler + [prev, nxt]))).text
    assert prev + nxt in text
