"""The check-kind interface: everything a kind of target is, in one class.

As Vale keeps a check in one file and yamllint declares ``ID``, ``CONF`` and ``DEFAULT`` beside
``check()``, a kind declares here what a pack may write for it and what it means:

* ``NAME`` — the value of a rule's ``check:``;
* ``FIELDS`` — the rule keys of its own, each with its JSON Schema fragment (the pack schema's
  ``check`` enum and these properties are derived from the registered kinds);
* ``METRIC_FIELDS`` / ``SUBJECT_FIELDS`` / ``THRESHOLD`` — which shared fields it reads; a field a
  rule's kind never reads is refused by validation instead of being ignored;
* :meth:`parse` — its fields as a typed spec (``Rule.spec``), terms normalized;
* :meth:`problems` — what the schema cannot say about its fields;
* :meth:`terms` — the words the term matcher must know for it;
* :meth:`observe` — sentences to observations (``checker.evaluate`` decides the verdict);
* :meth:`met_meaning` / :meth:`unverified_meaning` — what the statuses mean for it (``explain``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Optional

from ..model import Document, Rule

Normalize = Callable[[Iterable[str]], list]


@dataclass(frozen=True)
class Problem:
    """A problem of meaning in a rule's own fields; ``where`` is relative to the rule."""

    where: tuple
    message: str
    hint: str
    key: Optional[str] = None


class Kind:
    """Base of every check kind; subclasses set the class attributes and :meth:`observe`."""

    NAME: ClassVar[str] = ""
    SUMMARY: ClassVar[tuple[str, str]] = ("", "")     # (中文, English): what it checks, one line
    FIELDS: ClassVar[dict[str, dict]] = {}             # its own rule keys → JSON Schema fragment
    METRIC_FIELDS: ClassVar[tuple[str, ...]] = ()      # keys of ``metric:`` it reads (besides the threshold)
    SUBJECT_FIELDS: ClassVar[tuple[str, ...]] = ()     # optional keys of ``subject:`` it reads (anchor, labels)
    THRESHOLD: ClassVar[str] = "none"                  # none | optional | required
    # Whether observe() itself tells work under way (探索, 试点…) from work done, claim by claim; for
    # the kinds that do not, evaluate applies the clause-level test to every passing observation.
    JUDGES_PROGRESS: ClassVar[bool] = False

    def parse(self, raw: dict, normalize: Normalize) -> Any:
        """The kind's own fields of ``raw`` as a typed spec (None when it has none)."""
        return None

    def problems(self, raw: dict) -> list[Problem]:
        return []

    def terms(self, rule: Rule) -> Iterable[str]:
        """Words besides the subject's that the term matcher must know (they are matched whole)."""
        return ()

    def observe(self, rule: Rule, doc: Document, ctx) -> list:
        raise NotImplementedError

    def met_meaning(self, rule: Rule, target: str, zh: bool) -> str:
        return "写到了，且不是作为问题" if zh else "it is written about, not as a problem"

    def unverified_meaning(self, rule: Rule, zh: bool) -> str:
        return "提到了，但无法判断" if zh else "mentioned, but it cannot be judged"


def words(xs: Iterable[str], n: int = 6, sep: str = "、") -> str:
    """A short list for a meaning or message: the first ``n`` words and an ellipsis."""
    xs = list(xs or [])
    return sep.join(xs[:n]) + ("…" if len(xs) > n else "")


PLAN_COUNTS = ("计划类文件中，承诺达到目标也算达标", "in a plan, a commitment at or above the target counts")
