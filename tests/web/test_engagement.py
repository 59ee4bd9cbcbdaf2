"""政民互动 register: import from the platforms' exports (bad rows kept, nothing lost,
re-import idempotent), entry by hand, interpretations and activities, and who may do what."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.engagement.models import Activity, ImportRun, Interpretation, Message

# A 12345 platform export: a title line above the header, the platform's own column names.
HOTLINE_CSV = """宁夏12345政务服务便民热线工单导出（平罗县卫生健康局）
工单编号,来源,受理时间,诉求内容,办结时间,回访评价
NX2025093000011,12345热线,2025-09-30,反映乡镇卫生院夜间无人值班,2025-10-14,满意
NX2025093000012,市民热线,2025/9/30,咨询城乡居民医保门诊报销比例,2025-10-15,不满意
NX2025110300001,县长信箱,2025年11月3日,建议县医院增加儿科夜间门诊,,
NX2025120100002,传真,2025-12-01,咨询出生医学证明,2025-12-02,满意
NX2025120100003,12345热线,2025-13-01,日期有误的工单,2025-12-02,满意
NX2025120100004,12345热线,2025-12-01,,2025-12-02,满意
NX2025120100005,12345热线,2025-12-03,答复早于收到,2025-12-01,满意
NX2025120100006,12345热线,2025-12-03,评价无法识别,2025-12-04,还行
NX2025093000011,12345热线,2025-09-30,重复的工单,2025-10-14,满意
"""


def upload(client, text: str | bytes, name="hotline.csv", **extra):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/engagement/import/", {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-05")
    import gongkai.web.engagement.queries as q

    monkeypatch.setattr(q, "today", lambda: date(2026, 12, 5))
    import gongkai.web.engagement.views as v

    monkeypatch.setattr(v, "today", lambda: date(2026, 12, 5))
    return date(2026, 12, 5)


def test_an_import_keeps_every_bad_row_with_its_reason(alice_client, agency_a, today):
    response = upload(alice_client, HOTLINE_CSV)
    body = response.content.decode()
    assert "新增 3 件，更新 0 件，未变化 0 件，有问题 6 行未导入" in body
    run = ImportRun.objects.get()
    reasons = {b["line"]: b["reason"] for b in run.bad_rows}
    assert set(reasons) == {6, 7, 8, 9, 10, 11}
    assert "渠道“传真”无法识别" in reasons[6]
    assert "收到日期“2025-13-01”无法识别" in reasons[7]
    assert reasons[8] == "主题为空"
    assert reasons[9] == "答复日期早于收到日期"
    assert "满意度“还行”无法识别" in reasons[10]
    assert "与第 3 行重复" in reasons[11]
    # Good + bad = every data row: nothing lost.
    assert Message.objects.count() + len(run.bad_rows) == 9
    m = Message.objects.get(ticket_number="NX2025110300001")
    assert (m.channel, m.received_on, m.answered_on, m.limit_days) == (
        "head_mailbox",
        date(2025, 11, 3),
        None,
        15,
    )
    bad = alice_client.get(f"/engagement/import/{run.pk}/bad-rows.csv").content.decode("utf-8-sig")
    lines = bad.splitlines()
    assert lines[0] == "工单编号,来源,受理时间,诉求内容,办结时间,回访评价,错误原因,原行号"
    assert lines[1].startswith("NX2025120100002,传真,2025-12-01,咨询出生医学证明")
    assert len(lines) == 7


def test_importing_the_same_export_again_changes_nothing(alice_client, agency_a, today):
    upload(alice_client, HOTLINE_CSV)
    before = list(Message.objects.order_by("pk").values())
    body = upload(alice_client, HOTLINE_CSV).content.decode()
    assert "新增 0 件，更新 0 件，未变化 3 件" in body
    assert list(Message.objects.order_by("pk").values()) == before
    fixed = HOTLINE_CSV.replace(
        "建议县医院增加儿科夜间门诊,,", "建议县医院增加儿科夜间门诊,2025-11-20,基本满意"
    )
    assert "更新 1 件" in upload(alice_client, fixed).content.decode()
    m = Message.objects.get(ticket_number="NX2025110300001")
    assert (m.answered_on, m.satisfaction) == (date(2025, 11, 20), "basically_satisfied")


def test_an_xlsx_export_without_a_channel_column_takes_the_forms_channel(
    alice_client, agency_a, today
):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["信件编号", "来信时间", "信件标题", "回复时间"])
    sheet.append(["SJ-2025-01", date(2025, 4, 2), "反映村卫生室药品短缺", date(2025, 4, 10)])
    sheet.append(["SJ-2025-02", "2025-06-05", "咨询家庭医生签约服务", None])
    out = io.BytesIO()
    book.save(out)
    response = upload(alice_client, out.getvalue(), "书记信箱.xlsx", channel="secretary_mailbox")
    assert "新增 2 件" in response.content.decode()
    assert set(Message.objects.values_list("channel", flat=True)) == {"secretary_mailbox"}
    no_channel = upload(alice_client, out.getvalue(), "again.xlsx").content.decode()
    assert "渠道为空（请在文件中填写渠道，或在导入时选择整个文件的渠道）" in no_channel


def test_a_file_without_the_required_columns_is_refused_in_chinese(alice_client, agency_a, today):
    body = upload(alice_client, "编号,内容\n1,2\n").content.decode()
    assert "表头缺少必填列：收到日期、主题" in body
    body = upload(alice_client, b"PK\x03\x04 broken", "x.xlsx").content.decode()
    assert "无法读取该 XLSX 文件" in body
    assert Message.objects.count() == 0


def test_a_message_entered_by_hand_takes_its_channels_limit(alice_client, agency_a, today):
    response = alice_client.post(
        "/engagement/new/",
        {
            "channel": "message_board",
            "received_on": "2025-05-06",
            "topic": "议政网留言：建议公开乡镇卫生院值班表",
            "answered_on": "2025-05-09",
            "satisfaction": "",
        },
    )
    assert response.status_code == 302
    m = Message.objects.get()
    assert (m.limit_days, m.agency) == (10, agency_a)
    listing = alice_client.get("/engagement/?year=2025").content.decode()
    assert "议政网留言" in listing and "按时" in listing


def test_a_date_after_today_or_an_answer_before_receipt_is_refused(alice_client, agency_a, today):
    data = {"channel": "hotline", "received_on": "2027-01-02", "topic": "x"}
    assert "日期不能晚于今天" in alice_client.post("/engagement/new/", data).content.decode()
    data = {**data, "received_on": "2026-01-02", "answered_on": "2026-01-01"}
    assert (
        "答复日期不能早于收到日期" in alice_client.post("/engagement/new/", data).content.decode()
    )
    assert Message.objects.count() == 0


def test_an_interpretation_links_a_published_policy_of_the_agency(
    alice_client, agency_a, agency_b, today
):
    from datetime import UTC, datetime

    from gongkai.web.ledger.models import Item

    at = datetime(2025, 3, 3, tzinfo=UTC)
    policy = Item.objects.create(
        agency=agency_a,
        title="全民健康水平提升行动实施方案",
        state="published",
        published_on=date(2025, 3, 3),
        created_at=at,
    )
    theirs = Item.objects.create(
        agency=agency_b,
        title="乙局的政策",
        state="published",
        published_on=date(2025, 3, 3),
        created_at=at,
    )
    data = {
        "title": "一图读懂",
        "form": "graphic",
        "channel": "portal",
        "published_on": "2025-03-07",
    }
    body = alice_client.post(
        "/engagement/interpretations/new/", {**data, "policy": theirs.pk}
    ).content.decode()
    assert "请选择本机关已发布的政策文件" in body
    assert (
        alice_client.post(
            "/engagement/interpretations/new/", {**data, "policy": policy.pk}
        ).status_code
        == 302
    )
    listing = alice_client.get("/engagement/interpretations/?year=2025").content.decode()
    assert "全民健康水平提升行动实施方案" in listing and "滞后" in listing  # 4 working days after
    assert Interpretation.objects.get().policy == policy


def test_an_open_day_is_recorded(alice_client, agency_a, today):
    response = alice_client.post(
        "/engagement/activities/new/",
        {
            "kind": "open_day",
            "title": "政府开放日",
            "held_on": "2025-09-22",
            "participants": "24",
            "note": "走进县人民医院",
        },
    )
    assert response.status_code == 302
    assert "政府开放日" in alice_client.get("/engagement/activities/?year=2025").content.decode()
    assert Activity.objects.get().participants == 24


def test_dora_reads_a_departments_register_but_changes_nothing(dora_client, agency_a, today):
    m = Message.objects.create(
        agency=agency_a,
        channel="hotline",
        received_on=date(2025, 3, 1),
        topic="甲局诉求",
        limit_days=5,
    )
    assert (
        "甲局诉求" in dora_client.get("/engagement/?agency=pingluo-wj&year=2025").content.decode()
    )
    assert dora_client.get(f"/engagement/{m.pk}/edit/").status_code == 200
    assert dora_client.post(f"/engagement/{m.pk}/edit/", {"topic": "改"}).status_code == 403
    assert upload(dora_client, HOTLINE_CSV, agency="pingluo-wj").status_code == 403
    assert Message.objects.get().topic == "甲局诉求"


def test_charlie_of_b_cannot_open_as_message(charlie_client, agency_a, today):
    m = Message.objects.create(
        agency=agency_a,
        channel="hotline",
        received_on=date(2025, 3, 1),
        topic="甲局诉求",
        limit_days=5,
    )
    assert charlie_client.get(f"/engagement/{m.pk}/edit/").status_code == 404
    assert charlie_client.get("/engagement/?agency=pingluo-wj").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/engagement/import/",
        "/engagement/interpretations/import/",
        "/engagement/activities/import/",
    ],
)
def test_an_upload_over_5_mb_is_refused_in_chinese_and_nothing_is_imported(
    alice_client, agency_a, today, url
):
    row = "NX2025093000011,12345热线,2025-09-30,反映乡镇卫生院夜间无人值班,2025-10-14,满意\n"
    body = HOTLINE_CSV + row * (5 * 1024 * 1024 // len(row.encode()) + 1)
    assert len(body.encode()) > 5 * 1024 * 1024
    response = alice_client.post(url, {"file": SimpleUploadedFile("big.csv", body.encode())})
    assert response.status_code == 200
    assert "文件不能超过 5 MB" in response.content.decode()
    assert ImportRun.objects.count() == 0
    assert Message.objects.count() + Interpretation.objects.count() + Activity.objects.count() == 0


def runs_listed(body: str) -> list[list[str]]:
    """The rows of the page's list of past imports, each as its cells' text."""
    import re

    if 'id="import-runs"' not in body:
        return []
    table = body.split('id="import-runs"', 1)[1].split("</table>", 1)[0]
    tbody = table.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", tbody, re.S)
    ]


def test_the_import_page_lists_the_agencys_past_imports_with_their_counts(
    alice_client, charlie_client, dora_client, agency_a, agency_b, today
):
    from django.utils import timezone

    assert (
        "本机关尚未导入过政民互动事项。" in alice_client.get("/engagement/import/").content.decode()
    )
    upload(alice_client, HOTLINE_CSV, name="12345工单导出.csv")
    run = ImportRun.objects.get()
    assert (run.register, run.bad_count) == ("messages", 6)
    body = alice_client.get("/engagement/import/").content.decode()
    assert "<h2>最近的导入</h2>" in body
    assert "本机关最近 1 次导入政民互动事项的记录；有问题的行可再次下载，修改后重新导入。" in body
    at = timezone.localtime(run.at).strftime("%Y-%m-%d %H:%M")
    assert runs_listed(body) == [
        [at, "艾丽斯", "12345工单导出.csv", "3", "0", "0", "6", "下载有问题的行"]
    ]
    link = f'href="/engagement/import/{run.pk}/bad-rows.csv"'
    assert link in body
    # The link, after leaving the result page, still gives every bad row with its reason.
    bad = alice_client.get(f"/engagement/import/{run.pk}/bad-rows.csv")
    assert bad["Content-Type"] == "text/csv; charset=utf-8"
    lines = bad.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "工单编号,来源,受理时间,诉求内容,办结时间,回访评价,错误原因,原行号"
    assert len(lines) == 7
    # A clean import again: 未变化, and no download offered for a run without bad rows.
    good = "\n".join(HOTLINE_CSV.splitlines()[:4]) + "\n"
    upload(alice_client, good, name="第二次.csv")
    rows = runs_listed(alice_client.get("/engagement/import/").content.decode())
    assert [r[2:] for r in rows] == [
        ["第二次.csv", "0", "0", "2", "0", ""],
        ["12345工单导出.csv", "3", "0", "0", "6", "下载有问题的行"],
    ]
    # Charlie (agency B) sees only B's imports, none, and cannot download A's bad rows;
    # Dora reads A's registers but the import page is for A's staff.
    theirs = charlie_client.get("/engagement/import/").content.decode()
    assert runs_listed(theirs) == [] and "12345工单导出.csv" not in theirs
    assert "本机关尚未导入过政民互动事项。" in theirs
    assert charlie_client.get("/engagement/import/?agency=pingluo-wj").status_code == 404
    assert charlie_client.get(f"/engagement/import/{run.pk}/bad-rows.csv").status_code == 404
    assert dora_client.get("/engagement/import/?agency=pingluo-wj").status_code == 403


def test_the_messages_import_page_lists_only_imports_of_messages(alice_client, agency_a, today):
    activities = "活动类型,活动名称,日期\n政府开放日,走进县人民医院,2025-09-22\n"
    alice_client.post(
        "/engagement/activities/import/",
        {"file": SimpleUploadedFile("活动.csv", activities.encode())},
    )
    assert ImportRun.objects.get().register == "activities"
    body = alice_client.get("/engagement/import/").content.decode()
    assert runs_listed(body) == [] and "活动.csv" not in body


def test_the_list_of_past_imports_reads_them_in_one_query(
    alice_client, alice, agency_a, agency_b, today
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get("/engagement/import/").status_code == 200
        return len(captured)

    def run(agency, n: int) -> None:
        bad = [{"line": 2, "reason": "主题为空", "cells": []}]
        ImportRun.objects.create(
            agency=agency,
            user=alice,
            register="messages",
            at=timezone.now(),
            filename=f"第{n}批.csv",
            bad_rows=bad,
            bad_count=1,
        )

    run(agency_a, 1)
    queries()  # the first request of a session reads what later ones find cached
    one = queries()
    for n in range(2, 13):
        run(agency_a, n)
    run(agency_b, 99)
    assert queries() == one
    rows = runs_listed(alice_client.get("/engagement/import/").content.decode())
    assert [r[2] for r in rows] == [f"第{n}批.csv" for n in range(12, 2, -1)]  # the last 10


def test_a_message_with_a_number_reimported_with_a_new_topic_and_date_is_updated(
    alice_client, agency_a, today
):
    upload(alice_client, HOTLINE_CSV)
    before = Message.objects.get(ticket_number="NX2025093000011")
    edited = HOTLINE_CSV.replace(
        "NX2025093000011,12345热线,2025-09-30,反映乡镇卫生院夜间无人值班",
        "NX2025093000011,12345热线,2025-09-29,反映乡镇卫生院夜间无人值守",
        1,
    )
    assert "新增 0 件，更新 1 件，未变化 2 件" in upload(alice_client, edited).content.decode()
    after = Message.objects.get(ticket_number="NX2025093000011")
    assert after.pk == before.pk
    assert (after.topic, after.received_on) == ("反映乡镇卫生院夜间无人值守", date(2025, 9, 29))
    assert Message.objects.count() == 3


def test_a_message_without_a_number_reimported_with_a_new_topic_is_a_new_message(
    alice_client, agency_a, today
):
    # Without a number nothing names the message but its channel, date and topic: a changed
    # topic is another message (documented on the page and in docs/appraisal.md).
    csv = "渠道,收到日期,主题\n留言板,2025-05-06,建议增设社区卫生服务站\n"
    upload(alice_client, csv)
    edited = csv.replace("建议增设社区卫生服务站", "建议增设社区卫生服务站点")
    assert "新增 1 件，更新 0 件，未变化 0 件" in upload(alice_client, edited).content.decode()
    assert Message.objects.count() == 2
    page = alice_client.get("/engagement/import/").content.decode()
    assert (
        "没有编号的行按渠道、收到日期和主题识别，修改其中任一项后重新导入将作为新的事项登记" in page
    )


def test_two_channels_letters_with_the_same_number_are_two_messages(alice_client, agency_a, today):
    # The head's mailbox and the message board both number their letters from 001.
    csv = (
        "渠道,编号,收到日期,主题\n"
        "县长信箱,001,2025-05-06,建议增设社区卫生服务站\n"
        "留言板,001,2025-05-07,咨询疫苗接种时间\n"
    )
    assert "新增 2 件，更新 0 件，未变化 0 件" in upload(alice_client, csv).content.decode()
    assert sorted(Message.objects.values_list("channel", "ticket_number", "topic")) == [
        ("head_mailbox", "001", "建议增设社区卫生服务站"),
        ("message_board", "001", "咨询疫苗接种时间"),
    ]
    # Again, with the board's letter corrected: that one is updated, the mailbox's kept.
    edited = csv.replace("咨询疫苗接种时间", "咨询流感疫苗接种时间")
    assert "新增 0 件，更新 1 件，未变化 1 件" in upload(alice_client, edited).content.decode()
    assert Message.objects.get(channel="head_mailbox").topic == "建议增设社区卫生服务站"


def test_the_migration_names_numbered_messages_by_channel_and_number(agency_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "gongkai.web.engagement.migrations.0003_message_ticket_key_by_channel"
    )
    common = {
        "agency": agency_a,
        "received_on": date(2025, 5, 6),
        "topic": "主题",
        "limit_days": 15,
    }
    numbered = Message.objects.create(channel="hotline", ticket_number="NX1", **common)
    Message.objects.create(  # imported: named by its channel, date and topic
        channel="message_board", import_key="message_board|2025-05-06|主题", **common
    )
    Message.objects.filter(pk=numbered.pk).update(import_key="ticket|NX1")  # as before 0003
    migration.by_channel(apps, None)
    assert sorted(Message.objects.values_list("import_key", flat=True)) == [
        "message_board|2025-05-06|主题",
        "ticket|hotline|NX1",
    ]


def _by_hand(client, **fields):
    data = {"channel": "hotline", "received_on": "2025-08-01", "topic": "手工登记的热线工单"}
    return client.post("/engagement/new/", {**data, **fields})


def test_a_message_entered_by_hand_is_found_by_the_import_of_the_same_row(
    alice_client, agency_a, today
):
    assert _by_hand(alice_client, ticket_number="HAND-1").status_code == 302
    csv = "渠道,编号,收到日期,主题\n12345热线,HAND-1,2025-08-01,手工登记的热线工单\n"
    assert "新增 0 件，更新 0 件，未变化 1 件" in upload(alice_client, csv).content.decode()
    assert Message.objects.count() == 1


def test_a_message_corrected_by_hand_is_found_by_the_corrected_file(alice_client, agency_a, today):
    # What the import page advises for a message without a number: correct it by hand,
    # then import the corrected file.
    csv = "渠道,收到日期,主题\n留言板,2025-05-06,无编号留言：小区垃圾清运\n"
    upload(alice_client, csv)
    message = Message.objects.get()
    edit = {"channel": "message_board", "received_on": "2025-05-06", "limit_days": 10}
    topic = "无编号留言：小区垃圾清运不及时"
    response = alice_client.post(f"/engagement/{message.pk}/edit/", {**edit, "topic": topic})
    assert response.status_code == 302
    corrected = csv.replace("小区垃圾清运", "小区垃圾清运不及时")
    assert "新增 0 件，更新 0 件，未变化 1 件" in upload(alice_client, corrected).content.decode()
    # A numbered message whose channel was corrected by hand: the same.
    upload(alice_client, "渠道,编号,收到日期,主题\n县长信箱,XZ2025-041,2025-06-01,来信\n")
    letter = Message.objects.get(ticket_number="XZ2025-041")
    edit = {"received_on": "2025-06-01", "topic": "来信", "ticket_number": "XZ2025-041"}
    edit |= {"channel": "secretary_mailbox", "limit_days": 15}
    assert alice_client.post(f"/engagement/{letter.pk}/edit/", edit).status_code == 302
    moved = "渠道,编号,收到日期,主题\n书记信箱,XZ2025-041,2025-06-01,来信\n"
    assert "新增 0 件" in upload(alice_client, moved).content.decode()
    assert Message.objects.count() == 2


def test_the_same_message_entered_twice_by_hand_is_refused_and_keeps_what_was_typed(
    alice_client, agency_a, today
):
    assert _by_hand(alice_client, ticket_number="HAND-1").status_code == 302
    response = _by_hand(alice_client, ticket_number="HAND-1", note="第二次登记")
    body = response.content.decode()
    assert response.status_code == 200
    assert "本机关已登记同一渠道、同一编号的事项" in body
    assert "第二次登记" in body  # the form keeps what was typed
    assert Message.objects.count() == 1


def test_the_migration_gives_every_message_the_key_of_its_fields(agency_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "gongkai.web.engagement.migrations.0004_message_key_of_every_message"
    )
    common = {"agency": agency_a, "received_on": date(2025, 5, 6), "limit_days": 15}
    made = [
        Message.objects.create(channel="hotline", ticket_number="NX1", topic="甲", **common),
        Message.objects.create(channel="message_board", topic="乙", **common),
    ]
    # As before 0004: a hand-entered message had no key, an edited one its old text's.
    Message.objects.filter(pk=made[0].pk).update(import_key="")
    Message.objects.filter(pk=made[1].pk).update(import_key="message_board|2025-05-06|旧")
    migration.rekey(apps, None)
    assert sorted(Message.objects.values_list("import_key", flat=True)) == [
        "message_board|2025-05-06|乙",
        "ticket|hotline|NX1",
    ]


def test_each_import_page_leads_back_to_its_register(alice_client, agency_a, today):
    pages = {
        "/engagement/import/": ('href="/engagement/"', "返回政民互动事项"),
        "/engagement/interpretations/import/": ('href="/engagement/interpretations/"', "返回"),
        "/engagement/activities/import/": ('href="/engagement/activities/"', "返回"),
    }
    for page, (href, words) in pages.items():
        body = alice_client.get(page).content.decode()
        assert f"{href}>{words}" in body, page
