"""Letters are checked before they are sent: findings inline, decided by the reviewer,
and the reply may not be signed off or sent while its letter has an open error."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.check import CheckOptions, check_text
from gongkai.letters import default_template
from gongkai.web.requests import checking, services
from gongkai.web.requests.models import Letter, Request
from gongkai.web.review.models import CheckDecision

# A third party's resident ID number: born 1985-06-12, check digit 3 (GB 11643, by hand:
# weighted sum 250, 250 mod 11 = 8 → "3").
OTHER_ID = "640221198506120033"
# The applicant of conftest.APPLICANT: 张三, 11010519491231002X, 13912345678.
OWN_ID = "11010519491231002X"
DAY = date(2024, 3, 20)


@pytest.fixture
def started(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req, "start", alice, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
    )
    return req


def draft(req, alice, note: str, disposition: str = "partially_granted") -> Letter:
    services.perform(
        req,
        "draft_reply",
        alice,
        services.Step(on=DAY, disposition=disposition, note=note),
        today=DAY,
    )
    return Letter.objects.filter(request=req).order_by("-id").first()


def take(req, action: str, user) -> None:
    services.perform(req, action, user, services.Step(on=DAY), today=DAY)


def decide(client, letter: Letter, finding, decision: str = "accepted"):
    return client.post(
        "/review/decide/",
        {
            "app_label": "requests",
            "model": "letter",
            "pk": letter.pk,
            "field": "text",
            "code": finding.code,
            "start": finding.start,
            "end": finding.end,
            "text": finding.text,
            "decision": decision,
            "note": "经核实系已公开的法定代表人信息" if decision == "accepted" else "",
            "next": f"/desk/{letter.request_id}/",
        },
    )


def state(req) -> str:
    return Request.objects.get(pk=req.pk).state


# ------------------------------------------------------------------ the gate
def test_a_third_partys_id_number_blocks_the_sign_off_until_the_reviewer_accepts_it(
    started, alice, bob, bob_client
):
    letter = draft(started, alice, f"其中涉及第三方李四（身份证号 {OTHER_ID}）的个人信息不予公开")
    [error] = checking.open_errors(letter)
    assert (error.code, error.text) == ("personal.id_number", OTHER_ID)

    with pytest.raises(services.TransitionError) as refused:
        take(started, "review_reply", bob)
    message = str(refused.value)
    assert "1 项错误尚未处理" in message and OTHER_ID in message and "不能审核通过" in message
    assert state(started) == "reply_drafted"

    response = decide(bob_client, letter, error)
    assert response.status_code == 302
    assert CheckDecision.objects.get().decision == "accepted"
    assert checking.open_errors(letter) == []
    take(started, "review_reply", bob)
    take(started, "send_reply", bob)
    assert state(started) == "replied"


def test_sending_is_refused_when_the_latest_decision_reopens_the_error(
    started, alice, bob, bob_client
):
    letter = draft(started, alice, f"第三方身份证号 {OTHER_ID} 已隐去")
    [error] = checking.open_errors(letter)
    decide(bob_client, letter, error, "accepted")
    take(started, "review_reply", bob)
    # "已修改" records an edit; the number is still in the letter, so it is open again.
    decide(bob_client, letter, error, "fixed")
    with pytest.raises(services.TransitionError, match="不能发出"):
        take(started, "send_reply", alice)
    assert state(started) == "reply_reviewed"


def test_the_refusal_is_a_chinese_message_on_the_page(started, alice, bob_client):
    draft(started, alice, f"第三方身份证号 {OTHER_ID}")
    response = bob_client.post(
        f"/desk/{started.pk}/act/review_reply/", {"review_reply-on": "2024-03-20"}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "经发布前检查有 1 项错误尚未处理" in page
    assert state(started) == "reply_drafted"


def test_a_clean_letter_is_signed_off_and_sent(started, alice, bob):
    letter = draft(started, alice, "其中涉及个人隐私的内容不予公开")
    assert checking.open_errors(letter) == []
    take(started, "review_reply", bob)
    take(started, "send_reply", alice)
    assert state(started) == "replied"


def test_a_redrafted_reply_is_checked_anew(started, alice, bob):
    draft(started, alice, f"第三方身份证号 {OTHER_ID}")
    services.perform(
        started, "return_draft", bob, services.Step(on=DAY, note="请删去第三方身份证号"), today=DAY
    )
    draft(started, alice, "其中涉及第三方个人信息的内容不予公开")
    take(started, "review_reply", bob)
    assert state(started) == "reply_reviewed"


# ------------------------------------------------------------------ what is allowed
def test_the_applicants_own_data_in_a_letter_to_them_is_not_a_finding(started, alice, bob):
    note = (
        f"经核实，申请人张三（身份证号 {OWN_ID}，电话 13912345678，邮箱 zhangsan@example.com）"
        "住址为宁夏回族自治区石嘴山市平罗县城关镇民族北街1号3栋201室的房屋登记信息予以公开"
    )
    Request.objects.filter(pk=started.pk).update(
        address="宁夏回族自治区石嘴山市平罗县城关镇民族北街1号3栋201室"
    )
    letter = draft(started, alice, note, disposition="partially_granted")
    text = checking.letter_text(letter)
    assert OWN_ID in text and "13912345678" in text
    personal = [f for f in check_text(text, checking.options_for(letter)) if "personal" in f.code]
    assert personal == []
    # Without the applicant's values the same text has four personal-data findings.
    bare = {f.code for f in check_text(text, CheckOptions()) if f.code.startswith("personal")}
    assert bare == {
        "personal.id_number",
        "personal.phone",
        "personal.email",
        "personal.address",
    }
    take(started, "review_reply", bob)
    assert state(started) == "reply_reviewed"


def test_the_applicants_id_number_in_a_letter_to_a_third_party_is_an_error(
    make_request, agency_a, alice
):
    # The applicant wrote their ID number into the description, which the consultation
    # letter quotes to the third party: there it is another person's data.
    req = make_request(
        agency_a,
        received_on=date(2024, 3, 4),
        description=f"本人（身份证号 {OWN_ID}）与李四之间的房屋租赁备案信息",
    )
    take(req, "start", alice)
    services.perform(
        req,
        "send_consultation",
        alice,
        services.Step(on=DAY, third_party="李四", note="请于期限内提出意见"),
        today=DAY,
    )
    letter = Letter.objects.get(request=req)
    assert letter.kind == "consultation_letter" and not checking.to_applicant(letter)
    [error] = checking.open_errors(letter)
    assert (error.code, error.text) == ("personal.id_number", OWN_ID)


def test_the_agencys_office_mobile_printed_in_its_template_is_allowed(started, ada_client, alice):
    template = docx.Document(io.BytesIO(default_template("partially_granted")))
    template.add_paragraph("联系人：王科长，手机 13995270001，邮箱 wjj@pingluo.gov.cn")
    buf = io.BytesIO()
    template.save(buf)
    upload = SimpleUploadedFile("部分公开.docx", buf.getvalue())
    assert ada_client.post("/desk/templates/", {"kind": "partially_granted", "file": upload})
    letter = draft(started, alice, f"第三方联系电话 13995279999，身份证号 {OTHER_ID}")
    found = {
        (f.code, f.text)
        for f in check_text(checking.letter_text(letter), checking.options_for(letter))
    }
    assert ("personal.phone", "13995270001") not in found
    assert ("personal.phone", "13995279999") in found
    assert ("personal.id_number", OTHER_ID) in found
    assert not any(f.code == "personal.email" for f in checking.open_errors(letter))


def test_check_options_keep_their_behaviour_and_check_the_new_values():
    text = f"申请人身份证号 {OWN_ID}，第三方 {OTHER_ID}。"
    assert [f.text for f in check_text(text) if f.code == "personal.id_number"] == [
        OWN_ID,
        OTHER_ID,
    ]
    spaced = "110105 19491231 002x"
    allowed = check_text(text, CheckOptions(allowed_id_numbers=(spaced,)))
    assert [f.text for f in allowed if f.code == "personal.id_number"] == [OTHER_ID]
    with pytest.raises(ValueError, match="证件号码"):
        CheckOptions(allowed_id_numbers=("12",))
    with pytest.raises(ValueError, match="过短"):
        CheckOptions(allowed_addresses=("201室",))


# ------------------------------------------------------------------ the page and access
def test_the_reviewer_sees_the_finding_highlighted_with_the_decision_form(
    started, alice, bob_client, alice_client
):
    draft(started, alice, f"第三方身份证号 {OTHER_ID}")
    page = bob_client.get(f"/desk/{started.pk}/").content.decode()
    assert "文书检查" in page and "1 项错误尚未处理" in page
    assert f'<a href="#finding-1">{OTHER_ID}</a></mark>' in page
    assert 'class="review-error"' in page and 'name="decision" value="accepted"' in page
    # The drafter sees the finding but does not decide on it (four eyes).
    page = alice_client.get(f"/desk/{started.pk}/").content.decode()
    assert f'<a href="#finding-1">{OTHER_ID}</a></mark>' in page
    assert 'name="decision"' not in page


def test_charlie_of_agency_b_cannot_decide_on_a_letter_of_agency_a(
    started, alice, charlie_client, alice_client
):
    letter = draft(started, alice, f"第三方身份证号 {OTHER_ID}")
    [error] = checking.open_errors(letter)
    assert decide(charlie_client, letter, error).status_code == 403
    assert charlie_client.get(f"/desk/{started.pk}/").status_code == 404
    # Nor may the handler who drafted the letter accept its findings.
    assert decide(alice_client, letter, error).status_code == 403
    assert not CheckDecision.objects.exists()
    assert checking.open_errors(letter) == [error]


def test_an_unreadable_stored_letter_shows_a_message_and_blocks_sending(db):
    from types import SimpleNamespace

    from gongkai.web.requests import checking

    letter = SimpleNamespace(content=b"not a docx at all")
    assert checking.letter_text(letter) == checking.UNREADABLE
    (finding,) = checking.open_errors(letter)
    assert finding.code == "letter.unreadable"
    assert finding.severity == "error"
