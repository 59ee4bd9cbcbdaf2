"""Operations commands: `gongkai backup`, `gongkai restore`, `gongkai purge`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gongkai.cli.errors import FINDINGS, fail, os_error_message
from gongkai.cli.web_cmds import _migrate, _setup_django


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command()
    def backup(
        file: Annotated[Path, typer.Argument(help="备份文件路径（.tar.gz），已存在时覆盖")],
    ) -> None:
        """把数据库（SQLite 或 PostgreSQL）、上传的文件和密钥备份为一个文件（仅所有者可读）。"""
        _setup_django()
        from gongkai.web.ops.backup import BackupError
        from gongkai.web.ops.backup import backup as run_backup

        try:
            summary = run_backup(file)
        except BackupError as exc:
            raise fail(f"备份失败：{exc}", FINDINGS) from None
        except OSError as exc:
            raise fail(f"备份失败：{os_error_message(exc)}", FINDINGS) from None
        typer.echo(
            f"已备份到 {file.resolve()}：{summary.rows}条记录，{summary.files}个文件，含密钥。"
            "请妥善保管（文件中有密钥，可用于伪造登录状态和查询码）。"
        )

    @app.command()
    def restore(
        file: Annotated[Path, typer.Argument(help="由 gongkai backup 生成的备份文件")],
    ) -> None:
        """把备份恢复到一个空的安装（新的数据目录或新的数据库），不覆盖已有数据。"""
        if not file.is_file():
            raise fail(f"找不到备份文件：{file}")
        _setup_django()
        _migrate()
        from gongkai.web.ops.backup import BackupError
        from gongkai.web.ops.backup import restore as run_restore

        try:
            summary = run_restore(file)
        except BackupError as exc:
            raise fail(f"恢复失败：{exc}") from None
        typer.echo(
            f"已恢复：{summary.rows}条记录，{summary.files}个文件，密钥已写入数据目录。"
            "请重新启动网站服务；用户需要重新登录。"
        )

    @app.command()
    def purge() -> None:
        """清理过期的登录会话和过期的提醒发送记录（供 cron 或 systemd 定时器每天调用）。"""
        _setup_django()
        from gongkai.web.ops.housekeeping import purge as run_purge

        done = run_purge()
        typer.echo(
            f"已清理过期会话{done.sessions}个、{done.reminder_days}天前的提醒记录{done.reminders}条。"
        )
