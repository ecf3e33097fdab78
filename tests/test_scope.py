"""Scope, rate nouns, computed ratios and the figure shown (issue 12, classes 2, 3, 6, 7, 9).

A claim knows the qualifier of the subject it is about (城区学校, 公办, 除…外), the rate its figure
is a value of (持证上岗率, 营养餐覆盖率), and, for a ratio given as two counts, the counts; a rule
compares these with its own base, metric and subject.
"""
import dataclasses

from checker.language.claims import find_claims, scopes_in
from checker.evaluate import evaluate_rule, make_context
from checker.model import SourceText
from checker.reading.normalize import normalize
from checker.packs import all_rules, load_packs
from checker.reading.structure import structure

RULES = {r.id: r for r in all_rules(load_packs())}
CTX = make_context(list(RULES.values()))


def finding(rule_id, text, year=2022, kind="summary"):
    doc = structure(normalize(SourceText("t.txt", text, "utf-8")), kind=kind)
    doc = dataclasses.replace(doc, year=year)
    return evaluate_rule(RULES[rule_id], doc, CTX)


# ---------------------------------------------------------------- class 2: scope

def test_a_qualifier_before_a_composite_list_narrows_every_listed_item():
    claim = find_claims("全县县城学校全封闭管理、专职保安配备、护学岗设置实现了三个100%")[0]
    assert claim.kind == "composite"
    assert all(any(w == "县城" for w, _ in sc) for sc in claim.scopes)
    for rule in ("safety.closed-management", "safety.full-time-guard", "safety.guard-post-coverage"):
        f = finding(rule, "全县县城学校全封闭管理、专职保安配备、护学岗设置实现了三个100%。")
        assert f.status == "unverified", rule
        assert "县城学校" in f.message_zh and "全县" in f.message_zh


def test_the_message_names_the_narrower_base_and_the_target_base():
    f = finding("safety.full-time-guard", "城区学校专职保安员配备率达到100%。")
    assert f.status == "unverified"
    assert "只写了城区学校" in f.message_zh and "中小学幼儿园" in f.message_zh
    assert "城区学校" in f.message_en


def test_scope_far_from_the_figure_still_narrows():
    f = finding("access.migrant-public-share", "城区义务教育阶段进城务工人员随迁子女在公办学校就读比例达93%。")
    assert f.status == "unverified" and "城区" in f.message_zh


def test_a_qualifier_narrows_unless_it_is_the_rules_own_base():
    assert finding("governance.party-led-principal", "城区中小学全部实行党组织领导的校长负责制。").status == "unverified"
    # 公办 is the migrant rule's metric and (base_scopes) the party-led rule's base; 城市和城镇 is the
    # guard-post rule's base
    assert finding("governance.party-led-principal", "全县所有公办中小学实行党组织领导的校长负责制。").status == "met"
    assert finding("access.migrant-public-share", "随迁子女在公办学校就读比例达93%。").status == "met"
    assert finding("safety.guard-post-coverage", "城市和城镇中小学幼儿园护学岗设置率达100%。").status == "met"


def test_urban_and_rural_together_or_an_included_part_do_not_narrow():
    assert scopes_in("城区和农村学校全部实行封闭化管理") == ()
    assert scopes_in("全县中小学(含乡镇学校)") == ()
    assert finding("safety.closed-management", "城区和农村学校全部实行封闭化管理。").status == "met"


def test_widening_stays_met_and_narrowing_does_not():
    assert finding("safety.full-time-guard", "全市所有中小学幼儿园专职保安配备率100%。").status == "met"
    assert finding("safety.full-time-guard", "全市县城中小学幼儿园专职保安配备率100%。").status == "unverified"


def test_an_exception_clause_before_a_coverage_claim_is_no_full_coverage():
    f = finding("safety.closed-management", "除4所教学点外,全县学校均实现封闭化管理。")
    assert f.status == "unverified"
    assert "除4所教学点外" in f.message_zh


def test_a_topic_clause_sets_the_scope_of_the_next_one():
    assert finding("safety.closed-management", "在农村学校中,封闭化管理率达到100%。").status == "unverified"


def test_partial_and_pilot_schools_are_narrower():
    assert finding("jianfu.after-school.school-coverage", "部分学校课后服务实现全覆盖。").status == "unverified"
    assert finding("jianfu.homework.publicity", "试点校作业公示制度实现全覆盖。").status == "unverified"


# ---------------------------------------------------------------- class 3: measured noun

def test_a_claim_knows_the_rate_its_figure_is_a_value_of():
    claim = find_claims("全县专职保安员持证上岗率达到100%")[0]
    assert claim.nouns[0].endswith("持证上岗率")


def test_a_certification_rate_is_not_the_staffing_rate():
    f = finding("safety.full-time-guard", "全县专职保安员持证上岗率达到100%。")
    assert f.status == "unverified" and "持证上岗率" in f.message_zh


def test_a_participation_rate_beside_a_coverage_target_does_not_decide_it():
    f = finding("safety.guard-post-coverage", "护学岗设置率达100%,家长护学岗参与率达90%。")
    assert f.status == "met"


def test_a_rate_of_something_else_is_no_figure_of_a_rule_anchored_on_the_bare_rate():
    f = finding("preschool.inclusive-coverage", "推进学前教育普惠发展,全县营养餐覆盖率达到100%。")
    assert f.status == "unverified" and "营养餐覆盖率" in f.message_zh


def test_a_rate_beside_the_elimination_metric_is_neither_a_level_nor_a_remainder():
    # 入学率 100% is no 巩固率 and no dropout share left
    text = "控辍保学工作扎实,义务教育辍学学生动态监测中入学率保持100%。"
    assert finding("access.dropout-control", text).status == "unverified"
    assert finding("access.dropout-control", "义务教育入学率保持100%、巩固率达到97%。").status == "met"


# ---------------------------------------------------------------- class 6: aliases

def test_preschool_gross_enrolment_under_its_statistical_name():
    assert finding("preschool.gross-enrolment", "全县学前教育毛入学率达到91.5%。").status == "met"
    assert finding("high-school.gross-enrolment", "学前教育毛入学率达到91.5%,高中阶段招生平稳。").status != "met"


def test_every_school_has_one_is_full_coverage():
    assert finding("health.mental", "全县中小学每校至少配备1名专职心理健康教师。").status == "met"


def test_not_a_single_dropout_is_cleared():
    assert finding("access.dropout-control", "全县没有一例义务教育阶段学生辍学。").status == "met"


def test_two_full_coverages_beside_after_school_service():
    for rule in ("jianfu.after-school.school-coverage", "jianfu.after-school.student-coverage"):
        assert finding(rule, "课后服务实现“两个全覆盖”。").status == "met"


def test_a_high_school_enrolment_rate_is_another_base():
    f = finding("high-school.gross-enrolment", "高中入学率达96%。")
    assert f.status == "unverified" and "高中入学率" in f.message_zh


# ---------------------------------------------------------------- class 7: computed ratios

def test_a_ratio_given_as_two_counts_is_computed():
    claims = [c for c in find_claims("全县应入学适龄残疾儿童86名,已入学84名") if c.kind == "computed"]
    assert [(c.value, c.of) for c in claims] == [(97.7, (84.0, 86.0))]


def test_a_computed_ratio_is_judged_and_the_message_says_it_was_computed():
    f = finding("special-ed.enrolment", "全县应入学适龄残疾儿童86名,已入学84名。")
    assert f.status == "met" and f.value == 97.7
    assert "按报告所列84/86计算为97.7%" in f.message_zh
    f = finding("jianfu.after-school.school-coverage", "义务教育学校42所,其中开展课后服务的41所。")
    assert f.status == "unmet" and "41/42" in f.message_zh


def test_only_one_part_that_names_the_metric_makes_a_computed_ratio():
    assert [c.value for c in find_claims("全县应入学适龄残疾儿童少年150名,已入学147名")
            if c.kind == "computed"] == [98.0]
    text = "全县适龄残疾儿童少年150名,其中随班就读90名、送教上门40名。"
    assert not [c for c in find_claims(text) if c.kind == "computed"]
    # the part (城区学校) is not what the target measures (课后服务)
    f = finding("jianfu.after-school.school-coverage", "全县有义务教育学校42所,其中城区学校12所,全部学校实现课后服务全覆盖。")
    assert f.status == "met"


# ---------------------------------------------------------------- class 9: the figure shown

def test_a_count_is_about_the_noun_after_it():
    f = finding("access.migrant-public-share", "全市95名适龄残疾儿童、8120名随迁子女全部顺利入学。")
    assert f.value == 8120


def test_a_named_other_base_is_shown_before_a_figure_that_does_not_name_the_metric():
    text = ("对残联提供的215名残疾儿童名单逐一核实,对全县未入学的31名适龄残疾儿童进行了入学评估。")
    f = finding("special-ed.enrolment", text)
    assert f.status == "unverified" and f.value == 31 and "未入学" in f.message_zh


def test_a_reduction_shows_what_is_left_not_where_it_started():
    f = finding("jianfu.tutoring.reduction", "学科类校外培训机构由96家压减至7家。")
    assert f.status == "met" and f.value == 7


def test_recruited_teachers_are_no_rotation_backbone_share():
    f = finding("teacher.rotation.backbone-share", "全年交流校长32人,面向社会招聘优秀教师85名。")
    assert f.status == "missing"
    f = finding("teacher.rotation.backbone-share", "交流轮岗教师150人,其中骨干教师36人,占交流总数的24%。")
    assert f.status == "met"


def test_a_composite_label_with_its_own_list_does_not_reach_earlier_clauses():
    # "两个100%" lists its two items in its own clause: the 覆盖率 two clauses before is not one of them
    text = "全县普惠性幼儿园覆盖率稳步提升,各项工作有序推进,义务段学校标准化建设率、寄宿生营养餐供应率两个100%。"
    assert finding("preschool.inclusive-coverage", text).status != "met"
