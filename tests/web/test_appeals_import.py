"""Importing an existing appeals register: good rows in, bad rows listed, re-import idempotent."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.appeals.figures import table_four
from gongkai.web.appeals.models import Appeal

pytestmark = pytest.mark.django_db

CSV = """平罗县卫生健康局行政复议、行政诉讼案件登记
类型,案号,申请人/原告,申请/立案日期,审结日期,结果,复议机关/受理法院,申请编号
行政复议,平政复〔2024〕1号,张某,2024-02-01,2024-04-01,驳回,平罗县人民政府,
行政复议,平政复〔2024〕2号,李某,2024-03-01,2024-05-01,纠正,平罗县人民政府,{tracking}
未经复议直接起诉,（2024）宁0221行初3号,王某,2024-06-01,,尚未审结,平罗县人民法院,
上访,,赵某,2024-06-02,,,,
行政复议,,,2024-06-03,,,,
行政复议,,钱某,2024-13-01,,,,
行政复议,,孙某,2024-07-01,2024-06-01,维持,,
行政复议,,周某,2024-07-01,,维持,,
行政复议,,吴某,2024-07-01,,,,不存在的编号
"""


def upload(client, text):
    data = SimpleUploadedFile("appeals.csv", text.encode("utf-8"))
    return client.post("/appeals/import/", {"file": data})


def test_it_imports_good_rows_lists_bad_ones_and_reimports_without_duplicates(
    alice_client, agency_a, make_request
):
    req = make_request(agency_a, received_on=date(2024, 1, 8))
    text = CSV.format(tracking=req.tracking_number)

    page = upload(alice_client, text).content.decode()

    assert "新增 3 件，更新 0 件，有问题 6 行未导入" in page
    for reason in (
        "类型“上访”无法识别",
        "申请人/原告为空",
        "申请/立案日期“2024-13-01”无法识别",
        "审结日期早于申请/立案日期",
        "已审结的案件请填写审结日期",
        "本机关没有编号为“不存在的编号”的申请",
    ):
        assert reason in page
    assert Appeal.objects.get(case_number="平政复〔2024〕2号").request == req
    assert table_four(agency_a, 2024)["review"] == {
        "upheld": 1,
        "corrected": 1,
        "other": 0,
        "pending": 0,
        "total": 2,
    }
    assert "新增 0 件，更新 0 件" in upload(alice_client, text).content.decode()
    decided = text.replace("2024-06-01,,尚未审结", "2024-06-01,2024-09-01,撤回")
    assert "新增 0 件，更新 1 件" in upload(alice_client, decided).content.decode()
    assert Appeal.objects.get(kind="litigation_direct").result == "other"
    assert Appeal.objects.count() == 3


def test_only_the_agencys_working_staff_may_import(dora_client, charlie_client, agency_a):
    assert dora_client.get("/appeals/import/").status_code == 403
    assert upload(dora_client, CSV.format(tracking="")).status_code == 403
    page = upload(charlie_client, "类型,案号\n行政复议,1\n").content.decode()
    assert "表头缺少必填列：申请人/原告、申请/立案日期" in page
    assert Appeal.objects.count() == 0
