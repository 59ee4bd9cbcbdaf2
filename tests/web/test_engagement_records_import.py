"""Importing 政策解读 and 政务公开活动 from CSV/XLSX through the web: the template downloads,
every bad row is kept with its Chinese reason, the same file twice adds nothing, an
interpretation finds its policy in the agency's ledger, and only the agency's own staff
import into it."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.engagement.models import Activity, ImportRun, Interpretation

INTERPRETATIONS_CSV = """标题,解读形式,发布渠道,发布日期,所解读的政策文件,链接,备注
一图读懂全民健康水平提升行动,图解,门户网站,2025-03-07,全民健康水平提升行动实施方案,https://www.pingluo.gov.cn/zcjd/1.html,
医保缴费政策问答,文字解读,微信公众号,2025年4月2日,平卫发〔2025〕8号,,
卫生健康工作新闻发布会,新闻发布会,门户网站,2025-06-18,,,县政府新闻办主办
乙局政策的解读,文字解读,门户网站,2025-03-08,乙局的政策,,
早于政策的解读,图解,门户网站,2025-03-01,全民健康水平提升行动实施方案,,
,视频,抖音,2025-13-01,,www.example.com,
两个渠道的解读,文字解读,门户网站、微信公众号,2025-05-05,,,
明年的解读,文字解读,门户网站,2027-01-04,,,
一图读懂全民健康水平提升行动,图解,门户网站,2025-03-07,,,
"""

ACTIVITIES_CSV = """活动类型,活动名称,日期,参加人数,情况说明
政府开放日,走进县人民医院,2025-09-22,24,邀请人大代表、群众代表参加
培训,政务公开业务培训,2025/5/16,45人,
新闻发布会,卫生健康新闻发布会,2025-06-18,,
政府开放日,开放日人数约数,2025-10-10,30余人,
座谈会,群众座谈,2025-11-01,12,
政府开放日,,2025-11-02,12,
政府开放日,走进县人民医院,2025-09-22,30,重复的一行
"""


def upload(client, what: str, text: str | bytes, name="list.csv", **extra):
    data = text.encode("utf-8") if isinstance(text, str) else text
    file = SimpleUploadedFile(name, data)
    return client.post(f"/engagement/{what}/import/", {"file": file, **extra})


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-05")
    import gongkai.web.engagement.views as v

    monkeypatch.setattr(v, "today", lambda: date(2026, 12, 5))
    return date(2026, 12, 5)


@pytest.fixture
def policies(agency_a, agency_b):
    from gongkai.web.ledger.models import Item

    at = datetime(2025, 3, 3, tzinfo=UTC)

    def item(agency, title, doc_number="", state="published"):
        return Item.objects.create(
            agency=agency,
            title=title,
            doc_number=doc_number,
            state=state,
            published_on=date(2025, 3, 3),
            created_at=at,
        )

    return {
        "health": item(agency_a, "全民健康水平提升行动实施方案"),
        "insurance": item(agency_a, "关于城乡居民医保缴费的通知", "平卫发〔2025〕8号"),
        "theirs": item(agency_b, "乙局的政策"),
    }


def reasons_of(run: ImportRun) -> dict[int, str]:
    return {b["line"]: b["reason"] for b in run.bad_rows}


def test_the_interpretation_template_downloads_with_the_chinese_header(alice_client, today):
    response = alice_client.get("/engagement/interpretations/import/template.csv")
    assert response["Content-Disposition"] == 'attachment; filename="interpretations-template.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "标题,解读形式,发布渠道,发布日期,所解读的政策文件,链接,备注"
    assert lines[1].startswith("一图读懂《平罗县全民健康水平提升行动实施方案》,图解,门户网站")


def test_the_activity_template_downloads_and_imports_as_it_is(alice_client, agency_a, today):
    response = alice_client.get("/engagement/activities/import/template.csv")
    assert response["Content-Disposition"] == 'attachment; filename="activities-template.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "活动类型,活动名称,日期,参加人数,情况说明"
    body = upload(alice_client, "activities", response.content).content.decode()
    assert "新增 2 条，更新 0 条，未变化 0 条，有问题 0 行未导入" in body
    assert Activity.objects.filter(agency=agency_a).count() == 2


def test_an_interpretations_import_keeps_every_bad_row_with_its_reason(
    alice_client, agency_a, policies, today
):
    body = upload(alice_client, "interpretations", INTERPRETATIONS_CSV).content.decode()
    assert "新增 3 条，更新 0 条，未变化 0 条，有问题 6 行未导入" in body
    run = ImportRun.objects.get()
    reasons = reasons_of(run)
    assert set(reasons) == {5, 6, 7, 8, 9, 10}
    assert reasons[5] == (
        "本机关台账中没有已发布的政策文件“乙局的政策”（请填写台账中的标题或文号）"
    )
    assert reasons[6] == "解读材料的发布日期早于所解读的政策文件（2025-03-03 发布）"
    assert reasons[7].split("；") == [
        "标题为空",
        "发布渠道“抖音”无法识别（可用：门户网站、微信公众号、微博、公开栏、电子屏、其他）",
        "发布日期“2025-13-01”无法识别（应为 2024-03-05 或 2024年3月5日）",
        "链接“www.example.com”应为以 http:// 或 https:// 开头的网址",
    ]
    assert reasons[8].startswith("每行只能填写一个发布渠道")
    assert reasons[9] == "发布日期 2027-01-04 晚于今天"
    assert reasons[10] == "与第 2 行重复（同一标题和发布日期）"
    # Good + bad = every data row: nothing lost.
    assert Interpretation.objects.count() + len(run.bad_rows) == 9
    by_title = {i.title: i for i in Interpretation.objects.all()}
    assert by_title["一图读懂全民健康水平提升行动"].policy == policies["health"]
    assert by_title["医保缴费政策问答"].policy == policies["insurance"]  # found by its 文号
    assert by_title["医保缴费政策问答"].published_on == date(2025, 4, 2)
    assert by_title["卫生健康工作新闻发布会"].policy is None
    assert by_title["卫生健康工作新闻发布会"].form == "press"
    bad = alice_client.get(f"/engagement/import/{run.pk}/bad-rows.csv").content
    lines = bad.decode("utf-8-sig").splitlines()
    assert lines[0] == "标题,解读形式,发布渠道,发布日期,所解读的政策文件,链接,备注,错误原因,原行号"
    assert lines[1].startswith("乙局政策的解读,文字解读,门户网站,2025-03-08,乙局的政策")
    assert len(lines) == 7
    listing = alice_client.get("/engagement/interpretations/?year=2025").content.decode()
    assert "全民健康水平提升行动实施方案" in listing


def test_a_form_of_interpretation_not_listed_is_not_guessed(alice_client, agency_a, today):
    csv = "标题,解读形式,发布渠道,发布日期\n短视频解读,视频,门户网站,2025-05-05\n"
    body = upload(alice_client, "interpretations", csv).content.decode()
    assert "新增 1 条" in body  # 视频 is one of the names of 视频解读
    assert Interpretation.objects.get().form == "video"
    csv = "标题,解读形式,发布渠道,发布日期\n某解读,动画,门户网站,2025-05-05\n"
    upload(alice_client, "interpretations", csv)
    assert reasons_of(ImportRun.objects.order_by("pk").last()) == {
        2: "解读形式“动画”无法识别（可用：文字解读、图解、视频解读、新闻发布会、其他形式）"
    }
    assert Interpretation.objects.count() == 1


def test_importing_the_same_interpretations_again_adds_nothing(
    alice_client, agency_a, policies, today
):
    upload(alice_client, "interpretations", INTERPRETATIONS_CSV)
    before = list(Interpretation.objects.order_by("pk").values())
    body = upload(alice_client, "interpretations", INTERPRETATIONS_CSV).content.decode()
    assert "新增 0 条，更新 0 条，未变化 3 条，有问题 6 行未导入" in body
    assert list(Interpretation.objects.order_by("pk").values()) == before
    fixed = INTERPRETATIONS_CSV.replace(",,县政府新闻办主办", ",,县政府新闻办、县卫健局联合主办")
    assert "更新 1 条" in upload(alice_client, "interpretations", fixed).content.decode()
    assert Interpretation.objects.get(form="press").note == "县政府新闻办、县卫健局联合主办"
    assert Interpretation.objects.count() == 3


def test_an_activities_import_keeps_every_bad_row_and_adds_nothing_twice(
    alice_client, agency_a, today
):
    body = upload(alice_client, "activities", ACTIVITIES_CSV).content.decode()
    assert "新增 3 条，更新 0 条，未变化 0 条，有问题 4 行未导入" in body
    reasons = reasons_of(ImportRun.objects.get())
    assert reasons == {
        5: "参加人数“30余人”应为整数（如 30；“30余人”请填写实际人数）",
        6: "活动类型“座谈会”无法识别（可用：政府开放日、业务培训、新闻发布会、其他活动）",
        7: "活动名称为空",
        8: "与第 2 行重复（同一活动名称和日期）",
    }
    training = Activity.objects.get(kind="training")
    assert (training.title, training.held_on, training.participants) == (
        "政务公开业务培训",
        date(2025, 5, 16),
        45,
    )
    assert Activity.objects.get(kind="press_conference").participants == 0
    before = list(Activity.objects.order_by("pk").values())
    body = upload(alice_client, "activities", ACTIVITIES_CSV).content.decode()
    assert "新增 0 条，更新 0 条，未变化 3 条，有问题 4 行未导入" in body
    assert list(Activity.objects.order_by("pk").values()) == before


def test_an_xlsx_list_of_activities_is_read_with_its_dates(alice_client, agency_a, today):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["平罗县卫生健康局2025年政务公开活动"])  # a title line above the header
    sheet.append(["类型", "名称", "活动日期", "人数", "说明"])
    sheet.append(["政府开放日", "走进疾控中心", date(2025, 4, 20), 18, None])
    out = io.BytesIO()
    book.save(out)
    body = upload(alice_client, "activities", out.getvalue(), "活动.xlsx").content.decode()
    assert "新增 1 条" in body
    assert Activity.objects.get().held_on == date(2025, 4, 20)


def test_a_file_without_the_required_columns_is_refused_in_chinese(alice_client, agency_a, today):
    body = upload(alice_client, "activities", "名称,人数\n开放日,3\n").content.decode()
    assert "表头缺少必填列：活动类型、活动名称、日期" in body
    body = upload(alice_client, "interpretations", b"PK\x03\x04 broken", "x.xlsx").content.decode()
    assert "无法读取该 XLSX 文件" in body
    body = upload(alice_client, "interpretations", "标题\n", "x.pdf").content.decode()
    assert "只能导入 CSV 或 XLSX 文件" in body
    assert (Activity.objects.count(), Interpretation.objects.count()) == (0, 0)


def test_a_file_over_the_row_limit_is_refused_and_stores_nothing(alice_client, agency_a, today):
    from gongkai.web.ledger.importing import MAX_ROWS

    rows = "".join(f"业务培训,第{n}期培训,2025-05-16,1\n" for n in range(MAX_ROWS + 1))
    body = upload(alice_client, "activities", "活动类型,活动名称,日期,参加人数\n" + rows)
    assert f"一次最多导入 {MAX_ROWS} 行，请分批导入" in body.content.decode()
    assert Activity.objects.count() == 0


def test_another_agencys_user_cannot_import_into_a(
    charlie_client, dora_client, agency_a, agency_b, policies, today
):
    for what, text in (("interpretations", INTERPRETATIONS_CSV), ("activities", ACTIVITIES_CSV)):
        assert upload(charlie_client, what, text, agency="pingluo-wj").status_code == 404
        assert upload(dora_client, what, text, agency="pingluo-wj").status_code == 403
    assert (Activity.objects.count(), Interpretation.objects.count()) == (0, 0)
    # Charlie's own import goes into B, where A's policies are not found.
    upload(charlie_client, "interpretations", INTERPRETATIONS_CSV)
    assert set(Interpretation.objects.values_list("agency", flat=True)) == {agency_b.pk}
    assert not Interpretation.objects.filter(policy__agency=agency_a).exists()
    assert Interpretation.objects.get(title="乙局政策的解读").policy == policies["theirs"]


def test_the_lists_link_their_import_pages(alice_client, agency_a, today):
    listing = alice_client.get("/engagement/interpretations/").content.decode()
    assert 'href="/engagement/interpretations/import/"' in listing
    listing = alice_client.get("/engagement/activities/").content.decode()
    assert 'href="/engagement/activities/import/"' in listing
    page = alice_client.get("/engagement/activities/import/").content.decode()
    assert 'href="/engagement/activities/import/template.csv"' in page


def runs_listed(body: str) -> list[list[str]]:
    from tests.web.test_engagement import runs_listed as listed

    return listed(body)


@pytest.mark.parametrize(
    ("what", "text", "noun", "counts"),
    [
        ("interpretations", INTERPRETATIONS_CSV, "政策解读", ["3", "0", "0", "6"]),
        ("activities", ACTIVITIES_CSV, "政务公开活动", ["3", "0", "0", "4"]),
    ],
)
def test_each_import_page_lists_its_own_past_imports_for_the_agency_only(
    alice_client, charlie_client, agency_a, agency_b, policies, today, what, text, noun, counts
):
    from django.utils import timezone

    other = "activities" if what == "interpretations" else "interpretations"
    page = f"/engagement/{what}/import/"
    assert f"本机关尚未导入过{noun}。" in alice_client.get(page).content.decode()
    upload(alice_client, what, text, name=f"{noun}.csv")
    run = ImportRun.objects.get()
    assert run.register == what
    body = alice_client.get(page).content.decode()
    at = timezone.localtime(run.at).strftime("%Y-%m-%d %H:%M")
    assert runs_listed(body) == [[at, "艾丽斯", f"{noun}.csv", *counts, "下载有问题的行"]]
    assert f'href="/engagement/import/{run.pk}/bad-rows.csv"' in body
    bad = alice_client.get(f"/engagement/import/{run.pk}/bad-rows.csv").content.decode("utf-8-sig")
    assert bad.splitlines()[0] == ",".join([*text.splitlines()[0].split(","), "错误原因", "原行号"])
    assert len(bad.splitlines()) == 1 + int(counts[3])
    # Not on the other register's page; not for agency B.
    assert runs_listed(alice_client.get(f"/engagement/{other}/import/").content.decode()) == []
    theirs = charlie_client.get(page).content.decode()
    assert runs_listed(theirs) == [] and f"本机关尚未导入过{noun}。" in theirs
    assert charlie_client.get(f"{page}?agency=pingluo-wj").status_code == 404
    assert charlie_client.get(f"/engagement/import/{run.pk}/bad-rows.csv").status_code == 404


def test_an_interpretation_reimported_with_its_link_and_a_corrected_title_and_date_is_updated(
    alice_client, agency_a, policies, today
):
    upload(alice_client, "interpretations", INTERPRETATIONS_CSV)
    before = Interpretation.objects.get(url="https://www.pingluo.gov.cn/zcjd/1.html")
    edited = INTERPRETATIONS_CSV.replace(
        "一图读懂全民健康水平提升行动,图解,门户网站,2025-03-07,",
        "一图读懂《全民健康水平提升行动实施方案》,图解,门户网站,2025-03-10,",
    )  # in its duplicate row too, which stays a duplicate of row 2
    body = upload(alice_client, "interpretations", edited).content.decode()
    assert "新增 0 条，更新 1 条，未变化 2 条，有问题 6 行未导入" in body
    assert reasons_of(ImportRun.objects.order_by("pk").last())[10] == (
        "与第 2 行重复（同一标题和发布日期）"
    )
    after = Interpretation.objects.get(url="https://www.pingluo.gov.cn/zcjd/1.html")
    assert after.pk == before.pk
    assert (after.title, after.published_on) == (
        "一图读懂《全民健康水平提升行动实施方案》",
        date(2025, 3, 10),
    )
    assert Interpretation.objects.count() == 3
    # The same file again: nothing changes; the old title now names nothing.
    assert "新增 0 条，更新 0 条，未变化 3 条" in (
        upload(alice_client, "interpretations", edited).content.decode()
    )


def test_an_interpretation_without_a_link_is_named_by_its_title_and_date(
    alice_client, agency_a, policies, today
):
    upload(alice_client, "interpretations", INTERPRETATIONS_CSV)
    # No link: a corrected title is another interpretation (as the page says).
    edited = INTERPRETATIONS_CSV.replace("医保缴费政策问答,", "城乡居民医保缴费政策问答,")
    assert "新增 1 条，更新 0 条，未变化 2 条" in (
        upload(alice_client, "interpretations", edited).content.decode()
    )
    assert Interpretation.objects.count() == 4
    page = alice_client.get("/engagement/interpretations/import/").content.decode()
    assert "填写链接的，按链接识别同一解读材料，修改标题或发布日期后重新导入即更新原记录" in page
    # A link given later is added to the record of the same title and date.
    linked = INTERPRETATIONS_CSV.replace(
        "卫生健康工作新闻发布会,新闻发布会,门户网站,2025-06-18,,,",
        "卫生健康工作新闻发布会,新闻发布会,门户网站,2025-06-18,,https://www.pingluo.gov.cn/xwfb/6.html,",
    )
    assert (
        "新增 0 条，更新 1 条" in upload(alice_client, "interpretations", linked).content.decode()
    )
    assert Interpretation.objects.get(form="press").url == "https://www.pingluo.gov.cn/xwfb/6.html"
    assert Interpretation.objects.count() == 4


def test_two_rows_with_one_link_are_refused_as_the_same_interpretation(
    alice_client, agency_a, today
):
    csv = (
        "标题,解读形式,发布渠道,发布日期,链接\n"
        "医保政策解读,文字解读,门户网站,2025-05-05,https://www.pingluo.gov.cn/zcjd/9.html\n"
        "医保政策图解,图解,门户网站,2025-05-06,https://www.pingluo.gov.cn/zcjd/9.html\n"
    )
    body = upload(alice_client, "interpretations", csv).content.decode()
    assert "新增 1 条，更新 0 条，未变化 0 条，有问题 1 行未导入" in body
    assert reasons_of(ImportRun.objects.get()) == {3: "与第 2 行重复（同一链接）"}
    assert Interpretation.objects.get().title == "医保政策解读"


def test_an_activity_reimported_with_a_changed_name_is_a_new_activity(
    alice_client, agency_a, today
):
    # A list of activities carries no number or link: the name and date are all that name
    # an activity, so a renamed one is registered as new (the page says to edit by hand).
    upload(alice_client, "activities", ACTIVITIES_CSV)
    edited = ACTIVITIES_CSV.replace(
        "政务公开业务培训,2025/5/16", "2025年政务公开业务培训,2025/5/16"
    )
    body = upload(alice_client, "activities", edited).content.decode()
    assert "新增 1 条，更新 0 条，未变化 2 条，有问题 4 行未导入" in body
    assert Activity.objects.filter(kind="training").count() == 2
    assert (
        "文件中修改了活动名称或日期的，将作为新的活动登记，如需更正已登记的活动，请先在登记簿中修改该活动，再导入。"
        in body
    )
    # Renamed by hand first, the edited file finds it.
    Activity.objects.filter(title="2025年政务公开业务培训").delete()
    Activity.objects.filter(kind="training").update(title="2025年政务公开业务培训")
    body = upload(alice_client, "activities", edited).content.decode()
    assert "新增 0 条，更新 0 条，未变化 3 条" in body


def test_the_migration_tells_each_past_run_which_register_it_filled(agency_a, alice):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module("gongkai.web.engagement.migrations.0002_importrun_register")
    headers = {
        "messages": ["工单编号", "来源", "受理时间", "诉求内容", "办结时间", "回访评价"],
        "interpretations": ["标题", "解读形式", "发布渠道", "发布日期", "链接"],
        "activities": ["类型", "名称", "活动日期", "人数", "说明"],
    }
    bad = [{"line": 3, "reason": "主题为空", "cells": []}] * 2
    for header in headers.values():
        ImportRun.objects.create(
            agency=agency_a, user=alice, at=timezone.now(), filename="x.csv", header=header
        )
    ImportRun.objects.filter(header=headers["messages"]).update(bad_rows=bad)
    migration.classify(apps, None)
    assert {(r.header[0], r.register, r.bad_count) for r in ImportRun.objects.all()} == {
        ("工单编号", "messages", 2),
        ("标题", "interpretations", 0),
        ("类型", "activities", 0),
    }


def test_a_row_of_the_same_title_and_date_with_another_link_is_another_interpretation(
    alice_client, agency_a, policies, today
):
    # Found by a new user's trial: it overwrote the link of the record it resembled.
    upload(alice_client, "interpretations", INTERPRETATIONS_CSV)
    other = INTERPRETATIONS_CSV.replace(
        "https://www.pingluo.gov.cn/zcjd/1.html", "https://www.pingluo.gov.cn/other/9999.html"
    )
    body = upload(alice_client, "interpretations", other).content.decode()
    assert "新增 1 条，更新 0 条" in body
    urls = set(Interpretation.objects.values_list("url", flat=True))
    assert {
        "https://www.pingluo.gov.cn/zcjd/1.html",
        "https://www.pingluo.gov.cn/other/9999.html",
    } <= urls
