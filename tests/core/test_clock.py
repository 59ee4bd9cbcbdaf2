"""The statutory clock (条例 第三十至三十三条) on real dates, checked by hand."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.clock import (
    ClockEvent,
    WorkCalendar,
    due_date,
    parse_schedule,
    receipt_date,
    run_clock,
)

CAL = WorkCalendar()
D = date


def clock(*events: ClockEvent, today: date | None = None):
    return run_clock(list(events), CAL, today=today)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2025, 9, 26), D(2025, 10, 30)),  # National Day 2025, 09-28 and 10-11 worked
        (D(2024, 9, 27), D(2024, 10, 30)),  # National Day 2024, 09-29 and 10-12 worked
        (D(2025, 1, 20), D(2025, 2, 21)),  # Spring Festival 2025, 01-26 and 02-08 worked
    ],
)
def test_the_reply_is_due_on_the_20th_working_day_after_receipt(received, due):
    state = clock(ClockEvent("received", received))
    assert state.due == due
    assert not state.provisional and not state.paused


def test_it_restarts_the_clock_after_correction():
    state = clock(
        ClockEvent("received", D(2024, 3, 4), channel="in_person"),
        ClockEvent("correction_received", D(2024, 3, 20)),
    )
    assert state.due == D(2024, 4, 18)
    assert state.starts_from == D(2024, 3, 20)
    assert state.steps[0] == "2024年3月4日收到申请（当面提交），答复期限自次日起算20个工作日"
    assert "2024年3月20日收到补正后的申请，重新起算20个工作日（第三十条）" in state.steps


def test_it_shows_when_the_correction_notice_is_due():
    # 7 working days after Monday 2024-03-04.
    assert clock(ClockEvent("received", D(2024, 3, 4))).correction_notice_due == D(2024, 3, 13)
    # Over Labour Day 2024: 04-30, 05-06..05-10, 05-11 (Saturday, worked).
    assert clock(ClockEvent("received", D(2024, 4, 29))).correction_notice_due == D(2024, 5, 11)


def test_a_consultation_is_not_counted():
    state = clock(
        ClockEvent("received", D(2024, 4, 29)),
        ClockEvent("consultation_sent", D(2024, 5, 6)),
        ClockEvent("consultation_answered", D(2024, 5, 17)),
    )
    assert state.due == D(2024, 6, 13)
    # 05-07..05-10, 05-11 (worked Saturday), 05-13..05-17: ten working days.
    assert state.paused_days == 10
    assert (
        "征求第三方意见：2024年5月6日发出，2024年5月17日答复，不计入期限10个工作日"
        "（第三十二条、第三十三条第二款）"
    ) in state.steps


def test_an_extension_adds_20_working_days_once():
    state = clock(ClockEvent("received", D(2024, 12, 20)), ClockEvent("extended", D(2025, 1, 10)))
    assert state.due == D(2025, 2, 21)
    assert any(
        s.endswith("延长答复期限20个工作日 → 2025年2月21日（第三十三条）") for s in state.steps
    )


def test_a_late_answer_only_pauses_the_clock_for_15_working_days():
    state = clock(
        ClockEvent("received", D(2024, 4, 29)),
        ClockEvent("consultation_sent", D(2024, 5, 6)),
        ClockEvent("consultation_answered", D(2024, 6, 28)),
    )
    assert state.paused_days == 15
    assert state.due == due_date(CAL, D(2024, 4, 29), 35)[0]


def test_several_consultations_add_up():
    state = clock(
        ClockEvent("received", D(2024, 4, 29)),
        ClockEvent("consultation_sent", D(2024, 5, 6)),
        ClockEvent("consultation_answered", D(2024, 5, 17)),
        ClockEvent("consultation_sent", D(2024, 5, 20)),
        ClockEvent("consultation_answered", D(2024, 5, 22)),
    )
    assert state.paused_days == 12
    assert state.due == D(2024, 6, 17)  # 06-13 plus 06-14 and 06-17
    assert "以上合计不计入期限12个工作日" in state.steps


def test_an_unanswered_consultation_pauses_the_clock_as_of_today():
    events = [
        ClockEvent("received", D(2024, 4, 29)),
        ClockEvent("consultation_sent", D(2024, 5, 6)),
    ]
    early = run_clock(events, CAL, today=D(2024, 5, 8))
    later = run_clock(events, CAL, today=D(2024, 5, 10))
    assert early.paused and later.paused
    assert "征求意见" in (early.pause_reason or "")
    assert later.due > early.due
    assert early.working_days_left == later.working_days_left == 18


def test_working_days_left_is_negative_when_overdue():
    received = ClockEvent("received", D(2025, 9, 26))
    assert clock(received, today=D(2025, 10, 28)).working_days_left == 2
    assert clock(received, today=D(2025, 10, 30)).working_days_left == 0
    late = clock(received, today=D(2025, 11, 3))
    assert late.working_days_left == -2 and late.overdue


def test_a_missed_correction_period_ends_the_request():
    events = [
        ClockEvent("received", D(2024, 3, 4)),
        ClockEvent("correction_requested", D(2024, 3, 6), until=D(2024, 3, 20)),
    ]
    waiting = run_clock(events, CAL, today=D(2024, 3, 15))
    assert waiting.paused and waiting.due is None and waiting.ended is None
    lapsed = run_clock(events, CAL, today=D(2024, 3, 21))
    assert lapsed.ended == "other.no_correction"
    assert lapsed.ended_reason == "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert lapsed.due is None


def test_a_late_correction_notice_is_warned_about():
    state = clock(
        ClockEvent("received", D(2024, 3, 4)),
        ClockEvent("correction_requested", D(2024, 3, 14)),
        ClockEvent("correction_received", D(2024, 3, 20)),
    )
    assert any("晚于收到申请之日起7个工作日" in w for w in state.warnings)


def test_the_fee_wait_is_not_counted_and_an_unpaid_fee_ends_the_request():
    received = ClockEvent("received", D(2024, 3, 4))
    notice = ClockEvent("fee_notice_sent", D(2024, 3, 11))
    paid = clock(received, notice, ClockEvent("fee_paid", D(2024, 3, 15)))
    assert paid.paused_days == 4
    assert paid.due == CAL.add_working_days(D(2024, 4, 1), 4)  # 2024-04-01 without the fee
    waiting = clock(received, notice, today=D(2024, 3, 20))
    assert waiting.paused and "缴纳信息处理费" in (waiting.pause_reason or "")
    assert waiting.fee_due == D(2024, 4, 9)  # 20 working days; 04-04..06 off, 04-07 worked
    unpaid = clock(received, notice, today=D(2024, 4, 10))
    assert unpaid.ended == "other.fee_unpaid"


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([ClockEvent("correction_received", D(2024, 3, 20))], "缺少“收到申请”事件"),
        (
            [
                ClockEvent("received", D(2024, 3, 4)),
                ClockEvent("correction_received", D(2024, 3, 1)),
            ],
            "早于收到申请之日",
        ),
        (
            [
                ClockEvent("received", D(2024, 3, 4)),
                ClockEvent("consultation_sent", D(2024, 3, 11)),
                ClockEvent("consultation_answered", D(2024, 3, 8)),
            ],
            "没有尚未答复的征求意见函",
        ),
        (
            [
                ClockEvent("received", D(2024, 3, 4)),
                ClockEvent("extended", D(2024, 3, 20)),
                ClockEvent("extended", D(2024, 3, 25)),
            ],
            "只能延长一次",
        ),
        (
            [
                ClockEvent("received", D(2024, 3, 4)),
                ClockEvent("correction_requested", D(2024, 3, 5)),
                ClockEvent("correction_requested", D(2024, 3, 6)),
            ],
            "一次性告知",
        ),
        (
            [ClockEvent("received", D(2024, 3, 4)), ClockEvent("fee_paid", D(2024, 3, 5))],
            "没有发出收费通知",
        ),
        (
            [ClockEvent("received", D(2024, 3, 4)), ClockEvent("received", D(2024, 3, 5))],
            "只能有一个",
        ),
    ],
)
def test_bad_histories_are_refused_in_chinese(events, message):
    with pytest.raises(ValueError, match=message):
        run_clock(events, CAL)


def test_receipt_date_follows_the_channel():
    day = D(2024, 3, 4)
    assert receipt_date("in_person", handed_in=day) == day
    assert receipt_date("post", signed_for=day, confirmed=D(2024, 3, 9)) == day
    assert receipt_date("letter", confirmed=day) == day
    assert receipt_date("online", confirmed=day) == day
    assert receipt_date("email", confirmed=day) == day
    with pytest.raises(ValueError, match="签收之日"):
        receipt_date("post", confirmed=day)
    with pytest.raises(ValueError, match="无法识别的申请渠道"):
        receipt_date("pigeon", confirmed=day)


HYPOTHETICAL_2027 = """
# A hypothetical schedule for the tests: NOT the official 2027 notice.
year = 2027
source = "测试用样例"
holidays = ["2027-01-01..2027-01-03"]
"""


def test_a_year_without_a_schedule_is_provisional_until_its_file_is_loaded():
    events = [ClockEvent("received", D(2026, 12, 21))]
    before = run_clock(events, CAL)
    assert before.provisional
    assert before.due == D(2027, 1, 18)  # weekends only
    assert any("2027年的国务院节假日安排尚未载入" in w for w in before.warnings)
    assert "暂定" in before.steps[-1]
    loaded = WorkCalendar(overrides={2027: parse_schedule(HYPOTHETICAL_2027)})
    after = run_clock(events, loaded)
    assert not after.provisional and not after.warnings
    assert after.due == D(2027, 1, 19)  # Friday 2027-01-01 is now a holiday


# ---------------------------------------------------------------- properties
def naive_due(cal, start, n, pauses):
    """Day-by-day walk: the reference the rank arithmetic must agree with."""
    d, counted = start, 0
    while counted < n:
        d += timedelta(days=1)
        if cal.is_working_day(d) and not any(a < d <= b for a, b in pauses):
            counted += 1
    return d


days = st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 6, 30))
pause = st.tuples(days, st.integers(min_value=0, max_value=40)).map(
    lambda t: (t[0], t[0] + timedelta(days=t[1]))
)


@settings(max_examples=300, deadline=None)
@given(start=days, n=st.sampled_from([20, 40]), pauses=st.lists(pause, max_size=3))
def test_the_rank_arithmetic_agrees_with_a_day_by_day_walk(start, n, pauses):
    due, _ = due_date(CAL, start, n, pauses)
    assert due == naive_due(CAL, start, n, pauses)
    assert CAL.is_working_day(due)


@settings(max_examples=300, deadline=None)
@given(start=days, pauses=st.lists(pause, max_size=3), extra=pause)
def test_adding_a_pause_never_moves_the_due_date_earlier(start, pauses, extra):
    base, _ = due_date(CAL, start, 20, pauses)
    more, _ = due_date(CAL, start, 20, [*pauses, extra])
    assert more >= base


@settings(max_examples=200, deadline=None)
@given(
    received=days,
    correction=st.integers(min_value=0, max_value=30),
    sent=st.integers(min_value=0, max_value=20),
    answer=st.integers(min_value=0, max_value=40),
    extended=st.booleans(),
)
def test_the_due_date_of_any_history_is_a_working_day(received, correction, sent, answer, extended):
    events = [ClockEvent("received", received)]
    start = received
    if correction:  # a correction restarts the clock only after a notice in time (第三十条)
        start = received + timedelta(days=correction)
        events.append(ClockEvent("correction_requested", received))
        events.append(ClockEvent("correction_received", start))
    events.append(ClockEvent("consultation_sent", start + timedelta(days=sent)))
    events.append(ClockEvent("consultation_answered", start + timedelta(days=sent + answer)))
    if extended:
        events.append(ClockEvent("extended", start))
    state = run_clock(events, CAL)
    assert state.due is not None and CAL.is_working_day(state.due)
    assert state.due > start


def test_the_weekend_after_a_friday_deadline_is_overdue():
    state = clock(ClockEvent("received", D(2025, 1, 20)), today=D(2025, 2, 22))
    assert state.due == D(2025, 2, 21)
    assert state.working_days_left == -1 and state.overdue
    assert state.steps[-1] == "截至2025年2月22日，已超过答复期限（2025年2月21日）"


history = st.fixed_dictionaries(
    {
        "received": days,
        "correction": st.one_of(st.none(), st.integers(min_value=1, max_value=30)),
        "consultations": st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=25),
                st.one_of(st.none(), st.integers(min_value=0, max_value=30)),
            ),
            max_size=2,
        ),
        "fee": st.one_of(
            st.none(),
            st.tuples(
                st.integers(min_value=0, max_value=25),
                st.one_of(st.none(), st.integers(min_value=0, max_value=30)),
            ),
        ),
        "extended": st.booleans(),
        "today": st.integers(min_value=0, max_value=90),
    }
)


def events_of(h):
    received = h["received"]
    events = [ClockEvent("received", received)]
    start = received
    if h["correction"]:
        start = received + timedelta(days=h["correction"])
        events.append(ClockEvent("correction_requested", received))
        events.append(ClockEvent("correction_received", start))
    for sent, answer in h["consultations"]:
        events.append(ClockEvent("consultation_sent", start + timedelta(days=sent)))
        if answer is not None:
            answered = start + timedelta(days=sent + answer)
            events.append(ClockEvent("consultation_answered", answered))
    if h["fee"]:
        sent, paid = h["fee"]
        events.append(ClockEvent("fee_notice_sent", start + timedelta(days=sent)))
        if paid is not None:
            events.append(ClockEvent("fee_paid", start + timedelta(days=sent + paid)))
    if h["extended"]:
        events.append(ClockEvent("extended", start))
    today = max(e.on for e in events) + timedelta(days=h["today"])
    return events, today


@settings(max_examples=300, deadline=None)
@given(h=history)
def test_any_valid_history_gives_a_working_day_or_an_ended_request(h):
    events, today = events_of(h)
    state = run_clock(events, CAL, today=today)
    if state.ended:
        assert state.ended == "other.fee_unpaid" and state.due is None
    else:
        assert state.due is not None and CAL.is_working_day(state.due)
        assert (state.working_days_left or 0) < 0 or state.due >= today or state.paused
    assert state.steps and all("{" not in s for s in state.steps)


@settings(max_examples=300, deadline=None)
@given(h=history, sent=st.integers(min_value=0, max_value=25), answer=st.integers(0, 30))
def test_adding_a_consultation_to_a_history_never_moves_the_due_date_earlier(h, sent, answer):
    events, today = events_of({**h, "fee": None})
    start = max([e.on for e in events if e.kind in ("received", "correction_received")])
    more = [
        *events,
        ClockEvent("consultation_sent", start + timedelta(days=sent)),
        ClockEvent("consultation_answered", start + timedelta(days=sent + answer)),
    ]
    later = max(today, start + timedelta(days=sent + answer))
    base = run_clock(events, CAL, today=later)
    assert base.due is not None
    extra = run_clock(more, CAL, today=later)
    assert extra.due is not None and extra.due >= base.due
