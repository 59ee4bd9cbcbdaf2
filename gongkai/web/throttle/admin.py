"""The system administrator may see the counters and delete one to lift a limit or a lock."""

from __future__ import annotations

from datetime import datetime

from django.contrib import admin
from django.utils import timezone

from gongkai.web.throttle.models import Bucket


@admin.register(Bucket)
class BucketAdmin(admin.ModelAdmin):
    list_display = ("key", "hits", "window_start", "blocked")
    search_fields = ("key",)
    readonly_fields = ("key", "started", "hits", "blocked_until")

    def has_add_permission(self, request):
        return False

    @admin.display(description="窗口开始")
    def window_start(self, obj):
        return datetime.fromtimestamp(obj.started, tz=timezone.get_current_timezone())

    @admin.display(description="限制至")
    def blocked(self, obj):
        if obj.blocked_until <= timezone.now().timestamp():
            return "—"
        return datetime.fromtimestamp(obj.blocked_until, tz=timezone.get_current_timezone())
