"""Tests for checker.reading.load: encodings, damaged files, binary input and file errors."""
from __future__ import annotations

import codecs
import os
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.reading.load import InputFileError, decode_bytes, load

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_excerpt(name: str, lines: int = 12) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return "\n".join(text.split("\n")[:lines])


SIMPLIFIED = seed_excerpt("003_b71ddd899b90d843.txt")
TRADITIONAL_PINYIN = seed_excerpt("001_5eb50fef6423d212.txt", lines=6)


def gbk_encodable(text: str) -> str:
    """The lines of ``text`` that GBK can encode (the seeds contain e.g. U+00A0, not in GBK)."""

    def ok(line: str) -> bool:
        try:
            line.encode("gbk")
        except UnicodeEncodeError:
            return False
        return True

    return "\n".join(line for line in text.split("\n") if ok(line))


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def tiny_png() -> bytes:
    """A real, valid 1×1 PNG file."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------- encodings
def test_utf8(tmp_path):
    path = write(tmp_path, "r.txt", SIMPLIFIED.encode("utf-8"))
    src = load(path)
    assert src.text == SIMPLIFIED
    assert src.encoding == "utf-8"
    assert src.path == path


def test_utf8_with_bom(tmp_path):
    path = write(tmp_path, "r.txt", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    src = load(path)
    assert src.text == SIMPLIFIED  # BOM not part of the text
    assert src.encoding == "utf-8-sig"


def test_gb18030(tmp_path):
    # Traditional characters and tone-marked pinyin are outside GBK; GB18030 covers them.
    path = write(tmp_path, "r.txt", TRADITIONAL_PINYIN.encode("gb18030"))
    src = load(path)
    assert src.text == TRADITIONAL_PINYIN
    assert src.encoding == "gb18030"


def test_gbk(tmp_path):
    text = gbk_encodable(seed_excerpt("000_fe85392cbbe105c4.txt", lines=40))
    assert len(text) > 1000
    path = write(tmp_path, "r.md", text.encode("gbk"))
    src = load(path)
    assert src.text == text
    assert src.encoding == "gb18030"


def test_gbk_mostly_ascii_is_not_mistaken_for_damaged_utf8():
    text = "Report 2021\n" + "x = 1, y = 2\n" * 50 + "工作总结\n"
    assert decode_bytes(text.encode("gbk"), "r.txt") == (text, "gb18030")


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_utf16_with_bom(tmp_path, bom, codec):
    path = write(tmp_path, "r.txt", bom + SIMPLIFIED.encode(codec))
    src = load(path)
    assert src.text == SIMPLIFIED
    assert src.encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, codec):
    path = write(tmp_path, "r.txt", SIMPLIFIED.encode(codec))
    src = load(path)
    assert src.text == SIMPLIFIED
    assert src.encoding == codec


def test_other_extension_is_read_as_text(tmp_path):
    path = write(tmp_path, "report.data", SIMPLIFIED.encode("utf-8"))
    assert load(path).text == SIMPLIFIED


# ---------------------------------------------------------------- damaged text
@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_file_cut_mid_character(tmp_path, codec):
    text = SIMPLIFIED.rstrip() + "工作"
    assert text[-1] == "作"
    path = write(tmp_path, "r.txt", text.encode(codec)[:-1])
    src = load(path)
    assert src.text == text[:-1]  # every complete character kept, the cut one dropped
    assert src.encoding == codec


def test_invalid_bytes_in_middle_of_utf8(tmp_path):
    head, tail = SIMPLIFIED[:300], SIMPLIFIED[300:]
    path = write(tmp_path, "r.txt", head.encode() + b"\xff" + tail.encode())
    src = load(path)
    assert src.text == head + "\ufffd" + tail
    assert src.encoding == "utf-8 (with 1 invalid byte replaced)"


def test_invalid_bytes_after_utf8_bom():
    data = codecs.BOM_UTF8 + "总结".encode() * 50 + b"\xfe" + "计划".encode()
    assert decode_bytes(data, "r.txt") == (
        "总结" * 50 + "\ufffd计划", "utf-8 (with 1 invalid byte replaced)"
    )


def test_several_invalid_bytes_are_counted():
    data = "总结".encode() * 100 + b"\xc3\x28" + "计划".encode() * 100 + b"\x80\x80"
    text, encoding = decode_bytes(data + b"!", "r.txt")
    assert encoding == "utf-8 (with 3 invalid bytes replaced)"
    assert text.startswith("总结" * 100) and text.endswith("!")
    assert "计划" * 100 in text


def test_stray_byte_in_ascii_text_is_not_read_as_gb18030():
    # GB18030 would "decode" b"\xa0a" as one CJK character, eating the "a".
    text, encoding = decode_bytes(b"Annual report\xa0and plan, 2021\n" * 3, "r.txt")
    assert text == "Annual report\ufffdand plan, 2021\n" * 3
    assert encoding == "utf-8 (with 3 invalid bytes replaced)"


# ---------------------------------------------------------------- not text / not a file
def assert_one_line_error(excinfo, path: str) -> str:
    message = str(excinfo.value)
    assert path in message
    assert "\n" not in message and "Traceback" not in message
    return message


def test_nul_bytes_binary(tmp_path):
    path = write(tmp_path, "r.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    with pytest.raises(InputFileError) as excinfo:
        load(path)
    assert "not a text file" in assert_one_line_error(excinfo, path)


def test_png_renamed_txt(tmp_path):
    path = write(tmp_path, "report.txt", tiny_png())
    with pytest.raises(InputFileError) as excinfo:
        load(path)
    message = assert_one_line_error(excinfo, path)
    assert "PNG" in message and ".txt" in message


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
    (b"GIF89a\x01\x00\x01\x00", "GIF"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
])
def test_binary_signatures(data, kind):
    with pytest.raises(InputFileError, match=kind):
        decode_bytes(data, "x.txt")


def test_mostly_control_characters():
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 20 + b"abc"
    with pytest.raises(InputFileError, match="control characters"):
        decode_bytes(data, "x.txt")


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputFileError) as excinfo:
        load(path)
    assert "not found" in assert_one_line_error(excinfo, path)


def test_directory(tmp_path):
    path = str(tmp_path)
    with pytest.raises(InputFileError) as excinfo:
        load(path)
    assert "directory" in assert_one_line_error(excinfo, path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read files without read permission")
def test_permission_denied(tmp_path):
    path = write(tmp_path, "r.txt", b"text")
    os.chmod(path, 0)
    try:
        with pytest.raises(InputFileError) as excinfo:
            load(path)
        assert "permission" in assert_one_line_error(excinfo, path)
    finally:
        os.chmod(path, 0o644)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    # Runs even as root: make the module's open() fail as it would without read permission.
    import checker.reading.load as load_module

    def denied(path, mode="r", **kwargs):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(load_module, "open", denied, raising=False)
    path = str(tmp_path / "r.txt")
    with pytest.raises(InputFileError) as excinfo:
        load(path)
    assert "permission denied" in assert_one_line_error(excinfo, path)


# ---------------------------------------------------------------- content handling
def test_empty_file(tmp_path):
    src = load(write(tmp_path, "r.txt", b""))
    assert src.text == ""


def test_whitespace_only_file(tmp_path):
    src = load(write(tmp_path, "r.txt", b"  \r\n\t\n"))
    assert src.text == "  \n\t\n"


def test_line_breaks_normalised(tmp_path):
    path = write(tmp_path, "r.txt", "一、总结\r\n(一)成绩\r二、计划\n".encode("utf-8"))
    src = load(path)
    assert src.text == "一、总结\n(一)成绩\n二、计划\n"
    assert src.lines == ["一、总结", "(一)成绩", "二、计划", ""]


def test_crlf_in_utf16(tmp_path):
    path = write(tmp_path, "r.txt", "甲\r\n乙\r\n".encode("utf-16"))
    assert load(path).text == "甲\n乙\n"


def test_input_file_untouched(tmp_path):
    data = "总结\r\n".encode("gbk") + b"\xff"
    path = write(tmp_path, "r.txt", data)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = os.stat(path)
    load(path)
    after = os.stat(path)
    assert Path(path).read_bytes() == data
    assert after.st_mtime_ns == before.st_mtime_ns
    assert after.st_size == before.st_size


def test_seeds_load_as_utf8():
    for seed in sorted(SEEDS.glob("*.txt")):
        src = load(str(seed))
        assert src.encoding == "utf-8"
        assert src.text == seed.read_text(encoding="utf-8").replace("\r\n", "\n")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_bytes_never_fails_unexpectedly(data):
    try:
        text, encoding = decode_bytes(data, "fuzz.txt")
    except InputFileError as err:
        assert str(err).startswith("fuzz.txt: ")
    else:
        assert isinstance(text, str) and encoding


# ---------------------------------------------------------------- the character classes
def test_character_classes_agree_with_per_character_checks():
    """The regex classes that count characters in one pass say what the per-character checks say,
    for every code point (so a share computed with them is the same number)."""
    from checker.reading import load as module

    for cp in range(0x110000):
        ch = chr(cp)
        if module._NOT_PLAIN.match(ch) is None:
            assert not module._is_nontext(ch), hex(cp)
        assert (module._uncommon().match(ch) is None) == module._is_common(ch), hex(cp)
        assert (module._uncommon(non_ascii=True).match(ch) is None) == (cp < 0x80 or module._is_common(ch)), hex(cp)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=6), st.text(max_size=6).map(lambda s: s.encode("utf-8", "surrogatepass")),
                          st.sampled_from(["学校", "教育", "％"]).map(lambda s: s.encode("gb18030"))), max_size=12).map(b"".join))
def test_invalid_utf8_bytes_counted_as_surrogateescape_marks_them(data):
    import re

    from checker.reading.load import _count_invalid_utf8

    marked = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape").decode(data, final=False)
    assert _count_invalid_utf8(data) == len(re.findall("[\udc80-\udcff]", marked))
