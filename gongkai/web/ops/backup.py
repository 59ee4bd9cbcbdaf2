"""One-file backup and restore of an installation: database, uploaded files, keys.

The archive (tar.gz, readable by the owner only: it holds the secret key) contains

- `manifest.json`: format, gongkai version, the database vendor it came from, the applied
  migrations and the number of rows per model (the restore checks them);
- `database.json`: every row, as Django's serializer writes it (primary keys kept, content
  types by natural key), so a SQLite backup restores into PostgreSQL and back;
- `files/`: the media directory (uploads are stored in the database today; the folder is
  kept so that a future file field is not forgotten);
- `keys/secret_key`: the key the applicants' query codes are hashed with. Without it every
  query code ever handed out stops working.

Restoring needs an empty installation of the same gongkai version (same migrations): the
rows are loaded with today's models. Upgrade after restoring, never during.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version as dist_version
from pathlib import Path

FORMAT = "gongkai-backup/1"
# Derived or short-lived rows: rebuilt by migrate, or worthless after a restore.
EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "ops.sharedversion",
    "throttle.bucket",
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Chinese, for the operator."""


@dataclass(frozen=True)
class Summary:
    rows: int
    files: int
    models: dict[str, int]


def _models():
    from django.apps import apps

    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed:
            continue
        if label in EXCLUDED or model._meta.app_label in EXCLUDED:
            continue
        yield label, model


def row_counts() -> dict[str, int]:
    return {label: model._default_manager.count() for label, model in _models()}


def applied_migrations() -> list[list[str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    rows = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in rows)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


@contextmanager
def snapshot():
    """One read snapshot for every table, blocking no writer.

    SQLite: a DEFERRED transaction begun by hand (Django's own would be IMMEDIATE and hold
    the write lock for the whole dump, making the office's writes wait); in WAL mode its
    first read fixes what every later read sees, while writers go on. PostgreSQL: a
    REPEATABLE READ, READ ONLY transaction.
    """
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _dump(path: Path) -> None:
    from django.core.management import call_command

    call_command(
        "dumpdata",
        *[f"--exclude={label}" for label in EXCLUDED],
        natural_foreign=True,
        output=str(path),
        verbosity=0,
    )


def backup(target: Path) -> Summary:
    """Write the archive to `target` (replaced atomically; mode 600)."""
    from django.conf import settings
    from django.core.management import CommandError
    from django.db import connection

    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gongkai-backup-", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory() as work:
            dump = Path(work) / "database.json"
            with snapshot():
                try:
                    _dump(dump)
                except CommandError:
                    raise BackupError(
                        "无法读出数据库：数据库尚未建立或尚未更新到当前版本，"
                        "请先运行 gongkai serve 或 gongkai demo。"
                    ) from None
            rows = json.loads(dump.read_text(encoding="utf-8"))
            models: dict[str, int] = {label: 0 for label, _ in _models()}
            for row in rows:
                models[row["model"]] = models.get(row["model"], 0) + 1
            manifest = {
                "format": FORMAT,
                "gongkai": dist_version("gongkai"),
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": connection.vendor,
                "migrations": applied_migrations(),
                "rows": models,
            }
            media = Path(settings.MEDIA_ROOT)
            files = [p for p in sorted(media.rglob("*")) if p.is_file()] if media.is_dir() else []
            with tarfile.open(tmp, "w:gz") as tar:
                _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
                tar.add(dump, arcname="database.json")
                for path in files:
                    tar.add(path, arcname=f"files/{path.relative_to(media).as_posix()}")
                _add_bytes(tar, "keys/secret_key", settings.SECRET_KEY.encode())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return Summary(rows=len(rows), files=len(files), models=models)


def _read_archive(source: Path) -> tuple[dict, tarfile.TarFile]:
    try:
        tar = tarfile.open(source, "r:gz")  # noqa: SIM115  (returned open, closed by the caller)
        member = tar.extractfile("manifest.json")
        manifest = json.loads(member.read()) if member else {}
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(
            f"无法读取备份文件 {source}：不是 gongkai 备份或文件已损坏（{exc}）。"
        ) from None
    if manifest.get("format") != FORMAT:
        tar.close()
        raise BackupError(f"{source} 不是本版本 gongkai 可以恢复的备份文件。")
    return manifest, tar


def installation_is_empty() -> bool:
    return not any(model._default_manager.exists() for _, model in _models())


def restore(source: Path) -> Summary:
    """Load the archive into this (migrated, empty) installation."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from gongkai.web.env import env_secret

    manifest, tar = _read_archive(source)
    with tar, tempfile.TemporaryDirectory() as work:
        here = applied_migrations()
        if sorted(map(list, manifest["migrations"])) != here:
            missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in here}
            detail = "、".join(f"{a}.{n}" for a, n in sorted(missing)[:5])
            raise BackupError(
                f"备份来自 gongkai {manifest.get('gongkai', '?')}，数据库结构与本安装不同"
                + (f"（本安装没有迁移 {detail}）" if detail else "")
                + "：请先安装与备份相同版本的 gongkai 恢复，再升级。"
            )
        if not installation_is_empty():
            raise BackupError(
                "本安装的数据库中已有数据：恢复只能在空的安装中进行（新的数据目录或新的数据库），"
                "不会覆盖现有数据。"
            )
        key_member = tar.extractfile("keys/secret_key")
        key = key_member.read().decode().strip() if key_member else ""
        configured = env_secret("GONGKAI_SECRET_KEY", default="")
        if configured and configured != key:
            raise BackupError(
                "环境变量 GONGKAI_SECRET_KEY（或 GONGKAI_SECRET_KEY_FILE）与备份中的密钥不同，"
                "恢复后申请人的查询码将全部失效：请取消该设置后重新恢复"
                f"（密钥将保存在 {Path(settings.DATA_DIR) / 'secret_key'}）。"
            )
        tar.extract("database.json", work, filter="data")
        with transaction.atomic():
            call_command("loaddata", str(Path(work) / "database.json"), verbosity=0)
        counts = row_counts()
        wrong = {
            label: (expected, counts.get(label, 0))
            for label, expected in manifest["rows"].items()
            if counts.get(label, 0) != expected
        }
        if wrong:
            raise BackupError(f"恢复后的记录数与备份不符：{wrong}")
        media = Path(settings.MEDIA_ROOT)
        files = [m for m in tar.getmembers() if m.isfile() and m.name.startswith("files/")]
        for member in files:
            member.name = member.name.removeprefix("files/")
            tar.extract(member, media, filter="data")
        key_path = Path(settings.DATA_DIR) / "secret_key"
        key_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key)
    return Summary(rows=sum(manifest["rows"].values()), files=len(files), models=manifest["rows"])
