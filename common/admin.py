"""Admin helpers shared by the apps."""

from django.contrib import admin

from common.text import fold


class ReadOnlyMixin:
    """An admin page or inline that shows rows and never adds, changes or deletes them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Rows that only the services (or another admin page) write: administrators may look, never edit."""


class FoldedSearchMixin:
    """Admin search that ignores diacritics and case: "tap huan" finds "Tập huấn".

    The term is folded the way `SearchableModel.search_text` is, then Django's own search
    runs over `search_fields`, which name `search_text` columns (own or related).
    """

    search_fields = ("search_text",)
    search_help_text = "Gõ có dấu hoặc không dấu, ví dụ: tap huan"

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))
