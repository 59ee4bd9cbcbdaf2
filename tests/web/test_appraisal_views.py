"""The appraisal pages: the supervisor's county page, a department's page with the records
behind each number, the scheme the supervisor sets, the XLSX and the printable page."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from tests.web.test_appraisal_year import year_of_a  # noqa: F401 - the hand-counted year

pytestmark = pytest.mark.usefixtures("fixed_today", "year_of_a")


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-05")
    import gongkai.web.appraisal.views as views

    monkeypatch.setattr(views, "today", lambda: date(2026, 12, 5))


def svgs(body: str) -> list[ET.Element]:
    found, start = [], 0
    while (i := body.find("<svg", start)) >= 0:
        j = body.index("</svg>", i) + len("</svg>")
        found.append(ET.fromstring(body[i:j]))
        start = j
    return found


def test_the_supervisor_sees_the_county_ranking_and_four_charts(dora_client):
    body = dora_client.get("/appraisal/?year=2025").content.decode()
    assert "2025年度政务公开工作考核 · 平罗县人民政府" in body
    edu, health = body.index("平罗县教育局"), body.index("平罗县卫生健康局")
    assert edu < health  # B (90) ranks above A (26.33)
    assert "26.33" in body and "90.00" in body
    charts = svgs(body)
    assert [c.get("id") for c in charts] == [
        "chart-ranking",
        "chart-months",
        "chart-on-time",
        "chart-engagement",
    ]
    for chart in charts:
        assert chart.get("role") == "img"
    months = body[body.index('id="chart-months"') :]
    assert "部分公开" in months and "办理中" in months


def test_a_department_page_shows_each_definition_and_links_the_records(dora_client):
    from gongkai.web.requests.models import Request

    r2 = Request.objects.filter(received_on=date(2025, 3, 3)).order_by("pk")[1]  # the late one
    body = dora_client.get("/appraisal/department/pingluo-wj/?year=2025").content.decode()
    assert "总分 <strong>26.33</strong> 分，在 2 个部门中排第 <strong>2</strong> 名" in body
    late = body[body.index('id="ind-answered_late"') :]
    late = late[: late.index("</tr>")]
    assert "办结日期晚于法定答复期限" in late
    assert f'href="/desk/{r2.pk}/"' in late and r2.tracking_number in late
    assert "66.7%（2/3）" in body
    assert len(svgs(body)) == 4


def test_a_department_sees_its_own_rank_without_the_others_names(alice_client):
    response = alice_client.get("/appraisal/?year=2025")
    assert (
        response.status_code == 302 and "/appraisal/department/pingluo-wj/" in response["Location"]
    )
    body = alice_client.get("/appraisal/department/pingluo-wj/?year=2025").content.decode()
    assert "排第 <strong>2</strong> 名" in body
    assert "平罗县教育局" not in body and "其他部门" in body
    assert alice_client.get("/appraisal/department/pingluo-jy/?year=2025").status_code == 404


def test_the_supervisor_sets_the_scheme_and_the_scores_follow(dora_client):
    from gongkai.web.appraisal.models import Scheme, SchemeChange

    form = {}
    for key, weight, full, zero in (
        ("on_time_rate", 20, 100, 50),  # 2/3 → 20 × (66.7 − 50)/50 = 6.67
        ("overdue_now", 10, 0, 3),
        ("procedural_flaws", 10, 0, 5),
        ("appeal_correction_rate", 10, 0, 50),
        ("report_on_time", 10, 1, 0),
        ("report_findings", 5, 0, 5),
        ("reviewed_rate", 10, 100, 80),
        ("fixes", 5, 0, 10),
        ("engagement_within_rate", 10, 100, 80),
        ("interpretation_rate", 10, 100, 50),
    ):
        form |= {f"{key}-weight": weight, f"{key}-full": full, f"{key}-zero": zero}
    assert dora_client.post("/appraisal/scheme/?year=2025", form).status_code == 302
    stored = Scheme.objects.get(year=2025)
    assert stored.rules["on_time_rate"] == {"weight": 20.0, "full": 1.0, "zero": 0.5}
    assert SchemeChange.objects.count() == 1
    body = dora_client.get("/appraisal/department/pingluo-wj/?year=2025").content.decode()
    assert "总分 <strong>33.00</strong> 分" in body  # 26.33 + 6.67
    bad = dora_client.post(
        "/appraisal/scheme/?year=2025", {**form, "fixes-full": "10", "overdue_now-weight": "很多"}
    )
    text = bad.content.decode()
    assert "更正、撤回已发布信息：满分值与零分值不能相同" in text
    assert "目前逾期未答复：分值、满分值、零分值都应填写数字" in text
    assert SchemeChange.objects.count() == 1


def test_only_the_supervisor_sets_the_scheme(alice_client, hank_client):
    assert alice_client.get("/appraisal/scheme/").status_code == 403
    assert hank_client.post("/appraisal/scheme/", {"fixes-weight": "1"}).status_code == 403


def test_the_xlsx_and_the_printable_page(dora_client):
    from openpyxl import load_workbook

    response = dora_client.get("/appraisal/export.xlsx?year=2025")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["考核结果"].iter_rows(values_only=True))
    assert rows[0][0] == "2025年度政务公开工作考核结果"
    assert [r[:3] for r in rows[2:]] == [(1, "平罗县教育局", 90), (2, "平罗县卫生健康局", 26.33)]
    details = [
        r for r in book["考核指标"].iter_rows(values_only=True) if r[0] == "平罗县卫生健康局"
    ]
    assert details[3][:5] == ("平罗县卫生健康局", "按期答复率", "66.7%", 2, 3)
    body = dora_client.get("/appraisal/print/?year=2025").content.decode()
    assert "平罗县人民政府2025年度政务公开工作考核结果" in body
    assert len(svgs(body)) == 4 and "@page{size:A4" in body
    assert "<td>100%</td><td>80%</td>" in body  # 按期答复率: full at 100 %, nothing at 80 %
    assert "<td>是</td><td>否</td>" in body  # 年度报告按时发布


def test_a_name_that_looks_like_a_formula_stays_text_in_the_xlsx(dora_client, agency_b):
    from openpyxl import load_workbook

    agency_b.name = '=HYPERLINK("http://example.com","教育局")'
    agency_b.save()
    response = dora_client.get("/appraisal/export.xlsx?year=2025")
    cell = load_workbook(io.BytesIO(response.content))["考核结果"]["B3"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com","教育局")', "s")
