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
SUBCOMMANDS = ("packs", "explain", "init-pack", "follow-through", "diff")


def run_cli(*args, timeout: float = 300, env: dict | None = None, cwd=None,
            stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """``python -m checker --no-config ARGS`` (bytes paths allowed) with ``.seconds``."""
    began = time.perf_counter()
    argv = [sys.executable, "-m", "checker", *(a if isinstance(a, bytes) else str(a) for a in args)]
    words = [a if isinstance(a, bytes) else str(a) for a in args]
    if "--config" not in words and (not words or words[0] not in SUBCOMMANDS):
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


def make_pdf(path: Path, pages: list[list[str]], cmap: dict[int, str] | None = None,
             filler_entries: int = 0, encrypt: bytes | None = None) -> Path:
    """A PDF whose pages show ``pages`` (lines of text) in one shared Type0 font.

    Each character is drawn as a 2-byte code; one ToUnicode CMap, shared by every page, maps
    the codes back (``cmap`` may map codes to anything, e.g. a lone surrogate), padded with
    ``filler_entries`` unused entries to make the map as large as a real CJK font's.
    """
    chars = sorted({ch for page in pages for line in page for ch in line})
    codes = {ch: i + 1 for i, ch in enumerate(chars)}
    mapping = {code: ch for ch, code in codes.items()}
    mapping.update(cmap or {})
    entries = [f"<{code:04X}> <{''.join(f'{u:04X}' for u in _utf16(text))}>" for code, text in mapping.items()]
    entries += [f"<{0x8000 + i:04X}> <4E00>" for i in range(filler_entries)]
    blocks = []
    for i in range(0, len(entries), 100):
        chunk = entries[i:i + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    tounicode = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                 "/CMapName /X def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                 + "\n".join(blocks) + "\nendcmap CMapName currentdict /CMap defineresource pop end end")
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    tu = add(b"<< /Length %d >>\nstream\n" % len(tounicode.encode()) + tounicode.encode() + b"\nendstream")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
              b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [%d 0 R] "
               b"/ToUnicode %d 0 R >>" % (cid, tu))
    pages_id = len(objects) + 2 * len(pages) + 1     # after every page and its content
    kids = []
    for lines in pages:
        ops = ["BT /F1 12 Tf 14 TL 50 800 Td"]
        for line in lines:
            ops.append("<" + "".join(f"{codes[ch]:04X}" for ch in line) + "> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 600 850] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    assert len(objects) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    if encrypt is not None:
        _encrypt_pdf(path, encrypt)
    return path


def _utf16(text: str) -> list[int]:
    units = []
    for ch in text:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            units += [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
        else:
            units.append(cp)
    return units


def _encrypt_pdf(path: Path, user_password: bytes) -> None:
    """AES-256 encryption with pypdf (owner password set; ``user_password`` may be empty)."""
    import pypdf

    reader = pypdf.PdfReader(str(path))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user_password.decode(), owner_password="owner-secret",
                   algorithm="AES-256", permissions_flag=0)
    with open(path, "wb") as fh:
        writer.write(fh)
