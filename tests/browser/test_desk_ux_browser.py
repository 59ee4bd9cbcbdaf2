"""Issue 12 as people click it, in Chromium at desktop width and at a phone's 390 px:
the applicant's /track/ page (with the letters mailed to a local SMTP sink), and the
handler's my work → request → request for an extension → the head's approval."""

from __future__ import annotations

import email
import socketserver
import threading
from datetime import date, timedelta
from email import policy

import pytest

from gongkai.web.requests import services
from tests.browser.conftest import login, logout, shot
from tests.browser.test_public_browser import axe_findings
from tests.browser.test_public_browser import new_page as new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: every message is kept in `server.mails`."""

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                lines = []
                while (row := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(row[1:] if row.startswith(b"..") else row)
                self.server.mails.append(  # type: ignore[attr-defined]
                    email.message_from_bytes(b"".join(lines), policy=policy.default)
                )
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp_sink(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    server.daemon_threads = True
    server.mails = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.server_address[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server.mails
    server.shutdown()
    server.server_close()


def _working_days_ago(n: int) -> date:
    from gongkai.web.requests import clockwork
    from gongkai.web.timekeeping import today

    cal, day = clockwork.calendar(), today()
    for _ in range(n):
        day -= timedelta(days=1)
        while not cal.is_working_day(day):
            day -= timedelta(days=1)
    return day


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_applicant_follows_the_request_and_gets_the_letters_by_mail(
    new_page, live_server, make_request, agency_a, alice, smtp_sink, width, height
):
    received = _working_days_ago(3)
    req = make_request(
        agency_a,
        received_on=received,
        delivery_method="email",
        delivery_form="electronic",
        email="zhangsan@example.com",
    )
    on = _working_days_ago(1)
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=on, note="请写明所需文件的年份"),
        today=on,
    )
    subjects = [m["subject"] for m in smtp_sink]
    assert "平罗县卫生健康局：补正通知书（平卫依申〔" in "".join(subjects)
    notice = next(m for m in smtp_sink if "补正通知书" in m["subject"])
    (attachment,) = list(notice.iter_attachments())
    assert attachment.get_filename().endswith("-补正通知书.pdf")
    assert attachment.get_content().startswith(b"%PDF")

    page = new_page(width, height)
    page.goto(live_server.url + "/track/")
    page.get_by_label("申请编号").fill(req.tracking_number)
    page.get_by_label("查询码").fill(req.query_code)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    assert "需要补正" in page.locator("#public-state").inner_text()
    assert "补正期间暂停计算" in page.locator("#due").inner_text()
    assert "资金分配文件" in page.locator("#asked").inner_text()
    history = page.locator("#history").inner_text()
    assert "受理机关收到申请" in history and "受理机关告知补正" in history
    assert "补正通知书已送达（电子邮件）" in history
    letters = page.locator("ul.letters").inner_text()
    assert "补正通知书" in letters
    with page.expect_download() as download:
        page.get_by_role("link", name=f"下载 {req.tracking_number}-1（PDF）").click()
    assert download.value.suggested_filename == f"{req.tracking_number}-补正通知书.pdf"
    # nothing wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_findings(page) == []
    shot(page, f"desk-ux-track-{width}")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_handler_asks_the_head_for_an_extension_from_my_work(
    new_page, live_server, make_request, agency_a, alice, hank, width, height
):
    received = _working_days_ago(6)
    req = make_request(agency_a, received_on=received)
    services.perform(req, "start", alice, services.Step(on=received), today=received)
    page = new_page(width, height)

    login(page, live_server, "alice")
    assert page.locator("#my-work-count").inner_text() == "1"
    page.get_by_role("link", name="我的待办").click()
    page.wait_for_url("**/desk/mine/")
    assert "我经办的未办结申请（1）" in page.locator("#h-assigned").inner_text()
    shot(page, f"desk-ux-mine-alice-{width}")
    page.get_by_role("link", name=req.tracking_number).click()
    page.wait_for_url(f"**/desk/{req.pk}/")
    # The likely act is open, the others are folded.
    assert page.locator('[data-act="draft_reply"].primary form').is_visible()
    assert not page.locator('form[data-action="ask_extension"]').is_visible()
    page.get_by_text("其他操作").click()
    page.locator('details[data-act="ask_extension"] > summary').click()
    form = page.locator('form[data-action="ask_extension"]')
    assert "延期须在答复期限" in form.inner_text() and "届满前决定" in form.inner_text()
    form.get_by_label("延期理由").fill("需调取三个乡镇卫生院的档案核实")
    assert axe_findings(page) == []  # the request page with its acts unfolded
    shot(page, f"desk-ux-ask-extension-{width}")
    with page.expect_navigation():
        form.get_by_role("button", name="请示延期（报负责人批准）").click()
    assert "已报请负责人批准延期" in page.locator(".messages").inner_text()
    logout(page)

    login(page, live_server, "hank")
    assert page.locator("#my-work-count").inner_text() == "1"
    page.goto(live_server.url + "/desk/mine/")
    assert "待我决定的延期请示（1）" in page.locator("#h-extensions").inner_text()
    assert axe_findings(page) == []
    shot(page, f"desk-ux-mine-hank-{width}")
    page.locator("#extensions").get_by_role("link", name=req.tracking_number).click()
    page.wait_for_url(f"**/desk/{req.pk}/")
    assert "需调取三个乡镇卫生院的档案核实" in page.locator("#pending-extension").inner_text()
    approve = page.locator('form[data-action="approve_extension"]')
    assert approve.is_visible()  # the decision comes first
    assert "答复期限将由" in approve.locator("[data-effect=approve_extension]").inner_text()
    assert approve.locator("textarea").input_value() == "需调取三个乡镇卫生院的档案核实"
    shot(page, f"desk-ux-approve-{width}")
    with page.expect_navigation():
        approve.get_by_role("button", name="批准延期答复（第三十三条）").click()
    assert "已延期" in page.locator("h1").inner_text()
    assert page.locator("#my-work-count").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"desk-ux-extended-{width}")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_request_registered_at_the_desk_gets_a_receipt_with_the_code_once(
    new_page, live_server, agency_a, alice, width, height
):
    from gongkai.web.requests.models import Request
    from gongkai.web.timekeeping import today

    page = new_page(width, height)
    login(page, live_server, "alice")
    page.goto(live_server.url + "/desk/new/")
    page.get_by_label("申请渠道").select_option(label="当面提交")
    page.get_by_label("收到申请之日").fill(today().isoformat())
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名/名称").fill("王秀兰")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("通讯地址").fill("平罗县城关镇鼓楼路8号")
    page.get_by_label("所需政府信息").fill("2025年平罗县乡镇卫生院药品采购目录")
    with page.expect_navigation():
        page.get_by_role("button", name="登记").click()
    errors = page.locator(".errorlist").all_inner_texts()
    assert errors == [], errors
    req = Request.objects.get()
    assert page.url.endswith(f"/desk/{req.pk}/receipt/")
    code = page.locator("#query-code").inner_text()
    assert len(code) == 8
    assert "受理回执" in page.locator("h1").inner_text()
    assert req.tracking_number in page.locator(".receipt").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_findings(page) == []
    shot(page, f"desk-ux-receipt-{width}")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 PDF").click()
    assert download.value.suggested_filename == f"{req.tracking_number}-受理回执.pdf"
    page.reload()
    assert page.locator("#query-code").count() == 0  # shown once
    assert code not in page.content()
    page.get_by_role("link", name="← 返回申请页面").click()
    assert page.get_by_role("link", name="受理回执").is_visible()


def test_the_sixth_application_from_a_shared_address_is_said_before_and_keeps_the_text(
    new_page, live_server, agency_a
):
    from gongkai.web.portal.views import RATE_LIMIT, RATE_WINDOW
    from gongkai.web.throttle import buckets

    for _ in range(RATE_LIMIT - 1):  # a township service hall sent four already
        buckets.hit("apply:127.0.0.1", limit=RATE_LIMIT, window=RATE_WINDOW)
    page = new_page(390, 844)
    page.goto(live_server.url + "/apply/")
    before = page.locator("#rate-remaining").inner_text()
    assert "还可以提交1件申请" in before and "便民服务中心" in before
    shot(page, "desk-ux-apply-remaining-390")
    buckets.hit("apply:127.0.0.1", limit=RATE_LIMIT, window=RATE_WINDOW)  # someone else's
    page.get_by_label("受理机关").select_option(label="平罗县卫生健康局")
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名/名称").fill("王秀兰")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("通讯地址").fill("平罗县城关镇鼓楼路8号")
    described = "平罗县乡镇卫生院基本公共卫生服务项目资金分配文件"
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(described)
    page.get_by_label("本人承诺所填信息真实有效").check()
    page.get_by_role("button", name="提交申请").click()
    refusal = page.locator("#rate-limit").inner_text()
    assert "申请未提交" in refusal and "以后再次提交" in refusal and "邮寄或当面" in refusal
    assert (
        page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").input_value()
        == described
    )
    assert page.get_by_label("申请人姓名/名称").input_value() == "王秀兰"
    assert axe_findings(page) == []
    shot(page, "desk-ux-apply-refused-390")
