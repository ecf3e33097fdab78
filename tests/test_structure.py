"""Structure stage on the real seeds: kind, year, headings, modality."""
from pathlib import Path

import pytest

from checker.reading.load import load
from checker.model import SourceText
from checker.reading.normalize import normalize
from checker.reading.structure import heading_modality, sentence_modality, structure

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def doc_of(name):
    return structure(normalize(load(str(SEEDS / name))))


def sentence_with(doc, phrase):
    for s in doc.sentences:
        if phrase in s.text:
            return s
    raise AssertionError(f"no sentence contains {phrase!r}")


# kind and year as the seeds' README describes them
@pytest.mark.parametrize("name,kind,year", [
    ("000_fe85392cbbe105c4.txt", "mixed", 2021),
    ("001_5eb50fef6423d212.txt", "mixed", 2021),
    ("002_cd53b06fa843de20.txt", "mixed", 2020),
    ("003_b71ddd899b90d843.txt", "mixed", 2023),
    ("004_489d2595ade12a5d.txt", "plan", 2020),
])
def test_kind_and_year(name, kind, year):
    doc = doc_of(name)
    assert (doc.kind, doc.year) == (kind, year)


@pytest.mark.parametrize("name,phrase,modality", [
    # summary part vs plan part of a mixed report
    ("000_fe85392cbbe105c4.txt", "全面推行“5+2”服务", "achieved"),
    ("000_fe85392cbbe105c4.txt", "加快乡镇中小学全县统管", "planned"),
    # Traditional with pinyin: matched after normalization
    ("001_5eb50fef6423d212.txt", "实现了四个100%", "achieved"),
    ("001_5eb50fef6423d212.txt", "全面推行“5+2+1”菜单式", "planned"),
    # a problems section
    ("002_cd53b06fa843de20.txt", "缺教师编制285个", "problem"),
    ("002_cd53b06fa843de20.txt", "全面设置护学岗", "achieved"),
    ("002_cd53b06fa843de20.txt", "推动名师队伍合理流动", "planned"),
    # a second numbering scheme restarting under "(二)2024年工作安排"
    ("003_b71ddd899b90d843.txt", "推深做实中小学教师“县管校聘”", "planned"),
    ("003_b71ddd899b90d843.txt", "占比80.1%", "achieved"),
    # a plan-only document
    ("004_489d2595ade12a5d.txt", "学前三年毛入园率达到90%以上", "planned"),
])
def test_modality_on_seeds(name, phrase, modality):
    assert sentence_with(doc_of(name), phrase).modality == modality


def test_headings_in_every_scheme_are_found():
    doc = doc_of("002_cd53b06fa843de20.txt")
    levels = {s.level for s in doc.sections}
    assert {1, 2, 3, 4} <= levels     # 一、 (一) 1. (1)
    headings = [s.heading for s in doc.sections]
    assert "存在的困难和问题" in headings
    assert "下段工作打算" in headings


def test_heading_that_lost_its_bracket_is_still_a_heading():
    doc = doc_of("000_fe85392cbbe105c4.txt")
    assert "加快义务教育优质均衡发展" in [s.heading for s in doc.sections]


def test_evidence_lines_point_at_the_original_file():
    name = "001_5eb50fef6423d212.txt"
    doc = doc_of(name)
    raw_lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    s = sentence_with(doc, "四个100%")
    assert "四個100%" in raw_lines[s.line - 1]


@pytest.mark.parametrize("heading,expected", [
    ("一、2021年度重点工作情况", "achieved"),
    ("二、2022工作打算", "planned"),
    ("二、存在的困难和问题", "problem"),
    ("(二)2024年工作安排", "planned"),
    ("(一)优化城乡教育资源布局", None),
    ("三、当前和今后一个时期面临的机遇和挑战", None),
    # a programme's name is no plan; how a plan went is past work; fixes are not problems
    ("二、农村学生营养改善计划扎实推进", None),
    ("（一）“十四五”学前教育发展提升行动计划稳步实施", None),
    ("三、2024年工作计划", "planned"),
    ("一、年度目标任务完成情况", "achieved"),
    ("二、2023年工作要点落实情况", "achieved"),
    ("三、督导反馈问题整改情况", "achieved"),
    ("（一）关于“控辍保学工作不扎实”的问题", None),
    ('一、关于"部分乡镇没有公办中心幼儿园"的问题', None),       # any quotes, or none when the name says what was wrong
    ("二、关于「教师培训学时不足」的问题", None),
    ("（三）关于部分幼儿园班额超标的问题", None),
    ("三、关于存在的问题", "problem"),
    ("四、存在的问题及整改措施", "problem"),
    # a 督导 office's demands on the county are what is to be done; what was done about them is past work
    ("三、整改意见", "planned"),
    ("四、整改建议", "planned"),
    ("三、整改要求", "planned"),
    ("二、整改意见落实情况", "achieved"),
])
def test_heading_modality(heading, expected):
    assert heading_modality(heading) == expected


@pytest.mark.parametrize("text,inherited,expected", [
    ("部分学校尚未实现封闭化管理", "achieved", "problem"),
    ("力争建成省高水平专业群", "achieved", "planned"),
    ("将4所乡镇学校划转为县属学校", "achieved", "achieved"),   # 将 as object marker
    ("将继续推进县管校聘改革", "achieved", "planned"),
    ("目前已实现全覆盖", "planned", "achieved"),
    ("全面推行5+2", "planned", "planned"),
    ("确保护学岗设置率达到100%", "achieved", "planned"),
    ("为确保教师工资不低于公务员,建立联动机制", "achieved", "achieved"),
])
def test_sentence_words_override_the_section(text, inherited, expected):
    assert sentence_modality(text, inherited) == expected


def test_mixed_title_takes_the_summary_year():
    src = SourceText("t.txt", "市教育局2023年工作总结及2024年工作安排\n一、2023年工作总结\n全面完成任务。\n二、2024年工作安排\n继续推进。", "utf-8")
    doc = structure(normalize(src))
    assert (doc.kind, doc.year) == ("mixed", 2023)


def test_markdown_headings_chinese_numeral_years_and_a_later_year_part():
    text = "# 二〇二三年工作总结\n全县封闭化管理率100%。\n## 二〇二四年重点工作\n全面推行5+2课后服务。"
    doc = structure(normalize(SourceText("r.md", text, "utf-8")))
    assert (doc.kind, doc.year) == ("mixed", 2023)
    assert sentence_with(doc, "封闭化管理率").modality == "achieved"
    assert sentence_with(doc, "5+2").modality == "planned"


def test_look_ahead_paragraphs_and_lead_in_lines():
    text = ("2023年工作总结\n一、主要成绩\n全县课后服务全覆盖。下一步,我们将继续推进。确保5+2全面落实。\n"
            "存在的主要问题如下:\n部分学校课后服务质量不高。\n二、其他\n一些工作。")
    doc = structure(normalize(SourceText("a.txt", text, "utf-8")))
    assert sentence_with(doc, "全县课后服务全覆盖").modality == "achieved"
    assert sentence_with(doc, "确保5+2全面落实").modality == "planned"
    assert sentence_with(doc, "质量不高").modality == "problem"
    assert sentence_with(doc, "一些工作").modality == "achieved"
    assert all(s.text.strip(":") for s in doc.sentences)


def test_year_from_the_text_when_title_and_headings_name_none():
    text = "教育工作汇报\n一、主要成绩\n2022年,全县新建学校3所。2022年秋季学期护学岗全面设置。\n二、下一步打算\n2023年继续推进。"
    doc = structure(normalize(SourceText("a.txt", text, "utf-8")))
    assert (doc.kind, doc.year) == ("mixed", 2022)


# ---------------------------------------------------------------- layout, year and kind of copied texts
def doc_from_text(text: str, name: str = "a.txt"):
    return structure(normalize(SourceText(name, text, "utf-8")))


def test_headings_run_into_one_paragraph_open_their_sections():
    text = ("1、某县教育局2023年工作总结及2024年工作计划一、2023年工作总结(一)学前教育普惠发展。"
            "新建公办园3所。(二)义务教育均衡发展。坚决做好控辍保学,巩固率达到99.6%。"
            "二、2024年工作计划(一)持续推进教育公平。力争新增学位2000个。")
    doc = doc_from_text(text)
    assert (doc.kind, doc.year) == ("mixed", 2023)
    assert [s.heading for s in doc.sections if s.heading][:4] == [
        "某县教育局2023年工作总结及2024年工作计划", "2023年工作总结", "学前教育普惠发展", "义务教育均衡发展"]
    assert sentence_with(doc, "巩固率达到99.6%").modality == "achieved"
    assert sentence_with(doc, "新增学位2000个").modality == "planned"
    assert all(s.line == 1 for s in doc.sentences)


@pytest.mark.parametrize("text", ["在一、二年级开展无纸笔测评。", "按《办法》第三条(一)项规定,各校设置护学岗。"])
def test_numbers_inside_a_sentence_are_no_headings(text):
    doc = doc_from_text("某县教育局2023年工作总结\n" + text)
    assert [s.heading for s in doc.sections if s.heading] == []


def test_a_dated_text_without_a_year_in_its_title_takes_its_date():
    text = ("关于加强学校体育工作建议的答复\n发布时间:2024-06-18 10:20\n"
            "我局高度重视。全县中小学每天校园体育活动时间达到1小时。到2025年,力争体育活动时间达到2小时。"
            "按照到2025年的目标,各校制定了方案。\n下一步,我们将继续推进:\n一是加强体育教师配备。")
    doc = doc_from_text(text)
    assert doc.kind in ("summary", "mixed") and doc.year == 2024     # a reply reports: no plan
    assert sentence_with(doc, "达到1小时").modality == "achieved"


def test_years_only_looked_ahead_to_are_not_the_report_year():
    text = "学校体育工作情况\n全县学生每天锻炼1小时。到2025年,全县体育活动时间达到2小时;2025年前建成体育场馆3个。"
    assert doc_from_text(text).year is None
    cited = text + "依据《关于全面加强学校体育工作的通知》(教体〔2022〕3号)。"
    assert doc_from_text(cited).year == 2022


def test_a_plan_whose_heading_names_a_task_to_complete_stays_a_plan():
    text = "某市2024年教育工作要点\n一、总体目标\n1.全面完成年度工作任务。普惠率达到90%。\n二、重点任务\n推进课后服务。"
    assert (doc_from_text(text).kind, doc_from_text(text).year) == ("plan", 2024)


def test_a_paragraph_opening_with_the_report_year_looks_back_and_a_later_year_ahead():
    text = ("某县教育局2023年工作总结\n一、主要工作\n2023年,我局坚持教育优先发展。全县课后服务实现全覆盖。\n"
            "2024年,我局将继续推进。全县护学岗全面设置。")
    doc = doc_from_text(text)
    assert sentence_with(doc, "课后服务实现全覆盖").modality == "achieved"
    assert sentence_with(doc, "护学岗全面设置").modality == "planned"


@pytest.mark.parametrize("text,cue", [
    ("探索实施作业公示制度,实现全覆盖。", "探索"),
    ("在3所学校开展课后服务试点。", "试点"),
    ("城关小学迁建项目正在有序推进。", "正在"),
    ("启动县管校聘改革。", "启动"),
    ("积极创建全国学前教育普及普惠县。", "积极创建"),
    ("创建省级义务教育优质均衡发展县。", "创建"),
    ("逐步实现课后服务全覆盖。", "逐步实现"),
    ("试点校课后服务全覆盖。", None),
    ("探索出一条课后服务新路子。", None),
    ("成功创建为省级示范性高中。", None),
    ("举行课后服务启动仪式。", None),
    # "推进中" inside 推进中小学 is no "under way"; pushing towards full coverage is (sixth round)
    ("推进中小学课后服务提质增效。", None),
    ("推进中小学课后服务全覆盖。", "推进"),
])
def test_words_saying_the_work_is_under_way(text, cue):
    s = sentence_with(doc_from_text("某县教育局2023年工作总结\n" + text), text[:4])
    assert [s.text[a:b] for a, b in s.progress_cues][:1] == ([cue] if cue else [])


def test_a_signed_text_takes_the_year_it_is_signed_in():
    text = ("关于学校体育工作的情况汇报\n全县中小学每天校园体育活动时间达到1小时。到2025年,活动时间达到2小时,"
            "2025年前建成体育场馆3个。\n某县教育局\n2024年11月20日")
    assert doc_from_text(text).year == 2024


def test_a_requirement_governing_a_result_is_a_goal_not_a_result():
    from checker.reading.structure import sentence_modality

    for text in ("上级要求全县中小学幼儿园封闭化管理率达到100%。", "要求所有学校幼儿园对问题举一反三、整改到位。",
                 "省教育厅要求各地全面配齐法治副校长。", "课后服务实现“两个全覆盖”是今年的工作目标。",
                 "全县专职保安配备率达到100%是我们的目标。", "封闭化管理率达到100%的要求已下达各校。"):
        assert sentence_modality(text, "achieved") == "planned", text
    for text in ("按照上级要求,全县封闭化管理率达到100%。", "按照要求实现全覆盖。", "严格落实失学辍学“清零”要求。",
                 "根据干部选拔任用有关要求,全县统筹考虑。", "课后服务达到省定要求。", "全面落实“双减”要求,实现全覆盖。",
                 "课后服务是今年的重点任务,全县实现了全覆盖。", "圆满完成封闭化管理率达到100%的目标任务。"):
        assert sentence_modality(text, "achieved") == "achieved", text


def test_an_expected_wished_conditional_or_required_result_is_a_goal():
    from checker.reading.structure import sentence_modality

    for text in ("全县义务教育学校课后服务有望实现全覆盖。", "群众期盼全县义务教育学校课后服务实现全覆盖。",
                 "只要各方配合,全县中小学护学岗设置率就能达到100%。", "假如经费到位,全县护学岗设置率可以达到100%。",
                 "全县中小学护学岗设置率应达到100%。", "全县中小学护学岗设置率须达到100%。",
                 "各校必须全面实现封闭化管理。"):
        assert sentence_modality(text, "achieved") == "planned", text
    for text in ("希望工程资助学生120名,实现应助尽助。", "如果说2022年是打基础之年,全县课后服务实现全覆盖。",
                 "按照应达到的标准,全县配齐了专职保安。", "全县义务教育学校实现课后服务全覆盖。",
                 "满足人民群众对优质教育的期待,实现了全覆盖。"):
        assert sentence_modality(text, "achieved") == "achieved", text


def test_a_clause_saying_who_requires_it_makes_the_result_a_requirement():
    from checker.reading.structure import sentence_modality

    for text in ("省教育厅要求:全县中小学护学岗设置率达到100%。", "《意见》明确要求,中小学护学岗设置率达到100%。"):
        assert sentence_modality(text, "achieved") == "planned", text
    for text in ("按照省教育厅要求,全县中小学护学岗设置率达到100%。", "根据《意见》要求,全县实现了全覆盖。",
                 "全面落实“双减”要求,实现全覆盖。", "对照省定要求,全县各校均已配齐。"):
        assert sentence_modality(text, "achieved") == "achieved", text


def test_aims_quoted_rules_and_quoted_targets_are_goals():
    from checker.reading.structure import sentence_modality

    for text in ("全县九年义务教育巩固率力求达到97%。", "封闭化管理率预期达到100%。", "努力实现大班额全部清零。",
                 "致力于全面推行课后服务“5+2”模式。", "《规范》规定封闭化管理率达到100%。", "省定目标为巩固率达到96%。",
                 "高中阶段教育毛入学率达到92%是省定考核指标。", "国家要求财政性教育经费占GDP比例保持在4%以上。"):
        assert sentence_modality(text, "achieved") == "planned", text
    for text in ("经过努力,全县义务教育学校课后服务实现全覆盖。", "按照有关规定,全县封闭化管理率达到100%。",
                 "全面落实“五项管理”规定,各校均制定了实施方案。", "每百名学生拥有高于规定学历教师数小学4.6人,所有学校均达到。",
                 "全县九年义务教育巩固率达到96%,完成省定目标。"):
        assert sentence_modality(text, "achieved") == "achieved", text


def test_the_second_negation_of_a_double_negative_is_no_problem_word():
    from checker.reading.normalize import normalize_string
    from checker.reading.structure import problem_cue, sentence_modality
    # every school has it: "没有一所…没有配备" is read (after normalizing) as "所有…均有配备"
    for said in ("全县没有一所中小学没有配备心理健康教育教师。", "全县中小学没有一所未配备心理健康教育教师。",
                 "全县无一所学校不达标。"):
        assert problem_cue(normalize_string(said)) is None, said
        assert sentence_modality(normalize_string(said), "achieved") == "achieved", said
    # a plain denial still is one, and so is a denial with a cause between (not a double negative)
    assert problem_cue(normalize_string("全县中小学没有配备心理健康教育教师。")) is not None
    assert problem_cue(normalize_string("全县还没有一所学校能够配齐心理健康教育教师。")) is not None


def test_a_plan_whose_title_and_headings_share_one_width_keeps_its_lines():
    # the title and the headings are 26 display columns each: no hard-wrapped paragraph for all that
    text = ("清河县教育局2024年工作要点\n一、总体要求\n坚持稳中求进工作总基调，统筹推进各学段教育协调发展。\n二、重点任务\n"
            "（一）加强党对教育工作的全面领导\n全面推行中小学校党组织领导的校长负责制，实现全覆盖。\n"
            "（二）推动学前教育普及普惠\n确保学前三年毛入园率达到92%以上。\n"
            "（三）促进义务教育优质均衡\n实现义务教育学校课后服务全覆盖。\n")
    doc = structure(normalize(SourceText("p.txt", text, "utf-8")))
    assert doc.title == "清河县教育局2024年工作要点"
    assert (doc.kind, doc.year) == ("plan", 2024)


@pytest.mark.parametrize("heading", ["三、新的一年重点任务", "三、明年重点工作", "三、下一年度工作重点", "三、今后努力方向"])
def test_a_plan_part_headed_by_the_coming_year_is_planned(heading):
    text = (f"某县教育局2023年工作总结\n一、主要工作\n全县新建幼儿园3所。\n二、存在的问题\n学位仍然紧张。\n{heading}\n"
            "实现全县中小学幼儿园护学岗设置率100%。\n")
    doc = structure(normalize(SourceText("m.txt", text, "utf-8")))
    assert doc.kind == "mixed"
    assert sentence_with(doc, "护学岗").modality == "planned"


def test_a_title_naming_the_work_plan_in_other_words_is_a_plan():
    for title in ("某县教育局2024年工作思路", "某县2024年教育重点工作任务"):
        doc = structure(normalize(SourceText("p.txt", f"{title}\n一、重点任务\n确保毛入园率达到92%。\n", "utf-8")))
        assert doc.kind == "plan", title


def test_a_lead_in_ending_in_a_full_stop_opens_the_plan_part():
    text = ("某县教育局2023年工作总结\n一、主要工作\n全县新建幼儿园3所。\n二、存在的问题\n学位仍然紧张。\n"
            "下一步，我们将重点做好以下工作。\n实现全县中小学幼儿园护学岗设置率100%。\n")
    doc = structure(normalize(SourceText("m.txt", text, "utf-8")))
    assert sentence_with(doc, "护学岗").modality == "planned"
    assert sentence_with(doc, "学位仍然紧张").modality == "problem"


def test_a_plan_heading_naming_a_later_year_stays_a_plan_part_though_it_says_how_it_went(tmp_path):
    # the varied benchmark corpus writes "二、2022工作打算落实情况" in a 2021 report: still the plan part
    p = tmp_path / "r.txt"
    p.write_text("XX县教育局2021年工作总结\n一、2021年工作情况\n全县九年义务教育巩固率达到98%。\n"
                 "二、2022年工作计划落实情况\n全县学前三年毛入园率达到95%。\n", encoding="utf-8")
    doc = structure(normalize(load(str(p))))
    mods = {s.text: s.modality for s in doc.sentences}
    assert mods["全县九年义务教育巩固率达到98%。"] == "achieved"
    assert mods["全县学前三年毛入园率达到95%。"] == "planned"


def test_a_problem_named_as_what_was_fixed_is_no_problem_statement():
    fixed = "针对“部分学校封闭化管理不到位”的问题，逐校整改到位，全县中小学幼儿园封闭化管理率达到100%。"
    assert sentence_modality(fixed, "achieved") == "achieved"
    assert sentence_modality("部分学校封闭化管理不到位。", "achieved") == "problem"


def test_a_problem_labelled_as_one_is_a_problem_and_its_fix_a_result():
    from checker.reading.structure import sentence_modality
    # a report on fixes: "问题二：…" states what was found, "整改情况：…" what it came to
    assert sentence_modality("问题二：教师5年360学时培训完成率未达到100%。", "achieved") == "problem"
    assert sentence_modality("存在问题1:部分学校班额超标。", "achieved") == "problem"
    assert sentence_modality("整改情况：全县专任教师培训完成率达到100%。", "achieved") == "achieved"
    assert sentence_modality("问题导向，全县专任教师培训完成率达到100%。", "achieved") == "achieved"


def test_units_still_without_it_are_a_problem_but_people_or_units_left_out_of_a_count_are_not():
    from checker.reading.structure import problem_cue
    assert problem_cue("全县仍有4个教学点未接入互联网。") is not None
    assert problem_cue("全县尚有8所农村幼儿园未配备专职保安。") is not None
    assert problem_cue("全县还有2所小学在校生超过2000人。") is not None
    assert problem_cue("全县尚有5名适龄残疾儿童少年未入学。") is None       # a rate's shortfall needs its base
    assert problem_cue("另有2所民办学校未纳入统计。") is None


def test_a_numbered_item_too_long_for_a_heading_is_read_whole_and_by_its_own_words():
    item = "7.确保全县学校封闭化管理率、专职保安配备率、一键式紧急报警和视频监控联网率、护学岗设置率保持“四个100%”。"
    text = f"XX县教育局2023年工作总结\n一、主要工作\n{item}\n2.加大投入，确保所有学校资源配置达到国家标准。\n"
    doc = structure(normalize(SourceText("t.txt", text, "utf-8")))
    whole = sentence_with(doc, "封闭化管理率")
    assert whole.text == item[2:] and whole.modality == "planned"
    # (the long item is labelled by its first characters, but no sentence is cut there)
    assert not any(s.text.endswith("紧急报警和视") for s in doc.sentences)
    assert sentence_with(doc, "加大投入").modality == "planned"


@pytest.mark.parametrize("title,year", [
    ("京山市教育局2023年上半年工作总结及下半年工作安排", 2023),          # 上半年 between the year and 总结
    ("现将本人2023年度履行岗位职责和党风廉政建设情况报告如下", 2023),    # 情况 20 characters on
    ("XX县教育局2023年工作总结和2024年工作计划", 2023),
])
def test_a_summarys_year_is_read_from_its_title(title, year):
    text = f"{title}\n一、主要工作\n全县教育工作稳步推进。\n二、下半年工作安排\n继续推进课后服务。\n"
    assert doc_from_text(text).year == year


def test_a_numbered_task_that_is_a_sentence_does_not_date_the_report():
    # a feedback letter with no year in its title: its demands name deadlines, its signature the year
    text = ("市政府教育督导室关于对XX县校园安全工作专项督导的反馈意见\nXX县人民政府：\n现将督导情况反馈如下：\n"
            "一、主要成效\n全县中小学幼儿园封闭化管理率100%。\n二、整改意见\n"
            "1.加大投入，力争2022年6月底前全县学校食堂全部完成“明厨亮灶”改造。\n"
            "市政府教育督导室\n2021年10月29日\n")
    assert doc_from_text(text).year == 2021


def test_a_feedback_letters_long_title_is_its_title():
    text = ("百色市人民政府教育督导委员会办公室关于田东县2023年学前教育普及普惠督导评估市级复核情况的反馈意见\n"
            "田东县人民政府：\n现将复核情况反馈如下：\n一、主要指标复核情况\n学前三年毛入园率92.4%。\n")
    doc = doc_from_text(text)
    assert doc.title.endswith("反馈意见") and doc.year == 2023


def test_a_web_pages_frame_makes_no_sentence():
    text = ("首页 > 政务公开 > 部门文件\nXX县教育局2023年工作总结\n来源：XX县教育局    发布时间：2024-01-15 09:30    浏览次数：1268\n"
            "【字体：大 中 小】  【打印本页】  【关闭窗口】\n分享到：微信 微博 QQ空间\n一、主要工作\n全县教育工作稳步推进。\n"
            "扫一扫在手机打开当前页\n")
    doc = doc_from_text(text)
    said = [s.text for s in doc.sentences]
    assert not any(w in t for t in said for w in ("手机", "打印本页", "浏览次数", "分享到"))
    assert "全县教育工作稳步推进。" in said and doc.year == 2023


def test_a_bullet_before_a_parts_heading_opens_the_part():
    text = ("XX县教育局2023年工作总结\n● 2023年工作回顾\n全县课后服务实现全覆盖。\n● 2024年工作打算\n"
            "全面推行党组织领导的校长负责制。\n● 全县中小学幼儿园封闭化管理率100%。\n")
    doc = doc_from_text(text)
    mods = {s.text: s.modality for s in doc.sentences}
    assert mods["全县课后服务实现全覆盖。"] == "achieved"
    assert mods["全面推行党组织领导的校长负责制。"] == "planned"
    # a bulleted sentence is no heading
    assert not any(sec.heading.startswith("全县中小学") for sec in doc.sections)


def test_parts_labelled_without_numbers():
    text = ("XX县教育局2023年工作总结\n全县课后服务实现全覆盖。\n存在的困难和问题\n公办园在园幼儿占比偏低。\n"
            "【下一步打算】\n学前三年毛入园率达到92%以上。\n")
    mods = {s.text: s.modality for s in doc_from_text(text).sentences}
    assert mods["全县课后服务实现全覆盖。"] == "achieved"
    assert mods["公办园在园幼儿占比偏低。"] == "problem"
    assert mods["学前三年毛入园率达到92%以上。"] == "planned"


@pytest.mark.parametrize("heading,modality", [
    ("二、差距和不足", "problem"), ("三、薄弱环节", "problem"), ("二、短板弱项", "problem"),
    ("三、下阶段工作重点", "planned"),
    # the work on a shortcoming, or a programme, is no problem part
    ("（三）补齐农村教育短板", None), ("（二）义务教育薄弱环节改善与能力提升", None),
])
def test_more_words_of_a_parts_heading(heading, modality):
    assert heading_modality(heading) == modality


def test_a_lead_in_naming_the_next_year_opens_the_plan():
    text = ("XX县教育局2023年工作总结\n一、一年来的主要工作\n全县课后服务实现全覆盖。\n"
            "2024年，我局将全面推行课后服务“5+2”模式，确保全县学校封闭化管理率达到100%，重点抓好以下工作：\n"
            "一是全面实施中小学教师“县管校聘”管理改革。\n")
    doc = doc_from_text(text)
    assert doc.kind == "mixed"
    assert {s.text: s.modality for s in doc.sentences}["一是全面实施中小学教师“县管校聘”管理改革。"] == "planned"


def test_a_later_heading_is_no_title():
    text = ("2023年，全县教育系统推动教育事业高质量发展。\n一、今年以来工作开展情况\n全县未发生学生溺亡事故。\n"
            "二、存在的问题\n教师结构性缺编。\n三、明年工作思路\n全面消除全县中小学大班额。\n")
    doc = doc_from_text(text)
    assert doc.kind == "mixed" and doc.title != "明年工作思路"
