"""Telling people that a plan waits for them: a row in their in-app list and an email.

The rows are written in the transition's transaction; the emails are background tasks (one per
address, retried on failure) that run only once it commits, so a refused transition tells nobody
anything and a slow or broken mail server never holds up or fails a step.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from activities.choices import GroupKind
from activities.models import ParticipantGroup
from clusters.choices import StaffRole
from clusters.models import Staff
from common.tasks import enqueue_after, send_email
from plans import policy
from plans.choices import AuditAction
from plans.models import Notification, Plan

# Who must act (or learn) after each step, by their role for the plan's acting body.
RECIPIENT_ROLES = {
    AuditAction.SUBMITTED: (StaffRole.APPROVER,),
    AuditAction.RETURNED: (StaffRole.DRAFTER,),
    AuditAction.APPROVED: (StaffRole.CLERK, StaffRole.DRAFTER),
    AuditAction.ISSUED: (StaffRole.DRAFTER, StaffRole.APPROVER),
}
MESSAGES = {
    AuditAction.SUBMITTED: "{actor} đã trình kế hoạch “{subject}”; kế hoạch đang chờ phê duyệt.",
    AuditAction.RETURNED: "{actor} đã trả lại kế hoạch “{subject}” để sửa. Lý do: {note}",
    AuditAction.APPROVED: "{actor} đã phê duyệt kế hoạch “{subject}”; kế hoạch chờ cấp số và ban hành.",
    AuditAction.ISSUED: "Kế hoạch “{subject}” đã ban hành: số {symbol}, ngày {date}.",
    AuditAction.CONSULTATION_OPENED: "Cụm thi đua xin ý kiến đơn vị về kế hoạch “{subject}”. {note}.",
}
QUOTA_NOTICE = "{unit} được phân bổ {quota} người; hạn đăng ký danh sách {deadline}. Đăng ký tại: {link}"
SUBJECT_PREFIX = "[Kế hoạch TĐKT] "


def _display_name(user) -> str:
    if user is None:
        return "Hệ thống"
    return user.get_full_name() or user.get_username()


def recipients(plan: Plan, action: str) -> QuerySet:
    """The users to tell about `action` on `plan`."""
    ids = set()
    for role in RECIPIENT_ROLES.get(action, ()):
        ids |= set(policy.users_acting(role, plan).values_list("pk", flat=True))
    if plan.cluster_id and action in (AuditAction.CONSULTATION_OPENED, AuditAction.ISSUED):
        # Member units answer the consultation and, once issued, carry the plan out.
        units = [unit.pk for unit in policy.consulted_units(plan)]
        ids |= set(unit_staff(units, policy.ANSWERING_ROLES).values_list("pk", flat=True))
    return get_user_model().objects.filter(pk__in=ids)


def unit_staff(units, roles) -> QuerySet:
    """The active users who hold one of `roles` in one of `units`."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_roles__organization__in=units, staff_roles__role__in=roles)
        .distinct()
    )


def notify(*, plan: Plan, action: str, actor, note: str = "") -> list[Notification]:
    """Write a notification for each person to tell (the actor excepted) and email them on commit."""
    if action not in MESSAGES:
        return []
    message = MESSAGES[action].format(
        actor=_display_name(actor),
        subject=plan.subject,
        note=note,
        symbol=plan.full_symbol,
        date=plan.short_date,
    )
    people = list(recipients(plan, action).exclude(pk=getattr(actor, "pk", None)).order_by("pk"))
    told = []
    if action == AuditAction.ISSUED:
        for unit, quota, unit_people in _units_with_quota(plan, people):
            notice = (
                message
                + " "
                + QUOTA_NOTICE.format(
                    unit=unit.short_name or unit.name,
                    quota=quota,
                    deadline=_deadline_words(plan),
                    link=settings.SITE_URL
                    + reverse("registration:unit", args=[plan.pk])
                    + f"?unit={unit.pk}",
                )
            )
            told += tell(unit_people, plan=plan, action=action, message=notice)
            people = [person for person in people if person not in unit_people]
    return told + tell(people, plan=plan, action=action, message=message)


def _deadline_words(plan: Plan) -> str:
    closes = policy.registration_closes(plan)
    return f"đến hết ngày {closes:%d/%m/%Y}" if closes else "theo thông báo của đơn vị tổ chức"


def _units_with_quota(plan: Plan, people: list) -> list[tuple]:
    """(unit, quota, its people among `people`) for each unit the plan's per-unit groups name."""
    quotas: dict = {}
    groups = ParticipantGroup.objects.filter(plan=plan, kind=GroupKind.PER_UNIT).prefetch_related("units")
    for group in groups:
        for unit in group.units.all():
            quotas[unit] = quotas.get(unit, 0) + (group.count or 0)
    if not quotas:
        return []
    staff = set(
        Staff.objects.filter(
            user__in=[person.pk for person in people],
            organization__in=list(quotas),
            role__in=policy.REGISTERING_ROLES,
        ).values_list("user_id", "organization_id")
    )
    return [
        (unit, quota, [person for person in people if (person.pk, unit.pk) in staff])
        for unit, quota in sorted(quotas.items(), key=lambda item: item[0].name)
        if any(organization == unit.pk for _, organization in staff)
    ]


def tell(people, *, plan: Plan, action: str, message: str) -> list[Notification]:
    """A notification in the app for each person, and an email to each once the transaction commits."""
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(recipient=person, plan=plan, action=action, message=message[:600], created_at=now)
            for person in people
        ]
    )
    _email([person.email for person in people], message, plan)
    return rows


def _email(addresses: list[str], message: str, plan: Plan) -> None:
    """One email task per address (a retry never reaches anyone twice)."""
    # One line: a subject typed with Enter (or pasted from Word) must not break the mail header.
    subject = " ".join((SUBJECT_PREFIX + message.split(";")[0].split(". ")[0]).split())[:200]
    link = settings.SITE_URL + plan.get_absolute_url()
    body = f"{message}\n\nXem kế hoạch: {link}\n\nThư này được gửi tự động; vui lòng không trả lời."
    for address in addresses:
        if address:
            enqueue_after(send_email, subject, body, address)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_ids=None) -> int:
    """Mark the user's notifications (all of them, or those listed) as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
