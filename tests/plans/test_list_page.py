"""The plan list draws its filter form once per query, user and version of the bodies and clusters
it names (kept in the shared cache), and its rows in one pass: what it shows stays right."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusters.choices import StaffRole
from clusters.models import Organization, Staff
from plans.choices import PlanStatus
from plans.services import plan_update

pytestmark = pytest.mark.django_db


def list_page(client, user, params=None) -> str:
    client.force_login(user)
    response = client.get(reverse("plans:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_cluster_shows_in_the_filter_on_the_next_request(client, world):
    user = world.users["approver"]
    assert "Cụm thi đua 2" in list_page(client, user)
    world.cluster.name = "Cụm thi đua số Hai"
    world.cluster.save()
    page = list_page(client, user)
    assert "Cụm thi đua số Hai" in page
    assert "Cụm thi đua 2<" not in page


def test_a_body_given_a_role_shows_in_the_issuer_picker_on_the_next_request(client, world):
    outsider = world.users["outsider"]
    assert "Ủy ban nhân dân huyện Tháp Mười" not in list_page(client, outsider)
    Staff.objects.create(user=outsider, organization=world.own, role=StaffRole.MEMBER_STAFF)
    assert "UBND huyện Tháp Mười" in list_page(client, outsider)


def test_each_user_sees_the_filter_drawn_for_their_own_bodies(client, world):
    """Two users asking the same URL: the picker offers each their own bodies, never the other's."""
    assert "UBND huyện Hà Quảng" in list_page(client, world.users["outsider"])
    assert "UBND huyện Hà Quảng" not in list_page(client, world.users["member_staff"])


def test_the_filter_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    user = world.users["approver"]
    page = list_page(client, user, {"q": "tập huấn", "date_from": "2024-05-01", "date_to": "2024-01-01"})
    assert 'value="tập huấn"' in page
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in page
    assert "Ngày kết thúc phải sau" not in list_page(client, user, {"q": "tập huấn"})


def test_a_row_shows_the_plans_date_state_last_change_number_and_issuer(client, world):
    plan = world.own_plan
    plan.status, plan.number, plan.date_day, plan.date_month = PlanStatus.ISSUED, 7, 5, 7
    plan.save()
    plan.refresh_from_db()
    page = list_page(client, world.users["approver"])
    changed = timezone.localtime(plan.updated_at).strftime("%d/%m/%Y %H:%M")
    expected = (
        f'<td>05/7/{plan.date_year}</td>\n  <td><a href="/plans/{plan.pk}/">{plan.subject}</a>'
        f'<br><span class="muted">{plan.get_kind_display()}</span></td>\n  <td>{plan.year}</td>\n'
        f'  <td><span class="badge issued">Đã ban hành</span></td>\n  <td>{changed}</td>\n'
        f"  <td>07/{plan.effective_symbol}</td>\n  <td>UBND huyện Tháp Mười</td>"
    )
    assert expected in page


def test_a_hostile_subject_stays_text_in_the_row(client, world):
    plan = world.own_plan
    plan.subject = '<script>alert("x")</script>'
    plan.save()
    page = list_page(client, world.users["approver"])
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")' not in page


def test_a_body_added_since_the_last_search_is_found_by_the_issuer_picker(client, world):
    overseer = world.users["overseer"]
    search = {"organization__q": "Mỹ An"}
    assert "Không tìm thấy “Mỹ An”" in list_page(client, overseer, search)
    Organization.objects.create(name="Ủy ban nhân dân xã Mỹ An", level="commune", parent=world.province)
    assert "Ủy ban nhân dân xã Mỹ An" in list_page(client, overseer, search)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts through its covering index")
@pytest.mark.parametrize(("role", "walks_the_date_index"), [("drafter", False), ("overseer", True)])
def test_the_count_walks_the_date_index_only_for_those_who_see_most_plans(
    client, world, role, walks_the_date_index
):
    """An overseer's (or a superuser's) first thousand plans are found at once along the date index;
    a unit's few plans among 200,000 took 17 ms that way against 7 ms through its own indexes."""
    with CaptureQueriesContext(connection) as queries:
        list_page(client, world.users[role])
    count = next(query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(*)"))
    assert ("ORDER BY 1 DESC" in count) is walks_the_date_index


def a_units_long_list(world) -> tuple[list, list]:
    """Plans a member unit (Lai Vung) sees through every branch of its visibility, on dates that
    interleave and tie, and plans it does not see."""
    from activities.choices import GroupKind
    from activities.models import ParticipantGroup
    from tests.world import plan_of

    issued = {"status": PlanStatus.ISSUED}
    seen = [plan_of(world.member, date_day=day, subject=f"Lai Vung {day}") for day in (2, 9, 9, 20)]
    seen += [plan_of(world.cluster, date_day=day, subject=f"Cụm 2024, {day}", **issued) for day in (5, 9)]
    seen += [plan_of(world.cluster, year=2025, date_day=day, subject=f"Cụm 2025, {day}") for day in (1, 30)]
    quota = plan_of(world.own, date_day=15, subject="Kế hoạch giao chỉ tiêu", **issued)
    group = ParticipantGroup.objects.create(plan=quota, order=1, kind=GroupKind.PER_UNIT, count=4)
    group.units.add(world.member)
    unseen = [
        plan_of(world.cluster, year=2024, date_day=28, subject="Bản nháp của cụm"),
        plan_of(world.own, year=2024, date_day=27, subject="Kế hoạch riêng Tháp Mười", **issued),
        plan_of(world.other, year=2024, date_day=26),
    ]
    return [*seen, quota], unseen


@pytest.mark.parametrize("sort", ["", "subject", "-year", "date"])
def test_a_unit_past_the_count_cap_pages_through_the_same_plans_in_the_same_order(
    client, world, monkeypatch, sort
):
    """Past the cap a unit's page is merged from the first rows of each branch of its visibility
    (its bodies, its clusters' years, the plans giving it a quota): every page holds the plans
    of the whole list's order, none it may not see."""
    from plans import policy
    from plans.views import browse

    seen, unseen = a_units_long_list(world)
    monkeypatch.setattr(browse, "COUNT_CAP", 7)
    monkeypatch.setattr(browse, "PAGE_SIZE", 3)
    user = world.users["member_staff"]
    order = {"": "-date_key", "subject": "subject", "-year": "-year", "date": "date_key"}[sort]
    expected = list(policy.visible_plans(user).order_by(order, "-pk").values_list("pk", flat=True)[:7])
    assert len(policy.visible_plans(user)) > 7
    assert set(expected) <= {plan.pk for plan in seen} | {world.cluster_plan.pk}
    client.force_login(user)
    shown = []
    for page in (1, 2, 3):
        response = client.get(reverse("plans:list"), {"page": page, "sort": sort} if sort else {"page": page})
        assert response.context["paginator"].capped
        shown += [plan.pk for plan in response.context["plans"]]
    assert shown == expected
    assert not {plan.pk for plan in unseen} & set(shown)


def test_a_units_page_reads_each_branch_only_past_the_cap(client, world, monkeypatch):
    from plans.views import browse

    a_units_long_list(world)
    user = world.users["member_staff"]

    def page_query() -> str:
        with CaptureQueriesContext(connection) as queries:
            list_page(client, user)
        return next(
            sql for query in queries if "ORDER BY" in (sql := query["sql"]) and 'plans_plan"."subject' in sql
        )

    assert "UNION ALL" not in page_query()  # ten plans: sorted whole
    monkeypatch.setattr(browse, "COUNT_CAP", 7)
    assert page_query().count("UNION ALL") >= 3  # its body, two cluster years, the quota plan


@pytest.mark.parametrize("many", [False, True])
def test_a_search_finds_the_same_plans_whether_its_words_are_rare_or_common(client, world, monkeypatch, many):
    """A word held by many plans is tested plan by plan as the list walks its order (on SQLite,
    instead of reading every match of the index): the plans found are the same."""
    from plans import search_index
    from tests.world import plan_of

    if many:
        monkeypatch.setattr(search_index, "MANY_MATCHES", 1)
    wanted = [
        plan_of(world.own, subject=f"Hội nghị tổng kết công tác thi đua năm {year}") for year in (2021, 2022)
    ]
    plan_of(world.own, subject="Hội nghị sơ kết")
    plan_of(world.own, subject="Tổng kết phong trào")
    with CaptureQueriesContext(connection) as queries:
        list_page(client, world.users["approver"], {"q": "hoi nghi tổng kết"})
    page = next(
        sql for query in queries if "ORDER BY" in (sql := query["sql"]) and 'plans_plan"."subject' in sql
    )
    assert ("plans_plan_search" in page) is (connection.vendor == "sqlite" and not many)
    shown = {
        plan.pk for plan in client.get(reverse("plans:list"), {"q": "hoi nghi tổng kết"}).context["plans"]
    }
    assert shown == {plan.pk for plan in wanted}


def test_coming_back_to_a_list_reads_it_once_until_a_plan_is_added_or_changed(client, world):
    """The count and each page are kept for the user's rights, the query and the newest plan and
    change-log entry: back from a plan, the list reads no plan; a new or changed plan shows at once."""
    from tests.world import plan_of

    user = world.users["approver"]

    def read(params) -> tuple[int, int, list]:
        with CaptureQueriesContext(connection) as queries:
            client.force_login(user)
            response = client.get(reverse("plans:list"), params)
        plans_read = sum(
            '"plans_plan"."subject"' in query["sql"] or "COUNT(*) FROM (" in query["sql"] for query in queries
        )
        return (
            plans_read,
            response.context["paginator"].count,
            [plan.subject for plan in response.context["plans"]],
        )

    _, shown, subjects = read({"year": 2024})
    assert read({"year": 2024, "page": 1}) == (0, shown, subjects)
    assert read({"year": 2025}) == (1, 0, [])  # another filter is read on its own (no page: no row)
    plan_of(world.own, subject="Kế hoạch mới")
    assert read({"year": 2024})[:2] == (2, shown + 1)
    # A drafter moves a plan to the next year: the list of 2024 holds one plan fewer at once.
    plan_update(plan=world.own_plan, user=world.users["drafter"], fields={"year": 2025})
    _, count, subjects = read({"year": 2024})
    assert (count, world.own_plan.subject in subjects) == (shown, False)


def test_a_quota_given_to_a_unit_counts_its_plan_in_the_units_list_at_once(client, world):
    """A quota is no plan and no change-log entry: the kept count follows the unit's rights."""
    from activities.choices import GroupKind
    from activities.models import ParticipantGroup
    from tests.world import plan_of

    quota_plan = plan_of(world.own, subject="Kế hoạch giao chỉ tiêu", status=PlanStatus.ISSUED)
    group = ParticipantGroup.objects.create(plan=quota_plan, order=1, kind=GroupKind.PER_UNIT, count=4)
    client.force_login(world.users["member_staff"])
    before = client.get(reverse("plans:list")).context["paginator"].count
    group.units.add(world.member)
    response = client.get(reverse("plans:list"))
    assert response.context["paginator"].count == before + 1
    assert quota_plan in response.context["plans"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no bitmap scans")
@pytest.mark.django_db(transaction=True)  # as a request runs: not inside a test's transaction
def test_a_units_merged_page_is_read_along_each_branchs_index_on_postgresql(client, world, monkeypatch):
    """For a broad search PostgreSQL built, for each branch, a bitmap of every plan the words match
    in the province; a merged page is read with bitmap scans off, for that query only."""
    from plans.views import browse

    a_units_long_list(world)
    monkeypatch.setattr(browse, "COUNT_CAP", 7)
    with CaptureQueriesContext(connection) as queries:
        list_page(client, world.users["member_staff"])
    statements = [query["sql"] for query in queries]
    switched = statements.index("SET LOCAL enable_bitmapscan = off")
    assert "UNION ALL" in statements[switched + 1]
    with connection.cursor() as cursor:  # and the setting ended with that query
        cursor.execute("SHOW enable_bitmapscan")
        assert cursor.fetchone()[0] == "on"
