"""Claims and their binding to rules' subjects."""
from checker.language.claims import find_claims
from checker.evaluate import make_context
from checker.kinds.common import bound_claims
from checker.model import SourceText
from checker.reading.normalize import normalize
from checker.packs import all_rules, load_packs
from checker.reading.structure import structure

RULES = {r.id: r for r in all_rules(load_packs())}
CTX = make_context(list(RULES.values()))


def bound(rule_id, text):
    doc = structure(normalize(SourceText("t.txt", text, "utf-8")), kind="summary")
    rule = RULES[rule_id]
    return [c for s in doc.sentences for c, _ in bound_claims(rule, s, CTX, ("figure", "coverage", "composite", "cleared"))]


def test_composite_label_distributes_to_each_listed_item():
    text = "全市各学校全封闭管理、专职保安配备、护学岗设置、一键报警和视频监控实现了四个100%。"
    for rule in ("safety.closed-management", "safety.full-time-guard", "safety.guard-post-coverage",
                 "safety.alarm-video-police-link"):
        claims = bound(rule, text)
        assert claims and claims[0].kind == "composite" and claims[0].value == 100


def test_composite_label_does_not_reach_items_it_does_not_list():
    text = "全市各学校全封闭管理、专职保安配备、一键报警和视频监控实现了三个100%。"
    assert bound("safety.guard-post-coverage", text) == []


def test_jun_da_distributes_over_a_list():
    text = "专职保安配备率、城市和城镇中小学幼儿园“护学岗”设置率等均达100%。"
    assert bound("safety.full-time-guard", text)[0].value == 100
    assert bound("safety.guard-post-coverage", text)[0].value == 100


def test_figure_binds_to_what_it_is_written_about():
    # 吻合率 is not coverage of anything a rule is about
    text = "各县区一中全部超额完成一本目标,吻合率都超过100%。"
    assert all(bound(r, text) == [] for r in RULES)


def test_thin_clause_reaches_back_one_clause():
    claims = bound("governance.party-led-principal", "实行党组织领导的校长负责制的学校有121所,占比80.1%。")
    assert 80.1 in [c.value for c in claims]


def test_negated_coverage_is_marked():
    claims = find_claims("部分学校尚未实现全覆盖")
    assert claims[0].kind == "coverage" and claims[0].negated


def test_cleared_phrase_is_not_a_count():
    claims = find_claims("精心做好控辍保学,不辍学一人")
    assert [c.kind for c in claims] == ["cleared"]


def test_two_coverages_label_is_one_composite_claim():
    claims = find_claims("实现两个“全覆盖”")
    assert [(c.kind, c.value) for c in claims] == [("composite", 100.0)]


def test_composite_label_with_its_list_after_it():
    text = "全县学校实现“三个100%”(封闭化管理、专职保安配备、一键式紧急报警和视频监控联网)。"
    for rule in ("safety.closed-management", "safety.full-time-guard", "safety.alarm-video-police-link"):
        assert bound(rule, text)[0].kind == "composite"
    assert bound("safety.guard-post-coverage", text) == []


def test_jun_before_a_figure_only_distributes_it():
    claims = find_claims("专职保安配备率、护学岗设置率等均达90%")
    assert [(c.kind, c.value, c.distributive) for c in claims] == [("figure", 90.0, True)]


def test_quanbu_before_a_figure_is_no_coverage_claim_and_quanmian_wancheng_is_boilerplate():
    assert [c.kind for c in find_claims("各校课后服务参与率全部达到90%以上")] == ["figure"]
    assert "coverage" in [c.kind for c in find_claims("107名适龄残疾儿童全部顺利入学")]
    assert find_claims("全面完成年度目标任务") == ()


def test_two_levels_of_one_figure_give_the_later_level_its_earlier_one():
    past, now = find_claims("全区学生总体近视率由52.0%降至51.2%")
    assert (past.value, past.change) == (52.0, True)          # a past level, not compared as one
    assert (now.value, now.change, now.previous) == (51.2, False, 52.0)
    assert find_claims("毛入园率从88%提高到92%")[1].previous == 88.0


def test_a_level_reached_after_zhi_is_a_level_not_a_change():
    # 提高至92% says where it got to, as 提高到92% does; only 提高了/提高3个百分点 is a change
    claims = [c for c in find_claims("全县学前三年毛入园率由87%提高至91%") if c.unit == "%"]
    assert [(c.value, c.change) for c in claims] == [(87.0, True), (91.0, False)]
    assert claims[1].previous == 87.0


def test_a_from_level_years_back_is_no_change_on_the_year():
    # 由2019年的55%降至51%: the claim keeps the year of the earlier level; the kind, which knows the
    # report's year, takes it for a change on the year only when it is the year before (a 2023
    # report: four years of change, not comparable with a target per year)
    claims = find_claims("学生近视率由2019年的55%降至51%")
    assert claims[-1].value == 51.0 and (claims[-1].previous, claims[-1].previous_year) == (55.0, 2019)
    rule = RULES["health.myopia"]
    for year, status in ((2023, "unverified"), (2020, "met")):
        doc = structure(normalize(SourceText("t.txt", f"XX县教育局{year}年工作总结\n一、主要工作\n学生近视率由2019年的55%降至51%。\n",
                                             "utf-8")))
        from checker.evaluate import evaluate_rule
        assert evaluate_rule(rule, doc, CTX).status == status, year


def test_a_negated_claim_keeps_its_words_for_the_message():
    (c,) = find_claims("全县学校护学岗没有实现全覆盖")
    assert c.negated and c.said == "没有实现全覆盖"


def test_a_coverage_or_clearing_short_of_complete_is_approximate():
    # as 基本消除 is no clearing, 接近/基本实现 全覆盖 is short of 100% and 基本清零 short of zero
    (c,) = find_claims("护学岗设置接近全覆盖")
    assert (c.kind, c.comparator, c.said) == ("coverage", "~<", "接近全覆盖")
    (c,) = find_claims("护学岗设置基本实现全覆盖")
    assert (c.comparator, c.said) == ("~<", "基本实现全覆盖")
    (c,) = find_claims("护学岗设置率离全覆盖还有差距")
    assert (c.comparator, c.said) == ("<", "离全覆盖还有差距")
    (c,) = find_claims("全区大班额基本清零")
    assert (c.kind, c.comparator, c.said) == ("cleared", "~", "基本清零")
    (c,) = find_claims("全区距离大班额清零仍有一定差距")
    assert (c.kind, c.comparator, c.said) == ("cleared", "<", "距离大班额清零仍有一定差距")
    # 基本公共服务 before a coverage phrase is a noun, not a qualifier
    (c,) = find_claims("基本公共服务实现全覆盖")
    assert c.comparator is None


def test_a_remainder_after_a_full_coverage_claim_is_an_exception_of_it():
    """"全部…,仅2所村小正在改造" leaves the claim short of all, as "除2所村小外" does; only after a
    claim of all (100%, 全部), and only a short clause ending on what is not done yet."""
    def scopes(text):
        return [p for c in find_claims(text) if c.kind in ("coverage", "figure") and c.value == 100
                for item in c.scopes for _, p in item]

    assert "仅2所村小正在改造" in scopes("全县中小学校全部实现封闭化管理,仅2所村小正在改造。")
    assert "尚有1所学校未设置" in scopes("护学岗设置率达到100%,尚有1所学校未设置。")
    assert "还有三所学校暂未开通" in scopes("宽带接入率100%,还有三所学校暂未开通。")
    assert [p for c in find_claims("大班额全部清零,仅1所学校仍有大班额。") if c.kind == "cleared"
            for item in c.scopes for _, p in item] == ["仅1所学校仍有大班额"]
    # not a remainder of the claim: another thing the schools lack, a count of something done,
    # or a figure that is not a claim of all
    assert scopes("全县中小学校全部实现封闭化管理,仅2所学校未配备专职保安。") == []
    assert scopes("全县中小学校全部实现封闭化管理,今年新增3所学校。") == []
    assert not [c for c in find_claims("设置率为95%,仅1所学校未设置。") if c.scopes and any(c.scopes)]


def test_a_result_denied_after_it_a_plan_figure_and_a_rate_that_sorts_schools_are_no_results():
    def figures(text):
        return [(c.value, c.comparator) for c in find_claims(text) if c.kind == "figure"]

    # "…的目标没有实现": the figure is below what it says
    assert figures("护学岗设置率达到100%的目标没有实现。") == [(100.0, "<")]
    assert [c.negated for c in find_claims("课后服务全覆盖的任务尚未完成。") if c.kind == "coverage"] == [True]
    # the plan's figure is dropped, the actual one kept
    assert figures("原计划全县专职保安配备率达到100%,实际完成92%。") == [(92.0, None)]
    assert figures("护学岗设置率:目标100%,完成95%。") == [(95.0, None)]
    # a rate sorting out schools, and the share of those schools: neither is the rate's level
    assert figures("全县学生体质健康优良率达到50%以上的学校占60%。") == []
    # but a share of schools written as such is kept
    assert figures("全县90%以上的学校实现封闭化管理。") == [(90.0, ">=")]
    # "(3所学校除外)" is an exception of the claim
    assert any("3所学校除外" in p for c in find_claims("全县义务教育学校均开展课后服务(3所学校除外)。")
               for item in c.scopes for _, p in item)


def test_a_hedged_claim_is_approximate_and_a_question_is_no_claim():
    # 初步/总体/原则上/理论上 before a claim of all: roughly all, not certainly all
    (c,) = find_claims("全县义务教育学校课后服务初步实现全覆盖")
    assert (c.kind, c.comparator, c.said) == ("coverage", "~", "初步实现全覆盖")
    (c,) = find_claims("全县大班额总体清零")
    assert (c.kind, c.comparator) == ("cleared", "~")
    (c,) = find_claims("全县中小学护学岗设置率原则上达到100%")
    assert (c.kind, c.value, c.comparator) == ("figure", 100, "~")
    # what can be reached is no result at all: "可达到" in the claim's own clause
    assert not find_claims("全县中小学护学岗设置率理论上可达到100%")
    assert not find_claims("互联网接入率可达100%")
    (c,) = find_claims("已按计划于10月底前全部完成围墙改造，全县中小学封闭化管理率达到100%")[-1:]
    assert (c.kind, c.value) == ("figure", 100)
    # the hedge word must lead the claim's own clause
    (c,) = find_claims("总体上看,全县义务教育学校课后服务实现全覆盖")
    assert c.comparator is None
    (c,) = find_claims("全县中小学护学岗设置率达到100%")
    assert c.comparator != "~"
    # a question claims nothing
    for text in ("全县义务教育学校课后服务是否实现全覆盖?", "能否实现护学岗全覆盖,关键在于落实",
                 "全县中小学护学岗设置率达到100%了吗?", "巩固率是否达到96%,需进一步核实"):
        assert not [c for c in find_claims(text) if c.kind in ("coverage", "figure")], text
    (c,) = find_claims("各校自查后,全县中小学护学岗设置率达到100%")
    assert c.value == 100


def test_a_result_qualified_or_still_pending_after_it_and_a_count_of_some_units():
    # 基本/初步 after the claim: nearly or roughly, as before it
    (c,) = find_claims("全县义务教育学校课后服务全覆盖目标基本实现")
    assert (c.comparator, c.said) == ("~<", "全覆盖目标基本实现")
    (c,) = find_claims("全县义务教育学校课后服务实现全覆盖的目标初步达成")
    assert c.comparator == "~"
    # 还需/尚需 right after it: not reached yet
    (c,) = find_claims("全县义务教育学校实现课后服务全覆盖还需努力")
    assert c.negated
    (c,) = find_claims("全县中小学护学岗设置率达到100%尚需时日")
    assert c.comparator == "<"
    # ... but not in the next clause
    (c,) = find_claims("全县义务教育学校实现课后服务全覆盖,还需进一步提升质量")
    assert not c.negated and c.comparator is None
    # a count of the units that reached it, or most of them, narrows the scope
    (c,) = [c for c in find_claims("全县45所中小学中,有40所护学岗设置率达到100%") if c.unit == "%"]
    assert any("有40所" in phrase for phrase, _ in c.scopes[0])
    (c,) = find_claims("绝大多数义务教育学校实现了课后服务全覆盖")
    assert [w for w, _ in c.scopes[0]] == ["多数"]
    # a total (共有/现有) or a share of all after a count is no part
    (c,) = [c for c in find_claims("全县现有45所学校实现课后服务全覆盖") if c.kind == "coverage"]
    assert c.scopes[0] == ()
    (c,) = [c for c in find_claims("已建成党组织领导的校长负责制的学校有150所,占比100.0%") if c.unit == "%"]
    assert not any("有150所" in phrase for phrase, _ in c.scopes[0])


def test_a_hedge_or_question_reaches_every_claim_of_all_in_its_clause():
    assert {(c.comparator, c.said) for c in find_claims("全市所有中小学幼儿园初步全部实行封闭化管理")} == {("~", "初步全部")}
    assert find_claims("全市所有中小学幼儿园是否全部实行封闭化管理") == ()
    # another clause keeps its own claim
    (c,) = find_claims("全市所有中小学幼儿园实行封闭化管理,是否需要加强人防另行研究")
    assert c.comparator is None


def test_a_result_of_the_past_is_no_claim_on_the_year():
    for text in ("全县中小学护学岗设置率曾达到100%", "全县中小学护学岗设置率一度达到100%",
                 "全县中小学护学岗设置率去年达到100%,今年有所下降"):
        assert not [c for c in find_claims(text) if c.value == 100], text
    (c,) = find_claims("全县中小学护学岗设置率未曾达到100%")
    assert c.negated
    (c,) = find_claims("全县中小学护学岗设置率去年以来一直保持100%")
    assert c.value == 100


def test_a_bare_qualifier_before_the_figure_or_in_brackets_after_it_narrows_the_scope():
    for text in ("全县中小学护学岗设置率城区达100%", "全县中小学护学岗设置率达100%(仅城区)"):
        (c,) = find_claims(text)
        assert [w for w, _ in c.scopes[0]] == ["城区"], text
    # both halves of the area together are the whole area
    claims = find_claims("全县中小学护学岗设置率城区和农村均达100%")
    assert claims and all(c.scopes[0] == () for c in claims)


def test_one_school_named_by_its_name_narrows_the_scope():
    from checker.language.claims import scopes_in
    for text, named in (("县一中义务教育巩固率达到100%", "县一中"), ("城关第一小学课后服务覆盖率100%", "第一小学"),
                        ("县实验学校学生近视率下降1个百分点", "实验学校"), ("市二小护学岗设置率100%", "市二小")):
        assert named in [w for w, _ in scopes_in(text)], text
    # a time, an exam, a centre, or a named school listed as included or before "等所有…" is no part
    for text in ("全县一小时体育活动全覆盖", "全县一中考成绩", "全县一中心两基地", "第一季度护学岗设置率100%",
                 "全县中小学(含县实验小学)课后服务全覆盖", "县实验小学、县第二中学等全县所有义务教育学校全覆盖"):
        assert scopes_in(text) == (), text


def test_denied_clearings_purposes_and_document_titles():
    for text in ("全县大班额未完全清零", "全县大班额暂未全部清零", "辍学学生没有清零", "大班额并非全部清零"):
        (c,) = [c for c in find_claims(text) if c.kind == "cleared"]
        assert c.negated, text
    (c,) = find_claims("全县义务教育阶段没有一例学生辍学")
    assert c.kind == "cleared" and not c.negated
    for text in ("全县义务教育学校课后服务没实现全覆盖", "作业公示制度不全覆盖", "并非所有义务教育学校都实现全覆盖"):
        assert all(c.negated for c in find_claims(text) if c.kind == "coverage"), text
    for text in ("为实现全县义务教育学校课后服务全覆盖,县财政安排专项资金500万元", "为确保巩固率达到96%,落实控辍保学责任",
                 "印发《关于实现义务教育学校课后服务全覆盖的通知》"):
        assert not [c for c in find_claims(text) if c.kind in ("coverage", "figure") and c.value in (96, 100)], text


def test_when_a_sentence_dates_its_results():
    from checker.language.claims import dated
    assert dated("2022年,全县义务教育巩固率达98.5%。", 2023) == ("earlier", "2022年")
    assert dated("截至2022年底,全县大班额全部清零。", 2023)[0] == "earlier"
    assert dated("一是2022年12月全县实现全覆盖。", 2023)[0] == "earlier"
    assert dated("全县中小学于2021年全部接入互联网。", 2023)[0] == "earlier"
    assert dated("全县课后服务实现全覆盖（2022年数据）。", 2023)[0] == "earlier"
    assert dated("2021—2022学年,全县实现全覆盖。", 2023)[0] == "earlier"
    assert dated("去年,全县实现全覆盖。", 2023) == ("earlier", "去年")
    assert dated("2024年,全县实现全覆盖。", 2023) == ("later", "2024年")
    # the report's own year, time that runs on to now, comparisons, a year after the claim, a title
    for sentence in ("2023年,全县实现全覆盖。", "2022年以来,全县实现全覆盖。", "2022年起全面推行。",
                     "与2022年相比,巩固率提高到98.5%。", "2022年巩固率97.5%,2023年提高到98.5%。",
                     "2022—2023学年,全县新建学校5所。", "2022年的巩固率为97%,目前已达98.5%。",
                     "巩固率高于上年,达到98.5%。", "全县实现全覆盖,2022年被评为示范县。",
                     "印发《2022年课后服务工作方案》,全县实现全覆盖。", "全县2022年以来实现全覆盖。"):
        assert dated(sentence, 2023) is None, sentence
    assert dated("2022年,全县实现全覆盖。", None) is None     # no report year: cannot tell


def test_sentences_that_state_no_result_of_the_bureau():
    from checker.language.claims import not_stated_as_result as nr
    assert nr("全县课后服务实现全覆盖,数据有待核实。")[0] == "unconfirmed"
    assert nr("校车随车照管人员配备率100%（暂估数）。")[0] == "unconfirmed"
    assert nr("有家长反映,全县实现全覆盖。")[0] == "hearsay"
    assert nr("还谈不上控辍保学工作扎实。")[0] == "denied"
    for sentence in ("全县课后服务实现全覆盖。", "经省级督导评估认定,全县各校均达标。", "我局认真落实,实现全覆盖。",
                     "家长普遍反映满意,全县实现全覆盖。", "县委县政府提出明确要求,全县实现全覆盖。",
                     "在逐人核实中摸清底数,入学率达到98.2%。", "引导家长参与,课后服务实现全覆盖。"):
        assert nr(sentence) is None, sentence


def test_the_school_stages_a_text_names():
    from checker.language.claims import stages_in
    assert stages_in("义务教育学校") == {"小学", "初中"}
    assert stages_in("全县中小学幼儿园") == {"学前", "小学", "初中", "高中"}
    assert stages_in("小学巩固率") == {"小学"}          # not the 小学 of 中小学
    assert stages_in("全县中小学") == {"小学", "初中", "高中"}
    assert stages_in("普通高中") == {"高中"} and stages_in("课后服务") == frozenset()


def test_a_level_compared_with_is_no_claim():
    assert not [c for c in find_claims("与先进县区护学岗设置率100%相比,我县仍有差距。") if c.value == 100]
    assert [c for c in find_claims("全县护学岗设置率100%,与上年相比提高2个百分点。") if c.value == 100]


def test_a_year_with_a_preposition_of_time_and_another_area():
    from checker.language.claims import dated, other_area
    assert dated("全县所有公办中小学在2022年实行党组织领导的校长负责制。", 2023)[0] == "earlier"
    assert dated("全县中小学在2023年全部实现封闭化管理。", 2023) is None
    assert other_area("全省九年义务教育巩固率达到96.1%。") == "全省"
    assert other_area("邻县全面落实校长陪餐制度。") == "邻县"
    assert other_area("全省率先实现课后服务全覆盖。") is None and other_area("全县实现全覆盖。") is None
    # after a short lead clause; 全市 is found here, and its caller decides whose area it is
    assert other_area("同时，全省九年义务教育巩固率达到96%。") == "全省"
    assert other_area("全市义务教育学校课后服务实现全覆盖，我县仍有3所学校未开展。") == "全市"
    assert other_area("在全市率先实现全覆盖。") is None and other_area("全市前列。") is None


def test_the_whole_city_is_another_area_only_in_a_county_or_district_report():
    from checker.evaluate import evaluate_rule
    rule = RULES["jianfu.after-school.school-coverage"]
    body = "\n一、主要工作\n全市义务教育学校课后服务实现全覆盖。\n"
    statuses = {}
    for title in ("XX县教育局2023年工作总结", "XX市XX区教育和体育局2023年工作总结", "XX市教育局2023年工作总结",
                  "2023年工作总结"):
        doc = structure(normalize(SourceText("t.txt", title + body, "utf-8")))
        statuses[title] = evaluate_rule(rule, doc, CTX).status
    assert list(statuses.values()) == ["unverified", "unverified", "met", "met"], statuses


def test_an_earlier_level_given_for_one_year_keeps_that_year():
    (_, to) = [c for c in find_claims("全县学生总体近视率由2022年的52.0%降至51.2%") if c.kind == "figure"]
    assert (to.previous, to.previous_year) == (52.0, 2022)
    (_, to) = [c for c in find_claims("全县学生总体近视率由52.0%降至51.2%") if c.kind == "figure"]
    assert (to.previous, to.previous_year) == (52.0, None)
    # a plan period or several years: no earlier level at all
    (_, to) = [c for c in find_claims("全县学生总体近视率由十三五末的55.0%降至51.2%") if c.kind == "figure"]
    assert to.previous is None


def test_part_of_the_base_named_before_or_in_the_result_clause():
    from checker.language.claims import partial_bases
    def words(text):
        return [w for w, *_ in partial_bases(text)]
    assert words("不计教学点，全县中小学幼儿园专职保安配备率100%。") == ["不计教学点"]
    assert words("剔除临聘人员后，义务教育专任教师持证上岗率100%。") == ["剔除临聘人员后"]
    assert words("随机抽查的20所学校作业时间控制全部达标。") == ["抽查的20所"]
    assert words("城关镇义务教育阶段辍学学生实现动态清零。") == ["城关镇"]
    assert words("作业改革实验校全面建立作业公示制度。") == ["实验校"]
    # the county's own picked-out schools or sample are still a part; one named as included is not
    assert words("全县省级示范幼儿园全面落实配备标准。") == ["示范幼儿园"]
    assert words("全县所有学校（含实验校）全覆盖。") == []
    # "besides", all the towns listed, no town's name, creating special schools (a town in a lead clause
    # before a result about 全县 is the caller's to skip: tests/data/met_sentences.tsv)
    for text in ("除做好常规工作外，还全面推进课后服务。", "城关镇、河口镇等12个乡镇全部实现全覆盖。",
                 "全县各乡镇中心学校全覆盖。", "推进特色学校创建。", "全县城乡学校全覆盖。", "部分镇区学校全覆盖。"):
        assert words(text) == [], text
    # a town named …集 is a town; 集镇 the common noun is none
    assert words("李集镇适龄幼儿数812人，毛入园率88.7%。") == ["李集镇"]
    for text in ("全县农村集镇学校办学条件改善。", "中心集镇幼儿园全覆盖。", "全县城乡集镇学校覆盖率100%。"):
        assert words(text) == [], text


def test_an_earlier_year_opening_a_later_clause_dates_its_result_only_after_a_count():
    from checker.language.claims import dated
    # the first clause counts something done; the result that follows is 2020's
    assert dated("为41名儿童开展“送教上门”,2020年义务教育巩固率99.9%。", 2023) == ("earlier", "2020年")
    # after a result of its own the earlier year is last year's beside this one; a later one is a plan
    assert dated("全县巩固率达到98.5%，2022年为97.9%。", 2023) is None
    assert dated("全县巩固率达到98.5%，2024年力争达到99%。", 2023) is None
    assert dated("全县新建学校3所，2023年巩固率达到98%。", 2023) is None


def test_another_areas_clause_or_figure_anywhere_in_the_sentence_is_not_the_countys():
    from checker.language.claims import other_area_before, other_area_clauses
    assert [a for _, _, a in other_area_clauses("全县课后服务受益学生3000名,全省实现了课后服务全覆盖，我县覆盖率低于全省。")] == ["全省"]
    # 全市 is another area only when the sentence names the county as its own
    assert [a for _, _, a in other_area_clauses("全市学前三年毛入园率达到90%，我县低于全市。")] == ["全市"]
    assert other_area_clauses("全市学前三年毛入园率达到90%。") == ()
    s = "我县随迁子女在公办学校就读比例全省达98.1%，我县低于全省。"
    assert other_area_before(s, s.index("98.1")) == "全省"
    s = "全县随迁子女在公办学校就读比例达98.1%。"
    assert other_area_before(s, s.index("98.1")) is None
