"""Lateness as a recorded fact, for the queue, the register, the annual report's timeliness
sentence and the supervisor's indicators.

A request whose due date passed unanswered carries `missed_due_on` for good (stored by
`services.recompute`, polled by `services.record_lateness`). It is overdue while open and
counted as answered late once closed. A correction notice sent after the 7 working days
of 第三十条 is a procedural flaw (程序瑕疵) kept on its event (`data["late"]`).

    from gongkai.web.requests.lateness import lateness, timeliness
    t = timeliness(Request.objects.filter(agency=a), 2026, today)
    t.closed_late, t.open_overdue, t.late_correction_notices
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from gongkai.web.requests import clockwork
from gongkai.web.requests.models import RequestEvent


@dataclass(frozen=True)
class Lateness:
    missed_due: date | None  # the due date that passed unanswered
    working_days: int  # working days late: up to the closing, or up to `today` while open
    closed_late: bool  # closed after its due date (answered late)

    @property
    def late(self) -> bool:
        return self.missed_due is not None


def lateness(req, today: date) -> Lateness:
    """The lateness of one request as of `today` (from the recorded fact or the due date)."""
    missed = req.missed_due_on
    if missed is None and req.closed_on is None and req.due_on and req.due_on < today:
        missed = req.due_on  # passed since the last poll: the same fact
    if missed is None:
        return Lateness(None, 0, False)
    end = req.closed_on or today
    days = -clockwork.calendar().working_days_left(end, missed) if end > missed else 0
    return Lateness(missed, days, req.closed_on is not None and req.closed_on > missed)


@dataclass(frozen=True)
class Timeliness:
    """How timely an agency's requests were in `year` (see `timeliness`)."""

    year: int
    as_of: date  # min(today, 31 December of year)
    closed: int  # requests closed in the year
    closed_late: int  # of these, closed after their due date (answered late)
    open: int  # requests open on `as_of`
    open_overdue: int  # of these, with their due date passed on `as_of`
    late_working_days: int  # working days of lateness, summed over the two counts above
    late_correction_notices: int  # 程序瑕疵: correction notices after 7 working days, in year

    @property
    def on_time(self) -> int:
        return self.closed - self.closed_late


def timeliness(requests, year: int, today: date) -> Timeliness:
    """Timeliness of `requests` (a Request queryset, filtered by agency by the caller)."""
    as_of = min(today, date(year, 12, 31))
    cal = clockwork.calendar()
    closed = requests.filter(closed_on__year=year, closed_on__lte=as_of)
    closed_late = closed.exclude(missed_due_on=None).filter(closed_on__gt=F("missed_due_on"))
    open_then = requests.filter(received_on__lte=as_of).filter(
        Q(closed_on=None) | Q(closed_on__gt=as_of)
    )
    overdue = open_then.filter(
        Q(missed_due_on__lt=as_of) | Q(missed_due_on=None, closed_on=None, due_on__lt=as_of)
    )
    days = 0
    for req in closed_late.only("closed_on", "missed_due_on"):
        days += -cal.working_days_left(req.closed_on, req.missed_due_on)
    for req in overdue.only("missed_due_on", "due_on"):
        missed = req.missed_due_on or req.due_on
        days += -cal.working_days_left(as_of, missed)
    flaws = RequestEvent.objects.filter(
        request__in=requests, action="request_correction", on__year=year, data__late=True
    ).count()
    return Timeliness(
        year=year,
        as_of=as_of,
        closed=closed.count(),
        closed_late=closed_late.count(),
        open=open_then.count(),
        open_overdue=overdue.count(),
        late_working_days=days,
        late_correction_notices=flaws,
    )
