"""A deterministic corpus of work reports built from the seeds, for the benchmark.

Report ``i`` depends only on the seeds, the corpus seed and ``i`` — never on N — so the corpus of
100 reports is exactly the first 100 files of the corpus of 1,000, and two runs on two machines
check byte-identical files. Each report is one seed, varied the ways real reports of other
bureaus differ from it:

* sections shuffled: the (一)(二)… sub-sections inside each part, and the parts themselves when a
  report has three or more, renumbered so the numbering still reads 一、二、三;
* figures varied: every number written with a unit (人, 所, %, 万元 …) is moved by up to ±30 %
  (percentages stay at or below 100), years and dates are kept;
* names varied: the bureau's county or city is replaced by another real one;
* scripts mixed: about a third of the Simplified reports are converted to Traditional with
  OpenCC ``s2t``, and a third of the Traditional ones to Simplified with ``t2s``;
* encodings mixed: UTF-8, UTF-8 with a BOM, GB18030 and UTF-16 (with its BOM).

That corpus (``kind="seeded"``) flatters: five seeds, so most of its sentences repeat from report
to report (78 % at N = 100, 89 % at N = 1,000), and the checker's per-sentence caches turn the
repeats into free work. The headline corpus (``kind="varied"``, the default) also varies every
sentence of the body text, so that almost none repeats across the corpus (the benchmark measures
and prints the share, :func:`repeat_share`):

* sentences reordered inside each paragraph;
* common words replaced by synonyms (加强/强化, 推进/推动 …), each report its own choice;
* every body sentence led by a connective and a time phrase (同时，今年以来，…) chosen from the
  sentence and the report's number so that the same sentence of the same seed reads
  differently in each of the first 5 × 224 reports;
* the figures, names, scripts and encodings varied as above.

    python -m benchmarks.corpus OUT_DIR [--n 1000] [--seed 7] [--kind varied|seeded]
"""
from __future__ import annotations

import argparse
import random
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "seeds"

# (encoding, share): the mix of encodings county bureaus' files arrive in.
ENCODINGS = (("utf-8", 0.55), ("utf-8-sig", 0.05), ("gb18030", 0.25), ("utf-16", 0.15))
SCRIPT_SWAP_SHARE = 1 / 3
FIGURE_SPREAD = 0.30

# Real county-level units (Shandong, Shanxi, Anhui, Hunan) to give the reports other bureaus' names.
PLACES = (
    "历城区", "章丘区", "平阴县", "商河县", "胶州市", "平度市", "莱西市", "临朐县", "昌乐县", "青州市",
    "诸城市", "寿光市", "安丘市", "高密市", "沂水县", "郯城县", "兰陵县", "费县", "平邑县", "蒙阴县",
    "沂南县", "临沭县", "五莲县", "东平县", "宁阳县", "肥城市", "新泰市", "曲阜市", "邹城市", "微山县",
    "襄垣县", "屯留区", "平顺县", "黎城县", "壶关县", "长子县", "武乡县", "沁县", "沁源县", "潞城区",
    "枞阳县", "义安区", "郊区", "铜官区", "浏阳市", "宁乡市", "长沙县", "攸县", "茶陵县", "炎陵县",
)

_CN_NUM = "一二三四五六七八九十"
_LEVEL1 = re.compile(rf"^(\s*)([{_CN_NUM}]{{1,3}})(\s*[、.,])")
_LEVEL2 = re.compile(rf"^(\s*[(（])([{_CN_NUM}]{{1,3}})([)）])")
# A number with a unit: the figures a checker compares. Years (2021年) and dates are left alone.
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(%|％|个百分点|万元|亿元|元|万人|人次|人|名|所|个|间|班|家|项|次|小时|平方米))")
# The bureau's own place, as a line or a "发布机构:" field starts with it ("桓台县教育和体育局");
# words like 全市/本县 are no place names.
_PLACE = re.compile(r"(?:^|(?<=[\s:：]))([\u4e00-\u9fff]{1,3}?[县市区])(?=教育|教体)", re.M)
_NOT_A_PLACE_START = "全本各我该省市县区"


@dataclass(frozen=True)
class Seed:
    name: str
    text: str


def load_seeds(folder: Path = SEEDS_DIR) -> list[Seed]:
    """The seed reports (UTF-8 text files), in name order."""
    files = sorted(p for p in folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"{folder}: no seed reports (*.txt) found")
    return [Seed(p.name, p.read_text(encoding="utf-8")) for p in files]


# ---------------------------------------------------------------- variations
def _cn_numeral(n: int) -> str:
    if n <= 10:
        return _CN_NUM[n - 1]
    if n < 20:
        return "十" + (_CN_NUM[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _CN_NUM[tens - 1] + "十" + (_CN_NUM[ones - 1] if ones else "")


def _split_at(lines: list[str], pattern: re.Pattern) -> tuple[list[str], list[list[str]]]:
    """(lines before the first heading, blocks each starting at a heading line)."""
    head: list[str] = []
    blocks: list[list[str]] = []
    for ln in lines:
        if pattern.match(ln):
            blocks.append([ln])
        elif blocks:
            blocks[-1].append(ln)
        else:
            head.append(ln)
    return head, blocks


def _renumber(blocks: list[list[str]], pattern: re.Pattern) -> list[list[str]]:
    out = []
    for i, block in enumerate(blocks, 1):
        first = pattern.sub(lambda m: m.group(1) + _cn_numeral(i) + m.group(3), block[0], count=1)
        out.append([first] + block[1:])
    return out


def shuffle_sections(text: str, rng: random.Random) -> str:
    """Shuffle the (一)(二)… blocks inside every part, and the parts when there are three or more."""
    lines = text.split("\n")
    head, parts = _split_at(lines, _LEVEL1)
    if not parts:
        return text
    new_parts = []
    for part in parts:
        lead, subs = _split_at(part[1:], _LEVEL2)
        if len(subs) >= 2:
            rng.shuffle(subs)
            subs = _renumber(subs, _LEVEL2)
        new_parts.append([part[0]] + lead + [ln for sub in subs for ln in sub])
    if len(new_parts) >= 3:
        rng.shuffle(new_parts)
        new_parts = _renumber(new_parts, _LEVEL1)
    return "\n".join(head + [ln for part in new_parts for ln in part])


def vary_figures(text: str, rng: random.Random) -> str:
    def change(m: re.Match) -> str:
        raw, unit = m.group(1), m.group(2)
        value = float(raw) * (1 + rng.uniform(-FIGURE_SPREAD, FIGURE_SPREAD))
        if unit in ("%", "％"):
            value = min(value, 100.0)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        return f"{value:.{decimals}f}" if decimals else str(max(int(round(value)), 0))

    return _FIGURE.sub(change, text)


def vary_names(text: str, rng: random.Random) -> str:
    found = [m.group(1) for m in _PLACE.finditer(text[:2000]) if m.group(1)[0] not in _NOT_A_PLACE_START]
    if not found:
        return text
    own = max(sorted(set(found)), key=found.count)   # sorted: ties broken the same way in every run
    return text.replace(own, rng.choice(PLACES))


# Synonyms of the words work reports are made of: each report picks its own side of each pair.
SYNONYMS = (
    ("加强", "强化"), ("推进", "推动"), ("进一步", "持续"), ("扎实", "切实"), ("不断", "持续"),
    ("全面", "全方位"), ("积极", "主动"), ("深入", "深化"), ("完善", "健全"), ("开展", "组织"),
    ("提升", "提高"), ("落实", "执行"), ("促进", "推动"), ("建立", "建成"), ("实现", "达成"),
    ("重点", "着力"), ("坚持", "始终坚持"), ("组织", "组织开展"), ("广大", "全体"), ("取得", "获得"),
)
# Neutral lead-ins: no planning words (计划, 将) and no negations, so verdicts are not steered.
CONNECTIVES = ("", "同时，", "此外，", "另外，", "与此同时，", "在此基础上，", "具体来看，", "总体上，",
               "按照部署，", "围绕目标，", "对照要求，", "从实际看，", "结合实际，", "统筹推进中，",
               "其中，", "一方面，")
TIME_PHRASES = ("", "今年以来，", "近年来，", "一年来，", "本年度，", "年内，", "全年，", "上半年，",
                "下半年，", "截至年底，", "报告期内，", "自年初以来，", "本期，", "这一年，")
# Lines that are no sentences (headings, titles, a web page's leftovers) get a lead word and a
# closing word instead: 16 × 14 = 224 pairs again.
HEADING_LEADS = ("", "着力", "持续", "扎实", "全力", "有序", "稳步", "聚焦", "突出", "狠抓", "坚持", "推动",
                 "做好", "抓实", "深化", "强化")
HEADING_ENDS = ("", "情况", "方面", "工作", "成效", "进展", "举措", "有关情况", "主要做法", "总体情况",
                "基本情况", "具体情况", "落实情况", "推进情况")
_PIECE = re.compile(r"[^。！？；;!?]+[。！？；;!?]*")
_HEADING_START = re.compile(rf"^\s*(?:[{_CN_NUM}]{{1,3}}\s*[、.,]|[(（][{_CN_NUM}]{{1,3}}[)）]|\d+\s*[、.．]|"
                            r"[一二三四五六七八九十]是)?")


def vary_sentences(text: str, rng: random.Random, variant: int) -> str:
    """Reorder, reword and lead in every sentence; give every other line a lead and a closing word.

    A sentence (or line) gets variation number ``variant`` + its CRC-32 (mod 224), so report
    ``variant`` of a seed repeats no sentence of an earlier one while ``variant`` < 224. Heading
    numbers (一、 (二) 3. 四是) are kept, so the report's structure stays what it was.
    """
    pairs = [(a, b) if rng.random() < 0.5 else (b, a) for a, b in SYNONYMS]
    combos = len(CONNECTIVES) * len(TIME_PHRASES)
    out = []

    def reword(piece: str) -> str:
        for old, new in pairs:
            piece = piece.replace(old, new)
        return piece

    for line in text.split("\n"):
        body = line.strip()
        if len(body) < 2:
            out.append(line)
            continue
        lead = line[:len(line) - len(line.lstrip())]
        v = (variant + zlib.crc32(body.encode("utf-8"))) % combos
        pieces = _PIECE.findall(body)
        if len(body) < 30 or len(pieces) < 2 and not body.endswith(("。", "！", "？")):
            mark = _HEADING_START.match(body).group(0)
            rest = reword(body[len(mark):])
            out.append(lead + mark + HEADING_LEADS[v % len(HEADING_LEADS)] + rest
                       + HEADING_ENDS[v // len(HEADING_LEADS)])
            continue
        # A heading run into its paragraph ("1.大力推进……。") stays first and unled.
        first = pieces.pop(0) if _HEADING_START.match(pieces[0]).group(0) else ""
        rng.shuffle(pieces)
        varied = []
        if first:
            mark = _HEADING_START.match(first).group(0)
            words = first[len(mark):].rstrip("。！？；;!?")
            varied.append(mark + HEADING_LEADS[v % len(HEADING_LEADS)] + reword(words)
                          + HEADING_ENDS[v // len(HEADING_LEADS)] + first[len(mark) + len(words):])
        for piece in pieces:
            v = (variant + zlib.crc32(piece.encode("utf-8"))) % combos
            varied.append(CONNECTIVES[v % len(CONNECTIVES)] + TIME_PHRASES[v // len(CONNECTIVES)] + reword(piece))
        out.append(lead + "".join(varied))
    return "\n".join(out)


_SENTENCE_SPLIT = re.compile(r"[。！？；!?;\n]+")


def sentences_of(text: str) -> list[str]:
    """The sentences of a text, roughly as a reader counts them (lines and 。！？； ends)."""
    return [s.strip() for s in _SENTENCE_SPLIT.split(text) if len(s.strip()) >= 4]


def repeat_share(texts) -> dict:
    """Share of sentence occurrences that repeat a sentence seen earlier in the corpus."""
    seen: set[str] = set()
    total = repeated = 0
    for text in texts:
        for s in sentences_of(text):
            total += 1
            if s in seen:
                repeated += 1
            else:
                seen.add(s)
    return {"sentences": total, "distinct": len(seen), "repeated": repeated,
            "share": repeated / total if total else 0.0}


@lru_cache(maxsize=None)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config).convert


def looks_traditional(text: str) -> bool:
    sample = text[:5000]
    return _opencc("t2s")(sample) != sample


def swap_script(text: str) -> str:
    """Simplified ↔ Traditional, line by line (OpenCC keeps line breaks)."""
    convert = _opencc("t2s" if looks_traditional(text) else "s2t")
    return "\n".join(convert(ln) for ln in text.split("\n"))


def pick_encoding(rng: random.Random) -> str:
    x, acc = rng.random(), 0.0
    for name, share in ENCODINGS:
        acc += share
        if x < acc:
            return name
    return ENCODINGS[-1][0]


# ---------------------------------------------------------------- reports
KINDS = ("varied", "seeded")


def report_text(seeds: list[Seed], i: int, corpus_seed: int = 7, kind: str = "seeded") -> tuple[str, str]:
    """(text, seed name) of report ``i``; depends on ``i``, ``corpus_seed`` and ``kind`` only."""
    rng = random.Random(f"{corpus_seed}:{i}")
    seed = seeds[i % len(seeds)]
    text = shuffle_sections(seed.text, rng)
    if kind == "varied":
        text = vary_sentences(text, random.Random(f"{corpus_seed}:{i}:sentences"), i // len(seeds))
    text = vary_figures(text, rng)
    text = vary_names(text, rng)
    if rng.random() < SCRIPT_SWAP_SHARE:
        text = swap_script(text)
    return text, seed.name


def write_corpus(out: Path, n: int, corpus_seed: int = 7, seeds: list[Seed] | None = None,
                 kind: str = "seeded") -> dict:
    """Write reports ``r00000.txt`` … into ``out`` (emptied of earlier reports first); a summary.

    The summary includes the corpus's :func:`repeat_share` of sentences.
    """
    if kind not in KINDS:
        raise ValueError(f"corpus kind {kind!r}: one of {', '.join(KINDS)}")
    seeds = seeds or load_seeds()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("r*.txt"):
        old.unlink()
    total = 0
    encodings: dict[str, int] = {}
    texts = []
    for i in range(n):
        text, _ = report_text(seeds, i, corpus_seed, kind)
        texts.append(text)
        encoding = pick_encoding(random.Random(f"{corpus_seed}:{i}:encoding"))
        data = text.encode(encoding)
        (out / f"r{i:05d}.txt").write_bytes(data)
        total += len(data)
        encodings[encoding] = encodings.get(encoding, 0) + 1
    return {"reports": n, "bytes": total, "encodings": encodings, "corpus_seed": corpus_seed, "kind": kind,
            "repeats": repeat_share(texts)}


def scaling_text(seeds: list[Seed], copies: int, corpus_seed: int = 7) -> str:
    """One long report: ``copies`` varied versions of every seed, one after the other.

    Copies are varied (figures, names, order, script) rather than identical so that the
    checker's per-sentence caches do not turn the repeats into free work.
    """
    parts = []
    for c in range(copies):
        for k in range(len(seeds)):
            text, _ = report_text(seeds, c * len(seeds) + k, corpus_seed + 1000)
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write the benchmark corpus.")
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--kind", choices=KINDS, default="varied",
                    help="varied: almost no sentence repeats (default); seeded: the seeds' sentences, as before")
    args = ap.parse_args(argv)
    summary = write_corpus(args.out, args.n, args.seed, kind=args.kind)
    rep = summary["repeats"]
    print(f"{summary['reports']} {summary['kind']} reports, {summary['bytes'] / 1e6:.1f} MB, "
          f"encodings {summary['encodings']}, {rep['share']:.1%} of {rep['sentences']} sentences repeat")


if __name__ == "__main__":
    main()
