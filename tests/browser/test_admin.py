"""An administrator signs in to Django admin and finds plans typed without diacritics."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    from plans.demo import load_demo

    return load_demo()


def sign_in(page, username="admin", password="demo"):
    page.goto("/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_admin_signs_in_and_finds_a_plan_typed_without_diacritics(page, demo, screenshot):
    sign_in(page)
    page.goto("/admin/plans/plan/")
    page.locator("#searchbar").fill("tap huan nghiep vu")
    page.locator("#searchbar").press("Enter")
    results = page.locator("#result_list tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024")
    screenshot("admin-plan-search")


def test_a_wrong_password_is_refused_with_a_vietnamese_message(page, demo):
    sign_in(page, password="sai-mat-khau")
    expect(page.locator(".errornote")).to_contain_text("mật khẩu")
