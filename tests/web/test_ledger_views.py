"""The ledger screens: review before publishing by the right people, access by agency,
Chinese messages (never a 500) for bad input, the public listing and its JSON feed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gongkai.web.ledger import checking
from gongkai.web.ledger.figures import overview_facts
from gongkai.web.ledger.models import Category, Item, ItemEvent, NormativeDocument

pytestmark = pytest.mark.django_db


def draft(client, **extra):
    data = {
        "title": "关于开展爱国卫生月活动的通知",
        "doc_number": "平卫发〔2024〕12号",
        "channels": ["portal", "wechat"],
        "body": "各乡镇卫生院：现将有关事项通知如下。",
        **extra,
    }
    response = client.post("/ledger/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Item.objects.latest("id")


def act(client, item, action, **data):
    return client.post(f"/ledger/{item.pk}/act/{action}/", data, follow=True)


def state(item):
    return Item.objects.get(pk=item.pk).state


def test_alice_drafts_and_checks_bob_approves_and_publishes(alice_client, bob_client, alice, bob):
    item = draft(alice_client)
    assert act(alice_client, item, "check").status_code == 200
    assert state(item) == "checked"

    page = act(alice_client, item, "approve").content.decode()
    assert "您没有“审核通过”的权限" in page
    assert state(item) == "checked"

    act(bob_client, item, "approve")
    act(bob_client, item, "publish", on="2024-03-05")

    item.refresh_from_db()
    assert item.state == "published"
    assert item.published_on == date(2024, 3, 5)
    events = list(ItemEvent.objects.filter(item=item).values_list("action", "actor__username"))
    assert events == [
        ("create", "alice"),
        ("check", "alice"),
        ("approve", "bob"),
        ("publish", "bob"),
    ]
    feed = bob_client.get("/published/pingluo-wj/feed.json").json()
    assert feed["count"] == 1
    assert feed["items"][0]["channels"] == ["门户网站", "微信公众号"]


def test_a_reviewer_cannot_approve_what_they_sent_for_review(bob_client, hank_client, bob, hank):
    item = draft(bob_client)
    act(bob_client, item, "check")
    page = act(bob_client, item, "approve").content.decode()
    assert "审核人不能审核自己送审的信息" in page
    assert state(item) == "checked"
    act(hank_client, item, "approve")  # the head of the office signs off instead
    assert state(item) == "approved"


def test_an_open_error_from_the_checker_blocks_publishing_until_accepted(alice_client, bob_client):
    # A real error of the real checker: a mobile number in the body (personal.phone).
    item = draft(alice_client, body="如有疑问请联系张某，手机 13951012345。")
    act(alice_client, item, "check")
    act(bob_client, item, "approve")
    (finding,) = checking.open_errors(Item.objects.get(pk=item.pk))
    assert (finding.code, finding.text) == ("personal.phone", "13951012345")

    page = act(bob_client, item, "publish").content.decode()

    assert "检查发现 1 处错误尚未处理，不能发布" in page
    assert "13951012345" in page
    assert state(item) == "approved"

    decided = bob_client.post(
        "/review/decide/",
        {
            "app_label": "ledger",
            "model": "item",
            "pk": item.pk,
            "field": checking.FIELD,
            "code": finding.code,
            "start": finding.start,
            "end": finding.end,
            "text": finding.text,
            "decision": "accepted",
            "note": "本人同意公开的工作手机",
            "next": f"/ledger/{item.pk}/",
        },
    )
    assert decided.status_code == 302
    act(bob_client, item, "publish", on="2024-03-05")
    assert state(item) == "published"


def test_a_correction_and_a_withdrawal_after_publishing_are_counted(
    alice_client, bob_client, agency_a
):
    item = draft(alice_client)
    for client, action in (
        (alice_client, "check"),
        (bob_client, "approve"),
        (bob_client, "publish"),
    ):
        act(client, item, action, on="2024-03-05")
    response = bob_client.post(
        f"/ledger/{item.pk}/edit/",
        {
            "title": "关于开展2024年爱国卫生月活动的通知",
            "channels": ["portal"],
            "note": "",
        },
    )
    assert "修改已发布的信息属于更正，请填写更正说明" in response.content.decode()
    bob_client.post(
        f"/ledger/{item.pk}/edit/",
        {
            "title": "关于开展2024年爱国卫生月活动的通知",
            "channels": ["portal"],
            "note": "标题补充年度",
        },
    )
    page = act(bob_client, item, "withdraw").content.decode()
    assert "“撤回（删除）”需要填写说明" in page
    act(bob_client, item, "withdraw", note="重复发布", on="2024-04-01")

    item.refresh_from_db()
    assert item.state == "withdrawn" and item.withdrawn_on == date(2024, 4, 1)
    assert item.title == "关于开展2024年爱国卫生月活动的通知"
    facts = overview_facts(agency_a, 2024)
    assert (facts["published"], facts["withdrawals"]) == (1, 1)
    assert bob_client.get("/published/pingluo-wj/?format=json").json()["count"] == 0


def test_charlie_of_agency_b_gets_404_for_everything_of_agency_a(
    alice_client, charlie_client, agency_a
):
    item = draft(alice_client)
    cat = Category.objects.create(agency=agency_a, name="通知公告")
    doc = NormativeDocument.objects.create(
        agency=agency_a,
        kind="normative",
        doc_number="平卫规〔2024〕1号",
        title="管理办法",
        issued_on=date(2024, 1, 2),
    )
    for url in (
        f"/ledger/{item.pk}/",
        f"/ledger/{item.pk}/edit/",
        f"/ledger/catalog/{cat.pk}/edit/",
        f"/ledger/documents/{doc.pk}/edit/",
        "/ledger/?agency=pingluo-wj",
    ):
        assert charlie_client.get(url).status_code == 404, url
    assert charlie_client.post(f"/ledger/{item.pk}/act/check/").status_code == 404
    assert charlie_client.post(f"/ledger/catalog/{cat.pk}/delete/").status_code == 404
    assert "关于开展爱国卫生月活动的通知" not in charlie_client.get("/ledger/").content.decode()


def test_dora_the_supervisor_reads_agency_a_but_changes_nothing(alice_client, dora_client):
    item = draft(alice_client)
    assert dora_client.get(f"/ledger/{item.pk}/").status_code == 200
    listing = dora_client.get("/ledger/?agency=pingluo-wj").content.decode()
    assert "关于开展爱国卫生月活动的通知" in listing and "只读" in listing
    assert dora_client.get("/ledger/new/?agency=pingluo-wj").status_code == 403
    assert dora_client.get(f"/ledger/{item.pk}/edit/").status_code == 403
    act(dora_client, item, "check")
    assert state(item) == "drafted"
    response = dora_client.post(
        "/ledger/figures/2024/?agency=pingluo-wj", {"licensing.decisions": "5"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/ledger/?page=abc&year=xx&state=bogus&channel=tv&category=zz&q=%00",
        "/ledger/documents/?page=-1&kind=x&status=y",
        "/ledger/figures/",
        "/ledger/catalog/",
        "/ledger/import/",
        "/published/pingluo-wj/?page=999&q=' OR 1=1",
        "/published/pingluo-wj/?format=json&page=zz",
        "/catalog/pingluo-wj/",
    ],
)
def test_odd_query_strings_never_give_a_500(alice_client, url):
    assert alice_client.get(url).status_code == 200


def test_bad_input_gets_chinese_messages(alice_client, agency_a):
    assert alice_client.get("/ledger/figures/3000/").status_code == 404
    assert alice_client.get("/published/no-such-agency/").status_code == 404
    page = alice_client.post("/ledger/new/", {"title": "", "channels": []}).content.decode()
    assert "请填写标题" in page and "请至少选择一个发布渠道" in page
    page = alice_client.post("/ledger/new/", {"title": "x", "channels": ["tv"]}).content.decode()
    assert "tv" in page and Item.objects.count() == 0
    page = alice_client.post(
        "/ledger/figures/2024/", {"licensing.decisions": "五百", "fees.amount_wan_yuan": "-1"}
    ).content.decode()
    assert "“五百”不是数字" in page and "不能为负数" in page
    item = draft(alice_client)
    page = act(alice_client, item, "check", on="not-a-date").content.decode()
    assert "日期格式应为 2024-03-05" in page
    page = act(alice_client, item, "fly").content.decode()
    assert "不能执行此操作" in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = alice_client.post(
        "/ledger/import/", {"file": SimpleUploadedFile("a.pdf", b"%PDF")}
    ).content.decode()
    assert "只能导入 CSV 或 XLSX 文件" in page


def test_documents_register_refuses_impossible_dates_and_repeated_numbers(alice_client, agency_a):
    data = {
        "kind": "normative",
        "doc_number": "平卫规〔2024〕1号",
        "title": "管理办法",
        "issued_on": "2024-05-01",
        "abolished_on": "2024-04-01",
    }
    page = alice_client.post("/ledger/documents/new/", data).content.decode()
    assert "废止日期不能早于制发日期" in page
    data["abolished_on"] = ""
    assert alice_client.post("/ledger/documents/new/", data).status_code == 302
    page = alice_client.post("/ledger/documents/new/", data).content.decode()
    assert "本机关已登记过这个文号" in page
    assert NormativeDocument.objects.filter(agency=agency_a).count() == 1


def test_yearly_figures_are_saved_with_their_source_and_shown_in_table_two(alice_client, agency_a):
    response = alice_client.post(
        "/ledger/figures/2024/",
        {
            "licensing.decisions": "556",
            "licensing.decisions.note": "政务服务平台办件统计",
            "fees.amount_wan_yuan": "0.5",
        },
    )
    assert response.status_code == 302
    page = alice_client.get("/ledger/figures/2024/").content.decode()
    assert "556" in page and "政务服务平台办件统计" in page and "未填报" in page
    from gongkai.web.ledger.figures import table_two

    assert table_two(agency_a, 2024, "2021")["fees"] == {"amount_wan_yuan": 0.5}
    csv = "年度,事项,指标,数值,数据来源\n2024,行政处罚,本年处理决定数量,2,执法系统\n2020,政府集中采购,采购总金额,25227,采购台账\n2024,规章,本年制发件数,1,\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = alice_client.post(
        "/ledger/figures/import/", {"file": SimpleUploadedFile("f.csv", csv.encode())}, follow=True
    ).content.decode()
    assert "已导入 2 项数据" in page
    assert "第 4 行" in page
    assert table_two(agency_a, 2024, "2021")["penalties"] == {"decisions": 2}
    assert table_two(agency_a, 2020, "2019")["procurement"]["amount_yuan"] == 25227.0


def test_the_public_catalog_counts_items_under_each_category(alice_client, bob_client, agency_a):
    top = Category.objects.create(agency=agency_a, name="政策文件", article_item=1)
    sub = Category.objects.create(agency=agency_a, name="规范性文件", parent=top)
    other = Category.objects.create(agency=agency_a, name="人事信息")
    item = draft(alice_client, category=str(sub.pk))
    for client, action in (
        (alice_client, "check"),
        (bob_client, "approve"),
        (bob_client, "publish"),
    ):
        act(client, item, action)
    draft(alice_client, category=str(top.pk), title="未发布的草稿")
    page = alice_client.get("/catalog/pingluo-wj/").content.decode()
    assert (
        page.count('<td data-label="信息数量">1</td>') == 2
    )  # 政策文件 1 (from its child), 规范性文件 1
    assert '<td data-label="信息数量">0</td>' in page  # 人事信息
    staff = alice_client.get("/ledger/catalog/").content.decode()
    assert "（2 条）" in staff  # the staff view counts the draft too
    by_top = alice_client.get(f"/published/pingluo-wj/feed.json?category={top.pk}").json()
    assert (by_top["category"], by_top["count"]) == ("政策文件", 1)  # the item of its child
    assert (
        alice_client.get(f"/published/pingluo-wj/feed.json?category={other.pk}").json()["count"]
        == 0
    )
    assert f"?category={sub.pk}" in page  # the public catalog links to the listing
    data = alice_client.get("/catalog/pingluo-wj/?format=json").json()
    assert [(c["name"], c["count"]) for c in data["categories"]] == [
        ("政策文件", 1),
        ("人事信息", 0),
    ]
    assert data["categories"][0]["children"][0]["name"] == "规范性文件"
    assert data["categories"][0]["article_item"].startswith("第二十条第（一）项")


def test_the_public_listing_searches_and_pages(alice_client, bob_client, agency_a):
    from gongkai.web.ledger.models import ItemChannel

    for n in range(45):
        i = Item.objects.create(
            agency=agency_a,
            title=f"公示{n:02d}",
            doc_number=f"平卫〔2024〕{n}号",
            state="published",
            published_on=date(2024, 1, 1 + n % 28),
            created_at=datetime(2024, 1, 1, tzinfo=UTC),
        )
        ItemChannel.objects.create(item=i, channel="portal")
    data = alice_client.get("/published/pingluo-wj/?format=json&page=3").json()
    assert (data["count"], data["pages"], data["page"], len(data["items"])) == (45, 3, 3, 5)
    data = alice_client.get("/published/pingluo-wj/feed.json?q=〔2024〕4号").json()
    assert [i["title"] for i in data["items"]] == ["公示04"]
    html = alice_client.get("/published/pingluo-wj/?q=公示1").content.decode()
    assert "共 10 条" in html


def test_the_real_checker_blocks_publishing_a_mobile_number(alice_client, bob_client):
    item = draft(alice_client, body="投诉举报请联系张科长，手机13912345678。")
    act(alice_client, item, "check")
    act(bob_client, item, "approve")
    detail = bob_client.get(f"/ledger/{item.pk}/").content.decode()
    assert "手机号码，属个人信息" in detail

    page = act(bob_client, item, "publish").content.decode()

    assert "检查发现 1 处错误尚未处理，不能发布" in page
    assert state(item) == "approved"


def test_an_error_the_reviewer_accepts_in_the_review_panel_no_longer_blocks(
    alice_client, bob_client
):
    body = "举报电话：13912345678（本局值班手机，对外公布）。"
    item = draft(alice_client, body=body)
    act(alice_client, item, "check")
    act(bob_client, item, "approve")
    text = Item.objects.get(pk=item.pk).review_text()
    start = text.index("13912345678")
    decision = {
        "app_label": "ledger",
        "model": "item",
        "pk": item.pk,
        "field": "review_text",
        "code": "personal.phone",
        "start": start,
        "end": start + 11,
        "text": "13912345678",
        "decision": "accepted",
        "note": "值班手机，按规定公开",
        "next": f"/ledger/{item.pk}/",
    }
    assert alice_client.post("/review/decide/", decision).status_code == 403  # a handler
    assert "检查发现 1 处错误尚未处理" in act(bob_client, item, "publish").content.decode()

    assert bob_client.post("/review/decide/", decision).status_code == 302
    act(bob_client, item, "publish")

    assert state(item) == "published"


def test_a_category_cannot_move_under_its_own_child_nor_under_another_agencys(
    alice_client, agency_a, agency_b
):
    top = Category.objects.create(agency=agency_a, name="政策文件")
    child = Category.objects.create(agency=agency_a, name="规范性文件", parent=top)
    foreign = Category.objects.create(agency=agency_b, name="教育政策")
    page = alice_client.post(
        f"/ledger/catalog/{top.pk}/edit/", {"name": "政策文件", "parent": child.pk, "position": 0}
    ).content.decode()
    assert "不能把类别移到它自己的下级类别中" in page
    page = alice_client.post(
        "/ledger/catalog/", {"name": "新类别", "parent": foreign.pk, "position": 0}
    ).content.decode()
    assert "选择一个有效的选项" in page
    assert alice_client.post(f"/ledger/catalog/{top.pk}/delete/", follow=True).status_code == 200
    assert Category.objects.filter(pk=top.pk).exists()  # it still has a child
    assert Category.objects.filter(agency=agency_a).count() == 2


def test_charlie_cannot_open_agency_a_import_results(alice_client, charlie_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = "标题,发布渠道,发布日期\n公示,抖音,2024-05-01\n".encode()
    response = alice_client.post("/ledger/import/", {"file": SimpleUploadedFile("a.csv", data)})
    assert response.status_code == 302
    run_url = response["Location"]
    assert "有问题 1 行未导入" in alice_client.get(run_url).content.decode()
    bad = alice_client.get(run_url + "bad-rows.csv")
    assert bad.status_code == 200
    assert "无法识别的发布渠道：抖音" in bad.content.decode("utf-8-sig")
    assert charlie_client.get(run_url).status_code == 404
    assert charlie_client.get(run_url + "bad-rows.csv").status_code == 404


def test_amounts_typed_with_their_unit_are_converted_to_the_cells_unit():
    from decimal import Decimal

    from django.core.exceptions import ValidationError

    from gongkai.web.ledger.forms import parse_figure

    assert parse_figure("2.5227万元", "amount_yuan") == Decimal("25227.00")
    assert parse_figure("25227 元", "amount_yuan") == Decimal("25227.00")
    assert parse_figure("12500元", "amount_wan_yuan") == Decimal("1.25")
    assert parse_figure("1.25万元", "amount_wan_yuan") == Decimal("1.25")
    assert parse_figure("-2", "change") == Decimal("-2.00")
    for text, field in (
        ("5元", "decisions"),
        ("1.5", "decisions"),
        ("-1", "projects"),
        ("NaN", "projects"),
    ):
        with pytest.raises(ValidationError):
            parse_figure(text, field)


def test_changes_to_documents_and_figures_are_kept_with_who_and_what(
    alice_client, bob_client, agency_a
):
    from gongkai.web.ledger.models import RegisterChange

    data = {
        "kind": "normative",
        "doc_number": "平卫规〔2022〕2号",
        "title": "管理办法",
        "issued_on": "2022-05-01",
    }
    alice_client.post("/ledger/documents/new/", data)
    doc = NormativeDocument.objects.get()
    bob_client.post(f"/ledger/documents/{doc.pk}/edit/", {**data, "abolished_on": "2024-06-30"})
    alice_client.post(
        "/ledger/figures/2024/",
        {"licensing.decisions": "556", "licensing.decisions.note": "平台统计"},
    )
    bob_client.post(
        "/ledger/figures/2024/",
        {"licensing.decisions": "560", "licensing.decisions.note": "平台统计"},
    )
    bob_client.post(
        "/ledger/figures/2024/",
        {"licensing.decisions": "560", "licensing.decisions.note": "平台统计"},
    )

    rows = list(
        RegisterChange.objects.order_by("id").values_list("register", "actor__username", "summary")
    )
    assert rows == [
        ("document", "alice", "登记"),
        ("document", "bob", "废止（失效）日期：（空） → 2024-06-30"),
        ("figure", "alice", "数值：（空） → 556；数据来源：（空） → 平台统计"),
        ("figure", "bob", "数值：556 → 560"),  # saving the same again adds nothing
    ]
    page = bob_client.get("/ledger/figures/2024/").content.decode()
    assert "数值：556 → 560" in page and "鲍勃" in page
    assert (
        "废止（失效）日期：（空） → 2024-06-30"
        in bob_client.get(f"/ledger/documents/{doc.pk}/edit/").content.decode()
    )


@pytest.mark.parametrize(
    "query", ["year=99999999999999999999", "category=99999999999999999999", "article=16", "year=0"]
)
def test_absurd_numbers_in_filters_are_ignored_not_a_500(alice_client, query):
    assert alice_client.get("/ledger/?" + query).status_code == 200


def test_the_filtered_ledger_exports_as_csv_that_imports_again(alice_client, bob_client, agency_b):
    from gongkai.web.accounts.models import User
    from gongkai.web.ledger import services

    item = draft(alice_client, article_item="5")
    for client, action in (
        (alice_client, "check"),
        (bob_client, "approve"),
        (bob_client, "publish"),
    ):
        act(client, item, action, on="2024-03-05")
    draft(alice_client, title="另一条草稿")
    response = alice_client.get("/ledger/?state=published&article=5&format=csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert "第二十条第（五）项,门户网站、微信公众号,2024-03-05" in lines[1]
    assert "已发布" in lines[1]

    charlie_b = User.objects.create(username="b2", agency=agency_b, is_handler=True)
    run = services.import_items(
        agency_b,
        charlie_b,
        "ledger.csv",
        text.encode(),
        datetime(2024, 6, 1, tzinfo=UTC),
        date(2024, 6, 1),
    )
    assert (run.created, run.bad_rows) == (1, [])
    copied = Item.objects.get(agency=agency_b)
    assert (copied.article_item, sorted(copied.channel_keys())) == (5, ["portal", "wechat"])


BIG = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/ledger/{BIG}/",
        f"/ledger/{BIG}/edit/",
        f"/ledger/catalog/{BIG}/edit/",
        f"/ledger/documents/{BIG}/edit/",
        f"/ledger/import/{BIG}/",
        f"/appeals/{BIG}/edit/",
        f"/ledger/figures/{BIG}/",
    ],
)
def test_an_id_beyond_any_integer_column_is_a_404(alice_client, url):
    assert alice_client.get(url).status_code == 404


def test_an_id_beyond_any_integer_column_in_a_form_is_an_invalid_choice(alice_client):
    page = alice_client.post(
        "/ledger/new/", {"title": "通知", "channels": ["portal"], "category": BIG}
    ).content.decode()
    assert "请选择本机关目录中的类别" in page
    assert Item.objects.count() == 0


def test_editing_a_draft_records_which_fields_changed(alice_client):
    item = draft(alice_client)
    alice_client.post(
        f"/ledger/{item.pk}/edit/",
        {
            "title": "新标题",
            "doc_number": "平卫发〔2024〕12号",
            "channels": ["portal"],
            "body": "各乡镇卫生院：现将有关事项通知如下。",
        },
    )
    event = ItemEvent.objects.filter(item=item).latest("id")
    assert (event.action, event.note) == ("edit", "修改：标题、发布渠道")


@pytest.mark.parametrize(
    "model",
    [
        "ledger/item",
        "ledger/category",
        "ledger/normativedocument",
        "ledger/yearlyfigure",
        "ledger/itemevent",
        "ledger/registerchange",
        "ledger/importrun",
        "appeals/appeal",
        "appeals/appealevent",
    ],
)
def test_the_admin_lists_open_for_a_system_administrator(client, model):
    from gongkai.web.accounts.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.gov.cn", "x"))
    assert client.get(f"/admin/{model}/").status_code == 200
