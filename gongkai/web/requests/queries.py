"""Which requests a user sees, filtered as the queue's form says."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from gongkai.web.accounts import rules
from gongkai.web.requests.models import Request
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
