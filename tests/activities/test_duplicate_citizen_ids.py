"""The duplicate citizen-ID check is no oracle: it names no unit, it asks the plan only for an entry
that is otherwise right, it is rate-limited per user, and every refused check is logged."""

import pytest

from activities.choices import PersonalDataUse
from activities.models import PersonalDataAccess, Registration
from activities.registrations import duplicates
from common.errors import ServiceError
from tests.activities.test_registration import (  # the issued plan with its quotas, and helpers
    PEOPLE,
    add,
    good_row,
    person,
    plan,  # noqa: F401 - fixture
    register,
    upload,
    workbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(world, plan, third):  # noqa: F811
    """Lai Vung has registered person 0; the third unit will try to learn their citizen ID."""
    register(plan, world.users["member_staff"], world.member, 0)
    return PEOPLE[0][3]


@pytest.fixture
def prober(client, world, third):
    client.force_login(world.users["third_staff"])
    return client


def test_the_form_answers_without_naming_the_unit_and_keeps_the_input(prober, plan, third, taken):  # noqa: F811
    response = add(prober, plan, third, **person(1, citizen_id=taken))

    assert response.status_code == 200
    assert response.context["form"].errors["citizen_id"] == [duplicates.CITIZEN_ID_TAKEN]
    page = response.content.decode()
    assert "Lai Vung" not in page.split('id="id_citizen_id_error"')[1][:400]
    assert f'value="{taken}"' in page
    assert Registration.objects.filter(organization=third).count() == 0


def test_an_entry_wrong_elsewhere_does_not_ask_the_plan(world, plan, third, taken):  # noqa: F811
    with pytest.raises(ServiceError) as refused:
        register(plan, world.users["third_staff"], third, 1, citizen_id=taken, full_name="")
    assert "citizen_id" not in refused.value.errors
    assert not PersonalDataAccess.objects.filter(use=PersonalDataUse.DUPLICATE_CHECK).exists()


def test_every_refused_check_is_logged_with_user_plan_and_unit(world, plan, third, taken):  # noqa: F811
    with pytest.raises(ServiceError):
        register(plan, world.users["third_staff"], third, 1, citizen_id=taken)
    entry = PersonalDataAccess.objects.get(use=PersonalDataUse.DUPLICATE_CHECK)
    assert (entry.user, entry.plan, entry.organization, entry.rows) == (
        world.users["third_staff"],
        plan,
        third,
        1,
    )


def test_checks_are_rate_limited_per_user(world, plan, third, taken):  # noqa: F811
    prober = world.users["third_staff"]
    for _ in range(duplicates.CHECK_LIMIT):
        with pytest.raises(ServiceError) as refused:
            register(plan, prober, third, 1, citizen_id=taken)
        assert refused.value.errors == {"citizen_id": [duplicates.CITIZEN_ID_TAKEN]}

    # Spent: even a citizen ID no one has is not looked up, so nothing is learnt and nothing saved.
    with pytest.raises(ServiceError) as refused:
        register(plan, prober, third, 1)
    assert refused.value.errors["citizen_id"][0].startswith("Bạn đã nhập quá nhiều số CCCD trùng")
    assert not Registration.objects.filter(organization=third).exists()
    assert PersonalDataAccess.objects.filter(use=PersonalDataUse.DUPLICATE_CHECK).count() == 11

    # Another user's budget is their own.
    register(plan, world.users["member_staff"], world.member, 2)


def test_an_import_reports_the_row_without_the_unit_and_is_logged(prober, world, plan, third, taken):  # noqa: F811
    content = workbook(good_row(1), [*good_row(2)[:3], taken, *good_row(2)[4:]])

    response = upload(prober, plan, third, content)

    assert response.status_code == 200
    assert response.context["errors"] == [f"Dòng 3, cột “Số CCCD”: {duplicates.CITIZEN_ID_TAKEN}"]
    assert not Registration.objects.filter(organization=third).exists()
    entry = PersonalDataAccess.objects.get(use=PersonalDataUse.DUPLICATE_CHECK)
    assert (entry.organization, entry.rows) == (third, 2)
