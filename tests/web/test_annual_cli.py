"""`gongkai report build|publish` and the demo's annual reports."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gongkai.cli import main
from tests.web.test_annual_tables import add_year


@pytest.fixture
def year_data(agency_a, agency_b):
    add_year(agency_a, agency_b)


def test_build_writes_every_format_and_prints_the_audit(year_data, tmp_path, capsys):
    status = main(
        [
            "report",
            "build",
            "--agency",
            "pingluo-wj",
            "--year",
            "2023",
            "--out",
            str(tmp_path),
            "--today",
            "2024-01-15",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0, out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"pingluo-wj-2023.{ext}" for ext in ("docx", "html", "json", "md", "pdf")]
    data = json.loads((tmp_path / "pingluo-wj-2023.json").read_text(encoding="utf-8"))
    assert data["requests"]["new"]["total"] == 7
    assert "平罗县卫生健康局" in out and "审核结果" in out


def test_build_needs_one_agency_or_all(year_data, capsys):
    assert main(["report", "build", "--year", "2023"]) == 2
    assert "二者选一" in capsys.readouterr().err
    assert main(["report", "build", "--agency", "nowhere", "--year", "2023"]) == 2
    assert "找不到机关代码" in capsys.readouterr().err


def test_publish_refuses_a_report_with_errors_then_publishes_it_fixed(year_data, tmp_path, capsys):
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.ledger.models import YearlyFigure

    figure = YearlyFigure.objects.get(item="penalties")
    figure.delete()
    assert (
        main(
            ["report", "build", "--agency", "pingluo-wj", "--year", "2023", "--out", str(tmp_path)]
        )
        == 1
    )  # the audit found an error
    capsys.readouterr()
    args = [
        "report",
        "publish",
        "--agency",
        "pingluo-wj",
        "--year",
        "2023",
        "--today",
        "2024-01-30",
    ]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "未发布" in err and "尚未填报" in err
    figure.pk = None
    figure.save()
    assert (
        main(
            ["report", "build", "--agency", "pingluo-wj", "--year", "2023", "--out", str(tmp_path)]
        )
        == 0
    )
    assert main(args) == 0
    assert "按时发布" in capsys.readouterr().out
    ar = AnnualReport.objects.get(agency__code="pingluo-wj", year=2023)
    assert ar.state == "published" and ar.published_on == date(2024, 1, 30)


def test_the_demo_gives_every_agency_a_full_report_without_an_audit_error(demo_county):
    from gongkai.web import demo
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport
    from tests.conftest import DEMO_TODAY

    assert date(2026, 12, 5) == DEMO_TODAY  # the demo county was loaded on that day
    reports = list(AnnualReport.objects.select_related("agency"))
    assert {(r.agency.code, r.year) for r in reports} == {
        (code, year)
        for code in ("pingluo", "pingluo-wj", "pingluo-jy", "pingluo-zr")
        for year in (2024, 2025)
    }
    for ar in reports:
        errors = [f for f in services.audit_report(ar) if f.severity == "error"]
        assert errors == [], (ar, errors)
        for fmt in services.EXPORT_FORMATS:
            assert services.export(ar, fmt)
    states = {(r.agency.code, r.year): (r.state, r.on_time) for r in reports}
    assert states[("pingluo-wj", 2025)] == ("published", True)
    assert states[("pingluo-jy", 2025)] == ("published", False)
    assert states[("pingluo", 2025)] == ("draft", None)
    county = AnnualReport.objects.get(agency__code="pingluo", year=2025).report
    departments = [
        AnnualReport.objects.get(agency__code=c, year=2025).report
        for c in ("pingluo-wj", "pingluo-jy", "pingluo-zr")
    ]
    assert county.requests["new"]["total"] >= sum(d.requests["new"]["total"] for d in departments)
    assert sum(d.requests["new"]["total"] for d in departments) > 0
    demo.load(DEMO_TODAY, echo=lambda *a: None)  # idempotent
    assert AnnualReport.objects.count() == len(reports)
