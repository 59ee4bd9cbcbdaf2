"""Tables 二, 三 and 四 from rows of cells, mapped by their labels.

Each row's shape (its cells classified, its labels looked up: gongkai.report.read.shapes)
says which row of which table it is; its figures fill the columns. When the cells after the last label are exactly the table's columns,
they are read by position (a blank cell is `None`); otherwise the figures are read in
order and, when there are fewer than columns, the solver settles what the rules force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from gongkai.findings import Finding
from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    COLUMN_LABELS,
    DECIMAL_FIELDS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    Cell,
    FormatName,
    ProactiveItem,
    RowDef,
    request_row_keys,
)
from gongkai.report.read.labels import Match
from gongkai.report.read.lines import Line
from gongkai.report.read.shapes import SHAPES, Cellish, ParsedRow, printed_tokens, row_shape
from gongkai.report.read.solve import CellId, Equation, Layout, RowTokens, Solver, Token, Value

# A 表三 row: its key, its seven figures when all are printed as numbers, and those by
# column name when the row's shape keeps them.
_RowFigures = tuple[str, list[Token] | None, dict[str, Cell] | None]


@dataclass
class TableReader:
    """Collects rows, then fills the report's tables and says what it could not read."""

    fmt_votes: dict[str, int] = field(default_factory=lambda: {"2019": 0, "2021": 0})
    requests: dict[str, ParsedRow] = field(default_factory=dict)
    request_labels: dict[str, Match] = field(default_factory=dict)
    proactive: dict[str, ParsedRow] = field(default_factory=dict)
    proactive_labels: dict[str, Match] = field(default_factory=dict)
    appeal_rows: list[ParsedRow] = field(default_factory=list)
    appeal_groups: dict[str, ParsedRow] = field(default_factory=dict)
    header_deviations: list[tuple[str, Match]] = field(default_factory=list)
    used_lines: set[int] = field(default_factory=set)
    fuzzy_budget: int = 3000
    cells_read: int = 0
    incomplete: tuple[str, ...] = ()  # after fill: the tables with a cell None, in order
    blank: tuple[str, ...] = ()  # after fill: the tables of which no cell was read
    block: int = 0
    widths: dict[int, int] = field(default_factory=dict)  # block -> widest row
    row_widths: dict[int, tuple[int, int]] = field(default_factory=dict)  # 表三 rows, widest

    def end_block(self) -> None:
        """A line of prose: the next table row starts a new table."""
        self.block += 1

    def add(self, line: Line, section: str | None) -> None:
        cells = len(line.cells)
        block = self.block
        if line.table:
            if cells > self.widths.get(block, 0):
                self.widths[block] = cells
        elif cells < 2:
            return
        self.fuzzy_budget -= 1
        shape = SHAPES.get((line.text, line.table)) if self.fuzzy_budget > 0 else None
        if shape is None:
            shape = row_shape(line, allow_fuzzy=self.fuzzy_budget > 0)
        if shape.votes_2019 or shape.votes_2021:
            self.fmt_votes["2019"] += shape.votes_2019
            self.fmt_votes["2021"] += shape.votes_2021
        if shape.header_deviations:
            self.header_deviations += [(line.text, m) for m in shape.header_deviations]
        kind = shape.key_kind
        if kind == "row" and section != "proactive":
            count, width = self.row_widths.get(block, (0, 0))
            self.row_widths[block] = (count + 1, cells if cells > width else width)
        if not shape.tokens and line.table and not line.run:
            return  # a header row, or a row with no figures at all
        self._route(ParsedRow(line, section, shape, block), kind)

    def _route(self, row: ParsedRow, kind: str | None) -> None:
        """A row with figures to its table, by the label that names it."""
        key_match = row.shape.key_match
        section = row.section
        if key_match is None:
            if not row.shape.labels and section in ("appeals", None):
                self.appeal_rows.append(row)
                self.used_lines.add(row.line.index)
            return
        key = key_match.label.key
        if kind == "row" and section != "proactive":
            if key not in self.requests:
                self.requests[key] = row
                self.request_labels[key] = key_match
        elif kind == "proactive":
            if key not in self.proactive:
                self.proactive[key] = row
                self.proactive_labels[key] = key_match
        elif kind != "appeal_group":
            return
        elif key not in self.appeal_groups:
            self.appeal_groups[key] = row
        self.used_lines.add(row.line.index)

    def format(self, year: int | None) -> FormatName:
        v19, v21 = self.fmt_votes["2019"], self.fmt_votes["2021"]
        if v19 > v21:
            return "2019"
        if v21 > v19:
            return "2021"
        if year is not None and year < 2021:
            return "2019"
        return "2021"

    # ------------------------------------------------------------ filling
    def fill(
        self,
        fmt: FormatName,
        report_requests: dict[str, dict[str, Cell]],
        report_appeals: dict[str, dict[str, Cell]],
        report_proactive: dict[str, dict[str, Cell]],
    ) -> tuple[Solver | None, list[Finding]]:
        """Fill the three tables; the solver, when one was needed, says what it inferred."""
        findings: list[Finding] = []
        subs = ("other.no_correction", "other.fee_unpaid", "other.other")
        # A 2021 report printing （六）其他处理 as one row: its three sub-rows sum to it.
        other_group = (
            fmt == "2021" and "other" in self.requests and not any(s in self.requests for s in subs)
        )
        # Tables 三 and 四 share no rule: each printed whole is read as printed, and only
        # the other goes to the solver (which would only copy a whole table's figures).
        figures, whole = self._request_figures(fmt)
        requests_whole = whole and not other_group
        appeals = self._printed_appeals()
        solver = None
        read = 0
        if requests_whole:
            for key, tokens, named in figures:
                report_requests[key] = (
                    named.copy()
                    if named is not None
                    else dict(zip(REQUEST_COLUMNS, cast(list[Token], tokens), strict=True))
                )
            read += len(REQUEST_COLUMNS) * len(figures)
        if appeals is not None:
            report_appeals.update(appeals)
            read += len(APPEAL_FIELDS) * len(appeals)
        # A table with no row at all (a blank template) is blank, with no solver either.
        with_requests = not requests_whole
        if with_requests and not self.requests:
            report_requests.update((key, dict.fromkeys(REQUEST_COLUMNS)) for key, _, _ in figures)
            self.incomplete += ("requests",)
            self.blank += ("requests",)
            with_requests = False
        with_appeals = appeals is None
        if with_appeals and not self.appeal_rows and not self.appeal_groups:
            report_appeals.update((group, dict.fromkeys(APPEAL_FIELDS)) for group in APPEAL_GROUPS)
            self.incomplete += ("appeals",)
            self.blank += ("appeals",)
            with_appeals = False
        if with_requests or with_appeals:
            part = (with_requests, with_appeals)
            solver = self._solve(fmt, other_group, part, figures, report_requests, report_appeals)
            read += solver.read
        proactive_read = self._fill_proactive(fmt, report_proactive)
        read += proactive_read
        if proactive_read < sum(len(item.fields) for item in PROACTIVE_ITEMS[fmt]):
            self.incomplete = ("proactive", *self.incomplete)
            if proactive_read == 0:
                self.blank = ("proactive", *self.blank)
        findings += self._label_findings(fmt)
        self.cells_read = read
        return solver, findings

    def _solve(
        self,
        fmt: FormatName,
        other_group: bool,
        part: tuple[bool, bool],
        figures: list[_RowFigures],
        report_requests: dict[str, dict[str, Cell]],
        report_appeals: dict[str, dict[str, Cell]],
    ) -> Solver:
        """Table 三 and/or 四 (`part`) with a cell short, blank or run together: what the rules force."""
        with_requests, with_appeals = part
        solver = Solver(layout(fmt, other_group, part))
        if with_requests:
            self._fill_requests(solver, other_group, figures)
        if with_appeals:
            self._fill_appeals(solver)
        solver.solve()
        # The layout numbers cells row by row, 表三 in REQUEST_ROWS order, then 表四.
        values = solver.values
        at = 0
        incomplete: list[str] = []
        blank: list[str] = []
        if with_requests:
            n = len(REQUEST_COLUMNS)
            for key, tokens, named in figures:
                # A row printed whole keeps its figures (the rules only fill blanks).
                if named is not None:
                    report_requests[key] = named.copy()
                elif tokens is not None:
                    report_requests[key] = dict(zip(REQUEST_COLUMNS, tokens, strict=True))
                else:
                    cells = values[at : at + n]
                    report_requests[key] = dict(zip(REQUEST_COLUMNS, cells, strict=True))
                at += n
            if None in values[:at]:
                incomplete.append("requests")
                if values[:at].count(None) == at:
                    blank.append("requests")
        if with_appeals:
            start = at
            m = len(APPEAL_FIELDS)
            for group in APPEAL_GROUPS:
                report_appeals[group] = dict(zip(APPEAL_FIELDS, values[at : at + m], strict=True))
                at += m
            if None in values[start:at]:
                incomplete.append("appeals")
                if values[start:at].count(None) == at - start:
                    blank.append("appeals")
        self.incomplete += tuple(incomplete)
        self.blank += tuple(blank)
        return solver

    def _request_figures(self, fmt: FormatName) -> tuple[list[_RowFigures], bool]:
        """表三's rows in order, with their seven figures when all are printed as numbers.

        Each row: (key, the figures or None, the figures by column name when the row's
        shape keeps them); and whether every row printed its figures.
        """
        n = len(REQUEST_COLUMNS)
        get = self.requests.get
        out: list[_RowFigures] = []
        whole = True
        for key in request_row_keys(fmt):
            row = get(key)
            if row is not None and not row.line.run:
                shape = row.shape
                if shape.named is not None:
                    out.append((key, shape.figures, shape.named))
                    continue
            tokens = self._printed_row(row, n)
            if tokens is None:
                whole = False
            out.append((key, tokens, None))
        return out, whole

    def _fill_requests(self, solver: Solver, other_group: bool, figures: list[_RowFigures]) -> None:
        n = len(REQUEST_COLUMNS)
        row_rule = [(n - 1, list(range(n - 1)))]
        requests = self.requests
        at = -n  # the layout numbers 表三's cells row by row
        for key, tokens, _ in figures:
            at += n
            if tokens is not None:  # printed whole
                solver.set_printed(range(at, at + n), tokens)
                continue
            row = requests.get(key)
            if row is None:
                continue
            if not row.line.run:
                printed = self._printed(row, n)[0]  # (a blank or a dash is None)
                if len(printed) == n:
                    solver.set_printed(range(at, at + n), printed)
                    continue
            solver.add_row(self._row_tokens(_request_ids(key), row), row_rule)
        if other_group:
            ids = tuple(("other-group", "other", col) for col in REQUEST_COLUMNS)
            sub_solver = Solver(_GROUP_LAYOUT)
            sub_solver.add_row(self._row_tokens(ids, self.requests["other"]), row_rule)
            sub_solver.solve()
            for cell in ids:
                solver.constant(cell, sub_solver.value(cell))

    def _row_tokens(self, ids: tuple[CellId, ...], row: ParsedRow) -> RowTokens:
        """The row's figures for the solver: by position when the row is whole, else in order."""
        n = len(ids)
        line = row.line
        if line.run:
            # Archived text: the row's figures as one run of digits, split by the solver.
            run = _strip_unit(line.cells[-1])
            return RowTokens(ids, [], [run], run=run if run.isdigit() else "")
        tokens, raw = self._printed(row, n)
        return RowTokens(ids, tokens, raw)

    def _printed(self, row: ParsedRow, n: int) -> tuple[list[Token], list[str]]:
        """The figures of a row that is not run together, for n columns."""
        line = row.line
        if row.labels:
            # A 表三 row is whole when it is as wide as the other 表三 rows of its table.
            count, width = self.row_widths.get(row.block, (0, 0))
            whole = count >= 2 and len(line.cells) >= width
        else:
            whole = len(line.cells) >= self.widths.get(row.block, 0)
        return printed_tokens(line, row.shape, n, whole and line.table)

    # ------------------------------------------------------------ every cell printed
    def _printed_row(self, row: ParsedRow | None, n: int) -> list[Token] | None:
        if row is None or row.line.run:
            return None
        figures = row.shape.figures
        if figures is not None and len(figures) == n:
            return figures
        tokens = self._printed(row, n)[0]
        return tokens if len(tokens) == n and None not in tokens else None

    def _printed_appeals(self) -> dict[str, dict[str, Cell]] | None:
        m = len(APPEAL_FIELDS)
        groups: list[list[Token] | None]
        if self.appeal_groups:
            groups = [self._printed_row(self.appeal_groups.get(g), m) for g in APPEAL_GROUPS]
        else:
            rows = [r for r in self.appeal_rows if r.section == "appeals"] or self.appeal_rows
            if len(rows) != 1:
                return None  # no row, or a row cut in several (left to the solver)
            values = self._printed_row(rows[0], m * len(APPEAL_GROUPS))
            if values is None:
                return None
            groups = [values[i : i + m] for i in range(0, len(values), m)]
        out: dict[str, dict[str, Cell]] = {}
        for group, figures in zip(APPEAL_GROUPS, groups, strict=True):
            if figures is None:
                return None
            out[group] = dict(zip(APPEAL_FIELDS, figures, strict=True))
        return out

    def _fill_appeals(self, solver: Solver) -> None:
        n = len(APPEAL_FIELDS)
        ids_all = _APPEAL_IDS
        rules = [
            (n * g + n - 1, [n * g + i for i in range(n - 1)]) for g in range(len(APPEAL_GROUPS))
        ]
        if self.appeal_groups:
            group_rule = [(n - 1, list(range(n - 1)))]
            for g in APPEAL_GROUPS:
                ids = _GROUP_IDS[g]
                row = self.appeal_groups.get(g)
                if row is not None:
                    solver.add_row(self._row_tokens(ids, row), group_rule)
            return
        # The data row(s) of table 四: under its heading if any is; one run of table lines.
        rows = [r for r in self.appeal_rows if r.section == "appeals"] or self.appeal_rows
        if not rows:
            return
        rows = [r for r in rows if r.block == rows[0].block]
        if len(rows) == 1:
            solver.add_row(self._row_tokens(ids_all, rows[0]), rules)
            return
        tokens: list[Token] = []
        raw: list[str] = []
        for row in rows:
            tokens.extend(c.value for c in row.tokens)
            raw.extend(c.text.strip() for c in row.tokens)
        solver.add_row(RowTokens(ids_all, tokens, raw), rules)

    def _fill_proactive(self, fmt: FormatName, out: dict[str, dict[str, Cell]]) -> int:
        read = 0
        for item in PROACTIVE_ITEMS[fmt]:
            row = self.proactive.get(item.key)
            values = out[item.key]
            if row is None:
                continue
            if row.line.run:
                read += _fill_proactive_run(item, row.line.cells[-1], values)
                continue
            cells = _proactive_cells(item, row)
            if cells is None:
                continue
            for name, cell in zip(item.fields, cells, strict=True):
                value = cell.value if cell.kind == "number" else None
                if value is not None and name == "amount_yuan" and cell.wan:
                    value = _round(value * 10000)
                if value is not None and name not in DECIMAL_FIELDS and isinstance(value, float):
                    value = int(value) if value.is_integer() else value
                values[name] = value
                if value is not None:
                    read += 1
        return read

    def _label_findings(self, fmt: FormatName) -> list[Finding]:
        out: list[Finding] = []
        official_rows = _rows_by_key(fmt)
        for key, m in self.request_labels.items():
            if m.exact or key not in official_rows:
                continue
            rowdef = official_rows[key]
            out.append(
                Finding(
                    "label.nonstandard",
                    "warning",
                    f"表三行标签“{m.printed}”与官方表述“{_plain(rowdef.label)}”不一致。",
                    where=f"requests.{key}",
                    text=m.printed,
                    suggestion=_plain(rowdef.label),
                )
            )
        items = _items_by_key(fmt)
        for key, m in self.proactive_labels.items():
            item = items.get(key)
            if item is None:
                continue
            official = _plain(item.label)
            if m.exact and m.printed == m.label.official == official.replace(" ", ""):
                continue
            if m.printed == official:
                continue
            out.append(
                Finding(
                    "label.nonstandard",
                    "warning",
                    f"表二行标签“{m.printed}”与官方表述“{official}”不一致。",
                    where=f"proactive.{key}",
                    text=m.printed,
                    suggestion=official,
                )
            )
        seen: set[str] = set()
        for _line, m in self.header_deviations:
            if m.printed in seen:
                continue
            seen.add(m.printed)
            official = m.label.official
            where = _header_where(official)
            out.append(
                Finding(
                    "label.nonstandard",
                    "warning",
                    f"表头“{m.printed}”与官方表述“{official}”不一致。",
                    where=where,
                    text=m.printed,
                    suggestion=official,
                )
            )
        return out


@cache
def _request_ids(key: str) -> tuple[CellId, ...]:
    return tuple(("requests", key, col) for col in REQUEST_COLUMNS)


def _request_equations(fmt: FormatName) -> list[Equation]:
    """The reconciliation rules of table 三 as equations over cell ids."""
    keys = [r.key for r in REQUEST_ROWS[fmt]]
    out = [
        Equation(
            (("requests", key, "total"),),
            tuple(("requests", key, c) for c in APPLICANT_COLUMNS),
        )
        for key in keys
    ]
    dispositions = [r.key for r in REQUEST_ROWS[fmt] if r.disposition]
    for col in REQUEST_COLUMNS:
        out.append(
            Equation(
                (("requests", "total", col),),
                tuple(("requests", d, col) for d in dispositions),
            )
        )
        out.append(
            Equation(
                (("requests", "new", col), ("requests", "carried_over", col)),
                (("requests", "total", col), ("requests", "carry_forward", col)),
            )
        )
    return out


_APPEAL_CELLS = [("appeals", g, f) for g in APPEAL_GROUPS for f in APPEAL_FIELDS]
_APPEAL_IDS: tuple[CellId, ...] = tuple(_APPEAL_CELLS)
_GROUP_IDS: dict[str, tuple[CellId, ...]] = {
    g: tuple(("appeals", g, f) for f in APPEAL_FIELDS) for g in APPEAL_GROUPS
}
_APPEAL_EQUATIONS = [
    Equation((("appeals", g, "total"),), tuple(("appeals", g, f) for f in APPEAL_FIELDS[:-1]))
    for g in APPEAL_GROUPS
]
_GROUP_CELLS = [("other-group", "other", col) for col in REQUEST_COLUMNS]
_GROUP_LAYOUT = Layout(_GROUP_CELLS, [])


@cache
def layout(
    fmt: FormatName, other_group: bool = False, part: tuple[bool, bool] = (True, True)
) -> Layout:
    """The cells of tables 三 and/or 四 (`part`) and their rules (with （六） as one row)."""
    with_requests, with_appeals = part
    cells: list[CellId] = []
    equations: list[Equation] = []
    if with_requests:
        cells += [("requests", r.key, col) for r in REQUEST_ROWS[fmt] for col in REQUEST_COLUMNS]
        equations += _request_equations(fmt)
    if with_appeals:
        cells += _APPEAL_CELLS
        equations += _APPEAL_EQUATIONS
    if other_group:
        cells += _GROUP_CELLS
        subs = ("other.no_correction", "other.fee_unpaid", "other.other")
        equations += [
            Equation((("other-group", "other", col),), tuple(("requests", s, col) for s in subs))
            for col in REQUEST_COLUMNS
        ]
    return Layout(cells, equations)


def _header_where(official: str) -> str:
    for key, label in COLUMN_LABELS.items():
        if label == official:
            return f"requests.columns.{key}"
    return "header"


_OFFICIAL_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+\.)"
)


@cache
def _rows_by_key(fmt: FormatName) -> dict[str, RowDef]:
    return {r.key: r for r in REQUEST_ROWS[fmt]}


@cache
def _items_by_key(fmt: FormatName) -> dict[str, ProactiveItem]:
    return {i.key: i for i in PROACTIVE_ITEMS[fmt]}


@cache
def _plain(label: str) -> str:
    """The official wording without its numbering: "其他法律行政法规禁止公开"."""
    return _OFFICIAL_NUMBERING.sub("", label)


def _round(value: float) -> Value:
    rounded = round(value, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


def _proactive_cells(item: ProactiveItem, row: ParsedRow) -> tuple[Cellish, ...] | None:
    n = len(item.fields)
    if len(row.slots) == n:
        return row.slots
    if len(row.tokens) == n:
        return row.tokens
    trailing = row.slots[n:]
    if len(row.slots) > n and all(c.kind == "empty" for c in trailing):
        return row.slots[:n]
    return None


def _strip_unit(text: str) -> str:
    for unit in ("万元", "元"):
        if text.endswith(unit):
            return text[: -len(unit)]
    return text


_PIECE_INT = re.compile(r"0|[1-9]\d*")
_PIECE_SIGNED = re.compile(r"[-+]?(?:0|[1-9]\d*)")
_PIECE_DECIMAL = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
MAX_PROACTIVE_WAYS = 2000


def _fill_proactive_run(item: ProactiveItem, printed: str, values: dict[str, Cell]) -> int:
    """A 表二 row whose figures run together: a cell is filled where every cut agrees.

    Figures are whole numbers without leading zeros, except amounts (decimals) and the
    2019 format's 本年增/减 (signed). Nothing else constrains 表二.
    """
    run = _strip_unit(printed)
    wan = printed.endswith("万元")
    patterns = [
        _PIECE_DECIMAL if f in DECIMAL_FIELDS else _PIECE_SIGNED if f == "change" else _PIECE_INT
        for f in item.fields
    ]
    ways: list[tuple[Value, ...]] = []

    def walk(pos: int, k: int, pieces: list[Value]) -> bool:
        if k == len(patterns):
            if pos == len(run):
                ways.append(tuple(pieces))
            return len(ways) <= MAX_PROACTIVE_WAYS
        for end in range(pos + 1, len(run) + 1):
            piece = run[pos:end]
            if patterns[k].fullmatch(piece) is None:
                continue
            value: Value = float(piece) if "." in piece else int(piece)
            if not walk(end, k + 1, [*pieces, value]):
                return False
        return True

    if not run or not walk(0, 0, []) or not ways:
        return 0
    read = 0
    for i, name in enumerate(item.fields):
        first = ways[0][i]
        if all(w[i] == first for w in ways):
            value = first
            if name == "amount_yuan" and wan:
                value = _round(value * 10000)
            values[name] = value
            read += 1
    return read
