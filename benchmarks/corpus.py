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

    python -m benchmarks.corpus OUT_DIR [--n 1000] [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import re
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
def report_text(seeds: list[Seed], i: int, corpus_seed: int = 7) -> tuple[str, str]:
    """(text, seed name) of report ``i``; depends on ``i`` and ``corpus_seed`` only."""
    rng = random.Random(f"{corpus_seed}:{i}")
    seed = seeds[i % len(seeds)]
    text = shuffle_sections(seed.text, rng)
    text = vary_figures(text, rng)
    text = vary_names(text, rng)
    if rng.random() < SCRIPT_SWAP_SHARE:
        text = swap_script(text)
    return text, seed.name


def write_corpus(out: Path, n: int, corpus_seed: int = 7, seeds: list[Seed] | None = None) -> dict:
    """Write reports ``r00000.txt`` … into ``out`` (emptied of earlier reports first); a summary."""
    seeds = seeds or load_seeds()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("r*.txt"):
        old.unlink()
    total = 0
    encodings: dict[str, int] = {}
    for i in range(n):
        text, _ = report_text(seeds, i, corpus_seed)
        encoding = pick_encoding(random.Random(f"{corpus_seed}:{i}:encoding"))
        data = text.encode(encoding)
        (out / f"r{i:05d}.txt").write_bytes(data)
        total += len(data)
        encodings[encoding] = encodings.get(encoding, 0) + 1
    return {"reports": n, "bytes": total, "encodings": encodings, "corpus_seed": corpus_seed}


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
    args = ap.parse_args(argv)
    summary = write_corpus(args.out, args.n, args.seed)
    print(f"{summary['reports']} reports, {summary['bytes'] / 1e6:.1f} MB, encodings {summary['encodings']}")


if __name__ == "__main__":
    main()
