"""The numbering register: consecutive numbers from 01 per issuer, series and year, even under load."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from plans.models import NumberingRegister, Plan
from plans.numbering import allocate_number

ISSUE_DAY = datetime.date(2025, 3, 5)


def test_numbers_run_from_1_per_issuer_and_restart_each_year(db, district, cluster):
    assert [allocate_number(issuer=district, year=2025) for _ in range(3)] == [1, 2, 3]
    assert allocate_number(issuer=cluster, year=2025) == 1
    assert allocate_number(issuer=district, year=2026) == 1
    assert allocate_number(issuer=district, year=2025) == 4


def test_an_issuer_may_keep_one_series_per_document_type(db, district):
    allocate_number(issuer=district, year=2025, document_type="QĐ")
    assert allocate_number(issuer=district, year=2025) == 2  # one shared series by default
    district.numbering_per_type = True
    assert allocate_number(issuer=district, year=2025) == 1
    assert allocate_number(issuer=district, year=2025, document_type="QĐ") == 1


def issue_then_fail(district):
    with transaction.atomic():
        allocate_number(issuer=district, year=2025)
        raise RuntimeError("the issue failed after the number was taken")


def test_a_number_given_inside_a_transaction_that_fails_is_given_again(db, district):
    with pytest.raises(RuntimeError):
        issue_then_fail(district)
    assert allocate_number(issuer=district, year=2025) == 1


def number_plan(plan_id: int, issuer) -> int:
    """What issuing does to the number: allocate and store it in one transaction."""
    try:
        with transaction.atomic():
            number = allocate_number(issuer=issuer, year=ISSUE_DAY.year)
            Plan.objects.filter(pk=plan_id).update(
                number=number, date_day=ISSUE_DAY.day, date_month=ISSUE_DAY.month, date_year=ISSUE_DAY.year
            )
        return number
    finally:
        connection.close()  # each worker thread has its own connection


@pytest.mark.django_db(transaction=True)
def test_200_plans_numbered_from_8_threads_get_200_distinct_consecutive_numbers(district):
    plans = Plan.objects.bulk_create(
        Plan(organization=district, kind="other", year=2025, subject=f"Kế hoạch {n}", date_year=2025)
        for n in range(200)
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(lambda plan: number_plan(plan.pk, district), plans))
    assert sorted(numbers) == list(range(1, 201))
    assert sorted(Plan.objects.values_list("number", flat=True)) == list(range(1, 201))
    assert NumberingRegister.objects.get(organization=district, year=2025).last_number == 200
