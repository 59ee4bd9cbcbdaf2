"""The production server behind `gongkai serve`: gunicorn, started in this process.

Pre-fork sync workers: one request per process at a time, so a slow page never holds up
the others' database connections, and a worker that dies is replaced. The app is loaded
once in the master (`preload_app`) and the master's database connections are closed before
the fork, so no two processes share a connection.
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def options(
    bind: str, workers: int | None = None, timeout: int = 60, access_log: bool = False
) -> dict[str, Any]:
    """gunicorn settings for `bind` ("host:port" or "unix:/path")."""
    opts: dict[str, Any] = {
        "bind": [bind],
        "workers": workers or default_workers(),
        "worker_class": "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "preload_app": True,
        "errorlog": "-",  # stderr: the service's journal
        "loglevel": "error",  # worker timeouts and crashes; not every HEAD request
        "proc_name": "gongkai",
        # Restart workers now and then: a slow leak in a long-lived worker cannot grow.
        "max_requests": 5000,
        "max_requests_jitter": 500,
        # Behind a reverse proxy gunicorn itself must not rewrite the scheme; Django
        # decides from GONGKAI_TRUSTED_PROXIES (ops.ProxyHeaders).
        "forwarded_allow_ips": "",
    }
    if access_log:
        opts["accesslog"] = "-"
    return opts


class _Server(BaseApplication):
    def __init__(self, application, opts: dict[str, Any]) -> None:
        self.application = application
        self.opts = opts
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.opts.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def run(opts: dict[str, Any]) -> None:
    """Serve the Django app until SIGINT/SIGTERM (Django must be set up already)."""
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    application = get_wsgi_application()
    connections.close_all()  # opened by migrate/demo in this (master) process
    _Server(application, opts).run()
