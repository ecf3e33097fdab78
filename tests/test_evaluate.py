"""Verdict precedence and the rule behaviours the catalog spells out, on small real snippets."""
from pathlib import Path

import pytest

from checker.kinds.common import Observation
from checker.evaluate import decide, evaluate_rule, make_context
from checker.model import Section, Sentence, SourceText
from checker.reading.normalize import normalize
from checker.packs import all_rules, load_packs
from checker.reading.structure import structure

RULES = {r.id: r for r in all_rules(load_packs())}


def finding(rule_id, text, kind=None, year=None, figures=None):
    doc = structure(normalize(SourceText("t.txt", text, "utf-8")), kind=kind, year=year)
    return evaluate_rule(RULES[rule_id], doc, make_context(list(RULES.values()), figures))


SEC = Section("", 0, 0, 1, "achieved", None)


def obs(modality, outcome, value=None):
    return Observation(Sentence("x", 0, 1, modality, SEC), modality, outcome, value)


@pytest.mark.parametrize("observations,kind,expected", [
    ([obs("achieved", "pass", 100), obs("planned", "pass", 100)], "mixed", "met"),
    ([obs("achieved", "pass", 100), obs("achieved", "fail", 80)], "summary", "unmet"),   # the lower decides
    ([obs("problem", "fail"), obs("planned", "pass")], "mixed", "unmet"),
    ([obs("planned", "pass"), obs("achieved", "unquantified")], "mixed", "planned"),
    ([obs("planned", "pass")], "plan", "met"),
    ([obs("planned", "fail", 80)], "mixed", "unmet"),
    ([obs("achieved", "unquantified")], "summary", "unverified"),
    ([], "summary", "missing"),
])
def test_precedence(observations, kind, expected):
    assert decide(observations, kind)[0] == expected


def test_lower_of_disagreeing_achieved_figures_is_reported():
    status, deciding, _ = decide([obs("achieved", "fail", 90), obs("achieved", "fail", 70)], "summary")
    assert (status, deciding.value) == ("unmet", 70)


def test_threshold_follows_the_report_year():
    text = "全县学前三年毛入园率为87%。"
    old, new = finding("preschool.gross-enrolment", text, year=2020), finding("preschool.gross-enrolment", text, year=2022)
    assert (old.status, old.threshold) == ("met", "≥85%")
    assert (new.status, new.threshold) == ("unmet", "≥90%")
    assert "2022" in new.message_zh and "2021年起" in new.message_zh


def test_ratio_rule_needs_its_base_and_says_what_would_settle_it():
    f = finding("teacher.rotation.annual-rate", "城乡交流轮岗教师139人。")
    assert f.status == "unverified"
    assert "符合交流条件" in f.message_zh and "--context" in f.message_en


def test_ratio_rule_computes_with_a_context_base():
    f = finding("teacher.rotation.annual-rate", "城乡交流轮岗教师139人。", figures={"eligible_teachers": 1000})
    assert (f.status, f.value, f.unit) == ("met", 13.9, "%")
    f = finding("teacher.rotation.annual-rate", "城乡交流轮岗教师139人。", figures={"eligible_teachers": 2000})
    assert f.status == "unmet"


def test_ratio_rule_says_what_a_stated_total_gives():
    text = "全县现有在岗教师2477人。\n2020年114名城乡教师交流任教。"
    f = finding("teacher.rotation.annual-rate", text)
    assert f.status == "unverified"
    assert "2477" in f.message_en and "4.6%" in f.message_en and "eligible" in f.message_en


def test_another_base_is_unverified_not_unmet():
    f = finding("jianfu.after-school.student-coverage", "课后服务学生参与率保持在90%以上。")
    assert f.status == "unverified" and "参与率" in f.message_zh


def test_plan_commitment_below_target_is_unmet():
    assert finding("preschool.gross-enrolment", "学前三年毛入园率达到80%。", kind="plan", year=2022).status == "unmet"


def test_summary_with_only_a_plan_part_commitment_is_planned():
    text = "一、2021年工作总结\n推进课后服务工作。\n二、2022年工作打算\n全面推行“5+2”课后服务。"
    assert finding("jianfu.after-school.5x2", text).status == "planned"


def test_narrower_scope_is_unverified():
    f = finding("high-school.gross-enrolment", "普通高中毛入学率达到95%。", year=2022)
    assert f.status == "unverified" and "普通高中" in f.message_zh


def test_alarm_and_video_both_needed():
    f = finding("safety.alarm-video-police-link", "全县学校视频监控与公安联网率达100%。")
    assert f.status == "unverified" and "一键" in f.message_zh
    f = finding("safety.alarm-video-police-link", "全县学校一键式紧急报警和视频监控与公安联网率均达100%。")
    assert f.status == "met"


def test_evidence_is_the_sentence_as_written_in_traditional_script():
    f = finding("safety.guard-post-coverage", "一、工作總結\n全面設置護學(xué)崗,實現校園安防“四個100%”。")
    assert f.status == "met"
    assert f.evidence[0].line == 2 and "護學(xué)崗" in f.evidence[0].text


def test_growth_rate_is_not_a_level():
    text = "普惠性幼儿园在园幼儿668596人,比上年增加44840人,增长7.19%,占总数的67.68%。"
    f = finding("preschool.inclusive-coverage", text, year=2018)
    assert (f.status, f.value) == ("unmet", 67.68)


def test_share_of_kindergartens_is_another_base_than_children():
    f = finding("preschool.inclusive-coverage", "全省有普惠性幼儿园4747所,占总数的68.08%。", year=2018)
    assert f.status == "unverified"


def test_remaining_share_of_large_classes_is_not_cleared():
    assert finding("class-size.large", "普通高中大班额比例控制在4%以内。").status == "unmet"
    assert finding("class-size.large", "全县大班额比例降至0%。").status == "met"


def test_negation_earlier_in_the_clause_makes_a_shortfall():
    text = "全县义务教育学校课后服务受益中小学生34564名,尚未实现义务教育学校全覆盖,有需求学生全覆盖。"
    assert finding("jianfu.after-school.school-coverage", text).status == "unmet"
    assert finding("jianfu.after-school.student-coverage", text).status == "met"


def test_a_leading_coverage_phrase_is_about_what_follows_it():
    text = "着力打通学校课后服务“最后一公里”,全面推行“5+2”服务。"
    assert finding("jianfu.after-school.school-coverage", text).status == "unverified"


def test_boilerplate_quanmian_luoshi_is_no_coverage_claim():
    # "全面落实" is how reports say "carry out"; only 全面设置/推行/实行/配齐… claim full coverage
    assert finding("jianfu.homework.publicity", "全面落实作业公示制度。").status == "unverified"
    assert finding("jianfu.homework.publicity", "全县学校全面建立作业公示制度。").status == "met"


def test_clearing_super_large_classes_leaves_the_large_class_target_open():
    assert finding("class-size.large", "超大班额全部清零。").status == "unverified"
    assert finding("class-size.large", "全面消除大班额。").status == "met"


def test_a_past_level_is_not_the_current_one():
    text = "全县学前三年毛入园率由88%提高到92%。"
    f = finding("preschool.gross-enrolment", text, year=2022)
    assert (f.status, f.value) == ("met", 92)
    f = finding("preschool.gross-enrolment", "学前三年毛入园率达到89%,较上年的86%提高3个百分点。", year=2022)
    assert (f.status, f.value) == ("unmet", 89)


def test_each_share_belongs_to_the_subject_written_before_it():
    text = "交流轮岗教师213人,占符合交流条件教师总数的11.3%,其中骨干教师52人,占交流总数的24.4%。"
    rate, backbone = finding("teacher.rotation.annual-rate", text), finding("teacher.rotation.backbone-share", text)
    assert (rate.status, rate.value) == ("met", 11.3)
    assert (backbone.status, backbone.value) == ("met", 24.4)


def test_judge_reads_bounds_and_approximations_by_what_they_allow():
    from checker.kinds.common import judge
    from checker.model import Threshold
    at_least_85, at_most_60 = Threshold(">=", 85, "%"), Threshold("<=", 60, "分钟")
    table = [
        # below the target by its own words: fails, never passes
        (85, "<", at_least_85, "fail"), (100, "<", Threshold(">=", 100, "%"), "fail"),
        (85, "<=", at_least_85, "unquantified"), (84, "<=", at_least_85, "fail"),
        # an upper bound above the target allows either
        (90, "<", at_least_85, "unquantified"), (90, "<=", at_least_85, "unquantified"),
        # 近: just below
        (85, "~<", at_least_85, "fail"), (90, "~<", at_least_85, "pass"), (80, "~<", Threshold(">=", 75, "%"), "pass"),
        # 约: either side; within the approximation of the target it cannot be settled
        (85, "~", at_least_85, "unquantified"), (86, "~", at_least_85, "unquantified"),
        (95, "~", at_least_85, "pass"), (80, "~", at_least_85, "fail"),
        # bounds in the target's own direction are read at the bound, as before
        (90, ">=", at_least_85, "pass"), (80, ">=", at_least_85, "fail"), (85, ">", at_least_85, "pass"),
        (85, None, at_least_85, "pass"), (84.9, None, at_least_85, "fail"),
        # an upper target mirrors it
        (60, "<=", at_most_60, "pass"), (50, ">", at_most_60, "unquantified"), (60, ">", at_most_60, "fail"),
        (60, "~", at_most_60, "unquantified"), (40, "~", at_most_60, "pass"),
    ]
    got = [(v, c, t.describe(), judge(v, c, t)) for v, c, t, _ in table]
    assert got == [(v, c, t.describe(), want) for v, c, t, want in table]


@pytest.mark.parametrize("rule_id,text,year,status,words", [
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率未达到85%。", 2022, "unmet", "报告写明未达到85%，目标≥85%"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率不到85%。", 2022, "unmet", "报告写明不到85%"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率低于85%。", 2022, "unmet", "报告写明低于85%"),
    ("preschool.inclusive-coverage", "普惠性幼儿园覆盖率距85%的目标还有差距。", 2022, "unmet", "距85%的目标还有差距"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率接近85%。", 2022, "unmet", "即略低于85%"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率近八成。", 2020, "unmet", "近八成，即略低于80%"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率约85%。", 2022, "unverified", "约85%，无法确认是否达到85%"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率85%左右。", 2022, "unverified", "无法确认是否达到85%"),
    ("preschool.inclusive-coverage", "全县普惠性幼儿园覆盖率不足90%。", 2022, "unverified", "报告写明不足90%，无法确认是否达到85%"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置率未达100%。", None, "unmet", "报告写明未达100%"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置率不足100%。", None, "unmet", "报告写明不足100%"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置率没有达到100%。", None, "unmet", "报告写明没有达到100%，目标≥100%"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置没有实现全覆盖。", None, "unmet", "报告写明没有实现全覆盖"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置接近全覆盖。", None, "unmet", "报告写明接近全覆盖，即略低于100%"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置率接近百分之百。", None, "unmet", "报告写明接近百分之百"),
    ("safety.guard-post-coverage", "全县中小学护学岗设置率离全覆盖还有差距。", None, "unmet", "离全覆盖还有差距"),
    ("class-size.large", "全县大班额基本实现清零。", None, "unverified", "报告写明基本实现清零，无法确认是否已全部清零"),
    ("class-size.large", "全县距离大班额全面消除仍有差距。", None, "unmet", "报告写明距离大班额全面消除仍有差距"),
])
def test_a_bound_or_an_approximation_is_judged_in_the_reports_words(rule_id, text, year, status, words):
    f = finding(rule_id, text, year=year)
    assert f.status == status and words in f.message_zh, f.message_zh
    assert "低于目标" not in f.message_zh       # no "100%低于目标≥100%"
    assert f.value is None                       # a bound is no value of the figure


@pytest.mark.parametrize("text,status,words", [
    ("全区学生总体近视率由52.0%降至51.2%。", "met", "由52%降至51.2%，下降0.8个百分点"),
    ("全区学生总体近视率从52.0%下降到51.8%。", "unmet", "下降0.2个百分点"),
    ("全区学生总体近视率由51.2%升至52.0%。", "unmet", "不降反升0.8个百分点"),
])
def test_two_levels_of_the_myopia_rate_are_compared_as_the_change_they_make(text, status, words):
    f = finding("health.myopia", text)
    assert f.status == status and words in f.message_zh, f.message_zh


def test_the_level_reached_decides_a_level_target():
    f = finding("preschool.gross-enrolment", "全县学前三年毛入园率由87%提高至91%。", year=2022)
    assert (f.status, f.value) == ("met", 91)
    f = finding("preschool.gross-enrolment", "全县学前三年毛入园率由92%降至89%。", year=2022)
    assert (f.status, f.value) == ("unmet", 89)


def test_a_rule_not_mentioned_gets_one_shared_finding_per_year_and_kind():
    """Reports that do not mention a rule share its finding (evaluate._not_mentioned): the same
    object for the same year and kind, another for another year — and it says what a finding
    made afresh says."""
    import checker.evaluate as evaluate_module

    a = finding("teacher.rotation.annual-rate", "今年全县新建校舍3所。", year=2023)
    b = finding("teacher.rotation.annual-rate", "全县开展安全教育活动。", year=2023)
    c = finding("teacher.rotation.annual-rate", "全县开展安全教育活动。", year=2020)
    assert a.status == b.status == c.status == "missing"
    assert a is b and a is not c
    evaluate_module._MISSING.clear()
    fresh = finding("teacher.rotation.annual-rate", "全县开展安全教育活动。", year=2023)
    assert fresh is not a and fresh == a
    mentioned = finding("teacher.rotation.annual-rate", "全县交流轮岗教师120人。", year=2023)
    assert mentioned.status != "missing" and mentioned.evidence


_PROBLEMS = "XX县教育局2023年工作总结\n一、主要工作\n全县教育工作稳步推进。\n二、存在的问题\n{}\n"


@pytest.mark.parametrize("rule_id,sentence,expected", [
    # the concessive part grants a result; the turn names a shortcoming of something else
    ("class-size.large", "该县虽已全面消除56人以上大班额，但小学46人以上班级仍有31个。", "met"),
    ("governance.responsible-inspector", "虽然责任督学挂牌督导实现全覆盖，但督导工作质量不高。", "met"),
    # the turn goes on about the same thing (no subject of its own), or names the subject again
    ("class-size.large", "虽已全面消除大班额，但仍有反弹风险。", "unmet"),
    ("class-size.large", "全县虽然大班额有所减少，但仍有12个大班额班级。", "unmet"),
    ("jianfu.after-school.school-coverage", "我县虽已实现课后服务全覆盖，但课后服务质量有待提高。", "unmet"),
    # 基本 grants no result
    ("class-size.large", "虽基本消除大班额，但城区学校学位依然紧张。", "unmet"),
])
def test_a_result_granted_in_a_problem_section_stands(rule_id, sentence, expected):
    assert finding(rule_id, _PROBLEMS.format(sentence)).status == expected


@pytest.mark.parametrize("sentence,expected", [
    # the subject is named only in the earlier year's part; the present's clause is other work
    ("2019年即实现责任督学挂牌督导全覆盖，今年开展督导检查280余次。", "unverified"),
    ("2019年实现责任督学挂牌督导全覆盖，2023年开展督导检查280余次。", "unverified"),
    # the present's clause goes on with the same subject, or the sentence's time is the present
    ("2019年以来，责任督学挂牌督导实现全覆盖，今年开展督导检查280余次。", "met"),
    ("今年责任督学挂牌督导实现全覆盖，开展督导检查280余次。", "met"),
])
def test_an_earlier_years_result_beside_other_work_of_the_year(sentence, expected):
    text = f"XX县教育局2023年工作总结\n一、主要工作\n{sentence}\n"
    assert finding("governance.responsible-inspector", text).status == expected


def test_a_reports_title_gives_a_rule_its_context():
    # 社会认可度 alone could be any sector's; a feedback on 学前教育普及普惠 says whose
    body = "一、主要指标复核情况\n社会认可度为91.3%。\n"
    titled = "市教育督导室关于XX县2023年学前教育普及普惠督导评估复核情况的反馈意见\nXX县人民政府：\n" + body
    untitled = "市教育督导室关于XX县2023年督导评估复核情况的反馈意见\nXX县人民政府：\n" + body
    rules = {r.id: r for r in all_rules(load_packs([Path(__file__).resolve().parents[1] / "policies" / "supervision"]))}
    ctx = make_context(list(rules.values()))

    def status(text):
        doc = structure(normalize(SourceText("t.txt", text, "utf-8")))
        return evaluate_rule(rules["preschool.social-recognition"], doc, ctx).status
    assert status(titled) == "met"
    assert status(untitled) == "missing"


def test_a_result_said_done_in_a_plan_part_stands():
    text = ("XX县教育局2023年工作总结\n一、主要工作\n全县教育工作稳步推进。\n二、2024年工作计划\n"
            "全县中小学幼儿园专职保安配备率已达到100%，2024年将重点提升安保人员专业素质。\n")
    assert finding("safety.full-time-guard", text).status == "met"
    # without 已 the plan part's sentence is the plan's
    assert finding("safety.full-time-guard", text.replace("已达到", "达到")).status == "planned"


def test_a_remainder_lacking_another_targets_thing_leaves_the_claim_whole():
    text = "XX县教育局2023年工作总结\n一、主要工作\n全县中小学幼儿园封闭化管理率达到100%，但仍有3所学校专职保安未配齐。\n"
    assert finding("safety.closed-management", text).status == "met"
    assert finding("safety.full-time-guard", text).status != "met"
    # a thing of no other target (a campus wall) stays a remainder of this one
    walls = "XX县教育局2023年工作总结\n一、主要工作\n全县中小学封闭化管理实现全覆盖，尚有2所学校围墙尚未完工。\n"
    assert finding("safety.closed-management", walls).status != "met"


def test_an_undated_figure_before_last_years_is_the_reports():
    text = "XX县教育局2023年工作总结\n一、主要工作\n学前三年毛入园率92.1%（上年89.7%）。\n"
    assert finding("preschool.gross-enrolment", text).status == "met"
