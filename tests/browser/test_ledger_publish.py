"""A person publishes an item through 先审后发 in Chromium: Alice drafts and sends it for
review, Bob approves and publishes, the public listing shows it (fixtures: tests/browser/conftest.py)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, logout, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_item_is_published_through_the_review_steps(page, live_server, alice, bob, agency_a):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/ledger/new/")
    page.get_by_label("标题").fill("关于开展2024年爱国卫生月活动的通知")
    page.get_by_label("文号").fill("平卫发〔2024〕12号")
    page.get_by_label("门户网站").check()
    page.get_by_label("微信公众号").check()
    page.get_by_label("正文").fill("各乡镇卫生院：现将有关事项通知如下。")
    page.get_by_role("button", name="保存").click()
    assert page.locator("#item-state").inner_text() == "草稿"
    page.get_by_role("button", name="检查并送审").click()
    assert page.locator("#item-state").inner_text() == "已检查待审核"
    assert page.get_by_role("button", name="审核通过").count() == 0  # Alice cannot sign off
    item_url = page.url
    logout(page)

    login(page, live_server, "bob")
    page.goto(item_url)
    page.get_by_role("button", name="审核通过").click()
    assert page.locator("#item-state").inner_text() == "已审核待发布"
    page.get_by_role("button", name="发布", exact=True).click()
    assert page.locator("#item-state").inner_text() == "已发布"
    events = page.locator("table").last.inner_text()
    assert "艾丽斯" in events and "鲍勃" in events
    shot(page, "ledger-item-published")

    page.goto(f"{live_server.url}/published/{agency_a.code}/")
    assert "关于开展2024年爱国卫生月活动的通知" in page.content()
    assert "共 1 条" in page.content()


def test_the_checker_blocks_publishing_until_the_reviewer_accepts(page, live_server, alice, bob):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/ledger/new/")
    page.get_by_label("标题").fill("关于公布值班电话的通知")
    page.get_by_label("门户网站").check()
    page.get_by_label("正文").fill("值班手机：13912345678。")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="检查并送审").click()
    item_url = page.url
    logout(page)

    login(page, live_server, "bob")
    page.goto(item_url)
    page.get_by_role("button", name="审核通过").click()
    page.get_by_role("button", name="发布", exact=True).click()
    assert "不能发布" in page.locator(".messages").inner_text()
    assert page.locator("#item-state").inner_text() == "已审核待发布"
    page.get_by_label("确认无误，予以保留").check()
    page.get_by_role("button", name="保存决定").click()
    page.get_by_role("button", name="发布", exact=True).click()
    assert page.locator("#item-state").inner_text() == "已发布"
