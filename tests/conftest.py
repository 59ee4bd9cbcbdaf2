from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


def seed(prefix: str) -> Path:
    """The seed report whose file name starts with `prefix` (e.g. "000")."""
    (path,) = (p for p in SEEDS if p.name.startswith(prefix))
    return path


def report_cells(report: object) -> dict[tuple[str, str, str], object]:
    """Every cell of a report's three tables by (table, row, column)."""
    return {
        (table, row, col): value
        for table in ("proactive", "requests", "appeals")
        for row, fields in getattr(report, table).items()
        for col, value in fields.items()
    }


DEMO_TODAY = date(2026, 12, 5)


def gongkai_env(data_dir: Path) -> dict[str, str]:
    """The environment of a `gongkai` process on its own SQLite data directory."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    return {**env, "GONGKAI_DATA_DIR": str(data_dir)}


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory (SQLite) with the demo county of `gongkai demo --today 2026-12-05`.

    Loading the demo takes a minute, so it is done once per test run and shared: by the web
    tests through `demo_county` (tests/web/conftest.py) and by the docs' console examples.
    Never change it in place: copy it.
    """
    data = tmp_path_factory.mktemp("demo-data")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "gongkai"), "demo", "--today", DEMO_TODAY.isoformat()],
        env=gongkai_env(data),
        cwd=data,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return data
