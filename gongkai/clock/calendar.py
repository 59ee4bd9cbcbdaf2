"""The working-day calendar (工作日): the State Council's yearly holiday schedule.

Working days are Monday to Friday, minus the public holidays, plus the 调休 working
weekends the schedule names (Sunday 2024-09-29 and Saturday 2024-10-12 were working days).
The data comes from the `chinesecalendar` package (2004–2026) and from schedule files an
administrator loads for other years (`load_schedule`); a loaded file overrides the package.
A year known to neither is computed with weekends only and is *provisional* (暂定).

Everything is precomputed once into two arrays indexed by day ordinal — whether a day is
a working day, and how many working days there are up to and including it — so adding
working days, counting them and skipping pauses are O(1) look-ups, not walks.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
from chinese_calendar import constants as _cc

from gongkai.text.chinese import chinese_date as cn_date  # the one implementation

_WEEKDAYS = "一二三四五六日"
PACKAGE_SOURCE = f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()


def cn_weekday(d: date) -> str:
    return f"星期{_WEEKDAYS[d.weekday()]}"


# ---------------------------------------------------------------- schedules
@dataclass(frozen=True)
class YearSchedule:
    """One year's holiday schedule as the State Council published it.

    `holidays`: every day off (放假), weekends inside a holiday span included or not —
    weekends are off anyway. `working_days`: the 调休 weekends that are working days.
    `source`: where it comes from, e.g. "国办发明电〔2026〕…号".
    """

    year: int
    holidays: frozenset[date]
    working_days: frozenset[date] = frozenset()
    source: str = ""

    def __post_init__(self) -> None:
        for d in (*self.holidays, *self.working_days):
            if d.year != self.year:
                raise ValueError(
                    f"{self.year}年的节假日安排中出现了其他年份的日期：{d.isoformat()}"
                )
        both = self.holidays & self.working_days
        if both:
            first = min(both).isoformat()
            raise ValueError(f"{first} 既列为放假日又列为上班日，请核对节假日安排")
        weekdays = sorted(d for d in self.working_days if d.weekday() < 5)
        if weekdays:
            raise ValueError(
                f"调休上班日应为周六或周日，{weekdays[0].isoformat()}（{cn_weekday(weekdays[0])}）本来就是工作日"
            )


def _parse_day(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{where}：无法识别的日期“{value}”，应写作 2027-01-01")


def _expand(values: Any, where: str) -> set[date]:
    """Days from a list of dates and "YYYY-MM-DD..YYYY-MM-DD" ranges (both ends included)."""
    if not isinstance(values, list):
        raise ValueError(f"{where} 应为日期列表")
    days: set[date] = set()
    for value in values:
        if isinstance(value, str) and ".." in value:
            first_text, last_text = value.split("..", 1)
            first, last = _parse_day(first_text, where), _parse_day(last_text, where)
            if last < first:
                raise ValueError(f"{where}：日期区间“{value}”的结束日早于开始日")
            days.update(first + timedelta(n) for n in range((last - first).days + 1))
        else:
            days.add(_parse_day(value, where))
    return days


def parse_schedule(text: str, name: str = "节假日安排文件") -> YearSchedule:
    """Read a schedule from TOML text (format in docs/cli.md); raise `ValueError` in Chinese."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        place = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f"（第 {place[1]} 行第 {place[2]} 列）" if place else ""
        raise ValueError(f"{name} 不是有效的 TOML 文件{where}") from None
    year = data.get("year")
    if not isinstance(year, int) or not 1949 < year < 2200:
        raise ValueError(f"{name} 缺少有效的 year（年份），例如 year = 2027")
    unknown = set(data) - {"year", "source", "holidays", "working_days"}
    if unknown:
        raise ValueError(f"{name} 中有无法识别的字段：{'、'.join(sorted(unknown))}")
    source = data.get("source", "")
    if not isinstance(source, str):
        raise ValueError(f"{name} 的 source 应为文字，例如发文字号")
    return YearSchedule(
        year=year,
        holidays=frozenset(_expand(data.get("holidays", []), f"{name} 的 holidays")),
        working_days=frozenset(_expand(data.get("working_days", []), f"{name} 的 working_days")),
        source=source,
    )


def load_schedule(path: str | Path) -> YearSchedule:
    """Read a schedule file (UTF-8 TOML); raise `ValueError` with a Chinese message."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ValueError(f"无法读取节假日安排文件：{path}") from None
    except UnicodeDecodeError:
        raise ValueError(f"节假日安排文件不是 UTF-8 编码：{path}") from None
    return parse_schedule(text, name=path.name)


def _package_years() -> frozenset[int]:
    return frozenset(d.year for d in (*_cc.holidays, *_cc.workdays))


PACKAGE_YEARS: frozenset[int] = _package_years()


def package_schedule(year: int) -> YearSchedule | None:
    """The `chinesecalendar` package's schedule for `year`, or None if it does not know it."""
    if year not in PACKAGE_YEARS:
        return None
    return YearSchedule(
        year=year,
        holidays=frozenset(d for d in _cc.holidays if d.year == year),
        working_days=frozenset(d for d in _cc.workdays if d.year == year),
        source=PACKAGE_SOURCE,
    )


# ---------------------------------------------------------------- the calendar
@dataclass
class WorkCalendar:
    """Working days from `first_year` to `last_year`, with `overrides` taking precedence.

    `cal.is_working_day(d)`, `cal.add_working_days(d, n)` (the n-th working day after d),
    `cal.working_days_between(a, b)` (working days after a up to and including b;
    negative when b is before a), `cal.is_provisional(d)`.
    """

    overrides: Mapping[int, YearSchedule] = field(default_factory=dict)
    first_year: int = 2004
    last_year: int = 2060

    def __post_init__(self) -> None:
        self.overrides = dict(self.overrides)
        for year, schedule in self.overrides.items():
            if schedule.year != year:
                raise ValueError(
                    f"节假日安排的年份（{schedule.year}）与所载入的年份（{year}）不一致"
                )
        if self.first_year > self.last_year:
            raise ValueError("日历的起始年份晚于结束年份")
        self._base = date(self.first_year, 1, 1).toordinal()
        end = date(self.last_year, 12, 31).toordinal()
        n = end - self._base + 1
        working = [(self._base + i) % 7 not in (0, 6) for i in range(n)]  # ordinal 1 = Monday
        self._schedules: dict[int, YearSchedule] = {}
        for year in range(self.first_year, self.last_year + 1):
            found = self.overrides.get(year) or package_schedule(year)
            if found is None:
                continue
            self._schedules[year] = found
            for d in found.holidays:
                working[d.toordinal() - self._base] = False
            for d in found.working_days:
                working[d.toordinal() - self._base] = True
        self._working = working
        # _rank[i]: working days from the first day up to and including day i.
        rank: list[int] = []
        count = 0
        for flag in working:
            count += flag
            rank.append(count)
        self._rank = rank
        self._ordinals = [self._base + i for i, flag in enumerate(working) if flag]

    # -- look-ups -------------------------------------------------------------
    def _index(self, d: date) -> int:
        i = d.toordinal() - self._base
        if not 0 <= i < len(self._working):
            raise ValueError(
                f"{cn_date(d)}超出工作日历的范围（{self.first_year}年至{self.last_year}年）"
            )
        return i

    def is_working_day(self, d: date) -> bool:
        return self._working[self._index(d)]

    def is_provisional(self, d: date) -> bool:
        """True when d's year has neither a loaded schedule nor chinesecalendar data."""
        return d.year not in self._schedules

    def schedule(self, year: int) -> YearSchedule | None:
        return self._schedules.get(year)

    def source(self, year: int) -> str:
        """Where the year's schedule comes from ("" when provisional)."""
        schedule = self._schedules.get(year)
        return schedule.source if schedule else ""

    def working_weekends(self, year: int) -> list[date]:
        """The 调休 weekends that are working days in `year` (empty when provisional)."""
        schedule = self._schedules.get(year)
        return sorted(schedule.working_days) if schedule else []

    def rank(self, d: date) -> int:
        """Working days from the calendar's first day up to and including d."""
        return self._rank[self._index(d)]

    def nth_working_day(self, rank: int) -> date:
        """The working day whose rank is `rank` (inverse of `rank` on working days)."""
        if not 1 <= rank <= len(self._ordinals):
            raise ValueError(f"期限超出工作日历的范围（{self.first_year}年至{self.last_year}年）")
        return date.fromordinal(self._ordinals[rank - 1])

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after d (d itself is not counted); d when n is 0."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        if n == 0:
            return d
        return self.nth_working_day(self.rank(d) + n)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after a up to and including b; negative when b is before a."""
        return self.rank(b) - self.rank(a)

    def deadline(
        self, start: date, days: int, pauses: Iterable[tuple[date, date]] = ()
    ) -> tuple[date, int]:
        """The `days`-th counted working day after `start`, and the paused days it skipped.

        A pause (a, b) takes out the working days after a up to and including b; pauses
        that begin once the deadline is reached do not move it. This is the hot path of
        every deadline, hence the local names and the inlined look-ups.
        """
        rank, base, size = self._rank, self._base, len(self._rank)
        i = start.toordinal() - base
        if not 0 <= i < size:
            self._index(start)  # raises the Chinese message
        target = covered = rank[i]
        target += days
        skipped = 0
        if pauses:
            intervals = []
            for a, b in pauses:
                ia, ib = a.toordinal() - base, b.toordinal() - base
                if not (0 <= ia < size and 0 <= ib < size):
                    self._index(a)  # raises the Chinese message
                    self._index(b)
                intervals.append((rank[ia], rank[ib]))
            intervals.sort()
            # Sorted by start; `covered` is the last paused rank already taken out, so
            # overlapping pauses are not counted twice.
            for lo, hi in intervals:
                if lo >= target:
                    break
                if lo < covered:
                    lo = covered
                if hi > lo:
                    target += hi - lo
                    skipped += hi - lo
                    covered = hi
        if not 1 <= target <= len(self._ordinals):
            raise ValueError(f"期限超出工作日历的范围（{self.first_year}年至{self.last_year}年）")
        return date.fromordinal(self._ordinals[target - 1]), skipped

    def working_days_left(self, today: date, due: date) -> int:
        """Working days after today up to and including due; once due has passed, minus the
        working days of lateness: those after due up to and including today, or, on a rest
        day, up to the next working day (the first on which the reply can go out). So the
        Saturday after a Friday deadline is -1, and a count never drops over a weekend."""
        left = self.working_days_between(today, due)
        if today <= due:
            return left
        return left - (0 if self.is_working_day(today) else 1)

    def working_days(self, first: date, last: date) -> Iterable[date]:
        """The working days from first to last, both included."""
        lo, hi = self._index(first), self._index(last)
        return (date.fromordinal(self._base + i) for i in range(lo, hi + 1) if self._working[i])
