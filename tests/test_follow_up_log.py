"""What happens to a plan after its issue goes into its change log too: progress, evidence,
spending and the reopening of registration, each with who and when."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from activities.models import Activity
from activities.registrations.services import registration_reopen
from activities.tracking import services as tracking
from common.errors import ServiceError
from plans.budget import expenses as budget
from plans.models import AuditEntry, Plan

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def issued(world):
    Plan.objects.filter(pk=world.own_plan.pk).update(status="issued", number=1, date_day=5)
    plan = Plan.objects.get(pk=world.own_plan.pk)
    Activity.objects.create(plan=plan, order=1, content="Hội nghị sơ kết", period_kind="quarter", quarter=1)
    return plan


def entries(plan):
    return list(
        AuditEntry.objects.filter(plan=plan).order_by("pk").values_list("action", "actor__username", "note")
    )


def test_progress_evidence_spending_and_reopening_are_logged(world, issued):
    drafter = world.users["drafter"]
    activity = issued.activities.get()
    tracking.activity_track(
        activity=activity, user=drafter, status="done", completed_on=datetime.date(2024, 3, 20), plan=issued
    )
    tracking.evidence_add(
        activity=activity, user=drafter, upload=SimpleUploadedFile("bien-ban.png", PNG), plan=issued
    )
    budget.expense_add(
        plan=issued, user=drafter, item="Thuê hội trường", amount=1500000, spent_on=datetime.date(2024, 3, 20)
    )
    registration_reopen(
        plan=issued, user=world.users["approver"], until=timezone.localdate() + datetime.timedelta(days=3)
    )
    logged = entries(issued)
    assert [(action, who) for action, who, _ in logged] == [
        ("tracked", "soanthao"),
        ("evidence", "soanthao"),
        ("expense", "soanthao"),
        ("registration_reopened", "pheduyet"),
    ]
    assert logged[0][2] == "Hoạt động 1: Đã hoàn thành ngày 20/03/2024"
    assert logged[2][2] == "Thực chi: Thuê hội trường – 1.500.000 đồng"
    snapshot = AuditEntry.objects.filter(plan=issued, action="tracked").get().snapshot
    assert snapshot["activities"][0]["status"] == "done"


def test_a_refused_follow_up_write_logs_nothing(world, issued):
    with pytest.raises(ServiceError, match="đơn vị tổ chức"):
        budget.expense_add(
            plan=issued, user=world.users["member_staff"], item="Chi", amount=1, spent_on=timezone.localdate()
        )
    assert entries(issued) == []
