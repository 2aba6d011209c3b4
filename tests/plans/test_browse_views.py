"""The plan list (filters, search, sorting, pages, XLSX), the plan page and the dashboard."""

import datetime
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activities.models import Activity
from clusters.models import Organization
from plans.models import Plan
from plans.views import browse
from tests.world import plan_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(client, demo):
    client.force_login(get_user_model().objects.get(username="soanthao"))
    return client


@pytest.fixture
def overseer(client, demo):
    """The provincial overseer of today's Đồng Tháp, who also reads the plans of the bodies it took
    over (the seeds of the old province among them)."""
    client.force_login(get_user_model().objects.get(username="giamsat"))
    return client


@pytest.fixture
def admin(client, demo):
    """The demo superuser, who sees every plan (the seeds of other provinces too)."""
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def subjects(response) -> list[str]:
    return [plan.subject for plan in response.context["plans"]]


@pytest.mark.parametrize("name", ["plans:list", "plans:export", "home", "clusters:organization_list"])
def test_pages_send_an_anonymous_visitor_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_list_shows_every_plan_and_says_how_many(admin):
    response = admin.get(reverse("plans:list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == 9
    assert "<strong>9</strong> kế hoạch" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["ke hoach tap huan", "KẾ HOẠCH TẬP HUẤN", "Tap Huan Nghiep Vu", "tập huấn"]
)
def test_search_finds_a_plan_typed_with_or_without_diacritics_in_any_case(admin, query):
    response = admin.get(reverse("plans:list"), {"q": query})
    assert sorted(subjects(response)) == [
        "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024",  # seed 002
        f"Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm {timezone.localdate().year}",  # the commune's
    ]


def test_filters_combine_and_live_in_the_url(admin, demo):
    url = reverse("plans:list")
    assert sorted(subjects(admin.get(url, {"year": 2022}))) == sorted(
        [demo["001"].subject, demo["004"].subject]
    )
    assert subjects(admin.get(url, {"year": 2022, "kind": "propaganda"})) == [demo["004"].subject]
    assert subjects(admin.get(url, {"cluster": demo["000"].cluster_id})) == [demo["000"].subject]
    assert subjects(admin.get(url, {"organization": demo["004"].organization_id})) == [demo["004"].subject]
    assert len(subjects(admin.get(url, {"status": ["draft"]}))) == 6  # five seeds, the commune's annual plan
    assert len(subjects(admin.get(url, {"status": ["issued"]}))) == 2


def issuer_options(response) -> str:
    page = response.content.decode()
    return page.split('name="organization"')[1].split("</select>")[0]


def test_the_issuer_filter_offers_a_short_list_and_finds_any_body_without_javascript(drafter, demo):
    bodies = Organization.objects.count()
    far = demo["004"].organization  # another province's body: no suggestion of the drafter's
    options = issuer_options(drafter.get(reverse("plans:list")))
    assert options.count("<option") < bodies
    assert f'value="{far.pk}"' not in options
    # Without JavaScript: the search box under the select brings the body into it.
    found = drafter.get(reverse("plans:list"), {"organization__q": str(far)[:12], "pick": "organization"})
    assert "Kết quả tìm" in found.content.decode()
    assert f'value="{far.pk}"' in issuer_options(found)
    # With JavaScript the editor's server search answers as one types.
    picked = drafter.get(reverse("plans:pick"), {"source": "organizations", "q": str(far)[:12]})
    assert str(far.pk) in [row["value"] for row in picked.json()["results"]]


def test_a_saved_list_url_with_any_body_filters_and_shows_it_chosen(admin, demo):
    far = demo["004"].organization
    response = admin.get(reverse("plans:list"), {"organization": far.pk})
    assert subjects(response) == [demo["004"].subject]
    assert f'<option value="{far.pk}" selected>' in issuer_options(response)


def test_the_date_range_uses_the_document_date_and_a_draft_counts_from_its_month(overseer, demo):
    response = overseer.get(reverse("plans:list"), {"date_from": "2024-07-01", "date_to": "2024-07-31"})
    assert subjects(response) == [demo["000"].subject]


def test_a_reversed_date_range_is_explained_next_to_the_field_and_the_input_is_kept(drafter):
    response = drafter.get(
        reverse("plans:list"), {"date_from": "2024-08-01", "date_to": "2024-07-01", "q": "abc"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in html
    assert 'value="2024-08-01"' in html
    assert 'value="abc"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"year": "hai nghìn"},
        {"year": "99999999999999999999"},
        {"date_from": "2024-02-31"},
        {"status": ["lost"]},
        {"organization": "not-a-number"},
        {"cluster": "999999"},
        {"sort": "password"},
        {"page": "-1"},
        {"page": "x" * 500},
        {"q": "\x00<script>&" + "đ" * 2000},
    ],
)
def test_garbage_in_the_url_never_causes_a_server_error(drafter, params):
    assert drafter.get(reverse("plans:list"), params).status_code == 200
    assert drafter.get(reverse("plans:export"), params).status_code == 200


def test_columns_sort_both_ways(drafter):
    ascending = subjects(drafter.get(reverse("plans:list"), {"sort": "subject"}))
    descending = subjects(drafter.get(reverse("plans:list"), {"sort": "-subject"}))
    assert ascending == sorted(ascending)
    assert descending == list(reversed(ascending))


def many_plans(organization, count):
    return Plan.objects.bulk_create(
        Plan(
            organization=organization,
            kind="other",
            year=2025,
            subject=f"Kế hoạch thử {n:03d}",
            date_year=2025,
        )
        for n in range(count)
    )


def test_the_list_has_pages_that_keep_the_filters(admin, demo):
    many_plans(demo["004"].organization, browse.PAGE_SIZE + 10)
    response = admin.get(reverse("plans:list"), {"year": 2025, "page": 2})
    assert response.context["paginator"].count == browse.PAGE_SIZE + 10
    assert len(response.context["plans"]) == 10
    assert "year=2025&amp;page=1" in response.content.decode()


def test_the_export_has_the_same_rows_as_the_filtered_list(admin, demo):
    response = admin.get(reverse("plans:export"), {"year": 2022, "sort": "subject"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="danh-sach-ke-hoach.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số, ký hiệu", "Ngày văn bản", "Trích yếu")
    assert [row[2] for row in rows[1:]] == sorted([demo["001"].subject, demo["004"].subject])
    assert rows[1][0].endswith("/KH-SGD&ĐT") or rows[2][0].endswith("/KH-SGD&ĐT")


def test_a_hostile_subject_stays_text_in_the_export_and_never_breaks_it(admin, demo):
    """A subject pasted from Word (vertical tab, escape) or typed as a formula: one bad row must not
    break everyone's export, nor run as a formula when the file is opened."""
    hostile = '=HYPERLINK("http://example.invalid","Tập huấn")\x0b nghiệp vụ\x1b'
    Plan.objects.filter(pk=demo["001"].pk).update(subject=hostile)
    response = admin.get(reverse("plans:export"), {"year": 2022, "sort": "subject"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    (cell,) = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.invalid","Tập huấn") nghiệp vụ'


def test_the_plan_page_shows_every_part_with_computed_totals(admin, demo):
    html = admin.get(reverse("plans:detail", args=[demo["000"].pk])).content.decode()
    assert "Tổng số: 19 người" in html
    assert "Mời Ông Phan Hữu Phước" in html
    assert "Lưu: VT, NCNV" in html
    assert "Phòng Nội vụ huyện Tháp Mười (Cụm trưởng)" in html
    training = admin.get(reverse("plans:detail", args=[demo["002"].pk])).content.decode()
    assert "Lớp thứ nhất: 70 người" in training
    assert "Lớp thứ hai: 60 người" in training


def test_the_plan_page_shows_activities_by_quarter_and_the_format_check(admin, demo):
    response = admin.get(reverse("plans:detail", args=[demo["001"].pk]))
    labels = [label for label, _ in response.context["quarters"]]
    assert labels == ["Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022"]
    assert [len(rows) for _, rows in response.context["quarters"]] == [3, 2, 2, 3]
    codes = [
        finding.code
        for finding in admin.get(reverse("plans:detail", args=[demo["003"].pk])).context["findings"]
    ]
    assert codes  # seed 003 signs "CHỦ TỊCH" without "TM." and archives without "VT"


def test_an_unknown_plan_is_not_found(drafter):
    assert drafter.get(reverse("plans:detail", args=[999999])).status_code == 404


def test_the_cluster_page_shows_members_by_year_with_the_head_first(overseer, demo):
    response = overseer.get(reverse("clusters:cluster_detail", args=[demo["000"].cluster_id]))
    ((year, members),) = response.context["years"]
    assert year == 2024
    head = members[0]
    assert (head.organization.name, head.role) == ("Ủy ban nhân dân huyện Tháp Mười", "head")
    assert demo["000"].subject in response.content.decode()


def test_the_organisation_pages_show_the_tree_and_the_plans_issued(admin, demo):
    # The whole tree, the districts dissolved in 2025 included (by default only bodies in force).
    tree = admin.get(reverse("clusters:organization_list"), {"dissolved": "1"}).context["tree"]
    depth = {organization.name: level for organization, level in tree}
    assert depth["Ủy ban nhân dân tỉnh Lạng Sơn"] == 0
    assert depth["Ủy ban nhân dân xã Tân Lập"] == 2
    page = admin.get(reverse("clusters:organization_detail", args=[demo["004"].organization_id]))
    assert demo["004"].subject in page.content.decode()


def test_the_dashboard_shows_the_drafts_of_the_users_bodies_and_what_is_coming(drafter, demo):
    annual = Plan.objects.get(organization__name="Ủy ban nhân dân xã Tháp Mười", kind="annual")
    trip = Plan.objects.get(cluster__name="Cụm thi đua các xã, phường số 1", document_type="plan")
    response = drafter.get(reverse("home"))
    drafts = response.context["drafts"]
    assert [plan.subject for plan in drafts if plan.document_type == "plan"] == [annual.subject]
    # The emulation year's drafts wait for the drafter too: the commune's registration, the compact.
    assert sorted(plan.document_type for plan in drafts) == ["compact", "plan", "registration"]
    assert [plan.subject for plan in response.context["deadlines"]] == [trip.subject]
    assert {activity.plan_id for activity in response.context["activities"]} == {annual.pk, trip.pk}
    Plan.objects.filter(pk=trip.pk).update(
        registration_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    Activity.objects.filter(plan=trip).update(
        start_date=timezone.localdate() + datetime.timedelta(days=40),
        end_date=timezone.localdate() + datetime.timedelta(days=41),
    )
    cache.clear()  # rows written past the services log no change: the lists would stay kept
    response = drafter.get(reverse("home"))
    assert list(response.context["deadlines"]) == []
    assert {activity.plan_id for activity in response.context["activities"]} == {annual.pk}


def queries_of(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def test_the_list_runs_as_many_queries_for_a_full_page_as_for_1_row(
    admin, demo, django_assert_max_num_queries
):
    url = reverse("plans:list")
    many_plans(demo["004"].organization, 1)
    single, response = queries_of(admin, url, {"year": 2025})
    assert len(response.context["plans"]) == 1
    many_plans(demo["000"].cluster.organization, browse.PAGE_SIZE - 1)
    with django_assert_max_num_queries(single):
        response = admin.get(url, {"year": 2025})
    assert len(response.context["plans"]) == browse.PAGE_SIZE


def test_the_plan_page_runs_as_many_queries_for_100_activities_as_for_1(
    admin, demo, django_assert_max_num_queries
):
    plan = demo["001"]
    Activity.objects.filter(plan=plan).exclude(order=1).delete()
    single, _ = queries_of(admin, reverse("plans:detail", args=[plan.pk]))
    Activity.objects.bulk_create(
        Activity(
            plan=plan, order=order, content=f"Hoạt động {order}", period_kind="quarter", quarter=order % 4 + 1
        )
        for order in range(2, 101)
    )
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1)  # as the editor's save does
    with django_assert_max_num_queries(single):
        response = admin.get(reverse("plans:detail", args=[plan.pk]))
    assert sum(len(rows) for _, rows in response.context["quarters"]) == 100


def test_a_missing_page_is_explained_in_vietnamese(drafter):
    response = drafter.get("/plans/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_dashboard_lists_activities_by_their_dates_or_month_and_nothing_else(admin, demo):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    plan = demo["000"]
    Activity.objects.filter(plan=plan).delete()
    rows = {
        "one day ahead": {"period_kind": "date", "start_date": today + 5 * day},
        "began last month, still on": {
            "period_kind": "range",
            "start_date": today - 40 * day,
            "end_date": today + day,
        },
        "this month": {"period_kind": "month", "month": today.month},
        "ended yesterday": {"period_kind": "range", "start_date": today - 9 * day, "end_date": today - day},
        "too far ahead": {"period_kind": "date", "start_date": today + 90 * day},
    }
    Plan.objects.filter(pk=plan.pk).update(year=today.year)
    Activity.objects.bulk_create(
        Activity(plan=plan, order=order, content=content, **fields)
        for order, (content, fields) in enumerate(rows.items(), start=1)
    )
    activities = admin.get(reverse("home")).context["activities"]
    shown = {activity.content for activity in activities if activity.plan_id == plan.pk}  # the demo has more
    assert shown == {"one day ahead", "began last month, still on", "this month"}


def test_the_overseer_sees_this_years_plans_by_body_and_state_and_others_do_not(client, world):
    year = timezone.localdate().year
    plan_of(world.own, year=year)
    plan_of(world.own, year=year, subject="Hội nghị", status="issued", number=1, date_day=2)
    plan_of(world.member, year=year, status="submitted")
    plan_of(world.other, year=year)  # another province: not the overseer's
    plan_of(world.own, year=year - 1)  # another year
    client.force_login(world.users["overseer"])
    overview = client.get(reverse("home")).context["overview"]
    assert [(tally.name, tally.cells, tally.total) for tally in overview] == [
        ("UBND huyện Lai Vung", [0, 1, 0, 0], 1),
        ("UBND huyện Tháp Mười", [1, 0, 0, 1], 2),
    ]
    client.force_login(world.users["drafter"])
    assert client.get(reverse("home")).context["overview"] is None
