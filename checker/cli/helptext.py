"""The command line's help in Chinese (the default) — English is the text in the code.

``localize_command`` puts the help tables of ``checker/i18n.py`` on a click command (and its sub-commands) before it runs,
and typer's help panels get Chinese titles, so ``govedu-check -h`` reads in the user's language.
A parameter without an entry keeps its English help.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from types import ModuleType
from typing import Callable

from ..i18n import (COMMAND_ZH, EPILOG_ZH, PANELS_ZH, PARAM_ZH, PARAM_ZH_BY_COMMAND, SUBCOMMANDS_EN,
                    SUBCOMMANDS_ZH)


def localize_command(cmd, lang: str, name: str = "check") -> None:
    """Chinese help on ``cmd`` (a click command or group) and its sub-commands; English as written."""
    if lang == "en":
        if name == "check":
            cmd.epilog = f"{cmd.epilog or ''}\n\n{SUBCOMMANDS_EN}".strip()
        return
    # typer imports its rich help and error panels only to print them; importing them for every
    # run would cost a sixth of a cold check (docs/performance.md), so they get Chinese titles
    # when typer imports them.
    _when_imported("typer.rich_utils", _chinese_panels)
    cmd.help = COMMAND_ZH.get(name, cmd.help)
    if name == "check":
        cmd.epilog = f"{EPILOG_ZH}\n\n{SUBCOMMANDS_ZH}"
    original_help_option = cmd.get_help_option

    def help_option(ctx):
        option = original_help_option(ctx)
        if option is not None:
            option.help = PARAM_ZH["help"]
        return option

    cmd.get_help_option = help_option
    own = PARAM_ZH_BY_COMMAND.get(name, {})
    shared = PARAM_ZH if name == "check" else {k: v for k, v in PARAM_ZH.items()
                                               if k in ("output", "config", "no_config", "context", "pack",
                                                        "plan", "summary", "old", "new", "lang")}
    for param in getattr(cmd, "params", []):
        text = own.get(param.name) or shared.get(param.name)
        if text and hasattr(param, "help"):
            param.help = text
    for sub_name, sub in (getattr(cmd, "commands", None) or {}).items():
        localize_command(sub, lang, sub_name)


def _chinese_panels(ru) -> None:
    for key, value in PANELS_ZH.items():
        setattr(ru, key, value)
    _fold_help_text(ru)


def _when_imported(name: str, apply: Callable[[ModuleType], None]) -> None:
    """``apply(module)`` once module ``name`` is imported: now if it is, else right after its import."""
    module = sys.modules.get(name)
    if module is not None:
        try:
            apply(module)
        except Exception:       # noqa: BLE001 — as in _ThenApply.exec_module
            pass
    elif not any(isinstance(f, _AfterImport) and f.name == name for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport(name, apply))


class _AfterImport(importlib.abc.MetaPathFinder):
    """Finds ``name`` as the other finders do, with a loader that runs ``apply`` after loading it."""

    def __init__(self, name: str, apply: Callable[[ModuleType], None]):
        self.name, self.apply = name, apply

    def find_spec(self, fullname, path, target=None):
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenApply(spec.loader, self.apply)
        return spec


class _ThenApply(importlib.abc.Loader):
    def __init__(self, loader, apply: Callable[[ModuleType], None]):
        self._loader, self._apply = loader, apply

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        self._loader.exec_module(module)
        try:
            self._apply(module)
        except Exception:       # noqa: BLE001 — titles are cosmetic; typer's own help and errors still work
            pass

    def __getattr__(self, attr: str):      # get_source, get_filename … for tracebacks
        return getattr(self._loader, attr)


def _fold_help_text(ru) -> None:
    """Chinese has no spaces to wrap at: let help texts fold at the column's edge instead of being
    cut with an ellipsis."""
    if getattr(ru._make_rich_text, "_folds", False):
        return
    original = ru._make_rich_text

    def make(*args, **kwargs):
        text = original(*args, **kwargs)
        if hasattr(text, "overflow"):
            text.overflow = "fold"
        return text

    make._folds = True
    ru._make_rich_text = make
