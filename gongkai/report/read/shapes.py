"""One printed row of a table: its cells classified, its labels matched, its figures.

What a row is depends only on its text (and whether it is a table row), so a row's shape
is made once and kept (`row_shape`): headers, labels and rows of zeros recur from report
to report. The lists and dicts a shape holds are shared: nobody changes them. Where a row
sits (its table, its block, the table's width) is the TableReader's business
(gongkai.report.read.tables).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.report.model import REQUEST_COLUMNS, Cell
from gongkai.report.read.labels import Match, match_label
from gongkai.report.read.lines import Line
from gongkai.report.read.solve import Token, Value

_NUMBER = re.compile(r"^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_UNIT = re.compile(r"\s*(万元|元|件|个|项|条|次|人|份)$")
_PLACEHOLDER = frozenset({"-", "—", "–", "/", "／", "\\", "——", "--", "无", "空"})
_WAN = "万元"

FORMAT_2019_MARKERS = frozenset(
    {
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "其他对外管理服务事项",
        "政府集中采购",
        "采购项目数量",
    }
)
FORMAT_2021_MARKERS = frozenset(
    {
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年收费金额(单位:万元)",
        "other.no_correction",
        "other.fee_unpaid",
        "other.other",
    }
)


@dataclass(slots=True)
class Cellish:
    """One cell of a row, classified."""

    text: str
    kind: str  # "label", "number", "placeholder", "empty"
    value: Value | None = None
    wan: bool = False  # printed with 万元


_CLASSIFIED: dict[str, Cellish] = {}


def classify(text: str) -> Cellish:
    """What a cell holds (cached: cells repeat across rows and reports)."""
    hit = _CLASSIFIED.get(text)
    if hit is None:
        hit = _classify(text)
        if len(_CLASSIFIED) > 50000:
            _CLASSIFIED.clear()
        _CLASSIFIED[text] = hit
    return hit


def _classify(text: str) -> Cellish:
    if not text:
        return Cellish(text, "empty")
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return Cellish(text, "empty")
    if t in _PLACEHOLDER:
        return Cellish(text, "placeholder")
    unit = _UNIT.search(t)
    wan = False
    if unit is not None:
        wan = unit.group(1) == _WAN
        t = t[: unit.start()]
    m = _NUMBER.match(t)
    if m is None:
        return Cellish(text, "label")
    digits = m.group(2).replace(",", "")
    if m.group(3):
        value: Value = float(f"{m.group(1)}{digits}{m.group(3)}")
    else:
        value = int(f"{m.group(1)}{digits}")
    return Cellish(text, "number", value, wan)


@dataclass(frozen=True, slots=True)
class Shape:
    """What a row's cells are, independent of where the row is (cached by its text)."""

    labels: tuple[tuple[Cellish, Match | None], ...]
    slots: tuple[Cellish, ...]  # the cells after the last label
    tokens: tuple[Cellish, ...]  # figures and placeholders, in order
    has_figures: bool
    key_match: Match | None  # the label that names the row (table 三/二 row, 四 group)
    votes_2019: int
    votes_2021: int
    header_deviations: tuple[Match, ...]
    key_kind: str | None = None  # key_match's kind: "row", "proactive" or "appeal_group"
    # The figures after the last label when every one of those cells is a number: the row
    # reads the same by position and in order (see `_tokens`), whatever its table's width.
    figures: list[Token] | None = None
    # Those figures by 表三 column name when there are seven of them: a reading copies this
    # dict instead of zipping the names again.
    named: dict[str, Cell] | None = None


@dataclass(slots=True)
class ParsedRow:
    line: Line
    section: str | None
    shape: Shape
    block: int = 0  # the run of table lines this row belongs to

    @property
    def labels(self) -> tuple[tuple[Cellish, Match | None], ...]:
        return self.shape.labels

    @property
    def slots(self) -> tuple[Cellish, ...]:
        return self.shape.slots

    @property
    def tokens(self) -> tuple[Cellish, ...]:
        return self.shape.tokens


_KEY_KINDS = frozenset({"row", "proactive", "appeal_group"})
# The shapes made so far, by (text, table row): TableReader.add looks here first.
SHAPES: dict[tuple[str, bool], Shape] = {}


def row_shape(line: Line, allow_fuzzy: bool = True) -> Shape:
    key = (line.text, line.table)
    hit = SHAPES.get(key)
    if hit is not None:
        return hit
    shape = _shape(line, allow_fuzzy)
    if allow_fuzzy:
        if len(SHAPES) > 20000:
            SHAPES.clear()
        SHAPES[key] = shape
    return shape


def _shape(line: Line, allow_fuzzy: bool) -> Shape:
    cells = [classify(c) for c in line.cells]
    last_label = -1
    for i, c in enumerate(cells):
        if c.kind == "label":
            last_label = i
    tokens = tuple(c for c in cells if c.kind == "number" or c.kind == "placeholder")
    has_figures = any(c.kind == "number" for c in tokens)
    fuzzy = allow_fuzzy and (line.table or has_figures)
    labels: list[tuple[Cellish, Match | None]] = []
    v19 = v21 = 0
    deviations: list[Match] = []
    key_match: Match | None = None
    header = line.table and not tokens
    for c in cells:
        if c.kind != "label":
            continue
        m = match_label(c.text, allow_fuzzy=fuzzy)
        labels.append((c, m))
        if m is None:
            continue
        kind = m.label.kind
        if kind == "header":
            if m.label.key in FORMAT_2019_MARKERS:
                v19 += 1
            elif m.label.key in FORMAT_2021_MARKERS:
                v21 += 1
            if header and not m.exact:
                deviations.append(m)
        elif kind in _KEY_KINDS:
            key_match = m
            if kind == "row" and m.label.key in FORMAT_2021_MARKERS:
                v21 += 1
            elif kind == "proactive" and m.label.key in ("other_services", "procurement"):
                v19 += 1
    return Shape(
        tuple(labels),
        tuple(cells[last_label + 1 :]),
        tokens,
        has_figures,
        key_match,
        v19,
        v21,
        tuple(deviations),
        None if key_match is None else key_match.label.kind,
        *_figures(cells[last_label + 1 :]),
    )


def _figures(slots: list[Cellish]) -> tuple[list[Token] | None, dict[str, Cell] | None]:
    if not slots or any(c.kind != "number" for c in slots):
        return None, None
    figures: list[Token] = [c.value for c in slots]
    if len(figures) != len(REQUEST_COLUMNS):
        return figures, None
    return figures, dict(zip(REQUEST_COLUMNS, figures, strict=True))


def printed_tokens(line: Line, shape: Shape, n: int, whole: bool) -> tuple[list[Token], list[str]]:
    """A row's figures for n columns, and as printed (kept by the row's text)."""
    key = (line.text, line.table, whole, n)
    hit = _TOKENS.get(key)
    if hit is None:
        hit = _tokens(shape, n, whole)
        if len(_TOKENS) > 20000:
            _TOKENS.clear()
        _TOKENS[key] = hit
    return hit


def _tokens(shape: Shape, n: int, whole: bool) -> tuple[list[Token], list[str]]:
    """By position when the row is whole (a blank cell is None), else the figures in order."""
    slots = shape.slots
    lead = len(slots) - n
    window = slots[lead:] if lead >= 0 else ()
    if (
        lead >= 0
        and (shape.labels or lead == 0)
        and all(c.kind == "empty" for c in slots[:lead])
        and (whole or all(c.kind != "empty" for c in window))
    ):
        # The table's columns after the label, in a row as wide as its table (merged
        # label cells blank before them): read by position, a blank cell is None. A
        # narrower row has lost a cell somewhere: its figures are read in order.
        values: list[Token] = [c.value if c.kind == "number" else None for c in window]
        return values, [c.text.strip() for c in window]
    tokens: list[Token] = [c.value for c in shape.tokens]
    return tokens, [c.text.strip() for c in shape.tokens]


_TOKENS: dict[tuple[str, bool, bool, int], tuple[list[Token], list[str]]] = {}
