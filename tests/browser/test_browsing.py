"""A drafter signs in, finds plans without typing diacritics, reads a plan; pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import current_plans, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_as_drafter(page):
    sign_in(page, "soanthao")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()


def test_a_drafter_finds_a_plan_typed_without_diacritics_and_reads_it(page, demo, screenshot):
    # The drafter of xã Tháp Mười sees this year's plan of the cluster of communes that Tháp Mười
    # heads: the study trip issued today (the 2024 seeds of the abolished district are history).
    plan = current_plans()["cluster_trip"]
    subject = plan.subject
    sign_in_as_drafter(page)
    screenshot("dashboard")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_label("Tìm kiếm").fill("giao luu hoc tap kinh nghiem")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#result-count")).to_contain_text("1 kế hoạch")
    screenshot("plan-list")
    page.get_by_role("link", name=subject).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(subject)
    expect(page.get_by_text("Tổng số: 10 người")).to_be_visible()
    screenshot("plan-page")


def test_signing_in_with_a_wrong_password_says_so_and_keeps_the_username(page, demo):
    sign_in(page, "soanthao", "sai")
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu")
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("soanthao")


def test_the_main_pages_have_no_serious_accessibility_violations(page, demo, axe_violations):
    page.goto("/login/")
    assert axe_violations() == []
    sign_in_as_drafter(page)
    plan = current_plans()["xa_annual"]
    for url in [
        "/",
        "/plans/",
        "/plans/?q=thi+dua&year=2024",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/edit/",
    ]:
        page.goto(url)
        assert (url, axe_violations()) == (url, [])


def test_reading_works_with_javascript_off(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in_as_drafter(page)
    page.goto("/plans/?q=giao+luu")
    expect(page.locator("#result-count")).to_contain_text("1 kế hoạch")
    context.close()
