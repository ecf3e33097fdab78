"""--annotate: a copy of a Word draft with a comment on each evidence paragraph and a summary comment
on the first paragraph; the body otherwise unchanged and the input never written. Opened again
with python-docx, compared with the input's XML, and converted to PDF by LibreOffice (skipped
visibly without soffice), whose first page is kept as artifacts/annotated-draft.png for the docs."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from lxml import etree  # noqa: E402  (python-docx depends on lxml)

from cli_support import ROOT, reuse_parsed_packs, run_cli  # noqa: E402,F401
from office_support import ARTIFACTS, convert, soffice  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEED = ROOT / "seeds" / "000_fe85392cbbe105c4.txt"
LABEL = {"met": "达标", "unmet": "未达标", "planned": "仅有计划", "unverified": "未量化", "missing": "未提及"}
LISTED = "全县中小学幼儿园封闭化管理率达到100%。"   # in a Word-numbered paragraph: the checker reads "1.…"
IN_TABLE = "全县中小学校护学岗设置率100%。"


def make_draft(path: Path) -> list[str]:
    """Seed 000 as a Word draft: runs split mid-sentence, a table, an automatically numbered
    paragraph. Returns every paragraph's text in reading order (body and table cells)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    d = docx.Document()
    texts: list[str] = []
    for i, line in enumerate(lines):
        if i == 10:
            table = d.add_table(rows=2, cols=2)
            for (r, c), text in {(0, 0): "项目", (0, 1): "情况", (1, 0): "护学岗", (1, 1): IN_TABLE}.items():
                table.cell(r, c).text = text
            texts += ["项目", "情况", "护学岗", IN_TABLE]
            d.add_paragraph(LISTED, style="List Number")
            texts.append(LISTED)
        p = d.add_paragraph()
        half = len(line) // 2
        p.add_run(line[:half])
        p.add_run(line[half:]).bold = True
        texts.append(line)
    d.save(path)
    return texts


def all_paragraphs(document) -> list:
    """Every w:p in document order: for a body without nested tables, the reading order."""
    return list(document.element.body.iter(f"{W}p"))


def p_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def comments_at(p) -> list[int]:
    return [int(e.get(f"{W}id")) for e in p.iter(f"{W}commentRangeStart")]


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annotate")
    draft = folder / "draft.docx"
    texts = make_draft(draft)
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = folder / "draft.审核.docx"
    result = run_cli(draft, "--annotate", "-o", out, "--no-config", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    report = json.loads(run_cli(draft, "--format", "json", "--no-config", "--exit-zero").stdout)["reports"][0]
    return dict(draft=draft, out=out, texts=texts, before=before, result=result, report=report)


def test_input_untouched_and_one_comment_per_evidence_plus_summary(annotated):
    assert hashlib.sha256(annotated["draft"].read_bytes()).hexdigest() == annotated["before"]
    evidence = sum(len(f["evidence"]) for f in annotated["report"]["findings"])
    doc = docx.Document(str(annotated["out"]))
    assert len(doc.comments) == evidence + 1
    assert all(c.author == "govedu-check" and c.initials == "GC" for c in doc.comments)
    assert f"{evidence + 1} 条批注" in annotated["result"].stderr
    assert "得分" in annotated["result"].stdout   # the terminal report still goes to stdout


def test_comments_sit_on_the_evidence_paragraphs(annotated):
    doc = docx.Document(str(annotated["out"]))
    paras = all_paragraphs(doc)
    texts = annotated["texts"]
    assert [p_text(p) for p in paras] == texts
    ids_at = {cid: i for i, p in enumerate(paras, start=1) for cid in comments_at(p)}
    text_of = {c.comment_id: c.text for c in doc.comments}
    checked = 0
    for f in annotated["report"]["findings"]:
        for ev in f["evidence"]:
            # the paragraph the checker names holds the sentence (the list number aside), or is the
            # first cell of the table row the sentence was read from …
            para = texts[ev["line"] - 1]
            assert ev["text"].lstrip("1.") in para or (para and para in ev["text"]), (ev, para)
            # … and carries a comment about this rule with its status and message
            mine = [cid for cid, line in ids_at.items() if line == ev["line"] and f["rule"] in text_of[cid]]
            assert mine, (f["rule"], ev["line"])
            body = text_of[mine[0]]
            assert body.startswith(f"【{LABEL[f['status']]}】") and f["message"] in body
            if f.get("threshold"):
                assert f"目标：{f['threshold']}" in body
            if f["status"] != "met":
                assert "修改建议：" in body
            checked += 1
    assert checked >= 20
    where = {f["rule"]: f["evidence"][0]["line"] for f in annotated["report"]["findings"] if f["evidence"]}
    assert texts[where["safety.guard-post-coverage"] - 1] == IN_TABLE        # a table cell
    assert texts[where["safety.closed-management"] - 1] == LISTED            # a numbered paragraph


def test_summary_comment_on_the_first_paragraph(annotated):
    doc = docx.Document(str(annotated["out"]))
    first = all_paragraphs(doc)[0]
    summary = doc.comments.get(min(comments_at(first))).text
    report = annotated["report"]
    assert summary.startswith(f"govedu-check 审核：得分 {report['score']:.1f}/100")
    assert "优先整改：" in summary
    items = [line for line in summary.split("\n") if line[:1].isdigit()]
    gaps = [f for f in report["findings"] if f["status"] in ("unmet", "missing")]
    error_gaps = [f for f in gaps if f["severity"] == "error"]
    assert len(items) >= len(gaps)
    for line in items[:len(error_gaps)]:
        assert "·错误】" in line and ("【未达标" in line or "【未提及" in line)
    missing = next(f for f in error_gaps if f["status"] == "missing")
    assert any(missing["message"].split("写到")[-1] in line for line in items)


def _strip_comments(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in root.iter(f"{W}{tag}"):
            el.getparent().remove(el)
    for ref in list(root.iter(f"{W}commentReference")):
        run = ref.getparent()
        run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


def test_nothing_else_changed(annotated):
    with zipfile.ZipFile(annotated["draft"]) as a, zipfile.ZipFile(annotated["out"]) as b:
        assert _strip_comments(b.read("word/document.xml")) == _strip_comments(a.read("word/document.xml"))
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
        added = set(b.namelist()) - set(a.namelist())
    assert changed <= {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert added == {"word/comments.xml"}


def test_refusals_exit_2_with_one_line(annotated, tmp_path):
    draft = annotated["draft"]
    txt = tmp_path / "report.txt"
    shutil.copy(SEED, txt)
    cases = {
        "input": [draft, "--annotate", "-o", draft],                              # -o is the input
        "input via another path": [draft, "--annotate", "-o", draft.parent / "." / draft.name],
        "not docx": [txt, "--annotate", "-o", tmp_path / "x.docx"],
        "no -o": [draft, "--annotate"],
        "two inputs": [draft, draft, "--annotate", "-o", tmp_path / "y.docx"],
        "stdin": ["-", "--annotate", "-o", tmp_path / "z.docx"],
        "not .docx out": [draft, "--annotate", "-o", tmp_path / "z.pdf"],
    }
    for name, args in cases.items():
        result = run_cli(*args, "--no-config")
        assert result.exit_code == 2, name
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith("govedu-check: ") and ("--annotate" in lines[0] or "-o " in lines[0]), name
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == annotated["before"]
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "y.docx").exists()


def test_evidence_placed_by_text_when_the_paragraph_number_is_off():
    """A sentence is looked for around its paragraph number if that paragraph does not hold it."""
    from checker.render.annotate_docx import _locate, _Para
    from checker.model import Evidence

    paras = [_Para(object(), [object()], [t]) for t in ("甲。", "全县护学岗设置率100%。", "乙。")]
    assert _locate(paras, Evidence(3, "全县护学岗设置率100%。", "achieved")) is paras[1]
    assert _locate(paras, Evidence(1, "甲。", "achieved")) is paras[0]
    assert _locate(paras, Evidence(9, "丙。", "achieved")) is None


def test_libreoffice_opens_it_and_page_one_is_kept(annotated, tmp_path):
    binary = soffice()
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'   # comments as PDF notes
    pdf = convert(binary, annotated["out"], export, tmp_path / "pdf", tmp_path / "profile")
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    notes = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]
    texts = [str(n.get("/Contents", "")) for n in notes if n.get("/Subtype") == "/Text"]
    # LibreOffice exports each Word comment as a PDF text note
    assert len(texts) == len(docx.Document(str(annotated["out"])).comments)
    assert any(t.startswith("govedu-check 审核：得分") for t in texts)
    assert "桓台县教育和体育局" in reader.pages[0].extract_text()
    if shutil.which("pdftoppm") is None:
        import warnings

        warnings.warn("pdftoppm not found: artifacts/annotated-draft.png not made (apt-get install -y poppler-utils)")
        return
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / "annotated-draft.png"
    png.unlink(missing_ok=True)
    proc = subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                           str(png.with_suffix(""))], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and png.read_bytes().startswith(b"\x89PNG"), proc.stderr
    assert subprocess.run(["git", "check-ignore", "-q", str(png)], cwd=ROOT).returncode == 0


def test_plain_word_xml_content_controls_and_hyperlinks(tmp_path):
    """A .docx written without python-docx (no styles part): a table cell, a sentence split over
    two runs, a paragraph in a content control and one whose text is inside a hyperlink."""
    from test_containers import make_docx, w_paragraph, w_table

    blocks = [w_paragraph("桓台县教育局2021年工作总结"),
              w_table([["护学岗", "全县中小学校护学岗设置率100%。"]]),
              w_paragraph("全县学校封闭化管理率为92%。", runs=["全县学校封闭化", "管理率为92%。"]),
              "<w:sdt><w:sdtContent>" + w_paragraph("课后服务实现义务教育学校全覆盖。") + "</w:sdtContent></w:sdt>",
              '<w:p><w:hyperlink w:anchor="x"><w:r><w:t>全县中小学幼儿园一键式紧急报警装置安装率100%。</w:t></w:r>'
              "</w:hyperlink></w:p>"]
    src = tmp_path / "plain.docx"
    src.write_bytes(make_docx(blocks))
    out = tmp_path / "plain.审核.docx"
    assert run_cli(src, "--annotate", "-o", out, "--no-config", "--exit-zero").exit_code == 0
    doc = docx.Document(str(out))
    paras = all_paragraphs(doc)
    first_line = {}
    for i, p in enumerate(paras, start=1):
        for cid in comments_at(p):
            first_line[doc.comments.get(cid).text.split("\n")[0]] = i
    # the severity word is the rule's own (packs set it by how firm the source is)
    from checker.i18n import SEVERITY
    from checker.packs import all_rules, load_packs

    word = {r.id: SEVERITY[r.severity][0] for r in all_rules(load_packs())}
    assert first_line[f"【达标】护学岗设置（safety.guard-post-coverage，{word['safety.guard-post-coverage']}）"] == 3
    assert first_line[f"【未达标】封闭化管理（safety.closed-management，{word['safety.closed-management']}）"] == 4
    rid = "jianfu.after-school.school-coverage"
    assert first_line[f"【达标】课后服务义务教育学校全覆盖（{rid}，{word[rid]}）"] == 5
    rid = "safety.alarm-video-police-link"
    assert any(head.endswith(f"（{rid}，{word[rid]}）") and line == 6 for head, line in first_line.items())
    assert [p_text(p) for p in paras] == [p_text(p) for p in all_paragraphs(docx.Document(str(src)))]


def test_english_comments_with_lang_en(annotated):
    from checker.render.annotate_docx import annotate
    from checker.run.batch import check_all
    from checker.packs import all_rules, load_packs

    [report] = check_all([str(annotated["draft"])], all_rules(load_packs()), {}, jobs=1)
    result = annotate(annotated["draft"].read_bytes(), report, "en")
    doc = docx.Document(io.BytesIO(result.data))
    texts = [c.text for c in doc.comments]
    assert result.comments == len(texts) and result.unplaced == 0
    assert texts[0].startswith(f"govedu-check review: Score {report.score:.1f}/100 (met ")
    assert "\nFix first:\n1. [missing, error] " in texts[0] or "\nFix first:\n1. [unmet, error] " in texts[0]
    assert all(t.startswith("[") for t in texts[1:])
    assert not any("【" in t for t in texts)
