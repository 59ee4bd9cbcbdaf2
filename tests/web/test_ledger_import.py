"""Importing a CMS export: good rows in, every bad row listed with its line and reason."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook

from gongkai.web.ledger import services
from gongkai.web.ledger.importing import ImportFileError, bad_rows_csv, parse_date, split_channels
from gongkai.web.ledger.models import Category, Item, ItemEvent

pytestmark = pytest.mark.django_db
NOW = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
TODAY = date(2024, 6, 1)

CSV = """标题,文号,栏目/类别,发布渠道,发布日期,链接
关于开展2024年爱国卫生月活动的通知,平卫发〔2024〕12号,通知公告,门户网站、微信公众号,2024-03-05,https://www.pingluo.gov.cn/a/1
2024年第一季度行政许可结果公示,,第二十条第（五）项,门户网站;微博,2024年4月2日,
,,,门户网站,2024-04-03,
无日期的信息,,,门户网站,,
渠道不明的信息,,,抖音、门户网站,2024-04-05,
未来的信息,,,门户网站,2024-12-01,
栏目不存在的信息,,不存在的栏目,门户网站,2024-04-06,
日期写错的信息,,,公开栏,2024-02-30,
重复文号的信息,平卫发〔2024〕12号,,电子屏,2024-04-08,
"""


def run(agency, user, data: bytes, name="cms.csv"):
    return services.import_items(agency, user, name, data, NOW, TODAY)


def test_it_imports_good_rows_and_lists_every_bad_row_with_a_reason(agency_a, alice):
    Category.objects.create(agency=agency_a, name="通知公告")

    result = run(agency_a, alice, CSV.encode())

    assert result.created == 2
    assert [(b["line"], b["reason"]) for b in result.bad_rows] == [
        (4, "标题为空"),
        (5, "发布日期为空"),
        (6, "无法识别的发布渠道：抖音（可用：门户网站、微信公众号、微博、公开栏、电子屏、其他）"),
        (7, "发布日期 2024-12-01 晚于今天"),
        (8, "栏目/类别“不存在的栏目”既不是第二十条的事项，也不在本机关主动公开基本目录中"),
        (9, "发布日期“2024-02-30”无法识别（应为 2024-03-05 或 2024年3月5日）"),
        (10, "与第 2 行重复（同一编号、文号或同一标题与发布日期）"),
    ]
    notice = Item.objects.get(doc_number="平卫发〔2024〕12号")
    assert notice.state == "published"
    assert notice.published_on == date(2024, 3, 5)
    assert notice.category.name == "通知公告"
    assert sorted(notice.channel_keys()) == ["portal", "wechat"]
    permit = Item.objects.get(title="2024年第一季度行政许可结果公示")
    assert permit.article_item == 5
    assert permit.published_on == date(2024, 4, 2)
    assert sorted(permit.channel_keys()) == ["portal", "weibo"]
    assert ItemEvent.objects.filter(action="import").count() == 2


def test_reimporting_the_same_file_adds_nothing_and_a_changed_row_updates(agency_a, alice):
    Category.objects.create(agency=agency_a, name="通知公告")
    run(agency_a, alice, CSV.encode())

    again = run(agency_a, alice, CSV.encode())
    assert (again.created, again.updated) == (0, 0)
    assert Item.objects.count() == 2

    changed = CSV.replace(
        "门户网站、微信公众号,2024-03-05", "门户网站、微信公众号、公开栏,2024-03-05"
    )
    third = run(agency_a, alice, changed.encode())
    assert (third.created, third.updated) == (0, 1)
    notice = Item.objects.get(doc_number="平卫发〔2024〕12号")
    assert sorted(notice.channel_keys()) == ["notice_board", "portal", "wechat"]


def test_the_bad_rows_download_can_be_fixed_and_imported_again(agency_a, alice):
    first = run(agency_a, alice, CSV.encode())
    # row 2's category 通知公告 is not in the catalog yet, so row 10 is no duplicate this time
    assert [b["line"] for b in first.bad_rows] == [2, 4, 5, 6, 7, 8, 9]
    download = bad_rows_csv(first.header, first.bad_rows)
    assert download.startswith("\ufeff标题,文号,栏目/类别,发布渠道,发布日期,链接,错误原因,原行号")
    Category.objects.create(agency=agency_a, name="通知公告")
    fixed = download.replace("抖音、门户网站", "门户网站").replace("2024-02-30", "2024-02-28")

    second = run(agency_a, alice, fixed.encode("utf-8"))

    # the fixed channel and date rows are new; row 2 updates the item row 10 made (same 文号)
    assert (second.created, second.updated) == (2, 1)
    assert len(second.bad_rows) == 4  # no title, no date, a future date, an unknown category
    assert Item.objects.filter(title="渠道不明的信息").exists()
    assert Item.objects.get(title="日期写错的信息").published_on == date(2024, 2, 28)
    assert Item.objects.get(doc_number="平卫发〔2024〕12号").category.name == "通知公告"


def test_it_reads_xlsx_with_date_cells_and_gb18030_csv(agency_a, alice):
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "标题", "发布渠道", "发布日期"])
    sheet.append(["cms-1", "健康知识宣传", "微信公众号", datetime(2024, 5, 6)])
    sheet.append(["cms-2", "免疫规划通知", "门户网站、电子屏", "2024/05/07"])
    buf = io.BytesIO()
    book.save(buf)

    result = run(agency_a, alice, buf.getvalue(), "export.xlsx")

    assert (result.created, result.bad_rows) == (2, [])
    assert Item.objects.get(import_key="cms-1").published_on == date(2024, 5, 6)
    gbk = "标题,发布渠道,发布日期\n公示,公开栏,2024-05-01\n".encode("gb18030")
    assert run(agency_a, alice, gbk).created == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF", "只能导入 CSV 或 XLSX 文件"),
        ("a.xlsx", b"not a zip", "无法读取该 XLSX 文件"),
        ("a.csv", b"", "文件中没有任何数据"),
        ("a.csv", "名称,日期\nx,2024-01-01\n".encode(), "表头缺少必填列：发布渠道、发布日期"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_chinese_message(agency_a, alice, name, data, message):
    with pytest.raises(ImportFileError) as exc:
        run(agency_a, alice, data, name)
    assert message in str(exc.value)


def test_dates_and_channels_in_the_forms_people_write():
    assert parse_date("2024年3月5日") == date(2024, 3, 5)
    assert parse_date("2024.03.05") == date(2024, 3, 5)
    assert parse_date("2024-03-05 10:30:00") == date(2024, 3, 5)
    assert parse_date("20240305") == date(2024, 3, 5)
    assert parse_date("3/5/2024") is None
    assert split_channels("门户网站、微信公众号；微博") == (["portal", "wechat", "weibo"], [])
    assert split_channels("网站、网站") == (["portal"], [])
    assert split_channels("抖音") == ([], ["抖音"])


def test_a_nul_byte_in_a_cell_is_dropped_because_postgresql_refuses_it(agency_a, alice):
    data = "标题,发布渠道,发布日期\n公\x00示,门户网站,2024-05-01\n".encode()
    result = run(agency_a, alice, data, "nul\x00.csv")
    assert result.created == 1
    assert Item.objects.get().title == "公示"
    assert result.filename == "nul.csv"


def test_title_lines_above_the_header_are_skipped_and_lines_keep_their_numbers(agency_a, alice):
    book = Workbook()
    sheet = book.active
    sheet.append(["平罗县卫生健康局信息公开导出"])
    sheet.append(["导出时间：2024-06-01"])
    sheet.append(["标题", "发布渠道", "发布日期"])
    sheet.append(["健康知识宣传", "微信公众号", "2024-05-06"])
    sheet.append(["", "门户网站", "2024-05-07"])
    buf = io.BytesIO()
    book.save(buf)

    result = run(agency_a, alice, buf.getvalue(), "export.xlsx")

    assert result.created == 1
    assert [(b["line"], b["reason"]) for b in result.bad_rows] == [(5, "标题为空")]
