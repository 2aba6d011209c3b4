"""What a member unit still has to do on registration lists: the dashboard's "register your people".

A task is one of the user's units with a quota on an issued plan whose list is open and not yet full:
how many are registered against the quota, the day the list closes (a reopened date counts), and
the unit's page. The cost is bounded by `limit` plans, whatever the size of the tables.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from activities.choices import GroupKind
from activities.registrations.quotas import registration_progresses
from clusters.models import Organization
from plans import policy
from plans.choices import PlanStatus
from plans.models import Plan


@dataclass(frozen=True)
class RegistrationTask:
    plan: Plan
    unit: Organization
    registered: int
    quota: int
    closes: datetime.date | None
    reopened: bool

    @property
    def missing(self) -> int:
        return max(self.quota - self.registered, 0)

    @property
    def url(self) -> str:
        return f"{reverse('registration:unit', args=[self.plan.pk])}?unit={self.unit.pk}"


def registration_tasks(
    user, plans: QuerySet[Plan], today: datetime.date, limit: int
) -> list[RegistrationTask]:
    """Of `plans`, the open lists where one of the user's units is short of its quota, soonest first."""
    units = policy.registering_bodies(user)
    if not units:
        return []
    still_open = (
        Q(registration_deadline__gte=today)
        | Q(registration_reopened_until__gte=today)
        | Q(registration_deadline__isnull=True, registration_reopened_until__isnull=True)
    )
    candidates = (
        plans.filter(
            still_open,
            status=PlanStatus.ISSUED,
            participant_groups__kind=GroupKind.PER_UNIT,
            participant_groups__units__in=units,
        )
        .distinct()
        .order_by("registration_deadline", "pk")[:limit]
    )
    tasks = []
    candidates = list(candidates)
    progresses = registration_progresses(candidates)
    for plan in candidates:
        for unit in progresses[plan.pk].units:
            if unit.organization.pk in units and not unit.complete:
                closes = policy.registration_closes(plan)
                tasks.append(
                    RegistrationTask(
                        plan=plan,
                        unit=unit.organization,
                        registered=unit.registered,
                        quota=unit.quota,
                        closes=closes,
                        reopened=plan.registration_reopened_until is not None
                        and closes != plan.registration_deadline,
                    )
                )
    return tasks
