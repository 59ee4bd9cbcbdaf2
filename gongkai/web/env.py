"""Small strict helpers that read settings from the environment (secrets also from files)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class SettingError(ImproperlyConfigured, ValueError):
    """A setting from the environment that cannot be used (the message is Chinese).

    `gongkai` commands print it as “错误：配置有误：…” with exit status 2.
    """


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise SettingError(
        f"环境变量 {name} 应为 true 或 false（也可写 1/0、yes/no、on/off），现为“{raw}”"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingError(f"环境变量 {name} 应为整数，现为“{raw}”") from exc


def env_choice(name: str, choices: dict[str, str], default: str) -> str:
    """The value `choices` gives for `NAME` (one of its keys)."""
    raw = os.environ.get(name, default).strip()
    if raw not in choices:
        raise SettingError(f"环境变量 {name} 应为 {'、'.join(choices)} 之一，现为“{raw}”")
    return choices[raw]


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_networks(name: str) -> list[str]:
    """A comma-separated list of IP addresses or CIDR networks (checked here, not at the
    first request: a typo must stop the server from starting, not answer every page 500)."""
    entries = env_list(name, [])
    bad = []
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            bad.append(entry)
    if bad:
        raise SettingError(
            f"环境变量 {name} 应为以逗号分隔的 IP 地址或网段（如 127.0.0.1,10.0.0.0/8），"
            f"其中“{'、'.join(bad)}”不是"
        )
    return entries


def env_secret(name: str, default: str) -> str:
    """`NAME` itself, or the contents of the file named by `NAME_FILE`."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingError(f"无法读取环境变量 {name}_FILE 所指的文件：{path}") from exc
    return os.environ.get(name, default)


def default_data_dir() -> Path:
    """`GONGKAI_DATA_DIR`, else `$XDG_DATA_HOME/gongkai`, else `~/.local/share/gongkai`.

    Always absolute and never the current folder: `gongkai remind` run by cron from `/`
    must find the same database and secret key as the web server.
    """
    raw = os.environ.get("GONGKAI_DATA_DIR", "").strip()
    if raw:
        return Path(raw).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return (base / "gongkai").resolve()


def local_secret(path: Path) -> str:
    """A random secret kept in `path`, created (readable by the owner only) on first use."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the data directory
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key
