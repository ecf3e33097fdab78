"""The CLI fuzz's short CI profile (benchmarks/fuzz_cli.py): a fixed number of mutated reports,
Word files, web pages, packs, configuration, waivers and context files through the real CLI;
no run may end in a traceback, an "internal error", an odd exit code or a timeout. The long run
(30 minutes, once) is in docs/robustness.md."""
from __future__ import annotations

import pytest

from benchmarks import fuzz_cli


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_cli_fuzz_short_profile(seed):
    result = fuzz_cli.run(seconds=0, runs=10, seed=seed, keep=None)
    assert result["runs"] == 10
    assert result["failures"] == [], result["failures"][:3]
    assert set(result["exit_codes"]) <= {0, 1, 2}
