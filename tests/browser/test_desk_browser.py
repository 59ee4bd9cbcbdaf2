"""What people click, in Chromium: the whole path of a request, the colours, the access rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import login, logout, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page, action: str, **fields) -> None:
    """Fill and submit the action form `action` on a request's page."""
    # The request page folds the less likely acts (<details>): open them as a person would.
    page.evaluate(
        "document.querySelectorAll('details.act, details.more-acts').forEach(d => d.open = true)"
    )
    form = page.locator(f"form[data-action={action}]")
    for name, value in fields.items():
        locator = form.locator(f"[name={action}-{name}]")
        if name == "disposition":
            locator.select_option(value)
        else:
            locator.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def test_a_request_from_online_submission_to_the_reply_on_track(
    page, new_page, live_server, agency_a, alice, bob, hank
):
    applicant = new_page(390, 844)  # a phone
    applicant.goto(live_server.url + "/apply/")
    applicant.get_by_label("受理机关").select_option(label="平罗县卫生健康局")
    applicant.get_by_label("自然人").check()
    applicant.get_by_label("申请人姓名/名称").fill("王秀兰")
    applicant.get_by_label("证件类型").select_option(label="居民身份证")
    applicant.get_by_label("证件号码").fill("11010519491231002X")
    applicant.get_by_label("联系电话").fill("13912345678")
    applicant.get_by_label("通讯地址").fill("平罗县城关镇鼓楼路8号")
    applicant.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "平罗县乡镇卫生院基本公共卫生服务项目资金分配文件"
    )
    applicant.get_by_label("本人承诺所填信息真实有效").check()
    shot(applicant, "apply-form-mobile")
    applicant.get_by_role("button", name="提交申请").click()
    number = applicant.locator("#tracking-number").inner_text()
    code = applicant.locator("#query-code").inner_text()
    assert number.startswith("平卫依申〔")
    shot(applicant, "apply-done")

    # The office confirms receipt, starts, and asks for a correction.
    login(page, live_server, "alice")
    page.get_by_role("link", name="待确认的网上申请（1）").click()
    page.get_by_role("link", name=number).click()
    act(page, "confirm")
    assert "已登记" in page.locator("h1").inner_text()
    act(page, "start")
    act(page, "request_correction", note="请写明所需文件的年度")
    assert "待补正" in page.locator("h1").inner_text()
    request_url = page.url
    logout(page)

    # The applicant sends the corrected request.
    applicant.goto(live_server.url + "/track/")
    applicant.get_by_label("申请编号").fill(number)
    applicant.get_by_label("查询码").fill(code)
    applicant.get_by_role("button", name="查询").click()
    assert "需要补正" in applicant.locator("#public-state").inner_text()
    applicant.get_by_label("补正后的申请内容").fill("2023年度的资金分配文件")
    applicant.get_by_role("button", name="提交补正").click()
    assert "已收到补正材料" in applicant.locator("#public-state").inner_text()

    # The head approves an extension.
    login(page, live_server, "hank")
    page.goto(request_url)
    act(page, "approve_extension", note="需调取档案核实")
    assert "已延期" in page.locator("h1").inner_text()
    logout(page)

    # The handler drafts a partial disclosure, the reviewer signs it off and sends it.
    login(page, live_server, "alice")
    page.goto(request_url)
    act(page, "draft_reply", disposition="partially_granted", note="其中涉及个人隐私的内容不予公开")
    assert "答复待审核" in page.locator("h1").inner_text()
    logout(page)
    login(page, live_server, "bob")
    page.goto(request_url)
    act(page, "review_reply")
    act(page, "send_reply")
    assert "已答复（办结）" in page.locator("h1").inner_text()
    shot(page, "request-replied")
    logout(page)

    applicant.goto(live_server.url + "/track/")
    applicant.get_by_label("申请编号").fill(number)
    applicant.get_by_label("查询码").fill(code)
    applicant.get_by_role("button", name="查询").click()
    assert applicant.locator("#public-state").inner_text() == "已答复"
    with applicant.expect_download() as download:
        applicant.get_by_role("link", name=f"下载 {number}-3（DOCX）").click()
    assert download.value.suggested_filename.endswith(".docx")
    shot(applicant, "track-replied")


def test_the_queue_shows_overdue_in_red_and_due_soon_in_amber(
    page, live_server, make_request, agency_a, alice
):
    from gongkai.web.requests import clockwork

    today = timezone.localdate()
    cal = clockwork.calendar()

    def received(working_days_ago: int):
        day = today
        for _ in range(working_days_ago):
            day -= timedelta(days=1)
            while not cal.is_working_day(day):
                day -= timedelta(days=1)
        return day

    late = make_request(agency_a, received_on=received(25), today=today)
    soon = make_request(agency_a, received_on=received(17), today=today)
    calm = make_request(agency_a, received_on=received(2), today=today)
    login(page, live_server, "alice")
    page.goto(live_server.url + "/desk/")
    shot(page, "desk-queue-colours")
    red = page.locator(f"tr[data-tracking='{late.tracking_number}']")
    amber = page.locator(f"tr[data-tracking='{soon.tracking_number}']")
    plain = page.locator(f"tr[data-tracking='{calm.tracking_number}']")
    assert red.get_attribute("class") == "overdue"
    assert amber.get_attribute("class") == "soon"
    assert plain.get_attribute("class") == ""
    background = red.locator("td").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(253, 232, 230)"
    assert (
        amber.locator("td").first.evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(255, 244, 214)"
    )
    assert red.locator(".days").inner_text() == "已超期5个工作日"


def test_charlie_of_agency_b_cannot_open_a_request_of_agency_a(
    page, live_server, make_request, agency_a, charlie, dora
):
    req = make_request(agency_a)
    login(page, live_server, "charlie")
    page.goto(live_server.url + "/desk/")
    assert req.tracking_number not in page.content()
    response = page.goto(f"{live_server.url}/desk/{req.pk}/")
    assert response.status == 404
    assert "页面不存在" in page.content()
    shot(page, "charlie-404")
    logout(page)
    login(page, live_server, "dora")
    page.goto(f"{live_server.url}/desk/{req.pk}/")
    assert "110105********002X" in page.content()
    assert page.locator("form[data-action]").count() == 0
