"""Scoring in the demo's cluster of communes: the head unit completes and opens its criteria table,
Mỹ Quý scores itself and sends it, Tháp Mười cross-scores Mỹ Quý with a reason, and the ranking
shows the reviewed total; every page without serious accessibility violations."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_cluster_scores_its_members_and_ranks_them(page, demo, axe_violations):
    year = timezone.localdate().year
    # The demo drafts the cluster's table of the year (emulation.demo); its head opens it.
    sign_in(page, "pheduyet", start="/login/?next=/emulation/criteria/")
    expect(page).to_have_url(re.compile(r"/emulation/criteria/"))
    page.get_by_role("link", name=re.compile(f"Bảng tiêu chí chấm điểm thi đua năm {year}")).click()
    expect(
        page.get_by_role("heading", name=re.compile(f"Bảng tiêu chí chấm điểm thi đua năm {year}"))
    ).to_be_visible()
    table_url = page.url

    page.get_by_role("link", name="Thêm tiêu chí").click()
    page.get_by_label("Nội dung tiêu chí").fill("Chất lượng phong trào thi đua")
    page.get_by_label("Loại").select_option(label="Định tính (chấm đến điểm tối đa)")
    page.get_by_label("Điểm tối đa").fill("10")
    page.get_by_role("button", name="Lưu tiêu chí").click()
    expect(page.get_by_role("cell", name="Chất lượng phong trào thi đua")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("button", name="Mở chấm điểm theo bảng tiêu chí").click()
    expect(page.get_by_text("Đã ban hành", exact=True)).to_be_visible()
    # Tháp Mười cross-scores Mỹ Quý.
    page.get_by_label("Đơn vị được chấm").select_option(label="UBND xã Mỹ Quý")
    page.get_by_label("Đơn vị chấm chéo").select_option(label="UBND xã Tháp Mười")
    page.get_by_role("button", name="Phân công").click()
    sign_out(page)

    sign_in(page, "thanhvien", start=f"/login/?next={table_url}")
    page.get_by_role("link", name="UBND xã Mỹ Quý").click()
    # The criterion added above, beside the demo's own three.
    added = page.get_by_role("article", name=re.compile("Chất lượng phong trào thi đua"))
    added.get_by_label("Điểm", exact=True).fill("8,5")
    added.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("button", name="Gửi bản tự chấm").click()
    expect(page.get_by_text("Đã gửi bản tự chấm của đơn vị.")).to_be_visible()
    sign_out(page)

    sign_in(page, "pheduyet", start=f"/login/?next={table_url}")
    page.get_by_role("link", name="UBND xã Mỹ Quý").click()
    added = page.get_by_role("article", name=re.compile("Chất lượng phong trào thi đua"))
    added.get_by_label("Điểm", exact=True).fill("7")
    added.get_by_label("Giải trình, lý do").fill("Chưa có biên bản kiểm tra quý IV")
    added.get_by_role("button", name="Lưu điểm thẩm định").click()
    expect(page.get_by_text("Khác điểm tự chấm")).to_be_visible()
    expect(page.get_by_text("Lý do: Chưa có biên bản kiểm tra quý IV")).to_be_visible()
    page.goto(table_url + "ranking/")
    row = page.locator("tbody tr", has=page.get_by_role("link", name="UBND xã Mỹ Quý"))
    expect(row).to_contain_text("8,5")
    expect(row.locator("strong")).to_have_text("7")
    assert axe_violations() == []
