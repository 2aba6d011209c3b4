"""Reads of the registration pages: a call's units with their registration as the user may see it."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from clusters.models import Organization
from emulation.models import Registration, RegistrationCall, RegistrationLine
from plans import policy
from plans.choices import PlanStatus


def call_queryset() -> QuerySet[RegistrationCall]:
    return RegistrationCall.objects.select_related("cluster", "organization")


@dataclass(frozen=True)
class UnitRow:
    unit: Organization
    registration: Registration | None  # None: none, or one the user may not read (another unit's draft)

    @property
    def sent(self) -> bool:
        return self.registration is not None and self.registration.document.status == PlanStatus.ISSUED

    @property
    def status(self) -> str:
        if self.registration is None:
            return "Chưa gửi bản đăng ký"
        if self.sent:
            return f"Đã gửi (số {self.registration.document.full_symbol})"
        return f"Đang lập ({self.registration.document.get_status_display().lower()})"


def unit_rows(user, call: RegistrationCall, *, with_lines: bool = False) -> list[UnitRow]:
    """Each unit the user may follow in the call (every unit for those who run it, else their own),
    with its registration when the user may read it; three queries (four with the lines)."""
    units = policy.registering_units_of_call(call).order_by("name")
    if not policy.runs_call(user, call):
        units = units.filter(pk__in=[unit.pk for unit in policy.own_units(user, call)])
    registrations = call.registrations.select_related("document__organization").annotate(
        line_count=Count("lines")
    )
    if with_lines:
        lines = RegistrationLine.objects.select_related("award").order_by("award__rank", "person_name", "pk")
        registrations = registrations.prefetch_related(Prefetch("lines", queryset=lines))
    readable = {item.unit_id: item for item in policy.visible_registrations(user, call, registrations)}
    return [UnitRow(unit, readable.get(unit.pk)) for unit in units]
