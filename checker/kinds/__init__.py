"""Check kinds: one module per kind, each with ``observe(rule, doc, ctx) -> list[Observation]``.

A rule's ``check:`` field picks the module; the verdict is decided from the observations in
``checker.evaluate``. Add a kind by adding a module and a line here.
"""
from . import elimination, measure, presence, ratio, threshold

CHECKS = {
    "presence": presence.observe,
    "threshold": threshold.observe,
    "ratio": ratio.observe,
    "elimination": elimination.observe,
    "measure": measure.observe,
}
