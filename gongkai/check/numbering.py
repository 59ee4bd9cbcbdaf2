"""Broken numbering (`numbering.broken`): a list whose numbers skip, repeat or go back.

Five kinds of numbers, from the outermost in: "一、" (level 1), "（一）" (level 2), "1." (level
3), "（1）" (level 4) — each at the start of a line — and "一是……二是……" inside sentences
(level 5). A number at one level starts its lower levels afresh; "1"/"一" always starts a new
list. Lines that are table rows (a tab or a "|" in them) are skipped: the national table's
labels "（一）予以公开 … 1.属于国家秘密 …" are numbered per block and would look broken.
A list may start anywhere (a text may be an extract); only what follows a number is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import itemgetter
from typing import NamedTuple

from gongkai.check.lines import Lines
from gongkai.findings import Finding
from gongkai.text.chinese import chinese_numeral, parse_chinese_numeral

CODE = "numbering.broken"

_CN = "一二三四五六七八九十"
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
# Searched as "\n" + marker (the text is given a leading "\n"): a literal first character
# keeps the scan fast. The inline "X是" is found from its "是", the numeral behind it.
_LINE_MARK_RE = re.compile(
    rf"\n[ \u3000*#>]*(?:(?P<l1>[{_CN}]{{1,3}})、"
    rf"|(?P<o2>[（(])(?P<l2>[{_CN}]{{1,3}})[）)]"
    r"|(?P<l3>\d{1,2})[.．、](?!\d)"
    r"|(?P<o4>[（(])(?P<l4>\d{1,2})[）)])",
)
_INLINE_RE = re.compile(rf"是(?<=[{_CN}]是)(?!否)")
_INLINE_BEFORE = frozenset("。；;，,：:*") | frozenset(" \t\n\u3000")
_LEVELS = {"l1": 1, "l2": 2, "l3": 3, "l4": 4}
_DIGITS_RE = re.compile(r"\d+")
_NUMERAL_RE = re.compile(f"[{_CN}]+")


class _Mark(NamedTuple):
    start: int
    end: int
    level: int
    number: int


def numbering_findings(text: str) -> list[Finding]:
    marks = sorted(_marks(text), key=itemgetter(0))  # by start
    last: list[_Mark | None] = [None] * 6  # the last mark of each level 1-5
    found: list[Finding] = []
    for mark in marks:
        level = mark.level
        prev = last[level]
        last[level:] = [mark, None, None, None, None][: 6 - level]  # lower levels start afresh
        if prev is None or mark.number == 1 or mark.number == prev.number + 1:
            continue
        found.append(_finding(text, prev, mark))
    return found


def _marks(text: str) -> list[_Mark]:
    marks = []
    tables = "\t" in text or "|" in text
    is_table_row = _table_rows(text) if tables else None
    for m in _LINE_MARK_RE.finditer("\n" + text):
        # The match starts at the "\n" put before the line: m.start() is the line's start
        # in `text`. The numeral's group is the one that closed last.
        level_group = m.lastgroup
        if level_group is None or (is_table_row is not None and is_table_row(m.start())):
            continue
        level = _LEVELS[level_group]
        raw = m.group(level_group)
        number = int(raw) if level in (3, 4) else parse_chinese_numeral(raw)
        if number:
            start = m.start(level_group) - (1 if level in (2, 4) else 0)
            marks.append(_Mark(start - 1, m.end() - 1, level, number))
    for m in _INLINE_RE.finditer(text):
        start = m.start()
        while start > 0 and start > m.start() - 3 and text[start - 1] in _CN:
            start -= 1
        if start > 0 and text[start - 1] not in _INLINE_BEFORE:
            continue
        number = parse_chinese_numeral(text[start : m.start()])
        if number and not (is_table_row is not None and is_table_row(start)):
            marks.append(_Mark(start, m.end(), 5, number))
    return marks


def _table_rows(text: str) -> Callable[[int], bool]:
    """Whether the line around a position is a table row (has a tab or a "|"), each line
    looked at once."""
    lines = Lines(text)
    rows: dict[int, bool] = {}

    def is_table_row(pos: int) -> bool:
        index = lines.index(pos)
        row = rows.get(index)
        if row is None:
            start, end = lines.bounds(index)
            row = rows[index] = text.find("\t", start, end) >= 0 or text.find("|", start, end) >= 0
        return row

    return is_table_row


def _finding(text: str, prev: _Mark, mark: _Mark) -> Finding:
    before, here = text[prev.start : prev.end], text[mark.start : mark.end]
    expected = _renumber(here, mark, prev.number + 1)
    if mark.number == prev.number:
        message = f"编号重复：“{before}”之后又是“{here}”，应为“{expected}”"
    elif mark.number > prev.number:
        missing = "、".join(
            f"“{_renumber(here, mark, n)}”" for n in range(prev.number + 1, mark.number)
        )
        message = f"编号不连续：“{before}”之后是“{here}”，缺少{missing}"
    else:
        message = f"编号倒退：“{before}”之后是“{here}”，应为“{expected}”"
    return Finding(
        code=CODE,
        severity="warning",
        message=message,
        where="text",
        start=mark.start,
        end=mark.end,
        text=here,
        suggestion=expected,
    )


def _renumber(marker: str, mark: _Mark, number: int) -> str:
    if mark.level in (3, 4):
        return _DIGITS_RE.sub(str(number), marker, count=1)
    return _NUMERAL_RE.sub(chinese_numeral(number), marker, count=1)
