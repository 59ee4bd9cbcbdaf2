"""Demo data for the ledger: each department gets its catalog, two years of items walked
through 先审后发 (a few corrected, one withdrawn, a few still in review), normative
documents (one abolished) and the yearly figures of table 二.

`load(today)` is idempotent: a department that already has ledger items is left alone.
Nothing is dated after `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.report.model import format_for_year
from gongkai.web.accounts.models import Agency, User
from gongkai.web.ledger import services
from gongkai.web.ledger.figures import entered_fields
from gongkai.web.ledger.models import Category, Item, NormativeDocument, YearlyFigure

TZ = ZoneInfo("Asia/Shanghai")

# (name, 第二十条 item, children)
Node = tuple[str, int | None, list["Node"]]
CATALOG: list[Node] = [
    ("机构职能", 2, [("领导信息", 2, []), ("内设机构", 2, [])]),
    ("政策文件", 1, [("规范性文件", 1, []), ("政策解读", 1, [])]),
    ("规划计划", 3, []),
    ("行政许可", 5, []),
    ("行政处罚", 6, []),
    ("财政预决算", 7, []),
    ("收费项目", 8, []),
    ("人事信息", 14, []),
    ("通知公告", None, []),
]
ITEMS = [
    ("规范性文件", "{name}关于印发《{y}年政务公开工作要点》的通知", "{abbr}发〔{y}〕{n}号"),
    ("政策解读", "一图读懂《{y}年政务公开工作要点》", ""),
    ("规划计划", "{name}{y}年工作计划", ""),
    ("行政许可", "{y}年第{q}季度行政许可结果公示", ""),
    ("行政处罚", "{y}年第{q}季度行政处罚结果公示", ""),
    ("财政预决算", "{name}{y}年部门预算公开", ""),
    ("收费项目", "{name}行政事业性收费项目清单（{y}年）", ""),
    ("人事信息", "{name}{y}年公开招聘工作人员拟聘用人员公示", ""),
    ("通知公告", "关于开展{y}年“政府开放日”活动的公告", ""),
    ("领导信息", "{name}领导班子成员及分工（{y}年调整）", ""),
]
CHANNEL_SETS = [
    ["portal"],
    ["portal", "wechat"],
    ["portal", "wechat", "weibo"],
    ["portal", "notice_board"],
    ["wechat"],
    ["portal", "screen", "notice_board"],
]
BODY = "根据《中华人民共和国政府信息公开条例》规定，现将有关情况予以公开。"
FIGURES: dict[str, tuple[int | Decimal, str]] = {  # per format: (item, field) -> (value, source)
    "licensing.decisions": (556, "政务服务平台办件统计"),
    "penalties.decisions": (6, "行政执法监督平台"),
    "enforcement.decisions": (0, "行政执法监督平台"),
    "fees.amount_wan_yuan": (Decimal("1.25"), "财务部门收费台账"),
}


def _abbr(agency: Agency) -> str:
    """平罗县卫生健康局 -> 卫 (the first character after the county or city)."""
    name = agency.name
    for mark in ("县", "市", "区"):
        if mark in name and name.index(mark) + 1 < len(name):
            return name[name.index(mark) + 1]
    return name[0]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


def _staff(agency: Agency) -> dict[str, User]:
    """A handler and a different person to sign off (a reviewer, else the head)."""
    users = list(User.objects.filter(agency=agency).order_by("id"))
    handler = next((u for u in users if u.is_handler), None)
    others = [u for u in users if u != handler]
    reviewer = next((u for u in others if u.is_reviewer), None) or next(
        (u for u in others if u.is_head), None
    )
    return {k: v for k, v in (("handler", handler), ("reviewer", reviewer)) if v is not None}


def _catalog(agency: Agency) -> dict[str, Category]:
    made: dict[str, Category] = {}

    def add(entries, parent):
        for position, (name, article, children) in enumerate(entries, start=1):
            made[name] = Category.objects.create(
                agency=agency, name=name, article_item=article, parent=parent, position=position
            )
            add(children, made[name])

    add(CATALOG, None)
    return made


def _publish(item: Item, staff: dict, day: date) -> None:
    services.take_action(item, staff["handler"], "check", _at(day, 9), day)
    services.take_action(item, staff["reviewer"], "approve", _at(day, 11), day)
    services.take_action(item, staff["reviewer"], "publish", _at(day, 15), day)


def _items(agency: Agency, today: date, staff: dict, cats: dict[str, Category]) -> int:
    rng = random.Random(agency.code + "-ledger")
    abbr = _abbr(agency)
    made = 0
    for year in (today.year - 1, today.year):
        # 22 a year; the current year only up to today
        share = 22 if year < today.year else max(3, 22 * today.timetuple().tm_yday // 365)
        for n, day in enumerate(_days(year, today, share, rng), start=1):
            cat_name, title, number = ITEMS[n % len(ITEMS)]
            words = {
                "name": agency.name,
                "y": year,
                "n": n,
                "q": (day.month - 1) // 3 + 1,
                "abbr": abbr,
            }
            cat = cats[cat_name]
            data = {
                "title": title.format(**words) + ("" if n <= len(ITEMS) else f"（{n}）"),
                "doc_number": number.format(**words),
                "article_item": cat.article_item,
                "category": cat,
                "body": BODY,
            }
            item = services.create_item(
                agency, staff["handler"], data, rng.choice(CHANNEL_SETS), _at(day, 8), day
            )
            made += 1
            _publish(item, staff, day)
            if n % 7 == 3 and day + timedelta(days=10) <= today:
                fix = day + timedelta(days=10)
                services.take_action(
                    item, staff["reviewer"], "correct", _at(fix), fix, "更正表述不规范的内容"
                )
            if n == 5 and day + timedelta(days=20) <= today:
                gone = day + timedelta(days=20)
                services.take_action(
                    item, staff["reviewer"], "withdraw", _at(gone), gone, "信息重复发布，予以删除"
                )
    made += _in_review(agency, today, staff, cats)
    return made


def _days(year: int, today: date, count: int, rng: random.Random) -> list[date]:
    end = min(date(year, 12, 31), today - timedelta(days=1))
    start = date(year, 1, 5)
    if end < start:
        return []
    span = (end - start).days
    return sorted(start + timedelta(days=rng.randrange(span + 1)) for _ in range(count))


def _in_review(agency: Agency, today: date, staff: dict, cats: dict[str, Category]) -> int:
    """Three items still on the way: a draft, one checked, and one the checker blocks."""
    notice = cats["通知公告"]
    texts = [
        ("关于调整办公时间的通知（草稿）", BODY, None),
        ("关于开展健康知识进社区活动的通知", BODY, "check"),
        ("关于公布投诉举报电话的通知", "投诉举报请联系张科长，手机13912345678。", "check"),
    ]
    for title, body, step in texts:
        data = {"title": title, "category": notice, "body": body}
        item = services.create_item(
            agency, staff["handler"], data, ["portal", "wechat"], _at(today, 8), today
        )
        if step:
            services.take_action(item, staff["handler"], step, _at(today, 9), today)
    return len(texts)


def _documents(agency: Agency, today: date) -> None:
    abbr = _abbr(agency)
    last = today.year - 1
    rows = [
        (
            "normative",
            f"平{abbr}规发〔{last - 3}〕1号",
            f"{agency.name}行政执法公示办法",
            date(last - 3, 4, 10),
            None,
        ),
        (
            "normative",
            f"平{abbr}规发〔{last - 2}〕2号",
            f"{agency.name}重大行政决策程序规定",
            date(last - 2, 6, 1),
            date(last, 6, 30),
        ),
        (
            "normative",
            f"平{abbr}规发〔{last}〕1号",
            f"{agency.name}政务公开工作制度",
            date(last, 3, 15),
            None,
        ),
        (
            "normative",
            f"平{abbr}规发〔{last}〕3号",
            f"{agency.name}信息发布审核办法",
            date(last, 9, 20),
            None,
        ),
    ]
    for kind, number, title, issued, abolished in rows:
        NormativeDocument.objects.get_or_create(
            agency=agency,
            doc_number=number,
            defaults={"kind": kind, "title": title, "issued_on": issued, "abolished_on": abolished},
        )


def _figures(agency: Agency, today: date, user: User | None) -> None:
    for year in (today.year - 2, today.year - 1):
        for item_key, field in entered_fields(format_for_year(year)):
            name = f"{item_key}.{field}"
            value, note = FIGURES.get(name, (0, "业务科室报送"))
            YearlyFigure.objects.get_or_create(
                agency=agency,
                year=year,
                item=item_key,
                field=field,
                defaults={
                    "value": value + (year % 3 if field == "decisions" else 0),
                    "note": note,
                    "updated_by": user,
                    "updated_at": _at(date(year + 1, 1, 10)),
                },
            )


@transaction.atomic
def load(today: date) -> None:
    for agency in Agency.objects.filter(kind="department"):
        staff = _staff(agency)
        if len(staff) < 2:
            continue
        if not Item.objects.filter(agency=agency).exists():
            cats = (
                _catalog(agency)
                if not agency.catalog_categories.exists()
                else {c.name: c for c in agency.catalog_categories.all()}
            )
            if all(name in cats for name, *_ in ITEMS):
                _items(agency, today, staff, cats)
        _documents(agency, today)
        _figures(agency, today, staff.get("handler"))
