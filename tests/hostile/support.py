"""Helpers shared by the hostile-input tests (not a test module).

Every case runs the real CLI (``python -m checker --no-config``) in a subprocess, as a user or a
CI job would, with a time limit: a hang or a quadratic blow-up fails the test by its timeout
instead of stalling the suite. No test asserts a time; ``benchmarks/hostile.py`` measures them.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USAGE_ERROR = 2


def run_cli(*args, timeout: float = 300, env: dict | None = None, cwd=None,
            stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """``python -m checker --no-config ARGS`` (bytes paths allowed) with ``.seconds``."""
    began = time.perf_counter()
    argv = [sys.executable, "-m", "checker", *(a if isinstance(a, bytes) else str(a) for a in args)]
    if "--config" not in [str(a) for a in args]:
        argv.insert(3, "--no-config")
    full_env = dict(os.environ, **(env or {}))
    full_env.setdefault("PYTHONPATH", str(ROOT))
    proc = subprocess.run(argv, capture_output=True, cwd=cwd or ROOT, timeout=timeout,
                          env=full_env, input=stdin)
    proc.seconds = time.perf_counter() - began
    return proc


def err_text(proc) -> str:
    text = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert "内部错误" not in text and "internal error" not in text.lower(), text
    return text


def one_line_error(proc, *words: str) -> str:
    """Exit 2, no traceback, one stderr line holding each of ``words``."""
    err = err_text(proc)
    assert proc.returncode == USAGE_ERROR, (proc.returncode, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def checked(proc) -> dict:
    """The JSON of a run that checked its reports (exit 0 or 1, no traceback)."""
    err = err_text(proc)
    assert proc.returncode in (0, 1), err
    return json.loads(proc.stdout)


def statuses(report: dict) -> dict:
    return {f["rule"]: (f["status"], f["value"]) for f in report["findings"]}


# One error-severity threshold rule (access.dropout-control: 巩固率 ≥ 95%) read as unmet.
UNMET_LINE = "全县义务教育巩固率达到80%。"
