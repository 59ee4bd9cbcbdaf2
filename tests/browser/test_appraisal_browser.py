"""The supervisor's year in Chromium: Dora reads the county's ranking and charts, opens a
department and the records behind a number, changes the scheme and prints; Alice imports a
hotline export. Screenshots go to test-artifacts/appraisal-*.png."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: F401 - Django loaded

from tests.browser.conftest import ARTIFACTS, login, shot
from tests.web.test_appraisal_year import year_of_a  # noqa: F401 - the hand-counted year

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fixed_today", "year_of_a"),
]
TODAY = date(2026, 12, 5)


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", TODAY.isoformat())
    import gongkai.web.appraisal.views as appraisal_views
    import gongkai.web.engagement.views as engagement_views

    monkeypatch.setattr(appraisal_views, "today", lambda: TODAY)
    monkeypatch.setattr(engagement_views, "today", lambda: TODAY)


@pytest.fixture
def busy_county(agency_a, agency_b):
    """A year of hotline tickets and letters for both departments (the demo's loader)."""
    from gongkai.web.engagement import demo
    from gongkai.web.engagement.models import Message

    Message.objects.filter(agency=agency_a).delete()  # the loader skips departments with messages
    demo.load(TODAY)


def test_dora_reads_the_ranking_opens_a_department_and_changes_the_scheme(
    page, live_server, dora, busy_county
):
    login(page, live_server, "dora")
    page.goto(f"{live_server.url}/appraisal/?year=2025")
    rows = page.locator("#ranking tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().startswith("1\t平罗县教育局")
    assert rows.nth(1).inner_text().startswith("2\t平罗县卫生健康局")
    for chart in ("chart-ranking", "chart-months", "chart-on-time", "chart-engagement"):
        assert page.locator(f"svg#{chart}").is_visible()
    assert "12345政务服务便民热线" in page.locator("svg#chart-engagement").inner_html()
    shot(page, "appraisal-overview")

    page.get_by_role("link", name="平罗县卫生健康局").click()
    assert "排第 2 名" in page.locator("#score-line").inner_text()
    late = page.locator("#ind-answered_late")
    late.locator("summary").click()
    shot(page, "appraisal-department")
    late.locator("a").first.click()
    assert "/desk/" in page.url and page.locator("h1").count() == 1

    page.goto(f"{live_server.url}/appraisal/scheme/?year=2025")
    page.get_by_label("按期答复率 零分值").fill("50")
    page.get_by_role("button", name="保存评分办法").click()
    assert "已保存2025年度考核评分办法" in page.content()
    page.goto(f"{live_server.url}/appraisal/?year=2025")
    assert page.locator("#ranking tbody tr").nth(1).locator("td").nth(2).inner_text() != "26.33"

    page.goto(f"{live_server.url}/appraisal/print/?year=2025")
    page.emulate_media(media="print")
    assert page.locator("svg").count() == 4
    shot(page, "appraisal-print")
    page.pdf(path=str(ARTIFACTS / "appraisal-print.pdf"), format="A4")


def test_alice_imports_a_hotline_export_and_sees_the_bad_rows(page, live_server, alice, tmp_path):
    from tests.web.test_engagement import HOTLINE_CSV

    export = tmp_path / "12345工单.csv"
    export.write_text(HOTLINE_CSV, encoding="utf-8")
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/engagement/import/")
    page.get_by_label("CSV 或 XLSX 文件").set_input_files(str(export))
    page.get_by_role("button", name="导入").click()
    assert "有问题 6 行未导入" in page.locator("#import-summary").inner_text()
    assert page.locator("#bad-rows tbody tr").count() == 6
    shot(page, "appraisal-engagement-import")
    page.goto(f"{live_server.url}/engagement/?year=2025")
    assert page.locator("#messages tbody tr").count() >= 3
