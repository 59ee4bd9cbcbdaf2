"""A person publishes an item through 先审后发 in Chromium: Alice drafts and sends it for
review, Bob approves and publishes, the public listing shows it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def chromium(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # around it are plain synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def people():
    from gongkai.web.accounts.models import Agency, User

    county = Agency.objects.create(name="平罗县人民政府", code="pingluo", kind="government")
    agency = Agency.objects.create(name="平罗县卫生健康局", code="pingluo-wj", parent=county)
    alice = User.objects.create(
        username="alice", full_name="艾丽斯", agency=agency, is_handler=True
    )
    bob = User.objects.create(username="bob", full_name="鲍勃", agency=agency, is_reviewer=True)
    return alice, bob


def page_as(chromium, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="zh-CN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_an_item_is_published_through_the_review_steps(chromium, live_server, people):
    alice, bob = people
    page = page_as(chromium, live_server, alice)
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

    page = page_as(chromium, live_server, bob)
    page.goto(item_url)
    page.get_by_role("button", name="审核通过").click()
    assert page.locator("#item-state").inner_text() == "已审核待发布"
    page.get_by_role("button", name="发布", exact=True).click()
    assert page.locator("#item-state").inner_text() == "已发布"
    events = page.locator("table").last.inner_text()
    assert "艾丽斯" in events and "鲍勃" in events

    page.goto(f"{live_server.url}/published/pingluo-wj/")
    assert "关于开展2024年爱国卫生月活动的通知" in page.content()
    assert "共 1 条" in page.content()
