"""Words shown to users, in Chinese (default) and English, and the one function that picks them: t()."""
from __future__ import annotations

from . import regexcache

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


# ---------------------------------------------------------------- the command line's help
# Put on the click commands by checker/cli/helptext.py; the English help is the text in the code.
SUBCOMMANDS_ZH = (
    "子命令：check（默认，可省略）· packs list|show|validate|test · explain 规则 · init-pack 名称 · "
    "follow-through 计划 总结 · diff 旧稿 新稿。各子命令用 -h 查看帮助。"
)
SUBCOMMANDS_EN = (
    "Sub-commands: check (the default; the word may be left out) · packs list|show|validate|test · "
    "explain RULE · init-pack NAME · follow-through PLAN SUMMARY · diff OLD NEW. Each takes -h."
)

COMMAND_ZH = {
    "check": "对照政策规则包检查教育局工作总结/工作要点，并按门禁决定退出码。",
    "follow-through": "检查工作总结是否兑现了工作要点（计划）中的承诺。",
    "diff": "比较同一报告两稿的结论变化和得分变化。",
    "packs": "列出、查看、校验和测试政策规则包。",
    "explain": "解释一条规则：检查什么、目标、出处、各结论的含义和示例。",
    "init-pack": "新建一个规则包：一条带注释的规则、示例和测试文件夹。",
    "list": "列出找到的所有规则包：内置、--pack、配置文件中的，以及随附但未加载的。",
    "show": "以表格列出规则包中的规则（生效的规则，以及修改过它们的规则包）。",
    "validate": "校验规则包的结构和含义：未知的键、重复编号、单位、extends、overrides、示例、版本。",
    "test": "运行每条规则的示例（以及规则包 NAME-tests/ 中的样例报告）；有失败时退出码为 1。",
}

EPILOG_ZH = (
    "退出码：0 全部报告通过门禁；1 未通过门禁（得分低于 --fail-under，或“错误”级规则的结论属于 --fail-on）；"
    "2 用法、配置、规则包或输入错误（含无法检查的文件）。PATH 为文件夹时检查其中所有 "
    ".txt/.md/.docx/.html/.htm/.pdf 文件（跳过 .gitignore 忽略的文件、本工具的输出和 README 等说明文件）；"
    "'-' 读取标准输入。选项也可写在 pyproject.toml 的 \\[tool.govedu-check] 或 .govedu-check.yaml 中（见 docs/ci.md）。"
)

PARAM_ZH = {
    "paths": "报告文件或文件夹；'-' 读取标准输入。",
    "fmt": "输出格式（默认 terminal）：terminal、concise、json、sarif、junit、markdown、github、gitlab、csv、html。",
    "output": "把输出写入此文件（'-' 为标准输出）。",
    "output_formats": "再写一份输出：格式=文件，如 sarif=out.sarif（可重复）。",
    "sarif_output": "另写一份 SARIF 到此文件（同 --output-format sarif=文件）。",
    "junit_output": "另写一份 JUnit XML 到此文件。",
    "json_output": "另写一份 JSON 到此文件。",
    "gitlab_output": "另写一份 GitLab Code Quality JSON 到此文件。",
    "pack": "再加载一个规则包文件或文件夹（可重复）。",
    "lang": "界面和报告的语言：zh 或 en（默认 zh；LANG=en_* 时为 en）。",
    "context": "本单位自有数据的 YAML 文件（如教师总数）。",
    "fail_under": "任一报告得分低于 SCORE 时判为未通过门禁（退出码 1）。",
    "fail_on": "“错误”级规则出现这些结论时判为未通过：unmet、missing、unverified、planned 或 none（默认 unmet）。",
    "exit_zero": "即使未通过门禁也以 0 退出（输入错误仍为 2）。",
    "waivers": "豁免清单 YAML 文件。",
    "jobs": "并行检查的报告数（默认 CPU 数）。",
    "config": "从此文件读取选项，不再自动查找配置文件。",
    "no_config": "忽略配置文件。",
    "version": "显示版本并退出。",
    "select": "只用这些规则：规则编号或前缀（如 safety.），逗号分隔，可重复。",
    "ignore": "不用这些规则：规则编号或前缀，逗号分隔，可重复。",
    "severity": "只用不低于此级别的规则：info、warning 或 error。",
    "exclude": "文件夹中要跳过的文件（glob，替换默认列表），可重复。",
    "extend_exclude": "文件夹中要跳过的文件（glob，加在默认列表之后），可重复。",
    "include_all": "也检查本工具的输出（html/md）和 README、CHANGELOG 等说明文件。",
    "force_exclude": "对命令行直接给出的文件也应用排除规则，并跳过非报告文件（pre-commit 钩子使用）。",
    "no_respect_gitignore": "不理会 .gitignore。",
    "quiet": "只输出结果和错误，不显示警告、提示和进度条。",
    "statistics": "只按规则和结论统计数量（代替逐条结果）。",
    "show_settings": "显示合并后的设置和将要检查的文件，然后退出。",
    "help": "显示帮助并退出。",
    "plan": "工作要点/计划（或含计划部分的报告）；'-' 读取标准输入。",
    "summary": "该计划对应年度的工作总结。",
    "old": "较早的一稿；'-' 读取标准输入。",
    "new": "较晚的一稿。",
}

# Where a sub-command's option means something else than check's.
PARAM_ZH_BY_COMMAND = {
    "diff": {"fmt": "输出格式：terminal 或 json。", "lang": "输出的语言：zh 或 en（默认 zh）。"},
    "follow-through": {"fmt": "输出格式：terminal、json 或 html。", "lang": "输出的语言：zh 或 en（默认 zh）。",
                       "pack": "再加载一个规则包文件或文件夹（其术语有助于匹配事项）。"},
    "show": {"lang": "标题的语言：zh 或 en。"},
    "explain": {"lang": "解释的语言：zh 或 en。"},
    "validate": {"lang": "问题和提示的语言：zh 或 en。", "paths": "要校验的规则包文件或文件夹。"},
}

PANELS_ZH = {
    "ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "子命令",
    "ERRORS_PANEL_TITLE": "错误", "ABORTED_TEXT": "已中断。", "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]", "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}


# ---------------------------------------------------------------- the command line's own words
# Messages of the command line (errors, hints, notes), looked up with msg(). Chinese first.
MESSAGES = {
    "prefix": ("govedu-check", "govedu-check"),
    "error": ("错误", "error"),
    "warning": ("警告：{text}", "warning: {text}"),
    "note": ("提示：{text}", "note: {text}"),
    "gate_failed": ("未通过门禁：{reason}", "gate failed: {reason}"),
    "interrupted": ("已中断（Ctrl-C），未写出完整结果", "interrupted (Ctrl-C); the output is incomplete"),
    "internal": ("内部错误（{kind}: {detail}）；请把命令和输入文件一并报告给维护者",
                 "internal error ({kind}: {detail}); please report it with the command and the input files"),
    "none_checked": ("{n} 个输入均无法检查", "none of the {n} inputs could be checked"),
    "inputs_failed": ("有 {n} 个输入无法检查（见上文），本次运行失败",
                      "{n} input(s) could not be checked (see above); the run fails"),
    "output_is_input": ("{output}：输出文件就是输入文件 {input}，拒绝覆盖；请换一个 --output 路径",
                        "{output}: the output file is the input {input}; refusing to overwrite it — choose another --output"),
    "two_stdout": ("只能有一个输出写到标准输出（{formats}）；其余请用 格式=文件 的形式写入文件",
                   "only one output can go to standard output ({formats}); give the others a file (FORMAT=FILE)"),
    "bad_output_format": ("--output-format {value}：未知格式 {fmt!r}；可用：{known}",
                          "--output-format {value}: unknown format {fmt!r}; use one of {known}"),
    "no_rule_matches": ("{option} {value}：没有匹配的规则；规则编号见 govedu-check packs list",
                        "{option} {value}: matches no rule; see govedu-check packs list for rule ids"),
    "no_rules_left": ("按 --select/--ignore/--severity 筛选后没有剩下任何规则",
                      "no rule is left after --select/--ignore/--severity"),
    "bad_severity": ("--severity {value}：请用 info、warning 或 error", "--severity {value}: use info, warning or error"),
    "folder_missing": ("{output}：文件夹 {folder} 不存在；请先创建，或换一个 --output",
                       "{output}: the folder {folder} does not exist; create it or choose another --output"),
    "cannot_write": ("{output}：无法写入（{reason}）", "{output}: cannot write ({reason})"),
    "stats_head": ("数量  规则  结论", "count  rule  status"),
    "skipped": ("已跳过 {n} 个文件（本工具的输出、README 等说明文件、--exclude 或 .gitignore）；用 --include-all 一并检查",
                "skipped {n} file(s) (this tool's outputs, README-like files, --exclude or .gitignore); "
                "--include-all checks them"),
}


def msg(key: str, lang: str = "", **fields) -> str:
    """A command-line message in ``lang`` (default: the language of the interface, :func:`ui_lang`)."""
    return t(MESSAGES, key, lang or ui_lang(), **fields)


_UI_LANG: list = []   # set once by the command line (set_ui_lang); else from the environment


def env_lang() -> str:
    """``en`` when the locale asks for English (LC_ALL, LC_MESSAGES or LANG = en_*), else ``zh``."""
    import os

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def argv_lang(argv) -> str:
    """The language ``--lang`` asks for in a command line, or "" when it is not given."""
    args = list(argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in ("zh", "en") else ""
        if a.startswith("--lang="):
            value = a.split("=", 1)[1]
            return value if value in ("zh", "en") else ""
    return ""


def set_ui_lang(lang: str) -> None:
    _UI_LANG[:] = [lang]


def ui_lang() -> str:
    return _UI_LANG[0] if _UI_LANG else env_lang()


def severity_word(severity: str, lang: str) -> str:
    """错误/警告/提示 (error/warning/info) — how every Chinese output names a rule's severity."""
    return t(SEVERITY, severity, lang) if severity in SEVERITY else severity


# English messages raised deep in the pipeline (reading, packs, configuration), put into Chinese
# where the command line prints them: (pattern on the English text, Chinese template).
import re as _re
from functools import lru_cache

_ZH_PATTERNS = [
    (r"(?P<p>.+): file not found; check the path", "{p}：找不到文件，请检查路径"),
    (r"(?P<p>.+): is a directory, not a file; (?P<rest>.*)", "{p}：这是文件夹，不是文件；请给出 .txt、.md、.docx、.html 或 .pdf 报告"),
    (r"(?P<p>.+): permission denied; (?P<rest>.*)", "{p}：没有读取权限；请让文件可读，或复制到别处再检查"),
    (r"(?P<p>.+): folder holds no report files \((?P<s>.*)\); check the path",
     "{p}：文件夹里没有报告文件（{s}）；请检查路径"),
    (r"(?P<p>.+): legacy Office file \((?P<k>.*)\); (?P<rest>.*)",
     "{p}：这是旧版 Office/WPS 文件（{k}），无法直接读取；请在 Word 或 WPS 中打开，另存为 .docx 后再检查"),
    (r"(?P<p>.+): not a text file \((?P<k>.*)\); (?P<rest>.*)",
     "{p}：不是文本文件（{k}）；请给出 .txt、.md、.docx、.html 或 .pdf 报告"),
    (r"(?P<p>.+): cannot be decoded as (?P<rest>.*)",
     "{p}：无法按 UTF-8、GB18030（GBK）或 UTF-16 解码；请另存为 UTF-8 文本"),
    (r"(?P<p>.+): cannot be read \((?P<r>.*)\); (?P<rest>.*)", "{p}：无法读取（{r}）"),
    (r"(?P<p>.+): configuration file not found; (?P<rest>.*)", "{p}：找不到配置文件；请检查 --config 给出的路径"),
    (r"(?P<p>.+): unknown option (?P<k>'[^']*'); known options: (?P<known>.*)",
     "{p}：未知选项 {k}；可用选项：{known}"),
    (r"(?P<p>.+): (?P<k>\S+) must be (?P<what>.*) \((?P<why>.*)\)", "{p}：{k} 的取值应为 {what}（{why}）"),
    (r"(?P<p>.+): not checked — a worker process died (?P<rest>.*)",
     "{p}：未检查——工作进程意外退出（内存不足？）；请用 --jobs 1 重试"),
    (r"(?P<p>.+): internal error while checking \((?P<d>.*)\); (?P<rest>.*)",
     "{p}：检查时发生内部错误（{d}）；请把该文件一并报告给维护者"),
    (r"(?P<p>.+): no rule's subject is mentioned \(all (?P<n>\d+) missing\) (?P<rest>.*)",
     "{p}：没有提到任何规则涉及的事项（{n} 条全部未提及）——这是教育局的工作报告吗？"),
    (r"(?P<n>\d+) of (?P<m>\d+) report\(s\) score below --fail-under (?P<u>\S+) \(lowest: (?P<low>.*)\)",
     "{m} 份报告中有 {n} 份得分低于 --fail-under {u}（最低：{low}）"),
    (r"(?P<n>\d+) error-severity finding\(s\) with status (?P<s>\S+) in (?P<r>\d+) report\(s\) "
     r"\(first: (?P<rule>\S+) is (?P<st>\S+) in (?P<p>.*)\)",
     "{r} 份报告中有 {n} 条“错误”级规则的结论为 {s}（第一条：{p} 的 {rule} 为 {st}）"),
    (r"(?P<p>.+):(?P<pos>\d+(?::\d+)?): (?P<rest>.*)", None),   # positions stay; the rest is translated below
]


# Compiled at the first message translated, not at import: a clean run translates none, and the
# 50-odd patterns cost a few milliseconds of every cold start.
@lru_cache(maxsize=None)
def _compiled(which: str) -> list:
    patterns = _ZH_PATTERNS if which == "lines" else _ZH_SEGMENTS
    return [(regexcache.compile(p + r"\Z", _re.S), z) for p, z in patterns]

# Pack validation problems are "label: label: problem" (rule 'x': rules[0].id: …) with a hint;
# each colon-separated piece is translated when it is a known sentence, and left as it is
# (an id, a YAML path, a quoted value) otherwise.
_ZH_SEGMENTS = [
    (r"rule (?P<r>'[^']*')", "规则 {r}"),
    (r"missing (?P<k>'[^']*')", "缺少 {k}"),
    (r"unknown key (?P<k>'[^']*')", "未知的键 {k}"),
    (r"should be (?P<want>[^,]+), not (?P<got>.+)", "类型应为 {want}，实际为 {got}"),
    (r"(?P<v>.+) is not a valid (?P<what>\S+)", "{v} 不是有效的 {what}"),
    (r"duplicate key (?P<k>'[^']*') \(first at line (?P<n>\d+)\)", "重复的键 {k}（第一次出现在第 {n} 行）"),
    (r"duplicate rule id (?P<k>'[^']*')(?P<rest>.*)", "规则编号 {k} 重复{rest}"),
    (r"extends unknown pack (?P<k>'[^']*')", "extends 指向未知的规则包 {k}"),
    (r"overrides unknown rule (?P<k>'[^']*')", "overrides 指向未知的规则 {k}"),
    (r"unknown rule id (?P<k>'[^']*') \(not in the loaded packs\)", "未知的规则编号 {k}（不在已加载的规则包中）"),
    (r"cannot read the (?P<what>\S+) \((?P<why>.*)\)", "无法读取{what}（{why}）"),
    (r"add (?P<what>.+)", "请添加 {what}"),
    (r"allowed keys here: (?P<keys>.+)", "此处允许的键：{keys}"),
    (r"quote it: (?P<what>.+)", "请加上引号：{what}"),
    (r"ids use lower-case letters, digits, dots and hyphens, and end with a letter or digit, e.g. (?P<e>.+)",
     "编号只能用小写字母、数字、点和连字符，并以字母或数字结尾，例如 {e}"),
    (r"(?P<n>\d+) problem\(s\) in (?P<f>\d+) file\(s\)", "{f} 个文件中有 {n} 个问题"),
    (r"(?P<n>\d+) problem\(s\) in the packs; (?P<rest>.*)", "规则包中有 {n} 个问题；请运行 govedu-check packs validate 查看并修正"),
]


def localize_segments(text: str, lang: str = "") -> str:
    """A pack problem or hint in the interface language, piece by piece (see _ZH_SEGMENTS)."""
    lang = lang or ui_lang()
    if lang == "en" or not text:
        return text
    for pattern, zh in _compiled("segments"):
        m = pattern.match(text)
        if m:
            return zh.format(**m.groupdict())
    head, sep, rest = text.partition(": ")
    if not sep:
        return text
    head_zh, rest_zh = localize_segments(head, lang), localize_segments(rest, lang)
    if head_zh == head and rest_zh == rest:
        return text          # nothing known: the English line as it is, not a mix of separators
    return head_zh + "：" + rest_zh


def localize(text: str, lang: str = "") -> str:
    """An English message from the pipeline in the interface language: whole known sentences are
    translated; otherwise its known words, leaving paths, rule ids and quoted values as they are."""
    lang = lang or ui_lang()
    if lang == "en" or not text:
        return text
    for pattern, zh in _compiled("lines"):
        m = pattern.match(text)
        if not m:
            continue
        if zh is None:   # "file:line:col: problem" — keep the position, translate the problem
            rest = localize(m.group("rest"), lang)
            return text if rest == m.group("rest") else f"{m.group('p')}:{m.group('pos')}：{rest}"
        fields = m.groupdict()
        for key in ("s", "st"):   # statuses in Chinese: unmet/missing → 未达标/未提及
            if key in fields and fields[key]:
                fields[key] = "/".join(STATUS[w][0] if w in STATUS else w for w in fields[key].split("/"))
        return zh.format(**fields)
    return localize_segments(text, lang)


def localize_problem(problem, lang: str = "") -> str:
    """A pack problem (:class:`checker.yamlfile.YamlFileError`) rendered like ``render()`` — file:line:col,
    the source line with a caret, the hint — in the interface language."""
    lang = lang or ui_lang()
    if lang == "en":
        return problem.render()
    from .yamlfile import caret_pad

    out = f"{problem.where}：{localize_segments(problem.message, lang)}"
    if problem.source_line:
        out += f"\n    {problem.source_line}\n    {caret_pad(problem.source_line, problem.column)}^"
    if problem.hint:
        out += f"\n  提示：{localize_segments(problem.hint, lang)}"
    return out
