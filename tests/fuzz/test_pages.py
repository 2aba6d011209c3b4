"""Pages and the XLSX import, fed generated hostile input (200 examples each): never a server error,
nothing half-saved, and what was typed is on the page again when it is refused."""

import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from activities.models import Registration
from activities.registrations import xlsx_import
from common.errors import ServiceError
from plans.models import Plan
from tests.activities.test_registration import HEADER, plan  # noqa: F401 - the issued plan with quotas
from tests.fuzz.strategies import hostile_text

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

PERSON = ("full_name", "position", "phone", "citizen_id", "id_issue_date", "id_issue_place", "note")


def test_registration_form(client, world, plan):  # noqa: F811
    client.force_login(world.users["member_staff"])
    url = reverse("registration:add", args=[plan.pk])

    @given(st.fixed_dictionaries({name: hostile_text for name in PERSON}))
    def check(values):
        before = Registration.objects.count()
        response = client.post(url, {"unit": world.member.pk, **values})
        assert response.status_code in (200, 302)
        after = Registration.objects.count()
        if response.status_code == 302:
            assert after == before + 1
            Registration.objects.all().delete()  # room in the quota for the next example
        else:
            assert after == before
            form = response.context["form"]
            for name in PERSON:
                assert form[name].value() == values[name]

    check()


def test_plan_editor(client, world):
    from tests.plans.test_editing_views import edit_url, form_data

    client.force_login(world.users["drafter"])
    own = world.own_plan
    url = edit_url(own)
    page = form_data(client.get(url))
    fields = ("subject", "preamble", "closing", "year", "date_day", "date_month", "registration_deadline")

    @given(st.fixed_dictionaries({name: hostile_text for name in fields}))
    def check(values):
        version = Plan.objects.get(pk=own.pk).version
        data = {**page, **{name: [value] for name, value in values.items()}, "version": [str(version)]}
        response = client.post(url, data)
        assert response.status_code in (200, 302)
        saved = Plan.objects.get(pk=own.pk)
        if response.status_code == 200:
            assert saved.version == version  # refused: nothing saved
            for name in ("subject", "preamble", "closing"):
                assert response.context["editor"].plan_form[name].value() == values[name]
        else:
            assert saved.version in (version, version + 1)  # a save that changes nothing writes nothing
            assert "\x1b" not in saved.subject
            assert "\n" not in saved.subject

    check()


def workbook(rows) -> bytes:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


cell = st.one_of(
    hostile_text,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.none(),
)


def test_registration_import(world, plan):  # noqa: F811
    user = world.users["member_staff"]

    @given(st.lists(st.lists(cell, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=5))
    def check(rows):
        content = workbook(
            # what an XLSX file cannot hold is not in one
            [
                [ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in row]
                for row in rows
            ]
        )
        try:
            result = xlsx_import.registration_import(
                plan=plan, user=user, organization=world.member, content=content
            )
        except ServiceError as error:
            result, refused = None, error.messages
        else:
            refused = []
        if result is None:  # refused with its reasons, and nothing imported
            assert refused
            assert not Registration.objects.exists()
        else:
            assert Registration.objects.count() == result.created == len(rows)
            assert not any(
                "\x1b" in value or "\x0b" in value
                for values in Registration.objects.values_list(*PERSON[:3], "note")
                for value in values
            )
            Registration.objects.all().delete()

    check()
