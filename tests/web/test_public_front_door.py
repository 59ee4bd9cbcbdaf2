"""The public's front door: every agency, its guide, catalog, published items in full and
its published annual reports, reached from the home page without logging in."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _publish(agency, title, body="", **fields):
    from django.utils import timezone

    from gongkai.web.ledger.models import Item

    return Item.objects.create(
        agency=agency,
        title=title,
        body=body,
        state=fields.pop("state", "published"),
        published_on=fields.pop("published_on", date(2026, 3, 2)),
        created_at=timezone.now(),
        **fields,
    )


def _links(html: str) -> list[str]:
    return re.findall(r'href="(/[^"#]*)', html)


def test_the_home_page_links_every_agency_and_both_lists(agency_a, agency_b):
    html = Client().get("/").content.decode()
    for agency in (agency_a, agency_b, agency_a.parent):
        assert f'href="/agencies/{agency.code}/"' in html
        assert agency.name in html
    assert 'href="/catalog/"' in html and 'href="/published/"' in html
    assert 'href="/annual-reports/"' in html
    assert 'href="/apply/"' in html and 'href="/track/"' in html


@pytest.mark.parametrize(
    "path, target",
    [
        ("/catalog/", "catalog"),
        ("/published/", "published"),
        ("/annual-reports/", "annual-reports"),
    ],
)
def test_the_lists_without_an_agency_list_the_agencies(agency_a, agency_b, path, target):
    response = Client().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/{target}/{agency_a.code}/"' in html
    assert f'href="/{target}/{agency_b.code}/"' in html


def test_an_agency_page_leads_to_its_guide_catalog_items_reports_and_the_form(agency_a):
    shown = _publish(agency_a, "平罗县卫生健康局2026年部门预算", body="一、收入预算\n二、支出预算")
    html = Client().get(f"/agencies/{agency_a.code}/").content.decode()
    for href in (
        f"/guide/{agency_a.code}/",
        f"/catalog/{agency_a.code}/",
        f"/published/{agency_a.code}/",
        f"/annual-reports/{agency_a.code}/",
        f"/published/{agency_a.code}/{shown.pk}/",
        "/apply/",
    ):
        assert f'href="{href}' in html, href


def test_every_link_of_the_front_door_opens(agency_a, agency_b):
    _publish(agency_a, "关于2026年春季学期义务教育招生的公告", body="正文")
    seen: set[str] = set()
    todo = ["/"]
    client = Client()
    while todo:
        path = todo.pop()
        if path in seen or path.startswith(("/accounts/", "/admin/", "/static/")):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("text/html"):
            todo.extend(p for p in _links(response.content.decode()) if p not in seen)
    assert f"/guide/{agency_b.code}/" in seen and len(seen) > 15


def test_a_published_item_shows_its_full_text_and_particulars(agency_a):
    from gongkai.web.ledger.models import Category

    cat = Category.objects.create(agency=agency_a, name="财政信息", article_item=7)
    item = _publish(
        agency_a,
        "平罗县卫生健康局2026年部门预算",
        body="一、收入预算\n\n二、支出预算",
        doc_number="平卫发〔2026〕3号",
        category=cat,
        article_item=7,
        url="https://www.pingluo.gov.cn/xxgk/2026/yusuan.html",
    )
    listing = Client().get(f"/published/{agency_a.code}/").content.decode()
    assert f'href="/published/{agency_a.code}/{item.pk}/"' in listing
    html = Client().get(f"/published/{agency_a.code}/{item.pk}/").content.decode()
    assert "<title>平罗县卫生健康局2026年部门预算｜政府信息公开</title>" in html
    assert "一、收入预算" in html and "二、支出预算" in html
    assert "平卫发〔2026〕3号" in html and "2026年3月2日" in html
    assert "第二十条第（七）项" in html
    assert 'href="https://www.pingluo.gov.cn/xxgk/2026/yusuan.html"' in html


@pytest.mark.parametrize("state", ["drafted", "checked", "approved", "withdrawn"])
def test_an_item_not_on_show_is_not_found(agency_a, state):
    item = _publish(agency_a, "尚未公开的信息", state=state)
    assert Client().get(f"/published/{agency_a.code}/{item.pk}/").status_code == 404


def test_an_item_is_found_only_under_its_own_agency(agency_a, agency_b):
    item = _publish(agency_a, "卫生健康局的信息")
    assert Client().get(f"/published/{agency_b.code}/{item.pk}/").status_code == 404


def test_the_feed_gives_each_items_page(agency_a):
    item = _publish(agency_a, "公告")
    data = Client().get(f"/published/{agency_a.code}/feed.json").json()
    assert data["items"][0]["page"] == f"/published/{agency_a.code}/{item.pk}/"


def test_the_guide_is_the_agencys_own(agency_a):
    agency_a.review_agency = "平罗县人民政府"
    agency_a.court = "平罗县人民法院"
    agency_a.contact_phone = "0952-6012345"
    agency_a.save()
    html = Client().get(f"/guide/{agency_a.code}/").content.decode()
    assert "平罗县卫生健康局政府信息公开指南" in html
    assert "20个工作日" in html and "第三十三条" in html
    assert "平罗县人民法院" in html and "0952-6012345" in html
    assert f'href="/catalog/{agency_a.code}/"' in html
    assert "微信公众号、微博、公开栏、电子屏等渠道公开" in html


def test_published_annual_reports_are_offered_as_published_and_drafts_are_not(agency_a):
    from gongkai.web.annual_reports.models import AnnualReport, PublishedFile

    done = AnnualReport.objects.create(
        agency=agency_a, year=2025, state="published", published_on=date(2026, 1, 20)
    )
    PublishedFile.objects.create(
        report=done, fmt="pdf", name="pingluo-wj-2025.pdf", content=b"%PDF-1.7 x"
    )
    PublishedFile.objects.create(
        report=done, fmt="docx", name="pingluo-wj-2025.docx", content=b"PK"
    )
    draft = AnnualReport.objects.create(agency=agency_a, year=2026, state="draft")
    PublishedFile.objects.create(report=draft, fmt="pdf", name="pingluo-wj-2026.pdf", content=b"x")
    html = Client().get(f"/annual-reports/{agency_a.code}/").content.decode()
    assert "平罗县卫生健康局2025年政府信息公开工作年度报告" in html
    assert f'href="/annual-reports/{agency_a.code}/2025.pdf"' in html
    assert "2026年政府信息公开工作年度报告" not in html
    pdf = Client().get(f"/annual-reports/{agency_a.code}/2025.pdf")
    assert pdf.content == b"%PDF-1.7 x" and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline")
    assert (
        Client()
        .get(f"/annual-reports/{agency_a.code}/2025.docx")["Content-Disposition"]
        .startswith("attachment")
    )
    assert Client().get(f"/annual-reports/{agency_a.code}/2026.pdf").status_code == 404
    assert Client().get(f"/annual-reports/{agency_a.code}/2025.exe").status_code == 404


def test_unknown_agencies_are_not_found(db):
    for path in ("/agencies/x/", "/guide/x/", "/annual-reports/x/", "/published/x/1/"):
        assert Client().get(path).status_code == 404, path
