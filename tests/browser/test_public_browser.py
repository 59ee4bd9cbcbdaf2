"""The public's front door and the staff pages as a person sees them in Chromium, at a
desk (1280 px), on a tablet (768 px) and on a phone (390 px).

Every page: no horizontal scrolling of the page itself (a wide table scrolls inside its
box or becomes cards). Every public page: axe-core finds nothing serious or critical.
Screenshots go to test-artifacts/ (public-*.png, staff-*.png).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE, TABLET, DESK = (390, 844), (768, 1024), (1280, 900)
WIDTHS = {"phone": PHONE, "tablet": TABLET, "desk": DESK}
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

OVERFLOW_JS = """() => {
  const w = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') return false;
    }
    return true;
  }).slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} ${Math.round(e.getBoundingClientRect().right)}px`);
  return {scroll: document.scrollingElement.scrollWidth, width: w, wide};
}"""


# Pages laid out for A4 paper, not for a screen: printed, never read on a phone.
PRINT_LAYOUTS = ("/appraisal/print/",)


def follow(page, locator) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def no_page_overflow(page) -> None:
    seen = page.evaluate(OVERFLOW_JS)
    assert seen["scroll"] <= seen["width"], f"{page.url} is wider than the screen: {seen}"


def axe_findings(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["version"] == "4.14.1"
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "where": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def new_page(browser):
    """A page in its own browser of the given size. The site's Content-Security-Policy
    allows no inline script, so these contexts let Playwright inject axe-core (the site's
    own pages carry no script either way)."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        ctx = browser.new_context(
            viewport={"width": width, "height": height}, locale="zh-CN", bypass_csp=True
        )
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def front_door(agency_a, agency_b):
    """Agency A publishes a catalog, items with text, and its 2025 annual report."""
    from gongkai.web.annual_reports.models import AnnualReport, PublishedFile
    from gongkai.web.ledger.models import Category, Item, ItemAttachment, ItemChannel

    agency_a.review_agency = "平罗县人民政府"
    agency_a.court = "平罗县人民法院"
    agency_a.contact_person = "卫生健康局办公室"
    agency_a.contact_phone = "0952-6012345"
    agency_a.save()
    finance = Category.objects.create(agency=agency_a, name="财政预决算", article_item=7)
    rules = Category.objects.create(agency=agency_a, name="政策文件", article_item=1)
    Category.objects.create(agency=agency_a, name="规范性文件", parent=rules, position=1)
    budget = Item.objects.create(
        agency=agency_a,
        title="平罗县卫生健康局2026年部门预算公开说明",
        doc_number="平卫发〔2026〕3号",
        category=finance,
        article_item=7,
        body="一、部门主要职责\n负责全县卫生健康事业发展规划。\n\n二、2026年部门预算收支总体情况\n收入预算3,456.78万元，支出预算3,456.78万元。",
        state="published",
        published_on=date(2026, 2, 10),
        created_at=timezone.now(),
        url="https://www.pingluo.gov.cn/xxgk/wjj/2026/0210.html",
    )
    ItemAttachment.objects.create(
        item=budget,
        name="2026年部门预算表.pdf",
        file_type="pdf",
        size=len(PDF),
        content=PDF,
        uploaded_at=timezone.now(),
    )
    ItemChannel.objects.create(item=budget, channel="portal")
    ItemChannel.objects.create(item=budget, channel="wechat")
    for n in range(1, 8):
        Item.objects.create(
            agency=agency_a,
            title=f"关于做好2026年第{n}批基本公共卫生服务项目资金拨付工作的通知",
            doc_number=f"平卫发〔2026〕{10 + n}号",
            category=rules,
            article_item=1,
            body="各乡镇卫生院：……",
            state="published",
            published_on=date(2026, 3, n),
            created_at=timezone.now(),
        )
    from gongkai.report.model import Report

    report = AnnualReport.objects.create(
        agency=agency_a,
        year=2025,
        state="published",
        published_on=date(2026, 1, 20),
        due_on=date(2026, 1, 31),
        data=Report.empty("2021", agency=agency_a.name, year=2025).to_json(),
    )
    PublishedFile.objects.create(
        report=report,
        fmt="html",
        name="pingluo-wj-2025.html",
        content="<!DOCTYPE html><html lang='zh-CN'><title>年度报告</title><h1>年度报告</h1></html>".encode(),
    )
    return budget


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_the_public_walks_from_the_home_page_to_an_items_text_and_the_form(
    new_page, live_server, front_door, make_request, agency_a, size
):
    applied = make_request(agency_a, received_on=date(2026, 11, 30))
    page = new_page(*WIDTHS[size])
    findings: dict[str, list] = {}

    def check(name: str) -> None:
        no_page_overflow(page)
        shot(page, f"public-{name}-{size}")
        if problems := axe_findings(page):
            findings[page.url] = problems

    page.goto(live_server.url + "/")
    assert page.title() == "政府信息公开"
    check("home")
    follow(page, page.get_by_role("link", name="平罗县卫生健康局").first)
    assert page.locator("h1").inner_text() == "平罗县卫生健康局政府信息公开"
    check("agency")
    follow(page, page.get_by_role("link", name="阅读平罗县卫生健康局政府信息公开指南"))
    assert "20个工作日内予以答复" in page.locator("main").inner_text()
    assert "平罗县人民法院" in page.locator("main").inner_text()
    check("guide")
    follow(page, page.get_by_role("link", name="主动公开基本目录").first)
    assert page.title() == "平罗县卫生健康局政府信息主动公开基本目录｜政府信息公开"
    check("catalog")
    follow(page, page.get_by_role("link", name="财政预决算"))
    check("published-category")
    follow(page, page.get_by_role("link", name="平罗县卫生健康局2026年部门预算公开说明"))
    main = page.locator("main").inner_text()
    assert "收入预算3,456.78万元" in main and "平卫发〔2026〕3号" in main
    assert "门户网站、微信公众号" in main
    check("item")
    href = page.get_by_role("link", name="2026年部门预算表.pdf").get_attribute("href")
    assert page.request.get(live_server.url + href).body() == PDF
    follow(page, page.get_by_role("link", name="返回平罗县卫生健康局主动公开信息"))
    page.get_by_label("按标题或文号检索").fill("第3批")
    follow(page, page.get_by_role("button", name="检索"))
    assert page.locator("tbody tr").count() == 1
    check("published-search")
    follow(page, page.get_by_role("link", name="年度报告").first)
    check("reports")
    with page.expect_navigation():
        page.get_by_role("link", name="2025年度报告（网页）").click()
    assert page.locator("h1").inner_text() == "年度报告"
    page.go_back()
    follow(page, page.get_by_role("link", name="申请公开").first)
    assert page.url.endswith(f"/apply/?agency={agency_a.code}")  # the agency chosen already
    assert page.get_by_label("受理机关").input_value() == str(agency_a.pk)
    check("apply")
    page.goto(live_server.url + "/track/")
    check("track")
    page.get_by_label("申请编号").fill(applied.tracking_number)
    page.get_by_label("查询码").fill(applied.query_code)
    follow(page, page.get_by_role("button", name="查询"))
    assert applied.tracking_number in page.locator("h1").inner_text()
    check("status")
    page.goto(live_server.url + "/accounts/login/")
    check("login")
    for path in ("/catalog/", "/published/", "/agencies/"):
        page.goto(live_server.url + path)
        check("list-" + path.strip("/"))
        follow(page, page.get_by_role("link", name="平罗县教育局"))
        assert "平罗县教育局" in page.locator("h1").inner_text()
        check(f"list-{path.strip('/')}-b")
    assert not findings, findings


def test_the_item_list_and_the_feed_agree(page, live_server, front_door):
    page.goto(live_server.url + "/published/pingluo-wj/")
    titles = page.locator("tbody td[data-label=标题] a").all_inner_texts()
    feed = page.request.get(live_server.url + "/published/pingluo-wj/feed.json").json()
    assert titles == [i["title"] for i in feed["items"]]
    follow(page, page.locator(f"a[href='{feed['items'][0]['page']}']"))
    assert page.locator("h1").inner_text() == feed["items"][0]["title"]


def _queue_fixture(make_request, agency_a, agency_b):
    names = [
        "欧阳秀兰",
        "宁夏回族自治区平罗县城关镇人民政府",
        "张三",
        "李四光",
        "平罗县某某科技有限公司",
    ]
    for n, name in enumerate(names):
        make_request(agency_a, received_on=date(2026, 11, 2 + n), applicant_name=name)
    make_request(agency_b, received_on=date(2026, 11, 9), applicant_name="王五")


STAFF_PAGES = [
    ("alice", "/desk/", "queue"),
    ("alice", "/ledger/", "ledger"),
    ("alice", "/appeals/", "appeals"),
    ("alice", "/reports/", "reports"),
    ("alice", "/desk/new/", "register"),
    ("hank", "/ledger/", "ledger-head"),
    ("dora", "/desk/", "queue-supervisor"),
    ("dora", "/ledger/", "ledger-supervisor"),
    ("ada", "/accounts/users/", "users"),
]


@pytest.mark.parametrize("size", ["phone", "tablet", "desk"])
def test_staff_pages_fit_a_phone_a_tablet_and_a_desk(
    new_page,
    live_server,
    make_request,
    agency_a,
    agency_b,
    alice,
    hank,
    dora,
    ada,
    size,
    front_door,
):
    _queue_fixture(make_request, agency_a, agency_b)
    for username in dict.fromkeys(u for u, _, _ in STAFF_PAGES):
        page = new_page(*WIDTHS[size])
        login(page, live_server, username)
        for user, path, name in STAFF_PAGES:
            if user != username:
                continue
            page.goto(live_server.url + path)
            assert page.locator("h1").count() == 1, path
            no_page_overflow(page)
            shot(page, f"staff-{name}-{size}")
        if username == "alice":
            page.goto(live_server.url + "/desk/")
            follow(page, page.locator("a", has_text="依申〔2026〕").first)
            no_page_overflow(page)
            shot(page, f"staff-request-{size}")
            page.goto(live_server.url + "/ledger/")
            follow(page, page.get_by_role("link", name="平罗县卫生健康局2026年部门预算公开说明"))
            no_page_overflow(page)
            shot(page, f"staff-item-{size}")


def test_on_a_phone_the_queue_reads_as_cards_with_whole_names(
    new_page, live_server, make_request, agency_a, agency_b, alice
):
    _queue_fixture(make_request, agency_a, agency_b)
    page = new_page(*PHONE)
    login(page, live_server, "alice")
    page.goto(live_server.url + "/desk/")
    cell = page.locator("td", has_text="欧阳秀兰").first
    box = cell.bounding_box()
    line = float(cell.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert box["height"] < 2 * line, "the applicant's name wraps"
    assert box["width"] > 300  # a card as wide as the phone, not a 650 px table
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"申请人"'
    no_page_overflow(page)


def test_a_head_is_not_offered_what_the_rules_refuse(page, live_server, agency_a, hank, alice):
    login(page, live_server, "hank")
    page.goto(live_server.url + "/ledger/")
    assert page.get_by_role("link", name="起草新信息").count() == 0
    page.context.clear_cookies()
    login(page, live_server, "alice")
    page.goto(live_server.url + "/ledger/")
    follow(page, page.get_by_role("link", name="起草新信息"))
    assert page.locator("h1").count() == 1 and "403" not in page.title()


@pytest.mark.parametrize("username", ["alice", "dora", "ada"])
def test_every_staff_page_a_user_reaches_fits_a_phone(
    new_page,
    live_server,
    make_request,
    agency_a,
    agency_b,
    alice,
    bob,
    hank,
    dora,
    ada,
    username,
    front_door,
    request,
):
    """Every page the link crawl reaches for the user (tests/web/test_public_links.py),
    opened on a phone: none is wider than the screen."""
    from django.test import Client

    from tests.web.test_public_links import crawl

    _queue_fixture(make_request, agency_a, agency_b)
    client = Client()
    client.force_login(request.getfixturevalue(username))
    pages: list[str] = []
    crawl(client, "/desk/", html=pages)
    page = new_page(*PHONE)
    login(page, live_server, username)
    wide = {}
    for path in pages:
        if path.startswith(PRINT_LAYOUTS):
            continue
        page.goto(live_server.url + path)
        seen = page.evaluate(OVERFLOW_JS)
        if seen["scroll"] > seen["width"]:
            wide[path] = seen
            shot(page, "wide-" + path.strip("/").replace("/", "-").replace("?", "-"))
    assert len(pages) > 15
    assert not wide, {p: (w["scroll"], w["wide"][:2]) for p, w in wide.items()}


def test_the_front_door_works_from_the_keyboard(new_page, live_server, front_door):
    """Tab reaches the skip link first, which jumps past the menu; every link of the
    agency's page is reached by Tab, each with a visible focus ring."""
    page = new_page(*PHONE)
    page.goto(live_server.url + "/agencies/pingluo-wj/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到正文"
    assert skip.bounding_box()["x"] >= 0  # shown on screen while focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        if focused.count() == 0:
            break
        assert focused.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
        reached.add(focused.inner_text())
    assert {"政府信息公开指南", "主动公开基本目录", "在线提交申请", "年度报告"} <= reached
    page.get_by_role("link", name="政府信息公开指南").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/guide/pingluo-wj/")


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_axe_finds_nothing_serious_on_any_public_page(
    new_page, live_server, front_door, agency_a, size
):
    """Every page the public can reach by links from the home page (the link crawl of
    tests/web/test_public_links.py), checked by axe-core and for sideways scrolling."""
    from django.test import Client

    from tests.web.test_public_links import crawl

    pages: list[str] = []
    crawl(Client(), "/", html=pages)
    assert {"/", "/guide/pingluo-wj/", f"/published/pingluo-wj/{front_door.pk}/"} <= set(pages)
    page = new_page(*WIDTHS[size])
    findings = {}
    for path in pages:
        page.goto(live_server.url + path)
        no_page_overflow(page)
        if problems := axe_findings(page):
            findings[path] = problems
    assert not findings, findings


def test_axe_finds_nothing_serious_on_the_pages_a_handler_reaches(
    new_page, live_server, make_request, agency_a, agency_b, alice, front_door
):
    from django.test import Client

    from tests.web.test_public_links import crawl

    _queue_fixture(make_request, agency_a, agency_b)
    client = Client()
    client.force_login(alice)
    pages: list[str] = []
    crawl(client, "/desk/", html=pages)
    page = new_page(*DESK)
    login(page, live_server, "alice")
    findings = {}
    for path in pages:
        page.goto(live_server.url + path)
        if problems := axe_findings(page):
            findings[path] = problems
    assert len(pages) > 40
    assert not findings, "\n".join(f"{p}: {f}" for p, f in findings.items())
