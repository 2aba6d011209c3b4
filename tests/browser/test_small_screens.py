"""Every main page fits a phone (390 px): nothing scrolls sideways; wide tables scroll in their own box."""

import pytest
from django.urls import reverse

from plans.choices import PlanStatus
from plans.models import Plan
from tests.browser.helpers import main_pages, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}

# Wider than the viewport by more than a rounding pixel means the user must scroll sideways.
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
WIDEST = """() => {
  const width = window.innerWidth, out = [];
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      out.push(`${e.tagName}.${e.className} ${Math.round(box.right)}px`);
    }
  }
  return out.slice(0, 5);
}"""


def test_no_main_page_scrolls_sideways_on_a_phone(browser, live_server, demo):
    overflowing = []
    for username, urls in main_pages(demo).items():
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN")
        page = context.new_page()
        sign_in(page, username)
        page.wait_for_url("**/")
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, (username, url, response.status)
            scroll_width, viewport = page.evaluate(PAGE_WIDTH)
            if scroll_width > viewport:
                overflowing.append((username, url, scroll_width, page.evaluate(WIDEST)))
        context.close()
    assert overflowing == []


def test_a_wide_table_scrolls_in_its_own_box_that_the_keyboard_can_reach(browser, live_server, demo):
    issued = Plan.objects.filter(status=PlanStatus.ISSUED).earliest("pk")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    sign_in(page, "admin")
    page.wait_for_url("**/")
    page.goto(reverse("reports:plan", args=[issued.pk]))
    box = page.locator(".table-scroll", has=page.locator("#report-quarters"))
    scroll_width, client_width = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll_width > client_width  # the table is wider than the phone …
    assert box.get_attribute("tabindex") == "0"  # … and its box scrolls by keyboard too
    context.close()
