"""How many findings a table shows: a screen of rows, then one line for the rest.

Drawing a Rich table costs time in the number of its rows (a 4 MB file with 6,000
findings took 9 s, a 30 MB file more than two minutes), and nobody reads thousands of
rows on a screen. `gongkai check` and `gongkai audit` show the first `TABLE_ROWS`
findings in their usual order and say how many more there are and how to get them all;
the totals stay exact.

    rows, hidden = first_rows(findings)
    ...  # draw `rows`
    if hidden:
        console.print(more_line(hidden, "--json 或 --csv"))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

TABLE_ROWS = 200

T = TypeVar("T")


def first_rows(items: Sequence[T], limit: int = TABLE_ROWS) -> tuple[Sequence[T], int]:
    """The first `limit` items and how many are left out."""
    if len(items) <= limit:
        return items, 0
    return items[:limit], len(items) - limit


def more_line(hidden: int, options: str) -> str:
    """The line under a table that does not show every finding."""
    return f"另有 {hidden} 项未列出，请用 {options} 查看全部。"
