"""A person builds, audits, fixes and publishes the annual report in Chromium, then
downloads every format."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import login, logout, shot
from tests.web.test_annual_tables import add_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_builds_and_fixes_the_report_and_bob_publishes_it(
    page, live_server, alice, bob, agency_a, agency_b, monkeypatch, tmp_path
):
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.ledger.models import YearlyFigure

    monkeypatch.setenv("GONGKAI_TODAY", "2024-01-22")
    add_year(agency_a, agency_b)
    licensing = YearlyFigure.objects.get(agency=agency_a, item="licensing")
    licensing.delete()  # nobody has entered 行政许可 yet

    login(page, live_server, "alice")
    page.goto(live_server.url + "/reports/")
    page.get_by_label("报告年度").fill("2023")
    with page.expect_navigation():
        page.get_by_role("button", name="生成年度报告草稿").click()
    assert page.url.endswith("/reports/pingluo-wj/2023/")
    audit = page.locator("#audit")
    assert "错误 1 处" in audit.inner_text()
    assert "尚未填报" in audit.inner_text()
    shot(page, "annual-draft-with-error")

    # The office enters the missing figure in the ledger, rebuilds and writes section 五.
    YearlyFigure.objects.create(
        agency=agency_a,
        year=2023,
        item="licensing",
        field="decisions",
        value=345,
        updated_at=datetime(2024, 1, 22, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    with page.expect_navigation():
        page.get_by_role("button", name="根据台账重新生成表格").click()
    assert (
        "审核未发现问题" in page.locator("#audit").inner_text()
        or "错误" not in page.locator("#audit").inner_text()
    )
    page.locator("#id_problems").fill("一是政策解读形式较为单一。二是基层公开专区更新不够及时。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存文字并重新审核").click()
    assert "文字已保存" in page.content()
    assert page.locator("#publish").count() == 0  # a handler cannot publish
    logout(page)

    login(page, live_server, "bob")
    page.goto(live_server.url + "/reports/pingluo-wj/2023/")
    with page.expect_navigation():
        page.get_by_role("button", name="发布年度报告").click()
    assert "按时发布" in page.locator("#report-state").inner_text()
    shot(page, "annual-published")

    for fmt in ("docx", "pdf", "html", "md", "json"):
        with page.expect_download() as info:
            page.get_by_role("link", name=fmt.upper(), exact=True).click()
        download = info.value
        assert download.suggested_filename == f"pingluo-wj-2023.{fmt}"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        assert path.stat().st_size > 500
    data = json.loads((tmp_path / "pingluo-wj-2023.json").read_text(encoding="utf-8"))
    assert data["proactive"]["licensing"]["decisions"] == 345
    assert data["text"]["problems"].startswith("一是政策解读形式较为单一")
    assert (tmp_path / "pingluo-wj-2023.pdf").read_bytes().startswith(b"%PDF-")
    ar = AnnualReport.objects.get(agency=agency_a, year=2023)
    assert ar.state == "published" and ar.on_time


def test_an_import_must_be_the_agencys_own_and_carries_its_publication_date(
    page, live_server, alice, charlie, agency_a, agency_b, monkeypatch, tmp_path
):
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport

    monkeypatch.setenv("GONGKAI_TODAY", "2024-05-09")
    add_year(agency_a, agency_b)
    built = services.build(agency_a, 2023, date(2024, 1, 20))
    pdf = tmp_path / "pingluo-wj-2023.pdf"
    pdf.write_bytes(services.render(built.report, "pdf"))  # a date line nowhere in it
    built.delete()

    # Charlie of the education bureau files the health bureau's report as his own.
    login(page, live_server, "charlie")
    page.goto(live_server.url + "/reports/import/")
    page.get_by_label("报告年度").fill("2023")
    page.set_input_files("#id_file", pdf)
    with page.expect_navigation():
        page.get_by_role("button", name="导入").click()
    assert page.locator("[role=alert]").inner_text() == (
        "文件是平罗县卫生健康局2023年度的报告，不能作为平罗县教育局2023年度的报告导入。"
    )
    assert not AnnualReport.objects.exists()
    logout(page)

    # Alice imports her bureau's report: the file carries no date, she types it.
    login(page, live_server, "alice")
    page.goto(live_server.url + "/reports/import/")
    page.get_by_label("报告年度").fill("2023")
    page.set_input_files("#id_file", pdf)
    with page.expect_navigation():
        page.get_by_role("button", name="导入").click()
    assert "请填写该报告的发布日期" in page.locator("[role=alert]").inner_text()
    assert page.get_by_label("报告年度").input_value() == "2023"  # kept
    page.get_by_label("发布日期").fill("2024-01-26")
    page.set_input_files("#id_file", pdf)
    with page.expect_navigation():
        page.get_by_role("button", name="导入").click()
    assert page.url.endswith("/reports/pingluo-wj/2023/")
    assert "2024年1月26日，按时发布" in page.locator("#report-state").inner_text()
    shot(page, "annual-imported-with-its-date")
    ar = AnnualReport.objects.get(agency=agency_a, year=2023)
    assert (ar.state, ar.source, ar.published_on) == ("published", "imported", date(2024, 1, 26))


def test_in_december_the_publish_button_says_the_year_has_not_ended(
    page, live_server, bob, agency_a, agency_b, monkeypatch
):
    from gongkai.web.annual_reports import services

    monkeypatch.setenv("GONGKAI_TODAY", "2023-12-29")
    add_year(agency_a, agency_b)
    services.build(agency_a, 2023, date(2023, 12, 29))
    login(page, live_server, "bob")
    page.goto(live_server.url + "/reports/pingluo-wj/2023/")
    assert page.locator("#publish").is_disabled()
    assert page.locator("#not-ended").inner_text() == (
        "2023年度尚未结束，2023年度报告应在2024年1月1日以后发布"
        "（《中华人民共和国政府信息公开条例》第四十九条）。"
    )
