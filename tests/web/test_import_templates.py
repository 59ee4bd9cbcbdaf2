"""Every CSV/XLSX import offers a template (gongkai.web.imports.template_download): it
downloads with its Chinese header and a BOM, and uploaded back as it is, it imports
without a bad row. So a template never drifts from its importer."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

# (template URL, file name, header line, upload URL, what the result page says)
TEMPLATES = [
    (
        "/ledger/import/template.csv",
        "ledger-template.csv",
        "标题,文号,栏目/类别,发布渠道,发布日期,链接,编号",
        "/ledger/import/",
        "新增 1 条，更新 0 条，有问题 0 行未导入",
    ),
    (
        "/ledger/figures/template.csv",
        "figures-template.csv",
        "年度,事项,指标,数值,数据来源",
        "/ledger/figures/import/",
        "已导入 2 项数据",
    ),
    (
        "/appeals/import/template.csv",
        "appeals-template.csv",
        "类型,案号,申请人/原告,申请/立案日期,审结日期,结果,复议机关/受理法院,申请编号,"
        "重新答复期限（工作日）",
        "/appeals/import/",
        "新增 1 件，更新 0 件，有问题 0 行未导入",
    ),
    (
        "/engagement/import/template.csv",
        "engagement-template.csv",
        "渠道,编号,收到日期,主题,答复日期,办理时限,满意度",
        "/engagement/import/",
        "新增 2 件，更新 0 件，未变化 0 件，有问题 0 行未导入",
    ),
    (
        "/engagement/interpretations/import/template.csv",
        "interpretations-template.csv",
        "标题,解读形式,发布渠道,发布日期,所解读的政策文件,链接,备注",
        "/engagement/interpretations/import/",
        "新增 1 条，更新 0 条，未变化 0 条，有问题 0 行未导入",
    ),
    (
        "/engagement/activities/import/template.csv",
        "activities-template.csv",
        "活动类型,活动名称,日期,参加人数,情况说明",
        "/engagement/activities/import/",
        "新增 2 条，更新 0 条，未变化 0 条，有问题 0 行未导入",
    ),
]


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-05")
    import gongkai.web.engagement.views as v

    monkeypatch.setattr(v, "today", lambda: date(2026, 12, 5))
    return date(2026, 12, 5)


@pytest.fixture
def the_policy_of_the_example(agency_a):
    """The interpretations template explains a policy: the agency's ledger holds it."""
    from datetime import UTC, datetime

    from gongkai.web.ledger.models import Item

    return Item.objects.create(
        agency=agency_a,
        title="平罗县全民健康水平提升行动实施方案",
        state="published",
        published_on=date(2025, 3, 3),
        created_at=datetime(2025, 3, 3, tzinfo=UTC),
    )


@pytest.mark.parametrize(("url", "filename", "header", "upload_url", "said"), TEMPLATES)
def test_each_template_downloads_and_imports_as_it_is(
    alice_client,
    agency_a,
    the_policy_of_the_example,
    today,
    url,
    filename,
    header,
    upload_url,
    said,
):
    response = alice_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").splitlines()[0] == header
    file = SimpleUploadedFile(filename, response.content)
    page = alice_client.post(upload_url, {"file": file}, follow=True).content.decode()
    assert said in page
    assert 'id="bad-rows"' not in page and "第 2 行" not in page
