"""Scheduled housekeeping: what piles up and is worth nothing once it has expired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from gongkai.web.ops.models import ReminderSent

REMINDER_DAYS = 90  # the log only has to outlive a retried cron run; 90 days answer "was I told?"


@dataclass(frozen=True)
class Purged:
    sessions: int
    reminders: int
    reminder_days: int = REMINDER_DAYS


def purge(now=None) -> Purged:
    """Delete expired sessions (Django never does by itself) and old reminder records."""
    now = now or timezone.now()
    sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    cutoff = timezone.localdate(now) - timedelta(days=REMINDER_DAYS)
    reminders, _ = ReminderSent.objects.filter(day__lt=cutoff).delete()
    return Purged(sessions=sessions, reminders=reminders)
