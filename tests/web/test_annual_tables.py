"""Tables 二, 三, 四 and the drafted text of a year rebuilt from hand-counted records.

Agency A (平罗县卫生健康局), year 2023:

requests (applicant, received, closed, disposition, fee):
  r1  natural_person        2022-12-28  2023-01-10  granted                 —   carried over
  r2  commercial_enterprise 2022-12-30  2023-02-01  unable.not_held         —   carried over
  r3  natural_person        2022-06-01  2022-07-01  granted                 —   (2022 only)
  r4  natural_person        2023-03-01  2023-03-20  granted                 —
  r5  natural_person        2023-04-01  2023-04-25  partially_granted      100
  r6  research_institution  2023-05-04  2023-05-22  withheld.state_secret   —
  r7  legal_service_org     2023-06-01  2023-06-15  not_handled.repeated   20
  r8  other_org             2023-07-03  2023-07-28  other.no_correction     —
  r9  social_welfare_org    2023-12-20  open                                —   carried forward
  r10 natural_person        2023-12-28  2024-01-05  granted                 —   carried forward
  agency B: one natural_person request received and granted in 2023 (not A's).

  new: NP 3 (r4 r5 r10), research 1, legal 1, other 1, social 1 → total 7
  carried_over: NP 1 (r1), commercial 1 (r2) → 2
  closed in 2023: granted NP 2 (r1 r4); partially NP 1; state_secret research 1;
    not_held commercial 1; repeated legal 1; no_correction other 1 → total 7
  carry_forward: social 1 (r9), NP 1 (r10) → 2          7 + 2 = 7 + 2
  fees: r5 100 + r7 20 = 120 yuan, 2 requests

normative documents: n1 issued 2020-01-10 in force; n2 issued 2021-05-01 abolished
2023-06-30 (mid-year); n3 issued 2023-03-01 → issued 1, abolished 1, in force 2.

appeals: review filed 2023-02-01 upheld 2023-04-01; review filed 2023-08-01 decided
2024-02-01 corrected (pending at the end of 2023); litigation direct filed 2023-05-01
corrected 2023-09-01; review filed 2022-11-01 (2022's) → review 1/0/0/1 = 2, direct 0/1/0/0 = 1.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from gongkai.report.model import APPLICANT_COLUMNS, disposition_keys, request_row_keys

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2024, 1, 20)

REQUESTS = [
    ("natural_person", date(2022, 12, 28), date(2023, 1, 10), "granted", 0),
    ("commercial_enterprise", date(2022, 12, 30), date(2023, 2, 1), "unable.not_held", 0),
    ("natural_person", date(2022, 6, 1), date(2022, 7, 1), "granted", 0),
    ("natural_person", date(2023, 3, 1), date(2023, 3, 20), "granted", 0),
    ("natural_person", date(2023, 4, 3), date(2023, 4, 25), "partially_granted", 100),
    ("research_institution", date(2023, 5, 4), date(2023, 5, 22), "withheld.state_secret", 0),
    ("legal_service_org", date(2023, 6, 1), date(2023, 6, 15), "not_handled.repeated", 20),
    ("other_org", date(2023, 7, 3), date(2023, 7, 28), "other.no_correction", 0),
    ("social_welfare_org", date(2023, 12, 20), None, "", 0),
    ("natural_person", date(2023, 12, 28), date(2024, 1, 5), "granted", 0),
]


def add_request(agency, applicant_type, received_on, closed_on, disposition, fee, n):
    from gongkai.web.requests.models import Request

    return Request.objects.create(
        agency=agency,
        year=received_on.year,
        seq=n,
        tracking_number=f"{agency.code}-{received_on.year}-{n}",
        channel="online",
        applicant_type=applicant_type,
        applicant_name="申请人",
        description="所需信息",
        submitted_at=datetime(received_on.year, received_on.month, received_on.day, 9, tzinfo=TZ),
        received_on=received_on,
        state="replied" if closed_on else "accepted",
        disposition=disposition,
        closed_on=closed_on,
        fee_yuan=fee,
    )


def add_year(agency, agency_b):
    from gongkai.web.appeals.models import Appeal
    from gongkai.web.ledger.models import NormativeDocument, YearlyFigure

    for n, row in enumerate(REQUESTS, start=1):
        add_request(agency, *row, n)
    add_request(agency_b, "natural_person", date(2023, 5, 5), date(2023, 5, 9), "granted", 0, 1)
    for number, issued, abolished in (
        ("平卫规〔2020〕1号", date(2020, 1, 10), None),
        ("平卫规〔2021〕2号", date(2021, 5, 1), date(2023, 6, 30)),
        ("平卫规〔2023〕1号", date(2023, 3, 1), None),
    ):
        NormativeDocument.objects.create(
            agency=agency,
            kind="normative",
            doc_number=number,
            title="关于规范医疗机构管理的通知",
            issued_on=issued,
            abolished_on=abolished,
        )
    now = datetime(2024, 1, 10, 9, tzinfo=TZ)
    for item, field, value in (
        ("licensing", "decisions", 345),
        ("penalties", "decisions", 12),
        ("enforcement", "decisions", 0),
        ("fees", "amount_wan_yuan", Decimal("1.5")),
    ):
        YearlyFigure.objects.create(
            agency=agency, year=2023, item=item, field=field, value=value, updated_at=now
        )
    for kind, filed, decided, result in (
        ("review", date(2023, 2, 1), date(2023, 4, 1), "upheld"),
        ("review", date(2023, 8, 1), date(2024, 2, 1), "corrected"),
        ("litigation_direct", date(2023, 5, 1), date(2023, 9, 1), "corrected"),
        ("review", date(2022, 11, 1), date(2023, 1, 15), "upheld"),
    ):
        Appeal.objects.create(
            agency=agency,
            kind=kind,
            appellant="申请人",
            filed_on=filed,
            decided_on=decided,
            result=result,
        )


def row(**cells):
    out = dict.fromkeys(APPLICANT_COLUMNS, 0)
    out.update(cells)
    out["total"] = sum(out[c] for c in APPLICANT_COLUMNS)
    return out


@pytest.fixture
def built(agency_a, agency_b):
    from gongkai.web.annual_reports import services

    add_year(agency_a, agency_b)
    return services.build(agency_a, 2023, TODAY)


def test_it_counts_every_cell_of_table_three_by_hand(built):
    requests = built.report.requests
    expected = {key: row() for key in request_row_keys("2021")}
    expected["new"] = row(
        natural_person=3,
        research_institution=1,
        legal_service_org=1,
        other_org=1,
        social_welfare_org=1,
    )
    expected["carried_over"] = row(natural_person=1, commercial_enterprise=1)
    expected["granted"] = row(natural_person=2)
    expected["partially_granted"] = row(natural_person=1)
    expected["withheld.state_secret"] = row(research_institution=1)
    expected["unable.not_held"] = row(commercial_enterprise=1)
    expected["not_handled.repeated"] = row(legal_service_org=1)
    expected["other.no_correction"] = row(other_org=1)
    expected["total"] = row(
        natural_person=3,
        commercial_enterprise=1,
        research_institution=1,
        legal_service_org=1,
        other_org=1,
    )
    expected["carry_forward"] = row(natural_person=1, social_welfare_org=1)
    assert requests == expected


def test_new_plus_carried_over_equals_handled_plus_carried_forward(built):
    requests = built.report.requests
    for col in (*APPLICANT_COLUMNS, "total"):
        assert requests["new"][col] + requests["carried_over"][col] == (
            requests["total"][col] + requests["carry_forward"][col]
        )
    assert requests["total"]["total"] == sum(requests[k]["total"] for k in disposition_keys("2021"))


def test_table_two_counts_the_document_abolished_mid_year(built):
    proactive = built.report.proactive
    assert proactive["normative_documents"] == {"issued": 1, "abolished": 1, "in_force": 2}
    assert proactive["rules"] == {"issued": 0, "abolished": 0, "in_force": 0}
    assert proactive["licensing"] == {"decisions": 345}
    assert proactive["penalties"] == {"decisions": 12}
    assert proactive["enforcement"] == {"decisions": 0}
    assert proactive["fees"] == {"amount_wan_yuan": 1.5}


def test_table_four_counts_the_year_cases_with_their_result_at_year_end(built):
    appeals = built.report.appeals
    assert appeals["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert appeals["litigation_direct"] == {
        "upheld": 0,
        "corrected": 1,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert appeals["litigation_after_review"]["total"] == 0


def test_the_drafted_text_states_the_counts_and_the_fees(built):
    text = built.report.text
    assert "共收到政府信息公开申请7件，上年结转2件" in text["overview"]
    assert (
        "本年度办结7件，其中予以公开2件、部分公开1件、不予公开1件、无法提供1件、不予处理1件、其他处理1件。"
        in text["overview"]
    )
    assert "结转下年度继续办理2件" in text["overview"]
    assert "被申请行政复议2件，被提起行政诉讼1件" in text["overview"]
    assert "本年制发行政规范性文件1件，废止1件，现行有效2件" in text["overview"]
    assert text["other"].endswith("对2件政府信息公开申请收取信息处理费120元。")


def test_the_built_report_passes_the_audit_without_errors(built):
    from gongkai.web.annual_reports import services

    findings = services.audit_report(built)
    assert [f for f in findings if f.severity == "error"] == []
    assert not [f for f in findings if f.code == "narrative.table_conflict"]


def test_next_year_carries_over_what_this_year_carried_forward(built, agency_a):
    from gongkai.web.annual_reports import services

    nxt = services.build(agency_a, 2024, date(2025, 1, 10))
    assert nxt.report.requests["carried_over"] == row(natural_person=1, social_welfare_org=1)
    # r10 was closed (granted) on 2024-01-05: a 2024 disposition; r9 is still open.
    assert nxt.report.requests["granted"] == row(natural_person=1)
    assert nxt.report.requests["carry_forward"] == row(social_welfare_org=1)


def test_an_imported_last_year_gives_the_carry_over(agency_a, agency_b):
    import json

    from gongkai.report.model import Report
    from gongkai.web.annual_reports import services

    add_year(agency_a, agency_b)
    last = Report.empty("2021", agency=agency_a.name, year=2022)
    for key in last.requests:
        last.requests[key] = row()
    last.requests["carry_forward"] = row(natural_person=1, commercial_enterprise=1)
    done = services.import_report(
        agency_a, 2022, "2022.json", json.dumps(last.to_json()).encode(), TODAY
    )
    assert done.report is not None and done.report.source == "imported", done.message
    built = services.build(agency_a, 2023, TODAY)
    assert built.report.requests["carried_over"] == row(natural_person=1, commercial_enterprise=1)
    findings = services.audit_report(built)
    assert not [f for f in findings if f.code == "cross_year.carry_over"]


def test_an_imported_carry_over_that_differs_from_the_records_breaks_the_balance(
    agency_a, agency_b
):
    import json

    from gongkai.report.model import Report
    from gongkai.web.annual_reports import services

    add_year(agency_a, agency_b)
    last = Report.empty("2021", agency=agency_a.name, year=2022)
    for key in last.requests:
        last.requests[key] = row()
    last.requests["carry_forward"] = row(natural_person=5)
    services.import_report(agency_a, 2022, "2022.json", json.dumps(last.to_json()).encode(), TODAY)
    built = services.build(agency_a, 2023, TODAY)
    assert built.report.requests["carried_over"] == row(natural_person=5)
    codes = {f.code for f in services.audit_report(built) if f.severity == "error"}
    assert "reconcile.balance" in codes


def test_a_government_rolls_up_the_departments_it_chooses(built, county, agency_a, agency_b):
    from gongkai.web.annual_reports import services

    report = services.build(county, 2023, TODAY, departments=[agency_a.id, agency_b.id]).report
    assert report.requests["new"]["total"] == 7 + 1
    assert report.requests["granted"]["natural_person"] == 2 + 1
    assert report.appeals["review"]["total"] == 2
    assert report.proactive["normative_documents"]["in_force"] == 2
    assert "本级政府及所属2个部门共收到政府信息公开申请8件" in report.text["overview"]
    alone = services.build(county, 2023, TODAY, departments=[]).report
    assert alone.requests["new"]["total"] == 0


def test_the_deadline_is_31_january_for_departments_and_31_march_for_governments(county, agency_a):
    from gongkai.web.annual_reports.services import due_date

    assert due_date(agency_a, 2023) == date(2024, 1, 31)
    assert due_date(county, 2023) == date(2024, 3, 31)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md", "json"])
def test_a_published_file_imported_back_gives_the_same_tables(built, agency_a, fmt):
    from gongkai.web.annual_reports import services

    report = built.report
    report.published_on = "2024-01-25"
    content = services.render(report, fmt)
    built.delete()  # the file is imported back as the agency's own report of the year
    done = services.import_report(agency_a, 2023, f"report.{fmt}", content, date(2024, 3, 1))
    assert done.published, done.message
    ar = done.report
    for table in ("proactive", "requests", "appeals"):
        assert ar.data[table] == built.data[table]
    assert ar.data["text"] == built.data["text"]
    assert ar.published_on == date(2024, 1, 25)  # the date the document carries


def test_the_json_export_validates_against_the_published_schema(built):
    import json

    import jsonschema

    from gongkai.report.audit.schema import load_schema
    from gongkai.web.annual_reports import services

    data = json.loads(services.render(built.report, "json"))
    jsonschema.validate(data, load_schema())
    assert data["schema"] == "gongkai/annual-report@1" and data["year"] == 2023


def test_a_2020_report_uses_the_2019_format_with_one_other_row(agency_a):
    from gongkai.web.annual_reports import services

    add_request(agency_a, "natural_person", date(2020, 3, 2), date(2020, 3, 30), "granted", 0, 1)
    add_request(agency_a, "other_org", date(2020, 4, 1), date(2020, 5, 6), "other.fee_unpaid", 0, 2)
    add_request(agency_a, "natural_person", date(2020, 5, 6), date(2020, 5, 8), "", 0, 3)
    report = services.build(agency_a, 2020, date(2021, 1, 10)).report
    assert report.format == "2019"
    assert "other.fee_unpaid" not in report.requests
    assert report.requests["other"] == row(other_org=1, natural_person=1)  # incl. no disposition
    assert report.requests["granted"] == row(natural_person=1)
    assert report.requests["total"] == row(natural_person=2, other_org=1)
    assert set(report.proactive) >= {"procurement", "other_services"}
