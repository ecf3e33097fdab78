"""Time and peak memory of the hostile inputs of issue 18, each through the real CLI in its own
process (``python -m checker --no-config -f json …``): wall time, the peak resident memory from
``/usr/bin/time -f %M`` (not ``os.wait4``: a child's ru_maxrss starts at its parent's size at
fork and survives exec, so a parent that built a big input would inflate every later row), exit
code, and the first stderr line. One run writes the
table of docs/robustness.md (``--markdown``).

    python -m benchmarks.hostile --markdown > /tmp/hostile.md
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.support import UNMET_LINE, make_docx, make_pdf, numbering, para  # noqa: E402

REPORT = f"一、主要工作\n{UNMET_LINE}\n"


def measure(args: list, cwd: Path, env: dict | None = None, timeout: float = 900) -> dict:
    argv = [sys.executable, "-m", "checker", *args]
    if "--config" not in args and (not args or args[0] not in ("packs", "explain", "diff", "follow-through")):
        argv.insert(3, "--no-config")
    rss_file = cwd / ".peak-rss"
    if os.path.exists("/usr/bin/time"):
        argv = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *argv]
    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    began = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=out_f, stderr=err_f,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    deadline = began + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    out_f.seek(0)
    err_f.seek(0)
    out, err = out_f.read(), err_f.read().decode("utf-8", "replace")
    first = next((ln for ln in err.splitlines() if ln.strip() and not ln.startswith("govedu-check: gate failed")
                  and "warning: " not in ln), "")
    try:
        peak_kb = int(rss_file.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        peak_kb = usage.ru_maxrss
    return {"exit": proc.returncode, "seconds": round(seconds, 1), "peak_mb": round(peak_kb / 1024),
            "stdout_bytes": len(out), "traceback": "Traceback" in err, "stderr": first[:160],
            "stdout": out}


def dropout(result: dict) -> str:
    try:
        doc = json.loads(result["stdout"])
        f = [f for f in doc["reports"][0]["findings"] if f["rule"] == "access.dropout-control"][0]
        return f"{f['status']} {f['value']:g}" if f["value"] is not None else f["status"]
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


def cases(work: Path):
    """(item, case, build → CLI args, what the result means)."""
    def w(name: str, text: str) -> Path:
        p = work / name
        p.write_text(text, encoding="utf-8")
        return p

    yield 1, "Word numbering: upperRoman from 10¹²", lambda: ["-f", "json", make_docx(
        work / "roman.docx", para("主要工作", "1") * 200 + para(UNMET_LINE, "1"),
        numbering("upperRoman", "1000000000000"))]
    yield 1, "Word numbering: lowerLetter from 10⁹", lambda: ["-f", "json", make_docx(
        work / "letters.docx", para("主要工作", "1") * 200 + para(UNMET_LINE, "1"),
        numbering("lowerLetter", "1000000000"))]

    def zero_folder():
        d = work / "zero"
        d.mkdir()
        (d / "a.txt").write_text(REPORT, encoding="utf-8")
        (d / "zero.txt").symlink_to("/dev/zero")
        (d / "out.txt").symlink_to("/etc/hostname")
        return ["-f", "json", d]
    yield 2, "folder with `zero.txt → /dev/zero` and a link out of the folder", zero_folder

    def fifo():
        p = work / "fifo.txt"
        os.mkfifo(p)
        return [p]
    yield 2, "a FIFO", fifo
    yield 2, "a 3 KB file with `--max-input-size 1KB`", lambda: ["--max-input-size", "1KB", w("big.txt", REPORT * 60)]
    yield 3, "Markdown list numbering every item `1.` (40,000 items, 1.5 MB)", lambda: ["-f", "json", w(
        "list.md", "".join(f"1. 第{i}项工作按计划推进。\n" for i in range(40_000)) + UNMET_LINE + "\n")]
    yield 3, "40,000 lines of `一、`", lambda: ["-f", "json", w("yi.txt", "一、加强管理\n" * 40_000 + UNMET_LINE + "\n")]
    yield 4, "`义务教育巩固率达到96%，` × 30,000 (660 KB, one sentence)", lambda: ["-f", "json", w(
        "long.txt", "义务教育巩固率达到96%，" * 30_000 + "\n")]
    yield 4, "the same × 200,000 (4.5 MB)", lambda: ["-f", "json", w("long45.txt", "义务教育巩固率达到96%，" * 200_000 + "\n")]

    def big_pack():
        rng = random.Random(18)
        han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
        rules = "".join(f"""  - id: big.r{r}
    title: {{zh: 规则{r}, en: Rule {r}}}
    severity: warning
    check: presence
    subject:
      terms: [{", ".join("".join(rng.choice(han) for _ in range(3)) for _ in range(500))}]
    examples:
      - {{text: "加强校园安全。", status: missing}}
""" for r in range(312))
        pack = w("big.yaml", 'pack:\n  id: big.pack\n  version: "1.0.0"\n  title: {zh: 大, en: Big}\nrules:\n' + rules)
        return ["-f", "json", "--pack", pack, w("r.txt", REPORT)]
    yield 4, "a pack at every limit: 312 rules × 500 terms", big_pack

    def docx_cap():
        from checker.reading.formats.docx import MAX_PART_BYTES
        unit = para("加强校园安全管理。")
        return ["-f", "json", make_docx(work / "cap.docx", unit * ((MAX_PART_BYTES - 2000) // len(unit.encode())))]
    yield 5, ".docx whose document.xml unpacks to just under the 32 MB cap (~100 KB file)", docx_cap
    yield 5, "PDF: 1,000 pages sharing one ~330 KB ToUnicode map", lambda: ["-f", "json", make_pdf(
        work / "p1000.pdf", [["一、主要工作", UNMET_LINE]] * 1000, filler_entries=20_000)]
    yield 5, "PDF: 20,000 pages", lambda: ["-f", "json", make_pdf(work / "p20000.pdf", [["加强管理。"]] * 20_000)]
    yield 5, "HTML: 30 MB of attributes in one tag", lambda: ["-f", "json", w(
        "attr.html", "<html><body><h2>一、主要工作</h2><p " + 'a="b" ' * 5_000_000 + f">x</p><p>{UNMET_LINE}</p></body></html>")]

    def no_punct():
        seed = sorted((ROOT / "seeds").glob("*.txt"))[3].read_text(encoding="utf-8")
        text = re.sub(r"[，。；、：！？,.;:!?\s“”（）()]", "", seed)
        return ["-f", "json", w("nopunct.txt", (text * (5 * 2**20 // len(text.encode()) + 1))[: 5 * 2**20 // 3])]
    yield 5, "a 5 MB line without punctuation (JSON size in the last column)", no_punct
    yield 6, "zero-width space inside `巩固率` and inside `80%`", lambda: ["-f", "json", w(
        "zw.txt", "一、主要工作\n全县义务教育巩\u200b固率达到8\u200b0%。\n")]
    yield 6, "figure wrapped in RLO … PDF", lambda: ["-f", "json", w("rlo.txt", "一、主要工作\n全县义务教育巩固率达到\u202e80%\u202c。\n")]

    base = (ROOT / "tests" / "hostile" / "test_packs.py").read_text(encoding="utf-8").split('BASE = """')[1].split('"""')[0]
    yield 7, "`weight: .nan` in a pack", lambda: ["-f", "json", "--pack", w("nan.yaml", base.replace("weight: 2", "weight: .nan")), w("r.txt", REPORT)]
    yield 8, "GBK page declaring `charset=cp1251`", lambda: ["-f", "json", _write_bytes(
        work / "cp1251.html", f'<html><head><meta charset="cp1251"></head><body><h2>一、主要工作</h2><p>{UNMET_LINE}</p></body></html>'.encode("gbk"))]

    def odd_names():
        d = work / "names"
        d.mkdir()
        for name in (b"\xb1\xa8\xb8\xe6.txt", b"a\n::error file=x::pwn\n::stop-commands::t.txt"):
            (Path(os.fsdecode(os.fsencode(d) + b"/" + name))).write_text(REPORT, encoding="utf-8")
        return ["-f", "sarif", d]
    yield 9, "GBK (non-UTF-8) and multi-line file names, SARIF", odd_names
    yield 10, "configuration `format: [json]`", lambda: ["--config", w("c.yaml", "format: [json]\n"), w("r.txt", REPORT)]
    yield 10, "waiver `expires: 2024-02-30`", lambda: ["--waivers", w("wv.yaml", "waivers:\n  - rule: x\n    reason: r\n    approved_by: a\n    expires: 2024-02-30\n"), w("r.txt", REPORT)]
    yield 10, "context value of 5,000 digits", lambda: ["--context", w("ctx.yaml", "a: " + "9" * 5000 + "\n"), w("r.txt", REPORT)]

    def chain():
        d = work / "chain"
        d.mkdir()
        for i in range(500):
            t = base.replace("id: t.base", f"id: t.p{i}").replace("id: t.rate", f"id: t.rate{i}")
            if i:
                t = t.replace("  title: {zh: 测试, en: Test}\n", f"  title: {{zh: 测试, en: Test}}\n  extends: [t.p{i - 1}]\n", 1)
            (d / f"p{i:03d}.yaml").write_text(t, encoding="utf-8")
        return ["-f", "json", "--pack", d, w("r.txt", REPORT)]
    yield 10, "an `extends` chain of 500 packs", chain
    yield 11, "2,000 nested `w:sdt` in a .docx", lambda: ["-f", "json", make_docx(
        work / "sdt.docx", para("一、主要工作") + "<w:sdt><w:sdtContent>" * 2000 + para(UNMET_LINE) + "</w:sdtContent></w:sdt>" * 2000)]
    yield 11, "document.xml declared GB18030", lambda: [make_docx(work / "gb.docx", para(UNMET_LINE),
                                                              declaration='<?xml version="1.0" encoding="GB18030"?>')]
    yield 11, "HTML `charset=rot13`", lambda: ["-f", "json", w("rot.html", f'<html><head><meta charset="rot13"></head><body><h2>一、主要工作</h2><p>{UNMET_LINE}</p></body></html>')]
    yield 11, "PDF mapping a character to a lone surrogate", lambda: ["-f", "json", make_pdf(
        work / "sur.pdf", [["一、主要工作", UNMET_LINE]], cmap={sorted(set("一、主要工作" + UNMET_LINE)).index("主") + 1: "\ud800"})]
    yield 12, "ESC, C1, RLO, image, javascript: link, @mention in report text, Markdown", lambda: ["-f", "markdown", w(
        "esc.txt", "一、主要工作\n全县义务教育巩固率达到80%，\x1b[2J\x9b31m\u202eabc![p](http://t/p.png) [x](javascript:1) @everyone。\n")]
    yield 14, "no writable cache (`GOVEDU_CHECK_NO_CACHE=1`, jieba's whole dictionary, nothing in /tmp)", lambda: (
        ["-f", "json", w("r.txt", REPORT)], {"GOVEDU_CHECK_NO_CACHE": "1"})
    yield 15, "AES-256 PDF, owner password only", lambda: ["-f", "json", make_pdf(
        work / "aes.pdf", [["一、主要工作", UNMET_LINE]], encrypt=b"")]
    yield 15, "AES-256 PDF with a password to open", lambda: [make_pdf(work / "pw.pdf", [["一、主要工作", UNMET_LINE]], encrypt=b"secret")]
    yield 16, "`--pack` folder holding no YAML", lambda: ["--pack", _mkdir(work / "nopacks"), w("r.txt", REPORT)]


def _write_bytes(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def _mkdir(p: Path) -> Path:
    p.mkdir(exist_ok=True)
    return p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true", help="print the docs/robustness.md table")
    ap.add_argument("--only", type=int, default=None, help="only the cases of this item")
    ns = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="govedu-hostile-") as tmp:
        for item, name, build in cases(Path(tmp)):
            if ns.only is not None and item != ns.only:
                continue
            case_dir = Path(tmp) / f"case{len(rows):02d}"
            case_dir.mkdir()
            built = build()
            args, env = built if isinstance(built, tuple) else (built, None)
            r = measure([a if isinstance(a, (str, bytes)) else str(a) for a in args], case_dir, env)
            r.update(item=item, case=name, verdict=dropout(r))
            r["stderr"] = r["stderr"].replace(str(case_dir) + "/", "").replace(tmp + "/", "")
            rows.append(r)
            print(json.dumps({k: v for k, v in r.items() if k != "stdout"}, ensure_ascii=False), file=sys.stderr)
    if ns.markdown:
        print("| item | input | result | exit | time | peak memory |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            result = r["verdict"] and f"checked: access.dropout-control {r['verdict']}" or r["stderr"] or "checked"
            if "5 MB line" in r["case"]:
                result += f"; JSON {r['stdout_bytes'] / 1024:.0f} KB"
            if r["traceback"]:
                result = "TRACEBACK " + result
            result = result.replace("|", "\\|").replace("\n", " ")
            print(f"| {r['item']} | {r['case']} | {result} | {r['exit']} | {r['seconds']} s | {r['peak_mb']} MB |")


if __name__ == "__main__":
    main()
