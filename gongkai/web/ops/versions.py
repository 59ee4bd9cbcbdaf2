"""Shared version counters, read and bumped in the database (atomic, cross-process)."""

from __future__ import annotations

from django.db.models import F

from gongkai.web.ops.models import SharedVersion

HOLIDAY_SCHEDULE = "holiday_schedule"


def current(name: str) -> int:
    row = SharedVersion.objects.filter(name=name).values_list("value", flat=True).first()
    return row or 0


def bump(name: str) -> None:
    """Add one to the counter (one UPDATE: two processes bumping at once both count)."""
    if not SharedVersion.objects.filter(name=name).update(value=F("value") + 1):
        _, created = SharedVersion.objects.get_or_create(name=name, defaults={"value": 1})
        if not created:
            SharedVersion.objects.filter(name=name).update(value=F("value") + 1)
