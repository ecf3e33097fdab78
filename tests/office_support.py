"""LibreOffice and poppler for the Office-output tests (not a test module).

``soffice()`` finds LibreOffice or skips the calling test with a warning that shows in the test
summary (Debian: ``apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils``).
``convert`` runs it headless with a throwaway profile, so nothing is written to the real home.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
INSTALL = "apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-wqy-microhei"


def _skip(reason: str):
    warnings.warn(reason)
    pytest.skip(reason)


def soffice(component: str = "writer") -> str:
    """The soffice binary, with the component (``writer`` or ``calc``) the test converts with."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        _skip(f"LibreOffice tests skipped: no soffice found; install it with `{INSTALL}`")
    library = {"writer": "libswlo.so", "calc": "libsclo.so"}[component]
    program = Path(path).resolve().parent
    if (program / "program").is_dir():   # a launcher script in the installation's root
        program = program / "program"
    if not any(program.glob(library + "*")) and not any(program.glob(library.replace(".so", "*"))):
        _skip(f"LibreOffice {component} tests skipped: {component} is not installed with {path}; "
              f"install it with `{INSTALL}`")
    return path


def convert(binary: str, src: Path, target: str, outdir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to target`` of ``src`` into ``outdir``; the converted file."""
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HOME=str(profile))
    cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(outdir), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=env)
    ext = target.split(":", 1)[0]
    out = outdir / (src.stem + "." + ext)
    assert proc.returncode == 0 and out.is_file(), (proc.stdout + proc.stderr)[-2000:]
    return out
