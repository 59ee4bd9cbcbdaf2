"""Demo annual reports: the year before last published by everyone, last year in progress.

`load(today)` is idempotent (a report that exists is left alone). For the year before
last every agency's report is published on time; for last year the first department
publishes on time, the second late (when `today` allows), the others stay drafts, and
the county's draft rolls up every department. Table 二 figures that nobody entered in
the ledger's demo are entered here (0 or a plausible count), so every report is full.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.report.model import PROACTIVE_ITEMS, format_for_year
from gongkai.web.accounts.models import Agency
from gongkai.web.annual_reports import services
from gongkai.web.annual_reports.models import AnnualReport

TZ = ZoneInfo("Asia/Shanghai")

PROBLEMS = {
    "older": (
        "一是主动公开的深度和广度还需拓展，部分栏目信息更新不够及时。"
        "二是政策解读形式较为单一，图解、视频等解读材料偏少。"
        "下一步，{name}将健全信息发布审核机制，丰富解读形式，提高公开质量。"
    ),
    "recent": (
        "一是依申请公开办理的规范化水平有待提高，个别答复告知书说理不够充分。"
        "二是基层工作人员对《中华人民共和国政府信息公开条例》的理解掌握不够深入。"
        "下一步，{name}将组织专题业务培训，规范答复文书，落实先审后发和保密审查制度。"
    ),
}
FIGURES = {"licensing": 120, "penalties": 8, "enforcement": 0, "fees": 0}


def _enter_missing_figures(agency: Agency, year: int) -> None:
    from gongkai.web.ledger.figures import entered_fields
    from gongkai.web.ledger.models import YearlyFigure

    seed = sum(map(ord, agency.code)) % 17
    for item, field in entered_fields(format_for_year(year)):
        base = FIGURES.get(item, 0)
        value = Decimal(base + seed if base else 0)
        YearlyFigure.objects.get_or_create(
            agency=agency,
            year=year,
            item=item,
            field=field,
            defaults={
                "value": value,
                "note": "演示数据",
                "updated_at": datetime(year + 1, 1, 5, 9, tzinfo=TZ),
            },
        )


def _prepare(agency: Agency, year: int, today: date, when: str, departments=None):
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        return None
    _enter_missing_figures(agency, year)
    ar = services.build(agency, year, today, departments=departments)
    name = "本机关" if agency.kind == "government" else "我局"
    services.save_texts(ar, {"problems": PROBLEMS[when].format(name=name, year=year + 1)})
    return ar


@transaction.atomic
def load(today: date) -> None:
    departments = list(Agency.objects.filter(kind="department").order_by("id"))
    governments = list(Agency.objects.filter(kind="government").order_by("id"))
    older, recent = today.year - 2, today.year - 1
    if format_for_year(older) not in PROACTIVE_ITEMS:  # pragma: no cover - formats are fixed
        return
    for agency in departments:
        ar = _prepare(agency, older, date(older + 1, 1, 10), "older")
        if ar is not None:
            services.publish(ar, date(older + 1, 1, 25))
    for agency in governments:
        below = [d.id for d in departments if d.parent_id == agency.id]
        ar = _prepare(agency, older, date(older + 1, 3, 1), "older", below)
        if ar is not None:
            services.publish(ar, date(older + 1, 3, 25))

    publish_on = [date(recent + 1, 1, 20), date(recent + 1, 2, 10)]  # on time, then late
    for i, agency in enumerate(departments):
        ar = _prepare(agency, recent, min(today, date(recent + 1, 1, 10)), "recent")
        if ar is not None and i < len(publish_on) and publish_on[i] <= today:
            services.publish(ar, publish_on[i])
    for agency in governments:
        below = [d.id for d in departments if d.parent_id == agency.id]
        _prepare(agency, recent, today, "recent", below)
