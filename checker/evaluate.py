"""Evaluate stage: one finding per rule per report, decided from the check's observations.

Precedence (rule catalog): an achieved figure or claim decides (the worst one when they
disagree); otherwise a problem statement (unmet); otherwise a commitment (met in a plan document;
planned in a summary or mixed one when at or above the target; unmet when below); otherwise a mere
mention (unverified); otherwise missing.
"""
from __future__ import annotations

from typing import Optional

from .kinds import kind_of
from .kinds.common import COUNT_UNITS, Context, Observation
from .language.terms import TermMatcher
from .messages import messages, year_note
from .model import Document, Evidence, Finding, Rule


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
        rank = {"other-base": 0, "parts": 0, "count": 1, "mention": 2}
        ranked = sorted(obs, key=lambda o: (rank.get(o.reason, 1), o.modality != "achieved"))
        return "unverified", ranked[0], ranked
    return "missing", None, []


def evaluate_rule(rule: Rule, doc: Document, ctx: Context) -> Finding:
    obs = kind_of(rule.check).observe(rule, doc, ctx)
    status, deciding, support = decide(obs, doc.kind)
    t = rule.threshold_for(doc.year)
    threshold = t.describe() if t else None     # measure and presence rules have none
    threshold_en = t.describe("en") if t else None
    zh, _ = messages(rule, status, deciding, threshold or "", year_note(rule, doc.year), doc.kind,
                      doc.normalized.source.line_label)
    _, en = messages(rule, status, deciding, threshold_en or "", year_note(rule, doc.year), doc.kind,
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
        context = _around(doc.normalized.original_line(line), quote)
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
    )


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
    return norm.source.text[a:b]


def make_context(rules: list[Rule], figures: Optional[dict] = None) -> Context:
    terms = set()
    for r in rules:
        subj = r.subject
        terms.update(subj.terms, subj.anchor, subj.context, *subj.all_of)
        terms.update(kind_of(r.check).terms(r))
    return Context(matcher=TermMatcher(terms), figures=dict(figures or {}))


def evaluate(doc: Document, rules: list[Rule], ctx: Context) -> list[Finding]:
    return [evaluate_rule(r, doc, ctx) for r in rules]
