"""Messages of a finding, in Chinese and English: what was found, against which target, where.

Each status has its sentence; an unmet upper limit reads 超过, a lower one 低于; a target that
changed by year says which year's target applied. ``checker.evaluate`` decides the status and
the deciding observation; this module only words them.
"""
from __future__ import annotations

from typing import Optional

from .i18n import where as i18n_where
from .kinds.common import Observation
from .model import Rule, show_value, unit_name


def _fmt(v: Optional[float], unit: Optional[str]) -> str:
    """The value as written (1.2亿元, never 1.2e+08元; 8:20; 1:15): ``model.show_value``."""
    return show_value(v, unit)


def messages(rule: Rule, status: str, o: Optional[Observation], threshold: str, year_note: tuple[str, str],
              kind: str, line_label: str = "line", lang: str = "zh") -> tuple[str, str]:
    """(zh, en) messages; ``threshold`` and the shown value are written for ``lang``."""
    title_zh, title_en = rule.title_zh, rule.title_en
    # "line 12", or "paragraph 12" for a .docx, where a paragraph is the unit
    where = f"（{i18n_where(o.sentence.line, line_label, 'zh')}）" if o else ""
    where_en = f" ({i18n_where(o.sentence.line, line_label, 'en')})" if o else ""
    shown = _fmt(o.value, unit_name(o.unit, lang) if o.unit != "%" else "%") if o else ""
    if status == "met":
        if o.reason in ("coverage", "composite"):
            zh, en = f"达标：报告写明全覆盖（100%）{where}", f"Met: the report states full coverage (100%){where_en}"
        elif o.reason == "levels":     # 由52.0%降至51.2%: the change the two levels make
            zh, en = f"达标：{o.note_zh}，目标{threshold}{where}", f"Met: {o.note_en} against {threshold}{where_en}"
        elif o.reason in ("measure", "cleared"):
            what = "已清零/消除" if o.reason == "cleared" else ("已列入计划" if kind == "plan" else "已实施")
            zh = f"达标：{title_zh}{what}{where}"
            en = f"Met: {title_en} {'cleared' if o.reason == 'cleared' else 'in force'}{where_en}"
        elif o.reason == "computed":
            zh, en = f"达标：{o.note_zh}，目标{threshold}{where}", f"Met: {o.note_en}, against {threshold}{where_en}"
        else:
            zh, en = f"达标：{shown}，目标{threshold}{where}", f"Met: {shown} against {threshold}{where_en}"
    elif status == "unmet":
        if o.reason == "problem":
            zh, en = f"未达标：报告将{title_zh}列为存在的问题{where}", f"Unmet: the report names {title_en} as a problem{where_en}"
        elif o.reason in ("bound", "levels"):
            # what the report says, in its words: 未达到85% is no "85% below ≥85%"
            zh, en = f"未达标：{o.note_zh}，目标{threshold}{where}", f"Unmet: {o.note_en}; the target is {threshold}{where_en}"
        elif not threshold:
            # an elimination target with a share still left ("大班额控制在4%以内")
            zh = f"未达标：仍有{shown or '未清零的部分'}，目标为全部清零{where}"
            en = f"Unmet: {shown or 'some'} remain; the target is none{where_en}"
        else:
            # an upper limit (≤, <) is missed by being above it
            above = bool(threshold) and threshold[0] in "≤<"
            if o.reason == "computed":
                shown = f"{o.note_zh}，" if lang == "zh" else f"{o.note_en}, which"
            zh = f"未达标：{shown or '所述情况'}{'超过' if above else '低于'}目标{threshold}{where}"
            en = f"Unmet: {shown or 'the stated value'} is {'above' if above else 'below'} {threshold}{where_en}"
    elif status == "planned":
        zh = f"仅有计划：只有下一步的承诺，未写明已完成情况{where}"
        en = f"Planned only: a commitment for the coming year, nothing achieved is stated{where_en}"
    elif status == "unverified":
        why_zh = o.note_zh or f"提到了{title_zh}，但没有可与目标{threshold or ''}比较的数字或全覆盖表述"
        why_en = o.note_en or f"{title_en} is mentioned, with no figure or full-coverage claim to compare with {threshold or 'the target'}"
        zh, en = f"未量化：{why_zh}{where}", f"Unverified: {why_en}{where_en}"
    else:
        zh, en = f"未提及：报告没有写到{title_zh}", f"Missing: the report does not mention {title_en}"
    if year_note[0] and status in ("met", "unmet", "planned"):
        zh += f"；{year_note[0]}"
        en += f"; {year_note[1]}"
    return zh, en


def year_note(rule: Rule, year: Optional[int]) -> tuple[str, str]:
    if len(rule.thresholds) < 2:
        return "", ""
    for lo, hi, t in rule.thresholds:
        if year is not None and (lo is None or year >= lo) and (hi is None or year <= hi):
            span = f"{lo}年起" if lo and not hi else (f"至{hi}年" if hi and not lo else f"{lo}–{hi}年")
            return (f"按报告年份{year}年适用{t.describe()}（{span}）",
                    f"{t.describe('en')} applies to report year {year} ({span.replace('年起', ' on').replace('至', 'to ').replace('年', '')})")
    return (f"报告年份不明，按最新目标{rule.thresholds[-1][2].describe()}",
            f"report year unknown; the latest target {rule.thresholds[-1][2].describe('en')} applies")
