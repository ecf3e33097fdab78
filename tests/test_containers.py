"""Tests for reading .docx, .html, .pdf and standard input (checker.reading.formats via checker.reading.load).

Every container file here is built on disk from the seeds: a minimal but valid .docx written with
zipfile, a web page in GB2312 with its chrome, and a PDF written by hand with a CID font and a
ToUnicode map (so Chinese text has a real text layer, wrapped the way a page lays it out).
"""
from __future__ import annotations

import builtins
import io
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from checker.cli.check import check_app
from checker.reading.load import InputFileError, load

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = "000_fe85392cbbe105c4.txt"   # Simplified, mixed summary + plan, web chrome
SEED_001 = "001_5eb50fef6423d212.txt"   # Traditional with pinyin
SEED_004 = "004_489d2595ade12a5d.txt"   # a plan

try:
    import pypdf  # noqa: F401
    HAVE_PYPDF = True
except ImportError:
    HAVE_PYPDF = False
needs_pypdf = pytest.mark.skipif(not HAVE_PYPDF, reason='pypdf not installed: pip install "govedu-check[pdf]"')


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# ================================================================ builders
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.numbering+xml"/>'
    '</Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'numbering" Target="numbering.xml"/></Relationships>'
)


def w_paragraph(text: str, num: tuple[int, int] | None = None, runs: list[str] | None = None) -> str:
    """A w:p; ``runs`` splits the text over several runs as Word does; ``num`` = (numId, ilvl)."""
    ppr = ""
    if num:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
    pieces = runs if runs is not None else [text]
    body = "".join(f'<w:r><w:t xml:space="preserve">{escape(r)}</w:t></w:r>' for r in pieces)
    return f"<w:p>{ppr}{body}</w:p>"


def w_table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{w_paragraph(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblPr/>{cells}</w:tbl>"


def make_docx(blocks: list[str], numbering: str | None = None) -> bytes:
    """A minimal valid .docx whose body is ``blocks`` (w:p / w:tbl XML strings)."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W_NS}">'
                f'<w:body>{"".join(blocks)}<w:sectPr/></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("word/document.xml", document)
        if numbering:
            zf.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            zf.writestr("word/numbering.xml", numbering)
    return buf.getvalue()


def docx_from_text(text: str) -> bytes:
    """Each line of ``text`` as one Word paragraph (so paragraph N is line N)."""
    return make_docx([w_paragraph(line) for line in text.split("\n")])


def html_page(lines: list[str], charset: str = "gb2312") -> str:
    """A government-style page: head with script/style, nav and breadcrumb chrome, article, footer."""
    article = "".join(f"<p>{escape(line)}</p>\n" for line in lines)
    return (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        "<title>教育局</title><style>p { text-indent: 2em }</style>"
        '<script>document.write("<p>脚本写入的文字</p>");</script></head>\n<body>'
        '<div id="header"><nav><a href="/">首页</a> | <a href="/jyj">机构概况</a></nav></div>'
        '<div class="breadcrumb">当前位置：首页 &gt; 政务公开</div>\n'
        f"<div class=\"article\">{article}</div>"
        "<footer>主办单位：县教育局　版权所有</footer><script>var nav = 1;</script></body></html>\n"
    )


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap_like_a_page(line: str, columns: int = 80) -> list[str]:
    """Break a paragraph into lines of at most ``columns`` display units, as a PDF page would."""
    out, cur = [], ""
    for ch in line:
        if _width(cur + ch) > columns:
            out.append(cur)
            cur = ""
        cur += ch
    return out + [cur]


def make_pdf(pages: list[list[str]], scanned: bool = False) -> bytes:
    """A PDF whose pages show ``pages`` (lines of text) in a CID font with a ToUnicode map.

    Each character is written as its own BMP code point (Identity-H), and the ToUnicode CMap maps
    every code to itself, so the text layer holds exactly the characters given. ``scanned`` gives
    pages with only an image on them, as a scanner produces.
    """
    objects: list[bytes] = [b"", b""]          # 1: catalog, 2: page tree (filled in at the end)

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256)]
    blocks = "\n".join(f"{len(ranges[i:i + 100])} beginbfrange\n" + "\n".join(ranges[i:i + 100]) + "\nendbfrange"
                       for i in range(0, len(ranges), 100))
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            f"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{blocks}\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    descriptor = add(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
                     b"/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>")
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
                   b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 "
                   b"/CIDToGIDMap /Identity >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode))
    kids = []
    for lines in pages:
        if scanned:
            image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
            content = b"q 500 0 0 700 40 80 cm /Im1 Do Q"
            resources = b"/XObject << /Im1 %d 0 R >>" % image
        else:
            ops = [b"BT", b"/F1 10 Tf", b"12 TL", b"40 800 Td"]
            for line in lines:
                ops.append(b"<" + "".join(f"{ord(ch):04X}" for ch in line).encode() + b"> Tj T*")
            content = b"\n".join(ops + [b"ET"])
            resources = b"/Font << /F1 %d 0 R >>" % font
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> "
                        b"/Contents %d 0 R >>" % (resources, stream)))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_from_text(text: str, lines_per_page: int = 45) -> bytes:
    """The text laid out on A4-like pages: paragraphs wrapped at 80 columns, 45 lines a page."""
    physical = [piece for line in text.split("\n") for piece in wrap_like_a_page(line)]
    pages = [physical[i:i + lines_per_page] for i in range(0, len(physical), lines_per_page)]
    return make_pdf(pages)


def one_line_error(excinfo, path: str) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and message.startswith(path), message
    return message


# ================================================================ .docx
def test_docx_paragraphs_and_table_rows_in_reading_order(tmp_path):
    blocks = [
        w_paragraph("2023年工作总结", runs=["2023年", "工作", "总结"]),
        w_paragraph("一、主要工作"),
        w_table([["指标", "完成情况"], ["护学岗设置率", "100%"]]),
        w_paragraph("全县学校均设置护学岗。"),
    ]
    path = tmp_path / "report.docx"
    path.write_bytes(make_docx(blocks))
    src = load(str(path))
    # a figures table is read a row a sentence, its header telling what the figure is
    assert src.lines == ["2023年工作总结", "一、主要工作", "护学岗设置率完成100%。", "全县学校均设置护学岗。"]
    assert src.line_label == "paragraph"
    assert src.encoding == "docx"


def test_docx_leaves_out_deleted_text_and_keeps_inserted_text(tmp_path):
    paragraph = (
        "<w:p><w:r><w:t>课后服务</w:t></w:r>"
        "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>基本</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>实现全覆盖</w:t></w:r></w:ins>"
        "<w:r><w:br/><w:t>。</w:t></w:r></w:p>"
    )
    path = tmp_path / "tracked.docx"
    path.write_bytes(make_docx([paragraph]))
    assert load(str(path)).lines == ["课后服务实现全覆盖 。"]


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{_W_NS}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def test_docx_automatic_list_numbers_are_written_out(tmp_path):
    # Word keeps "一、" / "(一)" / "1." of numbered headings outside the text; the structure stage
    # needs them to tell the summary part from the plan part.
    blocks = [
        w_paragraph("2021年工作总结", num=(1, 0)),
        w_paragraph("学前教育", num=(1, 1)),
        w_paragraph("普惠性幼儿园", num=(1, 2)),
        w_paragraph("公办园", num=(1, 2)),
        w_paragraph("义务教育", num=(1, 1)),
        w_paragraph("2022年工作打算", num=(1, 0)),
        w_paragraph("学前教育", num=(1, 1)),
        w_paragraph("要点一", num=(2, 0)),
    ]
    path = tmp_path / "numbered.docx"
    path.write_bytes(make_docx(blocks, numbering=NUMBERING))
    assert load(str(path)).lines == [
        "一、2021年工作总结", "(一)学前教育", "1.普惠性幼儿园", "2.公办园", "(二)义务教育",
        "二、2022年工作打算", "(一)学前教育", "要点一",
    ]


def test_docx_named_txt_is_read_as_word(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(make_docx([w_paragraph("全县中小学课后服务实现全覆盖。")]))
    src = load(str(path))
    assert src.lines == ["全县中小学课后服务实现全覆盖。"] and src.line_label == "paragraph"


def test_docx_damaged_is_one_clear_line(tmp_path):
    data = docx_from_text("一、2021年工作总结\n全县学校均设置护学岗。")
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    assert "re-save it from Word" in one_line_error(excinfo, str(path))


def test_docx_with_corrupted_compressed_data_is_one_clear_line(tmp_path):
    data = bytearray(docx_from_text("一、2021年工作总结\n" + "全县学校均设置护学岗。" * 200))
    start = data.find(b"word/document.xml") + len(b"word/document.xml")   # its local header's name
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A                                  # scramble the deflate stream, keep the directory
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    assert "re-save it from Word" in one_line_error(excinfo, str(path))


def test_docx_part_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    import checker.reading.formats.docx as containers

    monkeypatch.setattr(containers, "MAX_PART_BYTES", 1000)    # instead of writing a real ZIP bomb
    path = tmp_path / "big.docx"
    path.write_bytes(docx_from_text("全县学校均设置护学岗。" * 200))
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    assert "unpacks to" in one_line_error(excinfo, str(path))


def test_zip_without_word_document_is_rejected(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "table.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    assert "without a Word document" in one_line_error(excinfo, str(path))


# ================================================================ .html
def test_html_drops_chrome_and_decodes_declared_gb2312(tmp_path):
    lines = ["桓台县教育和体育局2021年工作情况报告", "一、2021年度重点工作情况", "全县义务教育学校课后服务实现全覆盖。"]
    path = tmp_path / "page.html"
    path.write_bytes(html_page(lines, "gb2312").encode("gb18030"))
    src = load(str(path))
    assert src.lines == lines          # no title, script, nav, breadcrumb or footer text
    assert src.encoding == "html gb18030"
    assert src.line_label == "line"


def test_html_meta_charset_form_and_headings(tmp_path):
    page = ('<html><head><meta charset="GBK"></head><body><h1>2023年工作总结</h1>'
            "<h2>一、主要成绩</h2><p>护学岗设置率达到100%<br>专职保安配备率100%。</p>"
            "<ul><li>五项管理落实到位</li></ul><pre>第一行\n第二行</pre>"
            "<p>&lt;script&gt; 与 &amp; 保持原样</p></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    assert load(str(path)).lines == ["2023年工作总结", "一、主要成绩", "护学岗设置率达到100%", "专职保安配备率100%。",
                                     "五项管理落实到位", "第一行", "第二行", "<script> 与 & 保持原样"]


def test_html_without_declaration_or_with_a_wrong_one_falls_back_to_detection(tmp_path):
    body = "<html><body><p>全县中小学课后服务实现全覆盖。</p></body></html>"
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(body.encode("gb18030"))
    src = load(str(undeclared))
    assert src.lines == ["全县中小学课后服务实现全覆盖。"] and src.encoding == "html gb18030"
    # Saved by a browser as UTF-8 while the page still claims gb2312.
    lying = tmp_path / "lying.html"
    lying.write_bytes(body.replace("<html>", '<html><meta charset="gb2312">').encode("utf-8"))
    src = load(str(lying))
    assert src.lines == ["全县中小学课后服务实现全覆盖。"] and src.encoding == "html utf-8"


# ================================================================ figures tables (.docx, .html)
# A "主要指标完成情况" table: the 完成 column is what was achieved, the 目标 column never is.
FIGURES_TABLE = [["主要指标完成情况"], ["序号", "指标", "目标", "完成"],
                 ["1", "护学岗设置率", "100%", "95%"], ["2", "专职保安配备率", "100%", "100%"],
                 ["3", "封闭化管理率", "100%", ""]]
TABLE_TITLE = ["某县教育局2023年工作总结", "一、2023年主要工作完成情况"]


def _html_table(rows: list[list[str]]) -> str:
    body = rows[0][0]
    cells = "".join("<tr>" + "".join(f"<{'th' if i == 1 else 'td'}>{escape(c)}</{'th' if i == 1 else 'td'}>"
                                     for c in row) + "</tr>" for i, row in enumerate(rows) if i)
    return (f"<html><body><p>{TABLE_TITLE[0]}</p><h2>{TABLE_TITLE[1]}</h2>"
            f"<table><caption>{body}</caption>{cells}</table><p>全面加强党的建设。</p></body></html>")


def _table_files(tmp_path: Path) -> dict[str, Path]:
    docx = tmp_path / "table.docx"
    docx.write_bytes(make_docx([w_paragraph(t) for t in TABLE_TITLE] + [w_table(FIGURES_TABLE)]
                               + [w_paragraph("全面加强党的建设。")]))
    html = tmp_path / "table.html"
    html.write_text(_html_table(FIGURES_TABLE), encoding="utf-8")
    return {"docx": docx, "html": html}


@pytest.mark.parametrize("container", ["docx", "html"])
def test_a_figures_table_is_read_a_row_a_sentence_with_the_achieved_column(tmp_path, container):
    src = load(str(_table_files(tmp_path)[container]))
    assert "护学岗设置率完成95%，目标值100%。" in src.lines
    assert "封闭化管理率，目标值100%。" in src.lines
    assert "主要指标完成情况" in src.lines and not any(ln.startswith("序号") for ln in src.lines)


@pytest.mark.parametrize("container", ["docx", "html"])
def test_verdicts_from_a_figures_table_take_the_achieved_figure_never_the_target(tmp_path, container):
    result = CliRunner().invoke(check_app, [str(_table_files(tmp_path)[container]), "--format", "json"])
    findings = {f["rule"]: f for f in json.loads(result.stdout)["reports"][0]["findings"]}
    assert (findings["safety.guard-post-coverage"]["status"], findings["safety.guard-post-coverage"]["value"]) \
        == ("unmet", 95)
    assert findings["safety.full-time-guard"]["status"] == "met"
    # the result column is empty: the target alone is no achievement
    assert findings["safety.closed-management"]["status"] == "unverified"


def test_a_table_of_long_cells_stays_body_text(tmp_path):
    long_cell = "全县中小学全面设置护学岗,落实“护学岗”制度,上下学时段实现全覆盖,并组织开展安全教育活动。"
    path = tmp_path / "layout.docx"
    path.write_bytes(make_docx([w_table([[long_cell, "第二段正文。"]])]))
    assert load(str(path)).lines == [long_cell, "第二段正文。"]


# ================================================================ .pdf
@needs_pypdf
def test_pdf_text_layer_with_wrapped_lines_rejoined(tmp_path):
    paragraphs = ["2023年工作总结", "一、主要成绩",
                  "全县中小学校“护学岗”设置率达到100%,专职保安配备率达到100%,一键式紧急报警装置与公安机关联网率"
                  "达到100%,视频监控系统与公安机关联网率达到100%,校园安全防控体系进一步完善。",
                  "二、2024年工作安排"]
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_from_text("\n".join(paragraphs), lines_per_page=4))
    src = load(str(path))
    assert src.lines == paragraphs       # the long paragraph spans lines and a page break
    assert src.line_label == "paragraph" and src.encoding == "pdf"


@needs_pypdf
def test_pdf_with_ascii_text(tmp_path):
    path = tmp_path / "english.pdf"
    path.write_bytes(make_pdf([["Annual report 2023", "All schools run after-school services."]]))
    assert load(str(path)).lines == ["Annual report 2023", "All schools run after-school services."]


@needs_pypdf
def test_scanned_pdf_is_an_error_not_an_empty_pass(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []], scanned=True))
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    message = one_line_error(excinfo, str(path))
    assert "no text layer" in message and "OCR" in message
    result = CliRunner().invoke(check_app, [str(path)])
    assert result.exit_code == 2 and "no text layer" in result.output


@needs_pypdf
def test_damaged_pdf_is_one_clear_line(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf")
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    assert "not a readable PDF" in one_line_error(excinfo, str(path))


def test_pdf_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name == "pypdf" or name.startswith("pypdf."):
            raise ImportError("No module named 'pypdf'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    monkeypatch.delitem(sys.modules, "pypdf", raising=False)
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    with pytest.raises(InputFileError) as excinfo:
        load(str(path))
    assert 'pip install "govedu-check[pdf]"' in one_line_error(excinfo, str(path))


# ================================================================ standard input
def test_dash_reads_standard_input_like_a_file():
    text = "桓台县教育和体育局2021年工作情况报告\n一、2021年工作情况\n全县义务教育学校课后服务实现全覆盖。\n"
    runner = CliRunner()
    result = runner.invoke(check_app, ["-", "--format", "json"], input=text.encode("gb18030"))
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)["reports"][0]
    assert report["path"] == "<stdin>" and report["line_label"] == "line"
    statuses = {f["rule"]: f["status"] for f in report["findings"]}
    assert statuses["jianfu.after-school.school-coverage"] == "met"
    # A Word file piped in is recognised by its content.
    docx = runner.invoke(check_app, ["-", "--format", "json"], input=docx_from_text(text))
    assert json.loads(docx.stdout)["reports"][0]["line_label"] == "paragraph"


def test_dash_in_a_real_pipe():
    data = seed_text(SEED_004).encode("gb18030")
    proc = subprocess.run([sys.executable, "-m", "checker", "-", "--format", "json"], input=data,
                          capture_output=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    report = json.loads(proc.stdout)["reports"][0]
    assert report["path"] == "<stdin>" and report["kind"] == "plan" and report["year"] == 2020


def test_binary_on_standard_input_is_one_clear_line():
    result = CliRunner().invoke(check_app, ["-"], input=b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert result.exit_code == 2
    assert "<stdin>：不是文本文件（PNG image）" in result.stderr   # Chinese first (issue 15)


# ================================================================ same verdicts whatever the container
def _variants(tmp_path: Path, seed: str) -> dict[str, Path]:
    text = seed_text(seed)
    stem = seed[:3]
    files = {
        "utf8": tmp_path / f"{stem}.txt",
        "docx": tmp_path / f"{stem}.docx",
        "html": tmp_path / f"{stem}.html",
        "gb18030": tmp_path / f"{stem}.gb18030.txt",
    }
    files["utf8"].write_bytes(text.encode("utf-8"))
    files["docx"].write_bytes(docx_from_text(text))
    files["html"].write_bytes(html_page(text.split("\n"), "gb2312").encode("gb18030"))
    files["gb18030"].write_bytes(text.encode("gb18030"))
    if HAVE_PYPDF:
        files["pdf"] = tmp_path / f"{stem}.pdf"
        files["pdf"].write_bytes(pdf_from_text(text))
    return files


@pytest.mark.parametrize("seed", [SEED_000, SEED_001, SEED_004])
def test_same_verdicts_whatever_the_container(tmp_path, seed):
    files = _variants(tmp_path, seed)
    result = CliRunner().invoke(check_app, [str(p) for p in files.values()] + ["--format", "json"])
    assert result.exit_code in (0, 1), result.output
    reports = dict(zip(files, json.loads(result.stdout)["reports"]))
    assert len(reports) == len(files)
    base = reports["utf8"]
    base_status = {f["rule"]: f["status"] for f in base["findings"]}
    assert len(set(base_status.values())) >= 3     # a real mix of verdicts, not all "missing"
    for name, report in reports.items():
        assert {f["rule"]: f["status"] for f in report["findings"]} == base_status, name
        assert (report["kind"], report["year"], report["score"]) == (base["kind"], base["year"], base["score"]), name
    # The deciding sentences are quoted the same; a .docx paragraph number is the text's line number.
    quotes = {f["rule"]: [(e["line"], e["text"]) for e in f["evidence"]] for f in base["findings"]}
    for name in ("docx", "gb18030"):
        assert {f["rule"]: [(e["line"], e["text"]) for e in f["evidence"]]
                for f in reports[name]["findings"]} == quotes, name
    html_quotes = {f["rule"]: [e["text"] for e in f["evidence"]] for f in reports["html"]["findings"]}
    assert html_quotes == {rule: [t for _, t in ev] for rule, ev in quotes.items()}
    assert reports["docx"]["line_label"] == "paragraph" and reports["html"]["line_label"] == "line"


def test_docx_evidence_says_paragraph_in_terminal_output(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(docx_from_text(seed_text(SEED_000)))
    zh = CliRunner().invoke(check_app, [str(path), "--format", "terminal"])
    en = CliRunner().invoke(check_app, [str(path), "--format", "terminal", "--lang", "en"])
    assert re.search(r"第\d+段", zh.stdout)
    assert re.search(r"paragraph \d+", en.stdout)


@pytest.mark.parametrize("header,row,line", [
    (["指标", "计划完成", "实际完成"], ["护学岗设置率", "100%", "96%"], "护学岗设置率完成96%，目标值100%。"),
    (["指标", "目标值", "目标完成情况"], ["护学岗设置率", "100%", "98%"], "护学岗设置率完成98%，目标值100%。"),
    # (years: the latest in the row's sentence, each earlier one a sentence of its own, dated as prose is)
    (["指标", "2022年", "2023年"], ["护学岗设置率", "95%", "100%"], "护学岗设置率，2023年100%。|护学岗设置率2022年95%。"),
    (["项目", "完成"], ["专职保安配备率", "100%"], "专职保安配备率完成100%。"),
    # a unit in a column's header; a merged category before the indicator; a score column; a bare year label
    (["指标", "目标值", "完成值（%）", "是否达标"], ["学前三年毛入园率", "90", "91.6", "√"],
     "学前三年毛入园率完成91.6%，是否达标√，目标值90。"),
    (["一级指标", "二级指标", "标准", "现状"], ["普及水平", "学前三年毛入园率", "≥90%", "88.2%"],
     "学前三年毛入园率完成88.2%，一级指标普及水平，目标值≥90%。"),
    (["内容", "要求", "自评得分", "备注"], ["教师5年360学时培训完成率", "100%", "4", "完成率98.7%"],
     "教师5年360学时培训完成率，完成率98.7%，目标值100%。"),
    (["年份", "学前三年毛入园率（%）"], ["2022", "90.3"], "2022年学前三年毛入园率90.3%。"),
    (["学段", "校际差异系数", "标准"], ["小学", "0.42", "≤0.50"], "小学校际差异系数0.42，目标值≤0.50。"),
    # a result column of a named year is dated, and so is a target column of one
    (["指标", "2023年实际", "2024年目标"], ["普惠性幼儿园覆盖率", "83.5%", "86%"], "普惠性幼儿园覆盖率，2023年83.5%，2024年目标值86%。"),
    # a verdict column naming its units reads as prose writes it; one without keeps its head
    (["指标", "小学", "初中", "达标情况"], ["每百名学生拥有网络多媒体教室数", "2.5间", "2.6间", "2所学校未达标"],
     "每百名学生拥有网络多媒体教室数小学2.5间，初中2.6间，2所学校未达标。"),
    (["指标", "小学", "初中", "达标情况"], ["专任教师持证上岗率", "100%", "100%", "达标"], "专任教师持证上岗率小学100%，初中100%，达标情况达标。"),
])
def test_the_header_tells_the_result_column_from_the_target(header, row, line):
    from checker.reading.formats.tables import table_lines

    assert table_lines([[[c] for c in header], [[c] for c in row]]) == line.split("|")


def test_a_note_row_and_a_cell_of_two_paragraphs_leave_the_table_a_table():
    from checker.reading.formats.tables import table_lines

    note = "注：数据来源于2023年教育事业统计年报，毛入学率按在校生数除以适龄人口数计算得出。"
    rows = [[["指标"], ["标准"], ["现状"]], [["高中阶段教育毛入学率"], ["92%"], ["95.2%", "（上年89.7%）"]],
            [[note], [note], [note]]]
    assert table_lines(rows) == ["高中阶段教育毛入学率完成95.2% （上年89.7%），目标值92%。", note]


def test_the_title_names_the_reports_own_row_of_a_table_of_areas():
    from checker.reading.formats.tables import table_lines_mapped

    rows = [[["县区"], ["毛入园率（%）"]], [["清河县"], ["92.3"]], [["甲县"], ["88.1"]]]
    lines, _ = table_lines_mapped(rows, before="清河县教育局2023年工作总结")
    assert lines == ["清河县毛入园率92.3%。", "外县甲县毛入园率88.1%。"]
