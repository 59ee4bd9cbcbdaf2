"""Ledger screens: which agency a page shows, who may change it, objects looked up by id.

A user sees their own agency; a supervisor also the agencies below theirs (`?agency=<code>`),
read-only. An object of an agency the user may not see is a 404: one `get_<object>_or_404`
per object type. The agency switch (`current_agency`, `base_context`) is shared by the
appeals and engagement screens, which keep their own rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from gongkai.web.accounts.models import Agency
from gongkai.web.ledger import rules
from gongkai.web.ledger.models import Category, ImportRun, Item, NormativeDocument


def current_agency(request) -> Agency:
    """The agency a screen shows: the user's own, or (supervisors) one below via ?agency=."""
    visible = rules.visible_agency_ids(request.user)
    if not visible:
        raise PermissionDenied("您的账号未关联机关")
    code = request.GET.get("agency") or request.POST.get("agency")
    if code:
        return get_object_or_404(Agency, code=code, id__in=visible)
    return request.user.agency


def get_item_or_404(request, pk: int) -> Item:
    return get_object_or_404(Item, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


def get_category_or_404(request, pk: int) -> Category:
    return get_object_or_404(Category, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


def get_document_or_404(request, pk: int) -> NormativeDocument:
    return get_object_or_404(
        NormativeDocument, pk=pk, agency_id__in=rules.visible_agency_ids(request.user)
    )


def get_import_run_or_404(request, pk: int) -> ImportRun:
    return get_object_or_404(ImportRun, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


def require_keeper(request, agency) -> None:
    if not rules.may_keep_ledger(request.user, agency.id):
        raise PermissionDenied("只读：您不能修改本机关的台账")


def parse_year(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and 1990 <= int(text) <= 2100 else default


def base_context(request, agency, **kw):
    visible = rules.visible_agency_ids(request.user)
    return {
        "agency": agency,
        "agencies": Agency.objects.filter(id__in=visible) if len(visible) > 1 else [],
        "may_keep": rules.may_keep_ledger(request.user, agency.id),
        "may_draft": rules.may_draft(request.user, agency.id),
        **kw,
    }


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def with_agency(name: str, request, agency, **kw) -> str:
    url = reverse(name, kwargs=kw)
    return url if agency.id == request.user.agency_id else f"{url}?agency={agency.code}"
