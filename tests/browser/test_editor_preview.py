"""The editor beside its document: the drafter watches the printed page change as she types, never
opening another page, and builds a cluster's study trip like seed 000 in fewer than 80 actions."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import participant_total
from clusters.models import Cluster, ClusterMembership, Organization
from plans.models import Plan
from tests.browser.helpers import current_plans, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

MAX_ACTIONS = 80  # issue 14: a seed-like cluster trip took about 128 actions from its template


class Actions:
    """The drafter's clicks, fills, choices and key presses, each counted as a browser test does
    them; choosing n units in a unit picker counts n + 1 (its search field, then each unit)."""

    def __init__(self):
        self.count = 0

    def click(self, locator) -> None:
        locator.click()
        self.count += 1

    def fill(self, locator, text: str) -> None:
        locator.fill(text)
        self.count += 1

    def choose(self, locator, value) -> None:
        values = value if isinstance(value, list) else [value]
        locator.select_option(value)
        self.count += len(values)

    def pick(self, picker, value) -> None:
        """Units in a unit picker: a click in its search field, then a click on each unit listed."""
        self.click(picker)
        for key in value if isinstance(value, list) else [value]:
            self.click(picker.page.locator(f"#{picker.get_attribute('id')}_options [data-value='{key}']"))

    def press(self, locator, key: str) -> None:
        locator.press(key)
        self.count += 1


def preview(page):
    return page.frame_locator("iframe[data-preview]")


def test_the_drafter_watches_the_printed_page_change_as_she_types(page, demo):
    draft = current_plans()["xa_annual"]
    sign_in(page, "soanthao", start=f"/plans/{draft.pk}/edit/")
    expect(preview(page).locator("p.subject")).to_contain_text(draft.subject.split()[0])
    page.evaluate("window.sameEditorPage = true")  # gone if the page were loaded again

    page.fill("#id_subject", "Công tác thi đua, khen thưởng năm nay của xã Tháp Mười")
    expect(preview(page).locator("p.subject")).to_contain_text("năm nay của xã Tháp Mười")
    expect(page.locator("[data-preview-status]")).to_contain_text("chưa lưu")

    # A new activity is printed in the activities table before anything is saved.
    activities = page.locator("#part-activities")
    activities.get_by_role("button", name="Thêm dòng").click()
    content = activities.locator("[data-row]").last.locator("textarea[name$='-content']")
    activities.locator("[data-row]").last.locator("select[name$='-quarter']").select_option("4")
    content.fill("Hội nghị điển hình tiên tiến xem trước")
    expect(preview(page).locator("table.activities")).to_contain_text(
        "Hội nghị điển hình tiên tiến xem trước"
    )
    assert page.evaluate("window.sameEditorPage") is True

    # A click on a piece of the printed page takes the form to the field that holds it.
    preview(page).get_by_text("Hội nghị điển hình tiên tiến xem trước").click()
    expect(content).to_be_focused()
    preview(page).locator("p.subject").click()
    expect(page.locator("#id_subject")).to_be_focused()

    # She goes on to twelve activities, each printed as she types it, still on the same page.
    contents = activities.locator("textarea[name$='-content']")

    def typed() -> int:
        return contents.evaluate_all("boxes => boxes.filter(box => box.value.trim()).length")

    while typed() < 12:
        activities.get_by_role("button", name="Thêm dòng").click()
        row = activities.locator("[data-row]").last
        number = typed() + 1
        row.locator("select[name$='-quarter']").select_option(str(1 + number % 4))
        row.locator("textarea[name$='-content']").fill(f"Hoạt động thứ {number} của năm")
        expect(preview(page).locator("table.activities")).to_contain_text(f"Hoạt động thứ {number} của năm")
    assert page.evaluate("window.sameEditorPage") is True

    # Nothing was saved by the preview.
    assert Plan.objects.get(pk=draft.pk).subject == draft.subject

    # Parts fold and unfold, each with its count of rows.
    details = page.locator("[data-part-details='activities']")
    expect(details.locator("summary [data-part-count='activities']")).to_have_text(re.compile(r"^\d+"))
    details.locator("summary").click()
    expect(content).to_be_hidden()
    page.locator("nav.outline").get_by_role("link", name="Hoạt động", exact=True).first.click()
    expect(content).to_be_visible()

    # No invisible tab stop: the row's hidden delete box is out of the Tab order.
    expect(page.locator("#id_activities-0-DELETE")).to_be_hidden()
    # No focused field hides under the sticky save bar.
    page.locator("#id_subject").focus()
    bar = page.locator(".save-bar")
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return {top: r.top, bottom: r.bottom, tag: document.activeElement.tagName,"
            " id: document.activeElement.id}; }"
        )
        if focused["tag"] in ("INPUT", "TEXTAREA", "SELECT"):
            assert focused["bottom"] <= bar.bounding_box()["y"] + 1, focused

    # Saved once at the end, the plan holds the twelve activities she watched being printed.
    page.locator(".save-bar").get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".messages").first).to_be_visible()
    assert Plan.objects.get(pk=draft.pk).activities.count() == 12


def test_a_cluster_study_trip_like_seed_000_takes_fewer_than_80_actions(page, demo):
    year = timezone.localdate().year
    cluster = Cluster.objects.get(short_name="Cụm thi đua số 1")
    head = Organization.objects.get(short_name="UBND xã Tháp Mười")
    members = [
        str(pk)
        for pk in ClusterMembership.objects.filter(cluster=cluster, year=year)
        .order_by("pk")
        .values_list("organization_id", flat=True)
    ]
    assert len(members) == 5
    sign_in(page, "soanthao", start="/plans/new/")
    expect(page).to_have_url(re.compile(r"/plans/new/$"))
    act = Actions()

    # From the template of a study trip, in the cluster's name.
    act.choose(page.get_by_label("Cơ quan ban hành", exact=True), f"c{cluster.pk}")
    act.choose(page.get_by_label("Loại kế hoạch"), "study_trip")
    act.click(page.get_by_role("button", name="Tạo kế hoạch từ mẫu"))
    expect(page.locator(".message.success")).to_contain_text("Đã tạo kế hoạch từ mẫu.")

    subject = (
        f"Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng năm {year} của Cụm thi đua số 1"
    )
    act.fill(page.locator("#id_subject"), subject)
    act.fill(page.locator("#id_date_month"), "7")
    time_place = page.locator("[data-part='sections']").filter(
        has=page.locator('input[value="Thời gian, địa điểm, thành phần, phương tiện"]')
    )
    act.fill(
        time_place.locator("textarea[name$='-body']"),
        f"- Thời gian: 04 ngày, từ ngày 31/8/{year} đến ngày 03/9/{year}.\n"
        "- Địa điểm: Tại các tỉnh Quảng Trị - Huế.\n"
        "- Phương tiện: Thuê phương tiện đi và về (xe và máy bay).",
    )

    # Two invited guests, one leader of the province's office, four people per member commune.
    groups = page.locator("#part-groups")
    guests = [
        ("Phan Hữu Phước", "Giám đốc Sở Nội vụ tỉnh"),
        ("Phạm Việt Công", "Phó Giám đốc Sở Nội vụ tỉnh, phụ trách Cụm thi đua số 1"),
    ]
    for index, (name, position) in enumerate(guests):
        if index:
            act.click(groups.get_by_role("button", name="Thêm dòng"))
        act.choose(page.locator(f"#id_groups-{index}-kind"), "named")
        act.fill(page.locator(f"#id_groups-{index}-honorific"), "Ông")
        act.fill(page.locator(f"#id_groups-{index}-full_name"), name)
        act.fill(page.locator(f"#id_groups-{index}-position"), position)
    act.click(groups.get_by_role("button", name="Thêm dòng"))
    act.fill(page.locator("#id_groups-2-description"), "Mời lãnh đạo Phòng Thi đua - Khen thưởng, Sở Nội vụ")
    act.fill(page.locator("#id_groups-2-count"), "1")
    act.click(groups.get_by_role("button", name="Thêm dòng"))
    act.choose(page.locator("#id_groups-3-kind"), "per_unit")
    act.fill(page.locator("#id_groups-3-description"), "Mỗi xã, phường đăng ký")
    act.fill(page.locator("#id_groups-3-count"), "4")
    act.pick(page.locator("#id_groups-3-units"), members)  # the cluster's members come first
    expect(page.locator("[data-participant-totals]")).to_contain_text("23 người")

    # The trip itself, for calendars and registration.
    act.fill(
        page.locator("#id_activities-0-content"),
        "Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng tại Quảng Trị - Huế",
    )
    act.choose(page.locator("#id_activities-0-period_kind"), "range")
    act.fill(page.locator("#id_activities-0-start_date"), f"31/08/{year}")
    act.fill(page.locator("#id_activities-0-end_date"), f"03/09/{year}")
    act.fill(page.locator("#id_activities-0-timing_text"), "04 ngày")
    act.fill(page.locator("#id_activities-0-place"), "Quảng Trị - Huế")

    # Budget: the members' fund, paid by the head commune.
    act.fill(
        page.locator("#id_budget_source"),
        f"Chi từ nguồn quỹ đóng góp của các xã, phường trong Cụm năm {year}",
    )
    act.choose(page.locator("#id_budget_payer"), str(head.pk))
    act.fill(
        page.locator("#id_budget_payer_duty"),
        "(đơn vị Cụm trưởng) thanh toán các chi phí ăn, nghỉ, phương tiện trong quá trình công tác",
    )
    act.fill(page.locator("#id_registration_deadline"), f"08/08/{year}")

    # Duties: the head commune, then the other members.
    act.fill(page.locator("#id_duties-0-title"), "UBND xã Tháp Mười (Cụm trưởng)")
    act.fill(
        page.locator("#id_duties-0-body"),
        "- Liên hệ Ban Thi đua - Khen thưởng các tỉnh, hỗ trợ kế hoạch giao lưu.\n"
        "- Tổng hợp các nguồn chi, công khai trong Cụm.",
    )
    act.pick(page.locator("#id_duties-0-organizations"), str(head.pk))
    act.fill(page.locator("#id_duties-1-title"), "UBND các xã, phường thành viên")
    act.fill(
        page.locator("#id_duties-1-body"),
        f"Đăng ký danh sách cá nhân tham gia gửi về đơn vị Cụm trưởng **chậm nhất ngày 08/8/{year}**.",
    )
    act.pick(page.locator("#id_duties-1-organizations"), [key for key in members if key != str(head.pk)])

    # Recipients.
    recipients = page.locator("#part-recipients")
    texts = [
        "Sở Nội vụ (Phòng TĐ-KT)",
        "UBND các xã, phường trong Cụm",
        "CT, các PCT.UBND xã",
        "Văn phòng HĐND và UBND xã",
    ]
    for index, text in enumerate(texts):
        if not page.locator(f"#id_recipients-{index}-text").count():
            act.click(recipients.get_by_role("button", name="Thêm dòng"))
        act.fill(page.locator(f"#id_recipients-{index}-text"), text)

    act.click(page.get_by_role("button", name="Lưu kế hoạch").last)
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")

    plan = Plan.objects.get(pk=re.search(r"/plans/(\d+)/", page.url).group(1))
    assert plan.cluster == cluster
    assert plan.subject == subject
    assert participant_total(list(plan.participant_groups.all())) == 23
    assert plan.duties.count() == 2
    assert plan.activities.count() == 1
    print(f"\nActions to build the seed-like cluster study trip from its template: {act.count}")
    assert act.count < MAX_ACTIONS, act.count


def test_units_are_found_as_one_types_shown_as_chips_and_chosen_with_the_keyboard(page, demo):
    from django.contrib.auth import get_user_model

    from plans.forms.catalog import Catalog

    draft = current_plans()["xa_annual"]
    drafter = get_user_model().objects.get(username="soanthao")
    suggested = {key for key, _ in Catalog(user=drafter, exclude_plan=draft).unit_suggestions}
    far = (
        Organization.objects.exclude(pk__in=[int(key) for key in suggested])
        .filter(valid_to__isnull=True)
        .order_by("pk")
        .first()
    )
    sign_in(page, "soanthao", start=f"/plans/{draft.pk}/edit/")
    picker = page.locator("#id_duties-0-organizations")
    # Read in one step once the script has drawn the picker (it redraws the chosen units' inputs).
    picker.wait_for()
    before = set(
        page.locator("[name='duties-0-organizations']").evaluate_all("nodes => nodes.map(node => node.value)")
    )

    # Focused, the field lists the suggestions (the issuer's own province); none is a tab stop.
    picker.focus()
    options = page.locator("#id_duties-0-organizations_options [role=option]")
    expect(options.first).to_be_visible()
    assert page.locator("#id_duties-0-organizations_options [tabindex]").count() == 0
    # Arrow down and Enter choose the first; its chip is removed by its own button.
    page.keyboard.press("ArrowDown")
    first_label = options.first.text_content()
    page.keyboard.press("Enter")
    chip_button = page.get_by_role("button", name=f"Bỏ chọn: {first_label}")
    expect(chip_button).to_be_visible()
    chip_button.click()
    expect(chip_button).to_have_count(0)

    # A unit that is no suggestion is found on the server as one types.
    picker.fill(far.name)
    found = page.locator(f"#id_duties-0-organizations_options [data-value='{far.pk}']")
    expect(found).to_be_visible()
    found.click()
    expect(page.locator(f"[name='duties-0-organizations'][value='{far.pk}']")).to_have_count(1)

    page.locator(".save-bar").get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")
    duty = Plan.objects.get(pk=draft.pk).duties.order_by("order").first()
    assert {str(pk) for pk in duty.organizations.values_list("pk", flat=True)} == (before - {""}) | {
        str(far.pk)
    }
