"""The `gongkai` command. Thin: each subcommand module parses arguments and calls the core.

`main(argv)` returns the exit status, so tests call it directly.
"""

from __future__ import annotations

import sys

import typer

from gongkai.cli import (
    annual_cmds,
    appraisal_cmds,
    audit_cmds,
    check_cmds,
    clock_cmds,
    ops_cmds,
    report_cmds,
    web_cmds,
)

app = typer.Typer(
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


for module in (report_cmds, audit_cmds, clock_cmds, check_cmds, web_cmds, ops_cmds, annual_cmds):
    module.register(app)
appraisal_cmds.register(app)  # gongkai appraisal (issue 13)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` (without the program name); return the exit status."""
    try:
        app(args=argv, prog_name="gongkai")
    except SystemExit as exc:
        if exc.code is None:
            return 0
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main(sys.argv[1:]))
