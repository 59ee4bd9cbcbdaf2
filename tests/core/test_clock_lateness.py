"""A lateness is a fact (issue 9): once a due date has passed with the request unanswered,
no later act takes it back. Late extensions (第三十三条) and late correction notices
(第三十条) do not move the clock."""

from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gongkai.clock import ClockEvent, WorkCalendar, run_clock
from tests.core.test_clock import events_of, history

CAL = WorkCalendar()
D = date
# Received Friday 2024-10-18; due Friday 2024-11-15 (checked by hand: no holiday between).
RECEIVED = ClockEvent("received", D(2024, 10, 18))


def test_an_extension_after_the_due_date_does_not_move_it():
    state = run_clock([RECEIVED, ClockEvent("extended", D(2024, 12, 4))], CAL, today=D(2024, 12, 5))
    assert state.due == state.missed_due == D(2024, 11, 15)
    assert state.overdue and state.late_days == 14  # 11-18 .. 12-05: 14 working days
    assert any("逾期已成事实" in s for s in state.steps)


def test_an_extension_on_the_due_date_still_counts():
    state = run_clock(
        [RECEIVED, ClockEvent("extended", D(2024, 11, 15))], CAL, today=D(2024, 11, 18)
    )
    assert state.due == D(2024, 12, 13) and state.missed_due is None and not state.overdue


def test_a_late_correction_notice_neither_pauses_nor_restarts_the_clock():
    # 7 working days after 2024-10-18 is 2024-10-29; a notice on 10-30 is late.
    state = run_clock(
        [
            RECEIVED,
            ClockEvent("correction_requested", D(2024, 10, 30), until=D(2024, 11, 20)),
            ClockEvent("correction_received", D(2024, 11, 5)),
        ],
        CAL,
        today=D(2024, 11, 6),
    )
    assert state.late_correction_notice and not state.paused
    assert state.due == D(2024, 11, 15) and state.starts_from == D(2024, 10, 18)
    assert any("属程序瑕疵" in w for w in state.warnings)


def test_a_correction_notice_in_time_still_restarts_the_clock():
    state = run_clock(
        [
            RECEIVED,
            ClockEvent("correction_requested", D(2024, 10, 29)),
            ClockEvent("correction_received", D(2024, 11, 1)),
        ],
        CAL,
    )
    assert not state.late_correction_notice and state.starts_from == D(2024, 11, 1)
    assert state.due == D(2024, 11, 29)


def test_an_overdue_request_records_the_missed_due_date():
    state = run_clock([RECEIVED], CAL, today=D(2024, 11, 16))
    assert state.missed_due == D(2024, 11, 15) and state.late_days == 1
    assert run_clock([RECEIVED], CAL, today=D(2024, 11, 15)).missed_due is None


LATE_ACTS = st.sampled_from(
    ["extended", "correction_requested", "correction_received", "consultation", "fee"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    h=history,
    act=LATE_ACTS,
    after=st.integers(min_value=1, max_value=40),
    later=st.integers(min_value=0, max_value=60),
)
def test_a_request_overdue_before_an_act_is_still_overdue_after_it(h, act, after, later):
    events, _ = events_of(h)
    last = max(e.on for e in events)
    before = run_clock(events, CAL, today=last)
    assume(before.due is not None and not before.ended)
    on = max(last, before.due) + timedelta(days=after)
    state_then = run_clock(events, CAL, today=on)
    assume(state_then.overdue and not state_then.ended)
    kinds = {e.kind for e in events}
    if act == "extended":
        assume("extended" not in kinds)
        acts = [ClockEvent("extended", on)]
    elif act == "correction_requested":
        assume("correction_requested" not in kinds)
        acts = [ClockEvent("correction_requested", on, until=on + timedelta(days=10))]
    elif act == "correction_received":
        assume("correction_received" not in kinds)
        acts = [ClockEvent("correction_received", on)]
    elif act == "consultation":
        acts = [
            ClockEvent("consultation_sent", on),
            ClockEvent("consultation_answered", on + timedelta(days=5)),
        ]
    else:
        open_fee = "fee_notice_sent" in kinds and "fee_paid" not in kinds
        assume(not open_fee)
        acts = [ClockEvent("fee_notice_sent", on), ClockEvent("fee_paid", on + timedelta(days=3))]
    today = on + timedelta(days=later)
    after_state = run_clock([*events, *acts], CAL, today=today)
    assert after_state.overdue, after_state.steps
    assert after_state.missed_due == state_then.due
    assert after_state.late_days >= state_then.late_days


def test_the_cli_counts_a_late_extension_as_no_extension(capsys):
    from gongkai.cli import main

    code = main(
        [
            "deadline",
            "--received",
            "2024-10-18",
            "--channel",
            "post",
            "--extended-on",
            "2024-12-04",
            "--today",
            "2024-12-05",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "答复期限：2024年11月15日" in out and "已逾期：14个工作日" in out


def test_a_consultation_after_the_due_date_neither_moves_nor_pauses_the_clock():
    state = run_clock(
        [RECEIVED, ClockEvent("consultation_sent", D(2024, 11, 20))], CAL, today=D(2024, 11, 22)
    )
    assert state.due == state.missed_due == D(2024, 11, 15)
    assert not state.paused and state.late_days == 5  # 11-18..11-22
