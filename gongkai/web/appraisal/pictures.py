"""The charts of the supervisor's page and each department's page (SVG strings)."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe

from gongkai.appraisal import charts
from gongkai.web.appraisal.queries import (
    engagement_by_channel,
    on_time_over_years,
    requests_by_month,
)

MONTHS = [f"{m}月" for m in range(1, 13)]
YEARS_BACK = 4


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "未评价"


def charts_for(
    agencies: list[Any], year: int, results: list[Any], highlight: str | None = None
) -> dict[str, str]:
    ids = [a.id for a in agencies]
    engagement = engagement_by_channel(ids, year)
    ranking = [
        (r.agency.name, r.score.total, f"第{r.score.rank}名 {r.score.total:.1f}分") for r in results
    ]
    svg = {
        "months": charts.stacked_bars(
            "chart-months",
            f"{year}年各月收到的政府信息公开申请及办理结果",
            MONTHS,
            requests_by_month(ids, year),
        ),
        "on_time": charts.line_chart(
            "chart-on-time",
            "历年按期答复率",
            on_time_over_years(agencies, list(range(year - YEARS_BACK + 1, year + 1))),
        ),
        "ranking": charts.ranking_bars(
            "chart-ranking", f"{year}年度考核得分排名", ranking, highlight=highlight
        ),
        "engagement": charts.ranking_bars(
            "chart-engagement",
            f"{year}年政民互动受理量及满意率",
            [
                (label, n, f"{n}件 · 满意率{_percent(sat, rated)}")
                for label, n, rated, sat in engagement
            ],
            maximum=max((n for _, n, _, _ in engagement), default=1),
        ),
    }
    # Built by gongkai.appraisal.charts, which escapes every text it puts in.
    return {k: mark_safe(v) for k, v in svg.items()}
