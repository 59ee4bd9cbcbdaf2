"""Appeals looked up within the agencies the user may see (anything else is a 404)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.web.accounts.rules import visible_agency_ids
from gongkai.web.appeals import rules
from gongkai.web.appeals.models import Appeal


def get_appeal_or_404(request, pk: int) -> Appeal:
    return get_object_or_404(Appeal, pk=pk, agency_id__in=visible_agency_ids(request.user))


def require_keeper(request, agency) -> None:
    """Supervisors may open a case of an agency below theirs, not change it."""
    if not rules.may_keep_register(request.user, agency.id):
        raise PermissionDenied("只读：您不能修改本机关的台账")
