"""What the desk does to requests: register, take a transition, re-date, find repeats.

`perform` is the only function that changes a request's state. It runs inside ONE
transaction: the event row, the letter, the clock; if anything raises, nothing is kept.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Substr

from gongkai.web import bounds
from gongkai.web.requests import checking, clockwork, law, letters, notify
from gongkai.web.requests.models import DISPOSITIONS, Attachment, Request, RequestEvent
from gongkai.web.requests.workflow import BY_ACTION, CLOSED_STATES, Transition

DISPOSITION_KEYS = {key for key, _ in DISPOSITIONS}
APPLICANT_ACTIONS = frozenset({"receive_correction"})  # what the applicant does on /track/
QUERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


# Raised by the law checks too: one exception for every refusal, shown to the user.
TransitionError = law.TransitionError


# ------------------------------------------------------------------ numbers and codes
def tracking_number(agency, year: int, seq: int) -> str:
    """The agency's number for its `seq`-th request of `year` (unique across agencies)."""
    try:
        return agency.numbering.format(year=year, seq=seq)
    except (KeyError, IndexError, ValueError):
        return f"{agency.name}依申〔{year}〕{seq}号"


_TRACK_BRACKETS = str.maketrans(
    {"[": "〔", "]": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕"}
)


def normalise_tracking_number(typed: str) -> str:
    """A number as an applicant types it: [ ] ( ) （） for 〔〕, spaces anywhere."""
    return "".join(typed.split()).translate(_TRACK_BRACKETS)


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_ALPHABET) for _ in range(8))


def hash_query_code(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, code.strip().upper().encode(), hashlib.sha256).hexdigest()


def check_query_code(request: Request, code: str) -> bool:
    if not request.query_code_hash:
        return False
    return hmac.compare_digest(request.query_code_hash, hash_query_code(code))


# ------------------------------------------------------------------ registering
@transaction.atomic
def register(
    agency,
    fields: dict,
    *,
    channel: str,
    submitted_at,
    received_on: date | None,
    today: date,
    by=None,
    actor_label: str = "",
    note: str = "",
) -> tuple[Request, str]:
    """Create a request with the next tracking number; return it and its query code.

    Online requests arrive with `received_on=None` and wait for confirmation (第三十一条).
    """
    from gongkai.web.accounts.models import Agency

    problem = bounds.length_problem(fields, bounds.REQUEST_LIMITS)
    if problem:  # the forms say so first; this is for every other way in
        raise TransitionError(problem)
    Agency.objects.select_for_update().get(pk=agency.pk)  # serialises numbering
    year = (received_on or today).year
    last = Request.objects.filter(agency=agency, year=year).aggregate(m=Max("seq"))["m"] or 0
    number = tracking_number(agency, year, last + 1)
    if Request.objects.filter(tracking_number=number).exists():
        raise TransitionError(
            f"申请编号{number}已被其他机关使用，请机关管理员修改本机关的申请编号格式。"
        )
    code = new_query_code()
    state = "submitted" if received_on is None else "registered"
    req = Request.objects.create(
        agency=agency,
        year=year,
        seq=last + 1,
        tracking_number=number,
        query_code_hash=hash_query_code(code),
        channel=channel,
        submitted_at=submitted_at,
        received_on=received_on,
        state=state,
        handler=by if by is not None and getattr(by, "is_handler", False) else None,
        **fields,
    )
    RequestEvent.objects.create(
        request=req,
        action="register",
        from_state="",
        to_state=state,
        on=received_on or today,
        actor=by,
        actor_label=actor_label or (str(by) if by else "申请人"),
        note=note,
        data={"clock": "received"} if received_on else {},
    )
    recompute(req, today)
    notify.after_register(req, today)
    return req, code


# ------------------------------------------------------------------ transitions
@dataclass
class Step:
    """What the user filled in for a transition."""

    on: date
    note: str = ""
    disposition: str = ""
    fee_yuan: int | None = None
    third_party: str = ""  # the consultation letter's addressee
    until: date | None = None  # the correction period the notice gives
    fee_method: str = ""  # "per_pages" | "per_request" | "" (amount typed in)
    fee_quantity: int | None = None  # pages, or the applicant's n-th request this month
    late_reason: str = ""  # the head's reason for a correction notice after 7 working days
    earlier_request: str = ""  # 重复申请: the tracking number of the earlier request
    responsible_agency: str = ""  # 不掌握: the agency responsible for the information
    responsible_agency_contact: str = ""
    responsible_unknown: bool = False  # 不掌握 and no responsible agency can be named
    correction: str = ""  # receive_correction: the corrected request (updates 所需信息)


def requests_this_month(req: Request, on: date) -> int:
    """The n of 按件计收: this applicant's requests to the agency in `on`'s natural month."""
    same = Q(id_number=req.id_number) if req.id_number else Q(phone=req.phone)
    if req.credit_code:
        same = Q(credit_code=req.credit_code)
    return (
        Request.objects.filter(
            same,
            agency_id=req.agency_id,
            received_on__year=on.year,
            received_on__month=on.month,
            received_on__lte=req.received_on or on,
        ).count()
        or 1
    )


def price(req: Request, step: Step) -> None:
    """Fill `step.fee_yuan` from the fee module when a method is chosen (国办函〔2020〕109号)."""
    from gongkai.clock.fees import quote_per_pages, quote_per_request

    if step.fee_method == "per_pages":
        if not step.fee_quantity or step.fee_quantity < 1:
            raise TransitionError("按量计收请填写页数。")
        step.fee_yuan = quote_per_pages(step.fee_quantity).yuan
    elif step.fee_method == "per_request":
        step.fee_quantity = step.fee_quantity or requests_this_month(
            req, req.received_on or step.on
        )
        step.fee_yuan = quote_per_request(step.fee_quantity).yuan
    if step.fee_method and not step.fee_yuan:
        raise TransitionError("按收费标准本件不收费，无需发出收费通知。")


def _check(user, req: Request, tr: Transition, step: Step, today: date) -> dict:
    if req.state not in tr.sources:
        raise TransitionError("该申请当前状态下不能进行此操作，请刷新页面后重试。")
    if user is None and tr.action not in APPLICANT_ACTIONS:
        raise TransitionError("您没有进行此操作的权限。")
    if user is not None and not law.may_take(user, req, tr, step):
        raise TransitionError("您没有进行此操作的权限。")
    if step.on > today:
        raise TransitionError("日期不能晚于今天。")
    if req.received_on and step.on < req.received_on:
        raise TransitionError("日期不能早于收到申请之日。")
    last = req.events.order_by("-on", "-id").first()
    if last and step.on < last.on:
        raise TransitionError(f"日期不能早于上一办理环节的日期（{last.on.isoformat()}）。")
    blocked = checking.blocking_message(req, tr.action)  # the reply letter's open errors
    if blocked:
        raise TransitionError(blocked)
    if "disposition" in tr.needs and step.disposition not in DISPOSITION_KEYS:
        raise TransitionError("请选择办理结果（按年度报告表格的具体情形）。")
    if "third_party" in tr.needs and not step.third_party.strip():
        raise TransitionError("请填写征求意见的第三方名称。")
    grant = tr.action == "draft_reply" and step.disposition == "granted"  # no reason printed
    if "note" in tr.needs and tr.letter and not step.note.strip() and not grant:
        raise TransitionError("请填写说明（将写入文书）。")
    if "until" in tr.needs and step.until and step.until <= step.on:
        raise TransitionError("补正期限应晚于发出补正通知之日。")
    if "fee_yuan" in tr.needs and (step.fee_yuan is None or step.fee_yuan <= 0):
        raise TransitionError("请填写应缴纳的信息处理费金额（元）。")
    if tr.action == "send_fee_notice" and not req.agency.payment_instructions.strip():
        raise TransitionError(
            "本机关尚未设置信息处理费缴纳方式，收费通知书无法写明缴纳方式；"
            "请机关管理员在“机关设置”中填写后再发出收费通知。"
        )
    return law.check(req, tr, step, user)


def perform(
    req: Request,
    action: str,
    user,
    step: Step,
    *,
    today: date,
    actor_label: str = "",
) -> RequestEvent:
    """Take the transition `action`; the event row, letter and due date, or nothing at all."""
    tr = BY_ACTION.get(action)
    if tr is None:
        raise TransitionError("未知的操作。")
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        if "fee_yuan" in tr.needs:
            price(req, step)
        data: dict = _check(user, req, tr, step, today)
        if tr.clock_event:
            data["clock"] = tr.clock_event
        if step.disposition and "disposition" in tr.needs:
            data["disposition"] = step.disposition
        if step.fee_yuan and "fee_yuan" in tr.needs:
            data["fee_yuan"] = step.fee_yuan
            if step.fee_method:
                data["fee_method"], data["fee_quantity"] = step.fee_method, step.fee_quantity
        if step.third_party and "third_party" in tr.needs:
            data["third_party"] = step.third_party
        if "until" in tr.needs:
            until = step.until or clockwork.calendar().add_working_days(
                step.on, clockwork.CORRECTION_DAYS
            )
            data["until"] = until.isoformat()
        event = RequestEvent.objects.create(
            request=req,
            action=action,
            from_state=req.state,
            to_state=tr.target,
            on=step.on,
            actor=user,
            actor_label=actor_label or (str(user) if user else "申请人"),
            note=step.note,
            data=data,
        )
        _apply(req, tr, step, user)
        req.save()
        if tr.letter:
            letters.issue(req, tr.letter, event, user, step)
        recompute(req, today)
        notify.after_act(req, action, today)  # mailed once the act is committed
        return event


CORRECTION_MARK = "\n【补正】"


def _apply(req: Request, tr: Transition, step: Step, user) -> None:
    req.state = tr.target
    if tr.action == "receive_correction" and step.correction.strip():
        # 所需信息 keeps the original and the correction; letters quote the corrected one.
        req.description = req.description + CORRECTION_MARK + step.correction.strip()
    if tr.action == "confirm":
        req.received_on = step.on
        req.year = req.year or step.on.year
    if "fee_yuan" in tr.needs and step.fee_yuan:
        req.fee_yuan = step.fee_yuan
    if "disposition" in tr.needs:
        req.disposition = step.disposition
    if tr.action == "return_draft":
        req.disposition = ""
    if tr.disposition:
        req.disposition = tr.disposition
    if tr.closes:
        req.closed_on = step.on
    if req.handler_id is None and user is not None and getattr(user, "is_handler", False):
        req.handler = user


def requested_text(description: str) -> str:
    """What the request asks for now: the last correction if any, else the original."""
    return description.rsplit(CORRECTION_MARK, 1)[-1].strip()


# ------------------------------------------------------------------ the clock
def recompute(req: Request, today: date) -> None:
    """Store the due date of an open request (the polled, indexed column) and, once it has
    passed unanswered, the missed due date: a recorded fact (`missed_due_on`) that stays
    after the request closes (answered late)."""
    missed = req.missed_due_on
    if not req.received_on:
        due, paused = None, False
    else:
        as_of = req.closed_on or today
        state = clockwork.clock_state(req, as_of)
        due, paused = (state.due, state.paused) if state else (None, False)
        if state is not None and state.missed_due is not None and missed is None:
            missed = state.missed_due
        if req.state in CLOSED_STATES:
            due, paused = None, False
    if (req.due_on, req.clock_paused, req.missed_due_on) != (due, paused, missed):
        Request.objects.filter(pk=req.pk).update(
            due_on=due, clock_paused=paused, missed_due_on=missed
        )
        req.due_on, req.clock_paused, req.missed_due_on = due, paused, missed


def record_lateness(today: date) -> int:
    """Record every open request whose due date passed (polled by `gongkai remind`)."""
    late = (
        Request.objects.exclude(state__in=CLOSED_STATES)
        .filter(missed_due_on=None, due_on__lt=today)
        .prefetch_related("events")
    )
    count = 0
    with transaction.atomic():
        for req in late.iterator(chunk_size=500):
            recompute(req, today)
            count += req.missed_due_on is not None
    return count


def redate_open_requests(today: date) -> int:
    """Re-date every open request (after a holiday schedule is loaded); return how many."""
    clockwork.forget_calendar()
    count = 0
    open_requests = (
        Request.objects.exclude(state__in=CLOSED_STATES)
        .exclude(received_on=None)
        .prefetch_related("events")
    )
    with transaction.atomic():  # one commit, not one per request
        for req in open_requests.iterator(chunk_size=500):
            # The history is the same, the official calendar is not: the lateness is
            # judged again on the schedule the State Council published.
            if req.missed_due_on is not None:
                Request.objects.filter(pk=req.pk).update(missed_due_on=None)
                req.missed_due_on = None
            recompute(req, today)
            count += 1
    return count


# ------------------------------------------------------------------ repeated requests
def possible_repeats(req: Request, limit: int = 5, threshold: float = 0.6) -> list[tuple]:
    """Earlier requests of the same applicant with a similar description: a hint only."""
    same = Q()
    if req.id_number:
        same |= Q(id_number=req.id_number)
    if req.phone:
        same |= Q(phone=req.phone)
    if not same:
        return []
    earlier = (
        Request.objects.filter(same, agency_id=req.agency_id, submitted_at__lt=req.submitted_at)
        .exclude(pk=req.pk)
        .defer("description")
        .annotate(head=Substr("description", 1, bounds.REPEAT_CHARS))
        .order_by("-submitted_at")[:50]
    )
    mine = req.description[: bounds.REPEAT_CHARS]
    hits = []
    for other in earlier:
        # Bounded whatever was typed: the first REPEAT_CHARS characters, cheap upper
        # bounds first (an 11 MB description once cost 87 s here).
        matcher = difflib.SequenceMatcher(None, mine, other.head)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold:
            hits.append((other, round(ratio * 100)))
    hits.sort(key=lambda h: -h[1])
    return hits[:limit]


# ------------------------------------------------------------------ decisions on appeal
def reopen(req: Request, on: date, days: int, *, today: date, by=None, note: str = "") -> None:
    """A 结果纠正 decision ordered a new reply within `days` working days of `on`: the
    request is open again (办理中) with that due date. Its earlier lateness stays recorded."""
    if days < 1:
        raise TransitionError("请填写复议决定或判决规定的重新答复期限（工作日）。")
    if req.events.filter(action="reopen", on=on).exists():
        return  # the same decision saved again
    until = clockwork.calendar().add_working_days(on, days)
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        RequestEvent.objects.create(
            request=req,
            action="reopen",
            from_state=req.state,
            to_state="in_progress",
            on=on,
            actor=by,
            actor_label="" if by else "复议机关或人民法院",
            note=note or f"结果纠正，责令在{days}个工作日内重新答复",
            data={"clock": "reopened", "until": until.isoformat(), "days": days},
        )
        Request.objects.filter(pk=req.pk).update(
            state="in_progress", closed_on=None, disposition=""
        )
        req.state, req.closed_on, req.disposition = "in_progress", None, ""
        recompute(req, today)


def save_attachments(req, uploads, event) -> None:
    """Store the checked uploads that came with a registration or a step (`event`)."""
    for upload in uploads:
        Attachment.objects.create(
            request=req,
            event=event,
            name=upload.name[:200],
            file_type=upload.checked_type,
            size=upload.size,
            content=upload.read(),
        )
