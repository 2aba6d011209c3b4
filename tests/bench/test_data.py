"""The benches' data (bench/data.py): the plans it copies in SQL are plans as the ORM saves them,
numbered, found by the search, and the database takes new plans after the load."""

import importlib.util
from pathlib import Path

import pytest
from django.db import connection

from common.text import fold
from plans.management.demo.loader import load_demo
from plans.models import Plan
from plans.search_index import search_words

_spec = importlib.util.spec_from_file_location(
    "bench_data", Path(__file__).resolve().parents[2] / "bench" / "data.py"
)
data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(data)


@pytest.fixture
def built(monkeypatch, migration_data):
    """The demo and 200 generated plans, 50 built with the ORM and 150 copied from them."""
    monkeypatch.setattr(data, "BASE", 50, raising=False)
    monkeypatch.setattr(data, "bench_ids", dict)  # so few plans may leave the demo commune none issued
    load_demo()
    demo = set(Plan.objects.values_list("pk", flat=True))
    data.fill(200, communes=12)
    return Plan.objects.exclude(pk__in=demo).exclude(subject=data.EDITABLE_SUBJECT).order_by("pk")


# One build for every check: a build (the demo, then an SQL load in a real transaction) takes most
# of a minute.
def test_copied_plans_are_plans_as_save_makes_them_and_the_database_takes_new_ones_after(built):
    plans = list(built.select_related("organization", "cluster"))
    assert len(plans) == 200
    for plan in plans:
        assert plan.search_text == fold(" ".join(part for part in plan.search_parts() if part)), plan.pk
    copies = plans[50:]
    issued = [plan for plan in copies if plan.number]
    assert issued, "copies are issued and numbered too"
    assert len({plan.number for plan in issued}) == len(issued)
    for plan in issued[:5]:
        found = search_words(Plan.objects.all(), [fold(plan.full_symbol)])
        assert list(found.values_list("pk", flat=True)) == [plan.pk]
    # The search index (FTS5 on SQLite) holds every plan, copies included.
    assert search_words(Plan.objects.all(), ["tap huan"]).count() == (
        Plan.objects.filter(search_text__contains="tap huan").count()
    )

    # The indexes dropped for the load are back, and a plan saved after it gets a fresh id and
    # is found.
    with connection.cursor() as cursor:
        present = set(connection.introspection.get_constraints(cursor, Plan._meta.db_table))
    assert {index.name for index in Plan._meta.indexes} <= present
    last = plans[-1]
    made = Plan.objects.create(
        organization=last.organization, kind="annual", year=2025, subject="Kế hoạch xyzzy", date_year=2025
    )
    assert made.pk > last.pk
    assert list(search_words(Plan.objects.all(), ["xyzzy"])) == [made]
