"""`gongkai check`: the check before publishing (先审后发, 保密审查, 错敏词) on files."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table
from rich.text import Text

from gongkai.check import CheckOptions, WordList, check_texts, shared_words
from gongkai.check.title import annual_report_published_on, is_annual_report, title_year
from gongkai.cli.errors import fail
from gongkai.documents import extract_text
from gongkai.findings import Finding, has_error
from gongkai.report.reading import UnreadableDocument

_SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@dataclass
class _Checked:
    path: str
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    year: int | None = None
    problem: str | None = None  # why the file could not be read


def check(
    files: Annotated[
        list[Path], typer.Argument(help="要检查的文件：.txt、.md、.html、.docx、.pdf")
    ],
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上一份文件（如上年度报告），用于查找照搬的段落"),
    ] = None,
    words: Annotated[
        list[Path] | None,
        typer.Option("--words", help="本机关的错敏词表（CSV，格式见 README），可多次使用"),
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

    results = []
    for path in _progress(files):
        item = _Checked(str(path))
        try:
            item.text = extract_text(path)
        except UnreadableDocument as exc:
            item.problem = str(exc)
        results.append(item)

    # Files with the same year and date share their options and are checked together
    # (check_texts keeps a large word list in the processor's cache).
    groups: dict[tuple[int | None, date | None], list[_Checked]] = {}
    for item in results:
        if item.problem:
            continue
        item.year = year if year is not None else title_year(item.text)
        on = published_on
        if on is None and item.year is not None and is_annual_report(item.text):
            on = annual_report_published_on(item.year)
        groups.setdefault((item.year, on), []).append(item)
    for (item_year, on), items in groups.items():
        options = CheckOptions(
            year=item_year,
            published_on=on,
            allowed_phones=tuple(allow_phone or ()),
            allowed_emails=tuple(allow_email or ()),
            words=word_list,
            previous=previous_text,
        )
        for i in range(0, len(items), 64):
            batch = items[i : i + 64]
            for item, found in zip(
                batch, check_texts([b.text for b in batch], options), strict=True
            ):
                item.findings = found

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
    return track(files, description="检查中", console=Console(stderr=True), transient=True)


def _word_list(paths: list[Path]) -> WordList:
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
    try:
        return extract_text(path)
    except UnreadableDocument as exc:
        raise fail(f"上一份文件无法读取：{exc}") from None


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _print_json(results: list[_Checked]) -> None:
    out = []
    for r in results:
        entry: dict[str, object] = {
            "path": r.path,
            "findings": [f.to_text_json() for f in r.findings],
        }
        if r.problem:
            entry["error"] = r.problem
        out.append(entry)
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


def _print_tables(results: list[_Checked]) -> None:
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
        for f in r.findings:
            line, column = line_column(r.text, f.start or 0)
            snippet = (f.text or "").replace("\n", " ")
            if len(snippet) > 40:
                snippet = snippet[:39] + "…"
            table.add_row(
                f"{line}:{column}",
                Text(_SEVERITY_LABELS[f.severity], style=_SEVERITY_STYLES[f.severity]),
                f.code,
                snippet,
                f.message,
                f.suggestion or "",
            )
        console.print(table)
        errors = sum(f.severity == "error" for f in r.findings)
        console.print(f"共 {len(r.findings)} 项，其中错误 {errors} 项。")


def register(app: typer.Typer) -> None:
    """Add `gongkai check` to `app`."""
    app.command("check")(check)
