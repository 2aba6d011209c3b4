"""The scoring sheet and the criterion form, fed generated hostile input: never a server error,
never a score outside its maximum, and what was typed is on the page again when it is refused."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from emulation.models.criteria import Criterion
from emulation.models.scores import Score
from tests.emulation.conftest import table  # noqa: F401 - the cluster's issued criteria table
from tests.fuzz.strategies import hostile_text

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

NUMBERS = st.one_of(
    hostile_text, st.decimals(allow_nan=True, allow_infinity=True).map(str), st.floats().map(str)
)


def test_scoring_sheet(client, world, table):  # noqa: F811
    client.force_login(world.users["approver"])
    url = reverse("emulation:scorecard", args=[table.pk, world.own.pk])

    @given(
        name=st.sampled_from(["qualitative", "quantitative", "occurrence", "penalty"]),
        values=st.fixed_dictionaries({"points": NUMBERS, "result": NUMBERS, "note": hostile_text}),
    )
    def check(name, values):
        criterion = table.named[name]
        response = client.post(url, {"criterion": criterion.pk, "side": "self", **values})
        assert response.status_code in (302, 400)
        for score in Score.objects.all():
            assert 0 <= score.points <= score.max_points
        if response.status_code == 400:
            failed = response.context["lines"]
            form = next(line.self_form for line in failed if line.criterion.pk == criterion.pk)
            assert form["note"].value() == values["note"]

    check()


def test_criterion_form(client, world, table):  # noqa: F811
    from emulation import criteria as services

    draft = services.table_new_version(actor=world.users["approver"], table=table)
    client.force_login(world.users["drafter"])
    url = reverse("emulation:criterion_add", args=[draft.pk])
    fields = ("title", "max_points", "target", "points_per_unit", "order", "kind", "formula")

    @given(st.fixed_dictionaries({name: hostile_text for name in fields}))
    def check(values):
        before = Criterion.objects.filter(table=draft).count()
        response = client.post(url, values)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert Criterion.objects.filter(table=draft).count() == before
            form = response.context["form"]
            assert form["title"].value() == values["title"]

    check()
