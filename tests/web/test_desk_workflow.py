"""The status machine, the clock column and the event rows."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.accounts import rules
from gongkai.web.requests import services
from gongkai.web.requests.models import Request, RequestEvent
from gongkai.web.requests.workflow import CLOSED_STATES, STATES, TRANSITIONS


def step(on, **kw):
    return services.Step(on=on, **kw)


def test_every_transition_goes_between_known_states_and_names_a_rule():
    for t in TRANSITIONS:
        assert set(t.sources) <= set(STATES), t.action
        assert t.target in STATES
        assert t.rule in rules.RULES
        assert not set(t.sources) & CLOSED_STATES, t.action


def test_it_numbers_requests_per_agency_and_year(make_request, agency_a, agency_b):
    a1 = make_request(agency_a, received_on=date(2024, 3, 4))
    a2 = make_request(agency_a, received_on=date(2024, 3, 5))
    b1 = make_request(agency_b, received_on=date(2024, 3, 5))
    a3 = make_request(agency_a, received_on=date(2025, 1, 6))
    assert [a1.tracking_number, a2.tracking_number, b1.tracking_number, a3.tracking_number] == [
        "平卫依申〔2024〕1号",
        "平卫依申〔2024〕2号",
        "平教依申〔2024〕1号",
        "平卫依申〔2025〕1号",
    ]


def test_it_dates_a_request_20_working_days_after_receipt(make_request, agency_a):
    req = make_request(agency_a, received_on=date(2024, 3, 4))  # a Monday, no holiday in March
    assert req.due_on == date(2024, 4, 1)
    assert RequestEvent.objects.get(request=req).to_state == "registered"


@pytest.fixture
def stub_letters(monkeypatch):
    """For tests about the clock only: letters are rendered elsewhere (test_desk_letters)."""
    issued = []
    monkeypatch.setattr(
        "gongkai.web.requests.letters.issue", lambda req, kind, *a, **k: issued.append(kind)
    )
    return issued


def test_it_restarts_the_clock_after_correction(make_request, agency_a, alice, stub_letters):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(req, "start", alice, step(date(2024, 3, 5)), today=date(2024, 3, 5))
    services.perform(
        req,
        "request_correction",
        alice,
        step(date(2024, 3, 6), note="请明确年份"),
        today=date(2024, 3, 6),
    )
    req.refresh_from_db()
    assert (req.state, req.clock_paused, stub_letters) == (
        "correction_requested",
        True,
        ["correction"],
    )
    services.perform(
        req,
        "receive_correction",
        None,
        step(date(2024, 3, 20)),
        today=date(2024, 3, 20),
        actor_label="申请人",
    )
    req.refresh_from_db()
    # 20 working days after 2024-03-20: Qingming 4-6 April off, Sunday 7 April a working day
    assert (req.state, req.due_on, req.clock_paused) == ("corrected", date(2024, 4, 18), False)


def test_an_extension_adds_20_working_days_once_and_only_the_head_approves(
    make_request, agency_a, alice, hank, stub_letters
):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(req, "start", alice, step(date(2024, 3, 5)), today=date(2024, 3, 5))
    with pytest.raises(services.TransitionError, match="权限"):
        services.perform(
            req, "approve_extension", alice, step(date(2024, 3, 25)), today=date(2024, 3, 25)
        )
    services.perform(
        req,
        "approve_extension",
        hank,
        step(date(2024, 3, 25), note="需调取档案核实"),
        today=date(2024, 3, 25),
    )
    req.refresh_from_db()
    # 2024-04-01 + 20 working days (4-6 April off, 7 April worked; 1 May to 5 May off)
    assert req.due_on == date(2024, 4, 29)
    assert rules.allowed_transitions(hank, req) == []


def test_a_handler_of_another_agency_may_not_take_a_transition(make_request, agency_a, charlie):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    with pytest.raises(services.TransitionError):
        services.perform(req, "start", charlie, step(date(2024, 3, 5)), today=date(2024, 3, 5))
    assert Request.objects.get(pk=req.pk).state == "registered"


def test_a_transition_not_allowed_in_the_state_is_refused(make_request, agency_a, bob):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    with pytest.raises(services.TransitionError, match="当前状态"):
        services.perform(req, "review_reply", bob, step(date(2024, 3, 5)), today=date(2024, 3, 5))


def test_withdrawing_keeps_the_request_on_record_as_other(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "withdraw",
        alice,
        step(date(2024, 3, 8), note="申请人书面撤回"),
        today=date(2024, 3, 8),
    )
    req.refresh_from_db()
    assert (req.state, req.disposition, req.closed_on, req.due_on) == (
        "withdrawn",
        "other.other",
        date(2024, 3, 8),
        None,
    )
    assert list(req.events.values_list("action", flat=True)) == ["register", "withdraw"]


def test_online_requests_wait_to_be_confirmed_and_the_confirmation_day_is_receipt(
    make_request, agency_a, alice
):
    req = make_request(agency_a, received_on=None, channel="online", today=date(2024, 3, 1))
    assert (req.state, req.received_on, req.due_on) == ("submitted", None, None)
    services.perform(req, "confirm", alice, step(date(2024, 3, 4)), today=date(2024, 3, 4))
    req.refresh_from_db()
    assert (req.state, req.received_on, req.due_on) == (
        "registered",
        date(2024, 3, 4),
        date(2024, 4, 1),
    )


def test_a_date_in_the_future_is_refused(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    with pytest.raises(services.TransitionError, match="晚于今天"):
        services.perform(req, "start", alice, step(date(2024, 3, 9)), today=date(2024, 3, 8))


def test_possible_repeats_are_a_hint_by_id_number_and_similar_text(make_request, agency_a):
    first = make_request(agency_a, received_on=date(2024, 3, 4))
    other = make_request(
        agency_a,
        received_on=date(2024, 3, 5),
        id_number="110105194912310021",
        phone="13800000000",
        description="完全不同的内容：教育经费",
    )
    again = make_request(
        agency_a,
        received_on=date(2024, 4, 8),
        description="2023年平罗县乡镇卫生院基本公共卫生服务项目资金分配的文件",
    )
    hits = services.possible_repeats(again)
    assert [h[0].pk for h in hits] == [first.pk]
    assert hits[0][1] >= 90
    assert services.possible_repeats(other) == []
    assert Request.objects.get(pk=again.pk).state == "registered"  # never decided automatically


def test_a_request_ends_for_a_missed_correction_only_after_the_period(
    make_request, agency_a, alice, stub_letters
):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "request_correction",
        alice,
        step(date(2024, 3, 6), note="请写明年份", until=date(2024, 3, 20)),
        today=date(2024, 3, 6),
    )
    with pytest.raises(services.TransitionError, match="补正期限至2024年3月20日"):
        services.perform(
            req, "end_no_correction", alice, step(date(2024, 3, 20)), today=date(2024, 3, 20)
        )
    services.perform(
        req, "end_no_correction", alice, step(date(2024, 3, 21)), today=date(2024, 3, 21)
    )
    req.refresh_from_db()
    assert (req.state, req.disposition, req.closed_on) == (
        "ended",
        "other.no_correction",
        date(2024, 3, 21),
    )


def test_nobody_signs_off_their_own_draft(make_request, agency_b, charlie, stub_letters):
    req = make_request(agency_b, received_on=date(2024, 3, 4))
    day = date(2024, 3, 20)
    services.perform(req, "start", charlie, step(day), today=day)
    services.perform(
        req, "draft_reply", charlie, step(day, disposition="granted", note="予以公开"), today=day
    )
    req.refresh_from_db()
    assert [t.action for t in rules.allowed_transitions(charlie, req)] == ["withdraw"]
    with pytest.raises(services.TransitionError, match="权限"):
        services.perform(req, "review_reply", charlie, step(day), today=day)
