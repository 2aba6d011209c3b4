"""The staff audit log in the admin: read only, as it is append-only."""

from django.contrib import admin

from staffing.models import StaffChange


@admin.register(StaffChange)
class StaffChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "kind", "target", "organization")
    list_filter = ("kind",)
    list_select_related = ("actor", "target", "organization")
    search_fields = ("target__username", "actor__username", "detail")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
