"""Django admin for the system administrators; the event rows are read-only."""

from django.contrib import admin

from gongkai.web.appeals.models import Appeal, AppealEvent


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = (
        "agency",
        "kind",
        "case_number",
        "appellant",
        "filed_on",
        "decided_on",
        "result",
    )
    list_filter = ("agency", "kind", "result")


@admin.register(AppealEvent)
class AppealEventAdmin(admin.ModelAdmin):
    list_display = ("appeal", "from_result", "to_result", "decided_on", "actor", "at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
