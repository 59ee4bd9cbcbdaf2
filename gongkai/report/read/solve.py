"""Cells the document leaves out or runs together, settled only when the rules force them.

A row is read as a list of tokens. When it has as many cells as the table has columns,
they are read as printed. When it has fewer (a cell lost, "640020470" run together),
we list every way the tokens can fill the columns — each token kept whole or split into
several figures, the missing columns anywhere — and keep those that satisfy the
reconciliation rules (勾稽关系). A cell takes a value only when every remaining way
agrees on it; otherwise it stays `None`. Then the rules propagate: the non-negative
parts of a 0 total are 0, and an equation with one unknown left gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations, pairwise
from operator import itemgetter
from typing import cast

Value = int | float
CellId = Hashable
# A token: an int/float as printed, None for a placeholder ("—", "/"), a str of digits
# for an integer that may be several figures run together.
Token = Value | None

MAX_WAYS = 4000  # beyond this many readings of one row, it is left unread
MAX_SPLIT_DIGITS = 18


@dataclass(frozen=True, slots=True)
class Equation:
    """sum(left) == sum(right), all cells non-negative."""

    left: tuple[CellId, ...]
    right: tuple[CellId, ...]

    @property
    def cells(self) -> tuple[CellId, ...]:
        return self.left + self.right


@dataclass
class RowTokens:
    """One printed row: its cell ids (in column order) and the tokens read from it."""

    ids: tuple[CellId, ...]
    tokens: list[Token]
    raw: list[str]  # the tokens as printed (for split detection and messages)
    run: str | None = None  # every figure of the row run together ("640020470"): split exactly


class Layout:
    """The cells of the tables and the rules between them, numbered once per format."""

    def __init__(self, cells: Sequence[CellId], equations: Sequence[Equation]) -> None:
        self.names: list[CellId] = list(cells)
        self.index: dict[CellId, int] = {c: i for i, c in enumerate(self.names)}
        self.equations: list[tuple[tuple[int, ...], tuple[int, ...]]] = [
            (tuple(self.index[c] for c in eq.left), tuple(self.index[c] for c in eq.right))
            for eq in equations
        ]
        # Each equation's two sides: their cells, and a function gathering their values.
        self.sides: list[tuple[_Side, _Side]] = [
            ((left, _gather(left)), (right, _gather(right))) for left, right in self.equations
        ]
        self.by_cell: list[list[int]] = [[] for _ in self.names]
        for k, (left, right) in enumerate(self.equations):
            for i in {*left, *right}:
                self.by_cell[i].append(k)
        self._at: dict[tuple[CellId, ...], tuple[int, ...]] = {}
        self._rules_on: dict[tuple[int, ...], list[tuple[_Side, _Side]]] = {}
        self.size = len(self.names)

    def rules_on(self, cells: tuple[int, ...]) -> list[tuple[_Side, _Side]]:
        """The equations that take any of `cells`, each once, in the order the cells meet them."""
        found = self._rules_on.get(cells)
        if found is None:
            order = dict.fromkeys(k for cell in cells for k in self.by_cell[cell])
            found = self._rules_on[cells] = [self.sides[k] for k in order]
        return found

    def at(self, ids: tuple[CellId, ...]) -> tuple[int, ...]:
        """The numbers of the cells `ids` (remembered: the same rows come again and again)."""
        found = self._at.get(ids)
        if found is None:
            found = self._at[ids] = tuple(self.index[c] for c in ids)
        return found


# Why a cell was inferred: from the rules alone ("zero", "rule"), or from the printed
# figures the rules placed ("placement") or cut ("split").
_DERIVED = frozenset({"zero", "rule"})
_Way = tuple[Value | None, ...]
_Values = tuple[Value, ...]  # (made once: a subscript in a hot loop builds a new alias each time)
# One side of an equation: its cells, and a function giving their values as a tuple.
_Side = tuple[tuple[int, ...], Callable[[list[Value | None]], tuple[Value | None, ...]]]


class Solver:
    """Cells of one report: read, inferred by the rules, or unknown (None)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.values: list[Value | None] = [None] * len(layout.names)
        self.read = 0  # cells read as printed (each row is given once)
        self.inferred: dict[int, str] = {}  # cell -> why
        self.pending: list[tuple[tuple[int, ...], list[_Way], bool]] = []
        self._dirty: list[int] = []  # cells set since the rules last looked
        # Cells of rows printed as one run of digits: the values some cut still allows.
        # A rule never gives such a cell a value its printed digits rule out.
        self.allowed: dict[int, AbstractSet[Value | None]] = {}
        # Rows printed as one run of digits: their cells and the run.
        self.runs: list[tuple[tuple[int, ...], str]] = []
        self._broken: list[int] = []  # rules settled with both sides known and unequal

    def value(self, cell: CellId) -> Value | None:
        return self.values[self.layout.index[cell]]

    def constant(self, cell: CellId, value: Value | None) -> None:
        self.values[self.layout.index[cell]] = value

    def add_row(self, row: RowTokens, row_equations: list[tuple[int, list[int]]]) -> None:
        """Read a row; if it is short, keep every reading the row's own rule allows."""
        ids = self.layout.at(row.ids)
        n = len(ids)
        if row.run is not None:
            self._add_run(ids, row.run, row_equations)
            return
        tokens = row.tokens
        if len(tokens) == n:
            self.set_printed(ids, tokens)
            return
        if not tokens:
            return  # nothing printed: the rules may fill the row
        rules = tuple((whole, tuple(parts)) for whole, parts in row_equations)
        ways = (
            None if len(tokens) > n else _readings_cached(tuple(tokens), tuple(row.raw), n, rules)
        )
        if ways is None or not ways[0]:
            self._keep_printed(ids, [])  # figures printed that no reading places
            return
        self._keep_printed(ids, ways[0])
        self.pending.append((ids, list(ways[0]), ways[1]))

    def set_printed(self, ids: Sequence[int], tokens: Sequence[Token]) -> None:
        """A whole row as printed (a blank cell stays None)."""
        values = self.values
        if isinstance(ids, range):
            values[ids.start : ids.stop] = tokens
        else:
            for cell, value in zip(ids, tokens, strict=True):
                values[cell] = value
        self.read += len(tokens) - tokens.count(None)

    def _add_run(self, ids: tuple[int, ...], run: str, rules: list[tuple[int, list[int]]]) -> None:
        """A row whose figures lost every separator: each cell is printed, none is blank."""
        key = tuple((whole, tuple(parts)) for whole, parts in rules)
        if not run.isdigit():
            self._keep_printed(ids, [])  # figures printed that are not a run of digits
            return
        self.runs.append((ids, run))  # what the rules give it must still read as `run`
        found = exact_splits(run, len(ids), key)
        if not found or not found[0]:
            return  # no cut into its cells (a cell blank): the rules may say, `run` checks
        ways, forced_by_digits = found
        if len(ways) == 1 and forced_by_digits:
            for cell, value in zip(ids, ways[0], strict=True):
                self.values[cell] = value
            self.read += len(ids)
            return
        self.pending.append((ids, list(ways), True))
        self._keep_printed(ids, ways)

    def _keep_printed(self, ids: tuple[int, ...], ways: Sequence[_Way]) -> None:
        """What a row's printed figures still allow in each of its cells: a rule never gives
        a cell a value every reading of the print rules out (no reading: no value at all).
        A cell some reading leaves blank is not held."""
        allowed = self.allowed
        if len(ways) == 1:  # (the common case: one reading)
            for cell, value in zip(ids, ways[0], strict=True):
                if value is None:
                    allowed.pop(cell, None)
                else:
                    allowed[cell] = _only(value)
            return
        for i, cell in enumerate(ids):
            values = {w[i] for w in ways}
            if None in values:
                allowed.pop(cell, None)
            else:
                allowed[cell] = values

    def solve(self) -> None:
        values = self.values
        blanks = values.count(None)
        if not self.pending and (blanks == 0 or blanks == len(values)):
            return  # everything printed, or nothing: nothing to settle
        # The equations with an unknown cell, in their order.
        by_cell = self.layout.by_cell
        touched: set[int] = set()
        at = -1
        for _ in range(blanks):  # (list.index finds them in C: blanks are few)
            at = values.index(None, at + 1)
            touched.update(by_cell[at])
        queue = sorted(touched)
        queued = set(queue)
        settle, dirty = self._settle, self._dirty
        for _ in range(50):
            while queue:
                k = queue.pop()
                queued.discard(k)
                settle(k)
                if dirty:
                    self._requeue(queue, queued)
            if not self.pending or not self._settle_pending():
                break
            self._requeue(queue, queued)
        if self.inferred:
            self._take_back_contradictions()

    # ------------------------------------------------------------ internals
    def _requeue(self, queue: list[int], queued: set[int]) -> None:
        by_cell = self.layout.by_cell
        for cell in self._dirty:
            for k in by_cell[cell]:
                if k not in queued:
                    queued.add(k)
                    queue.append(k)
        self._dirty.clear()

    def _take_back_contradictions(self) -> None:
        """A value a rule gave that another rule breaks is taken back: where the report
        contradicts itself, the rules do not say what it meant (a null, not a guess).

        Every rule on an inferred cell was settled after its last change, and a broken
        one noted: values only fill blanks, so a rule once broken stays broken."""
        inferred, values, sides = self.inferred, self.values, self.layout.sides
        wrong: set[int] = set()
        for k in set(self._broken):
            lcells, rcells = sides[k][0][0], sides[k][1][0]
            derived = [c for c in (*lcells, *rcells) if inferred.get(c) in _DERIVED]
            # Broken whatever those cells held (the printed figures disagree): not theirs.
            if derived and self._could_hold(sides[k], derived):
                wrong.update(derived)
        for ids, run in self.runs:
            if any(c in inferred for c in ids):
                row = [values[c] for c in ids]
                if None not in row and not _fits(run, row):
                    wrong.update(c for c in ids if c in inferred)
        for cell in wrong:
            values[cell] = None
            del inferred[cell]

    def _could_hold(self, sides: tuple[_Side, _Side], cells: list[int]) -> bool:
        """Whether the equation could hold were `cells` blank (each then any value >= 0)."""
        values = self.values
        held = [values[c] for c in cells]
        for c in cells:
            values[c] = None
        try:
            return _all_feasible(values, [sides])
        finally:
            for c, v in zip(cells, held, strict=True):
                values[c] = v

    def _infer(self, cell: int, value: Value, why: str) -> None:
        allowed = self.allowed.get(cell)
        if allowed is not None and value not in allowed:
            return  # the rules and the printed digits disagree: the report is wrong somewhere
        self.values[cell] = value
        self.inferred[cell] = why
        self._dirty.append(cell)

    def _settle_pending(self) -> bool:
        changed = False
        still: list[tuple[tuple[int, ...], list[_Way], bool]] = []
        for ids, ways, split in self.pending:
            kept = [w for w in ways if self._consistent(ids, w)]
            if len(kept) < len(ways):
                self._keep_printed(ids, kept)
            ways = kept
            if not ways:
                continue
            open_cells = False
            for i, cell in enumerate(ids):
                if self.values[cell] is not None:
                    continue
                first = ways[0][i]
                if first is not None and all(w[i] == first for w in ways):
                    self._infer(cell, first, "split" if split else "placement")
                    changed = True
                else:
                    open_cells = True
            if open_cells and len(ways) > 1:
                still.append((ids, ways, split))
        self.pending = still
        return changed

    def _consistent(self, ids: tuple[int, ...], way: _Way) -> bool:
        """Whether the cells `ids` can take the values `way` under every rule on them."""
        values = self.values
        placed: list[int] = []  # cells given the way's value for the check, then blank again
        try:
            for cell, value in zip(ids, way, strict=True):
                if value is None:
                    continue
                known = values[cell]
                if known is None:
                    values[cell] = value
                    placed.append(cell)
                elif known != value:
                    return False
            return _all_feasible(values, self.layout.rules_on(ids))
        finally:
            for cell in placed:
                values[cell] = None

    def _settle(self, k: int) -> None:
        """Equation k, sum(left) == sum(right): a side all known settles the other side's
        blanks it forces; both known and unequal, it is noted as broken."""
        left, right = self.layout.sides[k]
        values = self.values
        lvalues = left[1](values)
        rvalues = right[1](values)
        if None in lvalues:
            if None not in rvalues:
                self._force(left[0], lvalues, rvalues)
        elif None in rvalues:
            self._force(right[0], rvalues, lvalues)
        elif sum(cast(_Values, lvalues)) != sum(cast(_Values, rvalues)):
            self._broken.append(k)

    def _force(
        self,
        cells: tuple[int, ...],
        got: tuple[Value | None, ...],
        totals: tuple[Value | None, ...],
    ) -> None:
        """The blanks among `cells` (values `got`) when their sum must equal sum(totals)."""
        unknown = [cell for cell, v in zip(cells, got, strict=True) if v is None]
        rest = sum(cast(_Values, totals)) - sum(filter(None, got))  # (filter: 0s)
        if rest == 0:
            for cell in unknown:
                self._infer(cell, 0, "zero" if len(unknown) > 1 else "rule")
        elif len(unknown) == 1 and rest > 0:
            self._infer(unknown[0], rest, "rule")


def _gather(cells: tuple[int, ...]) -> Callable[[list[Value | None]], tuple[Value | None, ...]]:
    """A function giving the values of `cells` as a tuple, gathered in C (operator.itemgetter)."""
    if len(cells) == 1:
        (cell,) = cells
        return lambda values: (values[cell],)
    return itemgetter(*cells)


@lru_cache(maxsize=1024)
def _only(value: Value) -> AbstractSet[Value | None]:
    """{value}, made once (a row's one reading restricts each of its cells to one value)."""
    return frozenset((value,))


def _fits(run: str, row: Sequence[Value | None]) -> bool:
    """Whether the digits `run` are the row's figures run together, a cell maybe blank."""
    figures = [str(v) for v in row]

    @cache
    def match(i: int, at: int) -> bool:
        if at == len(run):
            return True  # the cells left were blank
        if i == len(figures):
            return False
        figure = figures[i]
        return (run.startswith(figure, at) and match(i + 1, at + len(figure))) or match(i + 1, at)

    return match(0, 0)


def _all_feasible(values: list[Value | None], rules: list[tuple[_Side, _Side]]) -> bool:
    """Whether every sum(left) == sum(right) can still hold with the blanks non-negative."""
    for (_, left), (_, right) in rules:
        lvalues = left(values)
        rvalues = right(values)
        lsum = sum(filter(None, lvalues))  # (filter drops the blanks, and zeros)
        rsum = sum(filter(None, rvalues))
        if None in lvalues:  # a blank on the left: the left can only grow
            if lsum > rsum and None not in rvalues:
                return False
        elif None in rvalues:
            if rsum > lsum:
                return False
        elif lsum != rsum:
            return False
    return True


@lru_cache(maxsize=4096)
def _readings_cached(
    tokens: tuple[Token, ...],
    raw: tuple[str, ...],
    n: int,
    rules: tuple[tuple[int, tuple[int, ...]], ...],
) -> tuple[tuple[_Way, ...], bool] | None:
    """`_readings`, remembered: the same short rows recur from report to report."""
    found = _readings(list(tokens), list(raw), n, [(w, list(p)) for w, p in rules])
    return None if found is None else (tuple(found[0]), found[1])


def _readings(
    tokens: list[Token], raw: list[str], n: int, rules: list[tuple[int, list[int]]]
) -> tuple[list[tuple[Value | None, ...]], bool] | None:
    """Every way the tokens fill n columns that the row's rules allow (None: too many)."""
    found: dict[tuple[Value | None, ...], bool] = {}
    count = 0
    for expansion, split in _expansions(tokens, raw, n):
        missing = n - len(expansion)
        for gaps in combinations(range(n), missing):
            count += 1
            if count > MAX_WAYS:
                return None
            way = _place(expansion, gaps, n)
            filled = _apply_rules(way, rules)
            if filled is not None:
                found[filled] = found.get(filled, False) or split
    ways = list(found)
    return ways, any(found.values())


def _place(expansion: list[Token], gaps: tuple[int, ...], n: int) -> list[Value | None]:
    out: list[Value | None] = []
    it = iter(expansion)
    gap_set = set(gaps)
    for i in range(n):
        out.append(None if i in gap_set else next(it))
    return out


def _apply_rules(
    way: list[Value | None], rules: list[tuple[int, list[int]]]
) -> tuple[Value | None, ...] | None:
    """Fill what the row's own rules force; None when the way breaks a rule."""
    for _ in range(2):
        for whole, parts in rules:
            total = way[whole]
            values = [way[p] for p in parts]
            unknown = [p for p, v in zip(parts, values, strict=True) if v is None]
            known = sum(v for v in values if v is not None)
            if total is None:
                if not unknown:
                    way[whole] = known
                continue
            if not unknown:
                if known != total:
                    return None
            elif known > total:
                return None
            elif known == total:
                for p in unknown:
                    way[p] = 0
            elif len(unknown) == 1:
                way[unknown[0]] = total - known
    return tuple(way)


def _expansions(tokens: list[Token], raw: list[str], n: int) -> Iterator[tuple[list[Token], bool]]:
    """The tokens as printed, then with integers split into several figures."""
    yield list(tokens), False
    need = n - len(tokens)
    splittable = [
        i
        for i, (t, r) in enumerate(zip(tokens, raw, strict=True))
        if isinstance(t, int) and r.isdigit() and 2 <= len(r) <= MAX_SPLIT_DIGITS
    ]
    if not splittable or need <= 0:
        return
    yield from _split_from(tokens, raw, splittable, 0, need)


def _split_from(
    tokens: list[Token], raw: list[str], splittable: list[int], k: int, budget: int
) -> Iterator[tuple[list[Token], bool]]:
    if k == len(splittable):
        return
    i = splittable[k]
    digits = raw[i]
    for parts in range(2, min(len(digits), budget + 1) + 1):
        for pieces in _pieces(digits, parts):
            new_tokens: list[Token] = [*tokens[:i], *pieces, *tokens[i + 1 :]]
            new_raw = [*raw[:i], *(str(p) for p in pieces), *raw[i + 1 :]]
            yield new_tokens, True
            shift = parts - 1
            rest = [j + shift for j in splittable[k + 1 :]]
            yield from _split_from(
                new_tokens, new_raw, [*splittable[: k + 1], *rest], k + 1, budget - shift
            )
    yield from _split_from(tokens, raw, splittable, k + 1, budget)


def _pieces(digits: str, parts: int) -> Iterator[list[Token]]:
    """Ways to cut a digit string into `parts` figures (no leading zeros)."""
    for cuts in combinations(range(1, len(digits)), parts - 1):
        bounds = (0, *cuts, len(digits))
        pieces = [digits[a:b] for a, b in pairwise(bounds)]
        if any(len(p) > 1 and p[0] == "0" for p in pieces):
            continue
        yield [int(p) for p in pieces]


MAX_RUN_WAYS = 20000  # beyond this many splits of one run, the row is left unread


@lru_cache(maxsize=4096)
def exact_splits(
    run: str, n: int, rules: tuple[tuple[int, tuple[int, ...]], ...]
) -> tuple[tuple[_Way, ...], bool] | None:
    """Every way to cut `run` into exactly n whole numbers that keeps the row's rules.

    Figures have no leading zeros ("05" is not printed). Returns (ways, forced by the
    digits alone: the run has only one cut, whatever the rules say), or None when the
    run cannot be cut (too long, too many ways).
    """
    if not run.isdigit() or len(run) < n or n == 0:
        return None
    if len(run) == n:  # one figure a digit: the only cut, kept if it keeps the rules
        way = tuple(int(c) for c in run)
        keeps = all(way[whole] == sum(way[p] for p in parts) for whole, parts in rules)
        return ((way,) if keeps else ()), True
    if len(run) > n * 6:
        return None
    whole_of = {whole: parts for whole, parts in rules}
    ways: list[_Way] = []
    pieces: list[int] = []
    cuts = 0
    budget = [MAX_RUN_WAYS * 4]

    def walk(pos: int) -> bool:
        nonlocal cuts
        budget[0] -= 1
        if budget[0] < 0:
            return False
        k = len(pieces)
        left = n - k
        rest = len(run) - pos
        if left == 0:
            if rest == 0:
                cuts += 1
                ways.append(tuple(pieces))
            return len(ways) <= MAX_RUN_WAYS
        longest = rest - (left - 1)
        if run[pos] == "0":
            longest = 1
        parts = whole_of.get(k)
        for size in range(1, longest + 1):
            value = int(run[pos : pos + size])
            if parts is not None:
                total = sum(pieces[p] for p in parts)
                if value < total:
                    continue
                if value > total:
                    break  # a longer piece is larger still
            pieces.append(value)
            ok = walk(pos + size)
            pieces.pop()
            if not ok:
                return False
        return True

    if not walk(0):
        return None
    return tuple(ways), _single_cut(run, n)


def _single_cut(run: str, n: int) -> bool:
    """Whether `run` has exactly one cut into n figures without leading zeros."""
    count = 0

    def walk(pos: int, left: int) -> None:
        nonlocal count
        if count > 1:
            return
        rest = len(run) - pos
        if left == 0:
            count += rest == 0
            return
        if rest < left:
            return
        longest = 1 if run[pos] == "0" else rest - (left - 1)
        for size in range(1, longest + 1):
            walk(pos + size, left - 1)

    walk(0, n)
    return count == 1
