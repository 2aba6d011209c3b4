"""The plan and its parts: each database constraint rejects a bad row; derived values are right."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section

pytestmark = pytest.mark.django_db


def assert_rejected(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_plan_has_exactly_one_issuer(plan, cluster):
    plan.cluster = cluster
    assert_rejected(plan.save)
    plan.cluster = plan.organization = None
    assert_rejected(plan.save)


@pytest.mark.parametrize(
    "changes",
    [
        {"year": 1900},
        {"date_year": 2200},
        {"date_month": 13},
        {"date_month": 0},
        {"date_day": 32},
        {"date_day": 5, "date_month": None},
        {"number": 0, "date_day": 5},
        {"number": 5},  # numbered without a full date
        {"kind": "unknown"},
        {"status": "lost"},
        {"signer_authority": "XX."},
    ],
)
def test_the_database_refuses_impossible_plan_values(plan, changes):
    for field, value in changes.items():
        setattr(plan, field, value)
    assert_rejected(plan.save)


def test_a_number_is_unique_per_issuer_symbol_and_year(plan):
    plan.number, plan.date_day = 5, 10
    plan.save()
    twin = Plan.objects.get(pk=plan.pk)
    twin.pk = None
    assert_rejected(twin.save)
    twin.date_year = 2025  # the series restarts every calendar year
    twin.save()
    assert twin.pk


def test_cluster_plans_are_numbered_in_the_clusters_own_series(plan, cluster):
    plan.number, plan.date_day = 5, 10
    plan.save()
    cluster_plan = Plan.objects.create(
        cluster=cluster,
        kind="annual",
        year=2024,
        subject="Kế hoạch của cụm",
        date_year=2024,
        date_month=3,
        date_day=10,
        number=5,
        symbol=plan.effective_symbol,
    )
    assert cluster_plan.number == plan.number
    copy = Plan.objects.get(pk=cluster_plan.pk)
    copy.pk = None
    assert_rejected(copy.save)


def test_drafts_may_leave_number_and_day_blank(plan):
    assert plan.number is None
    assert plan.document_date is None
    assert plan.full_symbol == "…/KH-UBND"


def test_symbol_is_derived_from_the_issuer_and_can_be_overridden(plan, cluster):
    assert plan.effective_symbol == "KH-UBND"
    plan.symbol = "KH-HĐTĐKT"
    assert plan.effective_symbol == "KH-HĐTĐKT"
    cluster_plan = Plan(cluster=cluster, kind="annual", year=2024, subject="x", date_year=2024)
    assert cluster_plan.effective_symbol == "KH-CTĐ"


def test_place_comes_from_the_issuer_or_from_the_cluster_head_of_the_plans_year(plan, cluster, district):
    from clusters.models import ClusterMembership

    assert plan.effective_place_name == "Tháp Mười"
    ClusterMembership.objects.create(cluster=cluster, organization=district, year=2024, role="head")
    cluster_plan = Plan(cluster=cluster, kind="annual", year=2024, subject="x", date_year=2024)
    assert cluster_plan.effective_place_name == "Tháp Mười"


def test_an_impossible_date_is_reported_next_to_the_day(plan):
    plan.date_month, plan.date_day = 2, 30
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert error.value.message_dict["date_day"] == ["Tháng 2/2024 không có ngày 30."]


def test_an_absurd_day_is_reported_not_crashed_on(plan):
    plan.date_month, plan.date_day = 2, 10**20
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "date_day" in error.value.message_dict


def test_an_upper_case_subject_is_accepted_as_several_provinces_publish_it(plan):
    plan.subject = "KẾ HOẠCH TẬP HUẤN NĂM 2024"
    plan.full_clean()  # the format check recommends sentence case; it never blocks the save


@pytest.mark.parametrize("model", [LegalBasis, Duty, Recipient])
def test_order_is_unique_within_a_plan(plan, model):
    values = {
        LegalBasis: {"text": "Luật Thi đua, khen thưởng"},
        Duty: {"body": "x"},
        Recipient: {"text": "x"},
    }
    model.objects.create(plan=plan, order=1, **values[model])
    assert_rejected(lambda: model.objects.create(plan=plan, order=1, **values[model]))


def test_section_order_is_unique_among_siblings(plan):
    top = Section.objects.create(plan=plan, order=1, heading="Mục đích, yêu cầu")
    Section.objects.create(plan=plan, parent=top, order=1, heading="Mục đích")
    Section.objects.create(plan=plan, order=2, heading="Nội dung")  # same order as a child is fine
    assert_rejected(lambda: Section.objects.create(plan=plan, order=1, heading="Trùng"))
    assert_rejected(lambda: Section.objects.create(plan=plan, parent=top, order=1, heading="Trùng"))


def test_empty_rows_are_refused(plan):
    assert_rejected(lambda: LegalBasis.objects.create(plan=plan, order=1, text=""))
    assert_rejected(lambda: Duty.objects.create(plan=plan, order=1))
    assert_rejected(lambda: Recipient.objects.create(plan=plan, order=1, text=""))


def test_a_legal_basis_may_point_at_another_plan_instead_of_text(plan, district):
    higher = Plan.objects.create(
        organization=district,
        kind="annual",
        year=2024,
        subject="Công tác thi đua, khen thưởng năm 2024",
        date_year=2024,
        date_month=1,
        date_day=9,
        number=3,
        status="issued",
    )
    basis = LegalBasis.objects.create(plan=plan, order=1, referenced_plan=higher)
    assert list(higher.implemented_by.all()) == [basis]


def test_money_and_quantities_cannot_be_negative(plan, district):
    assert_rejected(
        lambda: BudgetLine.objects.create(plan=plan, order=1, item="Thuê xe", unit_price=Decimal(-1))
    )
    assert_rejected(
        lambda: BudgetLine.objects.create(plan=plan, order=2, item="Ăn", quantity=Decimal(-2), unit_price=1)
    )
    assert_rejected(lambda: BudgetContribution.objects.create(plan=plan, organization=district, amount=-5))


def test_a_cost_line_amount_is_quantity_times_unit_price_in_whole_dong(plan):
    line = BudgetLine.objects.create(
        plan=plan,
        order=1,
        item="Thuê xe 45 chỗ",
        quantity=Decimal("2.5"),
        unit="ngày",
        unit_price=Decimal(500001),
    )
    assert line.amount == Decimal(1250002)


def test_a_unit_contributes_once_per_plan(plan, district):
    BudgetContribution.objects.create(plan=plan, organization=district, amount=Decimal(5000000))
    assert_rejected(lambda: BudgetContribution.objects.create(plan=plan, organization=district, amount=1))
