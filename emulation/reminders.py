"""Reminders before a registration call's deadline: the staff of each unit that has not yet sent its
registration (its document issued) are emailed `DEADLINE_REMINDER_DAYS` days before the deadline (or on
a later run up to the day itself), each person once per deadline."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clusters.choices import OrganizationLevel, StaffRole
from common.tasks import enqueue_after, send_email
from emulation.models import CallReminder, RegistrationCall
from plans import notifications, policy
from plans.choices import PlanStatus
from plans.reminders import window

REMINDER_SUBJECT = "[Kế hoạch TĐKT] Nhắc hạn đăng ký thi đua năm {year}"
REMINDER_MESSAGE = (
    "Nhắc hạn: {unit} chưa gửi bản đăng ký thi đua năm {year} cho {issuer}; hạn đăng ký là ngày {deadline}."
)
REMINDED_ROLES = (StaffRole.DRAFTER, StaffRole.APPROVER, StaffRole.MEMBER_STAFF)


@transaction.atomic
def _remind_call(call: RegistrationCall) -> int:
    RegistrationCall.objects.select_for_update().filter(pk=call.pk).first()  # two runs at once remind once
    sent_units = set(
        call.registrations.filter(document__status=PlanStatus.ISSUED).values_list("unit_id", flat=True)
    )
    done = set(
        CallReminder.objects.filter(call=call, deadline=call.deadline).values_list("recipient_id", flat=True)
    )
    link = settings.SITE_URL + reverse("emulation:call_detail", args=[call.pk])
    told = 0
    for unit in policy.registering_units_of_call(call).order_by("name"):
        if unit.pk in sent_units:
            continue
        # The unit's own staff, and the drafters of its offices (who draft for it).
        staff = notifications.unit_staff([unit], REMINDED_ROLES) | notifications.unit_staff(
            unit.children.filter(level=OrganizationLevel.OFFICE), (StaffRole.DRAFTER,)
        )
        people = [person for person in staff.distinct().order_by("pk") if person.pk not in done]
        message = REMINDER_MESSAGE.format(
            unit=unit.short_name or unit.name,
            year=call.year,
            issuer=call.issuer,
            deadline=f"{call.deadline:%d/%m/%Y}",
        )
        CallReminder.objects.bulk_create(
            [CallReminder(call=call, recipient=person, deadline=call.deadline) for person in people]
        )
        body = f"{message}\n\nXem đợt đăng ký: {link}\n\nThư này được gửi tự động; vui lòng không trả lời."
        for person in people:
            if person.email:
                enqueue_after(send_email, REMINDER_SUBJECT.format(year=call.year), body, person.email)
        done |= {person.pk for person in people}
        told += len(people)
    return told


def registration_call_reminders(today: datetime.date | None = None) -> int:
    """Remind the units of the calls closing soon that have not sent their registration; how many people."""
    first, last = window(today)
    return sum(_remind_call(call) for call in RegistrationCall.objects.filter(deadline__range=(first, last)))
