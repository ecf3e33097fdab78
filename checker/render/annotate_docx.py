"""``--annotate``: a copy of a Word draft with the checker's findings as Word comments (批注).

``govedu-check draft.docx --annotate -o draft.审核.docx`` writes a copy of the draft in which

* each paragraph that decided a verdict carries a comment anchored on the deciding sentence's
  runs (the whole paragraph's text runs when the sentence cannot be placed exactly): the status,
  the rule, the target and the figure, the message and, when the rule is not met, the suggestion;
* the first paragraph with text carries a comment with the score, the count per status and the
  优先整改 list — error-severity rules that are unmet or missing first, then the other unmet or
  missing rules, then error-severity rules only planned or not quantified — each with its
  suggestion when no paragraph can show it (a rule never mentioned has no evidence paragraph).

Nothing else changes: comments are added through python-docx's ``Document.add_comment`` (range
markers around existing runs and one reference run per comment, which holds no text), so every
paragraph's text, style and numbering stay as they were. The input file is only read.

Evidence line numbers of a .docx are paragraph numbers as ``checker.containers`` counts them: body
paragraphs and table cells in reading order, content controls and similar wrappers looked into.
``paragraphs_in_reading_order`` walks the same way, and each piece of evidence is then checked
against the paragraph's text (and looked for elsewhere if the paragraph does not hold it).

Needs python-docx >= 1.2 (``pip install "govedu-check[docx]"``).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional

from ..i18n import SEVERITY, STATUS, t, where
from ..model import Evidence, Finding, ReportResult

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTHOR = "govedu-check"
INITIALS = "GC"
INSTALL_HINT = 'pip install "govedu-check[docx]"'
_WRAPPERS = (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}smartTag")


# ---------------------------------------------------------------- paragraphs as the checker counts them
def paragraphs_in_reading_order(body) -> list:
    """The ``w:p`` elements whose 1-based position is the checker's paragraph number.

    Mirrors ``containers._walk_block``: body paragraphs, then for a table every row below it
    (``iter``, as the reader does) and each row's cells, recursively; content controls and the
    other wrappers are looked into.
    """
    out: list = []

    def walk(parent) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                out.append(child)
            elif tag == f"{W}tbl":
                for row in child.iter(f"{W}tr"):
                    for cell in row.findall(f"{W}tc"):
                        walk(cell)
            elif tag in _WRAPPERS:
                inner = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if inner is not None:
                    walk(inner)

    walk(body)
    return out


def _own_runs(p) -> list:
    """The runs of paragraph ``p`` that show text, in order; none of a nested text box's."""
    runs = []
    for r in p.iter(f"{W}r"):
        parent = r.getparent()
        inside_other = False
        while parent is not None and parent is not p:
            if parent.tag in (f"{W}p", f"{W}del", f"{W}moveFrom", f"{W}txbxContent"):
                inside_other = True
                break
            parent = parent.getparent()
        if not inside_other and r.find(f"{W}t") is not None:
            runs.append(r)
    return runs


def _run_text(r) -> str:
    out = []
    for el in r:
        if el.tag == f"{W}t" and el.text:
            out.append(el.text)
        elif el.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
        elif el.tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


@dataclass
class _Para:
    element: object
    runs: list
    texts: list

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def span(self, sentence: str) -> Optional[tuple[int, int]]:
        """(first, last) index of the runs holding ``sentence``, or None."""
        text = self.text
        where_ = _find(text, sentence)
        if where_ is None:
            return None
        start, end = where_
        first = last = None
        pos = 0
        for i, piece in enumerate(self.texts):
            lo, hi = pos, pos + len(piece)
            if hi > start and lo < end:
                first = i if first is None else first
                last = i
            pos = hi
        return None if first is None else (first, last)


def _compact(s: str) -> tuple[str, list[int]]:
    keep = [(i, ch) for i, ch in enumerate(s) if not ch.isspace()]
    return "".join(ch for _, ch in keep), [i for i, _ in keep]


def _find(text: str, sentence: str) -> Optional[tuple[int, int]]:
    """Where ``sentence`` is in ``text``: exactly, then ignoring white space, then without a
    leading list number (一、 (一) 1.) that Word draws but the runs do not hold."""
    sentence = sentence.strip()
    if not sentence:
        return None
    i = text.find(sentence)
    if i >= 0:
        return i, i + len(sentence)
    ctext, cmap = _compact(text)
    csent, _ = _compact(sentence)
    for skip in range(0, min(8, len(csent) - 1)):
        probe = csent[skip:]
        j = ctext.find(probe)
        if j >= 0:
            return cmap[j], cmap[j + len(probe) - 1] + 1
    return None


# ---------------------------------------------------------------- texts
_LABELS = {
    "tool": ("govedu-check 审核", "govedu-check review"),
    "target": ("目标", "Target"),
    "value": ("报告数值", "Stated figure"),
    "suggestion": ("修改建议", "Suggestion"),
    "waived": ("已豁免", "Waived"),
    "score": ("得分 {score:.1f}/100", "Score {score:.1f}/100"),
    "priority": ("优先整改", "Fix first"),
    "none": ("没有未达标或未提及的规则。", "No rule is unmet or missing."),
    "see": ("见{where}批注", "see the comment at {where}"),
    "more": ("其余 {n} 项仅有计划或未量化，见各段批注。",
             "{n} more are only planned or not quantified; see the comments."),
    "evidence_n": ("（证据 {i}/{n}）", " (evidence {i} of {n})"),
}
_SEP = {"zh": "：", "en": ": "}


def _l(key: str, lang: str, **kw) -> str:
    return t(_LABELS, key, lang).format(**kw)


def _status(f: Finding, lang: str) -> str:
    return t(STATUS, f.status, lang)


def _severity(f: Finding, lang: str) -> str:
    return t(SEVERITY, f.severity, lang) if f.severity in SEVERITY else f.severity


def _title(f: Finding, lang: str) -> str:
    return (f.title_en or f.title_zh or f.rule) if lang == "en" else (f.title_zh or f.rule)


def _value(f: Finding, lang: str) -> str:
    from .columns import value_text

    return value_text(f, lang)


def _target(f: Finding, lang: str) -> str:
    from .columns import target_text

    return target_text(f, lang)


def _suggestion(f: Finding, lang: str) -> str:
    return (f.suggestion_en or f.suggestion_zh) if lang == "en" else f.suggestion_zh


def finding_comment(f: Finding, lang: str, index: int = 1, total: int = 1) -> str:
    """The comment on one piece of evidence: status and rule, target and figure, message, suggestion."""
    sep = _SEP[lang if lang == "en" else "zh"]
    head = f"【{_status(f, lang)}】{_title(f, lang)}（{f.rule}，{_severity(f, lang)}）" if lang != "en" else \
        f"[{_status(f, lang)}] {_title(f, lang)} ({f.rule}, {_severity(f, lang)})"
    if total > 1:
        head += _l("evidence_n", lang, i=index, n=total)
    lines = [head]
    facts = []
    if _target(f, lang):
        facts.append(_l("target", lang) + sep + _target(f, lang))
    if _value(f, lang):
        facts.append(_l("value", lang) + sep + _value(f, lang))
    if facts:
        lines.append(("；" if lang != "en" else "; ").join(facts))
    lines.append(f.message(lang))
    if f.status != "met" and _suggestion(f, lang):
        lines.append(_l("suggestion", lang) + sep + _suggestion(f, lang))
    if f.waived:
        reason = f.waived.get("reason", "") if isinstance(f.waived, dict) else ""
        lines.append(_l("waived", lang) + (sep + str(reason) if reason else ""))
    return "\n".join(lines)


def priority(findings) -> list[Finding]:
    """The 优先整改 list: error-severity unmet/missing, other unmet/missing, then error-severity
    planned/unverified; within each group heavier rules first, then pack order. Waived ones never."""
    def group(f: Finding) -> Optional[int]:
        if f.waived or f.status == "met":
            return None
        gap = f.status in ("unmet", "missing")
        if gap and f.severity == "error":
            return 0
        if gap:
            return 1
        if f.severity == "error":
            return 2
        return None

    ranked = [(group(f), -f.weight, i, f) for i, f in enumerate(findings)]
    return [f for g, _, _, f in sorted((x for x in ranked if x[0] is not None), key=lambda x: x[:3])]


def summary_comment(report: ReportResult, lang: str, placed: dict) -> str:
    """Score, counts and the 优先整改 list; ``placed`` maps a rule to the paragraph of its first comment."""
    from ..score import counts

    sep = _SEP[lang if lang == "en" else "zh"]
    c = counts(report.findings)
    joiner = "、" if lang != "en" else ", "
    tally = joiner.join(f"{t(STATUS, s, lang)} {n}" for s, n in c.items())
    lines = [f"{_l('tool', lang)}{sep}{_l('score', lang, score=report.score)}"
             + (f"（{tally}）" if lang != "en" else f" ({tally})")]
    todo = priority(report.findings)
    if not todo:
        lines.append(_l("none", lang))
        return "\n".join(lines)
    lines.append((_l("priority", lang) + sep).rstrip())
    rest = sum(1 for f in report.findings if not f.waived and f.status in ("planned", "unverified")
               and f not in todo)
    for n, f in enumerate(todo, start=1):
        status = f"{_status(f, lang)}{'·' if lang != 'en' else ', '}{_severity(f, lang)}"
        line = f"{n}. 【{status}】{_title(f, lang)}" if lang != "en" else f"{n}. [{status}] {_title(f, lang)}"
        target = _target(f, lang)
        if target:
            line += f"（{_l('target', lang)}{target}）" if lang != "en" else f" (target {target})"
        if f.rule in placed:
            line += ("：" if lang != "en" else ": ") + _l("see", lang, where=where(placed[f.rule], "paragraph", lang))
        elif _suggestion(f, lang):
            line += ("：" if lang != "en" else ": ") + _suggestion(f, lang)
        lines.append(line)
    if rest:
        lines.append(_l("more", lang, n=rest))
    return "\n".join(lines)


# ---------------------------------------------------------------- the annotated copy
@dataclass(frozen=True)
class Annotated:
    data: bytes            # the .docx with comments
    comments: int          # comments added, the summary included
    unplaced: int          # pieces of evidence whose paragraph was not found (left without a comment)


def _paragraph(element, runs_el) -> _Para:
    return _Para(element, runs_el, [_run_text(r) for r in runs_el])


def _locate(paras: list[_Para], ev: Evidence) -> Optional[_Para]:
    """The paragraph of ``ev``: its paragraph number when that paragraph holds the sentence, else
    the nearest paragraph that does, else the numbered one if it exists."""
    k = ev.line - 1
    if 0 <= k < len(paras) and paras[k].runs and paras[k].span(ev.text) is not None:
        return paras[k]
    holders = [i for i, p in enumerate(paras) if p.runs and p.span(ev.text) is not None]
    if holders:
        return paras[min(holders, key=lambda i: abs(i - k))]
    if 0 <= k < len(paras) and paras[k].runs:
        return paras[k]
    return None


def annotate(data: bytes, report: ReportResult, lang: str = "zh") -> Annotated:
    """The .docx ``data`` with a comment per piece of evidence of ``report`` and a summary comment."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    paras = [_paragraph(p, _own_runs(p)) for p in paragraphs_in_reading_order(body)]

    def runs_of(para: _Para, first: int, last: int) -> list:
        holder = Paragraph(para.element, document._body)
        return [Run(para.runs[first], holder), Run(para.runs[last], holder)]

    planned: list[tuple[_Para, tuple[int, int], str]] = []
    placed: dict[str, int] = {}
    unplaced = 0
    for f in report.findings:
        n = len(f.evidence)
        for i, ev in enumerate(f.evidence, start=1):
            para = _locate(paras, ev)
            if para is None:
                unplaced += 1
                continue
            span = para.span(ev.text) or (0, len(para.runs) - 1)
            planned.append((para, span, finding_comment(f, lang, i, n)))
            placed.setdefault(f.rule, paras.index(para) + 1)

    count = 0
    first = next((p for p in paras if p.runs and p.text.strip()), None)
    if first is not None:
        document.add_comment(runs_of(first, 0, len(first.runs) - 1), summary_comment(report, lang, placed),
                             author=AUTHOR, initials=INITIALS)
        count += 1
    for para, (a, b), text in planned:
        document.add_comment(runs_of(para, a, b), text, author=AUTHOR, initials=INITIALS)
        count += 1
    out = io.BytesIO()
    document.save(out)
    return Annotated(out.getvalue(), count, unplaced)
