"""Settings and databases that cannot be used: one Chinese line and exit status 2.

These run `gongkai` as a process: the settings are read once per process, from the
environment, which is exactly what is being tested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).parent / "gongkai")


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [GONGKAI, *args],
        env={**clean, "GONGKAI_DATA_DIR": str(tmp_path / "data"), **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"GONGKAI_EMAIL": "pigeon"},
            "错误：配置有误：环境变量 GONGKAI_EMAIL 应为 console、file、smtp、locmem 之一，现为“pigeon”",
        ),
        (
            {"GONGKAI_SECRET_KEY_FILE": "/nonexistent/key"},
            "错误：配置有误：无法读取环境变量 GONGKAI_SECRET_KEY_FILE 所指的文件：/nonexistent/key",
        ),
        (
            {"GONGKAI_SMTP_PORT": "twenty-five"},
            "错误：配置有误：环境变量 GONGKAI_SMTP_PORT 应为整数，现为“twenty-five”",
        ),
    ],
)
def test_a_setting_that_cannot_be_used_is_one_chinese_line(tmp_path, env, message):
    done = run(tmp_path, "remind", "--dry-run", "--today", "2025-03-03", **env)
    assert done.returncode == 2
    assert done.stderr.strip() == message
    assert done.stdout == ""


def test_a_database_that_was_never_set_up_is_an_input_error_not_a_traceback(tmp_path):
    done = run(tmp_path, "remind", "--dry-run", "--today", "2025-03-03")
    assert done.returncode == 2
    assert done.stderr.startswith("错误：无法使用数据库")
    assert "Traceback" not in done.stderr and "no such table" not in done.stderr


def test_a_command_that_migrates_the_database_says_so_once(tmp_path):
    first = run(tmp_path, "appraisal", "--year", "2025", "--today", "2026-03-01")
    assert "正在更新数据库结构（" in first.stderr
    second = run(tmp_path, "appraisal", "--year", "2025", "--today", "2026-03-01")
    assert "正在更新数据库结构" not in second.stderr
    assert second.returncode == first.returncode == 2  # an empty database has no department
    assert second.stderr.strip() == "错误：没有可考核的部门"
