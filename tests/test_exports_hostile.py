"""Every XLSX export meets hostile cells (a text typed as a formula, Word's control characters,
ESC, U+000B) and stays a readable file whose text is text: registrations, budget disclosure,
reports (with the tracking of each activity) and the plan list."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Activity, Registration
from plans.models import Plan
from tests.activities.conftest import third  # noqa: F401 - used by `plan`
from tests.activities.test_registration import plan  # noqa: F401 - the issued plan with quotas
from tests.plans.test_budget import add_budget, expense

pytestmark = pytest.mark.django_db

HOSTILE = [
    "=1+1",
    "+84 912",
    "-5 người",
    "@SUM(A1)",
    '=HYPERLINK("http://x")',
    "Tập\x0bhuấn\x1b nghiệp\x07vụ",
]
CLEAN = ["=1+1", "+84 912", "-5 người", "@SUM(A1)", '=HYPERLINK("http://x")', "Tậphuấn nghiệpvụ"]


def cells(response):
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_hostile_cells_are_text(response):
    found = cells(response)
    texts = {cell.value for cell in found if isinstance(cell.value, str)}
    for value in CLEAN:
        assert any(value in text for text in texts), value
    for cell in found:
        if isinstance(cell.value, str):
            assert cell.data_type == "s", cell.value  # never a formula
            assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in cell.value)


def test_the_registration_export(client, world, plan):  # noqa: F811
    for index, text in enumerate(HOSTILE[:4]):
        Registration.objects.create(
            plan=plan,
            organization=world.member,
            group=plan.participant_groups.first(),
            full_name=text,
            position=HOSTILE[5],
            note=HOSTILE[4],
            registered_by=world.users["member_staff"],
            citizen_id=f"08712345678{index}",
        )
    client.force_login(world.users["drafter"])
    assert_hostile_cells_are_text(client.get(reverse("registration:export", args=[plan.pk])))


def test_the_budget_disclosure_export(client, world):
    budget_plan = world.cluster_plan
    Plan.objects.filter(pk=budget_plan.pk).update(status="issued", number=5, date_day=5, date_month=7)
    add_budget(budget_plan, world)
    for text in HOSTILE:
        expense(budget_plan, world, 100_000, item=text)
    client.force_login(world.users["member_staff"])
    assert_hostile_cells_are_text(client.get(reverse("budget:disclosure_xlsx", args=[budget_plan.pk])))


def test_the_report_export_with_each_activitys_tracking(client, world):
    own = world.own_plan
    Plan.objects.filter(pk=own.pk).update(status="issued", number=1, date_day=5)
    for order, text in enumerate(HOSTILE, start=1):
        Activity.objects.create(
            plan=own,
            order=order,
            content=text,
            period_kind="quarter",
            quarter=1 + order % 4,
            result_note=HOSTILE[-1],
        )
    client.force_login(world.users["drafter"])
    assert_hostile_cells_are_text(client.get(reverse("reports:plan_xlsx", args=[own.pk]), {"period": "year"}))


def test_the_plan_list_export(client, world):
    for text, target in zip(HOSTILE, (world.own_plan, world.cluster_plan), strict=False):
        Plan.objects.filter(pk=target.pk).update(subject=f"{text} {HOSTILE[-1]}")
    client.force_login(world.users["admin"])
    found = cells(client.get(reverse("plans:export")))
    for cell in found:
        if isinstance(cell.value, str):
            assert cell.data_type == "s"
            assert "\x1b" not in cell.value
            assert "\x0b" not in cell.value
    assert any(str(cell.value).startswith("=1+1") for cell in found)
