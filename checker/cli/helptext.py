"""The command line's help in Chinese (the default) — English is the text in the code.

``localize_command`` puts these texts on a click command (and its sub-commands) before it runs,
and typer's help panels get Chinese titles, so ``govedu-check -h`` reads in the user's language.
A parameter without an entry keeps its English help.
"""
from __future__ import annotations

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

PANELS_ZH = {
    "ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "子命令",
    "ERRORS_PANEL_TITLE": "错误", "ABORTED_TEXT": "已中断。", "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]", "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}


def localize_command(cmd, lang: str, name: str = "check") -> None:
    """Chinese help on ``cmd`` (a click command or group) and its sub-commands; English as written."""
    if lang == "en":
        if name == "check":
            cmd.epilog = f"{cmd.epilog or ''}\n\n{SUBCOMMANDS_EN}".strip()
        return
    try:
        import typer.rich_utils as ru

        for key, value in PANELS_ZH.items():
            setattr(ru, key, value)
        _fold_help_text(ru)
    except ImportError:   # typer without rich: plain click help
        pass
    cmd.help = COMMAND_ZH.get(name, cmd.help)
    if name == "check":
        cmd.epilog = f"{EPILOG_ZH}\n\n{SUBCOMMANDS_ZH}"
    original_help_option = cmd.get_help_option

    def help_option(ctx):
        option = original_help_option(ctx)
        if option is not None:
            option.help = PARAM_ZH["help"]
        return option

    cmd.get_help_option = help_option
    for param in getattr(cmd, "params", []):
        if param.name in PARAM_ZH and hasattr(param, "help"):
            param.help = PARAM_ZH[param.name]
    for sub_name, sub in (getattr(cmd, "commands", None) or {}).items():
        localize_command(sub, lang, sub_name)


def _fold_help_text(ru) -> None:
    """Chinese has no spaces to wrap at: let help texts fold at the column's edge instead of being
    cut with an ellipsis."""
    if getattr(ru._make_rich_text, "_folds", False):
        return
    original = ru._make_rich_text

    def make(*args, **kwargs):
        text = original(*args, **kwargs)
        if hasattr(text, "overflow"):
            text.overflow = "fold"
        return text

    make._folds = True
    ru._make_rich_text = make
