"""CLI commands of the web app: `gongkai demo`, `gongkai serve`, `gongkai remind`."""

from __future__ import annotations

import os
from datetime import date

import typer

from gongkai.cli.errors import FINDINGS, fail

TODAY_HELP = "今天的日期（YYYY-MM-DD），默认为系统日期（北京时间）"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django
    from django.conf import settings

    django.setup()
    # The database holds applicants' personal data: only the owner may enter.
    settings.DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _migrate() -> None:
    """Bring the database schema up to date, saying so (on stderr) when there is work."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        typer.echo(f"正在更新数据库结构（{len(plan)} 项迁移）……", err=True)
    call_command("migrate", interactive=False, verbosity=0)


def _today(value: str | None) -> date:
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise fail(f"日期格式不正确：{value}（应为 YYYY-MM-DD）") from None
    from gongkai.web.timekeeping import today

    return today()


def _demo(today: date) -> None:
    from rich.console import Console
    from rich.progress import Progress

    from gongkai.web import demo

    with Progress(console=Console(stderr=True), transient=True) as bar:

        def progress(name: str, total: int):
            task = bar.add_task(name, total=total)
            return lambda: bar.advance(task)

        accounts = demo.load(today, echo=typer.echo, progress=progress)
    typer.echo(
        f"演示数据已载入（今天：{today.isoformat()}）。演示账户（密码均为 {demo.PASSWORD}）："
    )
    for username, agency, role in accounts:
        typer.echo(f"  {username:<16} {agency:<12} {role}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command()
    def demo(today: str = typer.Option(None, "--today", help=TODAY_HELP)) -> None:
        """载入演示数据（平罗县人民政府及三个部门、各角色用户、约两年的申请）；重复运行不会重复载入。"""
        _setup_django()
        day = _today(today)
        _migrate()
        _demo(day)

    @app.command()
    def serve(
        demo: bool = typer.Option(False, "--demo", help="先载入演示数据"),
        bind: str = typer.Option(
            None, "--bind", help="监听地址，如 127.0.0.1:8000 或 unix:/run/gongkai.sock"
        ),
        port: int = typer.Option(8000, "--port", help="端口（监听 127.0.0.1；--bind 优先）"),
        workers: int = typer.Option(
            None, "--workers", min=1, max=64, help="工作进程数，默认为 CPU 核数×2+1（最多8个）"
        ),
        timeout: int = typer.Option(60, "--timeout", min=5, help="单个请求的最长处理秒数"),
        access_log: bool = typer.Option(False, "--access-log", help="在标准输出记录每个请求"),
        dev: bool = typer.Option(False, "--dev", help="使用 Django 开发服务器（仅限开发调试）"),
        today: str = typer.Option(None, "--today", help=TODAY_HELP),
    ) -> None:
        """执行数据库迁移并启动网站（生产用 gunicorn 服务器；--dev 为开发服务器）。"""
        _setup_django()
        day = _today(today)
        if today:
            os.environ["GONGKAI_TODAY"] = day.isoformat()
        _migrate()
        if demo:
            _demo(day)
        address = bind or f"127.0.0.1:{port}"
        if dev:
            from django.core.management import call_command

            typer.echo(f"网站地址：http://{address}/  （开发服务器，Ctrl+C 停止）")
            call_command("runserver", address, use_reloader=False, insecure_serving=True)
            return
        from gongkai.web import server

        options = server.options(address, workers=workers, timeout=timeout, access_log=access_log)
        where = address if address.startswith("unix:") else f"http://{address}/"
        typer.echo(f"网站地址：{where}  （{options['workers']}个工作进程，Ctrl+C 停止）")
        server.run(options)

    @app.command()
    def remind(
        today: str = typer.Option(None, "--today", help=TODAY_HELP),
        dry_run: bool = typer.Option(False, "--dry-run", help="只列出，不发送邮件"),
    ) -> None:
        """向经办人发送5个工作日内到期及已超期申请的提醒，向负责人发送本机关超期申请的提醒（供 cron 调用）。"""
        _setup_django()
        day = _today(today)
        from gongkai.web.requests.reminders import MailError, send_reminders

        try:
            sent = send_reminders(day, dry_run=dry_run)
        except MailError as exc:
            raise fail(str(exc), FINDINGS) from None
        for recipient, subject, count in sent:
            typer.echo(f"{recipient}：{subject}（{count}件）")
        typer.echo(f"共{len(sent)}封提醒邮件{'（未发送）' if dry_run else '已发送'}。")
