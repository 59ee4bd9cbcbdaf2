from django.contrib import admin

from gongkai.web.review.models import CheckDecision


@admin.register(CheckDecision)
class CheckDecisionAdmin(admin.ModelAdmin):
    list_display: tuple[str, ...] = (
        "at",
        "user",
        "app_label",
        "model",
        "object_pk",
        "field",
        "code",
        "decision",
    )
    list_filter: tuple[str, ...] = ("decision", "code", "app_label")
    readonly_fields = tuple(f.name for f in CheckDecision._meta.fields)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
