"""Two drafts of one report: which verdicts changed, and how the score and categories moved."""
from __future__ import annotations

from ..score import CREDIT


def compare(old, new) -> dict:
    """What changed between two ReportResults of the same packs: verdicts, scores, categories."""
    old_by_rule = {f.rule: f for f in old.findings}
    changes, unchanged = [], 0
    for f_new in new.findings:
        f_old = old_by_rule.get(f_new.rule)
        if f_old is None:
            continue
        if f_old.status == f_new.status:
            unchanged += 1
            continue
        delta = CREDIT[f_new.status] - CREDIT[f_old.status]
        changes.append({"old": f_old, "new": f_new,
                        "direction": "better" if delta > 0 else "worse" if delta < 0 else "same"})
    # Worse changes first (what a reviewer must look at), then by severity and rule.
    order = {"worse": 0, "same": 1, "better": 2}
    severity = {"error": 0, "warning": 1, "info": 2}
    changes.sort(key=lambda c: (order[c["direction"]], severity.get(c["new"].severity, 3), c["new"].rule))
    old_cats = {c.category: c.score for c in old.categories}
    categories = []
    for c in new.categories:
        before = old_cats.get(c.category)
        moved = None if before is None or c.score is None else round(c.score - before, 1)
        categories.append((c.category, before, c.score, moved))
    return {"old": old, "new": new, "changes": changes, "unchanged": unchanged,
            "score_delta": round(new.score - old.score, 1), "categories": categories}
