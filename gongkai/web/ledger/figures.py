"""The ledger's figures for the annual report: pure query functions, counted in the database.

`table_two(agency, year, fmt)` is exactly the `proactive` object of the JSON spec;
`overview_facts(agency, year)` gives the facts section 一 is drafted from.

Rules (documented in docs/ledger.md):
- 规章 / 行政规范性文件, format 2021: `issued` = issued_on in the year; `abolished` =
  abolished_on in the year; `in_force` = issued on or before 31 Dec and not abolished by then.
- format 2019: `made` = issued_on in the year; `published` = published_on (issued_on when
  blank) in the year; `total_published` = published on or before 31 Dec and still in force.
- every other cell comes from `YearlyFigure`; a cell nobody entered is None, never 0.
- items: an item counts as published in the year of its `published_on`, even if later
  withdrawn; corrections and withdrawals count in the year of the event's date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from gongkai.report.model import DECIMAL_FIELDS, PROACTIVE_ITEMS, Cell, FormatName
from gongkai.web.ledger.choices import ARTICLE_ITEMS, CHANNELS
from gongkai.web.ledger.models import (
    Category,
    Item,
    ItemChannel,
    ItemEvent,
    NormativeDocument,
    YearlyFigure,
)

REGISTER_ITEMS = {"rules": "rule", "normative_documents": "normative"}


def entered_fields(fmt: FormatName) -> list[tuple[str, str]]:
    """(item, field) pairs of table 二 that are entered as yearly figures, not computed."""
    return [
        (item.key, f)
        for item in PROACTIVE_ITEMS[fmt]
        if item.key not in REGISTER_ITEMS
        for f in item.fields
    ]


def _register_counts(agency: Any, year: int, fmt: FormatName) -> dict[str, dict[str, Cell]]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    alive = Q(abolished_on__isnull=True) | Q(abolished_on__gt=end)
    out: dict[str, dict[str, Cell]] = {}
    for key, kind in REGISTER_ITEMS.items():
        docs = NormativeDocument.objects.filter(agency=agency, kind=kind)
        if fmt == "2021":
            counts = docs.aggregate(
                issued=Count("id", filter=Q(issued_on__range=(start, end))),
                abolished=Count("id", filter=Q(abolished_on__range=(start, end))),
                in_force=Count("id", filter=Q(issued_on__lte=end) & alive),
            )
        else:
            docs = docs.annotate(shown_on=Coalesce("published_on", "issued_on"))
            counts = docs.aggregate(
                made=Count("id", filter=Q(issued_on__range=(start, end))),
                published=Count("id", filter=Q(shown_on__range=(start, end))),
                total_published=Count("id", filter=Q(shown_on__lte=end) & alive),
            )
        out[key] = dict(counts)
    return out


def _entered(agency: Any, year: int, fmt: FormatName) -> dict[str, dict[str, Cell]]:
    out: dict[str, dict[str, Cell]] = {}
    for item in PROACTIVE_ITEMS[fmt]:
        if item.key not in REGISTER_ITEMS:
            out[item.key] = dict.fromkeys(item.fields)
    rows = YearlyFigure.objects.filter(agency=agency, year=year, item__in=out).values_list(
        "item", "field", "value"
    )
    for item_key, field, value in rows:
        if field in out[item_key]:
            out[item_key][field] = float(value) if field in DECIMAL_FIELDS else int(value)
    return out


def table_two(agency: Any, year: int, fmt: FormatName) -> dict[str, dict[str, Cell]]:
    """The `proactive` object of `gongkai/annual-report@1` for `agency`'s `year` in `fmt`."""
    if fmt not in PROACTIVE_ITEMS:
        raise ValueError(f"unknown format {fmt!r}")
    computed = _register_counts(agency, year, fmt)
    entered = _entered(agency, year, fmt)
    return {
        item.key: computed[item.key] if item.key in computed else entered[item.key]
        for item in PROACTIVE_ITEMS[fmt]
    }


def figure_notes(agency: Any, year: int) -> dict[str, str]:
    """ "licensing.decisions" -> where the number came from, for the figures entered."""
    rows = YearlyFigure.objects.filter(agency=agency, year=year).values_list(
        "item", "field", "note"
    )
    return {f"{i}.{f}": note for i, f, note in rows if note}


def overview_facts(agency: Any, year: int) -> dict[str, Any]:
    """Facts for drafting section 一 (总体情况·主动公开):

    published: items published in the year (withdrawn later or not);
    by_channel: channel key -> items of the year on that channel (an item on three
      channels counts once on each, so the sum may exceed `published`);
    by_article_item: 1..15 -> items of the year under that 第二十条 item (0 = none given);
    by_category: [{id, name, count}] for catalog categories with items in the year;
    catalog_categories: size of the catalog (categories); catalog_items: items listed in the
      catalog at the end of the year (published by 31 Dec, not withdrawn by then);
    corrections / withdrawals: events of the year ("修改不规范信息5条，删除10条").
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    of_year = Item.objects.filter(agency=agency, published_on__range=(start, end))
    by_channel = dict.fromkeys(CHANNELS, 0)
    for channel, n in (
        ItemChannel.objects.filter(item__in=of_year)
        .values_list("channel")
        .annotate(n=Count("id"))
        .order_by()
    ):
        by_channel[channel] = n
    by_article = dict.fromkeys([*ARTICLE_ITEMS, 0], 0)
    for article, n in of_year.values_list("article_item").annotate(n=Count("id")).order_by():
        by_article[article or 0] = n
    names = dict(Category.objects.filter(agency=agency).values_list("id", "name"))
    by_category = [
        {"id": cid, "name": names[cid], "count": n}
        for cid, n in of_year.filter(category__isnull=False)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by("category")
    ]
    events = ItemEvent.objects.filter(item__agency=agency, on__range=(start, end)).aggregate(
        corrections=Count("id", filter=Q(action="correct")),
        withdrawals=Count("id", filter=Q(action="withdraw")),
    )
    listed = Item.objects.filter(agency=agency, published_on__lte=end).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=end)
    )
    return {
        "year": year,
        "published": of_year.count(),
        "by_channel": by_channel,
        "by_article_item": by_article,
        "by_category": by_category,
        "catalog_categories": len(names),
        "catalog_items": listed.count(),
        "corrections": events["corrections"],
        "withdrawals": events["withdrawals"],
    }
