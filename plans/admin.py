"""Admin for plans: one page with every part of the plan as inlines."""

from django.contrib import admin

from activities.models import Activity, ParticipantGroup, Session
from common.admin import FoldedSearchMixin
from plans.models import (
    AuditEntry,
    BudgetContribution,
    BudgetLine,
    Duty,
    IssuedDocument,
    LegalBasis,
    NumberingRegister,
    Plan,
    Recipient,
    Section,
)
from plans.services import SIGNER_FIELDS


class PlanInline(admin.TabularInline):
    extra = 0


class LegalBasisInline(PlanInline):
    model = LegalBasis
    fk_name = "plan"
    autocomplete_fields = ("referenced_plan",)


class SectionInline(PlanInline):
    model = Section
    fields = ("order", "parent", "heading", "body", "block")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only this plan's sections as parents, not every section in the database.
        if db_field.name == "parent":
            plan_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Section.objects.filter(plan_id=plan_id) if plan_id else Section.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DutyInline(PlanInline):
    model = Duty
    autocomplete_fields = ("organizations",)


class RecipientInline(PlanInline):
    model = Recipient
    autocomplete_fields = ("organization",)


class BudgetLineInline(PlanInline):
    model = BudgetLine


class BudgetContributionInline(PlanInline):
    model = BudgetContribution
    autocomplete_fields = ("organization",)


class ActivityInline(PlanInline):
    model = Activity
    autocomplete_fields = ("lead_organizations", "coordinating_organizations")


class SessionInline(PlanInline):
    model = Session


class ParticipantGroupInline(PlanInline):
    model = ParticipantGroup
    fields = (
        "order",
        "session",
        "kind",
        "description",
        "honorific",
        "full_name",
        "position",
        "count",
        "noun",
        "unit_count",
    )
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            plan_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Session.objects.filter(plan_id=plan_id) if plan_id else Session.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Plan)
class PlanAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("subject", "full_symbol", "issuer_name", "kind", "year", "status", "updated_at")
    list_filter = ("status", "kind", "year", "cluster")
    list_select_related = ("organization", "cluster")
    autocomplete_fields = ("organization", "cluster", "budget_payer")
    inlines = (
        LegalBasisInline,
        SectionInline,
        ActivityInline,
        SessionInline,
        ParticipantGroupInline,
        DutyInline,
        BudgetLineInline,
        BudgetContributionInline,
        RecipientInline,
    )
    fieldsets = (
        (None, {"fields": ("organization", "cluster", "kind", "year", "subject", "status")}),
        (
            "Số, ký hiệu, địa danh và ngày",
            {"fields": ("number", "symbol", "place_name", ("date_day", "date_month", "date_year"))},
        ),
        (
            "Nội dung",
            {
                "fields": (
                    "preamble",
                    "closing",
                    "activity_numbering",
                    "clause_numbering",
                    "registration_deadline",
                )
            },
        ),
        ("Kinh phí", {"fields": ("budget_source", "budget_payer", "budget_payer_duty")}),
        (
            "Người ký và nơi lưu",
            {"fields": (*SIGNER_FIELDS, "archive_note")},
        ),
    )

    @admin.display(description="số, ký hiệu")
    def full_symbol(self, plan):
        return plan.full_symbol

    @admin.display(description="cơ quan ban hành")
    def issuer_name(self, plan):
        return str(plan.issuer)


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "form", "order")
    list_select_related = ("plan", "referenced_plan")
    autocomplete_fields = ("plan", "referenced_plan")
    search_fields = ("text", "plan__search_text")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "parent", "block", "order")
    list_filter = ("block",)
    list_select_related = ("plan", "parent")
    autocomplete_fields = ("plan", "parent")
    search_fields = ("heading", "body", "plan__search_text")


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "order")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "organizations")
    search_fields = ("title", "body", "plan__search_text")


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ("text", "plan", "organization", "order")
    list_select_related = ("plan", "organization")
    autocomplete_fields = ("plan", "organization")
    search_fields = ("text", "plan__search_text")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("item", "plan", "quantity", "unit", "unit_price", "order")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan",)
    search_fields = ("item", "plan__search_text")


@admin.register(BudgetContribution)
class BudgetContributionAdmin(admin.ModelAdmin):
    list_display = ("organization", "plan", "amount")
    list_select_related = ("plan", "organization")
    autocomplete_fields = ("plan", "organization")
    search_fields = ("organization__search_text", "plan__search_text")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only the services write: administrators may look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NumberingRegister)
class NumberingRegisterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "organization", "cluster", "year", "series", "last_number")
    list_filter = ("year",)
    list_select_related = ("organization", "cluster")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The change log is written by the services and never edited."""

    list_display = ("at", "plan", "action", "actor")
    list_filter = ("action",)
    list_select_related = ("plan", "actor")
    search_fields = ("plan__search_text", "note")


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("plan", "issued_at", "issued_by", "sha256")
    list_select_related = ("plan", "issued_by")
    search_fields = ("plan__search_text", "sha256")
