"""Django admin for superusers: read-only views of requests and their records."""

from django.contrib import admin

from gongkai.web.requests.models import HolidaySchedule, PersonalDataAccess, Request, RequestEvent


class ReadOnly(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # nothing is deleted; a withdrawn request stays on record

    def has_add_permission(self, request):
        return False


@admin.register(Request)
class RequestAdmin(ReadOnly):
    list_display = ("tracking_number", "agency", "state", "received_on", "due_on", "disposition")
    list_filter = ("agency", "state", "channel", "applicant_type")
    search_fields = ("tracking_number",)
    exclude = ("query_code_hash",)


@admin.register(RequestEvent)
class RequestEventAdmin(ReadOnly):
    list_display = ("request", "on", "action", "from_state", "to_state", "actor")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnly):
    list_display = ("at", "user", "request", "what")


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(ReadOnly):
    list_display = ("year", "name", "uploaded_by", "uploaded_at")
