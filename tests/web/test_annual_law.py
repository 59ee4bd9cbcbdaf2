"""The law on the annual report, on every path (issue 9, items 4, 5 and 8).

- 第四十九条: a year's report is published after that year has ended (service, web, CLI);
- an imported report is the agency's and the year's it is filed under, passes the audit a
  built report passes before it is stored as published, and is dated as the document is
  (or as the user enters when it is not), never on the day of the import;
- section 一 as drafted states how many requests were answered late and how many are overdue;
- the copy check does not fire on the text the builder drafted from this year's figures;
- a figure in the text that contradicts a table is an error: it blocks publishing.

Agency A's records of 2023 are those of `test_annual_tables` (hand-counted there).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from io import BytesIO

import pytest

from gongkai.cli import main
from tests.web.test_annual_tables import TZ, add_request, add_year

URL = "/reports/pingluo-wj/2023/"


@pytest.fixture
def year_data(agency_a, agency_b):
    add_year(agency_a, agency_b)


@pytest.fixture
def draft(year_data, agency_a):
    from gongkai.web.annual_reports import services

    return services.build(agency_a, 2023, date(2023, 12, 20))


def _published_files(ar) -> list[str]:
    return sorted(ar.files.values_list("fmt", flat=True))


# ------------------------------------------------------------------ item 4: after the year
def test_the_service_refuses_to_publish_a_year_that_has_not_ended(draft):
    from gongkai.web.annual_reports import services

    outcome = services.publish(draft, date(2023, 12, 31))
    assert not outcome.published
    assert outcome.message == (
        "2023年度尚未结束，2023年度报告应在2024年1月1日以后发布"
        "（《中华人民共和国政府信息公开条例》第四十九条）。"
    )
    draft.refresh_from_db()
    assert (draft.state, draft.published_on, _published_files(draft)) == ("draft", None, [])
    assert services.publish(draft, date(2024, 1, 2)).published  # the first working day after


def test_bob_cannot_publish_in_december_the_report_of_the_year(draft, bob_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2023-12-29")
    page = bob_client.get(URL).content.decode()
    assert 'id="publish" disabled' in page
    assert "2023年度尚未结束" in page
    response = bob_client.post(URL + "publish/", follow=True)  # the button bypassed
    assert "2023年度尚未结束，2023年度报告应在2024年1月1日以后发布" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.published_on is None


def test_the_cli_refuses_to_publish_a_year_that_has_not_ended(draft, capsys):
    args = ["report", "publish", "--agency", "pingluo-wj", "--year", "2023"]
    assert main([*args, "--today", "2023-12-31"]) == 1
    assert "未发布：2023年度尚未结束" in capsys.readouterr().err
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert main([*args, "--today", "2024-01-02"]) == 0
    assert "按时发布" in capsys.readouterr().out


# ------------------------------------------------------------------ item 5: imports
def _file_of(built, fmt: str, published_on: str | None = None, **changes) -> bytes:
    """Agency A's built report as a published file, the built report itself removed."""
    from gongkai.web.annual_reports import services

    report = built.report
    report.published_on = published_on
    for name, value in changes.items():
        setattr(report, name, value)
    content = services.render(report, fmt)
    built.delete()
    return content


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_another_agencys_report_is_not_imported_as_agency_bs(draft, agency_b, fmt):
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport

    content = _file_of(draft, fmt, "2024-01-25")
    done = services.import_report(agency_b, 2023, f"a.{fmt}", content, date(2024, 3, 1))
    assert done.report is None
    assert done.message == (
        "文件是平罗县卫生健康局2023年度的报告，不能作为平罗县教育局2023年度的报告导入。"
    )
    assert not AnnualReport.objects.filter(agency=agency_b).exists()


def test_a_report_of_another_year_is_not_imported_and_both_years_are_named(draft, agency_a):
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport

    content = _file_of(draft, "json", "2024-01-25")
    done = services.import_report(agency_a, 2022, "a.json", content, date(2024, 3, 1))
    assert done.report is None
    assert "文件是平罗县卫生健康局2023年度的报告，不能作为平罗县卫生健康局2022年度" in done.message
    assert not AnnualReport.objects.exists()


def test_the_import_page_refuses_another_agencys_report_and_keeps_what_was_typed(
    draft, charlie_client
):
    from gongkai.web.annual_reports.models import AnnualReport

    upload = BytesIO(_file_of(draft, "pdf", "2024-01-25"))
    upload.name = "pingluo-wj-2023.pdf"
    response = charlie_client.post(
        "/reports/import/", {"year": "2023", "published_on": "2024-01-25", "file": upload}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "文件是平罗县卫生健康局2023年度的报告，不能作为平罗县教育局2023年度的报告导入" in page
    assert 'value="2024-01-25"' in page and 'value="2023"' in page
    assert not AnnualReport.objects.exists()


def test_an_import_with_an_audit_error_is_kept_as_a_draft_not_published(draft, agency_a):
    from gongkai.web.annual_reports import services

    requests = json.loads(json.dumps(draft.data["requests"]))
    requests["new"]["natural_person"] += 1  # 一 + 二 no longer equals 三 + 四
    requests["new"]["total"] += 1
    content = _file_of(draft, "json", "2024-01-25", requests=requests)
    done = services.import_report(agency_a, 2023, "a.json", content, date(2024, 3, 1))
    assert not done.published
    assert "reconcile.balance" in {f.code for f in done.findings if f.severity == "error"}
    ar = done.report
    assert (ar.state, ar.source, ar.published_on) == ("draft", "imported", None)
    assert done.message.startswith("审核发现 ")
    assert "已作为草稿导入，不作为已发布的报告" in done.message
    outcome = services.publish(ar, date(2024, 3, 1))  # nor published here afterwards
    assert not outcome.published
    ar.refresh_from_db()
    assert ar.state == "draft" and _published_files(ar) == []


def test_the_import_page_stores_a_report_with_an_error_as_a_draft(draft, alice_client, hank_client):
    text = dict(draft.data["text"])
    text["overview"] += "本年度共收到政府信息公开申请30件。"  # table 三 says 7
    upload = BytesIO(_file_of(draft, "json", "2024-01-25", text=text))
    upload.name = "2023.json"
    response = alice_client.post("/reports/import/", {"year": "2023", "file": upload}, follow=True)
    page = response.content.decode()
    assert "审核发现 1 处错误：2023 年度报告已作为草稿导入" in page
    assert "导入的报告审核发现错误，不作为已发布的报告" in page
    assert 'data-code="narrative.table_conflict"' in page
    from gongkai.web.annual_reports.models import AnnualReport

    ar = AnnualReport.objects.get(agency__code="pingluo-wj", year=2023)
    assert ar.state == "draft" and ar.published_on is None
    assert 'id="publish"' not in hank_client.get(URL).content.decode()
    hank_client.post(URL + "publish/")
    ar.refresh_from_db()
    assert ar.state == "draft"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "json"])
def test_an_import_is_dated_as_the_document_is_not_on_the_day_of_the_import(draft, agency_a, fmt):
    from gongkai.web.annual_reports import services

    content = _file_of(draft, fmt, "2024-02-06")
    done = services.import_report(agency_a, 2023, f"a.{fmt}", content, date(2024, 5, 9))
    assert done.published, done.message
    ar = done.report
    assert ar.state == "published" and ar.published_on == date(2024, 2, 6)
    assert ar.on_time is False  # a department's report is due by 31 January
    assert ar.data["published_on"] == "2024-02-06"
    assert "发布日期2024年2月6日" in done.message


def test_an_undated_document_needs_the_date_it_was_published(draft, agency_a):
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport

    content = _file_of(draft, "pdf")
    done = services.import_report(agency_a, 2023, "a.pdf", content, date(2024, 5, 9))
    assert done.report is None
    assert done.message == "文件中没有载明发布日期，请填写该报告的发布日期后重新导入。"
    assert not AnnualReport.objects.exists()
    late = services.import_report(
        agency_a, 2023, "a.pdf", content, date(2024, 5, 9), published_on=date(2023, 12, 30)
    )
    assert late.report is None and "在2023年度结束之前" in late.message
    ahead = services.import_report(
        agency_a, 2023, "a.pdf", content, date(2024, 5, 9), published_on=date(2024, 5, 10)
    )
    assert ahead.report is None and "晚于今天" in ahead.message
    done = services.import_report(
        agency_a, 2023, "a.pdf", content, date(2024, 5, 9), published_on=date(2024, 1, 26)
    )
    assert done.published and done.report.published_on == date(2024, 1, 26)
    assert done.report.on_time is True


def test_an_entered_date_that_differs_from_the_documents_is_refused(draft, agency_a):
    from gongkai.web.annual_reports import services

    content = _file_of(draft, "json", "2024-01-25")
    done = services.import_report(
        agency_a, 2023, "a.json", content, date(2024, 5, 9), published_on=date(2024, 1, 30)
    )
    assert done.report is None
    assert done.message.startswith(
        "文件载明的发布日期为2024年1月25日，与填写的2024年1月30日不一致。"
    )


def test_the_import_page_takes_the_date_the_user_enters(draft, alice_client, monkeypatch):
    from gongkai.web.annual_reports.models import AnnualReport

    monkeypatch.setenv("GONGKAI_TODAY", "2024-05-09")
    content = _file_of(draft, "docx")
    upload = BytesIO(content)
    upload.name = "2023.docx"
    response = alice_client.post("/reports/import/", {"year": "2023", "file": upload})
    assert response.status_code == 200
    assert "请填写该报告的发布日期" in response.content.decode()
    upload = BytesIO(content)
    upload.name = "2023.docx"
    response = alice_client.post(
        "/reports/import/", {"year": "2023", "published_on": "2024-01-26", "file": upload}
    )
    assert response.status_code == 302
    ar = AnnualReport.objects.get(agency__code="pingluo-wj", year=2023)
    assert (ar.state, ar.published_on) == ("published", date(2024, 1, 26))
    bad = alice_client.post("/reports/import/", {"year": "2023", "published_on": "26/01/2024"})
    assert "发布日期格式不正确" in bad.content.decode()


# ------------------------------------------------------------------ item 8: section 一
def _on_time_late_and_overdue(agency, alice, bob):
    """Three requests of 2026 received in person: one answered within the period, one
    answered after its due date, one still open long past it."""
    from gongkai.web.requests import services
    from gongkai.web.requests.services import Step
    from tests.web.conftest import APPLICANT

    def register(received_on):
        req, _ = services.register(
            agency,
            dict(APPLICANT),
            channel="in_person",
            submitted_at=datetime(2026, received_on.month, received_on.day, 9, tzinfo=TZ),
            received_on=received_on,
            today=received_on,
        )
        return req

    def answer(req, on):
        services.perform(req, "start", alice, Step(on=on), today=on)
        services.perform(
            req,
            "draft_reply",
            alice,
            Step(on=on, disposition="granted", note="予以公开。"),
            today=on,
        )
        services.perform(req, "review_reply", bob, Step(on=on), today=on)
        services.perform(req, "send_reply", bob, Step(on=on), today=on)

    answer(register(date(2026, 9, 1)), date(2026, 9, 10))
    late = register(date(2026, 9, 1))
    answer(late, date(2026, 11, 20))
    register(date(2026, 10, 12))


def test_section_one_states_the_requests_answered_late_and_overdue(agency_a, alice, bob):
    from gongkai.web.annual_reports import services
    from gongkai.web.requests.models import Request

    _on_time_late_and_overdue(agency_a, alice, bob)
    assert Request.objects.filter(agency=agency_a, closed_on__isnull=True).count() == 1
    ar = services.build(agency_a, 2026, date(2026, 12, 5))
    overview = ar.data["text"]["overview"]
    assert "本年度逾期答复1件；截至2026年12月5日，超过法定答复期限尚未答复的申请1件。" in overview
    assert "均依照" not in overview and "均在法定期限内" not in overview
    # Next January the open request is still overdue on 31 December.
    ar = services.build(agency_a, 2026, date(2027, 1, 8), redraft=True)
    assert "截至2026年12月31日，超过法定答复期限尚未答复的申请1件" in ar.data["text"]["overview"]
    assert not [f for f in services.audit_report(ar) if f.code.startswith("narrative.")]


def test_the_drafted_section_one_says_all_on_time_only_when_it_is_so(built_2023):
    overview = built_2023.data["text"]["overview"]
    assert (
        "本年度办结的申请均在法定期限内答复，截至2023年12月31日，"
        "没有超过法定答复期限尚未答复的申请。"
    ) in overview


@pytest.fixture
def built_2023(year_data, agency_a):
    from gongkai.web.annual_reports import services

    return services.build(agency_a, 2023, date(2024, 1, 20))


def test_section_one_on_the_page_states_the_overdue_request(
    agency_a, alice, bob, alice_client, monkeypatch
):
    _on_time_late_and_overdue(agency_a, alice, bob)
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-05")
    alice_client.post("/reports/start/", {"year": "2026"})
    page = alice_client.get("/reports/pingluo-wj/2026/").content.decode()
    assert "本年度逾期答复1件；截至2026年12月5日，超过法定答复期限尚未答复的申请1件。" in page


# ------------------------------------------------------------------ item 8: the copy check
def _second_year(agency_a):
    """2024's records: as many requests as 2023 left open, other figures."""
    from gongkai.web.ledger.models import YearlyFigure

    for n, (applicant, received, closed, disposition) in enumerate(
        (
            ("natural_person", date(2024, 3, 4), date(2024, 3, 20), "granted"),
            ("natural_person", date(2024, 5, 6), date(2024, 5, 24), "unable.not_held"),
            ("commercial_enterprise", date(2024, 6, 3), date(2024, 6, 21), "granted"),
        ),
        start=20,
    ):
        add_request(agency_a, applicant, received, closed, disposition, 0, n)
    for item, field, value in (
        ("licensing", "decisions", 410),
        ("penalties", "decisions", 9),
        ("enforcement", "decisions", 1),
        ("fees", "amount_wan_yuan", 0),
    ):
        YearlyFigure.objects.create(
            agency=agency_a,
            year=2024,
            item=item,
            field=field,
            value=value,
            updated_at=datetime(2025, 1, 6, 9, tzinfo=TZ),
        )


def test_a_freshly_drafted_report_is_not_flagged_as_a_copy_of_last_years(built_2023, agency_a):
    from gongkai.report.audit.cross_year import copied_share
    from gongkai.web.annual_reports import services

    assert services.publish(built_2023, date(2024, 1, 22)).published
    _second_year(agency_a)
    ar = services.build(agency_a, 2024, date(2025, 1, 10))
    this, last = ar.data["text"]["overview"], built_2023.data["text"]["overview"]
    assert this != last  # other figures …
    assert copied_share(this, last) > 0.9  # … in the same drafted sentences
    findings = services.audit_report(ar)
    assert not [f for f in findings if f.code == "copy.previous_year"]


def test_prose_of_the_office_copied_from_last_year_is_still_flagged(built_2023, agency_a):
    from gongkai.web.annual_reports import services

    own = (
        "本年度，我局将政务公开工作纳入年度重点工作任务，召开专题会议研究部署，"
        "明确分管领导和具体工作人员，建立健全信息发布审核、保密审查和政策解读工作机制，"
        "推动政务公开工作规范化、标准化。"
    )
    services.save_texts(built_2023, {"overview": built_2023.data["text"]["overview"] + "\n" + own})
    assert services.publish(built_2023, date(2024, 1, 22)).published
    _second_year(agency_a)
    ar = services.build(agency_a, 2024, date(2025, 1, 10))
    services.save_texts(ar, {"overview": ar.data["text"]["overview"] + "\n" + own})
    (copied,) = [f for f in services.audit_report(ar) if f.code == "copy.previous_year"]
    assert copied.where == "text.overview"
    assert copied.message == "第一部分“一、总体情况”与上年报告相同的文字占 100%"


# ------------------------------------------------------------------ item 8: text vs tables
def test_a_figure_in_the_text_contradicting_table_three_is_an_error(built_2023):
    from gongkai.web.annual_reports import services

    services.save_texts(built_2023, {"problems": "本年度共收到政府信息公开申请30件。"})
    (conflict,) = [
        f for f in services.audit_report(built_2023) if f.code == "narrative.table_conflict"
    ]
    assert conflict.severity == "error"
    assert conflict.message == (
        "正文称“收到政府信息公开申请30件”，但表三“一、本年新收政府信息公开申请数量”总计为 7"
    )
    outcome = services.publish(built_2023, date(2024, 1, 22))
    assert not outcome.published and outcome.message == "审核发现 1 处错误，改正后才能发布。"


def test_bob_cannot_publish_a_text_that_contradicts_table_three(
    built_2023, alice_client, bob_client, monkeypatch
):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-01-22")
    alice_client.post(URL + "edit/", {"problems": "本年度共收到政府信息公开申请30件。"})
    page = bob_client.get(URL).content.decode()
    assert "错误 1 处" in page
    assert '<li class="error" data-code="narrative.table_conflict">' in page
    response = bob_client.post(URL + "publish/", follow=True)
    assert "审核发现 1 处错误，改正后才能发布。" in response.content.decode()
    built_2023.refresh_from_db()
    assert built_2023.state == "draft"


def test_the_cli_refuses_to_publish_a_text_that_contradicts_table_three(built_2023, capsys):
    from gongkai.web.annual_reports import services

    services.save_texts(built_2023, {"problems": "本年度共收到政府信息公开申请30件。"})
    args = ["report", "publish", "--agency", "pingluo-wj", "--year", "2023"]
    assert main([*args, "--today", "2024-01-22"]) == 1
    err = capsys.readouterr().err
    assert "错误：正文称“收到政府信息公开申请30件”" in err and "未发布" in err


# ------------------------------------------------------------------ bounded text
def test_an_over_long_section_is_refused_with_its_length_and_nothing_is_stored(
    built_2023, alice_client
):
    before = built_2023.data["text"]["overview"]
    response = alice_client.post(URL + "edit/", {"overview": "字" * 20_001}, follow=True)
    assert "一、总体情况的文字不得超过 20000 字（现为 20001 字）" in response.content.decode()
    built_2023.refresh_from_db()
    assert built_2023.data["text"]["overview"] == before


def test_a_published_reports_text_is_not_changed_by_the_service(built_2023):
    from gongkai.web.annual_reports import services

    assert services.publish(built_2023, date(2024, 1, 22)).published
    problem = services.save_texts(built_2023, {"problems": "改过的文字。"})
    assert problem == "2023年度报告已发布，文字不能再修改。"
    built_2023.refresh_from_db()
    assert "problems" not in built_2023.data["text"]


# ------------------------------------------------------------------ the CLI builds the same
def test_the_cli_build_drafts_the_lateness_into_section_one(agency_a, alice, bob, tmp_path):
    _on_time_late_and_overdue(agency_a, alice, bob)
    args = ["report", "build", "--agency", "pingluo-wj", "--year", "2026"]
    main([*args, "--out", str(tmp_path), "--today", "2026-12-05"])
    data = json.loads((tmp_path / "pingluo-wj-2026.json").read_text(encoding="utf-8"))
    assert (
        "本年度逾期答复1件；截至2026年12月5日，超过法定答复期限尚未答复的申请1件。"
        in data["text"]["overview"]
    )


def test_the_cli_build_does_not_flag_a_fresh_draft_as_a_copy(
    built_2023, agency_a, tmp_path, capsys
):
    import re

    from gongkai.web.annual_reports import services

    assert services.publish(built_2023, date(2024, 1, 22)).published
    _second_year(agency_a)
    args = ["report", "build", "--agency", "pingluo-wj", "--year", "2024"]
    assert main([*args, "--out", str(tmp_path), "--today", "2025-01-10"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"│ 2024 +│ 草稿 +│ 0 +│ 0 +│ 无", out), out
