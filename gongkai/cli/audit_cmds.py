"""`gongkai audit`: read annual reports and list what is wrong with them.

Thin: the reader (`gongkai.report.read`) and the auditor (`gongkai.report.audit`)
do the work; this module finds the files, prints and exits with the status.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from gongkai.cli.errors import say
from gongkai.findings import Finding
from gongkai.report.reading import Reading, UnreadableDocument

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CSV_HEADER = ("文件", "机关", "年度", "代码", "严重程度", "位置", "说明")


@dataclass
class _Run:
    """What one `gongkai audit` saw: for the exit status and the summary."""

    reports: int = 0
    cells: int = 0
    unreadable: int = 0
    with_errors: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    severities: dict[str, str] = field(default_factory=dict)


def _suffixes() -> frozenset[str]:
    from gongkai.documents import SUPPORTED_SUFFIXES

    return SUPPORTED_SUFFIXES


def _inputs(paths: list[Path]) -> Iterator[Path]:
    """Each file as given; each folder's reports, recursively, in name order."""
    for path in paths:
        if path.is_dir():
            suffixes = _suffixes()
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            yield path


def _read(path: Path) -> Reading:
    from gongkai.report.read import read_path

    return read_path(path)


def _title(reading: Reading) -> str:
    report = reading.report
    agency = report.agency or "（机关不详）"
    year = f"{report.year} 年度" if report.year else "（年度不详）"
    return f"{reading.source}：{agency} {year}，{report.format} 年版格式"


def _print_report(console: Console, reading: Reading, findings: list[Finding]) -> None:
    console.print(f"[bold]{_title(reading)}[/bold]", highlight=False)
    if not findings:
        console.print("  未发现问题。", highlight=False)
        return
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("严重程度", no_wrap=True)
    table.add_column("代码", no_wrap=True)
    table.add_column("位置", overflow="fold", ratio=2, min_width=20)
    table.add_column("说明", overflow="fold", ratio=5)
    for f in findings:
        style = SEVERITY_STYLES[f.severity]
        table.add_row(
            f"[{style}]{SEVERITY_LABELS[f.severity]}[/{style}]", f.code, f.where, f.message
        )
    console.print(table)


def _print_summary(console: Console, run: _Run) -> None:
    console.print(
        f"共读取报告 {run.reports} 份（无法读取 {run.unreadable} 份），单元格 {run.cells} 个；"
        f"有错误的报告 {run.with_errors} 份，问题共 {sum(run.codes.values())} 条。",
        highlight=False,
    )
    if not run.codes:
        return
    table = Table(title="按代码统计", show_header=True, header_style="bold")
    table.add_column("代码", no_wrap=True)
    table.add_column("严重程度", no_wrap=True)
    table.add_column("条数", justify="right")
    for code, count in sorted(run.codes.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(code, SEVERITY_LABELS[run.severities[code]], str(count))
    console.print(table)


def _progress(console: Console, total: int) -> Progress:
    return Progress(
        TextColumn("审查年度报告"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


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
) -> None:
    """审查政府信息公开工作年度报告：勾稽关系、缺失单元格、年份、格式、正文与表格是否一致。

    退出状态：0 没有报告有错误；1 有报告存在错误；2 有文件无法读取（其余文件照常审查）。
    """
    from gongkai.report.audit import audit

    out = Console(highlight=False)
    if not out.is_terminal:
        out.width = 120  # pipes and files: wide enough for the messages
    err = Console(stderr=True, highlight=False)
    run = _Run()
    last_year: Reading | None = None
    if previous is not None:
        try:
            last_year = _read(previous)
        except UnreadableDocument as exc:
            say(f"无法读取上年报告 {previous}：{exc}")
            run.unreadable += 1

    files = list(_inputs(paths))
    summary = len(files) > 1 or any(p.is_dir() for p in paths)
    rows: list[tuple[str, ...]] = []
    progress = _progress(err, len(files)) if summary and err.is_terminal else None
    task = progress.add_task("audit", total=len(files)) if progress else None
    if progress:
        progress.start()
    try:
        for path in files:
            try:
                reading = _read(path)
            except UnreadableDocument as exc:
                say(f"无法读取 {path}：{exc}")
                run.unreadable += 1
                continue
            finally:
                if progress and task is not None:
                    progress.advance(task)
            findings = audit(reading, last_year)
            _count(run, reading, findings)
            if as_json:
                sys.stdout.write(_json_line(path, reading, findings) + "\n")
            if not as_json:
                _print_report(out, reading, findings)
            rows += _csv_rows(path, reading, findings)
    finally:
        if progress:
            progress.stop()
    if csv_path is not None:
        _write_csv(csv_path, rows)
    if summary and not as_json:
        out.print()
        _print_summary(out, run)
    if run.unreadable:
        raise typer.Exit(2)
    if run.with_errors:
        raise typer.Exit(1)


def _count(run: _Run, reading: Reading, findings: list[Finding]) -> None:
    run.reports += 1
    run.cells += reading.cells_read
    run.with_errors += any(f.severity == "error" for f in findings)
    for f in findings:
        run.codes[f.code] += 1
        run.severities[f.code] = f.severity


def _json_line(path: Path, reading: Reading, findings: list[Finding]) -> str:
    data = {
        "path": str(path),
        "report": reading.report.to_json(),
        "findings": [f.to_json() for f in findings],
    }
    return json.dumps(data, ensure_ascii=False)


def _csv_rows(path: Path, reading: Reading, findings: list[Finding]) -> list[tuple[str, ...]]:
    report = reading.report
    return [
        (
            str(path),
            report.agency or "",
            str(report.year or ""),
            f.code,
            SEVERITY_LABELS[f.severity],
            f.where,
            f.message,
        )
        for f in findings
    ]


def _write_csv(path: Path, rows: list[tuple[str, ...]]) -> None:
    # The BOM makes Excel take the file as UTF-8 instead of the system's GBK.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)


def register(app: typer.Typer) -> None:
    """Add `gongkai audit` to `app`."""
    app.command("audit")(audit_command)
