"""Reminders before a deadline: the people who still have something to do are told, in the app and by
email, `DEADLINE_REMINDER_DAYS` days before it (or on a later run, up to the day itself, should a
daily run be missed); each person once per deadline.

This module keeps the once-per-person rule and the consultation deadline; the registration deadline,
which needs each unit's quota and list, is in `activities.registrations.reminders`.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from plans import notifications, policy
from plans.choices import AuditAction, PlanStatus, ReminderKind
from plans.models import DeadlineReminder, Plan

CONSULTATION_MESSAGE = (
    "Nhắc hạn: đơn vị {units} chưa cho ý kiến về kế hoạch “{subject}”; hạn cho ý kiến là ngày {deadline}."
)


def window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The deadlines to remind of today: from today to `DEADLINE_REMINDER_DAYS` days ahead."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=settings.DEADLINE_REMINDER_DAYS)


@transaction.atomic
def remind(*, plan: Plan, kind: str, deadline: datetime.date, people, message: str) -> int:
    """Tell each of `people` not yet reminded of this deadline; how many were told."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()  # two runs at once remind once
    done = set(
        DeadlineReminder.objects.filter(plan=plan, kind=kind, deadline=deadline).values_list(
            "recipient_id", flat=True
        )
    )
    new = [person for person in people if person.pk not in done]
    DeadlineReminder.objects.bulk_create(
        [DeadlineReminder(recipient=person, plan=plan, kind=kind, deadline=deadline) for person in new]
    )
    notifications.tell(new, plan=plan, action=AuditAction.DEADLINE_REMINDER, message=message)
    return len(new)


def consultation_reminders(today: datetime.date | None = None) -> int:
    """Remind the member units that have not answered an open consultation closing soon."""
    first, last = window(today)
    sent = 0
    for plan in Plan.objects.filter(status=PlanStatus.SUBMITTED, consultation_deadline__range=(first, last)):
        answered = set(plan.consultation_responses.values_list("organization_id", flat=True))
        waiting = [unit for unit in policy.consulted_units(plan) if unit.pk not in answered]
        if not waiting:
            continue
        for unit in waiting:
            message = CONSULTATION_MESSAGE.format(
                units=unit.short_name or unit.name,
                subject=plan.subject,
                deadline=f"{plan.consultation_deadline:%d/%m/%Y}",
            )
            people = list(notifications.unit_staff([unit], policy.ANSWERING_ROLES).order_by("pk"))
            sent += remind(
                plan=plan,
                kind=ReminderKind.CONSULTATION,
                deadline=plan.consultation_deadline,
                people=people,
                message=message,
            )
    return sent
