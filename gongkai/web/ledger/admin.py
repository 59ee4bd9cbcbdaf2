"""Django admin for the system administrators; the event and change rows are read-only."""

from django.contrib import admin

from gongkai.web.ledger.models import (
    Category,
    ImportRun,
    Item,
    ItemEvent,
    NormativeDocument,
    RegisterChange,
    YearlyFigure,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "doc_number", "state", "published_on")
    list_filter = ("agency", "state")
    search_fields = ("title", "doc_number")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "parent", "article_item", "position")
    list_filter = ("agency",)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ("doc_number", "title", "agency", "kind", "issued_on", "abolished_on")
    list_filter = ("agency", "kind")


@admin.register(YearlyFigure)
class YearlyFigureAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "item", "field", "value", "note")
    list_filter = ("agency", "year")


@admin.register(ItemEvent)
class ItemEventAdmin(ReadOnly):
    list_display = ("item", "action", "from_state", "to_state", "actor", "at", "on")


@admin.register(RegisterChange)
class RegisterChangeAdmin(ReadOnly):
    list_display = ("agency", "register", "label", "actor", "at", "summary")


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnly):
    list_display = ("agency", "filename", "at", "created", "updated")
