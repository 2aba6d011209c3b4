"""Admin for organisations, clusters, memberships, staff roles and reorganisations."""

import datetime

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from clusters.forms import ReorganiseForm
from clusters.models import Cluster, ClusterMembership, Organization, Staff, Succession, in_force_on
from clusters.reorganisation import reorganise
from common.admin import FoldedSearchMixin, ReadOnlyAdmin
from common.errors import ServiceError


class InForceFilter(admin.SimpleListFilter):
    """Bodies in force today by default; dissolved ones (and those not yet opened) on request."""

    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("con", "Đang hoạt động"), ("het", "Đã giải thể, sáp nhập"), ("tatca", "Tất cả")]

    def choices(self, changelist):
        # No "All" of Django's: the default is "in force", and "Tất cả" is one of ours.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def value(self):
        return super().value() or "con"

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.parameter_name not in self.used_parameters and request.GET.get("q"):
            return queryset  # a search looks at every body, dissolved ones included
        if self.value() == "con":
            return queryset.filter(in_force_on(today))
        if self.value() == "het":
            return queryset.filter(valid_to__lt=today)
        return queryset


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    can_delete = False
    verbose_name = "cơ quan kế thừa"
    verbose_name_plural = "cơ quan kế thừa"
    fields = readonly_fields = ("successor", "kind", "date")

    def has_add_permission(self, request, obj=None):
        return False


class PredecessionInline(SuccessionInline):
    fk_name = "successor"
    verbose_name = "cơ quan tiền thân"
    verbose_name_plural = "cơ quan tiền thân"
    fields = readonly_fields = ("predecessor", "kind", "date")


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "level", "parent", "abbreviation", "place_name", "valid_from", "valid_to")
    list_filter = (InForceFilter, "level", "is_collective")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    inlines = (PredecessionInline, SuccessionInline)
    actions = ("reorganise_action",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "level", "parent", "is_collective")}),
        (
            "In trên văn bản",
            {"fields": ("header_parent_line", "header_name", "abbreviation", "place_name")},
        ),
        ("Hiệu lực", {"fields": ("valid_from", "valid_to")}),
    )

    @admin.action(description="Sắp xếp lại (sáp nhập, chia tách, đổi tên) các cơ quan đã chọn")
    def reorganise_action(self, request, queryset):
        """An intermediate page: the form, then `reorganise`; its refusal shows next to the field."""
        predecessors = list(queryset.order_by("name"))
        if "apply" in request.POST:
            form = ReorganiseForm(request.POST)
            if form.is_valid():
                try:
                    result = reorganise(
                        kind=form.cleaned_data["kind"],
                        predecessors=predecessors,
                        successors=list(form.cleaned_data["successors"]),
                        date=form.cleaned_data["date"],
                        new_successors=form.cleaned_data["new_successors"],
                    )
                except ServiceError as error:
                    for field, field_messages in error.errors.items():
                        for message in field_messages:
                            form.add_error(field if field in form.fields else None, message)
                else:
                    self.message_user(request, result.summary(), messages.SUCCESS)
                    return None
        else:
            form = ReorganiseForm(initial={"date": datetime.date(timezone.localdate().year + 1, 1, 1)})
        return TemplateResponse(
            request,
            "admin/clusters/organization/reorganise.html",
            {
                **self.admin_site.each_context(request),
                "title": "Sắp xếp lại cơ quan, đơn vị",
                "opts": self.model._meta,
                "form": form,
                "predecessors": predecessors,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Succession)
class SuccessionAdmin(ReadOnlyAdmin):
    list_display = ("predecessor", "successor", "kind", "date")
    list_filter = ("kind", "date")
    list_select_related = ("predecessor", "successor")
    search_fields = ("predecessor__name", "successor__name")


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(Cluster)
class ClusterAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "organization", "abbreviation", "place_name", "valid_from", "valid_to")
    list_filter = (InForceFilter, "kind")
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
