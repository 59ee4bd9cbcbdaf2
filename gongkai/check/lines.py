"""The line around a position, with the text's line ends found once.

A check that asks "what is on this line?" for each of its matches scanned the line each
time (`text.rfind("\\n", 0, pos)`, `text.find("\\n", pos)`): on a text of one long line (a
web copy with its line breaks removed) that made the check quadratic, 400 s for 30 MB.

    lines = Lines(text)
    i = lines.index(pos)          # the same number for every position on one line
    start, end = lines.bounds(i)  # text[start:end] is the line, without its "\\n"
"""

from __future__ import annotations

import re
from bisect import bisect_left

_NEWLINE_RE = re.compile("\n")


class Lines:
    def __init__(self, text: str) -> None:
        self._ends = [m.start() for m in _NEWLINE_RE.finditer(text)]
        self._length = len(text)

    def index(self, pos: int) -> int:
        """The number of the line around `pos` (a "\\n" ends the line before it)."""
        return bisect_left(self._ends, pos)

    def bounds(self, index: int) -> tuple[int, int]:
        """Where line `index` starts and ends (`rfind("\\n", 0, pos) + 1`, `find("\\n", pos)`)."""
        start = self._ends[index - 1] + 1 if index > 0 else 0
        end = self._ends[index] if index < len(self._ends) else self._length
        return start, end
