"""Who may do what, in which state: the named checks every app's permissions are built from.

Here: membership and visibility (`is_staff_user`, `is_member`, `visible_agency_ids`,
`may_work_in`) and the desk's workflow permissions (disclosure requests, agency
administration). Each other app keeps its own decisions, built on these checks:
`<app>/rules.py` says who may do what in that app (`ledger/rules.py`, `appeals/rules.py`;
the engagement screens use the ledger's), and `<app>/access.py` looks objects up within the
user's agencies, one `get_<object>_or_404(request, pk)` per object type (`ledger/access.py`,
which also resolves the agency a screen shows, and `appeals/access.py`).
`annual_reports/access.py` holds that app's rules (its views find a report by agency and year
once `may_view` has allowed the agency). Views and exports ask these functions; a record
outside what `visible_agency_ids` allows is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.web.accounts.models import Agency, User
    from gongkai.web.requests.models import Request
    from gongkai.web.requests.workflow import Transition


# ------------------------------------------------------------------ named checks
def is_staff_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.agency_id)


def is_member(user, agency_id: int) -> bool:
    return is_staff_user(user) and user.agency_id == agency_id


_VISIBLE_MEMO = "_visible_agency_ids"


def visible_agency_ids(user: User) -> set[int]:
    """The agencies whose requests `user` may see: their own; a supervisor also those below.

    A page asks several times (its lists, its counts, its filter form): the supervisor's
    tree is read once per user object, that is once per web request, and read again if
    the user's agency or role changed on that object."""
    if not is_staff_user(user):
        return set()
    if not user.is_supervisor:
        return {user.agency_id}
    key = (user.agency_id, user.is_supervisor)
    memo = getattr(user, _VISIBLE_MEMO, None)
    if memo is None or memo[0] != key:
        memo = (key, frozenset(user.agency.descendant_ids()))
        setattr(user, _VISIBLE_MEMO, memo)
    return set(memo[1])


def may_view(user: User, request: Request) -> bool:
    return request.agency_id in visible_agency_ids(user)


def may_work_in(user: User, agency_id: int) -> bool:
    """Staff of the agency with a working role (supervisors only read)."""
    return is_member(user, agency_id) and (user.is_handler or user.is_reviewer or user.is_head)


def may_handle(user: User, request: Request) -> bool:
    return is_member(user, request.agency_id) and user.is_handler


def latest_event(request: Request, *actions: str):
    """The request's latest event (by id) of one of `actions`, or None.

    Read from `request.events.all()`: the request's page loads the events once
    (`requests.queries.with_history`) and every rule asks that list; elsewhere it is one
    query for the request's few events."""
    found = None
    for event in request.events.all():
        if event.action in actions and (found is None or event.id > found.id):
            found = event
    return found


def drafted_by(request: Request):
    """Who drafted the reply now awaiting review (None when there is no draft)."""
    event = latest_event(request, "draft_reply")
    return event.actor_id if event else None


def may_review(user: User, request: Request) -> bool:
    """A reviewer of the agency, and not the one who drafted the reply (four eyes)."""
    return (
        is_member(user, request.agency_id)
        and user.is_reviewer
        and (request.state != "reply_drafted" or drafted_by(request) != user.id)
    )


def may_send_reply(user: User, request: Request) -> bool:
    return may_handle(user, request) or may_review(user, request)


def was_extended(request: Request) -> bool:
    return latest_event(request, "approve_extension") is not None


def may_approve_extension(user: User, request: Request) -> bool:
    """第三十三条: the head approves; the limit may be extended once, by 20 working days."""
    return is_member(user, request.agency_id) and user.is_head and not was_extended(request)


def is_open(request: Request) -> bool:
    return request.closed_on is None and request.state not in ("replied", "withdrawn", "ended")


def may_assign_anyone(user: User, request: Request) -> bool:
    """Whether `user` may assign `request` to some handler (the request's page asks before
    it lists the handlers): the head, or a handler taking an unassigned request."""
    if not (is_member(user, request.agency_id) and is_open(request)):
        return False
    return user.is_head or (user.is_handler and request.handler_id is None)


def may_assign(user: User, request: Request, to: User) -> bool:
    """The head assigns or reassigns an open request to a handler of the agency; a handler
    may take an unassigned one for themselves (分办、领办)."""
    if not may_assign_anyone(user, request):
        return False
    if not (to.is_active and to.is_handler and to.agency_id == request.agency_id):
        return False
    return user.is_head or to.pk == user.pk


def may_ask_extension(user: User, request: Request) -> bool:
    """The handler asks the head to extend (第三十三条): once, while the request is worked on."""
    from gongkai.web.requests.workflow import WORKING

    return may_handle(user, request) and request.state in WORKING and not was_extended(request)


def may_decide_extension(user: User, request: Request) -> bool:
    """The head approves or refuses the handler's request for an extension."""
    return may_approve_extension(user, request)


def may_record_delivery(user: User, request: Request) -> bool:
    """Who sends letters records how they reached the applicant (送达): handler or reviewer."""
    return is_member(user, request.agency_id) and (user.is_handler or user.is_reviewer)


def may_see_personal_data(user: User, request: Request) -> bool:
    """Full ID numbers and phones: only the agency's own working staff; always logged."""
    return may_work_in(user, request.agency_id)


def may_register(user: User) -> bool:
    return is_staff_user(user) and user.is_handler


def may_administer(user: User, agency: Agency | None = None) -> bool:
    """Agency administrator: templates, holiday schedule, users of their agency."""
    if not is_staff_user(user) or not user.is_agency_admin:
        return False
    return agency is None or agency.id == user.agency_id


def may_load_schedule(user: User) -> bool:
    """The holiday schedule is national: it re-dates every agency's requests, so only a
    superuser or an administrator of a top-level government (no parent) may load one."""
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return (
        may_administer(user) and user.agency.parent_id is None and user.agency.kind == "government"
    )


RULES = {
    "may_handle": may_handle,
    "may_review": may_review,
    "may_send_reply": may_send_reply,
    "may_approve_extension": may_approve_extension,
}


def may_take(user: User, request: Request, transition: Transition) -> bool:
    """The state allows the transition and the user's role allows it."""
    return request.state in transition.sources and RULES[transition.rule](user, request)


def allowed_transitions(user: User, request: Request) -> list[Transition]:
    from gongkai.web.requests.workflow import transitions_from

    return [t for t in transitions_from(request.state) if RULES[t.rule](user, request)]
