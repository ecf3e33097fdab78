"""Property-based tests: whatever the input, the checker neither crashes nor misquotes; the same
input always gives the same output; rewrites that keep a report's meaning keep its verdicts.

* Fuzzing (hypothesis): arbitrary Unicode text, arbitrary bytes, and real report sentences from
  the seeds mixed with noise (stray brackets, pinyin, combining marks, control characters, ANSI
  escapes, full-width digits) go through the real pipeline. Nothing may raise except the
  loader's one-line ``InputFileError``; every evidence line number lies inside the file and the
  quoted text is a non-empty substring of that very line. A few batches of generated files also
  go through the real CLI in a subprocess: no traceback, exit code 0/1/2, one stderr line per
  unreadable file, naming it.
* Determinism: byte-identical JSON across runs and ``--jobs`` values; the same report objects
  whatever the order of the paths.
* Metamorphic: Traditional script (OpenCC s2t), GB18030 bytes, and adding or removing pinyin
  annotations keep every verdict; lowering a stated 100% to 90% turns a met coverage rule unmet.

Example counts come from the hypothesis profile in tests/conftest.py (``HYPOTHESIS_PROFILE=long``
for a deeper run).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.evaluate import make_context
from checker.reading.load import InputFileError, load
from checker.model import STATUSES, SourceText
from checker.reading.normalize import to_simplified
from checker.packs import all_rules, load_packs
from checker.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RULES = all_rules(load_packs())
CTX = make_context(RULES)

# Pinyin as web pages insert it after Han characters: 領(lǐng). One syllable with a tone mark.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_ANNOTATION = re.compile(rf"(?<=[\u4e00-\u9fff])\([a-zü]*[{TONED}][a-zü]*\)")


def examples(share: float) -> int:
    """A share of the active profile's examples (at least 3), for tests that cost more per example."""
    return max(3, int(settings.default.max_examples * share))


# ---------------------------------------------------------------- helpers
def seed_sentences() -> list[str]:
    """Every sentence of every seed, with its full stop, as written."""
    out = []
    for path in SEEDS:
        for line in path.read_text(encoding="utf-8").split("\n"):
            out += [piece + "。" for piece in line.split("。") if piece.strip()]
    return out


SEED_SENTENCES = seed_sentences()

# Pieces that stress each stage: headings, list and clause separators, figures and labels,
# pinyin, combining marks, full-width and compatibility characters, controls and terminal markup.
NOISE = [
    "\n", "\n\n", "。", "，", ",", "、", "：", ";", "(一)", "一、", "1.", "(1)", "①", "第三部分",
    "100%", "90%以上", "四个100%", "两个“全覆盖”", "均达", "全覆盖", "尚未", "清零", "２０２１年",
    "百分之九十八点二", "3-5所", "10万余人次", "(jiào)", "(yù)", "（xué）", "\u0301", "\u0308",
    "㎡", "½", "ﬁ", "\u3000", "\u00a0", "\u2028", "\ufeff", "\t", "\r", "\x1b[31m", "[bold red]",
    "[/]", "<script>", "\ufffd", "\U00020000",
]

mixtures = st.lists(
    st.one_of(st.sampled_from(SEED_SENTENCES), st.sampled_from(NOISE), st.text(max_size=12)),
    max_size=40,
).map("".join)


_PAGE_LINE = re.compile(r"^\s*(?:[-—–―~－]+\s*\d{1,4}\s*[-—–―~－]+|第\s*\d{1,4}\s*[页頁].*|共\s*\d+\s*[页頁].*|\d{1,4}(?:\s*[/／]\s*\d{1,4})?)\s*$")


def quoted_from_line(lines: list[str], line: int, quote: str) -> bool:
    """The quote is on that line, or starts there and runs on over the lines a layout broke it
    into (the breaks, and page numbers between them, left out of the quote)."""
    if quote in lines[line - 1]:
        return True
    first = lines[line - 1].rstrip()
    rest = [re.sub(r"^\s*\d{1,3}、", "", ln).strip() for ln in lines[line:] if not _PAGE_LINE.match(ln)]
    for joined in (first + "".join(ln.strip() for ln in lines[line:] if not _PAGE_LINE.match(ln)),
                   first + "".join(rest)):
        at = joined.find(quote)
        if 0 <= at < len(first):
            return True
    return False


def assert_evidence_inside(src: SourceText, result) -> None:
    """Every finding has a known status; its evidence quotes a real line of the file as written."""
    lines = src.lines
    assert len(result.findings) == len(RULES)
    for f in result.findings:
        assert f.status in STATUSES
        for e in f.evidence:
            assert 1 <= e.line <= len(lines), f"{f.rule}: evidence line {e.line} of {len(lines)}"
            assert e.text, f"{f.rule}: empty evidence on line {e.line}"
            assert quoted_from_line(lines, e.line, e.text), (
                f"{f.rule}: evidence {e.text!r} is not on line {e.line}: {lines[e.line - 1]!r}")


def analyse_text(text: str):
    src = SourceText("fuzz.txt", text, "utf-8")
    return src, analyse(src, RULES, CTX)


def analyse_bytes(folder: Path, data: bytes, name: str = "fuzz.txt"):
    """(source, result) of bytes written to a real file, or the loader's one-line error."""
    path = folder / name
    path.write_bytes(data)
    try:
        src = load(str(path))
    except InputFileError as err:
        message = str(err)
        assert "\n" not in message and message.startswith(f"{path}: "), message
        return None, None
    return src, analyse(src, RULES, CTX)


def verdicts(result) -> dict:
    """rule → (status, value, evidence lines): what a rewrite that keeps the meaning must keep."""
    return {f.rule: (f.status, f.value, tuple(e.line for e in f.evidence)) for f in result.findings}


def check_path(path: Path):
    return analyse(load(str(path)), RULES, CTX)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# ---------------------------------------------------------------- fuzzing, in process
@settings(max_examples=examples(1.0))
@given(st.text(max_size=400))
def test_any_unicode_text_is_analysed_and_quoted_exactly(text):
    src, result = analyse_text(text)
    assert_evidence_inside(src, result)


@settings(max_examples=examples(1.0))
@given(mixtures)
def test_report_sentences_mixed_with_noise_are_quoted_exactly(text):
    src, result = analyse_text(text)
    assert_evidence_inside(src, result)


@settings(max_examples=examples(1.0), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_any_bytes_load_or_give_one_line_error(scratch, data):
    src, result = analyse_bytes(scratch, data)
    if src is not None:
        assert_evidence_inside(src, result)


def test_combining_mark_at_a_line_start_is_quoted_on_its_own_line():
    # A regression: NFKC used to join a line's leading combining mark to the newline before it,
    # so the quote started on the previous line. The full-width ％ makes the text need NFKC.
    text = "标题\n\u0301全市中小学护学岗设置率100％。"
    src, result = analyse_text(text)
    assert_evidence_inside(src, result)
    assert {e.line for f in result.findings for e in f.evidence} == {2}


def test_long_sentences_are_segmented_in_pieces_with_the_same_word_edges():
    # A line without sentence ends reaches jieba whole; it is cut in pieces to bound jieba's
    # memory, only after characters jieba never joins, so no word edge may move.
    from checker.language.terms import MAX_PIECE

    text = "".join(SEED_SENTENCES).replace("。", "，")
    assert len(text) > 3 * MAX_PIECE
    matcher = CTX.matcher
    whole = {0, len(text)}
    for word, start, end in matcher._jieba().tokenize(text):
        whole.update((start, end))
        if word in matcher.termset:
            whole.update(start + i for i in matcher._inner_edges(word))
    assert matcher.boundaries(text) == frozenset(whole)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]


@settings(max_examples=examples(1.0), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mixtures, encoding=st.sampled_from(ENCODINGS),
       damage=st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=3)), max_size=3))
def test_encoded_and_damaged_reports_load_or_give_one_line_error(scratch, text, encoding, damage):
    data = bytearray(text.encode(encoding, errors="replace"))
    for where, junk in damage:
        at = where % (len(data) + 1)
        data[at:at] = junk
    src, result = analyse_bytes(scratch, bytes(data))
    if src is not None:
        assert_evidence_inside(src, result)


# ---------------------------------------------------------------- fuzzing, through the CLI
def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """The installed CLI as a user runs it: ``python -m checker``, no configuration file."""
    return subprocess.run([sys.executable, "-m", "checker", "--no-config", *map(str, args)],
                          capture_output=True, cwd=cwd or ROOT, timeout=600)


file_contents = st.one_of(
    st.binary(max_size=2000),
    mixtures.map(lambda t: t.encode("utf-8")),
    mixtures.map(lambda t: t.encode("gb18030")),
    mixtures.map(lambda t: t.encode("utf-16")),
)


@settings(max_examples=examples(0.1), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contents=st.lists(file_contents, min_size=1, max_size=6))
def test_cli_never_prints_a_traceback(tmp_path_factory, contents):
    folder = tmp_path_factory.mktemp("cli-fuzz")
    paths = []
    for i, data in enumerate(contents):
        path = folder / f"report{i}.{'md' if i % 2 else 'txt'}"
        path.write_bytes(data)
        paths.append(path)
    proc = run_cli("--format", "json", *paths)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr
    assert proc.returncode in (0, 1, 2), stderr

    unreadable = set()
    for path in paths:
        try:
            load(str(path))
        except InputFileError:
            unreadable.add(path)
    lines = stderr.splitlines()
    assert all(line.startswith("govedu-check: ") for line in lines), stderr
    for path in paths:
        # "path: …" in English, "path：…" in Chinese (the default)
        naming = [line for line in lines if line.startswith((f"govedu-check: {path}: ", f"govedu-check: {path}："))]
        assert len(naming) == (1 if path in unreadable else 0), stderr

    if len(unreadable) == len(paths):
        assert proc.returncode == 2
        return
    out = json.loads(proc.stdout)
    assert {r["path"] for r in out["reports"]} == {str(p) for p in paths if p not in unreadable}
    for report in out["reports"]:
        lines_of_file = load(report["path"]).lines
        for finding in report["findings"]:
            for e in finding["evidence"]:
                assert 1 <= e["line"] <= len(lines_of_file)
                # the quote is on its line, or starts there and goes on over the lines a layout broke
                # its sentence over (a line not ending a sentence is joined to the next)
                on_line = lines_of_file[e["line"] - 1]
                assert e["text"] and (e["text"] in on_line or e["text"] in "".join(
                    lines_of_file[e["line"] - 1:e["line"] + 4]) and e["text"][0] in on_line), (e, on_line)


# ---------------------------------------------------------------- determinism
@pytest.fixture(scope="module")
def seed_runs():
    """JSON output of the CLI over all seeds, per argument list, each run made once."""
    cache: dict = {}

    def run(*args) -> subprocess.CompletedProcess:
        if args not in cache:
            cache[args] = run_cli("--format", "json", *args)
        return cache[args]

    return run


def test_same_input_gives_byte_identical_json(seed_runs):
    first = seed_runs(*SEEDS)
    again = run_cli("--format", "json", *SEEDS)
    assert first.returncode in (0, 1) and first.stdout
    assert again.returncode == first.returncode
    assert again.stdout == first.stdout


def test_input_order_does_not_change_any_report(seed_runs):
    forward = json.loads(seed_runs(*SEEDS).stdout)
    backward = json.loads(seed_runs(*reversed(SEEDS)).stdout)
    assert [r["path"] for r in forward["reports"]] == [str(p) for p in SEEDS]
    by_path = {r["path"]: r for r in backward["reports"]}
    assert set(by_path) == {str(p) for p in SEEDS}
    for report in forward["reports"]:
        assert report == by_path[report["path"]]
    assert {k: v for k, v in forward.items() if k != "reports"} == \
        {k: v for k, v in backward.items() if k != "reports"}


def test_number_of_jobs_does_not_change_the_output(seed_runs):
    serial = seed_runs("--jobs", "1", *SEEDS)
    assert serial.returncode in (0, 1), serial.stderr
    for jobs in ("2", "3"):
        parallel = seed_runs("--jobs", jobs, *SEEDS)
        assert parallel.returncode == serial.returncode
        assert parallel.stdout == serial.stdout, f"--jobs {jobs} differs from --jobs 1"


# ---------------------------------------------------------------- metamorphic
def simplified_seeds() -> list[Path]:
    """Seeds written in Simplified script (the checker's own t2s leaves them as they are)."""
    return [p for p in SEEDS if to_simplified(p.read_text(encoding="utf-8")) == p.read_text(encoding="utf-8")]


def test_seeds_cover_the_rewrites():
    # The metamorphic tests below need both kinds of seed; fail loudly if the seeds change.
    assert len(simplified_seeds()) >= 2
    assert any(PINYIN_ANNOTATION.search(p.read_text(encoding="utf-8")) for p in SEEDS)


@pytest.mark.parametrize("seed", simplified_seeds(), ids=lambda p: p.name[:3])
def test_traditional_script_keeps_every_verdict(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(text)
    assert traditional != text
    copy = tmp_path / seed.name
    copy.write_text(traditional, encoding="utf-8")
    assert verdicts(check_path(copy)) == verdicts(check_path(seed))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_gb18030_bytes_keep_every_verdict_and_quote(tmp_path, seed):
    copy = tmp_path / seed.name
    copy.write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
    src = load(str(copy))
    assert src.encoding == "gb18030"
    original, converted = check_path(seed), analyse(src, RULES, CTX)
    assert verdicts(converted) == verdicts(original)
    assert [f.evidence for f in converted.findings] == [f.evidence for f in original.findings]


@pytest.mark.parametrize("seed", [p for p in SEEDS if PINYIN_ANNOTATION.search(p.read_text(encoding="utf-8"))],
                         ids=lambda p: p.name[:3])
def test_removing_pinyin_keeps_every_verdict(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    stripped, count = PINYIN_ANNOTATION.subn("", text)
    assert count > 0
    copy = tmp_path / seed.name
    copy.write_text(stripped, encoding="utf-8")
    assert verdicts(check_path(copy)) == verdicts(check_path(seed))


# Readings of common characters in these reports (the reading they have in their usual words).
READINGS = {"教": "jiào", "育": "yù", "学": "xué", "校": "xiào", "安": "ān", "全": "quán",
            "工": "gōng", "作": "zuò", "师": "shī", "生": "shēng", "园": "yuán", "县": "xiàn",
            "岗": "gǎng", "率": "lǜ", "务": "wù", "服": "fú", "课": "kè", "后": "hòu"}


@pytest.mark.parametrize("seed", simplified_seeds()[:2], ids=lambda p: p.name[:3])
def test_adding_pinyin_keeps_every_verdict(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    annotated, count = re.subn(f"[{''.join(READINGS)}]", lambda m: f"{m.group()}({READINGS[m.group()]})", text)
    assert count > 100
    copy = tmp_path / seed.name
    copy.write_text(annotated, encoding="utf-8")
    assert verdicts(check_path(copy)) == verdicts(check_path(seed))


def full_coverage_figures(path: Path):
    """(rule, line number, column) of each met rule with a ≥100% target whose deciding sentence
    states a plain figure of 100% — not a label such as 四个100%, which names several targets at
    once and stops being a phrase when its number changes."""
    src = load(str(path))
    out = []
    for f in check_path(path).findings:
        if f.status != "met" or f.threshold != "≥100%" or not f.evidence:
            continue
        e = f.evidence[0]
        line = src.lines[e.line - 1]
        base = line.index(e.text)
        for m in re.finditer("100%", e.text):
            if not re.search(r"[个個][“\"]?$", e.text[:m.start()]):
                out.append((f.rule, e.line, base + m.start()))
    return src, out


def test_lowering_a_stated_100_percent_turns_met_into_unmet(tmp_path):
    tried = 0
    for seed in SEEDS:
        src, candidates = full_coverage_figures(seed)
        for rule, line_no, col in candidates:
            lines = list(src.lines)
            line = lines[line_no - 1]
            assert line[col:col + 4] == "100%"
            lines[line_no - 1] = line[:col] + "90%" + line[col + 4:]
            copy = tmp_path / f"{seed.stem}-{rule}-{col}.txt"
            copy.write_text("\n".join(lines), encoding="utf-8")
            status = {f.rule: f.status for f in check_path(copy).findings}[rule]
            assert status == "unmet", f"{seed.name} line {line_no}: {rule} is {status} after 100% → 90%"
            tried += 1
    assert tried >= 1, "no seed states a plain 100% for a met coverage rule"
