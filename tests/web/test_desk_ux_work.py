"""Issue 12, staff: my work, assignment, the handler's request for an extension and the
head's decision, the acts that make sense first."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.requests import desk_acts, services
from gongkai.web.requests.models import RequestEvent

DAY = date(2024, 3, 6)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", DAY.isoformat())
    return DAY


@pytest.fixture
def working(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req, "start", alice, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
    )
    req.refresh_from_db()
    return req


def test_the_head_assigns_a_request_and_an_event_records_it(hank_client, working, hal, today):
    response = hank_client.post(
        f"/desk/{working.pk}/act/assign/", {"handler": hal.pk, "note": "请哈尔办理"}
    )
    assert response.status_code == 302
    working.refresh_from_db()
    assert working.handler == hal
    event = working.events.get(action="assign")
    assert (event.data["handler_name"], event.data["previous"], event.note) == (
        "哈尔",
        "艾丽斯",
        "请哈尔办理",
    )
    assert event.from_state == event.to_state == "in_progress"
    page = hank_client.get(f"/desk/{working.pk}/").content.decode()
    assert "分配经办人" in page


def test_a_handler_cannot_reassign_anothers_request_nor_to_another_agency(
    alice, hal, charlie, working, today
):
    with pytest.raises(services.TransitionError):
        desk_acts.assign(working, hal, hal, today=today)  # hal takes alice's request
    from gongkai.web.accounts.models import User

    hank = User.objects.create_user("hank2", agency=working.agency, is_head=True)
    with pytest.raises(services.TransitionError):
        desk_acts.assign(working, charlie, hank, today=today)  # charlie is agency B's
    assert not RequestEvent.objects.filter(action="assign").exists()


def test_a_handler_takes_an_unassigned_request(client, make_request, agency_a, hal, today):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    assert req.handler is None
    client.force_login(hal)
    client.post(f"/desk/{req.pk}/act/assign/", {"handler": hal.pk})
    req.refresh_from_db()
    assert req.handler == hal


def test_my_work_lists_mine_my_reviews_and_my_extension_decisions_with_counts(
    alice_client, bob_client, hank_client, working, alice, today
):
    page = alice_client.get("/desk/mine/").content.decode()
    assert "我经办的未办结申请（1）" in page and working.tracking_number in page
    assert 'id="my-work-count">1</span>）' in page  # the count in the navigation
    services.perform(
        working,
        "draft_reply",
        alice,
        services.Step(on=DAY, disposition="granted", note="予以公开"),
        today=DAY,
    )
    page = bob_client.get("/desk/mine/").content.decode()
    assert "待我审核的答复（1）" in page and working.tracking_number in page
    assert "待我决定的延期请示（0）" not in page or "待我审核的答复（1）" in page
    assert "待我决定的延期请示（0）" in hank_client.get("/desk/mine/").content.decode()


def test_the_handler_asks_and_the_head_approves_an_extension(
    alice_client, hank_client, working, today
):
    page = alice_client.get(f"/desk/{working.pk}/").content.decode()
    assert "请示延期（报负责人批准）" in page
    assert "延期须在答复期限2024年4月1日届满前决定" in page  # the deadline shown
    alice_client.post(
        f"/desk/{working.pk}/act/ask_extension/", {"ask_extension-note": "需调取多个科室的档案"}
    )
    assert working.events.filter(action="ask_extension", note="需调取多个科室的档案").exists()
    work = hank_client.get("/desk/mine/").content.decode()
    assert "待我决定的延期请示（1）" in work and working.tracking_number in work
    page = hank_client.get(f"/desk/{working.pk}/").content.decode()
    assert 'id="pending-extension"' in page and "需调取多个科室的档案" in page
    # The approval comes first, its reason filled in from the request.
    assert page.index('data-act="approve_extension"') < page.index('data-act="refuse_extension"')
    assert page.index('class="act primary" data-act="approve_extension"') > 0
    hank_client.post(
        f"/desk/{working.pk}/act/approve_extension/",
        {"approve_extension-on": DAY.isoformat(), "approve_extension-note": "需调取多个科室的档案"},
    )
    working.refresh_from_db()
    assert working.state == "extended" and working.due_on == date(2024, 4, 29)
    assert working.letters.get().kind == "extension_notice"
    assert "待我决定的延期请示（0）" in hank_client.get("/desk/mine/").content.decode()


def test_the_head_refuses_an_extension_with_a_reason(alice, hank, working, today):
    desk_acts.ask_extension(working, alice, reason="档案较多", today=DAY)
    with pytest.raises(services.TransitionError, match="不同意延期的理由"):
        desk_acts.refuse_extension(working, hank, note="", today=DAY)
    with pytest.raises(services.TransitionError, match="只有本机关负责人"):
        desk_acts.refuse_extension(working, alice, note="不同意", today=DAY)
    desk_acts.refuse_extension(working, hank, note="按期答复", today=DAY)
    assert desk_acts.pending_extension(working) is None
    working.refresh_from_db()
    assert working.state == "in_progress"


def test_an_extension_cannot_be_asked_after_the_due_date(alice, working):
    late = date(2024, 4, 2)  # the due date was 1 April (第三十三条)
    with pytest.raises(services.TransitionError, match="第三十三条第一款"):
        desk_acts.ask_extension(working, alice, reason="档案较多", today=late)


def test_an_extension_asked_in_time_is_still_refused_when_approved_late(alice, hank, working):
    desk_acts.ask_extension(working, alice, reason="档案较多", today=DAY)
    with pytest.raises(services.TransitionError, match="第三十三条第一款"):
        services.perform(
            working,
            "approve_extension",
            hank,
            services.Step(on=date(2024, 4, 2), note="档案较多"),
            today=date(2024, 4, 2),
        )


def test_the_request_page_opens_the_likely_act_and_folds_the_rest(alice_client, working, today):
    page = alice_client.get(f"/desk/{working.pk}/").content.decode()
    assert 'class="act primary" data-act="draft_reply"' in page
    assert "<summary>其他操作（" in page
    folded = page.split("<summary>其他操作（", 1)[1]
    assert 'data-act="request_correction"' in folded and 'data-act="withdraw"' in folded
    assert folded.index('data-act="request_correction"') < folded.index('data-act="withdraw"')
    # the 说明 field says where it lands
    assert "说明理由如下：" in page and "请您对以下事项作出补正：" in page


def test_the_head_is_mailed_the_request_and_the_handler_the_refusal(
    alice, hank, working, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        desk_acts.ask_extension(working, alice, reason="档案较多", today=DAY)
    (to_head,) = mail.outbox
    assert to_head.to == ["hank@example.gov.cn"]
    assert to_head.subject == f"延期请示待决定：{working.tracking_number}"
    assert "须在答复期限2024年4月1日届满前决定" in to_head.body and "档案较多" in to_head.body
    with django_capture_on_commit_callbacks(execute=True):
        desk_acts.refuse_extension(working, hank, note="按期答复", today=DAY)
    assert mail.outbox[-1].to == ["alice@example.gov.cn"]
    assert "按期答复" in mail.outbox[-1].body


def test_the_handler_sees_the_refused_extension_in_my_work_with_the_reason(
    alice_client, alice, hank, working, today
):
    desk_acts.ask_extension(working, alice, reason="档案较多", today=DAY)
    assert "延期请示未获同意" not in alice_client.get("/desk/mine/").content.decode()
    desk_acts.refuse_extension(working, hank, note="按期答复", today=DAY)
    page = alice_client.get("/desk/mine/").content.decode()
    assert "延期请示未获同意（1）" in page
    refused = page.split('id="refused"', 1)[1].split("</section>", 1)[0]
    assert working.tracking_number in refused and "按期答复" in refused and "韩克" in refused
    assert "2024-04-01" in refused  # the due date stands
    # Asked again: pending with the head, no longer shown as refused.
    desk_acts.ask_extension(working, alice, reason="新增调取事项", today=DAY)
    assert "延期请示未获同意" not in alice_client.get("/desk/mine/").content.decode()


def test_my_work_keeps_four_eyes_a_draft_is_not_offered_to_its_own_drafter(
    charlie_client, charlie, make_request, agency_b, today
):
    from tests.web.conftest import _user

    dana = _user("dana", "达娜", agency_b, is_handler=True)
    mine, theirs = (make_request(agency_b, received_on=date(2024, 3, 4)) for _ in range(2))
    step = services.Step(on=DAY, disposition="granted", note="予以公开")
    for req, drafter in ((mine, charlie), (theirs, dana)):
        services.perform(req, "start", drafter, services.Step(on=DAY), today=DAY)
        services.perform(req, "draft_reply", drafter, step, today=DAY)
    page = charlie_client.get("/desk/mine/").content.decode()
    reviews = page.split('id="reviews"', 1)[1].split("</section>", 1)[0]
    assert "待我审核的答复（1）" in reviews
    assert theirs.tracking_number in reviews and mine.tracking_number not in reviews
    assert desk_acts.work_counts(charlie)["reviews"] == 1
