"""No lost updates, and every version of a plan kept and comparable."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services, workflow
from plans.models import AuditEntry, Plan
from plans.parts import PLAN_FIELDS
from tests.plans.test_editing_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(world):
    return world.users["drafter"]


def fields_of(plan, **changed):
    return {**{name: getattr(plan, name) for name in PLAN_FIELDS}, **changed}


def test_a_save_made_on_an_outdated_version_is_refused_and_says_who_changed_what(world, drafter):
    plan = world.own_plan
    opened_on = plan.version
    services.plan_update(plan=plan, user=drafter, fields=fields_of(plan, subject="Bản của người thứ nhất"))
    stale = Plan.objects.get(pk=plan.pk)
    with pytest.raises(services.StalePlanError) as refused:
        services.plan_update(
            plan=stale,
            user=world.users["admin"],
            fields=fields_of(stale, subject="Bản của người thứ hai"),
            expected_version=opened_on,
        )
    (entry,) = refused.value.entries
    assert (entry.actor, entry.changes["plan.subject"]["after"]) == (drafter, "Bản của người thứ nhất")
    assert refused.value.current_version == opened_on + 1
    assert Plan.objects.get(pk=plan.pk).subject == "Bản của người thứ nhất"


def test_in_the_browser_a_stale_save_keeps_what_was_typed_and_a_second_save_goes_through(
    world, drafter, client
):
    plan = world.own_plan
    client.force_login(drafter)
    data = form_data(client.get(reverse("plans:edit", args=[plan.pk])))
    assert data["version"] == [str(plan.version)]
    # Meanwhile a colleague saves the plan.
    services.plan_update(
        plan=plan, user=world.users["admin"], fields=fields_of(plan, signer_name="Trần Thị B")
    )

    data["subject"] = ["Tập huấn nghiệp vụ (bản tôi đang sửa)"]
    response = client.post(reverse("plans:edit", args=[plan.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "đã được lưu bởi người khác" in page
    assert "Trần Thị B" in page  # what the colleague changed, before and after
    assert "Tập huấn nghiệp vụ (bản tôi đang sửa)" in page  # nothing typed is lost
    assert Plan.objects.get(pk=plan.pk).subject == "Tập huấn nghiệp vụ thi đua, khen thưởng"

    resubmitted = form_data(response)
    assert resubmitted["version"] == [str(Plan.objects.get(pk=plan.pk).version)]
    assert client.post(reverse("plans:edit", args=[plan.pk]), resubmitted).status_code == 302
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.subject, saved.signer_name) == ("Tập huấn nghiệp vụ (bản tôi đang sửa)", "Nguyễn Văn A")


@pytest.mark.parametrize("version", [None, "", "không phải số"])
def test_a_save_without_the_version_it_was_opened_on_is_refused_and_keeps_the_input(
    world, drafter, client, version
):
    """Without the version, a save over someone else's newer save would go through unseen."""
    plan = world.own_plan
    client.force_login(drafter)
    data = form_data(client.get(reverse("plans:edit", args=[plan.pk])))
    if version is None:
        del data["version"]
    else:
        data["version"] = [version]
    data["subject"] = ["Tập huấn nghiệp vụ năm 2024 (bản tôi đang sửa)"]
    response = client.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không rõ trang này được mở từ phiên bản nào" in page
    assert "Tập huấn nghiệp vụ năm 2024 (bản tôi đang sửa)" in page
    assert Plan.objects.get(pk=plan.pk).subject == plan.subject


def test_the_history_page_compares_two_versions_in_words(world, drafter, client):
    plan = world.own_plan
    services.plan_update(plan=plan, user=drafter, fields=fields_of(plan, subject="Tập huấn lần 1"))
    services.plan_update(plan=plan, user=drafter, fields=fields_of(plan, subject="Tập huấn lần 2"))
    workflow.plan_submit(plan=plan, user=drafter)
    first, _second, submitted = AuditEntry.objects.filter(plan=plan).order_by("pk")
    client.force_login(world.users["approver"])
    page = client.get(reverse("plans:history", args=[plan.pk]), {"from": first.pk, "to": submitted.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tập huấn lần 1" in html
    assert "Tập huấn lần 2" in html
    assert "Chờ phê duyệt" in html
    assert "Dự thảo" in html
    # Garbage in the query string shows the latest change, never an error.
    assert (
        client.get(reverse("plans:history", args=[plan.pk]), {"from": "x", "to": "9" * 30}).status_code == 200
    )


@pytest.mark.parametrize("step", ["draft", "submitted"])
def test_the_admin_is_no_side_door_into_a_plan(world, client, step):
    plan = world.own_plan
    if step == "submitted":
        plan = workflow.plan_submit(plan=plan, user=world.users["drafter"])
    client.force_login(world.users["admin"])
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert 'name="subject"' not in page.content.decode()  # shown, not offered for editing
    assert plan.get_absolute_url() in page.content.decode()  # "Xem trên trang" opens the app
    assert client.post(url, {"subject": "Tập huấn (sửa trên trang quản trị)"}).status_code == 403
    assert Plan.objects.get(pk=plan.pk).subject == plan.subject
    assert Plan.objects.get(pk=plan.pk).version == plan.version


def test_the_history_page_reads_as_many_rows_for_twelve_changes_as_for_two(world, drafter, client):
    plan = world.own_plan
    client.force_login(drafter)
    url = reverse("plans:history", args=[plan.pk])

    def change(times):
        for n in range(times):
            current = Plan.objects.get(pk=plan.pk)
            payer = world.member if n % 2 == 0 else world.other
            services.plan_update(plan=current, user=drafter, fields=fields_of(current, budget_payer=payer))

    change(2)
    cache.clear()  # both pages read the user's rights (else the second reads them from the cache)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    change(10)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
