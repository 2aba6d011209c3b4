"""Admin for plans: one page with every part of the plan (plans.parts) as inlines, to look at."""

from django.contrib import admin

from common.admin import FoldedSearchMixin, ReadOnlyAdmin, ReadOnlyMixin
from common.models import SearchableModel
from plans.models import (
    AuditEntry,
    BudgetExpense,
    ConsultationResponse,
    DeadlineReminder,
    IssuedDocument,
    LegalText,
    Notification,
    NumberingRegister,
    Plan,
    RegisterEntry,
)
from plans.parts import PARTS, SIGNER_FIELDS, Part, owned_parts


class PartInline(ReadOnlyMixin, admin.TabularInline):
    """The rows of one part of the plan, shown on the plan's admin page and never edited there."""

    extra = 0
    can_delete = False


def part_inline(part: Part) -> type[PartInline]:
    fields = (*part.logged_fields, *part.m2m)
    attributes = {
        "model": part.model,
        "fk_name": part.owner.split("__")[0],
        "fields": fields,
        "readonly_fields": fields,
        # A row that owns rows of another part (a group its breakdown) links to its own admin page.
        "show_change_link": bool(owned_parts(part)),
        "__module__": __name__,
    }
    return type(f"{part.model.__name__}Inline", (PartInline,), attributes)


@admin.register(Plan)
class PlanAdmin(FoldedSearchMixin, ReadOnlyMixin, admin.ModelAdmin):
    """A plan and every part of it, to look at. It is read-only here, draft or not: the app's editor
    is the one door that checks every rule across rows, the issuer, the row lock and the version, and
    the workflow alone moves and numbers a plan. "Xem trên trang" opens the plan in the app."""

    list_display = ("subject", "full_symbol", "issuer_name", "kind", "year", "status", "updated_at")
    list_filter = ("status", "kind", "year", "cluster")
    list_select_related = ("organization", "cluster")
    # Parts owned by another row (a group's breakdown) show on that row's admin page.
    inlines = tuple(part_inline(part) for part in PARTS if part.owner == "plan")
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
                    "opening",
                    "closing",
                    "activity_numbering",
                    "heading_numbering",
                    "clause_numbering",
                    "registration_deadline",
                )
            },
        ),
        ("Kinh phí", {"fields": ("budget_source", "budget_payer", "budget_payer_duty")}),
        ("Người ký và nơi lưu", {"fields": (*SIGNER_FIELDS, "archive_note")}),
    )

    def view_on_site(self, plan):
        return plan.get_absolute_url()

    @admin.display(description="số, ký hiệu")
    def full_symbol(self, plan):
        return plan.full_symbol

    @admin.display(description="cơ quan ban hành")
    def issuer_name(self, plan):
        return str(plan.issuer)


def part_admin(part: Part) -> type[ReadOnlyAdmin]:
    """The read-only admin page of one part's rows: listed with their plan, searched by their names.

    A part is edited in the app's editor, where every rule is checked and the change logged.
    """
    owner = part.owner.split("__")[0]
    texts = [name for name in part.names if not part.model._meta.get_field(name).is_relation]
    choices = [name for name in part.fields if part.model._meta.get_field(name).choices]
    searchable = issubclass(part.model, SearchableModel)
    attributes = {
        "list_display": ("__str__", owner, *(("order",) if part.ordered else ())),
        "list_filter": tuple(choices),
        "list_select_related": (owner,),
        "search_fields": ("search_text",) if searchable else (*texts, f"{part.owner}__search_text"),
        "inlines": tuple(part_inline(other) for other in owned_parts(part)),
        "__module__": part.model.__module__.replace(".models", ".admin"),
    }
    bases = (FoldedSearchMixin, ReadOnlyAdmin) if searchable else (ReadOnlyAdmin,)
    return type(f"{part.model.__name__}Admin", bases, attributes)


for _part in PARTS:
    admin.site.register(_part.model, part_admin(_part))


@admin.register(NumberingRegister)
class NumberingRegisterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "organization", "cluster", "year", "series", "last_number")
    list_filter = ("year",)
    list_select_related = ("organization", "cluster")


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    """The register's own log: set on the register page by the records clerk, never edited."""

    list_display = ("at", "register", "kind", "number", "document_date", "actor")
    list_filter = ("kind",)
    list_select_related = ("register__organization", "register__cluster", "actor")


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


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(ReadOnlyAdmin):
    list_display = ("sent_at", "recipient", "plan", "kind", "deadline")
    list_filter = ("kind",)
    list_select_related = ("recipient", "plan")


@admin.register(BudgetExpense)
class BudgetExpenseAdmin(ReadOnlyAdmin):
    """Entered on the plan's budget page, where each entry is checked and logged."""

    list_display = ("item", "plan", "amount", "spent_on", "created_by")
    list_select_related = ("plan", "created_by")


@admin.register(LegalText)
class LegalTextAdmin(admin.ModelAdmin):
    """The legal texts plans cite: an administrator keeps their dates in force and replacements here
    (or on the app's page /plans/legal-texts/); the format check reads them on every check."""

    list_display = ("__str__", "signed_on", "issuer", "in_force_from", "in_force_until", "confirmed")
    list_filter = ("kind", "confirmed", "cited_by_templates")
    search_fields = ("number", "title", "issuer")
    filter_horizontal = ("replaced_by",)
    fieldsets = (
        (None, {"fields": ("kind", "number", "signed_on", "issuer", "title")}),
        ("Hiệu lực", {"fields": ("in_force_from", "in_force_until", "replaced_by", "confirmed")}),
        ("Sử dụng", {"fields": ("cited_by_templates", "other_citations", "note")}),
    )
