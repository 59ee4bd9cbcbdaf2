"""`gongkai parse`: read annual reports into the public JSON format.

Thin: `gongkai.report.batch` walks folders and reads the files (in parallel with
`--jobs`); this module prints JSON on stdout and, for a file it cannot read, a Chinese
message on stderr (exit status 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gongkai.cli.errors import say
from gongkai.cli.options import Jobs

if TYPE_CHECKING:
    from gongkai.report.batch import Audited


def reading_json(item: Audited, with_findings: bool = False) -> dict[str, Any]:
    """The report as JSON, optionally with the reader's findings."""
    assert item.report is not None
    out = item.report.to_json()
    if with_findings:
        out["findings"] = [f.to_json() for f in item.findings]
    return out


def parse(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="年度报告文件（.txt .md .html .docx .pdf .json）或文件夹，可多个。",
            show_default=False,
        ),
    ],
    findings: Annotated[
        bool,
        typer.Option("--findings", help="同时输出读取中发现的问题（缺失、推定、非标准表述）。"),
    ] = False,
    jobs: Jobs = 0,
) -> None:
    """读取政府信息公开工作年度报告，输出 gongkai/annual-report@1 JSON。

    一个文件时输出缩进的 JSON；多个文件或文件夹时每行一个紧凑的 JSON 对象。
    无法读取的文件在标准错误输出中说明原因，退出状态为 2（其他文件照常输出）。
    """
    from gongkai.cli.inputs import input_files
    from gongkai.report.batch import json_line, read_files

    failed = False
    files = input_files(paths)
    single = len(files) == 1 and not any(p.is_dir() for p in paths)
    for item in read_files(files, jobs=jobs):
        if item.problem is not None:
            failed = True
            say(item.problem)
            continue
        data = reading_json(item, findings)
        text = json.dumps(data, ensure_ascii=False, indent=2) if single else json_line(data)
        sys.stdout.write(text + "\n")
    if failed:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("parse")(parse)
