"""CLI fuzz: random and mutated reports, packs, configuration, waivers and context files through
``python -m checker``, each in a subprocess with a time limit. A run fails on a traceback, an
"internal error", an exit code other than 0/1/2, or a timeout; the input is kept under ``--keep``.

    python -m benchmarks.fuzz_cli --minutes 30            # the one long run (docs/robustness.md)
    python -m benchmarks.fuzz_cli --runs 12 --seed 1      # the short CI profile (tests/hostile)
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SPICE = ["\u200b", "\u202e", "\x1b[31m", "\x9b", "\ufeff", "\x00", "\r", "\n\n", "一、", "1. ", "(一)",
         "%", "％", "百分之", "9" * 50, "1e999", "２０２４", "達到", "巩固率", "\udcff", "<", "&#0;", "]]>",
         "\U000e0041", "\u00ad", "＝", "@x", "![i](javascript:1)", "::error::x", "|", "`", "🎉"]
YAML_SPICE = [".nan", ".inf", "-.inf", "2024-02-30", "0000-01-01", "1" * 5000, "[json]", "true", "~", "{}",
              "!!python/object:os.system", "&a [*a]", "\"\\e[2J\"", "20991231", "'", ": :", "- -"]


def mutate_text(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 20)):
        op = rng.random()
        i = rng.randrange(len(chars) + 1)
        if op < 0.4:
            chars.insert(i, rng.choice(SPICE))
        elif op < 0.6 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op < 0.8:
            chars.insert(i, chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x4e00, 0x9fff),
                                            rng.randrange(0, 0x110000)])))
        else:
            j = rng.randrange(len(chars) + 1)
            chars[i:i] = chars[min(i, j):max(i, j)][:2000] * rng.randint(1, 3)
    return "".join(chars)


def encode(rng: random.Random, text: str) -> bytes:
    enc = rng.choice(["utf-8", "utf-8", "gb18030", "utf-16", "utf-16-le", "big5", "cp1251"])
    data = text.encode(enc, errors=rng.choice(["replace", "ignore", "surrogateescape"]) if enc == "utf-8" else "replace")
    if rng.random() < 0.2 and data:     # flip some bytes
        b = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    if rng.random() < 0.1:
        data = data[: rng.randrange(len(data) + 1)]
    return data


def docx_bytes(rng: random.Random, text: str) -> bytes:
    from xml.sax.saxutils import escape

    paras = "".join(f"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{rng.choice(['0', '1', 'x', '-1', '99'])}\"/>"
                    f"<w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{escape(line)}</w:t></w:r></w:p>"
                    for line in text.split("\n")[:400] if "\x00" not in line)
    start = rng.choice(["1", "0", "-5", "1000000000000", "abc", "99999999999999999999"])
    fmt = rng.choice(["decimal", "upperRoman", "lowerLetter", "chineseCounting", "decimalFullWidth", "bogus"])
    num = (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt '
           f'w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1">'
           '<w:abstractNumId w:val="0"/></w:num>')
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        body = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{paras}</w:body></w:document>'
        body = body.encode("utf-8", "replace")
        if rng.random() < 0.2:
            b = bytearray(body)
            for _ in range(rng.randint(1, 5)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            body = bytes(b)
        zf.writestr("word/document.xml", body)
        zf.writestr("word/numbering.xml", f'<?xml version="1.0"?><w:numbering {ns}>{num}</w:numbering>')
    data = buf.getvalue()
    if rng.random() < 0.15:
        b = bytearray(data)
        b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    return data


def html_bytes(rng: random.Random, text: str) -> bytes:
    charset = rng.choice(["utf-8", "gbk", "cp1251", "koi8-r", "rot13", "hex", "base64", "utf-16", "x-nonsense"])
    attrs = " ".join(f'a{i}="{i}"' for i in range(rng.choice([0, 3, 3000])))
    body = "".join(f"<p {attrs}>{line}</p>" for line in text.split("\n")[:400])
    page = f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'
    return page.encode(rng.choice(["utf-8", "gb18030"]), errors="replace")


def pack_yaml(rng: random.Random) -> str:
    value = rng.choice(["95", "95.5", *YAML_SPICE])
    weight = rng.choice(["2", "0", "-1", *YAML_SPICE])
    title = rng.choice(["巩固率", "\"\\e[31m巩固率\\u202e\"", "[a, b]", "''"])
    return f"""pack:
  id: fuzz.pack
  version: "1.0.0"
  title: {{zh: 测试, en: Test}}
  extends: {rng.choice(['[]', '[fuzz.pack]', '[nothing]', '1'])}
rules:
  - id: fuzz.rate
    title: {{zh: {title}, en: Rate}}
    severity: {rng.choice(['error', 'warning', 'fatal'])}
    weight: {weight}
    check: {rng.choice(['threshold', 'presence', 'ratio', 'nope'])}
    subject:
      terms: [巩固率]
    metric:
      threshold: {{comparator: ">=", value: {value}, unit: "%"}}
      terms: [巩固率]
    examples:
      - {{text: "义务教育巩固率达到96%。", status: met}}
"""


def config_yaml(rng: random.Random) -> str:
    key = rng.choice(["format", "fail_under", "jobs", "lang", "fail_on", "max_input_size", "nope", "format"])
    return f"{key}: {rng.choice(YAML_SPICE + ['json', '60', '1', 'zh', '50MB'])}\n" * rng.randint(1, 2)


def waivers_yaml(rng: random.Random) -> str:
    return ("waivers:\n  - rule: access.dropout-control\n    reason: x\n    approved_by: y\n"
            f"    expires: {rng.choice(YAML_SPICE + ['2099-12-31'])}\n")


def one_case(rng: random.Random, work: Path) -> list[str]:
    for p in work.iterdir():
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()
    text = mutate_text(rng, rng.choice(SEEDS).read_text(encoding="utf-8"))
    kind = rng.choice(["txt", "txt", "md", "docx", "html", "pdf-junk"])
    if kind == "docx":
        report = work / "r.docx"
        report.write_bytes(docx_bytes(rng, text))
    elif kind == "html":
        report = work / "r.html"
        report.write_bytes(html_bytes(rng, text))
    elif kind == "pdf-junk":
        report = work / "r.pdf"
        report.write_bytes(b"%PDF-1.7\n" + encode(rng, text)[:5000])
    else:
        name = rng.choice(["r", "r\nx", "\udcb1\udca8", "-r", "=r", "r\u202etxt"])
        report = work / (name + "." + kind)
        try:
            report.write_bytes(encode(rng, text))
        except (OSError, UnicodeError):
            report = work / ("r." + kind)
            report.write_bytes(encode(rng, text))
    args = ["-f", rng.choice(["terminal", "json", "sarif", "junit", "markdown", "github", "csv", "html"]),
            "-j", "1"]
    r = rng.random()
    if r < 0.15:
        (work / "p.yaml").write_text(pack_yaml(rng), encoding="utf-8")
        args += ["--pack", str(work / "p.yaml")]
    elif r < 0.25:
        (work / "c.yaml").write_text(config_yaml(rng), encoding="utf-8")
        return ["--config", str(work / "c.yaml"), *args, str(report)]
    elif r < 0.32:
        (work / "w.yaml").write_text(waivers_yaml(rng), encoding="utf-8")
        args += ["--waivers", str(work / "w.yaml")]
    elif r < 0.38:
        (work / "ctx.yaml").write_text(f"eligible_teachers: {rng.choice(YAML_SPICE + ['1390'])}\n", encoding="utf-8")
        args += ["--context", str(work / "ctx.yaml")]
    return ["--no-config", *args, str(report)]


def run(seconds: float, runs: int, seed: int, keep: Path | None) -> dict:
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="govedu-fuzz-"))
    began, done, failures, codes = time.time(), 0, [], {}
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    try:
        while (runs and done < runs) or (not runs and time.time() - began < seconds):
            argv = one_case(rng, work)
            try:
                proc = subprocess.run([sys.executable, "-m", "checker", *argv], capture_output=True,
                                      timeout=120, env=env, cwd=work)
                err = proc.stderr.decode("utf-8", "replace")
                bad = ("Traceback" in err or "internal error" in err or proc.returncode not in (0, 1, 2))
                codes[proc.returncode] = codes.get(proc.returncode, 0) + 1
            except subprocess.TimeoutExpired:
                bad, err = True, "timeout after 120 s"
            done += 1
            if bad:
                failures.append({"argv": [os.fsdecode(a) if isinstance(a, bytes) else a for a in argv],
                                 "stderr": err[-2000:]})
                if keep is not None:
                    dest = keep / f"case{done:05d}"
                    shutil.copytree(work, dest)
                    (dest / "argv.json").write_text(json.dumps(failures[-1], ensure_ascii=False, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"runs": done, "seconds": round(time.time() - began), "failures": failures, "exit_codes": codes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=0, help="a fixed number of runs instead of a time")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--keep", type=Path, default=None, help="folder for the inputs of failing runs")
    ns = ap.parse_args()
    if ns.keep:
        ns.keep.mkdir(parents=True, exist_ok=True)
    result = run(ns.minutes * 60, ns.runs, ns.seed, ns.keep)
    print(json.dumps({k: v for k, v in result.items() if k != "failures"} | {"failures": len(result["failures"])},
                     ensure_ascii=False))
    for f in result["failures"][:20]:
        print(json.dumps(f, ensure_ascii=False)[:3000])
    sys.exit(1 if result["failures"] else 0)


if __name__ == "__main__":
    main()
