"""The lock and a score written at the same moment, on PostgreSQL (SQLite runs one writer at a time,
so the race cannot happen there; the lock's other tests run on both)."""

import threading

import pytest
from django.db import connection, transaction

from common.errors import ServiceError
from emulation import scoring
from emulation.choices import ScoreSide
from emulation.models.scores import Score
from plans.policy.scoring import LOCKED_MESSAGE


@pytest.mark.django_db(transaction=True)
def test_a_score_sent_while_the_meeting_closes_waits_for_the_lock_then_is_refused(world, table):
    if connection.vendor != "postgresql":
        pytest.skip("a race of two writers needs PostgreSQL")
    locked, release = threading.Event(), threading.Event()
    outcome = {}

    def close_meeting():
        try:
            with transaction.atomic():
                scoring.lock_table(actor=world.users["approver"], table=table.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    def score_late():
        try:
            scoring.score_set(
                actor=world.users["approver"],
                table=table.pk,
                unit_id=world.own.pk,
                criterion=table.named["qualitative"].pk,
                side=ScoreSide.SELF,
                points="9",
            )
            outcome["saved"] = True
        except ServiceError as error:
            outcome["refused"] = error.message
        finally:
            connection.close()

    meeting = threading.Thread(target=close_meeting)
    meeting.start()
    assert locked.wait(10)
    late = threading.Thread(target=score_late)
    late.start()
    late.join(0.5)
    assert late.is_alive()  # waiting on the table's row, not reading a stale "open" table
    release.set()
    meeting.join(10)
    late.join(10)
    assert outcome == {"refused": LOCKED_MESSAGE}
    assert not Score.objects.exists()
