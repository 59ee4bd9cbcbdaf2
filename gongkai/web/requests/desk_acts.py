"""Acts on a request that do not change its state: assigning it to a handler, the
handler's request for an extension and the head's refusal, the record of a delivery.

Each is an event row (who, when, why) written here, below every view, with the
permission from `accounts.rules` and the law from `law.py` (the 第三十三条 rule that an
extension is decided before the due date holds for the request as for the approval).
The approval itself is the `approve_extension` transition (`services.perform`).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery

from gongkai.text.chinese import chinese_date
from gongkai.web.accounts import rules
from gongkai.web.requests import law
from gongkai.web.requests.models import Request, RequestEvent

TransitionError = law.TransitionError

DELIVERY_METHODS = {
    "email": "电子邮件",
    "post": "邮寄",
    "in_person": "当面送达",
    "portal": "网上查询下载",
}


def _event(req: Request, action: str, user, on: date, note: str = "", **data) -> RequestEvent:
    return RequestEvent.objects.create(
        request=req,
        action=action,
        from_state=req.state,
        to_state=req.state,
        on=on,
        actor=user,
        actor_label="" if user else "系统",
        note=note,
        data=data,
    )


# ------------------------------------------------------------------ assignment
def assign(req: Request, to, by, *, today: date, note: str = "") -> RequestEvent:
    """Assign (or reassign) `req` to the handler `to`; an event row records it."""
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        if not rules.may_assign(by, req, to):
            raise TransitionError("您不能将该申请分配给这位工作人员（须为本机关的经办人）。")
        if req.handler_id == to.pk:
            raise TransitionError(f"该申请已由{to}经办。")
        before = req.handler
        event = _event(
            req,
            "assign",
            by,
            today,
            note,
            handler=to.pk,
            handler_name=str(to),
            previous=str(before) if before else "",
        )
        Request.objects.filter(pk=req.pk).update(handler=to)
        return event


def handlers_for(req: Request):
    from gongkai.web.accounts.models import User

    return User.objects.filter(agency_id=req.agency_id, is_active=True, is_handler=True).order_by(
        "pk"
    )


# ------------------------------------------------------------------ delivery (送达)
MANUAL_DELIVERY = {"post": "邮寄", "in_person": "当面送达", "email": "电子邮件"}


def applicant_letters(req: Request) -> list:
    """The letters addressed to the applicant, issued so far (the reply once sent)."""
    from gongkai.web.requests.notify import LETTER_ACTS
    from gongkai.web.requests.queries import letters_of

    out = []
    for letter in letters_of(req):
        action = letter.event.action if letter.event else ""
        if action in LETTER_ACTS or (action == "draft_reply" and req.state == "replied"):
            out.append(letter)
    return out


def record_delivery(
    req: Request, letter, user, *, method: str, on: date, today: date, note: str = ""
) -> RequestEvent:
    """The handler records how a letter reached the applicant (邮寄、当面送达)."""
    from gongkai.web.requests import files

    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        if not rules.may_record_delivery(user, req):
            raise TransitionError("您没有登记送达的权限。")
        if letter is None or letter.pk not in {lt.pk for lt in applicant_letters(req)}:
            raise TransitionError("请选择已发出的致申请人文书。")
        if method not in MANUAL_DELIVERY:
            raise TransitionError("请选择送达方式。")
        if on > today:
            raise TransitionError("送达日期不能晚于今天。")
        issued = letter.event.on if letter.event else None
        if issued and on < issued:
            raise TransitionError(f"送达日期不能早于文书作出之日（{chinese_date(issued)}）。")
        return _event(
            req,
            "deliver",
            user,
            on,
            note.strip(),
            method=method,
            method_label=MANUAL_DELIVERY[method],
            letter=letter.number,
            letter_id=letter.pk,
            letter_label=files.kind_label(letter.kind),
        )


# ------------------------------------------------------------------ extension requests
EXTENSION_ACTS = ("ask_extension", "approve_extension", "refuse_extension")


def pending_extension(req: Request) -> RequestEvent | None:
    """The handler's request for an extension that the head has not decided yet: the
    latest of the extension acts is a request (read from the request's events, which the
    request's page loads once)."""
    latest = rules.latest_event(req, *EXTENSION_ACTS)
    return latest if latest is not None and latest.action == "ask_extension" else None


def extension_deadline(req: Request, on: date) -> date | None:
    """The day by which the extension must be decided (the current due date)."""
    from gongkai.web.requests import clockwork

    state = clockwork.clock_state(req, on) if req.received_on else None
    return state.due if state else None


def ask_extension(req: Request, user, *, reason: str, today: date) -> RequestEvent:
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        if not rules.may_ask_extension(user, req):
            raise TransitionError("您不能为该申请请示延期（已延期过、已办结或非经办人）。")
        if pending_extension(req) is not None:
            raise TransitionError("该申请已有待负责人决定的延期请示。")
        if not reason.strip():
            raise TransitionError("请填写需要延长答复期限的理由（将写入延期答复告知书）。")
        from gongkai.web.requests.services import Step

        law.check_extension(req, Step(on=today))  # 第三十三条: within the period
        due = extension_deadline(req, today)
        event = _event(
            req, "ask_extension", user, today, reason.strip(), due=due.isoformat() if due else ""
        )
        heads = [u for u in _staff(req) if u.is_head and u.email]
        subject = f"延期请示待决定：{req.tracking_number}"
        when = f"，须在答复期限{chinese_date(due)}届满前决定（第三十三条第一款）" if due else ""
        body = (
            f"{user}报请延长申请{req.tracking_number}的答复期限{when}。\n\n"
            f"理由：{reason.strip()}\n\n请在“我的待办”中处理。"
        )
        _mail_staff(heads, subject, body)
        return event


def refuse_extension(req: Request, user, *, note: str, today: date) -> RequestEvent:
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        if not rules.may_decide_extension(user, req):
            raise TransitionError("只有本机关负责人可以决定延期。")
        if pending_extension(req) is None:
            raise TransitionError("该申请没有待决定的延期请示。")
        if not note.strip():
            raise TransitionError("请填写不同意延期的理由（将告知经办人）。")
        event = _event(req, "refuse_extension", user, today, note.strip())
        asker = pending_asker(req, event)
        if asker is not None and asker.email:
            _mail_staff(
                [asker],
                f"延期请示未获同意：{req.tracking_number}",
                f"{user}不同意延长申请{req.tracking_number}的答复期限。\n\n理由：{note.strip()}",
            )
        return event


def pending_asker(req: Request, decision: RequestEvent):
    asked = (
        req.events.filter(action="ask_extension", id__lt=decision.id)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    return asked.actor if asked else None


def _staff(req: Request):
    from gongkai.web.accounts.models import User

    return User.objects.filter(agency_id=req.agency_id, is_active=True)


def _mail_staff(users, subject: str, body: str) -> None:
    """Tell colleagues once the act is committed; a mail failure never undoes the act."""
    import logging
    import smtplib

    from django.conf import settings
    from django.core.mail import send_mail

    addresses = [u.email for u in users if u.email]
    if not addresses:
        return

    def send() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
        except (smtplib.SMTPException, OSError) as exc:
            logging.getLogger(__name__).warning("staff mail failed: %s", exc)

    transaction.on_commit(send)


def extension_text(req: Request, on: date) -> str:
    """What the head is told: by when the extension must be decided."""
    due = extension_deadline(req, on)
    if due is None:
        return ""
    return f"延期须在答复期限{chinese_date(due)}届满前决定（第三十三条第一款）。"


# ------------------------------------------------------------------ my work
def with_extension_act(qs):
    """`qs` annotated with `extension_act`: the latest of the request's extension acts
    (asked, approved, refused), or None. One correlated subquery, no join, no grouping."""
    latest = (
        RequestEvent.objects.filter(request=OuterRef("pk"), action__in=EXTENSION_ACTS)
        .order_by("-id")
        .values("action")[:1]
    )
    return qs.annotate(extension_act=Subquery(latest))


def awaiting_extension(qs):
    """Requests of `qs` with an undecided request for an extension."""
    return with_extension_act(qs).filter(extension_act="ask_extension")


def _drafter():
    """Who drafted the request's latest reply (rules.drafted_by), as a subquery."""
    return Subquery(
        RequestEvent.objects.filter(request=OuterRef("pk"), action="draft_reply")
        .order_by("-id")
        .values("actor_id")[:1]
    )


def _not_drafted_by(user) -> Q:
    """Four eyes (rules.may_review): not the drafts whose latest reply `user` drafted."""
    return Q(drafter__isnull=True) | ~Q(drafter=user.pk)


WORK_KEYS = ("assigned", "reviews", "extensions")


def my_work(user) -> dict:
    """The lists of "my work": assigned to me, drafts to review, extensions to decide, and
    my open requests whose extension the head refused (the handler is told here, not only
    by mail). Each a queryset; none of them runs a query per request."""
    from gongkai.web.requests.workflow import CLOSED_STATES

    none = Request.objects.none()
    work = {"assigned": none, "reviews": none, "extensions": none, "refused": none}
    if not rules.is_staff_user(user):
        return work
    own = Request.objects.filter(agency_id=user.agency_id).select_related("agency", "handler")
    if user.is_handler:
        mine = own.filter(handler=user).exclude(state__in=CLOSED_STATES)
        work["assigned"] = mine
        work["refused"] = with_extension_act(mine).filter(extension_act="refuse_extension")
    if user.is_reviewer:
        drafts = own.filter(state="reply_drafted").annotate(drafter=_drafter())
        work["reviews"] = drafts.filter(_not_drafted_by(user))
    if user.is_head:
        work["extensions"] = awaiting_extension(own.exclude(state__in=CLOSED_STATES))
    return work


def work_counts(user) -> dict[str, int]:
    """How many requests wait in each list of "my work", in one query (the navigation shows
    them on every staff page): {"assigned", "reviews", "extensions", "total"}."""
    from gongkai.web.requests.workflow import CLOSED_STATES

    counts = dict.fromkeys(WORK_KEYS, 0)
    if rules.is_staff_user(user) and (user.is_handler or user.is_reviewer or user.is_head):
        is_open = ~Q(state__in=CLOSED_STATES)
        wanted = {
            "assigned": Q(handler=user.pk) & is_open if user.is_handler else None,
            "reviews": Q(state="reply_drafted") & _not_drafted_by(user)
            if user.is_reviewer
            else None,
            "extensions": Q(extension_act="ask_extension") & is_open if user.is_head else None,
        }
        qs = with_extension_act(Request.objects.filter(agency_id=user.agency_id)).annotate(
            drafter=_drafter()
        )
        counts.update(
            qs.aggregate(
                **{key: Count("pk", filter=q) for key, q in wanted.items() if q is not None}
            )
        )
    return {**counts, "total": sum(counts.values())}


def refusals(requests) -> dict[int, RequestEvent]:
    """The latest refusal of an extension of each of `requests` (one query)."""
    found: dict[int, RequestEvent] = {}
    for event in (
        RequestEvent.objects.filter(request__in=requests, action="refuse_extension")
        .select_related("actor")
        .order_by("id")
    ):
        found[event.request_id] = event
    return found
