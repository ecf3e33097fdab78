"""Words shown to users, in Chinese (default) and English, and the one function that picks them: t()."""
from __future__ import annotations

STATUS = {
    "met": ("达标", "met"),
    "unmet": ("未达标", "unmet"),
    "planned": ("仅有计划", "planned"),
    "unverified": ("未量化", "unverified"),
    "missing": ("未提及", "missing"),
}
GLYPH = {"met": "✔", "unmet": "✘", "planned": "◷", "unverified": "?", "missing": "∅"}
STYLE = {"met": "green", "unmet": "bold red", "planned": "cyan", "unverified": "yellow", "missing": "dim"}
KIND = {"summary": ("工作总结", "summary"), "plan": ("工作计划/要点", "plan"), "mixed": ("总结+计划", "mixed")}
MODALITY = {"achieved": ("已完成", "achieved"), "planned": ("计划", "planned"), "problem": ("问题", "problem")}
SEVERITY = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}

UI = {
    "report": ("报告", "Report"),
    "kind": ("类型", "Kind"),
    "year": ("年份", "Year"),
    "packs": ("规则包", "Packs"),
    "score": ("得分", "Score"),
    "category": ("类别", "Category"),
    "rule": ("规则", "Rule"),
    "status": ("结论", "Status"),
    "value": ("数值/目标", "Value / target"),
    "evidence": ("依据", "Evidence"),
    "gaps": ("优先整改", "Top gaps to fix"),
    "line": ("第{n}行", "line {n}"),
    "paragraph": ("第{n}段", "paragraph {n}"),
    "unknown": ("未知", "unknown"),
    "summary_counts": ("合计", "Totals"),
    "no_gaps": ("没有需要整改的error级规则。", "No error-severity gaps."),
    "errors": ("无法检查的文件", "Files that could not be checked"),
}


PROVENANCE = {
    "source": ("政策依据", "Source"),
    "unconfirmed": ("未核实", "unconfirmed"),
    "unconfirmed_long": ("目标未核实：出处未能从原文确认，仅作提示，不作为硬性要求",
                         "target unconfirmed: not confirmed from its source; advisory, not a hard requirement"),
    "not_in_force": ("不适用", "not applicable"),
}


def t(table: dict, key: str, lang: str, **fields) -> str:
    """The word or sentence ``key`` of ``table`` (pairs of 中文, English) in ``lang``, with ``fields``
    filled in. Every output and command looks its words up here, from its own table."""
    zh, en = table[key]
    text = en if lang == "en" else zh
    return text.format(**fields) if fields else text


def where(n: int, label: str, lang: str) -> str:
    return t(UI, "paragraph" if label == "paragraph" else "line", lang).format(n=n)
