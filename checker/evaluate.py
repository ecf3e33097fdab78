"""Evaluate stage: one finding per rule per report, decided from the check's observations.

Precedence (rule catalog): an achieved figure or claim decides (the worst one when they
disagree); otherwise a problem statement (unmet); otherwise a commitment (met in a plan document;
planned in a summary or mixed one when at or above the target; unmet when below); otherwise a mere
mention (unverified); otherwise missing.
"""
from __future__ import annotations

from typing import Optional

from .kinds import kind_of
from .kinds.common import COUNT_UNITS, IN_PROGRESS, Context, Observation, in_progress, under_way
from .language.terms import TermMatcher
from .memo import IdentityMemo
from .messages import messages, year_note
from .model import Document, Evidence, Finding, Rule


def decide(obs: list[Observation], kind: str, upper: bool = False) -> tuple[str, Optional[Observation], list[Observation]]:
    """(status, deciding observation, supporting observations).

    ``upper``: the target is an upper limit (≤), so the largest failing figure is the worst."""
    achieved = [o for o in obs if o.modality == "achieved" and o.outcome in ("pass", "fail")]
    if achieved:
        fails = [o for o in achieved if o.outcome == "fail"]
        if fails:
            if upper:
                worst = max(fails, key=lambda o: (o.value if o.value is not None else float("-inf")))
            else:
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
        # (work still under way says most: the figure beside it is no result yet)
        rank = {"in-progress": -1, "other-base": 0, "parts": 0, "bound": 0, "count": 1, "no-metric": 1, "mention": 2}
        ranked = sorted(obs, key=lambda o: (rank.get(o.reason, 1), o.modality != "achieved"))
        return "unverified", ranked[0], ranked
    return "missing", None, []


def is_shortfall(o: Observation) -> bool:
    """An observation that states a shortfall: a figure below the target, or a problem statement."""
    return o.outcome == "fail" or o.modality == "problem"


def without_shortfall(obs: list[Observation], kind: str) -> str:
    """The status the rule would get had the report not stated its shortfalls (docs/scoring.md):
    an unmet finding earns at least this much, so deleting the sentence never raises the score."""
    return decide([o for o in obs if not is_shortfall(o)], kind)[0]


def _under_way_if_so(rule: Rule, o: Observation, ctx: Context) -> Observation:
    """A passing observation whose every clause about the subject says the work is under way
    (探索, 试点, 正在推进…) is no result yet (for kinds that do not tell it claim by claim)."""
    if o.outcome != "pass" or o.reason == IN_PROGRESS:
        return o
    cue = in_progress(rule, o.sentence, ctx)
    return under_way(o, cue) if cue else o


def evaluate_rule(rule: Rule, doc: Document, ctx: Context) -> Finding:
    kind = kind_of(rule.check)
    obs = kind.observe(rule, doc, ctx)
    if not obs:
        return _not_mentioned(rule, doc)
    return _finding(rule, kind, obs, doc, ctx)


def _not_mentioned(rule: Rule, doc: Document) -> Finding:
    """The finding of a rule the report does not mention (status missing).

    It depends on the rule and the report's year, kind and line label only, so it is made once
    per run and the same (frozen) object is shared by every report like it: with 93 rules two
    findings in three are of this sort, and renderers may keep the text of such a shared
    finding instead of writing it again (render/json_out.py)."""
    return _MISSING.get(rule, (doc.year, doc.kind, doc.normalized.source.line_label),
                        lambda: _finding(rule, kind_of(rule.check), [], doc, None))


def _finding(rule: Rule, kind, obs: list[Observation], doc: Document, ctx: Optional[Context]) -> Finding:
    if not kind.JUDGES_PROGRESS:
        obs = [_under_way_if_so(rule, o, ctx) for o in obs]
    t = rule.threshold_for(doc.year)
    own = getattr(kind, "target_text", None)    # kinds whose target is their own block (by stage …)
    upper = (t is not None and t.comparator in ("<=", "<")) or \
        getattr(rule.spec, "comparator", None) in ("<=", "<")
    status, deciding, support = decide(obs, doc.kind, upper)
    fixed = _fixed_texts(rule, doc, t, own, status if deciding is None else None)
    threshold, threshold_en, force, source = fixed[:4]
    if deciding is None:
        zh, en = fixed[4]
    else:
        line_label = doc.normalized.source.line_label
        zh, _ = messages(rule, status, deciding, threshold or "", fixed[5], doc.kind, line_label)
        _, en = messages(rule, status, deciding, threshold_en or "", fixed[5], doc.kind, line_label, lang="en")
    if rule.in_force is not None and doc.year is None:
        zh += f"（未能识别报告年份，按已施行处理：本规则自{rule.in_force.since_zh()}起适用）"
        en += f" (the report's year could not be told, so the rule, in force from {rule.in_force.since_en()}, is applied)"
    evidence = []
    seen = set()
    for o in ([deciding] if deciding else []) + support:
        if o is None or o.sentence.line in seen or len(evidence) >= 3:
            continue
        seen.add(o.sentence.line)
        line = o.sentence.line
        # The deciding sentence exactly as written (a substring of the original line, or of the
        # lines a page layout broke it over, joined back).
        quote = _original_quote(doc, o)
        context = _around(doc.normalized.original_paragraph(line), quote)
        if len(quote) > MAX_QUOTE:
            quote = context = _cut_quote(quote, rule)
        evidence.append(Evidence(line=line, text=quote, modality=o.modality, context=context))
    value = deciding.value if deciding and status != "missing" else None
    unit = deciding.unit if deciding and value is not None else None
    if status == "unverified" and unit not in ("%",) + COUNT_UNITS:
        value = unit = None     # "15年免费教育" is no figure on the target's base: show none
    return Finding(
        rule=rule.id, status=status, severity=rule.severity, category=rule.category, weight=rule.weight,
        value=value, unit=unit, threshold=threshold, threshold_en=threshold_en, message_zh=zh, message_en=en,
        evidence=tuple(evidence), title_zh=rule.title_zh, title_en=rule.title_en,
        suggestion_zh=rule.suggestion_zh, suggestion_en=rule.suggestion_en,
        in_force=force is None, in_force_from=rule.in_force.from_text if rule.in_force else None,
        in_force_note_zh=force[0] if force else "", in_force_note_en=force[1] if force else "",
        source=dict(source) if source else source, without_shortfall=without_shortfall(obs, doc.kind) if status == "unmet" else None,
    )


# What a finding says that depends on the rule and the report's year, kind and line label only,
# kept per run: with 93 rules, most of them not mentioned by a report, these texts were most of
# what a missing rule cost. Keyed by the rule's identity (memo.py).
_FIXED = IdentityMemo(8192)
_MISSING = IdentityMemo(8192)      # a not-mentioned rule's whole finding: see _not_mentioned


def _fixed_texts(rule: Rule, doc: Document, t, own, status: Optional[str]) -> tuple:
    """(target zh, target en, in-force notes, source, (zh, en) message for ``status`` without a
    deciding observation or None, year note)."""
    line_label = doc.normalized.source.line_label
    return _FIXED.get(rule, (doc.year, doc.kind, line_label, status),
                      lambda: _work_out_fixed_texts(rule, doc, t, own, status, line_label))


def _work_out_fixed_texts(rule: Rule, doc: Document, t, own, status: Optional[str], line_label: str) -> tuple:
    threshold = own(rule, doc.year, "zh") if own else (t.describe() if t else None)  # measure rules have none
    threshold_en = own(rule, doc.year, "en") if own else (t.describe("en") if t else None)
    note = year_note(rule, doc.year)
    said = None
    if status is not None:
        said = (messages(rule, status, None, threshold or "", note, doc.kind, line_label)[0],
                messages(rule, status, None, threshold_en or "", note, doc.kind, line_label, lang="en")[1])
    return threshold, threshold_en, in_force_notes(rule, doc.year), source_of(rule), said, note


def in_force_notes(rule: Rule, year: Optional[int]) -> Optional[tuple[str, str]]:
    """(zh, en) saying why the rule does not apply to a report of ``year``; None when it applies."""
    f = rule.in_force
    if f is None or f.applies(year):
        return None
    if year is not None and year < f.from_year:
        return f"不适用（自{f.since_zh()}起）", f"not applicable (in force from {f.since_en()})"
    zh = f"不适用（一次性步骤，适用至{f.until}年）"
    en = f"not applicable (a one-off step, up to {f.until})"
    if f.later_zh:
        zh += f"；此后应写明：{f.later_zh}"
        en += f"; a later report should show: {f.later_en}"
    return zh, en


SOURCE_KEYS = ("document", "issuer", "year", "number", "confirmed")


def source_of(rule: Rule) -> Optional[dict]:
    """The rule's source as a finding carries it: document, issuer, year, 文号 (only when confirmed)."""
    src = rule.source or {}
    if not src.get("document"):
        return None
    out = {k: src[k] for k in SOURCE_KEYS if src.get(k) is not None}
    if src.get("confirmed") is False:
        out.pop("number", None)      # a 文号 not confirmed is not shown as a fact
    out["confirmed"] = src.get("confirmed") is not False
    return out


# Longest quote of a sentence in a finding. A 5 MB line without punctuation is one "sentence";
# quoted whole by each of 33 findings it made 158 MB of JSON. Longer quotes are cut around the
# rule's subject, with an ellipsis (…) where text was left out.
MAX_QUOTE = 600


def _cut_quote(quote: str, rule: Rule) -> str:
    at = min((i for i in (quote.find(t) for t in rule.subject.terms[:50]) if i >= 0), default=0)
    start = max(0, min(at - MAX_QUOTE // 3, len(quote) - MAX_QUOTE))
    end = start + MAX_QUOTE
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")


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
    return norm.original_text(a, b)


def make_context(rules: list[Rule], figures: Optional[dict] = None) -> Context:
    terms = set()
    for r in rules:
        subj = r.subject
        terms.update(subj.terms, subj.anchor, subj.context, *subj.all_of)
        terms.update(kind_of(r.check).terms(r))
    return Context(matcher=TermMatcher(terms), figures=dict(figures or {}))


def evaluate(doc: Document, rules: list[Rule], ctx: Context) -> list[Finding]:
    return [evaluate_rule(r, doc, ctx) for r in rules]
