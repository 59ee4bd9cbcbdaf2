"""Text to rows: every table layout the reports use becomes a list of cells per row.

Layouts (all seen in published reports):
- one row per line, cells separated by tabs (copied from Word/WPS, our PDF/DOCX/HTML text);
- one cell per line, each line starting with a tab, rows separated by blank lines, a cell
  that wraps continuing on a line without a tab (seed 002);
- one cell per line with no tab (a web page's visible text, a PDF or Word copy), blank
  lines or none between cells (gongkai.report.read.cell_lines);
- markdown pipe tables, `<br>` inside cells (seed 004);
- PDF text without table structure: "label 1 0 0 0 0 0 1" on one line (fallback);
- archived text with every whitespace removed, the body on one line
  (gongkai.report.read.archive).

Prose lines are kept as they are; the reader decides what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# "label 1 0 0 0 0 0 1": a label followed by at least one number, separated by spaces.
_SPACED_ROW = re.compile(
    r"^(?P<label>\S.*?[^\d\s.,，。；：、%])?\s+(?P<nums>[-+]?\d[\d.,]*(?:[ \u3000]+[-+]?\d[\d.,]*)*)\s*$"
)
_NUMS_ONLY = re.compile(r"^[-+]?\d[\d.,]*(?:[ \u3000]+[-+]?\d[\d.,]*)+$")
_CONTINUATION_MAX = 20
_SPACE = re.compile(
    r"[^\S\t]"
)  # whitespace other than the tab: cells need stripping  # a cell that wraps continues on a short line


@dataclass(slots=True)
class Line:
    """One logical line: a table row (cells) or a line of prose."""

    index: int  # first source line
    text: str  # the line as printed (a row's cells joined by tabs)
    cells: list[str]  # table cells; for prose, [text] or the fallback split
    table: bool  # a row of a real table (tabs, pipes, one-cell-per-line block)
    run: bool = False  # its figures run together without separators (archived text)


def split_lines(text: str) -> list[Line]:
    raw = text.splitlines()
    out: list[Line] = []
    append = out.append
    known = _KINDS.get
    resume = 0  # the next line not taken by a one-cell block
    checked = 0  # the lines up to here are in no block of one untabbed cell per line
    for i, line in enumerate(raw):
        if i < resume:
            continue
        kind = known(line) or _kind(line)
        if kind[0]:  # a row or a line of prose (the markers have no text)
            cells = kind[1]
            if not kind[2] and len(cells) > 1 and cells[0][:1].isdigit():
                row = _with_label_above(out, i, cells)  # figures alone: a wrapped label?
                if row is not None:
                    append(row)
                    continue
            append(Line(i, kind[0], cells, kind[2]))
        elif kind is _ONE_CELL:
            resume = _one_cell_block(raw, i, out)
        elif kind is _RUN:
            out.extend(archive_lines(line.strip(), i + 1))
        elif kind is _FIGURE:
            if i >= checked:
                start, end, rows = read_cell_block(raw, i, resume)
                if rows is not None:
                    while out and out[-1].index >= start:
                        out.pop()  # the block's labels, read as prose before its figures
                    out.extend(rows)
                    resume = end
                    continue
                checked = end
            text = line.strip()
            append(Line(i, text, [text], False))
    return out


def _with_label_above(out: list[Line], i: int, figures: list[str]) -> Line | None:
    """A row whose label wrapped onto the line(s) just above its figures (PDF text laid
    out: "（二）部分公开（区分处理的，只计这一情 形，不" / "计其他情形）" / "4 0 0 0 0 0 4"):
    the label lines, joined, taken out of `out` and made the row's first cell."""
    for take in (2, 1):
        above = out[-take:]
        if (
            len(above) < take
            or above[0].index != i - take
            or any(line.table or len(line.cells) != 1 or len(line.text) > 40 for line in above)
        ):
            continue
        label = "".join(line.text for line in above)
        if match_label(label) is not None:
            del out[-take:]
            return Line(above[0].index, f"{label} {' '.join(figures)}", [label, *figures], False)
    return None


# What a printed line is, by its text: (text, cells, table), or one of the markers below.
# Lines recur (table rows of zeros, the national format's headers and labels): a line is
# classified once. The cells are shared: nobody changes a Line's cells.
_Kind = tuple[str, list[str], bool]
_ONE_CELL: _Kind = ("", [], True)  # "\tcell": seed 002's one cell per line, rows to a blank line
_RUN: _Kind = (
    "",
    ["run"],
    False,
)  # archived text, every whitespace gone (gongkai.report.read.archive)
_BLANK: _Kind = ("", [], False)
_FIGURE: _Kind = ("", ["figure"], False)  # a line holding one figure: a cell per line?
_KINDS: dict[str, _Kind] = {}
_KINDS_MAX = 50000


def _kind(line: str) -> _Kind:
    kind = _classify_line(line)
    if kind is not _RUN:  # (a run is long and never recurs)
        if len(_KINDS) > _KINDS_MAX:
            _KINDS.clear()
        _KINDS[line] = kind
    return kind


def _classify_line(line: str) -> _Kind:
    if "\t" in line:
        if line[0] == "\t" and line.count("\t") == 1:
            return _ONE_CELL
        return (line, _tab_cells(line), True)
    stripped = line.strip()
    if not stripped:
        return _BLANK
    if stripped[0] == "|":
        if _MD_SEPARATOR.match(stripped):
            return _BLANK
        if "<" in stripped:
            stripped = _BR.sub("", stripped)
        return (line, [c.strip() for c in stripped.strip("|").split("|")], True)
    if len(stripped) >= RUN_MIN_LENGTH and is_run_together(stripped):
        return _RUN
    if is_figure(stripped):
        return _FIGURE
    if stripped[-1].isdigit():
        return (stripped, _prose_cells(stripped), False)
    return (stripped, [stripped], False)


def _tab_cells(line: str) -> list[str]:
    cells = line.split("\t")
    if _SPACE.search(line) is not None:
        cells = [c.strip() for c in cells]
    return cells


def _prose_cells(line: str) -> list[str]:
    """A prose line that may be a table row without its structure (PDF text)."""
    if len(line) > 200 or not line[-1].isdigit():
        return [line]
    if _NUMS_ONLY.match(line):
        return line.split()
    m = _SPACED_ROW.match(line)
    if m is None:
        return [line]
    return [m.group("label") or "", *m.group("nums").split()]


def _one_cell_block(raw: list[str], start: int, out: list[Line]) -> int:
    """Seed 002's layout: "\tcell" lines up to a blank line are one row (cached by its lines)."""
    try:
        end = raw.index("", start)  # the empty line that ends the block, at the latest
    except ValueError:
        end = len(raw)
    key = tuple(raw[start:end])
    block = _BLOCKS.get(key)
    if block is None:
        block = _read_block(raw, start)
        if len(_BLOCKS) > _KINDS_MAX:
            _BLOCKS.clear()
        _BLOCKS[key] = block
    cells, taken = block
    out.append(Line(start, "\t".join(cells), cells, True))
    return start + taken


# A block's cells and how many lines it took, by its lines up to the next empty line: what
# _read_block finds depends on nothing else, since it stops at an empty line at the latest.
_BLOCKS: dict[tuple[str, ...], tuple[list[str], int]] = {}


def _read_block(raw: list[str], start: int) -> tuple[list[str], int]:
    cells: list[str] = []
    append = cells.append
    i = start
    n = len(raw)
    while i < n:
        line = raw[i]
        if line[:1] == "\t":
            if line.count("\t") != 1:
                break
            append(line[1:].strip())
        elif "\t" in line:
            break
        else:
            # A cell that wraps continues on a short line without a tab; a blank line ends.
            text = line.strip()
            if not text or len(text) > _CONTINUATION_MAX or not cells:
                break
            cells[-1] += text
        i += 1
    return cells, i - start


from gongkai.report.read.archive import (  # noqa: E402  (archive builds on Line)
    RUN_MIN_LENGTH,
    archive_lines,
    is_run_together,
)
from gongkai.report.read.cell_lines import (  # noqa: E402  (cell_lines builds on Line)
    is_figure,
)
from gongkai.report.read.cell_lines import read_block as read_cell_block  # noqa: E402
from gongkai.report.read.labels import match_label  # noqa: E402
