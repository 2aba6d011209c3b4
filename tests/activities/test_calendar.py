"""The calendar of activities by month and by quarter, across the plans of a body or a cluster."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.choices import PeriodKind
from activities.models import Activity
from activities.selectors import calendar_activities, calendar_plans
from activities.tracking.calendar import Window, calendar_months, plan_window
from plans.models import Plan
from tests.world import plan_of

pytestmark = pytest.mark.django_db

URL = reverse("tracking:calendar")


def add(plan: Plan, content: str, **period) -> Activity:
    order = plan.activities.count() + 1
    return Activity.objects.create(plan=plan, order=order, content=content, **period)


def issue(plan: Plan) -> Plan:
    Plan.objects.filter(pk=plan.pk).update(status="issued", number=plan.pk, date_day=5)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def activities(world):
    """Activities of 2024 of every period kind on the body's plan, and one on the cluster's plan."""
    plan = issue(world.own_plan)
    return {
        "quarter": add(plan, "Kiểm tra cả quý III", period_kind=PeriodKind.QUARTER, quarter=3),
        "month": add(plan, "Hội nghị tháng 8", period_kind=PeriodKind.MONTH, month=8),
        "date": add(
            plan, "Tập huấn ngày 15/7", period_kind=PeriodKind.DATE, start_date=datetime.date(2024, 7, 15)
        ),
        "range": add(
            plan,
            "Giao lưu 31/8–03/9",
            period_kind=PeriodKind.RANGE,
            start_date=datetime.date(2024, 8, 31),
            end_date=datetime.date(2024, 9, 3),
        ),
        "other_quarter": add(plan, "Tổng kết quý IV", period_kind=PeriodKind.QUARTER, quarter=4),
        "cluster": add(
            issue(world.cluster_plan),
            "Giao lưu của Cụm",
            period_kind=PeriodKind.DATE,
            start_date=datetime.date(2024, 8, 20),
        ),
    }


def month_contents(months) -> dict[int, list[str]]:
    return {month.month: [entry.activity.content for entry in month.entries] for month in months}


def test_a_quarter_shows_each_month_with_what_it_holds(world, activities):
    window = Window(2024, quarter=3)
    plans = calendar_plans(world.users["drafter"])
    months = calendar_months(calendar_activities(plans, window), window, datetime.date(2024, 7, 1))
    assert month_contents(months) == {
        7: ["Tập huấn ngày 15/7", "Kiểm tra cả quý III"],
        8: ["Giao lưu của Cụm", "Giao lưu 31/8–03/9", "Hội nghị tháng 8", "Kiểm tra cả quý III"],
        9: ["Giao lưu 31/8–03/9", "Kiểm tra cả quý III"],
    }


def test_a_month_holds_activities_of_its_quarter_and_ranges_that_reach_into_it(world, activities):
    window = Window(2024, month=9)
    plans = calendar_plans(world.users["drafter"])
    [september] = calendar_months(calendar_activities(plans, window), window, datetime.date(2024, 7, 1))
    assert [entry.activity.content for entry in september.entries] == [
        "Giao lưu 31/8–03/9",
        "Kiểm tra cả quý III",
    ]
    assert [entry.period for entry in september.entries] == ["31/8/2024 – 03/9/2024", "Quý III/2024"]


def test_the_calendar_of_a_body_or_of_a_cluster(world, activities):
    user = world.users["drafter"]
    window = Window(2024, month=8)
    by_body = calendar_plans(user, organization_id=world.own.pk)
    by_cluster = calendar_plans(user, cluster_id=world.cluster.pk)
    assert (
        "Giao lưu của Cụm"
        not in month_contents(calendar_months(calendar_activities(by_body, window), window))[8]
    )
    assert month_contents(calendar_months(calendar_activities(by_cluster, window), window))[8] == [
        "Giao lưu của Cụm"
    ]


def test_the_page_defaults_to_the_users_bodies_and_this_month(client, world):
    today = timezone.localdate()
    mine = issue(plan_of(world.own, year=today.year, subject="Kế hoạch năm nay"))
    add(mine, "Hội nghị hôm nay", period_kind=PeriodKind.DATE, start_date=today)
    theirs = issue(plan_of(world.other, year=today.year, subject="Kế hoạch của nơi khác"))
    add(theirs, "Hoạt động của nơi khác", period_kind=PeriodKind.DATE, start_date=today)
    client.force_login(world.users["drafter"])
    page = client.get(URL).content.decode()
    assert f"Lịch hoạt động tháng {today.month}/{today.year}" in page
    assert "Hội nghị hôm nay" in page
    assert "Hoạt động của nơi khác" not in page
    client.force_login(world.users["admin"])
    assert "Hoạt động của nơi khác" in client.get(URL).content.decode()


def test_another_bodys_activities_stay_hidden_even_when_asked_for(client, world):
    today = timezone.localdate()
    theirs = issue(plan_of(world.other, year=today.year))
    add(theirs, "Hoạt động bí mật của Hà Quảng", period_kind=PeriodKind.DATE, start_date=today)
    client.force_login(world.users["drafter"])
    response = client.get(URL, {"organization": world.other.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hoạt động bí mật của Hà Quảng" not in page
    assert "Lựa chọn không hợp lệ" in page


def test_overdue_activities_of_issued_plans_stand_out_and_drafts_are_marked(client, world, activities):
    draft = plan_of(world.own, subject="Dự thảo kế hoạch khác")
    add(draft, "Hoạt động của dự thảo", period_kind=PeriodKind.MONTH, month=8)
    Activity.objects.filter(pk=activities["month"].pk).update(
        status="done", completed_on=datetime.date(2024, 8, 9)
    )
    client.force_login(world.users["approver"])
    page = client.get(URL, {"year": 2024, "month": 8}).content.decode()
    rows = re.findall(r'<tr class="(overdue)?">(.*?)</tr>', page, re.DOTALL)
    assert len(rows) == 5
    overdue = {"Kiểm tra cả quý III", "Giao lưu 31/8–03/9", "Giao lưu của Cụm"}
    for flag, row in rows:
        content = re.search(r"</td>\s*<td>([^<]*)", row).group(1).strip()
        assert bool(flag) == (content in overdue), content
    assert "Hoạt động của dự thảo" in page
    assert "kế hoạch chưa ban hành" in page
    assert page.count("Quá hạn</strong>") == 3  # quarter III, the range, the cluster's day; not the done one


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999", "month": "13"},
        {"month": "0", "quarter": "5"},
        {"organization": "x", "cluster": "-1"},
        {"organization": "999999"},
        {"month": "8", "quarter": "3", "year": "2024"},
        {"year": "2024", "month": "1.5"},
        {"year": "\x00", "quarter": "<script>"},
    ],
)
def test_garbage_parameters_get_a_message_and_a_calendar_never_a_server_error(client, world, params):
    client.force_login(world.users["drafter"])
    response = client.get(URL, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Một số lựa chọn của lịch không hợp lệ" in page
    assert "<script>" not in page.split('id="main"')[1]


def test_month_and_quarter_together_show_the_month_and_say_so(client, world, activities):
    client.force_login(world.users["drafter"])
    page = client.get(URL, {"year": 2024, "month": 8, "quarter": 3}).content.decode()
    assert "Lịch hoạt động tháng 8/2024" in page
    assert "Chọn tháng hoặc quý, không chọn cả hai" in page


def test_the_navigation_moves_by_month_or_quarter_across_years():
    assert Window(2024, month=12).shifted(1) == Window(2025, month=1)
    assert Window(2024, month=1).shifted(-1) == Window(2023, month=12)
    assert Window(2024, quarter=4).shifted(1) == Window(2025, quarter=1)
    assert Window(2024, quarter=1).shifted(-1) == Window(2023, quarter=4)
    assert (Window(2024, quarter=1).start, Window(2024, quarter=1).end) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )


def test_the_quarter_page_links_to_its_neighbours_keeping_the_cluster(client, world, activities):
    client.force_login(world.users["member_staff"])
    page = client.get(URL, {"cluster": world.cluster.pk, "year": 2024, "quarter": 3}).content.decode()
    assert f'href="?cluster={world.cluster.pk}&amp;year=2024&amp;quarter=2"' in page
    assert f'href="?cluster={world.cluster.pk}&amp;year=2024&amp;quarter=4"' in page
    assert "Giao lưu của Cụm" in page  # the member unit sees its cluster's issued plan
    assert "Kiểm tra cả quý III" not in page  # not Tháp Mười's own plan


def test_the_calendar_runs_the_same_number_of_queries_whatever_the_rows(client, world, activities):
    client.force_login(world.users["drafter"])
    params = {"year": 2024, "quarter": 3}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params)
    for index in range(10):
        plan = issue(plan_of(world.own, subject=f"Kế hoạch {index}"))
        add(plan, f"Hoạt động {index}", period_kind=PeriodKind.QUARTER, quarter=3)
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL, params).content.decode()
    assert "Hoạt động 9" in page
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("today", "window"),
    [
        (datetime.date(2024, 8, 10), Window(2024, quarter=3)),  # while the work runs: today's quarter
        (datetime.date(2025, 2, 1), Window(2024, quarter=3)),  # afterwards: where the work starts
        (datetime.date(2023, 12, 1), Window(2024, quarter=3)),  # before: the same
    ],
)
def test_a_plans_calendar_link_opens_the_quarter_of_its_work(client, world, activities, today, window):
    plan = world.own_plan
    assert plan_window(plan, plan.activities.all(), today) == window
    client.force_login(world.users["drafter"])
    page = client.get(reverse("tracking:plan", args=[plan.pk])).content.decode()
    assert re.search(rf'href="{URL}\?[^"]*year=2024[^"]*quarter=3', page)
