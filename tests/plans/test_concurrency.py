"""Issuing under load: clerks issuing at once never get the same number, leave no gap, and see no error."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from plans import workflow
from plans.models import AuditEntry, IssuedDocument, NumberingRegister, Plan
from tests.world import build_world

PLANS = 96
THREADS = 24
ISSUE_DAY = datetime.date(2024, 3, 5)


def issue(plan_id: int, clerk) -> int:
    try:
        plan = workflow.plan_issue(plan=Plan.objects.get(pk=plan_id), user=clerk, issue_date=ISSUE_DAY)
        return plan.number
    finally:
        connection.close()  # each worker thread has its own connection


@pytest.mark.django_db(transaction=True)
def test_96_plans_issued_from_24_threads_get_consecutive_numbers_without_an_error():
    world = build_world()
    plans = Plan.objects.bulk_create(
        Plan(
            organization=world.own,
            kind="other",
            year=2024,
            subject=f"Kế hoạch số thứ tự {n}",
            date_month=3,
            date_year=2024,
            status="approved",
            signer_title="CHỦ TỊCH",
            signer_name="Nguyễn Văn A",
            signer_on_behalf_of="ỦY BAN NHÂN DÂN",
            archive_note="VT",
        )
        for n in range(PLANS)
    )
    clerk = world.users["clerk"]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        numbers = list(pool.map(lambda plan: issue(plan.pk, clerk), plans))  # raises any worker's error

    assert sorted(numbers) == list(range(1, PLANS + 1))
    stored = Plan.objects.filter(organization=world.own, status="issued").values_list("number", flat=True)
    assert sorted(stored) == list(range(1, PLANS + 1))
    assert NumberingRegister.objects.get(organization=world.own, year=2024).last_number == PLANS
    assert IssuedDocument.objects.count() == PLANS
    assert AuditEntry.objects.filter(action="issued").count() == PLANS
