"""Issue 9: the 条例 on every path (services, desk views, demo loader): a lateness is a
fact; acts after their limit; preconditions of dispositions; no empty placeholder.

Received Monday 2024-03-04: the correction notice is due by 2024-03-13 (7 working days),
the reply by 2024-04-01 (20 working days). On 2024-04-19 the request is 13 working days
overdue (04-02, 04-03, 04-07 (Sunday, worked), 04-08..04-12, 04-15..04-19; 04-04..06 off).
"""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from gongkai.web.requests import lateness, reminders, services
from gongkai.web.requests.models import Letter, Request, RequestEvent

RECEIVED = date(2024, 3, 4)
LATE_DAY = date(2024, 4, 19)


def text_of(letter: Letter) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(bytes(letter.content))).paragraphs)


@pytest.fixture
def late(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=RECEIVED)
    services.perform(req, "start", alice, services.Step(on=date(2024, 3, 5)), today=LATE_DAY)
    req.refresh_from_db()
    return req


def perform(req, action, user, on=LATE_DAY, **kw):
    return services.perform(req, action, user, services.Step(on=on, **kw), today=on)


# ------------------------------------------------------------------ item 1: extension
def test_an_extension_13_working_days_after_the_due_date_is_refused(late, hank):
    with pytest.raises(services.TransitionError, match="第三十三条第一款") as err:
        perform(late, "approve_extension", hank, note="需调取档案")
    assert "已逾期13个工作日" in str(err.value)
    late.refresh_from_db()
    assert (late.state, late.due_on) == ("in_progress", date(2024, 4, 1))
    assert not Letter.objects.filter(request=late).exists()


def test_the_refused_extension_leaves_the_request_in_the_heads_reminder(late, hank, alice):
    with pytest.raises(services.TransitionError):
        perform(late, "approve_extension", hank, note="需调取档案")
    _handlers, heads = reminders.due_lists(LATE_DAY)
    assert [r.pk for r in heads[hank]] == [late.pk]


def test_the_desk_refuses_a_late_extension_with_the_rule_shown(late, hank_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", LATE_DAY.isoformat())
    page = hank_client.get(f"/desk/{late.pk}/").content.decode()
    assert "已不能延期（第三十三条第一款" in page  # said before the click
    response = hank_client.post(
        f"/desk/{late.pk}/act/approve_extension/",
        {"approve_extension-on": LATE_DAY.isoformat(), "approve_extension-note": "需调取档案"},
        follow=True,
    )
    assert "延长答复期限须在期限内决定" in response.content.decode()
    late.refresh_from_db()
    assert late.state == "in_progress"


def test_an_extension_within_the_period_is_still_allowed(late, hank):
    perform(late, "approve_extension", hank, on=date(2024, 3, 29), note="需调取档案")
    late.refresh_from_db()
    # 20 more working days after 04-01: 04-07 and 04-28 (Sundays) worked, 04-04..06 off.
    assert late.due_on == date(2024, 4, 29)


# ------------------------------------------------------------------ item 2: correction
def test_a_late_correction_notice_is_refused_to_the_handler(late, alice):
    with pytest.raises(services.TransitionError, match="7个工作日内（2024年3月13日前）"):
        perform(late, "request_correction", alice, note="请写明年份")
    late.refresh_from_db()
    assert late.state == "in_progress" and not late.clock_paused


def test_the_head_records_a_late_correction_notice_and_the_clock_keeps_running(
    late, hank, agency_a
):
    with pytest.raises(services.TransitionError, match="负责人填写逾期告知的理由"):
        perform(late, "request_correction", hank, note="请写明年份")
    event = perform(
        late,
        "request_correction",
        hank,
        note="请写明年份",
        late_reason="经办人漏看申请材料，负责人同意补发补正通知",
    )
    assert event.data["late"] is True
    late.refresh_from_db()
    assert late.state == "correction_requested"
    assert (late.due_on, late.clock_paused, late.missed_due_on) == (
        date(2024, 4, 1),
        False,
        date(2024, 4, 1),
    )
    facts = lateness.timeliness(Request.objects.filter(agency=agency_a), 2024, LATE_DAY)
    assert (facts.open_overdue, facts.late_correction_notices) == (1, 1)
    # The applicant's correction does not restart the clock either.
    perform(late, "receive_correction", None, on=date(2024, 4, 22))
    late.refresh_from_db()
    assert late.due_on == date(2024, 4, 1)


def test_the_desk_says_a_late_correction_notice_will_not_stop_the_clock(
    late, alice_client, monkeypatch
):
    monkeypatch.setenv("GONGKAI_TODAY", LATE_DAY.isoformat())
    page = alice_client.get(f"/desk/{late.pk}/").content.decode()
    assert "已超过告知补正的期限（2024年3月13日，第三十条）" in page
    assert "逾期告知不中止、不重新起算答复期限" in page


# ------------------------------------------------------------------ item 3: preconditions
def test_no_correction_cannot_be_drafted_without_a_correction_notice(late, alice):
    with pytest.raises(services.TransitionError, match="没有发出过补正通知"):
        perform(late, "draft_reply", alice, disposition="other.no_correction", note="视为放弃")
    assert not Letter.objects.filter(request=late).exists()


def test_no_correction_is_drafted_only_after_the_period_and_states_it(
    make_request, agency_a, alice
):
    req = make_request(agency_a, received_on=RECEIVED)
    perform(req, "start", alice, on=date(2024, 3, 5))
    perform(
        req,
        "request_correction",
        alice,
        on=date(2024, 3, 6),
        note="请写明年份",
        until=date(2024, 3, 20),
    )
    with pytest.raises(services.TransitionError, match="补正期限至2024年3月20日"):
        perform(req, "end_no_correction", alice, on=date(2024, 3, 20))
    perform(req, "end_no_correction", alice, on=date(2024, 3, 21))
    req.refresh_from_db()
    assert req.state == "ended" and req.disposition == "other.no_correction"


def test_a_repeated_request_reply_must_name_an_earlier_answered_request(late, alice, make_request):
    with pytest.raises(services.TransitionError, match="须填写此前已答复的申请编号"):
        perform(late, "draft_reply", alice, disposition="not_handled.repeated", note="重复")
    with pytest.raises(services.TransitionError, match="本机关没有编号为"):
        perform(
            late,
            "draft_reply",
            alice,
            disposition="not_handled.repeated",
            note="重复",
            earlier_request="平卫依申〔2023〕99号",
        )


def test_not_held_names_the_responsible_agency_in_the_letter(late, alice):
    with pytest.raises(services.TransitionError, match="负责公开该信息的行政机关"):
        perform(late, "draft_reply", alice, disposition="unable.not_held", note="不掌握")
    perform(
        late,
        "draft_reply",
        alice,
        disposition="unable.not_held",
        note="不掌握",
        responsible_agency="平罗县市场监督管理局",
    )
    letter = Letter.objects.get(request=late)
    assert "负责公开该政府信息的行政机关为平罗县市场监督管理局" in text_of(letter)


# ------------------------------------------------------------------ item 7: fee notice
def test_a_fee_notice_prints_the_agencys_payment_instructions(late, alice, agency_a):
    perform(
        late,
        "send_fee_notice",
        alice,
        on=date(2024, 3, 8),
        fee_method="per_pages",
        fee_quantity=150,
    )
    text = text_of(Letter.objects.get(request=late))
    assert "缴纳方式：转账至平罗县财政局非税收入专户" in text
    assert "缴纳方式：。" not in text


def test_without_payment_instructions_no_fee_notice_is_sent(late, alice, agency_a):
    agency_a.payment_instructions = ""
    agency_a.save()
    with pytest.raises(services.TransitionError, match="尚未设置信息处理费缴纳方式"):
        perform(late, "send_fee_notice", alice, on=date(2024, 3, 8), fee_yuan=100)
    assert not RequestEvent.objects.filter(request=late, action="send_fee_notice").exists()


# ------------------------------------------------------------------ lateness as a fact
def test_a_request_answered_late_is_counted_late_after_closing(
    late, alice, bob, agency_a, alice_client
):
    perform(late, "draft_reply", alice, disposition="granted", note="予以公开")
    perform(late, "review_reply", bob)
    perform(late, "send_reply", bob)
    late.refresh_from_db()
    assert late.closed_on == LATE_DAY and late.missed_due_on == date(2024, 4, 1)
    assert "逾期答复" in alice_client.get("/desk/").content.decode()  # the queue
    fact = lateness.lateness(late, date(2024, 6, 1))
    assert (fact.closed_late, fact.working_days) == (True, 13)
    t = lateness.timeliness(Request.objects.filter(agency=agency_a), 2024, date(2024, 6, 1))
    assert (t.closed, t.closed_late, t.on_time, t.open_overdue, t.late_working_days) == (
        1,
        1,
        0,
        0,
        13,
    )


def test_record_lateness_stores_the_fact_for_requests_nobody_touched(make_request, agency_a):
    req = make_request(agency_a, received_on=RECEIVED)
    assert req.missed_due_on is None
    assert services.record_lateness(LATE_DAY) == 1
    req.refresh_from_db()
    assert req.missed_due_on == date(2024, 4, 1)


# ------------------------------------------------------------------ agency settings
def test_the_administrator_sets_the_agencys_letter_settings_once_and_letters_use_them(
    ada_client, late, alice, agency_a
):
    response = ada_client.post(
        "/desk/agency/",
        {
            "tracking_format": "平卫依申〔{year}〕{seq}号",
            "payment_instructions": "到本机关政务服务窗口缴纳",
            "review_agency": "平罗县人民政府",
            "court": "平罗县人民法院",
            "contact_person": "王五",
            "contact_phone": "0952-6012300",
        },
    )
    assert response.status_code == 302
    perform(late, "draft_reply", alice, on=date(2024, 3, 20), disposition="granted", note="公开")
    text = text_of(Letter.objects.get(request=late))
    assert "60日内向平罗县人民政府申请行政复议" in text
    assert "6个月内向平罗县人民法院提起行政诉讼" in text
    assert "联系人及电话：王五 0952-6012300" in text


def test_the_settings_page_refuses_a_format_without_the_agencys_prefix(ada_client, agency_a):
    response = ada_client.post("/desk/agency/", {"tracking_format": "依申〔{year}〕{seq}号"})
    assert "须以本机关的简称开头" in response.content.decode()
    agency_a.refresh_from_db()
    assert agency_a.tracking_format == "平卫依申〔{year}〕{seq}号"


def test_a_handler_cannot_change_the_agency_settings(alice_client):
    assert alice_client.post("/desk/agency/", {"court": "x"}).status_code == 403


def test_the_head_records_a_late_correction_notice_through_the_desk(late, hank_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", LATE_DAY.isoformat())
    response = hank_client.post(
        f"/desk/{late.pk}/act/request_correction/",
        {
            "request_correction-on": LATE_DAY.isoformat(),
            "request_correction-note": "请写明年份",
            "request_correction-late_reason": "经办人漏看申请材料",
        },
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.state == "correction_requested" and late.due_on == date(2024, 4, 1)


def test_fee_unpaid_needs_a_fee_notice_whose_period_passed(late, alice):
    with pytest.raises(services.TransitionError, match="没有尚未缴纳的收费通知"):
        perform(late, "draft_reply", alice, disposition="other.fee_unpaid", note="未缴费")
    perform(late, "send_fee_notice", alice, on=date(2024, 3, 8), fee_yuan=100)
    # 20 working days after 2024-03-08: 03-11..15, 18..22, 25..29, 04-01..03, 04-07 → 04-08.
    with pytest.raises(services.TransitionError, match="缴费期限至2024年4月8日"):
        perform(late, "end_fee_unpaid", alice, on=date(2024, 4, 8))
    perform(late, "end_fee_unpaid", alice, on=date(2024, 4, 9))
    late.refresh_from_db()
    assert late.state == "ended"


def test_still_unclear_needs_a_correction_received(late, alice):
    with pytest.raises(services.TransitionError, match="须先告知补正并收到补正后的申请"):
        perform(late, "draft_reply", alice, disposition="unable.still_unclear", note="仍不明确")


def test_the_register_shows_the_lateness_and_the_late_notice(late, hank, alice_client, monkeypatch):
    import csv
    import io as stdio

    perform(late, "request_correction", hank, note="请写明年份", late_reason="漏看材料")
    monkeypatch.setenv("GONGKAI_TODAY", LATE_DAY.isoformat())
    body = alice_client.get("/desk/export.csv").content.decode("utf-8-sig")
    header, row = list(csv.reader(stdio.StringIO(body)))[:2]
    assert row[header.index("逾期情况")] == "已超期13个工作日；逾期告知补正（程序瑕疵）"


def test_loading_the_holiday_schedule_judges_a_provisional_lateness_again(
    make_request, agency_a, monkeypatch
):
    # 2027 has no schedule: weekdays only, due 2027-03-29 (provisional).
    req = make_request(agency_a, received_on=date(2027, 3, 1), today=date(2027, 3, 2))
    services.record_lateness(date(2027, 3, 30))
    req.refresh_from_db()
    assert req.missed_due_on == date(2027, 3, 29)
    from gongkai.web.requests.models import HolidaySchedule

    HolidaySchedule.objects.create(
        year=2027, name="2027.toml", text='year = 2027\nholidays = ["2027-03-10..2027-03-12"]\n'
    )
    services.redate_open_requests(date(2027, 3, 30))
    req.refresh_from_db()
    assert (req.due_on, req.missed_due_on) == (date(2027, 4, 1), None)


def test_a_letter_with_a_provisional_due_date_says_so(make_request, agency_a, alice, hank):
    req = make_request(agency_a, received_on=date(2027, 3, 1), today=date(2027, 3, 2))
    perform(req, "start", alice, on=date(2027, 3, 2))
    services.perform(
        req,
        "approve_extension",
        hank,
        services.Step(on=date(2027, 3, 5), note="需调取档案"),
        today=date(2027, 3, 5),
    )
    text = text_of(Letter.objects.get(request=req))
    # 20 + 20 weekdays after 2027-03-01 (no 2027 schedule): 2027-04-26.
    assert "本机关将于2027年4月26日（暂定，以国务院公布的节假日安排为准）前作出答复" in text


def test_the_late_correction_notice_keeps_the_request_in_the_reminders(late, hank):
    perform(late, "request_correction", hank, note="请写明年份", late_reason="漏看材料")
    _handlers, heads = reminders.due_lists(LATE_DAY)
    assert [r.pk for r in heads[hank]] == [late.pk]


def test_the_agencys_own_phone_in_a_letter_does_not_block_the_sign_off(late, alice, bob, agency_a):
    agency_a.contact_person, agency_a.contact_phone = "王五", "0952-6012300"
    agency_a.save()
    perform(late, "draft_reply", alice, on=date(2024, 3, 20), disposition="granted", note="公开")
    assert "联系人及电话：王五 0952-6012300" in text_of(Letter.objects.get(request=late))
    perform(late, "review_reply", bob, on=date(2024, 3, 21))
    late.refresh_from_db()
    assert late.state == "reply_reviewed"
