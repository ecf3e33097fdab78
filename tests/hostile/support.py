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


# ---------------------------------------------------------------- building hostile files
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path, body: str, numbering: str | None = None, declaration: str = "") -> Path:
    """A minimal .docx: ``body`` is the inside of <w:body>, ``numbering`` of <w:numbering>."""
    import zipfile

    head = declaration or '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", f'{head}<w:document xmlns:w="{W_NS}"><w:body>{body}'
                    '</w:body></w:document>')
        if numbering is not None:
            zf.writestr("word/numbering.xml", f'<?xml version="1.0"?><w:numbering xmlns:w="{W_NS}">'
                        f'{numbering}</w:numbering>')
    return path


def para(text: str, num_id: str | None = None, ilvl: str = "0") -> str:
    num = (f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
           if num_id is not None else "")
    return f"<w:p>{num}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbering(fmt: str, start: str, text: str = "%1.", ilvl: str = "0") -> str:
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
