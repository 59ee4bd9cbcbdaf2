"""`gongkai appraisal`: the appraisal indicators (考核指标) and scores of a year.

Thin: `gongkai.web.appraisal.queries` gathers the records, `gongkai.appraisal` computes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from gongkai.cli.errors import fail, os_error_reason

AGENCY_HELP = "机关代码：一个部门（只显示该部门，名次按全县计），或一级政府（显示其所属部门）；不填则为全部部门"
COLUMNS = {  # the overview's columns, with short headings that fit a terminal
    "requests_received": "新收申请",
    "on_time_rate": "按期率",
    "answered_late": "逾期答复",
    "overdue_now": "目前逾期",
    "engagement_within_rate": "互动按时",
    "interpretation_rate": "解读按时",
}


def _today(value: str | None) -> date:
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise fail(f"日期格式不正确：{value}（应为 YYYY-MM-DD）") from None
    from gongkai.web.engagement.queries import today

    return today()


def _county(code: str | None) -> tuple[Any, list[Any], str | None]:
    """(government whose scheme applies, departments to rank, the one department to show)."""
    from gongkai.web.accounts.models import Agency
    from gongkai.web.appraisal.queries import departments_under
    from gongkai.web.appraisal.views import government_of

    if code is None:
        top = Agency.objects.filter(parent__isnull=True, kind="government").order_by("id").first()
        departments = list(Agency.objects.filter(kind="department").order_by("id"))
        return top, departments, None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise fail(f"没有代码为“{code}”的机关（可用 gongkai demo 载入演示数据后再试）")
    if agency.kind == "government":
        return agency, departments_under(agency), None
    government = government_of(agency)
    return government, departments_under(government) or [agency], agency.code


def _results(year: int, today: date, code: str | None) -> tuple[list[Any], Any, Any]:
    from rich.console import Console
    from rich.progress import Progress

    from gongkai.web.appraisal.queries import appraise, scheme_for

    government, departments, only = _county(code)
    if not departments:
        raise fail("没有可考核的部门")
    scheme = scheme_for(government, year) if government else None
    if scheme is None:
        from gongkai.appraisal.scoring import Scheme

        scheme = Scheme()
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("计算考核指标", total=len(departments))
        results = appraise(departments, year, today, scheme, progress=lambda: bar.advance(task))
    if only:
        results = [r for r in results if r.agency.code == only]
    return results, scheme, government


def _as_json(year: int, today: date, results: list[Any], scheme: Any) -> str:
    return json.dumps(
        {
            "year": year,
            "today": today.isoformat(),
            "scheme": scheme.to_json(),
            "departments": [
                {
                    "code": r.agency.code,
                    "name": r.agency.name,
                    "rank": r.score.rank,
                    "score": r.score.total,
                    "points": r.score.parts,
                    "indicators": [i.to_json() for i in r.indicators],
                }
                for r in results
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _print(year: int, results: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from gongkai.appraisal.indicators import by_key

    console = Console()
    if len(results) == 1:
        r = results[0]
        table = Table(
            title=f"{year}年度考核指标 · {r.agency.name}（{r.score.total:.2f}分，第{r.score.rank}名）"
        )
        for label in ("指标", "数值", "得分"):
            table.add_column(label)
        for i in r.indicators:
            points = r.score.parts.get(i.key)
            table.add_row(i.label, i.display(), "不计分" if points is None else f"{points:.2f}")
        console.print(table)
        return
    table = Table(title=f"{year}年度政务公开工作考核")
    table.add_column("排名")
    table.add_column("单位", no_wrap=True)
    for label in ("总分", *COLUMNS.values()):
        table.add_column(label)
    for r in results:
        shown = by_key(r.indicators)
        table.add_row(
            str(r.score.rank),
            r.agency.name,
            f"{r.score.total:.2f}",
            *(shown[k].display() for k in COLUMNS),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def appraisal(
        year: Annotated[int, typer.Option("--year", help="考核年度，例如 2025")],
        agency: Annotated[str | None, typer.Option("--agency", help=AGENCY_HELP)] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="以 JSON 输出（含每项指标的口径和所依据的记录）")
        ] = False,
        xlsx: Annotated[
            Path | None, typer.Option("--xlsx", help="导出为 Excel（XLSX）文件")
        ] = None,
        today: Annotated[
            str | None, typer.Option("--today", help="统计日期（YYYY-MM-DD），默认为今天")
        ] = None,
    ) -> None:
        """年度考核：按部门计算考核指标、得分和排名（依申请公开、主动公开、复议诉讼、年度报告、政民互动）。"""
        from gongkai.cli.web_cmds import _migrate, _setup_django

        if as_json and xlsx:
            raise fail("--json 与 --xlsx 只能选择一个")
        if not 1990 <= year <= 2100:
            raise fail(f"考核年度不正确：{year}")
        _setup_django()
        _migrate()
        day = _today(today)
        results, scheme, _government = _results(year, day, agency)
        if as_json:
            typer.echo(_as_json(year, day, results, scheme))
        elif xlsx:
            from gongkai.web.appraisal.exports import workbook

            try:
                xlsx.write_bytes(workbook(year, results, scheme))
            except OSError as exc:
                raise fail(f"无法写入文件 {xlsx}：{os_error_reason(exc)}") from None
            typer.echo(f"已导出 {len(results)} 个部门的考核结果：{xlsx}")
        else:
            _print(year, results)
