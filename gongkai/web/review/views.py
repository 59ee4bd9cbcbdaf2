"""Store a reviewer's decision on one finding (POST, CSRF-protected, access by the hook)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.web.review import services
from gongkai.web.review.registry import registration


@login_required
@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    post = request.POST
    entry = registration(post.get("app_label", ""), post.get("model", ""))
    if entry is None or post.get("field") not in entry.fields:
        raise Http404("无此检查对象")
    try:
        obj = entry.model._default_manager.get(pk=post.get("pk"))  # type: ignore[attr-defined]
    except (entry.model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404("无此检查对象") from None
    if not entry.may_decide(request.user, obj):
        raise PermissionDenied("您无权对该内容作出检查决定")
    back = _next(request)
    field = post["field"]
    try:
        key = (post["code"], int(post["start"]), int(post["end"]), post["text"])
    except (KeyError, ValueError):
        messages.error(request, "检查决定不完整，请刷新页面后重试")
        return redirect(back)
    decision = post.get("decision", "")
    if decision not in ("accepted", "fixed"):
        messages.error(request, "请选择“确认无误，予以保留”或“已修改”")
        return redirect(back)
    text = entry.text(obj, field)
    current = {r.key for r in services.reviewed_findings(obj, field, text, entry.options(obj))}
    if key not in current:
        messages.error(request, "该问题已不在当前文本中（文本可能已修改），请刷新页面")
        return redirect(back)
    services.decide(obj, field, key, decision, request.user, timezone.now(), post.get("note", ""))
    messages.success(request, "检查决定已保存")
    return redirect(back)


def _next(request: HttpRequest) -> str:
    """Back to the page that showed the findings: `next`, else the referer, if on this site."""
    for target in (request.POST.get("next", ""), request.META.get("HTTP_REFERER", "")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
    return "/"
