"""`gongkai report build` and `gongkai report publish`: the annual report from the records.

Thin: `gongkai.web.annual_reports.services` does the work, as in the web app.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from gongkai.cli.errors import fail, os_error_reason

report_app = typer.Typer(
    name="report",
    help="政府信息公开工作年度报告：根据台账生成、审核、发布、导出。",
    no_args_is_help=True,
    add_completion=False,
)

AGENCY_HELP = "机关代码（例如 pingluo-wj）"
TODAY_HELP = "今天的日期（YYYY-MM-DD），默认为系统日期（北京时间）"


def _django() -> None:
    from gongkai.cli.web_cmds import _migrate, _setup_django

    _setup_django()
    _migrate()


def _today(value: str | None) -> date:
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise fail(f"日期格式不正确：{value}（应为 YYYY-MM-DD）") from None
    from gongkai.web.timekeeping import today

    return today()


def _agencies(code: str | None, every: bool) -> list[Any]:
    from gongkai.web.accounts.models import Agency

    if bool(code) == every:
        raise fail("请指定 --agency 机关代码，或者 --all（二者选一）。")
    if every:
        # Departments first: a government's roll-up reads their stored reports.
        agencies = list(Agency.objects.order_by("kind", "id"))
        agencies.sort(key=lambda a: a.kind != "department")
        return agencies
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise fail(f"找不到机关代码为 {code} 的机关。")
    return [agency]


def _check_year(year: int) -> None:
    if not 2008 <= year <= 2100:
        raise fail(f"年度不正确：{year}")


def build(
    year: Annotated[int, typer.Option("--year", help="报告年度，例如 2023")],
    agency: Annotated[str | None, typer.Option("--agency", help=AGENCY_HELP)] = None,
    every: Annotated[bool, typer.Option("--all", help="所有机关")] = False,
    out: Annotated[Path, typer.Option("--out", help="输出目录")] = Path("."),
    today: Annotated[str | None, typer.Option("--today", help=TODAY_HELP)] = None,
) -> None:
    """生成年度报告（表二、三、四按台账统计），写出 DOCX、PDF、HTML、Markdown、JSON 并打印审核结果。

    文件名为 <机关代码>-<年度>.<格式>。已发布的报告不重新生成，写出发布时保存的文件。
    """
    _check_year(year)
    _django()
    from gongkai.web.annual_reports import services

    day = _today(today)
    agencies = _agencies(agency, every)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"无法创建输出目录 {out}：{os_error_reason(exc)}") from None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    rows = []
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        task = progress.add_task("生成年度报告", total=len(agencies) * len(services.EXPORT_FORMATS))
        for one in agencies:
            progress.update(task, description=one.name)
            departments = None
            if (
                one.kind == "government"
                and not services.AnnualReport.objects.filter(agency=one, year=year).exists()
            ):
                departments = sorted(one.descendant_ids() - {one.id})
            ar = services.build(one, year, day, departments=departments)
            for fmt in services.EXPORT_FORMATS:
                (out / services.file_name(ar, fmt)).write_bytes(services.export(ar, fmt))
                progress.advance(task)
            rows.append((ar, services.audit_report(ar)))
    _print_summary(rows, out)
    if any(f.severity == "error" for _, findings in rows for f in findings):
        raise typer.Exit(1)


def _print_summary(rows: list[tuple[Any, list[Any]]], out: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    table = Table(title=f"审核结果（文件已写入 {out}）")
    for heading in ("机关", "年度", "状态", "错误", "警告", "主要问题"):
        table.add_column(heading)
    for ar, findings in rows:
        counts = Counter(f.severity for f in findings)
        worst = [f.message for f in findings if f.severity == "error"][:2] or [
            f.message for f in findings if f.severity == "warning"
        ][:1]
        table.add_row(
            ar.agency.name,
            str(ar.year),
            ar.get_state_display(),
            str(counts["error"]),
            str(counts["warning"]),
            "；".join(worst) or "无",
        )
    console.print(table)


def publish(
    agency: Annotated[str, typer.Option("--agency", help=AGENCY_HELP)],
    year: Annotated[int, typer.Option("--year", help="报告年度，例如 2023")],
    today: Annotated[str | None, typer.Option("--today", help=TODAY_HELP)] = None,
) -> None:
    """审核并发布年度报告：记录发布日期（按《条例》第四十九条判断是否按时），保存各格式文件。

    审核发现错误时拒绝发布，退出状态为 1。
    """
    _check_year(year)
    _django()
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport

    (one,) = _agencies(agency, False)
    ar = AnnualReport.objects.filter(agency=one, year=year).first()
    if ar is None:
        raise fail(f"{one.name}{year}年度报告尚未生成，请先运行 gongkai report build。", 1)
    outcome = services.publish(ar, _today(today))
    for finding in outcome.findings:
        if finding.severity == "error":
            typer.echo(f"  错误：{finding.message}", err=True)
    if not outcome.published:
        raise fail(f"未发布：{outcome.message}", 1)
    typer.echo(outcome.message)


def register(app: typer.Typer) -> None:
    """Add `gongkai report build|publish` to `app`."""
    report_app.command("build")(build)
    report_app.command("publish")(publish)
    app.add_typer(report_app, name="report")
