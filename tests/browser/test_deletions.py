"""One stray click deletes nothing: a deletion asks first, and "Không xoá" keeps the row."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from plans.budget import expenses as spending
from plans.choices import PlanStatus
from plans.models import Plan
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_deleting_an_expense_asks_first(page, demo):
    plan = Plan.objects.filter(status=PlanStatus.ISSUED).earliest("pk")
    spending.expense_add(
        plan=plan,
        user=get_user_model().objects.get(username="admin"),
        item="Thuê hội trường",
        amount=Decimal(2_000_000),
        spent_on=datetime.date(plan.year, 3, 1),
    )
    sign_in(page, "admin")
    page.wait_for_url("**/")
    page.goto(reverse("budget:expenses", args=[plan.pk]))
    page.get_by_role("link", name="Xoá khoản chi Thuê hội trường").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xoá khoản chi “Thuê hội trường”?")
    page.get_by_role("link", name="Không xoá, quay lại").click()
    expect(page.get_by_role("cell", name="Thuê hội trường", exact=True)).to_be_visible()

    page.get_by_role("link", name="Xoá khoản chi Thuê hội trường").click()
    page.get_by_role("button", name="Xoá").click()
    expect(page.locator(".message.success")).to_contain_text("Đã xoá khoản chi “Thuê hội trường”")
    assert not plan.expenses.exists()
