"""Activities, classes, participant groups and registrations: constraints and computed totals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from activities.choices import GroupKind, PeriodKind
from activities.models import (
    Activity,
    ParticipantBreakdown,
    ParticipantGroup,
    Registration,
    Session,
    participant_total,
)
from clusters.choices import OrganizationLevel
from clusters.models import Organization

pytestmark = pytest.mark.django_db


def assert_rejected(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def activity(plan, order=1, **values):
    values.setdefault("period_kind", PeriodKind.QUARTER)
    values.setdefault("quarter", 1)
    return Activity.objects.create(plan=plan, order=order, content="Phát động phong trào thi đua", **values)


@pytest.mark.parametrize(
    "values",
    [
        {"quarter": 5},
        {"quarter": 0},
        {"period_kind": PeriodKind.MONTH, "quarter": None, "month": 13},
        {"period_kind": PeriodKind.MONTH, "quarter": None, "month": None},
        {"period_kind": PeriodKind.DATE, "quarter": None},
        {
            "period_kind": PeriodKind.RANGE,
            "start_date": datetime.date(2024, 9, 3),
            "end_date": datetime.date(2024, 8, 31),
        },
        {"period_kind": PeriodKind.RANGE, "start_date": datetime.date(2024, 8, 31)},
    ],
)
def test_the_database_refuses_an_impossible_period(plan, values):
    assert_rejected(lambda: activity(plan, **values))


def test_activity_order_is_unique_within_a_plan(plan):
    activity(plan, order=1)
    assert_rejected(lambda: activity(plan, order=1))


@pytest.mark.parametrize(
    ("values", "quarter"),
    [
        ({"quarter": 2}, 2),
        ({"period_kind": PeriodKind.MONTH, "month": 7, "timing_text": "đầu tháng 7/2022"}, 3),
        ({"period_kind": PeriodKind.DATE, "start_date": datetime.date(2022, 5, 10)}, 2),
        (
            {
                "period_kind": PeriodKind.RANGE,
                "start_date": datetime.date(2024, 8, 31),
                "end_date": datetime.date(2024, 9, 3),
            },
            3,
        ),
    ],
)
def test_every_period_places_the_activity_in_a_quarter(plan, values, quarter):
    values = {"quarter": None, **values}
    assert activity(plan, **values).effective_quarter == quarter


def test_clean_names_the_missing_period_field(plan):
    item = Activity(plan=plan, order=1, content="x", period_kind=PeriodKind.MONTH)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["month"] == ["Chọn tháng."]


def districts(province, count):
    return [
        Organization.objects.create(
            name=f"Ủy ban nhân dân huyện số {number}",
            parent=province,
            level=OrganizationLevel.DISTRICT,
            abbreviation="UBND",
        )
        for number in range(1, count + 1)
    ]


def test_totals_are_computed_from_named_fixed_and_per_unit_groups(plan, province):
    ParticipantGroup.objects.create(
        plan=plan,
        order=1,
        kind=GroupKind.NAMED,
        honorific="Ông",
        full_name="Phan Hữu Phước",
        position="Giám đốc Sở Nội vụ tỉnh",
    )
    ParticipantGroup.objects.create(
        plan=plan,
        order=2,
        kind=GroupKind.FIXED,
        count=1,
        description="Mời lãnh đạo Phòng Thi đua - Khen thưởng, Sở Nội vụ",
    )
    quota = ParticipantGroup.objects.create(
        plan=plan, order=3, kind=GroupKind.PER_UNIT, count=4, description="Mỗi huyện đăng ký"
    )
    quota.units.set(districts(province, 4))
    groups = plan.participant_groups.prefetch_related("units")
    assert [group.total for group in groups] == [1, 1, 16]
    assert participant_total(groups) == 18


def test_a_quota_per_type_of_unit_has_no_total_until_the_number_of_units_is_known(plan):
    group = ParticipantGroup.objects.create(
        plan=plan,
        order=1,
        kind=GroupKind.PER_UNIT_TYPE,
        count=15,
        description="Phòng GD&ĐT huyện: Mỗi phòng cử",
    )
    for order, (count, text) in enumerate([(1, "lãnh đạo phòng"), (1, "cán bộ"), (13, "giáo viên")], start=1):
        ParticipantBreakdown.objects.create(group=group, order=order, count=count, description=text)
    assert sum(part.count for part in group.breakdown.all()) == 15
    assert participant_total([group]) is None
    group.unit_count = 9
    assert participant_total([group]) == 135


def test_each_group_kind_needs_its_own_data(plan):
    assert_rejected(lambda: ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.NAMED))
    assert_rejected(lambda: ParticipantGroup.objects.create(plan=plan, order=2, kind=GroupKind.FIXED))
    assert_rejected(lambda: ParticipantGroup.objects.create(plan=plan, order=3, kind="crowd", count=3))


def test_classes_keep_their_own_groups_and_totals(plan):
    first = Session.objects.create(plan=plan, order=1, name="Lớp thứ nhất", duration="01 ngày")
    second = Session.objects.create(plan=plan, order=2, name="Lớp thứ hai", duration="01 ngày")
    ParticipantGroup.objects.create(
        plan=plan, session=first, order=1, kind=GroupKind.FIXED, count=70, description="Cán bộ các phòng, ban"
    )
    ParticipantGroup.objects.create(
        plan=plan,
        session=second,
        order=2,
        kind=GroupKind.FIXED,
        count=60,
        description="Đại diện Ban Giám hiệu",
    )
    assert [participant_total(s.participant_groups.all()) for s in plan.sessions.all()] == [70, 60]


def test_a_session_cannot_end_before_it_starts(plan):
    assert_rejected(
        lambda: Session.objects.create(
            plan=plan,
            order=1,
            name="Lớp 1",
            start_date=datetime.date(2024, 5, 2),
            end_date=datetime.date(2024, 5, 1),
        )
    )


def test_a_registration_needs_a_name_and_a_12_digit_citizen_id(plan, district):
    person = {"plan": plan, "organization": district, "full_name": "Nguyễn Văn A"}
    assert_rejected(lambda: Registration.objects.create(**{**person, "full_name": ""}))
    assert_rejected(lambda: Registration.objects.create(**person, citizen_id="12345"))
    Registration.objects.create(**person, citizen_id="087123456789")
    assert_rejected(lambda: Registration.objects.create(**person, citizen_id="087123456789"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("citizen_id", "08712345678x", "Số căn cước công dân gồm đúng 12 chữ số."),
        ("phone", "12345", "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912345678)."),
        ("id_issue_date", datetime.date(2999, 1, 1), "Ngày cấp không được ở tương lai."),
    ],
)
def test_bad_personal_data_is_reported_in_vietnamese_next_to_the_field(plan, district, field, value, message):
    person = Registration(plan=plan, organization=district, full_name="Nguyễn Văn A", **{field: value})
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert message in error.value.message_dict[field]


def test_vietnamese_phone_numbers_are_accepted(plan, district):
    for phone in ("0912345678", "+84912345678", "02773851234"):
        Registration(plan=plan, organization=district, full_name="Trần Thị B", phone=phone).full_clean()
