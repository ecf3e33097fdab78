"""Settings shared by the whole test suite: hypothesis profiles.

Two profiles, picked with the ``HYPOTHESIS_PROFILE`` environment variable:

* ``ci`` (the default) — few examples per property, so the suite stays fast on a small runner;
* ``long`` — many more examples, for a deeper run before a release
  (``HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py``).

Both switch hypothesis's per-example deadline off: the first call into the pipeline loads
jieba's dictionary and OpenCC's tables, which takes far longer than any later example, and
a shared machine's load makes timings noisy. Speed is claimed only from ``benchmarks/``.
Tests that run the whole pipeline per example ask for a fraction of the profile's examples
(see ``examples`` in tests/test_properties.py).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
