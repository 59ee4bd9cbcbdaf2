"""`Lines` gives the bounds a check used to find with rfind/find around each position."""

from __future__ import annotations

from gongkai.check import check_text
from gongkai.check.lines import Lines
from tests.conftest import FIXTURES, seed


def scanned(text: str, pos: int) -> tuple[int, int]:
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def test_the_bounds_are_those_of_rfind_and_find_at_every_position():
    for text in ("", "\n", "a", "ab\ncd\n\nef", "\n\nx\n", seed("000").read_text(encoding="utf-8")):
        lines = Lines(text)
        for pos in range(len(text) + 1):
            assert lines.bounds(lines.index(pos)) == scanned(text, pos), (text[:20], pos)


def test_a_marking_on_a_report_of_one_line_is_found():
    # tests/fixtures/archive/hongze-2024.txt is a web copy; joined into one line (as the
    # trial's 30 MB file), the marking window is cut out of that one line.
    text = (FIXTURES / "archive" / "hongze-2024.txt").read_text(encoding="utf-8")
    one_line = text.replace("\n", "")
    codes = sorted(f.code for f in check_text(one_line + "机密★1年｜表格"))
    assert "secret.marking" in codes
