"""The statutory clock: working-day calendar, deadlines and fees (framework-free).

from gongkai.clock import WorkCalendar, load_schedule, ClockEvent, run_clock
cal = WorkCalendar(overrides={2027: load_schedule("2027.toml")})
state = run_clock([ClockEvent("received", date(2024, 3, 4))], cal, today=date(2024, 3, 8))
"""

from gongkai.clock.calendar import (
    PACKAGE_YEARS,
    WorkCalendar,
    YearSchedule,
    cn_date,
    load_schedule,
    package_schedule,
    parse_schedule,
)
from gongkai.clock.deadlines import (
    CHANNEL_LABELS,
    CHANNELS,
    ENDED_FEE_UNPAID,
    ENDED_NO_CORRECTION,
    EVENT_KINDS,
    EVENT_LABELS,
    ClockEvent,
    ClockState,
    due_date,
    receipt_date,
    run_clock,
)

__all__ = [
    "CHANNELS",
    "CHANNEL_LABELS",
    "ENDED_FEE_UNPAID",
    "ENDED_NO_CORRECTION",
    "EVENT_KINDS",
    "EVENT_LABELS",
    "PACKAGE_YEARS",
    "ClockEvent",
    "ClockState",
    "WorkCalendar",
    "YearSchedule",
    "cn_date",
    "due_date",
    "load_schedule",
    "package_schedule",
    "parse_schedule",
    "receipt_date",
    "run_clock",
]
