"""Rows that several server processes share (nothing here is kept in process memory)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SharedVersion(models.Model):
    """A counter bumped whenever shared data changes (e.g. a holiday schedule is loaded).

    Each process compares it with the version its cache was built from, once per request,
    so a new schedule is seen by every process at the next request.
    """

    name = models.CharField(max_length=50, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class ReminderSent(models.Model):
    """One reminder about one request mailed to one recipient on one day.

    `gongkai remind` skips what is logged here, so running it twice a day (a retried
    cron job, two timers) mails nothing twice.
    """

    request = models.ForeignKey("requests.Request", on_delete=models.CASCADE)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    day = models.DateField()
    kind = models.CharField(max_length=20)  # "handler" (due soon/overdue) or "head" (overdue)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["request", "recipient", "day", "kind"], name="reminder_once_a_day"
            ),
        )
