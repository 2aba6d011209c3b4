"""Every admin page opens for the administrator, and admin search ignores diacritics."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from activities.models import (
    Activity,
    ActivityEvidence,
    ActivityWave,
    ParticipantBreakdown,
    ParticipantGroup,
    PersonalDataAccess,
    Registration,
    Session,
)
from clusters.models import Succession
from plans.models import (
    AuditEntry,
    BudgetContribution,
    BudgetExpense,
    BudgetLine,
    ConsultationResponse,
    DeadlineReminder,
    Duty,
    IssuedDocument,
    LegalBasis,
    Notification,
    NumberingRegister,
    Plan,
    Recipient,
    RegisterEntry,
    Section,
)

pytestmark = pytest.mark.django_db

MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in ("clusters", "plans", "activities")
)


@pytest.fixture
def admin_client_with_demo(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def model_of(app_label, model_name):
    return next(
        m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )


# Rows the admin shows but never writes: those the services write, and plans with their parts, which
# are edited in the app's editor where every rule is checked and each change is logged.
READ_ONLY = (
    Succession,  # written by the reorganise action, which closes and links bodies together
    Plan,
    AuditEntry,
    IssuedDocument,
    NumberingRegister,
    RegisterEntry,
    ConsultationResponse,
    Notification,
    DeadlineReminder,
    LegalBasis,
    Section,
    Duty,
    Recipient,
    BudgetLine,
    BudgetContribution,
    Activity,
    ActivityWave,
    Session,
    ParticipantGroup,
    ParticipantBreakdown,
    ActivityEvidence,
    PersonalDataAccess,
    BudgetExpense,
    Registration,
)


@pytest.mark.parametrize(("app_label", "model_name"), MODELS)
def test_changelist_add_and_change_pages_open(admin_client_with_demo, app_label, model_name):
    client = admin_client_with_demo
    model = model_of(app_label, model_name)
    assert client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200
    may_add = model not in READ_ONLY
    assert client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == (200 if may_add else 403)
    obj = model.objects.order_by("pk").first()
    if obj is not None:
        response = client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]))
        assert response.status_code == 200
        if not may_add:  # shown to read, with nothing to save
            assert response.context["has_change_permission"] is False


def test_every_domain_model_has_an_admin():
    from django.apps import apps

    registered = {model for model in admin.site._registry}
    missing = [
        model.__name__
        for app in ("clusters", "plans", "activities")
        for model in apps.get_app_config(app).get_models()
        if model not in registered and not model._meta.auto_created
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        (
            "admin:plans_plan_changelist",
            "tap huan",
            "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024",
        ),
        (
            "admin:plans_plan_changelist",
            "TẬP HUẤN",
            "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024",
        ),
        ("admin:clusters_organization_changelist", "so giao duc", "Sở Giáo dục và Đào tạo tỉnh Lào Cai"),
        ("admin:clusters_cluster_changelist", "cum thi dua 2", "Cụm thi đua 2"),
        (
            "admin:activities_activity_changelist",
            "so ket 6 thang",
            "Sơ kết công tác TĐKT 6 tháng đầu năm 2024",
        ),
    ],
)
def test_admin_search_finds_vietnamese_typed_with_or_without_diacritics(
    admin_client_with_demo, url, query, expected
):
    response = admin_client_with_demo.get(reverse(url), {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_admin_search_with_no_match_says_so(admin_client_with_demo):
    response = admin_client_with_demo.get(
        reverse("admin:plans_plan_changelist"), {"q": "khong co ke hoach nay"}
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_admin_shows_a_registrations_personal_data_masked(admin_client_with_demo):
    from plans.models import Plan

    plan = Plan.objects.order_by("pk").first()
    person = Registration.objects.create(
        plan=plan,
        organization=plan.organization or plan.cluster.organization,
        full_name="Nguyễn Thị Lan",
        citizen_id="001234567890",
        phone="0912345678",
    )
    for url in (
        reverse("admin:activities_registration_changelist"),
        reverse("admin:activities_registration_change", args=[person.pk]),
    ):
        page = admin_client_with_demo.get(url).content.decode()
        assert "********7890" in page
        assert "001234567890" not in page
        assert "0912345678" not in page
