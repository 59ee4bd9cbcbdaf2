"""The records of a department and year, sorted into the core's `Facts`, and the series
the charts draw. The arithmetic is `gongkai.appraisal`; this module only asks the database.

Lateness of an answered request is `answered_late` (one function, so the switch to the
desk's recorded fact is one line).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongkai.appraisal.engagement import CHANNELS, interpretation_on_time
from gongkai.appraisal.indicators import Facts, Indicator, Ref, compute
from gongkai.appraisal.scoring import Scheme, Score, rank, score
from gongkai.web.engagement.queries import SATISFIED, calendar, message_within
from gongkai.web.requests.lateness import lateness

DISPOSITION_GROUPS = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", ("withheld.",)),
    ("无法提供", ("unable.",)),
    ("不予处理", ("not_handled.",)),
    ("其他处理", ("other", "")),
)
OPEN_GROUP = "办理中"


def answered_late(request: Any) -> bool:
    """Was this answered request answered after its due date? (The desk's recorded fact.)"""
    return lateness(request, request.closed_on).closed_late


def answered_requests(queryset: Any) -> Any:
    """Only what lateness reads."""
    return queryset.only("pk", "tracking_number", "closed_on", "due_on", "missed_due_on")


def _req_ref(r: Any) -> Ref:
    return Ref("request", r.pk, r.tracking_number)


def request_facts(f: Facts, agency: Any, year: int, today: date) -> None:
    from django.db.models import Q

    from gongkai.web.requests.models import Request, RequestEvent
    from gongkai.web.requests.workflow import CLOSED_STATES

    mine = Request.objects.filter(agency=agency)
    refs = ("pk", "tracking_number")
    received = mine.filter(received_on__year=year).order_by("received_on", "id")
    f.received = [Ref("request", *row) for row in received.values_list(*refs)]
    answered = answered_requests(
        mine.filter(closed_on__year=year, received_on__isnull=False)
    ).order_by("closed_on", "id")
    for r in answered:
        (f.late if answered_late(r) else f.on_time).append(_req_ref(r))
    overdue = mine.exclude(state__in=CLOSED_STATES).filter(
        Q(missed_due_on__isnull=False) | Q(due_on__lt=today)
    )
    f.overdue_now = [
        Ref("request", *row) for row in overdue.order_by("due_on", "id").values_list(*refs)
    ]
    late_notices = (
        RequestEvent.objects.filter(
            request__agency=agency, action="request_correction", on__year=year, data__late=True
        )
        .order_by("on", "id")
        .values_list("request_id", "request__tracking_number")
    )
    f.flaws = [Ref("request", pk, f"{number}：补正通知逾期发出") for pk, number in late_notices]


def appeal_facts(f: Facts, agency: Any, year: int) -> None:
    from gongkai.web.appeals.models import Appeal

    decided = Appeal.objects.filter(agency=agency, decided_on__year=year).exclude(result="pending")
    for a in decided.order_by("decided_on", "id"):
        ref = Ref("appeal", a.pk, a.case_number or a.appellant)
        f.appeals_decided.append(ref)
        if a.result == "corrected":
            f.appeals_corrected.append(ref)


def report_facts(f: Facts, agency: Any, year: int, today: date) -> None:
    """The report on year - 1, due and published during `year`."""
    from gongkai.web.annual_reports import services
    from gongkai.web.annual_reports.models import AnnualReport

    ar = AnnualReport.objects.filter(agency=agency, year=year - 1).first()
    due = services.due_date(agency, year - 1)
    if ar is None or ar.state != "published" or ar.published_on is None:
        f.report_on_time = False if today > due else None
        return
    f.report = Ref("report", ar.pk, f"{ar.year}年度报告")
    f.report_on_time = ar.published_on <= (ar.due_on or due)
    f.report_findings = [x.message for x in services.audit_report(ar) if x.severity == "error"]


def ledger_facts(f: Facts, agency: Any, year: int) -> None:
    from gongkai.web.ledger.models import Item, ItemEvent

    items = Item.objects.filter(agency=agency, published_on__year=year).order_by(
        "published_on", "id"
    )
    reviewed = set(
        ItemEvent.objects.filter(item__in=items, action="approve").values_list("item_id", flat=True)
    )
    for item in items.only("pk", "title"):
        ref = Ref("item", item.pk, item.title)
        f.published.append(ref)
        if item.pk in reviewed:
            f.reviewed.append(ref)
    labels = {"correct": "更正", "withdraw": "撤回"}
    for ev in (
        ItemEvent.objects.filter(item__agency=agency, on__year=year, action__in=labels)
        .select_related("item")
        .order_by("on", "id")
    ):
        f.fixes.append(Ref("item", ev.item_id, f"{labels[ev.action]}：{ev.item.title}"))


def engagement_facts(f: Facts, agency: Any, year: int, today: date) -> None:
    from gongkai.web.engagement.models import Interpretation, Message

    cal = calendar()
    for m in Message.objects.filter(agency=agency, received_on__year=year).order_by(
        "received_on", "id"
    ):
        ref = Ref("message", m.pk, m.ticket_number or m.topic)
        within = message_within(m, today, cal)
        if within is not None:
            f.messages_due.append(ref)
            if within:
                f.messages_within.append(ref)
        if m.satisfaction:
            f.messages_rated.append(ref)
            if m.satisfaction in SATISFIED:
                f.messages_satisfied.append(ref)
    for i in (
        Interpretation.objects.filter(
            agency=agency, published_on__year=year, policy__published_on__isnull=False
        )
        .select_related("policy")
        .order_by("published_on", "id")
    ):
        ref = Ref("interpretation", i.pk, i.title)
        f.interpretations.append(ref)
        if interpretation_on_time(i.policy.published_on, i.published_on, cal):
            f.interpretations_on_time.append(ref)


def department_facts(agency: Any, year: int, today: date) -> Facts:
    f = Facts(agency.code, agency.name, year, today)
    request_facts(f, agency, year, today)
    appeal_facts(f, agency, year)
    report_facts(f, agency, year, today)
    ledger_facts(f, agency, year)
    engagement_facts(f, agency, year, today)
    return f


def indicators_for(agency: Any, year: int, today: date) -> list[Indicator]:
    return compute(department_facts(agency, year, today))


# ------------------------------------------------------------------ the county
def departments_under(government: Any) -> list[Any]:
    from gongkai.web.accounts.models import Agency

    ids = government.descendant_ids() - {government.id}
    return list(Agency.objects.filter(id__in=ids, kind="department").order_by("id"))


def scheme_for(government: Any, year: int) -> Scheme:
    from gongkai.web.appraisal.models import Scheme as StoredScheme

    stored = StoredScheme.objects.filter(agency=government, year=year).first()
    return stored.scheme() if stored else Scheme()


@dataclass
class Result:
    agency: Any
    indicators: list[Indicator]
    score: Score


def appraise(
    agencies: list[Any], year: int, today: date, scheme: Scheme, progress=None
) -> list[Result]:
    """Every department's indicators and score, ranked (rank 1 first)."""
    computed = {}
    for agency in agencies:
        computed[agency.code] = (agency, indicators_for(agency, year, today))
        if progress:
            progress()
    scores = rank([score(a.code, a.name, ind, scheme) for a, ind in computed.values()])
    return [Result(computed[s.code][0], computed[s.code][1], s) for s in scores]


# ------------------------------------------------------------------ chart series
def _group(disposition: str) -> str:
    for label, prefixes in DISPOSITION_GROUPS:
        if any(disposition == p or (p and disposition.startswith(p)) for p in prefixes):
            return label
    return "其他处理"


def requests_by_month(agency_ids: list[int], year: int) -> list[tuple[str, list[int]]]:
    """Requests received in each month of `year`, by how they ended (办理中 while open)."""
    from gongkai.web.requests.models import Request
    from gongkai.web.requests.workflow import CLOSED_STATES

    counts: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    for received, state, disposition in Request.objects.filter(
        agency_id__in=agency_ids, received_on__year=year
    ).values_list("received_on", "state", "disposition"):
        label = _group(disposition or "") if state in CLOSED_STATES else OPEN_GROUP
        counts[label][received.month - 1] += 1
    order = [label for label, _ in DISPOSITION_GROUPS] + [OPEN_GROUP]
    return [(label, counts[label]) for label in order if any(counts[label])]


def on_time_over_years(agencies: list[Any], years: list[int]) -> list[tuple[str, float | None]]:
    from gongkai.web.requests.models import Request

    points: list[tuple[str, float | None]] = []
    for year in years:
        answered = answered_requests(
            Request.objects.filter(
                agency__in=agencies,
                closed_on__year=year,
                received_on__isnull=False,
            )
        )
        total = late = 0
        for r in answered:
            total += 1
            late += answered_late(r)
        points.append((f"{year}年", (total - late) / total if total else None))
    return points


def engagement_by_channel(agency_ids: list[int], year: int) -> list[tuple[str, int, int, int]]:
    """(channel label, received, rated, satisfied) for channels with messages."""
    from gongkai.web.engagement.models import Message

    rows: dict[str, list[int]] = {k: [0, 0, 0] for k in CHANNELS}
    for channel, satisfaction in Message.objects.filter(
        agency_id__in=agency_ids, received_on__year=year
    ).values_list("channel", "satisfaction"):
        row = rows.setdefault(channel, [0, 0, 0])
        row[0] += 1
        row[1] += bool(satisfaction)
        row[2] += satisfaction in SATISFIED
    return [
        (CHANNELS[k].label, v[0], v[1], v[2]) for k, v in rows.items() if v[0] and k in CHANNELS
    ]
