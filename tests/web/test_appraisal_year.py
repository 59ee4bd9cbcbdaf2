"""A hand-counted year of agency A (2025), checked cell by cell against the indicators,
the score, the CLI, and table 三 of A's built report.

Agency A, 2025, counted by hand (today is 2026-12-05):
  requests  R1 received Mon 3 Mar, replied 20 Mar (due 31 Mar): on time
            R2 received 3 Mar, replied 15 Apr: late
            R3 received Mon 9 Jun, correction notice 20 Jun (7 working days end 18 Jun): flaw;
               a late notice does not stop the clock (第三十条), so R3 is overdue now too
            R4 received 22 Dec, never answered (due 21 Jan 2026): open and overdue now
            R5 received 10 Dec 2024, replied 6 Jan 2025 (due 8 Jan): on time, not new in 2025
            → received 4; on time 2 (R1, R5); late 1 (R2); overdue 2 (R3, R4); flaws 1 (R3)
  appeals   decided 2025: one corrected, one upheld; one pending → correction rate 1/2
  report    the 2024 report (built from the records) published 20 Jan 2025 (due 31 Jan):
            on time; the auditor finds 4 errors: the yearly figures of table 二 (licensing,
            penalties, enforcement, fees) were never entered
  ledger    3 items published in 2025, 2 approved before publishing → 2/3; one correction
            and one withdrawal in 2025 → 2
  messages  hotline 30 Sep answered 14 Oct (5 working days after the National Day holiday):
            in time, 满意; hotline 30 Sep answered 15 Oct: late, 不满意; head's mailbox
            3 Nov never answered: past its limit; consultation 6 May answered 7 May: in time,
            not rated → within 2/4, satisfied 1/2
  interpretations  policy published Mon 3 Mar: one on Thu 6 Mar (in time), one on Fri 7 Mar
            (late), one without a linked policy (not counted) → 1/2
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from gongkai.appraisal.indicators import by_key
from gongkai.appraisal.scoring import Scheme, score

TODAY = date(2026, 12, 5)
YEAR = 2025


def _reply(req, alice, bob, drafted: date, sent: date, disposition="granted"):
    from gongkai.web.requests.services import Step, perform

    perform(req, "start", alice, Step(on=req.received_on), today=req.received_on)
    step = Step(on=drafted, disposition=disposition, note="经查，现答复如下。")
    perform(req, "draft_reply", alice, step, today=drafted)
    perform(req, "review_reply", bob, Step(on=sent), today=sent)
    perform(req, "send_reply", alice, Step(on=sent), today=sent)


@pytest.fixture
def year_of_a(make_request, agency_a, agency_b, alice, bob, county):
    from gongkai.web.accounts.models import User
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.appeals.models import Appeal
    from gongkai.web.engagement.models import Interpretation, Message
    from gongkai.web.ledger.models import Item, ItemEvent
    from gongkai.web.requests.models import Request
    from gongkai.web.requests.services import Step, perform, recompute

    helga = User.objects.create_user(
        "helga", password="x", agency=agency_a, is_handler=True, is_head=True
    )
    r1 = make_request(agency_a, received_on=date(2025, 3, 3))
    _reply(r1, alice, bob, date(2025, 3, 18), date(2025, 3, 20))
    r2 = make_request(agency_a, received_on=date(2025, 3, 3))
    _reply(r2, alice, bob, date(2025, 4, 10), date(2025, 4, 15), "partially_granted")
    r3 = make_request(agency_a, received_on=date(2025, 6, 9))
    perform(r3, "start", alice, Step(on=date(2025, 6, 10)), today=date(2025, 6, 10))
    perform(
        r3,
        "request_correction",
        helga,
        Step(
            on=date(2025, 6, 20),
            note="请说明所需信息的名称",
            late_reason="申请内容经多次核实仍不明确",
        ),
        today=date(2025, 6, 20),
    )
    r4 = make_request(agency_a, received_on=date(2025, 12, 22))
    recompute(Request.objects.get(pk=r4.pk), TODAY)
    r5 = make_request(agency_a, received_on=date(2024, 12, 10))
    _reply(r5, alice, bob, date(2025, 1, 3), date(2025, 1, 6))

    for result, decided in (("corrected", date(2025, 5, 6)), ("upheld", date(2025, 7, 1))):
        Appeal.objects.create(
            agency=agency_a,
            kind="review",
            appellant="李四",
            filed_on=date(2025, 3, 1),
            decided_on=decided,
            result=result,
        )
    Appeal.objects.create(
        agency=agency_a, kind="review", appellant="王五", filed_on=date(2025, 11, 3)
    )

    built = services.build(agency_a, 2024, date(2025, 1, 10))
    AnnualReport.objects.filter(pk=built.pk).update(
        state="published", published_on=date(2025, 1, 20), due_on=date(2025, 1, 31)
    )

    at = datetime(2025, 3, 3, 9, tzinfo=UTC)
    policy = Item.objects.create(
        agency=agency_a,
        title="平罗县全民健康水平提升行动实施方案",
        state="published",
        published_on=date(2025, 3, 3),
        created_at=at,
    )
    second = Item.objects.create(
        agency=agency_a,
        title="2025年基本公共卫生服务项目实施方案",
        state="published",
        published_on=date(2025, 4, 1),
        created_at=at,
    )
    Item.objects.create(
        agency=agency_a,
        title="导入的历史信息",
        state="published",
        published_on=date(2025, 2, 1),
        created_at=at,
    )
    for item in (policy, second):
        ItemEvent.objects.create(item=item, action="approve", at=at, on=item.published_on)
    ItemEvent.objects.create(item=second, action="correct", at=at, on=date(2025, 4, 3))
    ItemEvent.objects.create(item=second, action="withdraw", at=at, on=date(2025, 5, 3))

    for channel, received, answered, rating in (
        ("hotline", date(2025, 9, 30), date(2025, 10, 14), "satisfied"),
        ("hotline", date(2025, 9, 30), date(2025, 10, 15), "dissatisfied"),
        ("head_mailbox", date(2025, 11, 3), None, ""),
        ("consultation", date(2025, 5, 6), date(2025, 5, 7), ""),
    ):
        Message.objects.create(
            agency=agency_a,
            channel=channel,
            received_on=received,
            topic="群众诉求",
            answered_on=answered,
            limit_days={"hotline": 5, "head_mailbox": 15, "consultation": 5}[channel],
            satisfaction=rating,
        )
    for title, day, linked in (
        ("一图读懂｜全民健康水平提升行动", date(2025, 3, 6), policy),
        ("全民健康水平提升行动政策问答", date(2025, 3, 7), policy),
        ("没有关联政策的解读", date(2025, 3, 7), None),
    ):
        Interpretation.objects.create(
            agency=agency_a,
            title=title,
            form="graphic",
            channel="portal",
            published_on=day,
            policy=linked,
        )
    return {"r": [r1, r2, r3, r4, r5]}


def _indicators(agency):
    from gongkai.web.appraisal.queries import indicators_for

    return by_key(indicators_for(agency, YEAR, TODAY))


def test_every_indicator_of_the_hand_counted_year(year_of_a, agency_a):
    r1, r2, r3, r4, r5 = year_of_a["r"]
    got = _indicators(agency_a)
    cells = {k: (i.value, i.numerator, i.denominator) for k, i in got.items()}
    assert cells == {
        "requests_received": (4, None, None),
        "answered_on_time": (2, None, None),
        "answered_late": (1, None, None),
        "on_time_rate": (pytest.approx(2 / 3), 2, 3),
        "overdue_now": (2, None, None),
        "procedural_flaws": (1, None, None),
        "appeal_correction_rate": (0.5, 1, 2),
        "report_on_time": (1.0, None, None),
        "report_findings": (4, None, None),
        "reviewed_rate": (pytest.approx(2 / 3), 2, 3),
        "fixes": (2, None, None),
        "engagement_within_rate": (0.5, 2, 4),
        "satisfaction_rate": (0.5, 1, 2),
        "interpretation_rate": (0.5, 1, 2),
    }
    assert [r.id for r in got["requests_received"].records] == [r1.pk, r2.pk, r3.pk, r4.pk]
    assert [r.id for r in got["answered_on_time"].records] == [r5.pk, r1.pk]
    assert [r.id for r in got["answered_late"].records] == [r2.pk]
    assert [r.id for r in got["overdue_now"].records] == [r3.pk, r4.pk]
    assert [r.id for r in got["procedural_flaws"].records] == [r3.pk]


def test_the_score_and_ranking_of_the_hand_counted_year(year_of_a, agency_a, agency_b):
    from gongkai.web.appraisal.queries import appraise

    s = score(agency_a.code, agency_a.name, list(_indicators(agency_a).values()), Scheme())
    # on time 2/3 < 80%: 0; overdue 2 of 3: 3.33; flaws 1 of 5: 8; correction rate 50%: 0;
    # report on time 10 + 4 findings of 5: 1; reviewed 2/3: 0; fixes 2 of 10: 4; within 50%: 0;
    # interpretations 50%: 0.
    assert s.total == pytest.approx(26.33)
    results = appraise([agency_a, agency_b], YEAR, TODAY, Scheme())
    # B has no records but did not publish its 2024 report (due 31 Jan 2025): 100 − 10.
    assert [(r.agency.code, r.score.total, r.score.rank) for r in results] == [
        (agency_b.code, 90.0, 1),
        (agency_a.code, 26.33, 2),
    ]


def test_the_counts_agree_with_the_built_report_and_its_timeliness(year_of_a, agency_a, agency_b):
    from gongkai.web.annual_reports import services
    from gongkai.web.requests.lateness import timeliness
    from gongkai.web.requests.models import Request

    for agency in (agency_a, agency_b):
        ar = services.build(agency, YEAR, TODAY)
        got = _indicators(agency)
        assert got["requests_received"].value == ar.data["requests"]["new"]["total"]
        # answered = table 三's 办理结果合计; late and flaws as the report's timeliness counts them
        answered = got["answered_on_time"].value + got["answered_late"].value
        assert answered == ar.data["requests"]["total"]["total"]
        t = timeliness(Request.objects.filter(agency=agency), YEAR, TODAY)
        assert got["answered_late"].value == t.closed_late
        assert got["procedural_flaws"].value == t.late_correction_notices
    assert _indicators(agency_a)["requests_received"].value == 4


def test_the_cli_prints_the_same_figures_as_json(year_of_a, agency_a, capsys):
    from gongkai.cli import main

    assert (
        main(
            [
                "appraisal",
                "--year",
                "2025",
                "--agency",
                agency_a.code,
                "--json",
                "--today",
                "2026-12-05",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    (dept,) = data["departments"]
    assert (dept["code"], dept["rank"], dept["score"]) == (agency_a.code, 2, 26.33)
    shown = {i["key"]: i["display"] for i in dept["indicators"]}
    assert shown["requests_received"] == "4件"
    assert shown["on_time_rate"] == "66.7%"
    assert shown["report_on_time"] == "是"


def test_the_cli_exports_xlsx_and_refuses_bad_input_in_chinese(
    year_of_a, agency_a, tmp_path, capsys
):
    from openpyxl import load_workbook

    from gongkai.cli import main

    out = tmp_path / "考核.xlsx"
    assert main(["appraisal", "--year", "2025", "--xlsx", str(out), "--today", "2026-12-05"]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["考核结果", "考核指标", "评分办法"]
    rows = list(book["考核结果"].iter_rows(values_only=True))
    assert rows[2][:3] == (1, "平罗县教育局", 90)
    assert rows[3][:3] == (2, "平罗县卫生健康局", 26.33)
    assert main(["appraisal", "--year", "2025", "--agency", "nowhere"]) == 2
    assert "没有代码为“nowhere”的机关" in capsys.readouterr().err
    assert main(["appraisal", "--year", "2025", "--json", "--xlsx", str(out)]) == 2
