"""Option parsing without pydantic (checker/cli/quickparams.py) converts as typer does.

Every parameter of the check command is converted both ways — by the QuickParam the CLI
installs and by the pydantic adapter typer builds — and must come out equal, with errors
left to typer. A real cold check must not import pydantic at all, and ``--version`` must
answer without typer.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.core import _TyperParameter
from typer.main import get_command
from typer._click.exceptions import BadParameter

from checker import __version__
from checker.cli.check import check_app
from checker.cli.quickparams import QuickParam, quicken

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "002_cd53b06fa843de20.txt"

VALUES = {
    "paths": [("a.txt", "-", "reports/"), ("seeds",)],
    "fmt": ["json", "sarif", "terminal", "JSON", "bogus"],
    "output": ["out.json", "-"],
    "pack": [("p.yaml",), ("a", "b")],
    "lang": ["zh", "en", "fr"],
    "context": ["ctx.yaml"],
    "fail_under": ["80", "0", "100", "80.5", "101", "-1", "abc", "1e2", "07"],
    "fail_on": [("unmet,missing",), ("none",)],
    "waivers": ["w.yaml"],
    "jobs": ["1", "2", "16", "0", "-3", "1.5", "x", "007"],
    "config": ["c.toml"],
}


def params():
    command = get_command(check_app)
    return {p.name: p for p in command.params if isinstance(p, _TyperParameter)}, command


def convert(runtime, value, param, ctx):
    try:
        return ("ok", runtime.coerce(value, param=param, ctx=ctx))
    except BadParameter as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("name", sorted(VALUES))
def test_every_check_option_converts_as_typer_does(name):
    from typer._coercion import build_runtime_param
    from typer._click.core import Context

    by_name, command = params()
    param = by_name[name]
    ctx = Context(command)
    real = build_runtime_param(param.type_descriptor)
    quick = QuickParam(param)
    for value in VALUES[name] + [None]:
        got, want = convert(quick, value, param, ctx), convert(real, value, param, ctx)
        assert got == want, (name, value)
        assert type(got[1]) is type(want[1]), (name, value)


def test_quicken_installs_on_every_parameter_and_the_help_option():
    from typer._click.core import Context

    _, command = params()
    quicken(command)
    assert all(isinstance(p._runtime_param, QuickParam) for p in command.params if isinstance(p, _TyperParameter))
    help_option = command.get_help_option(Context(command))
    assert isinstance(help_option._runtime_param, QuickParam)


def test_a_cold_check_does_not_import_pydantic(tmp_path):
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "checker", str(SEED), "--format", "json",
                           "--no-config", "--jobs", "1", "--fail-under", "10", "-o", str(tmp_path / "out.json")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert "checker.cli.check" in imported and "typer" in imported
    assert not [m for m in imported if m.startswith("pydantic")]
    assert (tmp_path / "out.json").read_text(encoding="utf-8").startswith("{")


def test_bad_option_values_still_get_typers_messages(tmp_path):
    import os

    env = {**os.environ, "COLUMNS": "300"}      # the error box wraps long messages at the width
    proc = subprocess.run([sys.executable, "-m", "checker", str(SEED), "--jobs", "0"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300, env=env)
    assert proc.returncode == 2 and "--jobs" in proc.stderr and "greater than or equal to 1" in proc.stderr


def test_version_answers_without_typer():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "checker", "--version"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout == f"govedu-check {__version__}\n"
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert "typer" not in imported and "checker" in imported
