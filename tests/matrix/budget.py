"""Access-matrix rows of the budget pages (see tests/test_access_matrix.py for the format).

"own": the cluster's plan, issued: the head unit's drafter and approver (and the superuser) enter
spending; everyone who reads it, the member unit included, reads the disclosure.
"other": another province's plan, issued: a 404 for everyone but the superuser.
"""

import datetime
from decimal import Decimal

from plans.models import BudgetExpense, Plan


def issued_plan(world, side: str) -> Plan:
    plan = world.cluster_plan if side == "own" else world.other_plan
    Plan.objects.filter(pk=plan.pk).update(status="issued")
    return plan


def plan_args(world, side: str) -> list:
    return [issued_plan(world, side).pk]


def expense_args(world, side: str) -> list:
    plan = issued_plan(world, side)
    expense = BudgetExpense.objects.create(
        plan=plan,
        item="Thuê xe",
        amount=Decimal(1_000_000),
        spent_on=datetime.date(2024, 8, 20),
        created_by=world.users["admin"],
    )
    return [plan.pk, expense.pk]


SPENDERS_GET = {
    "admin": 200,
    "drafter": 200,
    "approver": 200,
    "clerk": 403,
    "member_staff": 403,
    "overseer": 403,
}
SPENDERS_POST = {**SPENDERS_GET, "admin": 302, "drafter": 302, "approver": 302}
READERS = dict.fromkeys(SPENDERS_GET, 200)


def admin_only(status: int) -> dict:
    return {**dict.fromkeys(SPENDERS_GET, 404), "admin": status}


ROWS = {
    "budget:expenses": ("get", plan_args, SPENDERS_GET, admin_only(200)),
    "budget:expense_delete": ("post", expense_args, SPENDERS_POST, admin_only(302)),
    "budget:disclosure": ("get", plan_args, READERS, admin_only(200)),
    "budget:disclosure_xlsx": ("get", plan_args, READERS, admin_only(200)),
}
