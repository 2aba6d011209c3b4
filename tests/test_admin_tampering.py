"""Tampered input on the admin's pages gets a message beside the field, never a server error."""

import pytest
from django.contrib import admin
from django.urls import reverse

from clusters.models import Cluster

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["\x00", "abc", "-1", "9" * 30, "1; DROP TABLE", "１２"])
def test_a_tampered_related_field_is_refused_with_a_message(admin_client, world, value):
    cluster = Cluster.objects.get(pk=world.cluster.pk)
    url = reverse("admin:clusters_cluster_change", args=[cluster.pk])
    data = {
        "name": cluster.name,
        "short_name": cluster.short_name,
        "kind": cluster.kind,
        "organization": value,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organization"]
    cluster.refresh_from_db()
    assert cluster.organization_id == world.cluster.organization_id


WRITABLE = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in ("clusters", "plans", "activities", "staffing", "common")
)


@pytest.mark.parametrize(("app_label", "model_name"), WRITABLE)
@pytest.mark.parametrize("garbage", ["\x00", "x" * 5000, "-1", "2024-02-30"])
def test_every_admin_add_page_answers_garbage_in_every_field_without_a_server_error(
    admin_client, world, app_label, model_name, garbage
):
    url = reverse(f"admin:{app_label}_{model_name}_add")
    page = admin_client.get(url)
    if page.status_code == 403:  # read-only in the admin: nothing to post
        assert admin_client.post(url, {}).status_code == 403
        return
    form = page.context["adminform"].form
    data = {name: garbage for name in form.fields}
    response = admin_client.post(url, data)
    assert response.status_code == 200  # shown again with its messages, nothing saved
    assert response.context["adminform"].form.errors
