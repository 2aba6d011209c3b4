"""The demo of today: the new province and its communes, alive on the day it is loaded, and the
README's walk through it."""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from clusters.models import Organization, Succession
from plans.choices import PlanStatus
from plans.documents.context import build_plan_context
from plans.management.demo.bodies import DEMO_USERS
from plans.management.demo.loader import load_demo
from plans.models import Plan

pytestmark = pytest.mark.django_db

OLD_FIRST = F("valid_from").asc(nulls_first=True)  # the body of before the reform has no start date

USERNAMES = [username for username, _, _ in DEMO_USERS]


def dashboard_items(client, username: str) -> dict[str, list]:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    context = client.get(reverse("home")).context
    return {
        "tasks": [plan for _, plans in context["tasks"] for plan in plans],
        "drafts": list(context["drafts"]),
        "activities": list(context["activities"]),
        "deadlines": list(context["deadlines"]),
        "registrations": list(context["registrations"]),
        "overview": list(context["overview"] or []),
        # A staff administrator's work is its staff: the dashboard leads it to the staff pages.
        "staff": [reverse("staffing:list")] if context["manages_staff"] else [],
    }


@pytest.mark.parametrize("username", USERNAMES)
def test_every_demo_users_dashboard_shows_something_on_a_fresh_demo(demo, client, username):
    items = dashboard_items(client, username)
    assert any(items.values()), items


def test_on_a_fresh_demo_every_dashboard_panel_shows_something_to_the_communes_staff(demo, client):
    panels = {name: False for name in ("tasks", "drafts", "activities", "deadlines", "registrations")}
    for username in ("soanthao", "pheduyet", "vanthu", "thanhvien"):
        items = dashboard_items(client, username)
        for name in panels:
            panels[name] |= bool(items[name])
    assert panels == dict.fromkeys(panels, True)


def test_this_years_plans_are_placed_around_the_day_the_demo_is_loaded(db):
    day = datetime.date(2026, 3, 10)  # a past day: nothing is issued with a date ahead
    load_demo(today=day)
    trip = Plan.objects.get(cluster__name="Cụm thi đua các xã, phường số 1", year=2026, document_type="plan")
    assert trip.status == PlanStatus.ISSUED
    assert trip.document_date == day
    assert trip.registration_deadline == datetime.date(2026, 3, 17)
    assert trip.activities.get().start_date == datetime.date(2026, 3, 24)
    annual = Plan.objects.get(organization__name="Ủy ban nhân dân xã Tháp Mười", kind="annual", year=2026)
    assert annual.status == PlanStatus.DRAFT
    # The cluster of communes has its head and deputy for the year.
    assert trip.cluster.head_for(2026).name == "Ủy ban nhân dân xã Tháp Mười"


def test_the_seeds_bodies_are_history_closed_on_30_june_2025_with_their_successors(demo):
    thap_muoi = Organization.objects.get(name="Ủy ban nhân dân huyện Tháp Mười")
    assert thap_muoi.valid_to == datetime.date(2025, 6, 30)
    assert set(
        Succession.objects.filter(predecessor=thap_muoi).values_list("successor__name", flat=True)
    ) == {
        "Ủy ban nhân dân xã Tháp Mười",
        "Ủy ban nhân dân xã Mỹ Quý",
    }
    old, new = Organization.objects.filter(name="Ủy ban nhân dân tỉnh Đồng Tháp").order_by(OLD_FIRST)
    assert (old.valid_to, new.valid_from) == (datetime.date(2025, 6, 30), datetime.date(2025, 7, 1))
    assert set(new.links_to_predecessors.values_list("predecessor__name", flat=True)) == {
        "Ủy ban nhân dân tỉnh Đồng Tháp",
        "Ủy ban nhân dân tỉnh Tiền Giang",
    }
    assert (
        Organization.objects.get(name="Sở Nội vụ tỉnh Đồng Tháp", valid_from__isnull=False).valid_to is None
    )
    # Seed 000 still prints the district it was drafted under.
    header = build_plan_context(demo["000"].pk)["header"]
    assert header["parent_line"] == "UBND TỈNH ĐỒNG THÁP"
    assert header["issuer_name"] == "CỤM THI ĐUA 2"


def test_a_commune_plan_prints_the_communes_header_place_and_signature(demo):
    annual = Plan.objects.get(organization__name="Ủy ban nhân dân xã Tháp Mười", kind="annual")
    context = build_plan_context(annual.pk)
    assert context["header"]["parent_line"] == ""
    assert context["header"]["issuer_name"] == "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI"
    assert context["header"]["number_line"].endswith("/KH-UBND")
    assert context["header"]["date_line"].startswith("Tháp Mười, ngày")
    # The signer's title under "KT. CHỦ TỊCH", as seed 002 signs (the format check asks for it).
    assert context["signature"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    office = Organization.objects.get(name="Phòng Văn hóa - Xã hội xã Tháp Mười")
    assert office.header_parent_line == "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI"
    assert office.printed_name == "PHÒNG VĂN HÓA - XÃ HỘI"


def test_the_readme_walk_works_on_a_fresh_demo(demo, client):
    """As README.md says: soanthao submits the commune's annual plan, pheduyet approves it, vanthu
    issues it; thanhvien registers Mỹ Quý's people on the cluster's issued plan; giamsat reads both."""
    from django.contrib.auth import get_user_model

    users = {user.username: user for user in get_user_model().objects.all()}
    annual = Plan.objects.get(organization__name="Ủy ban nhân dân xã Tháp Mười", kind="annual")
    for username, step in (("soanthao", "submit"), ("pheduyet", "approve"), ("vanthu", "issue")):
        client.force_login(users[username])
        assert annual in dashboard_items(client, username)["tasks" if username != "soanthao" else "drafts"]
        data = {"issue_date": timezone.localdate().strftime("%d/%m/%Y")} if step == "issue" else {"note": ""}
        response = client.post(reverse(f"plans:{step}", args=[annual.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    annual.refresh_from_db()
    assert annual.status == PlanStatus.ISSUED
    assert annual.number == 1  # the cluster's trip was numbered in the cluster's own register

    trip = Plan.objects.get(cluster__name="Cụm thi đua các xã, phường số 1", document_type="plan")
    my_quy = Organization.objects.get(name="Ủy ban nhân dân xã Mỹ Quý")
    client.force_login(users["thanhvien"])
    assert trip in dashboard_items(client, "thanhvien")["deadlines"]
    page = client.get(reverse("registration:unit", args=[trip.pk]))
    assert "0/2" in page.content.decode()
    response = client.post(
        reverse("registration:add", args=[trip.pk]),
        {
            "unit": my_quy.pk,
            "full_name": "Lê Thị Hoa",
            "position": "Công chức Văn hóa - Xã hội",
            "phone": "0912345678",
            "citizen_id": "087190001234",
            "id_issue_date": "15/03/2021",
            "id_issue_place": "Cục Cảnh sát QLHC về TTXH",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert trip.registrations.get().full_name == "Lê Thị Hoa"

    client.force_login(users["giamsat"])
    listing = client.get(reverse("plans:list")).content.decode()
    assert annual.subject in listing
    assert trip.subject in listing


def test_pickers_offer_the_bodies_in_force_at_the_plans_time_and_put_the_others_after(demo):
    from plans.forms.catalog import ENDED_GROUP, Catalog

    def suggested(plan):
        choices = Catalog(exclude_plan=plan).organization_choices
        ended = [dict(group) for label, group in choices if label == ENDED_GROUP]
        return {text for key, text in choices if key != ENDED_GROUP}, ended

    def found(plan):
        return [text for _, text in Catalog(exclude_plan=plan).search("organizations", "Tháp Mười")]

    today_plan = Plan.objects.get(organization__name="Ủy ban nhân dân xã Tháp Mười", kind="annual")
    current, ended = suggested(today_plan)
    # Today's plan is offered today's province, nothing dissolved; a dissolved body is found by a
    # search, after the bodies in force, and says until when it existed.
    assert "UBND tỉnh Đồng Tháp › UBND xã Tháp Mười" in current
    assert not ended
    assert not any("(đến " in text for text in current)
    names = found(today_plan)
    commune = names.index("UBND tỉnh Đồng Tháp › UBND xã Tháp Mười")
    district = names.index("UBND tỉnh Đồng Tháp › UBND huyện Tháp Mười (đến 30/06/2025)")
    assert commune < district

    names = found(demo["000"])  # July 2024: the districts, not yet the communes
    district = names.index("UBND tỉnh Đồng Tháp › UBND huyện Tháp Mười (đến 30/06/2025)")
    commune = names.index("UBND tỉnh Đồng Tháp › UBND xã Tháp Mười")
    assert district < commune
