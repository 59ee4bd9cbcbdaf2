"""Error pages in Chinese; never a traceback for the user."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader


def _page(template: str, status: int, request=None) -> HttpResponse:
    try:
        body = loader.get_template(template).render({}, request)
    except Exception:  # the 500 page must not fail in turn
        body = "<h1>系统出现错误</h1><p>请稍后再试。</p>"
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _page("400.html", 400, request)


def permission_denied(request, exception=None):
    return _page("403.html", 403, request)


def page_not_found(request, exception=None):
    return _page("404.html", 404, request)


def server_error(request):
    return _page("500.html", 500)
