"""The annual report pages: who sees what, edit, audit, publish, downloads, import, overview."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO

import docx
import pytest

from tests.web.test_annual_tables import add_year

URL = "/reports/pingluo-wj/2023/"


@pytest.fixture
def year_data(agency_a, agency_b):
    add_year(agency_a, agency_b)


@pytest.fixture
def draft(year_data, alice_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-01-20")
    response = alice_client.post("/reports/start/", {"year": "2023"})
    assert response.status_code == 302 and response["Location"] == URL
    from gongkai.web.annual_reports.models import AnnualReport

    return AnnualReport.objects.get(agency__code="pingluo-wj", year=2023)


def test_alice_starts_the_report_and_sees_tables_text_and_audit(draft, alice_client):
    page = alice_client.get(URL).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in page
    assert 'rowspan="3" colspan="3"' in page  # the template's merged header of table 三
    assert "共收到政府信息公开申请7件" in page
    assert 'id="audit-clean"' in page or "警告" in page
    assert "错误 " not in page
    assert 'name="problems"' in page  # she may edit 五


def test_charlie_of_agency_b_sees_nothing_of_agency_a(draft, charlie_client):
    for url in (
        URL,
        URL + "download.pdf",
        URL + "download.json",
    ):
        assert charlie_client.get(url).status_code == 404
    for url in (URL + "build/", URL + "edit/", URL + "publish/"):
        assert charlie_client.post(url, {"problems": "x"}).status_code == 404
    assert charlie_client.get("/reports/overview/2023/").status_code == 404
    from gongkai.web.annual_reports.models import AnnualReport

    assert AnnualReport.objects.get(pk=draft.pk).state == "draft"


def test_alice_may_edit_but_not_publish(draft, alice_client):
    assert alice_client.post(URL + "publish/").status_code == 404
    response = alice_client.post(URL + "edit/", {"problems": "一是政策解读不够深入。"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["text"]["problems"] == "一是政策解读不够深入。"
    assert draft.state == "draft"


def test_a_number_in_the_text_that_contradicts_table_three_is_shown(draft, alice_client):
    alice_client.post(URL + "edit/", {"overview": "2023年，我局共收到政府信息公开申请12件。"})
    page = alice_client.get(URL).content.decode()
    assert 'data-code="narrative.table_conflict"' in page
    assert "总计为 7" in page


def test_a_section_repeating_last_year_is_flagged_beside_last_year_text(
    draft, alice_client, agency_a
):
    from gongkai.report.model import Report
    from gongkai.web.annual_reports.models import AnnualReport

    text = (
        "一是公开内容不够全面，部分栏目更新不及时，个别信息发布后未按要求同步到政府信息公开专栏。"
        "二是政策解读形式较为单一，图解、视频等多样化解读偏少，解读质量有待提高。"
        "三是工作人员业务能力有待加强。下一步，我局将加强培训，完善制度，提升政务公开工作水平。"
    )
    last = Report.empty("2021", agency=agency_a.name, year=2022)
    last.text = {"problems": text}
    AnnualReport.objects.create(
        agency=agency_a, year=2022, state="published", source="imported", data=last.to_json()
    )
    alice_client.post(URL + "edit/", {"problems": text})
    page = alice_client.get(URL).content.decode()
    assert 'data-code="copy.previous_year"' in page
    assert "<blockquote>" + text in page  # last year's text beside this year's


def test_bob_publishes_on_time_and_every_format_downloads(draft, bob_client):
    response = bob_client.post(URL + "publish/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "published"
    assert draft.published_on == date(2024, 1, 20) and draft.on_time is True
    assert sorted(draft.files.values_list("fmt", flat=True)) == [
        "docx",
        "html",
        "json",
        "md",
        "pdf",
    ]
    page = bob_client.get(URL).content.decode()
    assert "按时发布" in page

    pdf = bob_client.get(URL + "download.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="pingluo-wj-2023.pdf"' in pdf["Content-Disposition"]
    assert pdf.content.startswith(b"%PDF-")
    word = docx.Document(BytesIO(bob_client.get(URL + "download.docx").content))
    assert len(word.tables) == 3
    data = json.loads(bob_client.get(URL + "download.json").content)
    assert data["schema"] == "gongkai/annual-report@1"
    assert data["published_on"] == "2024-01-20"
    assert data["requests"]["new"]["total"] == 7
    html = bob_client.get(URL + "download.html").content.decode()
    assert "平罗县卫生健康局" in html
    md = bob_client.get(URL + "download.md").content.decode()
    assert "四、政府信息公开行政复议、行政诉讼情况" in md
    assert bob_client.get(URL + "download.exe").status_code == 404


def test_a_report_published_after_31_january_is_late(draft, hank_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-02-05")
    hank_client.post(URL + "publish/")
    draft.refresh_from_db()
    assert draft.state == "published" and draft.on_time is False
    assert "逾期发布" in hank_client.get(URL).content.decode()


def test_a_report_with_an_audit_error_cannot_be_published(draft, bob_client):
    from gongkai.web.ledger.models import YearlyFigure

    YearlyFigure.objects.filter(item="licensing").delete()
    bob_client.post(URL + "build/")  # the tables again: 行政许可 now has no figure
    response = bob_client.post(URL + "publish/", follow=True)
    page = response.content.decode()
    assert "改正后才能发布" in page
    assert "尚未填报" in page
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert not draft.files.exists()


def test_dora_supervises_every_department_of_the_county(draft, dora_client, bob_client):
    bob_client.post(URL + "publish/")
    page = dora_client.get("/reports/overview/2023/").content.decode()
    assert "平罗县卫生健康局" in page and "平罗县教育局" in page
    assert "已发布" in page and "未开始" in page
    assert "/reports/pingluo-wj/2023/download.pdf" in page
    detail = dora_client.get(URL).content.decode()
    assert 'name="problems"' not in detail  # read-only for the supervisor
    assert dora_client.post(URL + "edit/", {"problems": "x"}).status_code == 404


def test_dora_builds_the_county_report_from_the_departments_she_chooses(
    draft, dora_client, county, agency_a, monkeypatch
):
    from gongkai.web.ledger.models import YearlyFigure

    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-01")
    for item, field in (
        ("licensing", "decisions"),
        ("penalties", "decisions"),
        ("enforcement", "decisions"),
        ("fees", "amount_wan_yuan"),
    ):  # the county's own figures: none this year
        YearlyFigure.objects.create(
            agency=county, year=2023, item=item, field=field, value=0, updated_at=draft.updated_at
        )
    response = dora_client.post(
        "/reports/pingluo/2023/build/", {"departments_sent": "1", "departments": [agency_a.id]}
    )
    assert response.status_code == 302
    from gongkai.web.annual_reports.models import AnnualReport

    rolled = AnnualReport.objects.get(agency__code="pingluo", year=2023)
    assert rolled.report.requests["new"]["total"] == 7
    assert rolled.report.proactive["licensing"]["decisions"] == 345
    dora_client.post("/reports/pingluo/2023/publish/")
    rolled.refresh_from_db()
    assert rolled.state == "published" and rolled.on_time is True  # 31 March for governments


def test_the_import_page_reads_last_year_and_refuses_garbage(year_data, alice_client):
    from gongkai.report.model import Report

    last = Report.empty("2021", agency="平罗县卫生健康局", year=2022)
    upload = BytesIO(json.dumps(last.to_json()).encode())
    upload.name = "2022.json"
    response = alice_client.post("/reports/import/", {"year": "2022", "file": upload})
    assert response.status_code == 302
    bad = BytesIO(b"\x00\x01not a report")
    bad.name = "2022.json"
    response = alice_client.post("/reports/import/", {"year": "2022", "file": bad})
    assert response.status_code == 200
    assert "无法读取" in response.content.decode()
    wrong = BytesIO(json.dumps({**last.to_json(), "year": 2021}).encode())
    wrong.name = "2021.json"
    response = alice_client.post("/reports/import/", {"year": "2022", "file": wrong})
    page = response.content.decode()
    assert (
        "文件是平罗县卫生健康局2021年度的报告，不能作为平罗县卫生健康局2022年度的报告导入" in page
    )


def test_odd_urls_are_404_not_500(draft, alice_client):
    assert alice_client.get("/reports/pingluo-wj/1900/").status_code == 404
    assert alice_client.get("/reports/no-such-agency/2023/").status_code == 404
    assert alice_client.post("/reports/start/", {"year": "abc"}).status_code == 302
    assert alice_client.get("/reports/pingluo-wj/2022/").status_code == 200  # not started
    assert alice_client.get("/reports/").status_code == 200


def test_the_checker_marks_personal_data_in_the_text_and_it_blocks_publishing(
    draft, alice_client, bob_client
):
    text = "个别答复中写入了申请人手机号13912345678，已责令整改。"
    alice_client.post(URL + "edit/", {"problems": text})
    page = alice_client.get(URL).content.decode()
    assert "发布前检查" in page
    assert 'class="review-error"' in page  # highlighted inline in section 五
    response = bob_client.post(URL + "publish/", follow=True)
    assert "发布前检查发现 1 处错误尚未处理" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "draft"
    start = text.index("13912345678")
    bob_client.post(
        "/review/decide/",
        {
            "app_label": "annual_reports",
            "model": "annualreport",
            "pk": draft.pk,
            "field": "problems",
            "code": "personal.phone",
            "start": start,
            "end": start + 11,
            "text": "13912345678",
            "decision": "accepted",
            "next": URL,
        },
    )
    bob_client.post(URL + "publish/")
    draft.refresh_from_db()
    assert draft.state == "published"


def test_the_overview_marks_reports_past_the_deadline(draft, dora_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-02-05")
    page = dora_client.get("/reports/overview/2023/").content.decode()
    # 卫生健康局: a draft after 31 January; 教育局: not started; the county's is due 31 March.
    assert page.count("（已超过法定期限）") == 2
    assert page.count('class="overdue"') == 2


def test_a_damaged_pdf_upload_gets_a_message_not_a_500(year_data, alice_client):
    bad = BytesIO(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    bad.name = "2022.pdf"
    response = alice_client.post("/reports/import/", {"year": "2022", "file": bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert">PDF 文件已损坏，无法解析：2022.pdf' in page  # the reader's own message
    assert "upload.pdf" not in page  # the server's temporary file is not named
