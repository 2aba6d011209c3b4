"""An administrator signs in to Django admin and finds plans typed without diacritics."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_signs_in_and_finds_a_plan_typed_without_diacritics(page, demo, screenshot):
    sign_in(page, "admin", start="/admin/login/")
    page.goto("/admin/plans/plan/")
    page.locator("#searchbar").fill("tap huan nghiep vu nam 2024")
    page.locator("#searchbar").press("Enter")
    results = page.locator("#result_list tbody tr")
    # The 2024 seed only: this year's training plan of xã Tháp Mười is of another year.
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024")
    screenshot("admin-plan-search")


def test_a_wrong_password_is_refused_with_a_vietnamese_message(page, demo):
    sign_in(page, "admin", "sai-mat-khau", start="/admin/login/")
    expect(page.locator(".errornote")).to_contain_text("mật khẩu")
