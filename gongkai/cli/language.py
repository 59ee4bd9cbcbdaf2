"""The command line speaks one language: Typer's and Click's own words in Chinese.

Typer (with the Click it vendors) prints English in three ways, each handled here once:

- constants of `typer.rich_utils` (panel titles, "[required]", "[default: …]"):
  `install()` sets them, when a help page is first formatted (`ChineseContext.get_help`):
  `typer.rich_utils` imports Rich's Markdown, Pygments and tracebacks, which a command
  that shows no help should not pay for at start-up;
- attributes of the built command tree (the `--help` option's text, "[OPTIONS]",
  "COMMAND [ARGS]...", the "Usage: " prefix, type placeholders such as `INTEGER` or
  `<path>`): `chinese(command)` rewrites them on each command `gongkai.cli.main` runs;
- the messages of usage errors ("Missing option", "No such command … Did you mean …"):
  `usage_error_message(exc)` says them in Chinese, and `gongkai.cli.main` prints them
  through `gongkai.cli.errors`.

`tests/core/test_cli_language.py` runs every command's help and the typical errors and
fails on any English word of Click's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import copy
from difflib import get_close_matches
from functools import wraps
from typing import Any

from typer import _click
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.types import ParamType, _NumberRangeBase
from typer._types import TyperChoice
from typer.core import TyperArgument, TyperGroup, TyperOption

HELP_OPTION_TEXT = "显示本帮助并退出。"
USAGE_PREFIX = "用法："
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

# Placeholders of the parameter types, by the name of Typer's Click type (INTEGER, <path> …)
TYPE_LABELS = {
    "int": "整数",
    "float": "数值",
    "str": "文本",
    "path": "路径",
    "file": "文件",
    "directory": "文件夹",
    "filename": "文件",
    "datetime": "日期",
    "boolean": "",
}
# Placeholders the commands name themselves (metavar=…), and argument names.
NAME_LABELS = {
    "DATE": "日期",
    "FILE": "文件",
    "PATH": "路径",
    "DIR": "文件夹",
    "N": "数量",
    "YEAR": "年度",
    "CODE": "代码",
    "paths": "路径",
    "files": "文件",
}

_RICH_CONSTANTS = {
    "OPTIONS_PANEL_TITLE": "选项",
    "ARGUMENTS_PANEL_TITLE": "参数",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行“{command_path} {help_option}”查看用法。",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
}


class ChineseHelpFormatter(_click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)


class ChineseContext(_click.Context):
    formatter_class = ChineseHelpFormatter

    def get_help(self) -> str:
        install()
        return super().get_help()


def install() -> None:
    """Set Typer's help constants to Chinese; let help text break inside Chinese (idempotent)."""
    import typer.rich_utils as rich_utils

    for name, value in _RICH_CONSTANTS.items():
        setattr(rich_utils, name, value)
    if not getattr(rich_utils._make_rich_text, "gongkai", False):
        rich_utils._make_rich_text = _folding(rich_utils._make_rich_text)


def _folding(make: Callable[..., Any]) -> Callable[..., Any]:
    # Rich breaks lines at spaces only and cuts a longer "word" with "…": a Chinese
    # sentence has no spaces, so help texts lost their ends (the choices of --channel).
    # Folding breaks such a run at the column's width instead.
    from rich.text import Text

    @wraps(make)
    def make_rich_text(**kwargs: Any) -> Any:
        text = make(**kwargs)
        if isinstance(text, Text):
            text.overflow = "fold"
        return text

    make_rich_text.gongkai = True  # type: ignore[attr-defined]
    return make_rich_text


def chinese(command: _click.Command) -> _click.Command:
    """Rewrite the English of a built command tree in place; returns `command`."""
    command.context_class = ChineseContext
    if command.options_metavar:
        command.options_metavar = OPTIONS_METAVAR
    ctx = ChineseContext(command)
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        help_option.help = HELP_OPTION_TEXT
        help_option.metavar = ""
    for param in command.params:
        if isinstance(param, TyperOption):
            param.metavar = placeholder(param, ctx)
        elif isinstance(param, TyperArgument):
            # The name column shows the placeholder; the type column would repeat it in
            # Click's words (<path>), so it stays empty. The type is copied first: Click's
            # STRING and INT are shared by every parameter of their type.
            param.metavar = placeholder(param, ctx)
            param.__class__ = ChineseArgument
            param.type = copy(param.type)
            param.type.get_metavar = _no_type  # type: ignore[method-assign]
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            chinese(sub)
    return command


class ChineseArgument(TyperArgument):
    """An argument shown by its Chinese placeholder: `{路径}...` in the usage line when it
    takes many values (Typer adds the dots only to a placeholder of its own)."""

    def make_metavar(self, ctx: _click.Context, *, usage: bool = False) -> str:
        var = super().make_metavar(ctx, usage=usage)
        return f"{var}..." if usage and self.nargs != 1 else var


def _no_type(param: _click.Parameter, ctx: _click.Context) -> str:
    return ""


def placeholder(param: TyperOption | TyperArgument, ctx: _click.Context) -> str:
    """What the help shows for a parameter's value: 日期, 路径, 整数 … (nothing for a flag)."""
    if param.metavar is not None:
        return " ".join(NAME_LABELS.get(word, word) for word in param.metavar.split())
    if isinstance(param, TyperOption) and param.is_flag:
        return ""
    if isinstance(param, TyperArgument) and param.name in NAME_LABELS:
        return NAME_LABELS[param.name]
    return type_label(param.type)


def type_label(kind: ParamType) -> str:
    """Click's `int` → 整数, `path` → 路径, a choice → a|b (the bounds of a range follow)."""
    if isinstance(kind, TyperChoice):
        return "|".join(str(choice) for choice in kind.choices)
    label = kind.name.removesuffix(" range")  # the bounds follow: 整数 [1<=x<=64]
    return TYPE_LABELS.get(label, label)


def usage_error_message(exc: UsageError) -> str:
    """The Chinese sentence for a usage error (without the “错误：” prefix)."""
    if isinstance(exc, NoSuchOption):
        text = f"没有 {exc.option_name} 这个选项"
        if exc.possibilities:
            text += f"，是否要用 {'、'.join(sorted(exc.possibilities))}？"
            return text
        return text + "。"
    if isinstance(exc, MissingParameter):
        return f"缺少{_param_kind(exc.param)} {_param_name(exc.param)}。"
    if isinstance(exc, BadParameter):
        return _bad_parameter(exc)
    if isinstance(exc, BadOptionUsage):
        return _bad_option_usage(exc)
    message = exc.message
    no_command = re.fullmatch(r"No such command '(.*)'\.(?: Did you mean .*)?", message)
    if no_command:
        return _no_such_command(no_command.group(1), exc.ctx)
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return f"多余的参数：{extra.group(1)}。"
    if message == "Missing command.":
        return "请指定命令。"
    if isinstance(exc, BadArgumentUsage):
        return f"参数有误：{message}"
    return message


def help_hint(exc: UsageError) -> str | None:
    """“运行 … --help 查看用法。” for the command the error is about."""
    ctx = exc.ctx
    if ctx is None:
        return None
    return f"运行“{ctx.command_path} --help”查看用法。"


def _param_kind(param: Any) -> str:
    return "参数" if isinstance(param, TyperArgument) else "选项"


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if isinstance(param, TyperArgument):
        return param.metavar or param.name or ""
    longs = [opt for opt in param.opts if opt.startswith("--")]
    return (longs or param.opts)[0]


def _bad_parameter(exc: BadParameter) -> str:
    name = _param_name(exc.param)
    message = exc.message
    # Our own messages are Chinese; Click's are English around the value it quotes
    # ('二〇二一' is not a valid int.), which may itself be Chinese.
    if re.search(r"[\u4e00-\u9fff]", re.sub(r"'[^']*'", "", message)):
        return f"{name}：{message}" if name else message
    choices = re.search(r" is not one of (.*)\.$", message)
    if choices:
        return f"{name} 的值无效，可选：{choices.group(1)}。"
    expected = ""
    if isinstance(exc.param, TyperOption | TyperArgument) and exc.ctx is not None:
        label = exc.param.metavar or type_label(exc.param.type)
        if label and isinstance(exc.param.type, _NumberRangeBase):
            label = range_words(exc.param.type) + label
        expected = f"，应为{label}" if label else ""
    return f"{name} 的值无效{expected}。"


def range_words(kind: _NumberRangeBase) -> str:
    """The bounds of a range type before its label: “不小于 0 的”, “1 到 64 之间的”."""
    low, high = kind.min, kind.max
    if low is not None and high is not None and not kind.min_open and not kind.max_open:
        return f"{low} 到 {high} 之间的"
    words = []
    if low is not None:
        words.append(f"{'大于' if kind.min_open else '不小于'} {low}")
    if high is not None:
        words.append(f"{'小于' if kind.max_open else '不大于'} {high}")
    return f"{'、'.join(words)} 的" if words else ""


def _bad_option_usage(exc: BadOptionUsage) -> str:
    name = exc.option_name
    needs = re.search(r"requires (an argument|\d+ arguments)", exc.message)
    if needs:
        count = "一个" if needs.group(1) == "an argument" else needs.group(1).split()[0] + " 个"
        return f"选项 {name} 后面需要{count}值。"
    if "does not take a value" in exc.message:
        return f"选项 {name} 后面不带值。"
    return f"选项 {name} 用法有误。"


def _no_such_command(name: str, ctx: _click.Context | None) -> str:
    text = f"没有“{name}”这个命令"
    group = ctx.command if ctx is not None else None
    commands = group.list_commands(ctx) if ctx is not None and isinstance(group, TyperGroup) else []
    close = get_close_matches(name, commands)
    if close:
        return text + f"，是否要用 {'、'.join(close)}？"
    return text + "。"
