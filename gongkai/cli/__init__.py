"""The `gongkai` command. Thin: each subcommand module parses arguments and calls the core.

`main(argv)` returns the exit status, so tests call it directly. It is the one place where
problems become messages and exit statuses (`gongkai.cli.errors`): Click's usage errors in
Chinese (`gongkai.cli.language`), operating-system errors, misconfiguration, and — never as
a traceback — an internal error.

Start-up time shows in every small run, so a subcommand's module (`*_cmds.py`) is imported
only when that command runs or a help page lists it: `COMMANDS` names each command's module,
in the order the help lists them, and `LazyGroup` builds a command from its module on first
use.
"""

from __future__ import annotations

import sys
import traceback
from functools import cache
from importlib import import_module

import typer
from typer import _click
from typer.core import TyperGroup
from typer.main import get_command

from gongkai.cli import errors, language

# Each command and the module (gongkai.cli.<module>) whose `register(app)` adds it.
COMMANDS = {
    "parse": "parse_cmds",
    "audit": "audit_cmds",
    "deadline": "clock_cmds",
    "fee": "clock_cmds",
    "check": "check_cmds",
    "demo": "web_cmds",
    "serve": "web_cmds",
    "remind": "web_cmds",
    "backup": "ops_cmds",
    "restore": "ops_cmds",
    "purge": "ops_cmds",
    "appraisal": "appraisal_cmds",  # issue 13
    "report": "annual_cmds",
}


class LazyGroup(TyperGroup):
    """The `gongkai` group: a command's module is imported when the command is looked up."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        # The same order whichever commands have been loaded: `version`, then COMMANDS.
        return [*(name for name in self.commands if name not in COMMANDS), *COMMANDS]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands.update(load(COMMANDS[cmd_name]))
        return self.commands.get(cmd_name)


def load(module_name: str) -> dict[str, _click.Command]:
    """The commands `gongkai.cli.<module_name>` registers, built and in Chinese."""
    module = import_module(f"gongkai.cli.{module_name}")
    part = typer.Typer(rich_markup_mode="rich", add_completion=False)
    part.callback()(root)  # a callback keeps even a single command inside a group
    module.register(part)
    group = get_command(part)
    assert isinstance(group, TyperGroup)
    return {name: language.chinese(cmd) for name, cmd in group.commands.items()}


app = typer.Typer(
    cls=LazyGroup,
    name="gongkai",
    help="gongkai（公开）：政府信息公开 — 依申请公开、主动公开、行政复议与诉讼、年度报告。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def root() -> None:
    """gongkai（公开）：政府信息公开 — 依申请公开、主动公开、行政复议与诉讼、年度报告。"""


@app.command()
def version() -> None:
    """打印 gongkai 的版本号。"""
    from importlib.metadata import version as dist_version

    typer.echo(dist_version("gongkai"))


# Django's database errors (no such table, cannot connect): the database is missing or
# unreachable — the user's setting, not a bug.
_DB_ERRORS = {"OperationalError", "ProgrammingError", "InterfaceError"}


@cache
def command() -> _click.Command:
    """The Click command tree of `app`, speaking Chinese."""
    return language.chinese(get_command(app))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` (without the program name); return the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        status = command().main(args=args, prog_name="gongkai", standalone_mode=False)
    except _click.exceptions.UsageError as exc:
        return _usage_error(exc)
    except typer.Abort:
        errors.say("已中止。")
        return errors.USAGE
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        errors.say("已中断。")
        return 130
    except OSError as exc:
        errors.say(errors.os_error_message(exc))
        return errors.USAGE
    except Exception as exc:
        if any(c.__name__ == "ImproperlyConfigured" for c in type(exc).__mro__):  # settings
            errors.say(f"配置有误：{exc}")
            return errors.USAGE
        if type(exc).__module__.startswith("django.db") and type(exc).__name__ in _DB_ERRORS:
            if errors.debugging():
                traceback.print_exc()
            errors.say(errors.database_error_message())
            return errors.USAGE
        if errors.debugging():
            traceback.print_exc()
        errors.say(errors.internal_error_message(exc))
        return errors.INTERNAL
    return status if isinstance(status, int) else 0


def _usage_error(exc: _click.exceptions.UsageError) -> int:
    if type(exc).__name__ == "NoArgsIsHelpError":  # `gongkai` alone: the help, on stdout
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        return errors.USAGE
    errors.say(language.usage_error_message(exc))
    hint = language.help_hint(exc)
    if hint:
        typer.echo(hint, err=True)
    return errors.USAGE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main(sys.argv[1:]))
