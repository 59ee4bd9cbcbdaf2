from __future__ import annotations

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
