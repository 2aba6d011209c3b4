"""Pages stay the same work as the data grows: their queries do not grow with the rows shown nor
with the size of the plans table; the list's count stops at a cap; the search index follows every
write; an unchanged PDF is served again without building its document (bench/pages.py times it)."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from clusters.models import Organization
from common.text import fold
from plans.choices import PlanStatus
from plans.models import Plan
from plans.policy import visible_plans
from plans.search_index import ensure_search_index
from plans.views import browse

pytestmark = pytest.mark.django_db

ROLES = ["soanthao", "pheduyet", "vanthu", "thanhvien", "giamsat", "admin"]


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def add_plans(count, *, organization=None, status=PlanStatus.ISSUED, subject="Kế hoạch thêm"):
    """`count` plans of other bodies (or of `organization`), numbered when issued."""
    bodies = [organization] if organization else list(Organization.objects.all())
    start = Plan.objects.count()
    return Plan.objects.bulk_create(
        Plan(
            organization=bodies[n % len(bodies)],
            kind="training",
            year=2025,
            subject=f"{subject} {n}",
            status=status,
            number=start + n + 1 if status == PlanStatus.ISSUED else None,
            symbol="KH-THU",
            date_year=2025,
            date_month=3,
            date_day=1 if status == PlanStatus.ISSUED else None,
            search_text=fold(f"{subject} {n}"),  # bulk_create skips save()
        )
        for n in range(count)
    )


def query_count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries.captured_queries)


def cold_and_warm(client, url, params=None) -> tuple[int, int]:
    """The queries of the page with nothing kept in the shared cache (the user's rights, the list's
    filter form, …), then of the same page again (what was kept read from the cache)."""
    cache.clear()
    return query_count(client, url, params), query_count(client, url, params)


@pytest.mark.parametrize("username", ["soanthao", "giamsat", "admin"])
@pytest.mark.parametrize("params", [{}, {"year": 2025, "kind": "training"}, {"q": "ke hoach"}])
def test_the_list_runs_the_same_queries_for_a_small_or_large_table_and_page(client, demo, username, params):
    user_client = signed_in(client, username)
    url = reverse("plans:list")
    drafters_body = Organization.objects.get(name="Ủy ban nhân dân huyện Tháp Mười")
    add_plans(2, organization=drafters_body)
    small = cold_and_warm(user_client, url, params)
    add_plans(60, organization=drafters_body)  # a full page of rows the user sees
    add_plans(300)  # and a larger table
    response = user_client.get(url, params)
    assert len(response.context["plans"]) == browse.PAGE_SIZE
    assert cold_and_warm(user_client, url, params) == small


def test_the_list_counts_up_to_its_cap_and_says_there_are_more(client, demo, monkeypatch):
    monkeypatch.setattr(browse, "COUNT_CAP", 5)
    admin = signed_in(client, "admin")
    response = admin.get(reverse("plans:list"))  # six demo plans
    assert (response.context["paginator"].count, response.context["paginator"].capped) == (5, True)
    assert "Hơn <strong>5</strong> kế hoạch" in response.content.decode()
    response = admin.get(reverse("plans:list"), {"year": 2024})
    assert response.context["paginator"].capped is False
    assert f"<strong>{response.context['paginator'].count}</strong> kế hoạch" in response.content.decode()


def test_the_plan_page_of_a_cluster_plan_runs_the_same_queries_for_a_larger_table(client, demo):
    admin = signed_in(client, "admin")
    url = reverse("plans:detail", args=[demo["000"].pk])  # a cluster plan: its head is read once
    cache.clear()
    cold = query_count(admin, url)  # the parts rendered
    warm = query_count(admin, url)  # the parts from the cache
    assert warm < cold
    add_plans(200)
    cache.clear()
    assert query_count(admin, url) == cold
    assert query_count(admin, url) == warm


@pytest.mark.parametrize("username", ROLES)
def test_the_dashboard_runs_the_same_queries_for_a_larger_table(client, demo, username):
    user_client = signed_in(client, username)
    drafters_body = Organization.objects.get(name="Ủy ban nhân dân huyện Tháp Mười")
    add_plans(1, organization=drafters_body, status=PlanStatus.DRAFT)
    small = cold_and_warm(user_client, reverse("home"))
    add_plans(30, organization=drafters_body, status=PlanStatus.DRAFT)
    add_plans(200)
    assert cold_and_warm(user_client, reverse("home")) == small


def test_an_unchanged_pdf_is_served_again_without_building_its_document(client, demo, monkeypatch):
    from plans.views import document

    admin = signed_in(client, "admin")
    plan = demo["001"]
    url = reverse("plans:document_pdf", args=[plan.pk])
    first = admin.get(url)
    assert first.status_code == 200

    def refuse(plan):
        raise AssertionError("the document context was built again")

    monkeypatch.setattr(document, "printable", refuse)
    with CaptureQueriesContext(connection) as queries:
        again = admin.get(url)
    assert again.content == first.content
    assert again.headers["ETag"] == first.headers["ETag"]
    # Session, user and the plan with its rights: nothing that grows with the plan's parts.
    few = len(queries.captured_queries)
    Activity.objects.bulk_create(
        Activity(plan=plan, order=100 + n, content=f"Thêm {n}", period_kind="quarter", quarter=1)
        for n in range(20)
    )
    Plan.objects.filter(pk=plan.pk).update(version=plan.version)  # same stamp: still the cache
    assert query_count(admin, url) == few
    assert admin.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"]).status_code == 304


def test_a_changed_plan_prints_its_new_text_not_the_cached_one(client, demo):
    admin = signed_in(client, "admin")
    plan = demo["001"]
    url = reverse("plans:document", args=[plan.pk])
    pdf_url = reverse("plans:document_pdf", args=[plan.pk])
    first_pdf = admin.get(pdf_url)
    plan.refresh_from_db()
    plan.subject = "Trích yếu đã sửa"
    plan.version += 1
    plan.save()
    assert "Trích yếu đã sửa" in admin.get(url).content.decode()
    second_pdf = admin.get(pdf_url)
    assert second_pdf.headers["ETag"] != first_pdf.headers["ETag"]
    assert second_pdf.content != first_pdf.content


def test_the_search_index_follows_every_write_and_survives_a_table_rebuild(client, demo):
    admin = signed_in(client, "admin")
    url = reverse("plans:list")

    def found(query):
        return [plan.subject for plan in admin.get(url, {"q": query}).context["plans"]]

    plan = Plan.objects.create(
        organization=demo["004"].organization,
        kind="other",
        year=2025,
        subject="Hội thi cắm hoa",
        date_year=2025,
    )
    assert found("cam hoa") == ["Hội thi cắm hoa"]
    plan.subject = "Hội thi nấu ăn"
    plan.save()
    assert found("cam hoa") == []
    assert found("nau an") == ["Hội thi nấu ăn"]
    assert found("an") != []  # a word too short for the index still finds by substring
    if connection.vendor == "sqlite":  # a migration that rebuilds plans_plan drops its triggers
        with connection.cursor() as cursor:
            for name in ("plans_plan_search_ai", "plans_plan_search_au", "plans_plan_search_ad"):
                cursor.execute(f"DROP TRIGGER {name}")
        Plan.objects.filter(pk=plan.pk).update(search_text="hoi thi keo co")
        ensure_search_index()  # what post_migrate runs
        assert found("keo co") == ["Hội thi nấu ăn"]
    plan.delete()
    assert found("nau an") == []


def dated_activities(plans, day):
    """An activity on `day` in each of `plans`."""
    return Activity.objects.bulk_create(
        Activity(plan=plan, order=1, content="Hội nghị", period_kind="date", start_date=day) for plan in plans
    )


@pytest.mark.parametrize("username", ["soanthao", "giamsat"])
def test_the_dashboards_activities_ahead_cost_the_same_queries_for_one_or_ten(client, demo, username):
    """Each activity ahead shows its plan's symbol, which falls back to the issuer's abbreviation."""
    user_client = signed_in(client, username)
    home = Organization.objects.get(name="Ủy ban nhân dân xã Tháp Mười")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    plans = add_plans(10, organization=home)
    Plan.objects.filter(pk__in=[plan.pk for plan in plans]).update(symbol="")
    dated_activities(plans[:1], tomorrow)
    one = cold_and_warm(user_client, reverse("home"))
    dated_activities(plans[1:], tomorrow)
    cache.clear()  # rows written past the services log no change: the lists would stay kept
    response = user_client.get(reverse("home"))
    cache.clear()
    assert len(response.context["activities"]) == 10
    assert cold_and_warm(user_client, reverse("home")) == one


@pytest.mark.parametrize("username", ["soanthao", "admin"])
def test_the_lists_filters_read_the_bodies_and_clusters_once_whatever_their_number(client, demo, username):
    user_client = signed_in(client, username)
    Organization.objects.bulk_create(
        Organization(name=f"Ủy ban nhân dân xã Mới {n}", level="commune") for n in range(40)
    )
    with CaptureQueriesContext(connection) as queries:
        page = user_client.get(reverse("plans:list")).content.decode()
    assert "Ủy ban nhân dân xã Mới 39" in page
    for table in ("clusters_organization", "clusters_cluster"):
        options = [query for query in queries.captured_queries if f'FROM "{table}"' in query["sql"]]
        assert len(options) == 1, [query["sql"][:120] for query in options]


PART_TABLES = ("plans_legalbasis", "plans_section", "activities_activity_lead_organizations", "plans_duty")


def test_the_plan_page_renders_a_plans_parts_once_for_every_reader_and_again_after_an_edit(client, demo):
    from django.test import Client

    drafter, overseer = (get_user_model().objects.get(username=name) for name in ("soanthao", "giamsat"))
    plan = visible_plans(overseer, visible_plans(drafter)).filter(activities__isnull=False).first()
    url = reverse("plans:detail", args=[plan.pk])
    assert signed_in(client, "soanthao").get(url).status_code == 200
    overseer = signed_in(Client(), "giamsat")
    with CaptureQueriesContext(connection) as queries:
        page = overseer.get(url)
    assert page.status_code == 200
    read = [
        query["sql"][:80] for query in queries.captured_queries if any(t in query["sql"] for t in PART_TABLES)
    ]
    assert read == []  # the parts come from the shared cache
    activity = plan.activities.order_by("order").first()
    assert activity.content.split(":")[0] in page.content.decode()
    activity.content = "Hội thi cắm hoa mừng ngày thành lập"
    activity.save()
    plan.refresh_from_db()
    plan.version += 1  # as every save of the editor does
    plan.save()
    assert "Hội thi cắm hoa mừng ngày thành lập" in overseer.get(url).content.decode()


# The rows that the plan page's history and panels read, kept per state of the plan in the cache.
ROW_TABLES = (
    "plans_auditentry",
    "activities_participantgroup",
    "activities_activity",
    "plans_budgetline",
    "plans_budgetcontribution",
    "plans_budgetexpense",
)


def rows_read(client, plan) -> tuple[list[str], str]:
    """The queries of the plan page that read the plan's rows of ROW_TABLES, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    rows_of_plan = [
        re.compile(rf'FROM "{table}".* WHERE .*"{table}"\."plan_id" (= {plan.pk}\b|IN \({plan.pk}\))')
        for table in ROW_TABLES
    ]
    read = [
        query["sql"][:80]
        for query in queries.captured_queries
        if any(pattern.search(query["sql"]) for pattern in rows_of_plan)
    ]
    return read, response.content.decode()


def issued_with_tracking(world):
    """The world's cluster plan, issued, with an activity, a per-unit quota and a cost line."""
    from activities.choices import GroupKind
    from activities.models import ParticipantGroup
    from plans.models import BudgetLine

    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ISSUED, number=5, date_day=5)
    Activity.objects.create(plan=plan, order=1, content="Hội thao", period_kind="quarter", quarter=1)
    group = ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=4)
    group.units.set([world.member])
    BudgetLine.objects.create(plan=plan, order=1, item="Thuê xe", quantity=1, unit="chuyến", unit_price=100)
    return Plan.objects.get(pk=plan.pk)


def test_the_plan_page_reads_its_history_and_panel_rows_once_for_every_reader_until_a_change(client, world):
    from django.test import Client

    from activities.tracking.services import activity_track

    plan = issued_with_tracking(world)
    client.force_login(world.users["drafter"])
    first, _ = rows_read(client, plan)
    assert first  # read once…
    member = Client()
    member.force_login(world.users["member_staff"])
    again, page = rows_read(member, plan)
    assert again == []  # …and the next reader, another user, has them from the cache
    assert 'id="h-tracking"' in page
    assert 'id="h-registration"' in page
    # Tracking changes no version of the plan, but logs an entry: the page shows it at once.
    activity_track(
        activity=plan.activities.get(), user=world.users["drafter"], status="in_progress", completed_on=None
    )
    read, page = rows_read(member, plan)
    assert read
    assert "Xem tiến độ" in page  # the member unit may not track
    assert "Cập nhật tiến độ" not in page
    read, page = rows_read(client, plan)
    assert read == []
    assert "Cập nhật tiến độ" in page  # the drafter may (the policy decides on each request)
    assert "Hoạt động 1: Đang thực hiện" in page  # the history's new entry


def test_a_member_unit_never_reads_the_drafts_history_that_the_drafter_left_in_the_cache(client, world):
    from plans import workflow
    from plans.choices import AuditAction
    from plans.services import plan_update

    drafter = world.users["drafter"]
    plan = world.cluster_plan
    plan_update(plan=plan, user=drafter, fields={"preamble": "Bản nháp thứ nhất"})
    workflow.plan_submit(plan=Plan.objects.get(pk=plan.pk), user=drafter)
    url = reverse("plans:detail", args=[plan.pk])
    client.force_login(drafter)
    drafters = [entry.action for entry, _ in client.get(url).context["history"]]
    assert AuditAction.UPDATED in drafters
    client.force_login(world.users["member_staff"])
    with CaptureQueriesContext(connection) as queries:
        members = [entry.action for entry, _ in client.get(url).context["history"]]
    assert not [
        query for query in queries.captured_queries if query["sql"].startswith('SELECT "plans_auditentry"')
    ]
    assert members == [AuditAction.SUBMITTED]


def dashboard_page(client) -> tuple[list[str], str]:
    """The start page, and the tables of plans its queries read."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    tables = [re.search(r'FROM "(\w+)"', query["sql"]).group(1) for query in queries.captured_queries]
    return [table for table in tables if table.startswith("plans_")], response.content.decode()


# What a kept start page reads of plans: the newest plan and change-log entry, the unread badge.
KEPT_DASHBOARD_READS = ["plans_plan", "plans_auditentry", "plans_notification"]


def test_the_dashboard_is_kept_for_its_user_until_a_plan_changes(client, world):
    from plans import workflow

    approver = signed_in(client, "pheduyet")
    read, page = dashboard_page(approver)
    assert len(read) > len(KEPT_DASHBOARD_READS)
    assert "Chờ bạn phê duyệt" not in page
    read, _ = dashboard_page(approver)
    assert read == KEPT_DASHBOARD_READS
    workflow.plan_submit(plan=world.own_plan, user=world.users["drafter"])
    read, page = dashboard_page(approver)
    assert len(read) > len(KEPT_DASHBOARD_READS)
    assert "Chờ bạn phê duyệt" in page
    assert world.own_plan.subject in page


def test_the_dashboard_follows_the_users_rights_at_once(client, world):
    from clusters.choices import StaffRole
    from clusters.models import Staff

    member = signed_in(client, "thanhvien")
    _, page = dashboard_page(member)
    assert "UBND huyện Hà Quảng" not in page
    Staff.objects.create(
        user=world.users["member_staff"], organization=world.other, role=StaffRole.MEMBER_STAFF
    )
    _, page = dashboard_page(member)
    assert "UBND huyện Hà Quảng" in page  # a new role: new rights, new lists, no change of any plan
    _, other = dashboard_page(signed_in(client, "lanhdaolaivung"))  # the same unit, another user
    assert "UBND huyện Hà Quảng" not in other


# What the start page asks the database at most, by role: the session and the user, the user's
# rights, the newest plan and change-log entry (the key of the kept lists), then one query per list
# the role has (a role's list it does not hold costs none).
DASHBOARD_QUERIES = {
    "soanthao": 17,
    "pheduyet": 18,
    "vanthu": 13,
    "thanhvien": 17,
    "giamsat": 15,
    "admin": 11,
}


@pytest.mark.parametrize("username", ROLES)
def test_the_dashboard_asks_only_for_the_lists_of_the_roles_the_user_holds(client, demo, username):
    count = query_count(signed_in(client, username), reverse("home"))
    assert count <= DASHBOARD_QUERIES[username]
