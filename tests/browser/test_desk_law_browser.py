"""Issue 9 items 1, 2 and 6 as a person clicks them, in Chromium.

Received Monday 2024-03-04, due 2024-04-01; on 2024-04-19 it is 13 working days overdue
and the correction notice was due by 2024-03-13.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.requests import services
from tests.browser.conftest import login, logout, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = "2024-04-19"


@pytest.fixture
def overdue(make_request, agency_a, alice, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req, "start", alice, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
    )
    return req


def unfold(page) -> None:
    """Open the request page's folded acts (<details>), as a person clicks them open."""
    page.evaluate(
        "document.querySelectorAll('details.act, details.more-acts').forEach(d => d.open = true)"
    )


def submit(page, action: str, **fields) -> None:
    # The request page folds the less likely acts (<details>): open them as a person would.
    page.evaluate(
        "document.querySelectorAll('details.act, details.more-acts').forEach(d => d.open = true)"
    )
    form = page.locator(f"form[data-action={action}]")
    for name, value in fields.items():
        form.locator(f"[name={action}-{name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_item_1_the_head_is_told_and_refused_a_late_extension(page, live_server, overdue, hank):
    login(page, live_server, "hank")
    page.goto(f"{live_server.url}/desk/{overdue.pk}/")
    unfold(page)
    effect = page.locator("[data-effect=approve_extension]").inner_text()
    assert "该申请已逾期13个工作日" in effect and "已不能延期" in effect  # before the click
    submit(page, "approve_extension", note="需调取档案核实")
    error = page.locator(".messages li.error").inner_text()
    assert "延长答复期限须在期限内决定（第三十三条第一款）" in error
    assert "办理中" in page.locator("h1").inner_text()
    shot(page, "law-late-extension-refused")
    page.goto(live_server.url + "/desk/")
    row = page.locator(f"tr[data-tracking='{overdue.tracking_number}']")
    assert row.get_attribute("class") == "overdue"
    assert row.locator(".days").inner_text() == "已超期13个工作日"


def test_item_2_a_late_correction_notice_only_by_the_head_and_the_row_stays_red(
    page, live_server, overdue, hank
):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/desk/{overdue.pk}/")
    unfold(page)
    effect = page.locator("[data-effect=request_correction]").inner_text()
    assert "已超过告知补正的期限（2024年3月13日，第三十条）" in effect
    submit(page, "request_correction", note="请写明所需文件的年度")
    assert "负责人填写逾期告知的理由" in page.locator(".messages li.error").inner_text()
    logout(page)

    login(page, live_server, "hank")
    page.goto(f"{live_server.url}/desk/{overdue.pk}/")
    submit(
        page,
        "request_correction",
        note="请写明所需文件的年度",
        late_reason="经办人漏看申请材料，负责人同意补发补正通知",
    )
    assert page.locator(".messages li.error").count() == 0
    assert "待补正" in page.locator("h1").inner_text()
    assert "已超期13个工作日" in page.locator("#h-clock + p").inner_text()
    shot(page, "law-late-correction-recorded")
    page.goto(live_server.url + "/desk/")
    row = page.locator(f"tr[data-tracking='{overdue.tracking_number}']")
    assert row.get_attribute("class") == "overdue"


def test_item_6_a_refused_correction_keeps_the_applicants_text(
    page, live_server, make_request, agency_a, alice, tmp_path
):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请写明年份"),
        today=date(2024, 3, 6),
    )
    page.goto(live_server.url + "/track/")
    page.get_by_label("申请编号").fill("平卫依申[2024]1号")  # brackets as typed on a phone
    page.get_by_label("查询码").fill(req.query_code)
    page.get_by_role("button", name="查询").click()
    assert "需要补正" in page.locator("#public-state").inner_text()
    bad = tmp_path / "补正材料.exe"
    bad.write_bytes(b"MZ\x90\x00" + b"0" * 200)
    page.get_by_label("补正后的申请内容").fill("所需文件为2023年度的资金分配文件")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="提交补正").click()
    assert page.get_by_label("补正后的申请内容").input_value() == "所需文件为2023年度的资金分配文件"
    assert "PDF" in page.locator(".errorlist").first.inner_text()
    assert "需要补正" in page.locator("#public-state").inner_text()
    shot(page, "law-correction-kept")
