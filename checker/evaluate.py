"""Evaluate stage: one finding per rule per report, decided from the check's observations.

Precedence (rule catalog): an achieved figure or claim decides (the worst one when they
disagree); otherwise a problem statement (unmet); otherwise a commitment (met in a plan document;
planned in a summary or mixed one when at or above the target; unmet when below); otherwise a mere
mention (unverified); otherwise missing.
"""
from __future__ import annotations

from typing import Optional

from .checks import CHECKS
from .i18n import where as i18n_where
from .checks.common import COUNT_UNITS, Context, Observation
from .model import Document, Evidence, Finding, Rule, unit_name
from .terms import TermMatcher

_LABEL_ZH = {"achieved": "已完成", "planned": "计划", "problem": "问题"}


def decide(obs: list[Observation], kind: str) -> tuple[str, Optional[Observation], list[Observation]]:
    """(status, deciding observation, supporting observations)."""
    achieved = [o for o in obs if o.modality == "achieved" and o.outcome in ("pass", "fail")]
    if achieved:
        fails = [o for o in achieved if o.outcome == "fail"]
        if fails:
            worst = min(fails, key=lambda o: (o.value if o.value is not None else float("inf")))
            return "unmet", worst, fails
        return "met", achieved[0], achieved
    problems = [o for o in obs if o.modality == "problem"]
    if problems:
        return "unmet", problems[0], problems
    planned = [o for o in obs if o.modality == "planned" and o.outcome in ("pass", "fail")]
    if planned:
        fails = [o for o in planned if o.outcome == "fail"]
        if fails:
            return "unmet", fails[0], fails
        return ("met" if kind == "plan" else "planned"), planned[0], planned
    if obs:
        # The most informative mention: one that says why it cannot be judged, achieved first.
        # (a figure on another base says most, then a bare count, then a mere mention)
        rank = {"other-base": 0, "parts": 0, "count": 1, "no-metric": 1, "mention": 2}
        ranked = sorted(obs, key=lambda o: (rank.get(o.reason, 1), o.modality != "achieved"))
        return "unverified", ranked[0], ranked
    return "missing", None, []


def _fmt(v: Optional[float], unit: Optional[str]) -> str:
    if v is None:
        return ""
    return f"{v:g}{unit or ''}" if unit in ("%", None) else f"{v:g}{unit}"


def _messages(rule: Rule, status: str, o: Optional[Observation], threshold: str, year_note: tuple[str, str],
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


def _year_note(rule: Rule, year: Optional[int]) -> tuple[str, str]:
    if len(rule.thresholds) < 2:
        return "", ""
    for lo, hi, t in rule.thresholds:
        if year is not None and (lo is None or year >= lo) and (hi is None or year <= hi):
            span = f"{lo}年起" if lo and not hi else (f"至{hi}年" if hi and not lo else f"{lo}–{hi}年")
            return (f"按报告年份{year}年适用{t.describe()}（{span}）",
                    f"{t.describe('en')} applies to report year {year} ({span.replace('年起', ' on').replace('至', 'to ').replace('年', '')})")
    return (f"报告年份不明，按最新目标{rule.thresholds[-1][2].describe()}",
            f"report year unknown; the latest target {rule.thresholds[-1][2].describe('en')} applies")


def evaluate_rule(rule: Rule, doc: Document, ctx: Context) -> Finding:
    obs = CHECKS[rule.check](rule, doc, ctx)
    status, deciding, support = decide(obs, doc.kind)
    t = rule.threshold_for(doc.year)
    threshold = t.describe() if t else None     # measure and presence rules have none
    threshold_en = t.describe("en") if t else None
    zh, _ = _messages(rule, status, deciding, threshold or "", _year_note(rule, doc.year), doc.kind,
                      doc.normalized.source.line_label)
    _, en = _messages(rule, status, deciding, threshold_en or "", _year_note(rule, doc.year), doc.kind,
                      doc.normalized.source.line_label, lang="en")
    evidence = []
    seen = set()
    for o in ([deciding] if deciding else []) + support:
        if o is None or o.sentence.line in seen or len(evidence) >= 3:
            continue
        seen.add(o.sentence.line)
        line = o.sentence.line
        # The deciding sentence exactly as written (a substring of the original line).
        quote = _original_quote(doc, o)
        evidence.append(Evidence(line=line, text=quote, modality=o.modality,
                                 context=_around(doc.normalized.original_line(line), quote)))
    value = deciding.value if deciding and status != "missing" else None
    unit = deciding.unit if deciding and value is not None else None
    if status == "unverified" and unit not in ("%",) + COUNT_UNITS:
        value = unit = None     # "15年免费教育" is no figure on the target's base: show none
    return Finding(
        rule=rule.id, status=status, severity=rule.severity, category=rule.category, weight=rule.weight,
        value=value, unit=unit, threshold=threshold, threshold_en=threshold_en, message_zh=zh, message_en=en,
        evidence=tuple(evidence), title_zh=rule.title_zh, title_en=rule.title_en,
        suggestion_zh=rule.suggestion_zh, suggestion_en=rule.suggestion_en,
    )


def _around(line: str, quote: str, reach: int = 300) -> str:
    """The part of the original line around the quote, so a long paragraph stays readable."""
    i = line.find(quote)
    if i < 0 or len(line) <= len(quote) + 2 * reach:
        return line if len(line) <= 2 * reach + len(quote) else quote
    return line[max(0, i - reach): i + len(quote) + reach]


def _original_quote(doc: Document, o: Observation) -> str:
    """The deciding sentence as the user wrote it (original script, pinyin and all)."""
    norm = doc.normalized
    a = norm.original_offset(o.sentence.start)
    b = norm.original_offset(o.sentence.start + len(o.sentence.text) - 1) + 1
    return norm.source.text[a:b]


def make_context(rules: list[Rule], figures: Optional[dict] = None) -> Context:
    terms = set()
    for r in rules:
        terms.update(r.terms)
        subj = r.spec.get("subject", {})
        terms.update(subj.get("anchor") or [])
        for g in subj.get("all_of", []):
            terms.update(g)
        terms.update((r.spec.get("measure") or {}).get("terms") or [])
        terms.update((r.spec.get("metric") or {}).get("terms") or [])
        terms.update((r.spec.get("ratio") or {}).get("base_terms") or [])
        terms.update(subj.get("context") or [])
    return Context(matcher=TermMatcher(terms), figures=dict(figures or {}))


def evaluate(doc: Document, rules: list[Rule], ctx: Context) -> list[Finding]:
    return [evaluate_rule(r, doc, ctx) for r in rules]
