"""Regression: read-only readers of the yearly figures saw the JSON keys
("licensing.decisions") instead of the official labels next to each source note."""

from datetime import UTC, datetime

from django.urls import reverse

from gongkai.web.ledger.models import YearlyFigure


def test_the_source_notes_are_named_by_their_official_labels(agency_a, dora_client):
    YearlyFigure.objects.create(
        agency=agency_a,
        year=2024,
        item="licensing",
        field="decisions",
        value=556,
        note="县政务服务中心审批系统导出",
        updated_at=datetime(2025, 1, 5, tzinfo=UTC),
    )
    url = reverse("ledger:figures_year", args=[2024]) + f"?agency={agency_a.code}"
    page = dora_client.get(url).content.decode()
    assert "行政许可·本年处理决定数量：县政务服务中心审批系统导出" in page
    assert "licensing.decisions" not in page
