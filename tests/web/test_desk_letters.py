"""Letters: generated with the transition, numbered, stored; atomic on failure; templates."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.letters import default_template
from gongkai.web.requests import services
from gongkai.web.requests.models import Letter, LetterTemplate, Request, RequestEvent


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def started(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req, "start", alice, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
    )
    return req


def test_drafting_a_partial_disclosure_stores_a_numbered_reply_letter(started, alice_client):
    response = alice_client.post(
        f"/desk/{started.pk}/act/draft_reply/",
        {
            "draft_reply-on": "2024-03-20",
            "draft_reply-disposition": "partially_granted",
            "draft_reply-note": "其中涉及个人隐私的内容不予公开",
        },
    )
    assert response.status_code == 302
    started.refresh_from_db()
    assert (started.state, started.disposition) == ("reply_drafted", "partially_granted")
    letter = Letter.objects.get(request=started)
    assert (letter.kind, letter.number) == ("partially_granted", "平卫依申〔2024〕1号-1")
    text = text_of(bytes(letter.content))
    assert "政府信息部分公开告知书" in text
    assert "张三" in text and "其中涉及个人隐私的内容不予公开" in text
    download = alice_client.get(f"/desk/{started.pk}/letters/{letter.pk}/")
    assert download.status_code == 200 and bytes(download.content) == bytes(letter.content)


def test_a_failure_while_generating_the_letter_leaves_the_request_as_it_was(
    started, alice, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("gongkai.letters.render_letter", broken)
    events_before = RequestEvent.objects.filter(request=started).count()
    with pytest.raises(RuntimeError):
        services.perform(
            started,
            "draft_reply",
            alice,
            services.Step(on=date(2024, 3, 20), disposition="granted", note="予以公开"),
            today=date(2024, 3, 20),
        )
    fresh = Request.objects.get(pk=started.pk)
    assert (fresh.state, fresh.disposition, fresh.due_on) == ("in_progress", "", date(2024, 4, 1))
    assert RequestEvent.objects.filter(request=started).count() == events_before
    assert not Letter.objects.exists()


def test_a_missing_reason_is_a_chinese_message_not_a_500(started, alice_client):
    response = alice_client.post(
        f"/desk/{started.pk}/act/draft_reply/",
        {"draft_reply-on": "2024-03-20", "draft_reply-disposition": "partially_granted"},
        follow=True,
    )
    assert response.status_code == 200
    assert "请填写说明（将写入文书）" in response.content.decode()
    assert Request.objects.get(pk=started.pk).state == "in_progress"


def test_a_letter_the_letters_module_refuses_leaves_the_state_unchanged(
    started, alice_client, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ValueError("模板中有无法识别的占位符：{{x}}")

    monkeypatch.setattr("gongkai.letters.render_letter", refuse)
    response = alice_client.post(
        f"/desk/{started.pk}/act/draft_reply/",
        {
            "draft_reply-on": "2024-03-20",
            "draft_reply-disposition": "granted",
            "draft_reply-note": "同意",
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "操作未完成，申请状态未改变：模板中有无法识别的占位符" in page
    assert Request.objects.get(pk=started.pk).state == "in_progress"


def test_an_agency_template_is_used_and_unknown_placeholders_are_refused(
    started, ada_client, alice
):
    template = docx.Document(io.BytesIO(default_template("correction_notice")))
    template.add_paragraph("本局特别提示：{{agency_name}}欢迎您监督。")
    buf = io.BytesIO()
    template.save(buf)
    ok = SimpleUploadedFile("补正.docx", buf.getvalue())
    response = ada_client.post("/desk/templates/", {"kind": "correction_notice", "file": ok})
    assert response.status_code == 302
    bad = docx.Document()
    bad.add_paragraph("{{applicant_nmae}}：")
    buf = io.BytesIO()
    bad.save(buf)
    response = ada_client.post(
        "/desk/templates/",
        {"kind": "granted", "file": SimpleUploadedFile("x.docx", buf.getvalue())},
    )
    assert "无法识别的占位符" in response.content.decode()
    assert LetterTemplate.objects.count() == 1
    services.perform(
        started,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请说明所需文件的年份"),
        today=date(2024, 3, 6),
    )
    text = text_of(bytes(Letter.objects.get(request=started).content))
    assert "本局特别提示：平罗县卫生健康局欢迎您监督。" in text
    assert "请说明所需文件的年份" in text


def test_a_fee_per_page_is_priced_by_the_fee_module_and_pauses_the_clock(started, alice):
    on = date(2024, 3, 11)
    services.perform(
        started,
        "send_fee_notice",
        alice,
        services.Step(on=on, fee_method="per_pages", fee_quantity=120),
        today=on,
    )
    started.refresh_from_db()
    # 1-30 free, 31-100: 70 × 10 = 700, 101-120: 20 × 20 = 400
    assert (started.state, started.fee_yuan, started.clock_paused) == ("fee_notice", 1100, True)
    text = text_of(bytes(Letter.objects.get(request=started).content))
    assert "1100" in text
    services.perform(
        started,
        "record_payment",
        alice,
        services.Step(on=date(2024, 3, 15)),
        today=date(2024, 3, 15),
    )
    started.refresh_from_db()
    # 2024-04-01 + the 4 working days 12-15 March not counted: 2, 3, 7 (a working Sunday), 8 April
    assert (started.state, started.clock_paused, started.due_on) == (
        "paid",
        False,
        date(2024, 4, 8),
    )


def test_a_fee_per_request_counts_the_applicants_requests_this_month(make_request, agency_a, alice):
    reqs = [make_request(agency_a, received_on=date(2024, 3, d)) for d in (4, 5, 6)]
    with pytest.raises(services.TransitionError, match="不收费"):
        services.perform(
            reqs[2],
            "send_fee_notice",
            alice,
            services.Step(on=date(2024, 3, 6), fee_method="per_request"),
            today=date(2024, 3, 6),
        )
    assert services.requests_this_month(reqs[2], date(2024, 3, 6)) == 3
