"""`gongkai parse`: read annual reports into the public JSON format.

Thin: the reader (`gongkai.report.read`) does the work; this module prints JSON on
stdout and, for a file it cannot read, a Chinese message on stderr (exit status 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from gongkai.report.reading import Reading, UnreadableDocument


def reading_json(reading: Reading, with_findings: bool = False) -> dict[str, Any]:
    """The report as JSON, optionally with the reader's findings."""
    out = reading.report.to_json()
    if with_findings:
        out["findings"] = [f.to_json() for f in reading.findings]
    return out


def parse(
    paths: Annotated[
        list[Path],
        typer.Argument(help="年度报告文件（.txt .md .html .docx .pdf .json），可多个。"),
    ],
    findings: Annotated[
        bool,
        typer.Option("--findings", help="同时输出读取中发现的问题（缺失、推定、非标准表述）。"),
    ] = False,
) -> None:
    """读取政府信息公开工作年度报告，输出 gongkai/annual-report@1 JSON。

    一个文件时输出缩进的 JSON；多个文件时每行一个紧凑的 JSON 对象。
    无法读取的文件在标准错误输出中说明原因，退出状态为 2（其他文件照常输出）。
    """
    from gongkai.report.read import read_path

    failed = False
    single = len(paths) == 1
    for path in paths:
        try:
            reading = read_path(path)
        except UnreadableDocument as exc:
            failed = True
            typer.echo(f"错误：{exc}", err=True)
            continue
        data = reading_json(reading, findings)
        if single:
            text = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        sys.stdout.write(text + "\n")
    if failed:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("parse")(parse)
