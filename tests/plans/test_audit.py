"""The change log: every write of a plan is recorded with who, when, before and after; it is append-only."""

import pytest
from django.db import DatabaseError, connection, transaction

from common.errors import ServiceError
from plans import services
from plans.choices import AuditAction
from plans.models import AuditEntry, AuditLogIsAppendOnly
from plans.parts import PLAN_FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def created(user, district):
    return services.plan_create(
        user=user,
        fields={
            "organization": district,
            "kind": "training",
            "year": 2025,
            "subject": "Tập huấn nghiệp vụ năm 2025",
            "date_year": 2025,
            "date_month": 3,
        },
    )


def test_creating_a_plan_records_who_created_it_and_what_it_held(created, user):
    (entry,) = AuditEntry.objects.filter(plan=created)
    assert (entry.action, entry.actor) == (AuditAction.CREATED, user)
    assert entry.snapshot["plan"]["subject"] == "Tập huấn nghiệp vụ năm 2025"


def test_an_update_records_only_what_changed_with_before_and_after(created, user):
    fields = {name: getattr(created, name) for name in PLAN_FIELDS}
    services.plan_update(plan=created, user=user, fields={**fields, "subject": "Tập huấn năm 2025 (sửa)"})
    entry = AuditEntry.objects.filter(plan=created).last()
    assert entry.action == AuditAction.UPDATED
    assert entry.changes == {
        "plan.subject": {"before": "Tập huấn nghiệp vụ năm 2025", "after": "Tập huấn năm 2025 (sửa)"}
    }


def test_a_refused_update_leaves_no_entry(created, user):
    fields = {name: getattr(created, name) for name in PLAN_FIELDS}
    with pytest.raises(ServiceError):
        services.plan_update(plan=created, user=user, fields={**fields, "subject": ""})
    assert AuditEntry.objects.filter(plan=created).count() == 1


def test_a_copy_records_where_it_came_from(created, user):
    copy = services.plan_copy(plan=created, user=user, to_next_year=True)
    (entry,) = AuditEntry.objects.filter(plan=copy)
    assert entry.action == AuditAction.COPIED
    assert f"#{created.pk}" in entry.note


def test_the_model_refuses_to_change_or_remove_an_entry(created):
    entry = AuditEntry.objects.get(plan=created)
    entry.note = "sửa lịch sử"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(plan=created).update(note="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(plan=created).delete()


def test_the_database_refuses_to_rewrite_an_entry_even_in_raw_sql(created):
    entry = AuditEntry.objects.get(plan=created)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_auditentry SET note = 'x' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_postgresql_refuses_to_delete_an_entry_even_in_raw_sql(created):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE for the test runner's flush; the model refuses it")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM plans_auditentry WHERE plan_id = %s", [created.pk])
    assert AuditEntry.objects.filter(plan=created).count() == 1


def test_the_plan_page_shows_the_history_with_what_changed(created, user, client):
    fields = {name: getattr(created, name) for name in PLAN_FIELDS}
    services.plan_update(plan=created, user=user, fields={**fields, "subject": "Tập huấn năm 2025 (sửa)"})
    client.force_login(user)
    from django.urls import reverse

    response = client.get(reverse("plans:detail", args=[created.pk]))
    history = response.context["history"]
    assert [(entry.action, labels) for entry, labels in history] == [
        (AuditAction.UPDATED, ["trích yếu"]),
        (AuditAction.CREATED, []),
    ]
    assert "Sửa kế hoạch" in response.content.decode()
