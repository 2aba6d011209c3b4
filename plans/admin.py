"""Admin for plans: one page with every part of the plan as inlines."""

from django.contrib import admin

from activities.models import Activity, ParticipantGroup, Session
from common.admin import FoldedSearchMixin, ReadOnlyAdmin
from plans.audit import plan_snapshot, record_change
from plans.choices import AuditAction, PlanStatus
from plans.models import (
    AuditEntry,
    BudgetContribution,
    BudgetExpense,
    BudgetLine,
    ConsultationResponse,
    Duty,
    IssuedDocument,
    LegalBasis,
    Notification,
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
    # The workflow alone moves a plan between states and numbers it.
    readonly_fields = ("status", "number", "version")
    fieldsets = (
        (None, {"fields": ("organization", "cluster", "kind", "year", "subject", "status", "version")}),
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

    def has_change_permission(self, request, obj=None):
        # An issued plan is the signed document: nobody changes it, not even here.
        return super().has_change_permission(request, obj) and (
            obj is None or obj.status != PlanStatus.ISSUED
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.status == PlanStatus.DRAFT)

    def save_model(self, request, obj, form, change):
        # The log compares against the plan as stored, read before this save.
        request._plan_before = plan_snapshot(obj) if change else None
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_change(
            plan=form.instance,
            actor=request.user,
            action=AuditAction.UPDATED if change else AuditAction.CREATED,
            before=request._plan_before,
            note="Trên trang quản trị",
        )

    @admin.display(description="số, ký hiệu")
    def full_symbol(self, plan):
        return plan.full_symbol

    @admin.display(description="cơ quan ban hành")
    def issuer_name(self, plan):
        return str(plan.issuer)


# A part of a plan is edited on its plan's page (the inlines above), where the change is logged.
@admin.register(LegalBasis)
class LegalBasisAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "plan", "form", "order")
    list_select_related = ("plan", "referenced_plan")
    autocomplete_fields = ("plan", "referenced_plan")
    search_fields = ("text", "plan__search_text")


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "plan", "parent", "block", "order")
    list_filter = ("block",)
    list_select_related = ("plan", "parent")
    autocomplete_fields = ("plan", "parent")
    search_fields = ("heading", "body", "plan__search_text")


@admin.register(Duty)
class DutyAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "plan", "order")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "organizations")
    search_fields = ("title", "body", "plan__search_text")


@admin.register(Recipient)
class RecipientAdmin(ReadOnlyAdmin):
    list_display = ("text", "plan", "organization", "order")
    list_select_related = ("plan", "organization")
    autocomplete_fields = ("plan", "organization")
    search_fields = ("text", "plan__search_text")


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("item", "plan", "quantity", "unit", "unit_price", "order")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan",)
    search_fields = ("item", "plan__search_text")


@admin.register(BudgetContribution)
class BudgetContributionAdmin(ReadOnlyAdmin):
    list_display = ("organization", "plan", "amount")
    list_select_related = ("plan", "organization")
    autocomplete_fields = ("plan", "organization")
    search_fields = ("organization__search_text", "plan__search_text")


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


@admin.register(ConsultationResponse)
class ConsultationResponseAdmin(ReadOnlyAdmin):
    list_display = ("plan", "organization", "answer", "answered_by", "answered_at")
    list_filter = ("answer",)
    list_select_related = ("plan", "organization", "answered_by")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "action", "message", "read_at")
    list_filter = ("action",)
    list_select_related = ("recipient",)


@admin.register(BudgetExpense)
class BudgetExpenseAdmin(ReadOnlyAdmin):
    """Entered on the plan's budget page, where each entry is checked and logged."""

    list_display = ("item", "plan", "amount", "spent_on", "created_by")
    list_select_related = ("plan", "created_by")
