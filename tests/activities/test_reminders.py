"""Reminders before a deadline: the units that still have to register people or answer a consultation are
told in the app and by email, N days before, once per person and deadline; the daily run is a task."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from activities.choices import GroupKind
from activities.models import ParticipantGroup, Registration
from activities.tasks import send_deadline_reminders
from plans.choices import AuditAction, ConsultationAnswer
from plans.models import ConsultationResponse, DeadlineReminder, Notification, Plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def three_days(settings):
    settings.DEADLINE_REMINDER_DAYS = 3


@pytest.fixture
def issued(world):
    """The cluster's plan, issued, with a quota of 2 people for Lai Vung, whose list closes in 2 days."""
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(
        status="issued", number=5, date_day=5, date_month=7, registration_deadline=days(2)
    )
    group = ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=2)
    group.units.set([world.member])
    plan.refresh_from_db()
    return plan


def reminders_to(user):
    return list(
        Notification.objects.filter(recipient=user, action=AuditAction.DEADLINE_REMINDER).values_list(
            "message", flat=True
        )
    )


def test_a_unit_short_of_its_quota_is_reminded_in_the_app_and_by_email(
    world, issued, django_capture_on_commit_callbacks
):
    Registration.objects.create(plan=issued, organization=world.member, full_name="Nguyễn Văn An")

    with django_capture_on_commit_callbacks(execute=True):  # emails leave once the reminder commits
        send_deadline_reminders.enqueue()  # the immediate backend of the tests runs it now

    for user in (world.users["member_staff"], world.users["member_approver"]):
        (message,) = reminders_to(user)
        assert "mới đăng ký 1/2 người" in message
        assert f"{days(2):%d/%m/%Y}" in message
    assert sorted(message.to[0] for message in mail.outbox) == [
        "lanhdaolaivung@example.invalid",
        "thanhvien@example.invalid",
    ]
    assert reminders_to(world.users["approver"]) == []  # the organiser registers nobody


def test_each_person_is_reminded_once_per_deadline_and_again_for_a_reopened_one(world, issued):
    send_deadline_reminders.call()
    send_deadline_reminders.call()  # the next day's run, or a second cron line
    assert len(reminders_to(world.users["member_staff"])) == 1

    Plan.objects.filter(pk=issued.pk).update(registration_reopened_until=days(3))
    send_deadline_reminders.call()
    messages = reminders_to(world.users["member_staff"])
    assert len(messages) == 2
    assert f"{days(3):%d/%m/%Y}" in messages[0]
    assert DeadlineReminder.objects.filter(recipient=world.users["member_staff"]).count() == 2


def test_nobody_is_reminded_of_a_far_deadline_a_full_list_or_a_closed_one(world, issued):
    Plan.objects.filter(pk=issued.pk).update(registration_deadline=days(4))
    assert send_deadline_reminders.call() == 0
    Plan.objects.filter(pk=issued.pk).update(registration_deadline=days(-1))
    assert send_deadline_reminders.call() == 0
    Plan.objects.filter(pk=issued.pk).update(registration_deadline=days(0))
    Registration.objects.bulk_create(
        Registration(plan=issued, organization=world.member, full_name=name) for name in ("An", "Bình")
    )
    assert send_deadline_reminders.call() == 0
    assert not Notification.objects.filter(action=AuditAction.DEADLINE_REMINDER).exists()


def test_member_units_that_have_not_answered_a_consultation_closing_soon_are_reminded(world):
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(status="submitted", consultation_deadline=days(1))

    assert send_deadline_reminders.call() == 2
    (message,) = reminders_to(world.users["member_staff"])
    assert "chưa cho ý kiến" in message
    assert f"{days(1):%d/%m/%Y}" in message

    DeadlineReminder.objects.all().delete()
    ConsultationResponse.objects.create(
        plan=plan,
        organization=world.member,
        answer=ConsultationAnswer.AGREE,
        answered_by=world.users["member_staff"],
    )
    assert send_deadline_reminders.call() == 0


def test_the_daily_command_puts_the_reminders_and_the_purges_on_the_queue(world, issued, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    call_command("daily_tasks", verbosity=0)

    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "activities.tasks.erase_deleted_evidence",
        "activities.tasks.purge_expired_personal_data",
        "activities.tasks.send_deadline_reminders",
    ]
    assert not Notification.objects.filter(action=AuditAction.DEADLINE_REMINDER).exists()
