"""A migration that adds an index keeps SQLite's planner statistics whole where ANALYZE left them."""

import pytest
from django.db import connection

from common.sqlite.statistics import analyse_again

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its own statistics"),
]


class Editor:
    connection = connection


def analysed_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return set()
        cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'plans_plan'")
        return {row[0] for row in cursor.fetchall()}


def test_an_index_added_to_an_analysed_table_gets_its_statistics(demo):
    with connection.cursor() as cursor:
        cursor.execute('ANALYZE "plans_plan"')
        cursor.execute("CREATE INDEX plans_plan_test_idx ON plans_plan (year, status)")
    assert "plans_plan_test_idx" not in analysed_indexes()
    analyse_again("plans_plan")(None, Editor())
    assert "plans_plan_test_idx" in analysed_indexes()


def test_a_table_never_analysed_stays_so(demo):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")
    analyse_again("plans_plan")(None, Editor())
    assert analysed_indexes() == set()
