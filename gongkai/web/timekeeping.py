"""The one "today" of the web apps and the CLI.

Every app asks `today()` here: the desk, the portal, the ledger, appeals, annual reports,
the reminders and the CLI. `GONGKAI_TODAY` (demo, tests) fixes it; otherwise the local date
in the configured time zone (Asia/Shanghai). Core code never calls it: dates are arguments.
"""

from __future__ import annotations

import os
from datetime import date

from django.utils import timezone


def today() -> date:
    """`GONGKAI_TODAY` if set to an ISO date, else the local date (Asia/Shanghai)."""
    raw = os.environ.get("GONGKAI_TODAY", "").strip()
    if raw:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return timezone.localdate()
