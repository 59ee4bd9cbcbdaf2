"""`gongkai check`: the check before publishing (先审后发, 保密审查, 错敏词) on files and folders.

Thin: `gongkai.check.files.check_files` reads and checks; this module prints and exits.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gongkai.cli.errors import fail
from gongkai.findings import has_error

if TYPE_CHECKING:
    from gongkai.check import WordList
    from gongkai.check.files import CheckedFile

_SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="要检查的文件（.txt、.md、.html、.docx、.pdf）或文件夹"),
    ],
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上一份文件（如上年度报告），用于查找照搬的段落"),
    ] = None,
    words: Annotated[
        list[Path] | None,
        typer.Option(
            "--words", help="本机关的错敏词表（CSV 文件，格式见 docs/reader.md），可多次使用"
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="文件年度（默认取标题中的年份）")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--date", help="发布日期 YYYY-MM-DD（默认：年度报告为次年 1 月 1 日起，其他文件不设）"
        ),
    ] = None,
    allow_phone: Annotated[
        list[str] | None,
        typer.Option("--allow-phone", help="可以公开的本机关办公电话，可多次使用"),
    ] = None,
    allow_email: Annotated[
        list[str] | None,
        typer.Option("--allow-email", help="可以公开的本机关电子邮箱，可多次使用"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """发布前检查：个人信息、密级标志、错敏词、过时表述、编号、数字合计、照搬上年内容。

    有“错误”级别的问题时退出状态为 1；文件无法读取时为 2。
    """
    from gongkai.check import CheckOptions
    from gongkai.check.files import CHECK_SUFFIXES, check_files
    from gongkai.cli.inputs import input_files

    files = input_files(files, CHECK_SUFFIXES, "可检查的文件")
    word_list = _word_list(words or [])
    published_on = _date(published) if published else None
    previous_text = _read(previous) if previous else None
    try:
        CheckOptions(
            year=year,
            allowed_phones=tuple(allow_phone or ()),
            allowed_emails=tuple(allow_email or ()),
        )
    except ValueError as exc:
        raise fail(str(exc)) from None

    results = check_files(
        files,
        year=year,
        published_on=published_on,
        allowed_phones=tuple(allow_phone or ()),
        allowed_emails=tuple(allow_email or ()),
        words=word_list,
        previous=previous_text,
        progress=_progress,
    )

    if as_json:
        _print_json(results)
    else:
        _print_tables(results)
    if any(r.problem for r in results):
        raise typer.Exit(2)
    if any(has_error(r.findings) for r in results):
        raise typer.Exit(1)


def _progress(files: list[Path]) -> Iterable[Path]:
    """The files, with a progress bar on stderr when there are several."""
    if len(files) < 3:
        return files
    from rich.console import Console
    from rich.progress import track

    return track(files, description="检查中", console=Console(stderr=True), transient=True)


def _word_list(paths: list[Path]) -> WordList:
    from gongkai.check import WordList, shared_words

    try:
        return shared_words().merged(*(WordList.load(p) for p in paths))
    except ValueError as exc:
        raise fail(str(exc)) from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise fail(f"--date 的日期“{text}”无法识别，应写作 2023-01-20") from None


def _read(path: Path) -> str:
    from gongkai.documents import extract_text
    from gongkai.report.read_result import UnreadableDocument

    try:
        return extract_text(path)
    except UnreadableDocument as exc:
        raise fail(f"上一份文件无法读取：{exc}") from None


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def line_columns(text: str, offsets: list[int]) -> dict[int, tuple[int, int]]:
    """`line_column` of each offset, counting the lines once from the start to the last."""
    places: dict[int, tuple[int, int]] = {}
    line, counted = 1, 0
    for offset in sorted(set(offsets)):
        line += text.count("\n", counted, offset)
        counted = offset
        places[offset] = (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
    return places


def _print_json(results: list[CheckedFile]) -> None:
    from gongkai.check.files import checked_json

    sys.stdout.write(checked_json(results) + "\n")


def _print_tables(results: list[CheckedFile]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from gongkai.cli.tables import first_rows, more_line
    from gongkai.report.batch import SEVERITY_LABELS

    console = Console(soft_wrap=False)
    for r in results:
        if r.problem:
            typer.echo(f"错误：{r.problem}", err=True)
            continue
        year = f"{r.year} 年" if r.year else "未识别"
        if not r.findings:
            console.print(f"{r.path}（文件年度：{year}）：未发现问题")
            continue
        table = Table(title=f"{r.path}（文件年度：{year}）", show_lines=False, expand=False)
        table.add_column("位置", no_wrap=True)
        table.add_column("级别", no_wrap=True)
        table.add_column("类别", no_wrap=True)
        table.add_column("原文", overflow="fold", max_width=30)
        table.add_column("说明", overflow="fold")
        table.add_column("建议", overflow="fold", max_width=20)
        rows, hidden = first_rows(r.findings)
        places = line_columns(r.text, [f.start or 0 for f in rows])
        for f in rows:
            line, column = places[f.start or 0]
            snippet = (f.text or "").replace("\n", " ")
            if len(snippet) > 40:
                snippet = snippet[:39] + "…"
            table.add_row(
                f"{line}:{column}",
                Text(SEVERITY_LABELS[f.severity], style=_SEVERITY_STYLES[f.severity]),
                f.code,
                snippet,
                f.message,
                f.suggestion or "",
            )
        console.print(table)
        if hidden:
            console.print(more_line(hidden, "--json"), highlight=False)
        errors = sum(f.severity == "error" for f in r.findings)
        console.print(f"共 {len(r.findings)} 项，其中错误 {errors} 项。")


def register(app: typer.Typer) -> None:
    """Add `gongkai check` to `app`."""
    app.command("check")(check)
