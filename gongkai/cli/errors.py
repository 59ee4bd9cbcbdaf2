"""How every `gongkai` command reports a problem: one prefix, one set of exit statuses.

Exit status: 0 all well, 1 findings (an audit or check error, a report that cannot be
published), 2 usage or input error (a bad option, a file that cannot be read, a bad setting),
3 an internal error (a bug; `GONGKAI_DEBUG=1` shows the traceback). Every message goes to
stderr, in Chinese, beginning with “错误：”.

    from gongkai.cli.errors import fail, say

    raise fail("文件不存在：x.pdf")      # prints 错误：文件不存在：x.pdf, exits with status 2
    raise fail("未发布：…", FINDINGS)     # the same, exit status 1
    say(f"无法读取 {path}：…")            # prints the same way and goes on (the next file)
    os_error_message(exc)                 # 文件或文件夹不存在：/x.csv (no "[Errno 2] …")
"""

from __future__ import annotations

import os

import typer

from gongkai.oserrors import os_error_message, os_error_reason

PREFIX = "错误："
FINDINGS = 1
USAGE = 2
INTERNAL = 3

__all__ = ["FINDINGS", "PREFIX", "USAGE", "fail", "os_error_message", "os_error_reason", "say"]


def say(message: str) -> None:
    """Print one error line on stderr, with the one prefix."""
    text = message if message.startswith(PREFIX) else PREFIX + message
    typer.echo(text, err=True)


def fail(message: str, status: int = USAGE) -> typer.Exit:
    """Print `message` as an error and return the exit to raise: `raise fail("…")`."""
    say(message)
    return typer.Exit(status)


def database_error_message() -> str:
    return (
        "无法使用数据库：数据库无法连接，或尚未建立、尚未更新到当前版本。"
        "请检查 DATABASE_URL 与 GONGKAI_DATA_DIR；运行 gongkai serve 或 gongkai demo 会建立并更新数据库。"
    )


def internal_error_message(exc: BaseException) -> str:
    return (
        f"程序内部错误（{type(exc).__name__}）。请将所运行的命令和此信息报告给系统管理员；"
        "设置环境变量 GONGKAI_DEBUG=1 后重新运行可显示详细信息。"
    )


def debugging() -> bool:
    """GONGKAI_DEBUG=1: let an internal error's traceback through."""
    return os.environ.get("GONGKAI_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
