"""Django admin, for the system administrators (superusers) only — see middleware.py."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gongkai.web.accounts.models import Agency, LoginAttempt, User


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "tracking_format")


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ("username", "full_name", "agency", "is_active", "last_login")
    list_filter = ("agency", "is_handler", "is_reviewer", "is_head", "is_agency_admin")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "机关与角色",
            {
                "fields": (
                    "agency",
                    "full_name",
                    "is_handler",
                    "is_reviewer",
                    "is_head",
                    "is_agency_admin",
                    "is_supervisor",
                )
            },
        ),
    )


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "ip", "success", "note")
    list_filter = ("success",)

    def has_change_permission(self, request, obj=None):
        return False  # the log is evidence: read-only

    def has_delete_permission(self, request, obj=None):
        return False
