"""Middleware of a deployment: proxy headers, the CSP, the session refresh, the calendar."""

from __future__ import annotations

import time

from django.conf import settings

from gongkai.web.ops.proxies import is_trusted_proxy

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")


class ProxyHeaders:
    """Drop X-Forwarded-Proto/-Host/-Port unless the peer is one of our trusted proxies.

    `SECURE_PROXY_SSL_HEADER` then cannot be forged by a client that reaches the server
    directly. (X-Forwarded-For is judged by `client_ip`, which reads the same setting.)
    Runs first, before SecurityMiddleware's HTTPS redirect looks at `is_secure()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class ContentSecurityPolicy:
    """One fixed Content-Security-Policy header on every response.

    A tiny middleware instead of django-csp: the site serves no script of its own and no
    third-party resource, so the policy is one constant string; django-csp 4 changed its
    whole settings format in 2025 and Django 6.0 brings a built-in CSP to move to later.
    `style-src 'unsafe-inline'`: two templates carry a <style> block (no script is inline).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.GONGKAI_CSP)
        return response


class SessionRefresh:
    """Keep the idle timeout without writing the session row on every request.

    `SESSION_SAVE_EVERY_REQUEST` wrote the session on every page view: under load on SQLite
    every read became a write. Here a non-empty session is saved (its expiry pushed back)
    at most once per `SESSION_REFRESH_SECONDS`, so the 30-minute idle timeout holds to
    within a minute. Must come after SessionMiddleware.
    """

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            last = session.get(self.KEY, 0)
            if now - last >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return response


class SharedCalendar:
    """Use a holiday schedule loaded by another process from the next request on.

    The calendar is built once per process (it is costly); the schedule version lives in
    the database (`ops.SharedVersion`, bumped by every save of a schedule). This asks the
    calendar to compare it once per request, when (and only if) the request uses it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from gongkai.web.requests import clockwork

        clockwork.check_shared_version()
        return self.get_response(request)
