"""The editor beside its document: the printed page of the unsaved form, pickers that search the
server, and a page whose cost follows the plan, not the number of bodies and plans in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.choices import PeriodKind
from activities.models import Activity
from clusters.models import Cluster, Organization
from common.text import fold
from plans.choices import PlanStatus
from plans.forms.catalog import SUGGESTION_LIMIT
from plans.models import Plan
from tests.factories import OrganizationFactory, PlanFactory
from tests.plans.test_editing_views import edit_url, fill_every_part, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


def preview_url(plan) -> str:
    return reverse("plans:edit_preview", args=[plan.pk])


def more_bodies_and_plans(province, district, count: int, tag: str) -> None:
    """`count` more communes in the province, offices in the district, and issued plans it may cite."""
    Organization.objects.bulk_create(
        [
            Organization(name=f"UBND xã {tag} {index}", short_name=f"Xã {tag} {index}", parent=province)
            for index in range(count)
        ]
        + [
            Organization(name=f"Phòng {tag} {index}", short_name=f"Phòng {tag} {index}", parent=district)
            for index in range(count)
        ]
    )
    Plan.objects.bulk_create(
        [
            Plan(
                organization=district,
                kind="training",
                year=2024,
                subject=f"Kế hoạch {tag} {index}",
                date_year=2024,
                status=PlanStatus.ISSUED,
                number=index + 1,
                symbol=f"KH-{tag.upper()}",
                date_day=1,
                date_month=3,
            )
            for index in range(count)
        ]
    )


def test_the_edit_page_costs_the_same_with_hundreds_more_bodies_and_plans(
    user_client, plan, province, district, django_assert_max_num_queries
):
    fill_every_part(plan, district, 3)
    more_bodies_and_plans(province, district, SUGGESTION_LIMIT, "a")  # the suggestions are full
    with CaptureQueriesContext(connection) as before:
        page = user_client.get(edit_url(plan)).content.decode()
    options = page.count("<option")

    more_bodies_and_plans(province, district, 400, "b")
    with django_assert_max_num_queries(len(before)):
        response = user_client.get(edit_url(plan))
    assert response.status_code == 200
    assert response.content.decode().count("<option") == options
    # No select offers more than the suggestions and the values in use.
    for select in response.content.decode().split("<select")[1:]:
        assert select.split("</select>")[0].count("<option") <= SUGGESTION_LIMIT + 30


def add_activities(plan, units, start: int, count: int) -> None:
    """`count` activities, each led by a body of its own (none of them among the suggestions)."""
    for order in range(start, start + count):
        activity = Activity.objects.create(
            plan=plan, order=order, content=f"Hoạt động {order}", period_kind=PeriodKind.QUARTER, quarter=1
        )
        unit = OrganizationFactory(name=f"Trường {order}", short_name=f"Trường {order}", parent=units)
        activity.lead_organizations.set([unit])
        activity.coordinating_organizations.set([unit])


def test_the_edit_page_reads_only_what_it_shows_whatever_the_rows_left_folded_and_the_tables(
    user_client, plan, province, district
):
    # A long part is left folded (loaded when opened); the parts with no rows come without a blank
    # row (the script adds it from the blank-row templates, fetched after the page).
    more_bodies_and_plans(province, district, SUGGESTION_LIMIT, "a")  # the suggestions are full
    add_activities(plan, district, 1, 12)
    with CaptureQueriesContext(connection) as before:
        response = user_client.get(edit_url(plan))
    page = response.content.decode()
    bodies = len(response.context["editor"].catalog.organizations)
    options = page.count("<option")
    assert "data-row " not in page
    assert 'data-lazy-part="activities"' in page
    assert 'name="sections-TOTAL_FORMS" value="0"' in page  # on the page, with no row yet

    add_activities(plan, district, 13, 40)
    more_bodies_and_plans(province, district, 300, "b")
    with CaptureQueriesContext(connection) as after:
        response = user_client.get(edit_url(plan))
    page = response.content.decode()
    assert len(after) == len(before)
    assert page.count("<option") == options
    # The bodies of rows not shown are not read (nor their paths written).
    assert len(response.context["editor"].catalog.organizations) == bodies


def test_a_picker_finds_any_body_on_the_server_and_the_editor_saves_it(user_client, plan, province, district):
    more_bodies_and_plans(province, district, SUGGESTION_LIMIT + 5, "a")
    far = OrganizationFactory(name="Trường Tiểu học Mỹ Quý", short_name="TH Mỹ Quý", parent=district)
    page = user_client.get(edit_url(plan)).content.decode()
    assert f'value="{far.pk}"' not in page  # not among the suggestions

    found = user_client.get(
        reverse("plans:pick"), {"plan": plan.pk, "source": "organizations", "q": "my quy"}
    )
    assert [item["value"] for item in found.json()["results"]] == [str(far.pk)]
    assert found.json()["results"][0]["label"].endswith("› TH Mỹ Quý")

    # A part with no rows is loaded when opened (or by its "Thêm dòng").
    data = form_data(user_client.get(edit_url(plan), {"open": "activities"}))
    data.update(
        {
            "activities-0-content": ["Dự giờ"],
            "activities-0-quarter": ["1"],
            "activities-0-lead_organizations": [str(far.pk)],
        }
    )
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Activity.objects.get(plan=plan).lead_organizations.all()) == [far]
    # Shown again on the editor, ticked, though it is no suggestion.
    page = user_client.get(edit_url(plan)).content.decode()
    assert f'name="activities-0-lead_organizations" value="{far.pk}" checked>' in page


def test_without_javascript_a_picker_searches_by_a_button_and_nothing_is_saved(user_client, plan, district):
    far = OrganizationFactory(name="Trường Tiểu học Mỹ Quý", short_name="TH Mỹ Quý", parent=district)
    data = form_data(user_client.get(edit_url(plan), {"open": "activities"}))
    data.update(
        {
            "subject": ["Trích yếu đang gõ"],
            "activities-0-lead_organizations__q": ["mỹ quý"],
            "pick": ["activities-0-lead_organizations"],
        }
    )
    response = user_client.post(edit_url(plan), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kết quả tìm “mỹ quý”" in page
    assert f'value="{far.pk}"' in page
    assert "Trích yếu đang gõ" in page
    plan.refresh_from_db()
    assert plan.subject != "Trích yếu đang gõ"


def test_a_picker_search_shows_only_plans_the_user_may_see(client, user, plan, province):
    other = OrganizationFactory(name="UBND tỉnh Bến Tre", short_name="UBND tỉnh Bến Tre")
    PlanFactory(organization=other, subject="Kế hoạch bí mật của tỉnh khác", status=PlanStatus.ISSUED)
    client.force_login(user)
    found = client.get(reverse("plans:pick"), {"plan": plan.pk, "source": "plans", "q": "bi mat"})
    assert found.json() == {"results": []}


def test_the_preview_prints_the_unsaved_form_and_saves_nothing(user_client, plan):
    Activity.objects.create(plan=plan, order=1, content="Mở lớp", period_kind=PeriodKind.QUARTER, quarter=2)
    saved = user_client.get(preview_url(plan))
    assert saved.status_code == 200
    assert plan.subject in saved.content.decode()
    version = Plan.objects.get(pk=plan.pk).version

    data = form_data(user_client.get(edit_url(plan)))
    data["subject"] = ["Tập huấn kỹ năng soạn thảo văn bản năm 2024"]
    response = user_client.post(preview_url(plan), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tập huấn kỹ năng soạn thảo văn bản năm 2024" in page
    assert 'class="nd30' in page  # the printed page, by the document's template
    stored = Plan.objects.get(pk=plan.pk)
    assert (stored.subject, stored.version) == (plan.subject, version)
    assert not stored.audit_entries.filter(note__contains="soạn thảo").exists()


def test_the_preview_of_a_form_with_errors_says_so_and_keeps_the_last_page(user_client, plan):
    data = form_data(user_client.get(edit_url(plan)))
    data["date_day"], data["date_month"] = ["31"], ["2"]
    response = user_client.post(preview_url(plan), data)
    assert response.status_code == 422
    assert "chưa cập nhật" in response.content.decode()


def test_the_preview_may_be_framed_by_the_app_only(user_client, plan):
    response = user_client.get(preview_url(plan))
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


def test_every_plan_field_and_every_part_has_its_place_on_the_edit_page(user_client, plan):
    from plans.parts import PART_NAMES, PLAN_FIELDS

    page = user_client.get(edit_url(plan)).content.decode()
    # "Kính gửi" is offered on the types that print it (tests/emulation/test_review_papers.py).
    for name in (name for name in PLAN_FIELDS if name != "addressee"):
        field = "issuer" if name in ("organization", "cluster") else name
        assert f'name="{field}"' in page, field
    for name in PART_NAMES:
        assert f'data-part-details="{name}"' in page, name
        assert f'data-part-count="{name}"' in page, name


def many_activities(plan, count: int) -> None:
    for order in range(1, count + 1):
        Activity.objects.create(
            plan=plan, order=order, content=f"Hoạt động {order}", period_kind=PeriodKind.QUARTER, quarter=1
        )


def test_a_long_part_is_loaded_when_opened_and_its_rows_are_kept_on_save(user_client, plan):
    many_activities(plan, 30)
    page = user_client.get(edit_url(plan)).content.decode()
    assert "Hoạt động 30" not in page  # not rendered until the drafter opens it
    assert 'data-part-count="activities"' in page
    assert ">30<" in page

    part = user_client.get(edit_url(plan), {"part": "activities"}).content.decode()
    assert part.count('data-part="activities"') == 30 + 1 + 1  # rows, blank row, template
    assert "Hoạt động 30" in part
    assert "<html" not in part

    data = form_data(user_client.get(edit_url(plan)))
    assert "activities" in data["unloaded"]
    data["subject"] = ["Trích yếu mới"]
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Plan.objects.get(pk=plan.pk).subject == "Trích yếu mới"
    assert Activity.objects.filter(plan=plan).count() == 30

    # Without JavaScript, a link opens it on the page.
    opened = user_client.get(edit_url(plan), {"open": "activities"}).content.decode()
    assert "Hoạt động 30" in opened


def test_a_folded_part_with_no_rows_is_loaded_when_opened_and_adds_a_row_without_javascript(
    user_client, plan
):
    page = user_client.get(edit_url(plan)).content.decode()
    assert 'name="waves-TOTAL_FORMS"' not in page  # no row, folded: not rendered until opened
    assert 'data-lazy-part="waves"' in page

    data = form_data(user_client.get(edit_url(plan)))
    assert "waves" in data["unloaded"]
    data.update({"subject": ["Trích yếu đang gõ"], "add_row": ["waves"]})
    response = user_client.post(edit_url(plan), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="waves-0-name"' in page  # its blank row, ready to type in
    assert "Trích yếu đang gõ" in page  # nothing typed is lost
    plan.refresh_from_db()
    assert plan.subject != "Trích yếu đang gõ"

    data = form_data(response)
    data["waves-0-name"] = ["Đợt 1"]
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(plan.waves.values_list("name", flat=True)) == ["Đợt 1"]


def more_clusters(province, count: int, tag: str) -> None:
    names = [f"Cụm {tag} {index}" for index in range(count)]
    Cluster.objects.bulk_create(  # save() is skipped: the search column is filled the same way here
        [Cluster(name=name, short_name=name, organization=province, search_text=fold(name)) for name in names]
    )


def test_a_superusers_edit_page_of_30_activities_costs_the_same_with_hundreds_more_bodies_plans_clusters(
    client, admin_user, plan, province, district, django_assert_max_num_queries
):
    """The superuser may draft for any body or cluster: the page still lists only suggestions."""
    many_activities(plan, 30)
    fill_every_part(plan, district, 3)
    more_bodies_and_plans(province, district, SUGGESTION_LIMIT, "a")
    more_clusters(province, SUGGESTION_LIMIT, "a")  # every list of suggestions is full
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as before:
        page = client.get(edit_url(plan)).content.decode()

    more_bodies_and_plans(province, district, 400, "b")
    more_clusters(province, 400, "b")
    with django_assert_max_num_queries(len(before)):
        response = client.get(edit_url(plan))
    grown = response.content.decode()
    assert grown.count("<option") == page.count("<option")
    assert grown.count('type="checkbox"') == page.count('type="checkbox"')
    assert len(grown) <= len(page) * 1.01  # longer keys only

    # A cluster beyond the suggestions is found by a search, and taken as the issuer.
    far = Cluster.objects.get(name="Cụm b 399")
    found = client.get(reverse("plans:pick"), {"plan": plan.pk, "source": "issuers", "q": "cum b 399"})
    assert [item["value"] for item in found.json()["results"]] == [f"c{far.pk}"]
    other = PlanFactory(organization=district)
    data = form_data(client.get(edit_url(other)))
    data["issuer"] = [f"c{far.pk}"]
    response = client.post(edit_url(other), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Plan.objects.get(pk=other.pk).cluster == far


def test_a_unit_picker_offers_the_clusters_members_first_and_a_short_list_without_javascript(
    client, admin_user, plan, province, district, cluster
):
    from clusters.models import ClusterMembership
    from plans.forms.catalog import UNIT_SUGGESTIONS

    more_bodies_and_plans(province, district, SUGGESTION_LIMIT, "a")
    member = OrganizationFactory(name="UBND xã Zê Ta", short_name="Xã Zê Ta", parent=province)
    ClusterMembership.objects.create(cluster=cluster, organization=member, year=plan.year)
    Plan.objects.filter(pk=plan.pk).update(cluster=cluster, organization=None)
    client.force_login(admin_user)
    page = client.get(edit_url(plan), {"open": "duties"}).content.decode()
    picker = page.split('data-name="duties-0-organizations"')[1].split("</div></div>")[0]
    boxes = picker.split('type="checkbox"')[1:]
    assert len(boxes) == UNIT_SUGGESTIONS
    assert f'value="{member.pk}"' in boxes[0]  # the member first, though last by name
    assert '<label for="id_duties-0-organizations">' in page
    assert 'id="id_duties-0-organizations"' in picker  # the label names the search field


def test_the_blank_rows_come_after_the_page_and_each_part_has_one(user_client, plan):
    page = user_client.get(edit_url(plan)).content.decode()
    assert "__prefix__" not in page  # not in the page itself
    assert f'data-empty-rows-url="{edit_url(plan)}?empty_rows=1"' in page

    rows = user_client.get(edit_url(plan), {"empty_rows": "1"}).content.decode()
    assert "<html" not in rows
    for name in ("legal_bases", "sections", "activities", "groups", "duties", "recipients"):
        assert f'<template data-empty-row-for="{name}">' in rows
        assert f'id="row-{name}-__prefix__"' in rows
