"""Score stage: a weighted 0–100 score per report and per category.

Each rule earns a share of its weight by status — met 1, planned 0.5, unverified 0.25, missing 0 —
and the score is 100 × earned / total weight. An unmet rule earns what the report would have
earned without stating its shortfall, and at least a mention's 0.25: stating a shortfall never
scores lower than leaving it out. The formula is documented in docs/scoring.md; waived findings
and rules not in force in the report's year are left out of both sums.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

from .model import STATUSES, CategoryScore, Finding

CREDIT = {"met": 1.0, "planned": 0.5, "unverified": 0.25, "unmet": 0.25, "missing": 0.0}


def credit(f: Finding) -> float:
    """The share of its weight a finding earns (an unmet one: at least what silence would earn)."""
    if f.status == "unmet" and f.without_shortfall:
        return max(CREDIT["unmet"], CREDIT[f.without_shortfall])
    return CREDIT[f.status]


def weighted_score(findings: Iterable[Finding]) -> float | None:
    total = earned = 0.0
    for f in findings:
        if not f.counts:
            continue
        total += f.weight
        earned += f.weight * credit(f)
    if not total:
        return None
    score = 100.0 * earned / total
    # Packs refuse non-finite numbers; should one slip in, a NaN score must fail, not pass, a gate.
    return round(score, 1) if math.isfinite(score) else 0.0


def category_scores(findings: list[Finding]) -> tuple[CategoryScore, ...]:
    cats: dict[str, list[Finding]] = {}
    for f in findings:
        cats.setdefault(f.category, []).append(f)
    out = []
    for cat, fs in cats.items():
        counts = Counter(f.status for f in fs if f.in_force)
        out.append(CategoryScore(cat, weighted_score(fs), {s: counts.get(s, 0) for s in STATUSES}))
    return tuple(out)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings by status, of the rules in force (a rule not in force is counted apart)."""
    c = Counter(f.status for f in findings if f.in_force)
    return {s: c.get(s, 0) for s in STATUSES}
