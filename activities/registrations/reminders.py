"""Reminders before a registration deadline: each unit whose list is short of its quota is told how many
people it still has to register, `DEADLINE_REMINDER_DAYS` days before the list closes (the reopened
date when the organiser reopened it). The once-per-person rule is `plans.reminders.remind`."""

import datetime

from django.db.models import Q

from activities.registrations.quotas import registration_progress
from plans import notifications, policy
from plans.choices import PlanStatus, ReminderKind
from plans.models import Plan
from plans.policy.rules import REGISTERING_ROLES
from plans.reminders import remind, window

REGISTRATION_MESSAGE = (
    "Nhắc hạn: {unit} mới đăng ký {registered}/{quota} người cho kế hoạch “{subject}”; "
    "hạn đăng ký danh sách là ngày {deadline}."
)


def registration_reminders(today: datetime.date | None = None) -> int:
    """Remind the units short of their quota on issued plans whose list closes soon."""
    first, last = window(today)
    closing = Plan.objects.filter(status=PlanStatus.ISSUED).filter(
        Q(registration_deadline__range=(first, last)) | Q(registration_reopened_until__range=(first, last))
    )
    sent = 0
    for plan in closing:
        deadline = policy.registration_closes(plan)
        if not first <= deadline <= last:  # reopened beyond the window: reminded nearer the new date
            continue
        for unit in registration_progress(plan).units:
            if unit.complete:
                continue
            message = REGISTRATION_MESSAGE.format(
                unit=unit.organization.short_name or unit.organization.name,
                registered=unit.registered,
                quota=unit.quota,
                subject=plan.subject,
                deadline=f"{deadline:%d/%m/%Y}",
            )
            people = list(notifications.unit_staff([unit.organization], REGISTERING_ROLES).order_by("pk"))
            sent += remind(
                plan=plan, kind=ReminderKind.REGISTRATION, deadline=deadline, people=people, message=message
            )
    return sent
