"""Check that the cached, read-as-needed jieba dictionary cuts text exactly as the whole one does.

checker/terms.py gives jieba's tokenizer only the dictionary words that a sentence being cut
can reach (its characters, and words starting with one of its character pairs). This compares, sentence by sentence, the words it produces with
those of a tokenizer that loaded jieba's whole dictionary and had the same pack terms added
(what terms.py did before), on every sentence of the seeds, of the packs' rule examples and of
the reports given. Any difference is printed and makes the exit code 1.

    python -m benchmarks.segmentation [REPORT...]
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sentences_of(paths) -> list[str]:
    from checker.reading.load import load
    from checker.reading.normalize import normalize
    from checker.reading.structure import structure

    out = []
    for p in paths:
        out += [s.text for s in structure(normalize(load(str(p)))).sentences]
    return out


def example_texts(packs) -> list[str]:
    from checker.reading.normalize import normalize_string

    return [normalize_string(e.text) for p in packs for r in p.rules for e in r.examples]


def compare(texts: list[str], matcher) -> dict:
    """Words of the matcher's segmenter vs a whole-dictionary jieba tokenizer, text by text."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    seg = matcher._jieba()
    ref = jieba.Tokenizer()
    for w in seg.words:
        ref.add_word(w, freq=200000)
    differ = []
    for text in dict.fromkeys(texts):
        got = list(seg.tokenize(text))
        want = list(ref.tokenize(text, HMM=False))
        if got != want:
            differ.append({"text": text, "got": got[:40], "want": want[:40]})
    return {"texts": len(dict.fromkeys(texts)), "different": len(differ), "lazy": seg.lazy,
            "examples": differ[:5]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reports", nargs="*", type=Path)
    args = ap.parse_args(argv)

    from checker.evaluate import make_context
    from checker.packs import all_rules, load_packs

    packs = load_packs()
    ctx = make_context(all_rules(packs))
    texts = sentences_of(sorted((ROOT / "seeds").glob("*.txt")) + list(args.reports)) + example_texts(packs)
    res = compare(texts, ctx.matcher)
    print(f"{res['texts']} distinct sentences and examples cut; {res['different']} differ from the whole "
          f"dictionary's cut ({'dictionary read from the cache as needed' if res['lazy'] else 'whole dictionary loaded'})")
    for d in res["examples"]:
        print(f"  {d['text'][:60]}\n    got  {d['got'][:12]}\n    want {d['want'][:12]}")
    return 1 if res["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
