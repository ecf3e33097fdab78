"""The patterns searched over every sentence let the regex engine skip ahead.

When every alternative of a pattern starts with a literal character, ``re`` records the set of
those characters and skips to the next position holding one; a single alternative that starts
with a lookbehind (``(?<!评)估计``) or a group (``(?:文件|通知)明确``) takes that away, and every
alternative is then tried at every character of every sentence. That cost `_PLAN_WORDS` seven
times its time once (docs/performance.md, issue 17, sixth round), silently: the verdicts do
not change. So this asserts the property itself, from the compiled program's header.
"""
from __future__ import annotations

import re

import pytest

try:                                     # Python 3.11+
    from re import _compiler as sre_compile, _constants as sre_constants, _parser as sre_parse
except ImportError:                      # Python 3.10
    import sre_compile, sre_constants, sre_parse  # type: ignore[no-redef]

from checker.language import claims
from checker.reading import structure

SENTENCE_WIDE = {
    "structure._PROBLEM_WORDS": structure._PROBLEM_WORDS,
    "structure._PLAN_WORDS": structure._PLAN_WORDS,
    "structure._ACHIEVED_WORDS": structure._ACHIEVED_WORDS,
    "structure.PROGRESS_WORDS": structure.PROGRESS_WORDS,
    "claims._CLEARED": claims._CLEARED,
}


def _skips_ahead(pattern: re.Pattern) -> bool:
    code = sre_compile._code(sre_parse.parse(pattern.pattern, pattern.flags), pattern.flags)
    if code[0] != sre_constants.INFO:
        return False
    return bool(code[2] & (sre_constants.SRE_INFO_PREFIX | sre_constants.SRE_INFO_CHARSET))


@pytest.mark.parametrize("name", sorted(SENTENCE_WIDE))
def test_every_alternative_starts_with_a_character(name):
    assert _skips_ahead(SENTENCE_WIDE[name]), (
        f"{name}: an alternative starts with a lookbehind or a group; write the lead character "
        "first (估计(?<!评估计), or one alternative per lead word with _each)")


def test_the_check_tells_a_pattern_that_cannot_skip():
    assert _skips_ahead(re.compile(r"估计(?<!评估计)|据预测"))
    assert not _skips_ahead(re.compile(r"(?<!评)估计|据预测"))
    assert not _skips_ahead(re.compile(r"(?:文件|通知)明确|据预测"))
