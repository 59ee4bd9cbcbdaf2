"""The statutory clock and the letters, as the desk uses them.

The law and the arithmetic live in `gongkai.clock` and `gongkai.letters` (framework-free).
This module only turns request rows into `ClockEvent`s, builds the working-day calendar
with the schedules administrators uploaded, and turns a request into a letter context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.clock import ClockEvent, ClockState, WorkCalendar, run_clock
from gongkai.clock.calendar import parse_schedule

_calendar_cache: dict[str, WorkCalendar] = {}
_shared: dict[str, int | bool | None] = {"check": False, "version": None}


def calendar() -> WorkCalendar:
    """chinesecalendar plus the newest uploaded schedule of each year (cached per process;
    rebuilt when another process loaded a schedule, see `check_shared_version`)."""
    if _shared["check"]:
        from gongkai.web.ops import versions

        _shared["check"] = False
        version = versions.current(versions.HOLIDAY_SCHEDULE)
        if version != _shared["version"]:
            _calendar_cache.clear()
            _shared["version"] = version
    if "cal" not in _calendar_cache:
        from gongkai.web.requests.models import HolidaySchedule

        overrides = {}
        seen: set[int] = set()
        for sched in HolidaySchedule.objects.order_by("-id"):
            if sched.year in seen:
                continue
            seen.add(sched.year)
            try:
                overrides[sched.year] = parse_schedule(sched.text, sched.name)
            except ValueError:
                continue  # checked on upload; a bad old row must not break the desk
        _calendar_cache["cal"] = WorkCalendar(overrides=overrides)
    return _calendar_cache["cal"]


def forget_calendar() -> None:
    _calendar_cache.clear()


def check_shared_version() -> None:
    """Compare the schedule version in the database at the next `calendar()` call.

    Called at the start of every web request (ops' SharedCalendar middleware): one small
    query per request that uses the calendar, and a schedule loaded by any process is
    used by every process from its next request on.
    """
    _shared["check"] = True


CLOCK_CHANNELS = {"ordinary_letter": "letter"}  # the desk's channel keys → the clock's
SOON_DAYS = 5  # amber in the queue, and the handlers' reminder horizon
CORRECTION_DAYS = 15  # working days given to the applicant when the office sets no period


def clock_events(request) -> list[ClockEvent]:
    events = []
    if request.received_on:
        channel = CLOCK_CHANNELS.get(request.channel, request.channel)
        events.append(ClockEvent("received", request.received_on, channel=channel))
    for ev in request.events.all():
        data = ev.data or {}
        kind = data.get("clock")
        if kind and kind != "received":
            until = date.fromisoformat(data["until"]) if data.get("until") else None
            events.append(ClockEvent(kind, ev.on, until=until))
    return events


def clock_state(request, today: date) -> ClockState | None:
    if not request.received_on:
        return None
    return run_clock(clock_events(request), calendar(), today)


@dataclass(frozen=True)
class Standing:
    """Where an open request stands on `today`, as the core clock counts it.

    The queue, the request's page, the reminders and the register exports all show this,
    so they can never disagree (the Saturday after a Friday due date is overdue everywhere).
    """

    days_left: int | None  # None: closed, or no due date (waiting for a correction)
    provisional: bool  # the due date falls in a year whose holiday schedule is not loaded

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.overdue else 0  # type: ignore[operator]

    def urgency(self, soon: int = SOON_DAYS) -> str:
        if self.days_left is None:
            return ""
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= soon else ""


def standing(request, today: date) -> Standing:
    """Days left / overdue / provisional of a request from its stored due date."""
    if not request.due_on or request.closed_on:
        return Standing(None, False)
    cal = calendar()
    first = request.received_on or request.due_on
    return Standing(
        cal.working_days_left(today, request.due_on),
        is_provisional(first, request.due_on),
    )


def is_provisional(first: date, last: date) -> bool:
    """As the core marks a state provisional: some year from `first` to `last` has no
    holiday schedule yet (`ClockState.provisional`)."""
    cal = calendar()
    return any(cal.is_provisional(date(y, 1, 1)) for y in range(first.year, last.year + 1))


def working_days_left(request, today: date) -> int | None:
    """Working days from `today` to the stored due date (negative when overdue)."""
    return standing(request, today).days_left


def preview(request, action: str, clock_event: str | None, today: date) -> str:
    """What taking `action` today would do to the clock, said before the click (Chinese)."""
    from gongkai.clock import ClockEvent, cn_date
    from gongkai.clock.deadlines import correction_notice_deadline

    if not request.received_on or request.closed_on:
        return ""
    try:
        now = clock_state(request, today)
    except ValueError:
        return ""
    if now is None:
        return ""
    late = (
        f"该申请已逾期{now.late_days}个工作日（答复期限{cn_date(now.due)}）"
        if now.overdue and now.due
        else ""
    )
    if action == "request_correction":
        limit = correction_notice_deadline(request.received_on, calendar())
        if today > limit:
            return (
                f"已超过告知补正的期限（{cn_date(limit)}，第三十条）：只能由负责人填写理由后登记；"
                "逾期告知不中止、不重新起算答复期限，并记为程序瑕疵。"
            )
        return "告知补正后答复期限暂停，自收到补正后的申请之日起重新计算20个工作日（第三十条）。"
    if action == "approve_extension":
        if now.due is None or now.overdue:
            return f"{late}，已不能延期（第三十三条第一款：延期须在答复期限内决定）。"
        after = _with(request, ClockEvent("extended", today), today)
        moved = (
            f"答复期限将由{cn_date(now.due)}延长至{cn_date(after.due)}"
            if after and after.due
            else ""
        )
        return f"{moved}（第三十三条第一款，只能延长一次）。"
    if action in ("send_consultation", "send_fee_notice"):
        what = "征求意见期间（最长15个工作日）" if action == "send_consultation" else "缴费期间"
        if now.overdue:
            return f"{late}；此时发出不改变答复期限，逾期仍将记录。"
        return f"{what}不计入答复期限，期限将相应顺延。"
    if action == "receive_correction" and clock_event:
        after = _with(request, ClockEvent("correction_received", today), today)
        if after is not None and after.due is not None and not after.late_correction_notice:
            return f"答复期限自今日起重新计算，至{cn_date(after.due)}。"
        return "逾期告知补正不重新起算答复期限。" if now.late_correction_notice else ""
    if action in ("draft_reply", "send_reply", "withdraw") and now.overdue:
        return f"{late}；办结后记为逾期答复。"
    return ""


def _with(request, event, today: date) -> ClockState | None:
    try:
        return run_clock([*clock_events(request), event], calendar(), today)
    except ValueError:
        return None
