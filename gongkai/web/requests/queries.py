"""Which requests a user sees, filtered as the queue's form says."""

from __future__ import annotations

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404

from gongkai.web.accounts import rules
from gongkai.web.requests.models import Attachment, Letter, Request, RequestEvent
from gongkai.web.requests.workflow import CLOSED_STATES


def visible_requests(user):
    return Request.objects.filter(agency_id__in=rules.visible_agency_ids(user))


def get_visible(user, pk) -> Request:
    """The request, or 404 — also when it exists but belongs to another agency."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    req = visible_requests(user).select_related("agency", "handler").filter(pk=pk).first()
    if req is None:
        raise Http404
    return req


def filtered(user, data: dict):
    qs = visible_requests(user).select_related("agency", "handler")
    if data.get("agency"):
        qs = qs.filter(agency_id=data["agency"])  # within the visible ones only
    if data.get("scope") == "mine":
        qs = qs.filter(handler=user)
    state = data.get("state")
    if state == "open":
        qs = qs.exclude(state__in=CLOSED_STATES)
    elif state:
        qs = qs.filter(state=state)
    for field in ("channel", "applicant_type", "disposition"):
        if data.get(field):
            qs = qs.filter(**{field: data[field]})
    if data.get("year"):
        qs = qs.filter(Q(received_on__year=data["year"]) | Q(received_on=None, year=data["year"]))
    q = (data.get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(tracking_number__icontains=q)
            | Q(applicant_name__icontains=q)
            | Q(organisation__icontains=q)
            | Q(description__icontains=q)
        )
    return qs


def with_history(req: Request) -> Request:
    """Load `req`'s events (with their actors), letters (with their events) and attachments
    (without their content) in three queries, for the request's page.

    The page asks them many times (the clock, the rules, the timeline, the letters, the
    checks, the acts): every helper reads `req.events.all()` / `letters_of(req)` /
    `req.attachments.all()`, which answer from these lists. Only for reading: an act loads
    its request afresh (`select_for_update`)."""
    prefetch_related_objects(
        [req],
        Prefetch("events", queryset=RequestEvent.objects.select_related("actor")),
        Prefetch("letters", queryset=Letter.objects.select_related("event")),
        Prefetch("attachments", queryset=Attachment.objects.defer("content")),
    )
    return req


def letters_of(req: Request) -> list[Letter]:
    """`req`'s letters with their events, oldest first (from `with_history` when loaded)."""
    if "letters" in getattr(req, "_prefetched_objects_cache", {}):
        return list(req.letters.all())
    return list(req.letters.select_related("event"))
