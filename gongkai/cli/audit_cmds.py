"""`gongkai audit`: read annual reports and list what is wrong with them.

Thin: `gongkai.report.batch` walks the folders, reads and audits (in parallel with
`--jobs`), sums up and writes the CSV; this module prints and exits with the status.
Rich is imported only when something is printed as a table (start-up time counts in
every small run).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gongkai.cli.errors import say
from gongkai.cli.options import Jobs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from gongkai.report.batch import Audited, Summary

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _title(item: Audited) -> str:
    report = item.report
    assert report is not None
    agency = report.agency or "（机关不详）"
    year = f"{report.year} 年度" if report.year else "（年度不详）"
    return f"{item.path}：{agency} {year}，{report.format} 年版格式"


def _print_report(console: Console, item: Audited) -> None:
    from rich.table import Table

    from gongkai.cli.tables import first_rows, more_line
    from gongkai.report.batch import SEVERITY_LABELS

    console.print(f"[bold]{_title(item)}[/bold]", highlight=False)
    if not item.findings:
        console.print("  未发现问题。", highlight=False)
        return
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("严重程度", no_wrap=True)
    table.add_column("代码", no_wrap=True)
    table.add_column("位置", overflow="fold", ratio=2, min_width=20)
    table.add_column("说明", overflow="fold", ratio=5)
    rows, hidden = first_rows(item.findings)
    for f in rows:
        style = SEVERITY_STYLES[f.severity]
        table.add_row(
            f"[{style}]{SEVERITY_LABELS[f.severity]}[/{style}]", f.code, f.where, f.message
        )
    console.print(table)
    if hidden:
        console.print(f"  {more_line(hidden, '--json 或 --csv')}", highlight=False)


def _print_summary(console: Console, summary: Summary) -> None:
    from rich.table import Table

    console.print(summary.sentence(), highlight=False)
    if not summary.codes:
        return
    table = Table(title="按代码统计", show_header=True, header_style="bold")
    table.add_column("代码", no_wrap=True)
    table.add_column("严重程度", no_wrap=True)
    table.add_column("条数", justify="right")
    for code, severity, count in summary.by_code():
        table.add_row(code, severity, str(count))
    console.print(table)


def audit_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="年度报告文件（.txt .md .html .docx .pdf .json）或文件夹", show_default=False
        ),
    ],
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上年度的年度报告，用于比对结转数和重复文字"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="每份报告输出一行 JSON：path、report、findings")
    ] = False,
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", help="把全部问题写入 CSV 文件（UTF-8 带 BOM，Excel 可直接打开）"),
    ] = None,
    jobs: Jobs = 0,
) -> None:
    """审查政府信息公开工作年度报告：勾稽关系、缺失单元格、年份、格式、正文与表格是否一致。

    退出状态：0 没有报告有错误；1 有报告存在错误；2 有文件无法读取（其余文件照常审查）。
    """
    from gongkai.cli.inputs import check_output_file, input_files
    from gongkai.report.batch import Summary, audit_files, write_csv
    from gongkai.report.read import NOT_A_REPORT, read_path
    from gongkai.report.read_result import Reading, UnreadableDocument

    if csv_path is not None:
        check_output_file(csv_path, "--csv")
    files = input_files(paths)
    summary = Summary()
    last_year: Reading | None = None
    if previous is not None:
        try:
            last_year = read_path(previous)
        except UnreadableDocument as exc:
            named = str(previous) in str(exc)
            say(f"无法读取上年报告：{exc}" if named else f"无法读取上年报告 {previous}：{exc}")
            summary.unreadable += 1
        else:
            if any(f.code == NOT_A_REPORT for f in last_year.findings):
                typer.echo(
                    f"警告：上一年度报告无法读取为年度报告，跨年度比对未进行：{previous}", err=True
                )
                last_year = None
    many = len(files) > 1 or any(p.is_dir() for p in paths)
    out = None if as_json else _console()
    progress = _progress(len(files)) if many and sys.stderr.isatty() else None
    kept: list[Audited] = []
    try:
        lines_only = as_json and csv_path is None  # the CSV needs the findings themselves
        for item in audit_files(
            files, last_year, jobs=jobs, json_lines=as_json, lines_only=lines_only
        ):
            if progress is not None:
                progress.advance(progress.task_ids[0])
            summary.add(item)
            if item.problem is not None:
                say(item.problem)  # names the file once
            if csv_path is not None:
                kept.append(item)
            if as_json:  # (an unreadable file's line is {"path", "error"})
                sys.stdout.write(item.json_line() + "\n")
            elif out is not None and item.problem is None:
                _print_report(out, item)
    finally:
        if progress is not None:
            progress.stop()
    if csv_path is not None:
        write_csv(csv_path, kept)
    if many and out is not None:
        out.print()
        _print_summary(out, summary)
    status = summary.exit_status()
    if status:
        raise typer.Exit(status)


def _console() -> Console:
    from rich.console import Console

    out = Console(highlight=False)
    if not out.is_terminal:
        out.width = 120  # pipes and files: wide enough for the messages
    return out


def _progress(total: int) -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("审查年度报告"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True, highlight=False),
        transient=True,
    )
    progress.add_task("audit", total=total)
    progress.start()
    return progress


def register(app: typer.Typer) -> None:
    """Add `gongkai audit` to `app`."""
    app.command("audit")(audit_command)
