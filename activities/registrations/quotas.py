"""Quotas of a plan's member units and how far each unit is with its list.

A unit's quota is what the plan's per-unit groups (`GroupKind.PER_UNIT`) naming the unit give it:
each group is a quota of its own (a training plan's classes each have theirs), and a registration
names its group. A unit with one group never has to choose it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from activities.choices import GroupKind
from activities.models import ParticipantGroup, Registration
from clusters.models import Organization
from common.text import fold
from plans.models import Plan


def quota_groups(plan: Plan) -> list[ParticipantGroup]:
    """The plan's per-unit groups, with their units and session, in the plan's order."""
    return _quota_groups([plan.pk])


def _quota_groups(plan_ids: list[int]) -> list[ParticipantGroup]:
    return list(
        ParticipantGroup.objects.filter(plan__in=plan_ids, kind=GroupKind.PER_UNIT)
        .select_related("session")
        .prefetch_related(Prefetch("units", queryset=Organization.objects.order_by("name")))
        .order_by("order", "pk")
    )


def group_label(group: ParticipantGroup) -> str:
    """ "Lớp thứ nhất – Mỗi huyện đăng ký", or what there is of it."""
    parts = [group.session.name if group.session_id else "", " ".join(group.description.split())]
    return " – ".join(part for part in parts if part) or f"Nhóm {group.order}"


@dataclass(frozen=True)
class Quota:
    group: ParticipantGroup
    count: int

    @property
    def label(self) -> str:
        return group_label(self.group)


def unit_quotas(groups: Iterable[ParticipantGroup], organization: Organization) -> list[Quota]:
    return [
        Quota(group, group.count or 0)
        for group in groups
        if any(unit.pk == organization.pk for unit in group.units.all())
    ]


@dataclass
class GroupProgress:
    quota: Quota
    registered: int = 0


@dataclass
class UnitProgress:
    """How far a unit is: people registered against its quota (all its groups together)."""

    organization: Organization
    groups: list[GroupProgress]
    registered: int = 0

    @property
    def quota(self) -> int:
        return sum(item.quota.count for item in self.groups)

    @property
    def missing(self) -> int:
        return max(self.quota - self.registered, 0)

    @property
    def sent(self) -> bool:
        return self.registered > 0

    @property
    def complete(self) -> bool:
        return self.registered >= self.quota

    @property
    def status(self) -> str:
        if not self.sent:
            return "Chưa gửi"
        if self.complete:
            return "Đủ định mức"
        return f"Còn thiếu {self.missing:02d}"


@dataclass
class Progress:
    units: list[UnitProgress]
    groups: list[ParticipantGroup]

    @property
    def quota(self) -> int:
        return sum(unit.quota for unit in self.units)

    @property
    def registered(self) -> int:
        return sum(unit.registered for unit in self.units)

    @property
    def not_sent(self) -> list[Organization]:
        return [unit.organization for unit in self.units if not unit.sent]

    @property
    def several_groups(self) -> bool:
        return len(self.groups) > 1

    def of(self, organization: Organization) -> UnitProgress | None:
        return next((unit for unit in self.units if unit.organization.pk == organization.pk), None)


def registration_progress(plan: Plan, groups: list[ParticipantGroup] | None = None) -> Progress:
    """Every unit with a quota: its quota and how many it registered (two or three queries)."""
    groups = quota_groups(plan) if groups is None else groups
    return _progress(groups, _registration_counts([plan]).get(plan.pk, []))


def registration_progresses(plans: list[Plan]) -> dict[int, Progress]:
    """`registration_progress` of each plan, by plan id, in three queries whatever the number of
    plans (the dashboard's open lists)."""
    groups: dict[int, list[ParticipantGroup]] = {plan.pk: [] for plan in plans}
    for group in _quota_groups([plan.pk for plan in plans]):
        groups[group.plan_id].append(group)
    counts = _registration_counts(plans)
    return {plan.pk: _progress(groups[plan.pk], counts.get(plan.pk, [])) for plan in plans}


def _registration_counts(plans: list[Plan]) -> dict[int, list[tuple[int, int, int]]]:
    """(organization id, group id, rows registered) of each plan, by plan id."""
    counts: dict[int, list[tuple[int, int, int]]] = {}
    rows = (
        Registration.objects.filter(plan__in=[plan.pk for plan in plans])
        .values_list("plan_id", "organization_id", "group_id")
        .annotate(rows=Count("pk"))
        .order_by()
    )
    for plan_id, organization_id, group_id, count in rows:
        counts.setdefault(plan_id, []).append((organization_id, group_id, count))
    return counts


def _progress(groups: list[ParticipantGroup], counts: list[tuple[int, int, int]]) -> Progress:
    units: dict[int, UnitProgress] = {}
    for group in groups:
        for unit in group.units.all():
            progress = units.setdefault(unit.pk, UnitProgress(unit, []))
            progress.groups.append(GroupProgress(Quota(group, group.count or 0)))
    for organization_id, group_id, rows in counts:
        progress = units.get(organization_id)
        if progress is None:  # a unit whose quota was taken away keeps its people out of the count
            continue
        progress.registered += rows
        for item in progress.groups:
            if item.quota.group.pk == group_id:
                item.registered += rows
    ordered = sorted(units.values(), key=lambda item: (fold(item.organization.name), item.organization.pk))
    return Progress(ordered, groups)
