"""``govedu-check explain RULE``: a rule's facts (``cli.packs.explain_data``) as text, like ``ruff rule``."""
from __future__ import annotations

import json

from ..i18n import STATUS, t
from ..kinds.base import words
from ..model import STATUSES


_LABELS = {
    "pack": ("规则包", "Pack"), "check": ("检查方式", "Check"), "severity": ("严重程度", "Severity"),
    "weight": ("权重", "Weight"), "what": ("检查什么", "What it checks"), "target": ("目标", "Target"),
    "source": ("依据", "Source"), "statuses": ("各结论的含义", "What each status means"),
    "phrasing": ("常见写法", "Typical phrasing"), "examples": ("示例", "Examples"),
    "fix": ("如何整改", "How to fix a miss"), "set_by": ("设定者", "set by"),
    "was": ("原为", "was"), "confirmed": ("已核实", "confirmed"), "unconfirmed": ("未核实", "unconfirmed"),
    "unconfirmed_note": ("目标未能从原文确认：仅作提示（warning/info），不作为硬性要求",
                         "the target could not be confirmed from its source: advisory (warning/info), not a hard requirement"),
    "in_force": ("施行", "In force"), "every_year": ("各年均适用", "every year"),
}


def _in_force_text(f: dict | None, en: bool) -> str:
    if not f:
        return "every year" if en else "各年均适用"
    since = f["since"]["en" if en else "zh"]
    text = (f"from {since} ({f['from']}): reports of {f['from'][:4]} and later" if en
            else f"自{since}起（{f['from']}）：{f['from'][:4]}年及以后的报告适用")
    if f.get("until"):
        text += (f"; a one-off step, up to {f['until']}" if en else f"；一次性步骤，适用至{f['until']}年")
        later = (f.get("later") or {}).get("en" if en else "zh")
        if later:
            text += (f"; a later report should show: {later}" if en else f"；此后的报告应写明：{later}")
    return text


def explain_text(info: dict, lang: str) -> str:
    """The terminal form of :func:`explain_data`."""
    en = lang == "en"
    out = [f"{info['id']} — {info['title']['en' if en else 'zh']}"]
    if not en:
        out[0] += f" ({info['title']['en']})"
    out.append(f"{t(_LABELS, 'pack', lang)}: {info['pack']} {info['pack_version']} ({info['file']})   "
               f"{t(_LABELS, 'check', lang)}: {info['check']}   {t(_LABELS, 'severity', lang)}: {info['severity']}   "
               f"{t(_LABELS, 'weight', lang)}: {info['weight']:g}")
    out += ["", f"{t(_LABELS, 'what', lang)}:", "  " + _what_text(info, en)]
    out += ["", f"{t(_LABELS, 'target', lang)}:"]
    if info["threshold"]:
        out.append("  " + info["threshold"]["text"]["en" if en else "zh"])
        for s in info["threshold"]["steps"]:
            span = (f"{s['from'] or '…'}–{s['until'] or '…'}" if s["from"] or s["until"] else
                    ("every year" if en else "各年"))
            base = f" ({'base' if en else '基数'}: {s['base']})" if s.get("base") else ""
            out.append(f"    {span}: {s['text']}{base}")
    else:
        out.append("  " + ("stated as in force or done (no figure)" if en else "写明已实施/已完成（无需数字）"))
    setter = info["set_by"].get("threshold")
    if setter and setter != info["pack"]:
        out.append(f"  {t(_LABELS, 'set_by', lang)}: {setter}")
    for a in info["overrides"]:
        if a["field"] == "threshold":
            out.append(f"  {t(_LABELS, 'was', lang)} ({info['pack']}): {a['old'] or '—'} → {a['new']} ({a['pack']})")
    out += ["", f"{t(_LABELS, 'in_force', lang)}:", "  " + _in_force_text(info.get("in_force"), en)]
    out += ["", f"{t(_LABELS, 'source', lang)}:"]
    src = info["source"] or {}
    if src:
        confirmed = src.get("confirmed") is not False
        bits = [src.get("document", "")]
        for k in ("issuer", "number", "year"):
            if src.get(k) and (k != "number" or confirmed):
                bits.append(str(src[k]))
        out.append("  " + "；".join(b for b in bits if b))
        out.append("  " + (t(_LABELS, "confirmed", lang) if confirmed else
                           t(_LABELS, "unconfirmed", lang) + " — " + t(_LABELS, "unconfirmed_note", lang))
                   + (f" — {src['note']}" if src.get("note") else ""))
        if info["set_by"].get("source", info["pack"]) != info["pack"]:
            out.append(f"  {t(_LABELS, 'set_by', lang)}: {info['set_by']['source']}")
    out += ["", f"{t(_LABELS, 'statuses', lang)}:"]
    for s in STATUSES:
        name = STATUS[s][1 if en else 0]
        label = s if en else f"{s} ({name})"
        out.append(f"  {label}: {info['statuses'][s]['en' if en else 'zh']}")
    if info["phrasing"]:
        out += ["", f"{t(_LABELS, 'phrasing', lang)}:"] + [f"  {p}" for p in info["phrasing"]]
    out += ["", f"{t(_LABELS, 'examples', lang)}:"]
    for e in info["examples"]:
        extra = ", ".join(x for x in (e["kind"] if e["kind"] != "summary" else "",
                                       str(e["year"]) if e["year"] else "",
                                       json.dumps(e["context"], ensure_ascii=False) if e["context"] else "") if x)
        out.append(f"  [{e['status']}] {e['text']}" + (f"  ({extra})" if extra else ""))
    sugg = info["suggestion"]["en" if en else "zh"] or info["suggestion"]["zh"]
    if sugg:
        out += ["", f"{t(_LABELS, 'fix', lang)}:", "  " + sugg]
    changed = {k: v for k, v in info["set_by"].items() if v != info["pack"]}
    if changed:
        out += ["", f"{t(_LABELS, 'set_by', lang)}: " + ", ".join(f"{k} → {v}" for k, v in sorted(changed.items()))]
    return "\n".join(out) + "\n"


def _what_text(info: dict, en: bool) -> str:
    subj = info["subject"]
    parts = []
    terms = subj.get("terms") or []
    if en:
        parts.append(f"sentences that use one of: {', '.join(terms[:8])}{'…' if len(terms) > 8 else ''}")
        if subj.get("all_of"):
            parts.append("together with: " + " and ".join("/".join(g[:4]) for g in subj["all_of"])
                         + (" (in the same clause)" if subj.get("within") == "clause" else ""))
        if subj.get("context"):
            parts.append(f"in a sentence or under a heading about: {', '.join(subj['context'][:5])}")
        if subj.get("exclude"):
            parts.append(f"not inside: {', '.join(subj['exclude'][:5])}")
        if subj.get("anchor"):
            parts.append(f"a figure counts when written about: {', '.join(subj['anchor'][:5])}")
        return "; ".join(parts)
    parts.append(f"写到这些词的句子：{words(terms, 8)}")
    if subj.get("all_of"):
        parts.append("且同时写到：" + " 和 ".join("/".join(g[:4]) for g in subj["all_of"])
                     + ("（同一分句）" if subj.get("within") == "clause" else ""))
    if subj.get("context"):
        parts.append(f"句子或其上级标题涉及：{words(subj['context'], 5)}")
    if subj.get("exclude"):
        parts.append(f"不算在这些短语之内的：{words(subj['exclude'], 5)}")
    if subj.get("anchor"):
        parts.append(f"数字须写在这些词所在处：{words(subj['anchor'], 5)}")
    return "；".join(parts)
