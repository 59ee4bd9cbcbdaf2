"""A holiday schedule saved or deleted anywhere bumps the shared schedule version."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongkai.web.ops import versions
from gongkai.web.requests.models import HolidaySchedule


@receiver(post_save, sender=HolidaySchedule)
@receiver(post_delete, sender=HolidaySchedule)
def schedule_changed(sender, raw=False, **kwargs) -> None:
    if raw:  # loaddata during a restore: the processes start afresh anyway
        return
    versions.bump(versions.HOLIDAY_SCHEDULE)
