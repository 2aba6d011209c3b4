"""Admin for organisations, clusters, memberships and staff roles."""

from django.contrib import admin

from clusters.models import Cluster, ClusterMembership, Organization, Staff
from common.admin import FoldedSearchMixin


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "level", "parent", "abbreviation", "place_name", "valid_from", "valid_to")
    list_filter = ("level", "is_collective", ("valid_to", admin.EmptyFieldListFilter))
    list_select_related = ("parent",)
    autocomplete_fields = ("parent", "successor")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "level", "parent", "is_collective")}),
        (
            "In trên văn bản",
            {"fields": ("header_parent_line", "header_name", "abbreviation", "place_name")},
        ),
        ("Hiệu lực", {"fields": ("valid_from", "valid_to", "successor")}),
    )


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(Cluster)
class ClusterAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "organization", "abbreviation", "place_name")
    list_filter = ("kind",)
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    inlines = (ClusterMembershipInline,)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "organization")}),
        (
            "In trên văn bản",
            {"fields": ("header_parent_line", "header_name", "abbreviation", "place_name")},
        ),
        ("Hiệu lực", {"fields": ("valid_from", "valid_to")}),
    )


@admin.register(ClusterMembership)
class ClusterMembershipAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("cluster", "year", "organization", "role")
    list_filter = ("year", "role", "cluster")
    list_select_related = ("cluster", "organization")
    autocomplete_fields = ("cluster", "organization")
    search_fields = ("organization__search_text", "cluster__search_text")


@admin.register(Staff)
class StaffAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    list_select_related = ("user", "organization")
    autocomplete_fields = ("user", "organization")
    search_fields = ("user__username", "user__last_name", "organization__search_text")
