"""Tables printed one cell per line, with no tab: the rows rebuilt from the cells.

The visible text of a web page (a crawler's ``get_text("\\n")``, a browser's copy) and many
PDF and Word copies print every table cell on its own line, with blank lines in between or
not. Such a block is recognised only when it is met, from its first line holding a single
figure: the short lines around it (labels, figures, placeholders, blank lines) up to a long
line, a sentence, a section heading or a table line, holding at least `MIN_FIGURES` figure
lines — or a few figures beside labels that are the national format's own. Prose never
forms such a block: its lines are long or end a sentence.

A row is a run of label cells followed by a run of figure cells; the next label starts the
next row. Of a run of labels, those up to the last column header (自然人, 本年制发件数,
结果维持 …) form a header row, as the tab layout gives it; the labels after it name the
row, a label that wraps over two lines staying two cells of the row. A row's figures are
kept as printed: when there are fewer than the columns, the solver decides what the rules
force, and nothing is guessed here.
"""

from __future__ import annotations

import re

from gongkai.report.model import APPEAL_FIELD_LABELS, COLUMN_LABELS
from gongkai.report.read import meta  # (partly loaded here: used at call time)
from gongkai.report.read.labels import match_label
from gongkai.report.read.lines import Line

MIN_FIGURES = 15  # figure lines that make a block of short lines a table on their own
MIN_KNOWN = 3  # or: national labels printed alone on their lines, beside a few figures
_KNOWN_FIGURES = 2
LABEL_MAX = 40  # the longest label of the national format is 37 characters
_FIGURE = re.compile(
    r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:万元|元|件|个|项|条|次|人|份))?$"
)
PLACEHOLDERS = frozenset({"-", "—", "–", "/", "／", "\\", "——", "--", "无", "空", "－"})
_SENTENCE_END = frozenset("。；！？;!?")
_FIGURE_MAX = 16


def is_figure(text: str) -> bool:
    """A line holding a single figure or placeholder (stripped text)."""
    return text in PLACEHOLDERS or (len(text) <= _FIGURE_MAX and _FIGURE.match(text) is not None)


# What a line is inside a block: a figure, a label, a blank line, or the end of the block.
_FIG, _LABEL, _SKIP, _STOP = 0, 1, 2, 3


def _line_kind(line: str) -> int:
    kind = _KINDS.get(line)
    if kind is None:
        kind = _classify(line)
        if len(_KINDS) > _CACHE_MAX:
            _KINDS.clear()
        _KINDS[line] = kind
    return kind


# Lines recur (figures, the national labels): each is classified once; blocks recur whole.
_KINDS: dict[str, int] = {}
_CACHE_MAX = 50000


def _classify(line: str) -> int:
    if "\t" in line:
        return _STOP
    text = line.strip()
    if not text:
        return _SKIP
    if is_figure(text):
        return _FIG
    if (
        len(text) > LABEL_MAX
        or text[-1] in _SENTENCE_END
        or text[0] == "|"
        or meta.heading_key(text) is not None
    ):
        return _STOP
    return _LABEL


def _kinds(raw: list[str], lines: range) -> list[int]:
    """The kinds of `lines` (in that order) up to the first that stops a block."""
    get = _KINDS.get
    kinds: list[int] = []
    for i in lines:
        line = raw[i]
        kind = get(line)
        if kind is None:
            kind = _line_kind(line)
        if kind == _STOP:
            break
        kinds.append(kind)
    return kinds


def read_block(raw: list[str], at: int, floor: int) -> tuple[int, int, list[Line] | None]:
    """The block of short lines around line `at` (a figure), not before `floor`.

    Returns (start, end, rows): rows is None when the block is no table.
    """
    before = _kinds(raw, range(at - 1, floor - 1, -1))
    before.reverse()
    after = _kinds(raw, range(at, len(raw)))
    start, end = at - len(before), at + len(after)
    key = (start, tuple(raw[start:end]))
    if key in _BLOCKS:
        return start, end, _BLOCKS[key]
    rows = _read(raw, start, before + after)
    if len(_BLOCKS) > _CACHE_MAX:
        _BLOCKS.clear()
    _BLOCKS[key] = rows
    return start, end, rows


# A block's rows (None: no table) by where it starts and its lines: the Lines are shared,
# as nobody changes a Line.
_BLOCKS: dict[tuple[int, tuple[str, ...]], list[Line] | None] = {}


def _read(raw: list[str], start: int, kinds: list[int]) -> list[Line] | None:
    figures = kinds.count(_FIG)
    if figures < MIN_FIGURES:
        known = sum(
            1
            for i, kind in enumerate(kinds)
            if kind == _LABEL and match_label(raw[start + i].strip(), allow_fuzzy=False)
        )
        if figures < _KNOWN_FIGURES or known < MIN_KNOWN:
            return None
    return _rows(raw, start, kinds)


def _rows(raw: list[str], start: int, kinds: list[int]) -> list[Line]:
    rows: list[Line] = []
    labels: list[tuple[int, str]] = []
    figures: list[str] = []
    first = start

    def flush() -> None:
        if figures:
            head, named = _split_header(labels)
            if head:
                _emit(rows, head[0][0], [t for _, t in head])
            _emit(rows, named[0][0] if named else first, [t for _, t in named] + figures)
        elif labels:
            _emit(rows, labels[0][0], [t for _, t in labels])

    for offset, kind in enumerate(kinds):
        if kind == _SKIP:
            continue
        i = start + offset
        text = raw[i].strip()
        if kind == _FIG:
            if not figures:
                first = i
            figures.append(text)
        else:
            if figures:
                flush()
                labels, figures = [], []
            labels.append((i, text))
    flush()
    return rows


def _emit(rows: list[Line], index: int, cells: list[str]) -> None:
    rows.append(Line(index, "\t".join(cells), cells, True))


def _split_header(
    labels: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The labels before a row's figures: the header row, and the labels naming the row.

    The row's labels are the last few, back to a column header (自然人, 本年制发件数, a bare
    其他 or 总计, 结果维持 …): table 四's figures follow its header with no label of their own.
    """
    named = len(labels)
    while named > 0 and len(labels) - named < _ROW_LABELS_MAX:
        if _is_column(labels[named - 1][1]):
            break
        named -= 1
    return labels[:named], labels[named:]


_ROW_LABELS_MAX = 4  # a row's labels: its group, its name, each maybe wrapped once
_SPACES = re.compile(r"\s+")  # "总 计"
_COLUMNS = frozenset([*COLUMN_LABELS.values(), *APPEAL_FIELD_LABELS.values()])


def _is_column(text: str) -> bool:
    if (
        _SPACES.sub("", text) in _COLUMNS
    ):  # "其他" and "总计" also end a row's name ("3.其他", "（七）总计")
        return True
    m = match_label(text, allow_fuzzy=False)
    return m is not None and m.label.kind == "header"
