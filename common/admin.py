"""Admin helpers shared by the apps."""

from common.models import search_filter


class FoldedSearchMixin:
    """Admin search that ignores diacritics and case: "tap huan" finds "Tập huấn"."""

    search_fields = ("search_text",)
    search_help_text = "Gõ có dấu hoặc không dấu, ví dụ: tap huan"

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search_filter(queryset, search_term), False
