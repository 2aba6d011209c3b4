"""Admin for activities, classes, participant groups and registrations."""

from django.contrib import admin

from activities.models import (
    ActivityEvidence,
    PersonalDataAccess,
    Registration,
)
from activities.registrations.personal_data import mask
from common.admin import FoldedSearchMixin, ReadOnlyAdmin


@admin.register(Registration)
class RegistrationAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    """Registrations are made and seen on the registration pages, where each full view of personal
    data is logged; here the citizen ID and phone are masked, and nothing is edited."""

    list_display = ("full_name", "organization", "plan", "position", "masked_citizen_id", "masked_phone")
    list_filter = ("plan",)
    list_select_related = ("organization", "plan")
    fields = (
        "plan",
        "organization",
        "group",
        "full_name",
        "position",
        "masked_citizen_id",
        "masked_phone",
        "note",
        "registered_by",
        "created_at",
        "purged_at",
    )
    readonly_fields = fields

    # Personal data: lists show only the last four digits (Nghị định 356/2025/NĐ-CP, minimisation).
    @admin.display(description="số CCCD")
    def masked_citizen_id(self, registration):
        return mask(registration.citizen_id)

    @admin.display(description="số điện thoại")
    def masked_phone(self, registration):
        return mask(registration.phone)


@admin.register(ActivityEvidence)
class ActivityEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "activity", "content_type", "size", "uploaded_by", "uploaded_at")
    list_select_related = ("activity", "uploaded_by")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    """The log of full views and exports of personal data: kept, never edited."""

    list_display = ("at", "user", "plan", "organization", "use", "rows")
    list_filter = ("use",)
    list_select_related = ("user", "plan", "organization")
