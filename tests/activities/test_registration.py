"""Registration of participants: quotas, the checks of every field, the deadline and its reopening,
concurrent registrations, progress per unit, XLSX export and import, the appendix and the plan page."""

import datetime
import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from activities.choices import GroupKind
from activities.models import ParticipantGroup, Registration, Session
from activities.registrations import services, xlsx_import
from activities.registrations.appendix import MASKED_NOTE, registration_appendix
from activities.registrations.people import (
    ISSUE_DATE_TOO_OLD,
    ISSUE_DATE_WITHOUT_ID,
    NAME_REQUIRED,
    PERSON_FIELDS,
)
from activities.registrations.quotas import registration_progress
from clusters.models import Organization
from common import xlsx_reading
from common.downloads import XLSX_CONTENT_TYPE
from common.errors import ServiceError
from plans import policy
from plans.models import AuditEntry, Plan
from plans.views.dashboard import LIMIT
from tests.world import build_world, plan_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PEOPLE = [
    ("Nguyễn Văn An", "Trưởng phòng Nội vụ", "0912345671", "087123456781"),
    ("Trần Thị Bình", "Chuyên viên", "0912345672", "087123456782"),
    ("Lê Văn Cường", "Phó Chủ tịch UBND huyện", "0912345673", "087123456783"),
    ("Phạm Thị Dung", "Chuyên viên", "0912345674", "087123456784"),
    ("Hoàng Văn Em", "Chuyên viên", "0912345675", "087123456785"),
]


# ---------------------------------------------------------------------------
# Setup: the cluster's plan, issued, with a quota of 4 people for Lai Vung (and for a third unit)
# ---------------------------------------------------------------------------
@pytest.fixture
def plan(world, third):
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(
        status="issued",
        number=5,
        date_day=5,
        date_month=7,
        registration_deadline=TODAY + datetime.timedelta(days=5),
    )
    group = ParticipantGroup.objects.create(
        plan=plan, order=1, kind=GroupKind.PER_UNIT, description="Mỗi huyện đăng ký", count=4
    )
    group.units.set([world.member, third])
    plan.refresh_from_db()
    return plan


@pytest.fixture
def member(client, world):
    client.force_login(world.users["member_staff"])
    return client


@pytest.fixture
def organiser(client, world):
    client.force_login(world.users["approver"])
    return client


def person(index: int = 0, **changes) -> dict:
    name, position, phone, citizen_id = PEOPLE[index]
    values = {
        "full_name": name,
        "position": position,
        "phone": phone,
        "citizen_id": citizen_id,
        "id_issue_date": "15/03/2021",
        "id_issue_place": "Cục Cảnh sát QLHC về TTXH",
        "note": "",
    }
    return values | changes


def add(client, plan, unit, **values):
    return client.post(reverse("registration:add", args=[plan.pk]), {"unit": unit.pk, **values})


def values_of(index: int = 0, **changes) -> dict:
    """A person as the service takes them: the issue date as a date."""
    return person(index, id_issue_date=datetime.date(2021, 3, 15)) | changes


def register(plan, user, unit, index: int = 0, group=None, **changes):
    return services.registration_create(
        plan=plan, user=user, organization=unit, values=values_of(index, **changes), group=group
    )


# ---------------------------------------------------------------------------
# Quota
# ---------------------------------------------------------------------------
def test_a_unit_registers_up_to_its_quota_and_the_fifth_person_is_refused_with_a_clear_message(
    member, world, plan
):
    page = member.get(reverse("registration:unit", args=[plan.pk])).content.decode()
    assert "0/4" in page
    for index in range(4):
        response = add(member, plan, world.member, **person(index))
        assert response.status_code == 302
    assert "4/4" in member.get(reverse("registration:unit", args=[plan.pk])).content.decode()

    response = add(member, plan, world.member, **person(4))

    assert response.status_code == 200
    page = response.content.decode()
    assert "UBND huyện Lai Vung đã đăng ký đủ 04/04 người theo định mức." in page
    assert 'value="Hoàng Văn Em"' in page  # nothing typed is lost
    assert Registration.objects.filter(plan=plan, organization=world.member).count() == 4


def test_the_quota_of_a_unit_is_the_sum_over_the_groups_naming_it_each_counted_on_its_own(world, plan):
    """A training plan with two classes gives each unit a quota per class; a person names the class."""
    first, second = (
        Session.objects.create(plan=plan, order=order, name=name)
        for order, name in ((1, "Lớp thứ nhất"), (2, "Lớp thứ hai"))
    )
    ParticipantGroup.objects.filter(plan=plan).delete()
    for order, (session, count) in enumerate(((first, 2), (second, 1)), start=1):
        group = ParticipantGroup.objects.create(
            plan=plan, session=session, order=order, kind=GroupKind.PER_UNIT, count=count
        )
        group.units.set([world.member])
    progress = registration_progress(plan).of(world.member)
    assert progress.quota == 3
    user = world.users["member_staff"]

    with pytest.raises(ServiceError) as refused:
        register(plan, user, world.member, 0)
    assert refused.value.errors == {"group": [services.GROUP_REQUIRED]}

    second_group = ParticipantGroup.objects.get(session=second)
    register(plan, user, world.member, 0, group=second_group.pk)
    with pytest.raises(ServiceError) as refused:
        register(plan, user, world.member, 1, group=second_group)
    assert refused.value.messages == [
        "UBND huyện Lai Vung đã đăng ký đủ 01/01 người theo định mức (Lớp thứ hai). Không thêm được nữa; "
        "muốn thay người, hãy sửa hoặc xoá một người trong danh sách."
    ]
    register(plan, user, world.member, 1, group=ParticipantGroup.objects.get(session=first).pk)
    progress = registration_progress(plan).of(world.member)
    assert [(item.quota.label, item.registered, item.quota.count) for item in progress.groups] == [
        ("Lớp thứ nhất", 1, 2),
        ("Lớp thứ hai", 1, 1),
    ]


def test_changing_a_persons_details_keeps_their_place_in_a_full_quota(world, plan):
    user = world.users["member_staff"]
    people = [register(plan, user, world.member, index) for index in range(4)]
    services.registration_update(registration=people[0], user=user, values=values_of(0, phone="0987654321"))
    people[0].refresh_from_db()
    assert people[0].phone == "0987654321"


def test_a_unit_cannot_register_for_another_unit(world, plan, third):
    with pytest.raises(ServiceError) as refused:
        register(plan, world.users["member_staff"], third)
    assert refused.value.errors == {"organization": [services.UNIT_INVALID]}


@pytest.mark.django_db(transaction=True)
def test_people_registering_at_once_never_pass_the_quota():
    """Eight people press "Đăng ký" at the same moment for a quota of four: four are registered,
    four are told the quota is full, and nobody sees an error page."""
    world = build_world()
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(status="issued")
    group = ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=4)
    group.units.set([world.member])
    user = world.users["member_staff"]

    def attempt(index: int) -> str:
        try:
            services.registration_create(
                plan=Plan.objects.get(pk=plan.pk),
                user=user,
                organization=world.member,
                values={"full_name": f"Người thứ {index}", "citizen_id": f"0871234567{index:02d}"},
            )
            return "registered"
        except ServiceError as error:
            return error.messages[0]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(8)))

    assert outcomes.count("registered") == 4
    assert all(
        outcome.startswith("UBND huyện Lai Vung đã đăng ký đủ 04/04")
        for outcome in outcomes
        if outcome != "registered"
    )
    assert Registration.objects.filter(plan=plan).count() == 4


# ---------------------------------------------------------------------------
# Every field checked, with its message next to it, and nothing typed lost
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("citizen_id", "08712345678", "Số căn cước công dân gồm đúng 12 chữ số."),
        ("citizen_id", "08712345678A", "Số căn cước công dân gồm đúng 12 chữ số."),
        ("phone", "12345", "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912345678)."),
        ("phone", "0112345678", "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912345678)."),
        (
            "id_issue_date",
            "31/02/2021",
            "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/08/2024.",
        ),
        ("id_issue_date", "hôm qua", "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/08/2024."),
        (
            "id_issue_date",
            (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "Ngày cấp không được ở tương lai.",
        ),
        ("id_issue_date", "01/01/1900", ISSUE_DATE_TOO_OLD),
        ("full_name", "   ", NAME_REQUIRED),
        ("full_name", "Nguyễn " * 30, "Dài quá: tối đa 120 ký tự"),
    ],
)
def test_a_wrong_field_gets_its_message_next_to_it_and_the_input_is_kept(
    member, world, plan, field, typed, message
):
    response = add(member, plan, world.member, **person(0, **{field: typed}))

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert 'value="Nguyễn Văn An"' in page or field == "full_name"
    assert not Registration.objects.exists()


def test_every_wrong_field_is_named_in_one_round(member, world, plan):
    typed = person(0, full_name="", phone="123", citizen_id="12ab", id_issue_date="31/02/2020")
    errors = add(member, plan, world.member, **typed).context["form"].errors
    assert set(errors) == {"full_name", "phone", "citizen_id", "id_issue_date"}
    assert not Registration.objects.exists()


def test_phone_and_citizen_id_are_accepted_as_people_type_them(world, plan):
    user = world.users["member_staff"]
    first = register(plan, user, world.member, 0, phone="0912 345.671", citizen_id="087 123 456 781")
    second = register(plan, user, world.member, 1, phone="+84912345672")
    landline = register(plan, user, world.member, 2, phone="(0277) 3861 234")
    assert (first.phone, first.citizen_id) == ("0912345671", "087123456781")
    assert second.phone == "+84912345672"
    assert landline.phone == "02773861234"


def test_a_citizen_id_is_registered_once_per_plan_and_the_message_names_no_unit(world, plan, third):
    register(plan, world.users["member_staff"], world.member, 0)
    with pytest.raises(ServiceError) as refused:
        register(plan, world.users["third_staff"], third, 1, citizen_id=PEOPLE[0][3])
    assert refused.value.errors == {
        "citizen_id": ["Số CCCD này đã được đăng ký trong kế hoạch; liên hệ đơn vị tổ chức."]
    }
    assert "Lai Vung" not in refused.value.message


def test_an_issue_date_or_place_needs_the_citizen_id(world, plan):
    with pytest.raises(ServiceError) as refused:
        register(plan, world.users["member_staff"], world.member, 0, citizen_id="")
    assert refused.value.errors == {"citizen_id": [ISSUE_DATE_WITHOUT_ID]}


@pytest.mark.parametrize(
    "data",
    [
        {"unit": "abc", "full_name": "Nguyễn Văn An"},
        {"unit": "999999", "full_name": "Nguyễn Văn An", "id_issue_date": "99/99/99999"},
        {"full_name": "\x00", "phone": "\x00" * 50, "citizen_id": "１２３４５６７８９０１２"},
        {"full_name": "A", "group": "xyz", "id_issue_date": "2021-02-30"},
    ],
)
def test_no_input_produces_a_server_error(member, world, plan, data):
    response = member.post(reverse("registration:add", args=[plan.pk]), data)
    assert response.status_code in (200, 302)


# ---------------------------------------------------------------------------
# Deadline and reopening
# ---------------------------------------------------------------------------
def test_after_the_deadline_registration_is_closed_until_the_organiser_reopens_it(client, world, plan):
    Plan.objects.filter(pk=plan.pk).update(registration_deadline=TODAY - datetime.timedelta(days=1))
    client.force_login(world.users["member_staff"])
    closed = add(client, plan, world.member, **person(0))
    assert closed.status_code == 403
    assert "Đã hết hạn đăng ký" in closed.content.decode()
    unit_page = client.get(reverse("registration:unit", args=[plan.pk])).content.decode()
    assert "Đã hết hạn đăng ký" in unit_page  # the unit still reads its list
    assert 'action="/registrations/' not in unit_page  # but no form to add

    client.force_login(world.users["approver"])
    url = reverse("registration:reopen", args=[plan.pk])
    past = client.post(url, {"until": (TODAY - datetime.timedelta(days=1)).strftime("%d/%m/%Y")})
    assert past.status_code == 200
    assert past.context["reopen_form"].errors["until"] == [services.REOPEN_PAST.format(today=TODAY)]
    assert client.post(url, {"until": "32/13/2024"}).context["reopen_form"].errors["until"]
    until = TODAY + datetime.timedelta(days=3)
    response = client.post(url, {"until": until.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.registration_reopened_until == until

    client.force_login(world.users["member_staff"])
    assert add(client, plan, world.member, **person(0)).status_code == 302


def test_only_the_organiser_reopens(client, world, plan):
    client.force_login(world.users["member_staff"])
    response = client.post(reverse("registration:reopen", args=[plan.pk]), {"until": "01/01/2099"})
    assert response.status_code == 403
    assert "Chỉ chuyên viên, lãnh đạo của UBND huyện Tháp Mười" in response.content.decode()


# ---------------------------------------------------------------------------
# Change and remove
# ---------------------------------------------------------------------------
def test_a_unit_changes_and_removes_its_own_people_only(client, world, plan, third):
    mine = register(plan, world.users["member_staff"], world.member, 0)
    theirs = register(plan, world.users["third_staff"], third, 1)
    client.force_login(world.users["member_staff"])
    edit = reverse("registration:edit", args=[plan.pk, mine.pk])
    assert 'value="087123456781"' in client.get(edit).content.decode()
    response = client.post(edit, {"unit": world.member.pk, **person(0, position="Phó Trưởng phòng")})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.position == "Phó Trưởng phòng"
    wrong = client.post(edit, {"unit": world.member.pk, **person(0, phone="123")})
    assert wrong.status_code == 200
    assert "Số điện thoại Việt Nam không hợp lệ" in wrong.content.decode()

    assert client.get(reverse("registration:edit", args=[plan.pk, theirs.pk])).status_code == 404
    assert client.post(reverse("registration:delete", args=[plan.pk, theirs.pk])).status_code == 404
    assert client.get(reverse("registration:delete", args=[plan.pk, theirs.pk])).status_code == 404
    question = client.get(reverse("registration:delete", args=[plan.pk, mine.pk]))  # asks first
    assert f"Xoá {mine.full_name} khỏi danh sách?" in question.content.decode()
    assert Registration.objects.filter(pk=mine.pk).exists()
    assert client.post(reverse("registration:delete", args=[plan.pk, mine.pk])).status_code == 302
    assert list(Registration.objects.values_list("full_name", flat=True)) == ["Trần Thị Bình"]


# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------
def test_the_organiser_sees_registered_against_quota_per_unit_and_who_has_not_sent(organiser, world, plan):
    for index in range(3):
        register(plan, world.users["member_staff"], world.member, index)

    response = organiser.get(reverse("registration:overview", args=[plan.pk]))

    progress = response.context["progress"]
    assert [
        (unit.organization.name, unit.registered, unit.quota, unit.status) for unit in progress.units
    ] == [
        ("Ủy ban nhân dân huyện Cao Lãnh", 0, 4, "Chưa gửi"),
        ("Ủy ban nhân dân huyện Lai Vung", 3, 4, "Còn thiếu 01"),
    ]
    page = response.content.decode()
    assert "Tiến độ: 3/8 người" in page
    assert "Chưa gửi danh sách (1 đơn vị):</strong> UBND huyện Cao Lãnh." in page


def test_the_registration_pages_run_as_many_queries_for_16_people_as_for_1(organiser, client, world, plan):
    ParticipantGroup.objects.filter(plan=plan).update(count=16)
    register(plan, world.users["member_staff"], world.member, 0)
    pages = [
        (world.users["approver"], reverse("registration:overview", args=[plan.pk])),
        (world.users["member_staff"], reverse("registration:unit", args=[plan.pk])),
        (world.users["approver"], reverse("plans:detail", args=[plan.pk])),
    ]

    def count(user, url):
        client.force_login(user)
        cache.clear()  # the plan page renders its parts each time (else the second reads the cache)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    single = [count(user, url) for user, url in pages]
    Registration.objects.bulk_create(
        Registration(plan=plan, organization=world.member, full_name=f"Người {n}", citizen_id=f"0{n:011d}")
        for n in range(1, 16)
    )
    assert [count(user, url) for user, url in pages] == single


# ---------------------------------------------------------------------------
# XLSX export
# ---------------------------------------------------------------------------
def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_organiser_exports_every_unit_and_a_unit_its_own(client, world, plan, third):
    register(plan, world.users["member_staff"], world.member, 0)
    register(plan, world.users["third_staff"], third, 1)

    client.force_login(world.users["approver"])
    response = client.get(reverse("registration:export", args=[plan.pk]))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "no-store" in response["Cache-Control"]
    rows = sheet_rows(response.content)
    assert rows[0] == (
        "STT", "Đơn vị", "Họ và tên", "Chức vụ", "Số điện thoại", "Số CCCD", "Ngày cấp", "Nơi cấp", "Ghi chú"
    )  # fmt: skip
    assert [row[:6] for row in rows[1:]] == [
        (1, "UBND huyện Cao Lãnh", "Trần Thị Bình", "Chuyên viên", "0912345672", "087123456782"),
        (2, "UBND huyện Lai Vung", "Nguyễn Văn An", "Trưởng phòng Nội vụ", "0912345671", "087123456781"),
    ]
    assert rows[1][6].date() == datetime.date(2021, 3, 15)  # a real date cell, shown dd/mm/yyyy

    client.force_login(world.users["member_staff"])
    response = client.get(reverse("registration:export", args=[plan.pk]))
    assert [row[2] for row in sheet_rows(response.content)[1:]] == ["Nguyễn Văn An"]
    assert "lai-vung" in response["Content-Disposition"]


def test_the_export_keeps_phone_and_citizen_id_as_text_and_the_issue_date_as_a_date(client, world, plan):
    register(plan, world.users["member_staff"], world.member, 0)
    client.force_login(world.users["approver"])
    response = client.get(reverse("registration:export", args=[plan.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-dang-ky-05-kh-ctd-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Danh sách đăng ký"
    assert [sheet[f"{column}2"].number_format for column in "EFG"] == ["@", "@", "dd/mm/yyyy"]
    assert (sheet["E2"].data_type, sheet["F2"].data_type) == ("s", "s")

    client.force_login(world.users["member_staff"])
    response = client.get(reverse("registration:export", args=[plan.pk]))
    assert response["Content-Disposition"].endswith(
        'filename="danh-sach-dang-ky-05-kh-ctd-2024-huyen-lai-vung.xlsx"'
    )
    template = client.get(reverse("registration:import_template", args=[plan.pk]))
    assert (
        template["Content-Disposition"] == 'attachment; filename="mau-danh-sach-dang-ky-huyen-lai-vung.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(template.content))["Danh sách"]
    assert [sheet[f"{column}301"].number_format for column in "CDE"] == ["@", "@", "dd/mm/yyyy"]


def test_the_overseer_may_not_export(client, world, plan):
    client.force_login(world.users["overseer"])
    response = client.get(reverse("registration:export", args=[plan.pk]))
    assert response.status_code == 403
    assert policy.FULL_LIST_MESSAGE in response.content.decode()


# ---------------------------------------------------------------------------
# XLSX import
# ---------------------------------------------------------------------------
HEADER = ["Họ và tên", "Chức vụ", "Số điện thoại", "Số CCCD", "Ngày cấp", "Nơi cấp", "Ghi chú"]


def workbook(*rows, header=HEADER, title=None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def good_row(index: int) -> list:
    name, position, phone, citizen_id = PEOPLE[index]
    return [
        name,
        position,
        phone,
        citizen_id,
        datetime.date(2021, 3, 15),
        "Cục Cảnh sát QLHC về TTXH",
        "",
    ]


def upload(client, plan, unit, content: bytes, name="danh-sach.xlsx", **extra):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("registration:import", args=[plan.pk]), {"unit": unit.pk, "file": file, **extra}
    )


def test_a_unit_imports_its_list_from_an_xlsx_file(member, world, plan):
    content = workbook(
        good_row(0),
        good_row(1),
        ["Lê Văn Cường", "", "0912 345 673", "087123456783", "20/5/2022", "", ""],
        title="DANH SÁCH ĐĂNG KÝ",
    )

    response = upload(member, plan, world.member, content)

    assert response.status_code == 302
    rows = Registration.objects.filter(plan=plan, organization=world.member).order_by("created_at", "pk")
    assert [(row.full_name, row.phone, row.id_issue_date) for row in rows] == [
        ("Nguyễn Văn An", "0912345671", datetime.date(2021, 3, 15)),
        ("Trần Thị Bình", "0912345672", datetime.date(2021, 3, 15)),
        ("Lê Văn Cường", "0912345673", datetime.date(2022, 5, 20)),
    ]
    assert all(row.registered_by == world.users["member_staff"] for row in rows)


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_imported(member, world, plan):
    content = workbook(
        good_row(0),
        ["", "Chuyên viên", "", "", None, "", ""],  # row 3: no name
        ["Trần Thị Bình", "", "12345", "0871234567", "31/02/2021", "", ""],  # row 4
        ["Lê Văn Cường", "", 912345673, 87123456783, 44000, "", ""],  # row 5: numbers from Excel
        [
            "Phạm Thị Dung",
            "",
            "",
            PEOPLE[0][3],
            (TODAY + datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
            "",
            "",
        ],
    )

    response = upload(member, plan, world.member, content)

    assert response.status_code == 200
    assert response.context["errors"] == [
        "Dòng 3, cột “Họ và tên”: Nhập họ và tên.",
        "Dòng 4, cột “Số điện thoại”: Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912345678).",
        "Dòng 4, cột “Số CCCD”: Số căn cước công dân gồm đúng 12 chữ số.",
        "Dòng 4, cột “Ngày cấp”: Ngày 31/02/2021 không có thật.",
        f"Dòng 5, cột “Số điện thoại”: {xlsx_import.LEADING_ZERO_LOST}",
        f"Dòng 5, cột “Số CCCD”: {xlsx_import.LEADING_ZERO_LOST}",
        f"Dòng 5, cột “Ngày cấp”: {xlsx_reading.DATE_INVALID}",
        "Dòng 6, cột “Số CCCD”: Trùng số CCCD với dòng 2 của tệp.",
        "Dòng 6, cột “Ngày cấp”: Ngày cấp không được ở tương lai.",
        # Every problem at once: the five rows are also one too many for the quota.
        "Định mức của UBND huyện Lai Vung là 04 người; đã đăng ký 00, tệp có thêm 05 người: vượt 01 người. "
        "Chưa nhập ai; hãy bớt người trong tệp rồi nhập lại.",
    ]
    assert "Chưa nhập ai: tệp có 10 lỗi" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_import_over_the_quota_imports_no_one(member, world, plan):
    register(plan, world.users["member_staff"], world.member, 0)
    response = upload(member, plan, world.member, workbook(*(good_row(index) for index in range(1, 5))))
    assert response.context["errors"] == [
        "Định mức của UBND huyện Lai Vung là 04 người; đã đăng ký 01, tệp có thêm 04 người: vượt 01 người. "
        "Chưa nhập ai; hãy bớt người trong tệp rồi nhập lại."
    ]
    assert Registration.objects.count() == 1


def test_an_import_may_replace_the_units_list(member, world, plan):
    register(plan, world.users["member_staff"], world.member, 0)
    register(plan, world.users["member_staff"], world.member, 1)
    content = workbook(*(good_row(index) for index in range(4)))  # the same two people, and two more
    response = upload(member, plan, world.member, content, replace="on")
    assert response.status_code == 302
    assert Registration.objects.filter(plan=plan).count() == 4


def test_a_units_export_imports_back_unchanged(client, world, plan):
    user = world.users["member_staff"]
    for index in range(3):
        register(plan, user, world.member, index)
    client.force_login(user)
    exported = client.get(reverse("registration:export", args=[plan.pk])).content
    before = sorted(Registration.objects.values_list(*PERSON_FIELDS))

    response = upload(client, plan, world.member, exported, replace="on")

    assert response.status_code == 302
    assert sorted(Registration.objects.values_list(*PERSON_FIELDS)) == before


def test_the_blank_template_keeps_leading_zeros_and_imports(client, world, plan):
    client.force_login(world.users["member_staff"])
    response = client.get(reverse("registration:import_template", args=[plan.pk]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Danh sách"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["D2"].number_format == "@"  # Số CCCD as text: "087…" keeps its zero
    sheet.append(good_row(0))
    buffer = io.BytesIO()
    book.save(buffer)
    assert upload(client, plan, world.member, buffer.getvalue()).status_code == 302


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"STT,Ho va ten\n1,Nguyen Van An\n", xlsx_reading.FILE_NOT_XLSX),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, xlsx_reading.FILE_OLD_XLS),
        (b"PK\x03\x04 not really a zip", xlsx_reading.FILE_NOT_XLSX),
        (docx_bytes(), xlsx_reading.FILE_NOT_XLSX),
        (workbook(header=["Tên đơn vị", "Số lượng"]), "Không thấy dòng tiêu đề có cột “Họ và tên”"),
        (workbook(), xlsx_import.FILE_NO_ROWS),
        (workbook(good_row(0), header=[*HEADER, "Số CCCD"]), "Cột “Số CCCD” có hai lần"),
    ],
)
def test_a_file_that_is_not_a_good_list_is_refused_with_a_clear_message(
    member, world, plan, content, message
):
    response = upload(member, plan, world.member, content)
    assert response.status_code == 200
    assert any(message in error for error in response.context["errors"])
    assert not Registration.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(member, world, plan, settings):
    content = b"PK\x03\x04" + b"0" * xlsx_import.MAX_IMPORT_BYTES
    response = upload(member, plan, world.member, content)
    assert response.status_code == 200
    assert "Tệp lớn quá: tối đa 2,0 MB" in response.context["form"].errors["file"][0]


def test_an_import_without_a_file_says_so(member, world, plan):
    response = member.post(reverse("registration:import", args=[plan.pk]), {"unit": world.member.pk})
    assert response.context["form"].errors["file"] == [xlsx_reading.FILE_EMPTY]


# ---------------------------------------------------------------------------
# The plan's change log: one entry per change of the list, naming the person, never their data
# ---------------------------------------------------------------------------
def log_entries(plan) -> list[tuple[str, str, str]]:
    return list(
        AuditEntry.objects.filter(plan=plan).order_by("pk").values_list("action", "actor__username", "note")
    )


def test_adding_changing_and_removing_a_person_each_write_one_entry_naming_them(world, plan):
    user = world.users["member_staff"]
    added = register(plan, user, world.member, 0)
    assert log_entries(plan) == [
        ("registration", "thanhvien", "Đăng ký Nguyễn Văn An, CCCD ********6781 (UBND huyện Lai Vung)")
    ]

    services.registration_update(
        registration=added, user=user, values=values_of(0, phone=PEOPLE[1][2], position="Phó Trưởng phòng")
    )
    changed = log_entries(plan)[1:]
    assert changed == [
        (
            "registration",
            "thanhvien",
            "Sửa thông tin Nguyễn Văn An, CCCD ********6781 (UBND huyện Lai Vung): chức vụ, số điện thoại",
        )
    ]

    services.registration_delete(registration=added, user=user)
    removed = log_entries(plan)[2:]
    assert removed == [
        (
            "registration",
            "thanhvien",
            "Xoá Nguyễn Văn An, CCCD ********6781 (UBND huyện Lai Vung) khỏi danh sách",
        )
    ]
    for _, _, note in log_entries(plan):  # the citizen ID masked, the phone numbers left out
        assert all(value not in note for value in (PEOPLE[0][3], PEOPLE[0][2], PEOPLE[1][2]))
    assert AuditEntry.objects.filter(plan=plan).first().get_action_display() == "Thêm, sửa, xoá người đăng ký"


def test_a_change_of_name_says_the_name_before(world, plan):
    user = world.users["member_staff"]
    added = register(plan, user, world.member, 0)
    services.registration_update(
        registration=added, user=user, values=values_of(0, full_name="Nguyễn Văn Ân")
    )
    assert log_entries(plan)[-1][2] == (
        "Sửa thông tin Nguyễn Văn Ân, CCCD ********6781 (UBND huyện Lai Vung): "
        "họ và tên (trước: Nguyễn Văn An)"
    )


def test_an_import_writes_one_entry_for_the_whole_file(member, world, plan):
    register(plan, world.users["member_staff"], world.member, 0)
    assert upload(member, plan, world.member, workbook(good_row(1), good_row(2))).status_code == 302
    assert log_entries(plan)[1:] == [
        ("registration", "thanhvien", "Nhập từ tệp 2 người cho UBND huyện Lai Vung")
    ]

    replacing = workbook(good_row(3))
    assert upload(member, plan, world.member, replacing, replace="on").status_code == 302
    assert log_entries(plan)[2:] == [
        (
            "registration",
            "thanhvien",
            "Nhập từ tệp 1 người cho UBND huyện Lai Vung, thay cả danh sách cũ (3 người)",
        )
    ]


def test_a_refused_write_leaves_no_entry(member, world, plan, third):
    user = world.users["member_staff"]
    people = [register(plan, user, world.member, index) for index in range(4)]
    before = log_entries(plan)
    with pytest.raises(ServiceError):
        register(plan, user, world.member, 4)  # over the quota
    with pytest.raises(ServiceError):
        services.registration_update(registration=people[0], user=user, values=values_of(0, phone="123"))
    with pytest.raises(ServiceError):
        register(plan, user, third, 4)  # another unit's list
    assert upload(member, plan, world.member, workbook(good_row(4))).status_code == 200  # over the quota
    Plan.objects.filter(pk=plan.pk).update(registration_deadline=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ServiceError, match="Đã hết hạn đăng ký"):
        services.registration_delete(registration=people[0], user=user)
    assert log_entries(plan) == before
    assert Registration.objects.filter(plan=plan).count() == 4


# ---------------------------------------------------------------------------
# The appendix of the plan
# ---------------------------------------------------------------------------
def test_the_appendix_follows_the_format_and_masks_personal_data_by_default(world, plan):
    register(plan, world.users["member_staff"], world.member, 0)
    plan.refresh_from_db()

    appendix = registration_appendix(plan=plan, user=world.users["approver"])

    assert appendix["label"] == "Phụ lục"
    assert appendix["title"] == (
        "DANH SÁCH CÁ NHÂN THAM GIA GIAO LƯU, HỌC TẬP KINH NGHIỆM GIỮA CÁC ĐƠN VỊ TRONG CỤM"
    )
    assert (
        appendix["subtitle"] == "(Kèm theo Kế hoạch số 05/KH-CTĐ ngày 05 tháng 7 năm 2024 của Cụm thi đua 2)"
    )
    table = appendix["body"][0]
    assert table["caption"] == "1. UBND huyện Lai Vung (01 người)"
    assert table["columns"] == ["TT", "Họ và tên", "Chức vụ", "Số điện thoại", "Số CCCD"]
    assert table["rows"] == [["1", "Nguyễn Văn An", "Trưởng phòng Nội vụ", "******5671", "********6781"]]
    assert {"kind": "note", "text": MASKED_NOTE} in appendix["body"]
    assert appendix["meta"] == {"symbol": "KH-CTĐ", "year": 2024, "plan_id": plan.pk, "number": 5}

    full = registration_appendix(plan=plan, user=world.users["approver"], full=True)
    assert full["body"][0]["rows"][0][3:7] == [
        "0912345671",
        "087123456781",
        "15/03/2021",
        "Cục Cảnh sát QLHC về TTXH",
    ]


def test_the_appendix_has_a_table_per_unit_and_a_note_column_only_when_someone_has_a_note(world, plan, third):
    register(plan, world.users["member_staff"], world.member, 0)
    register(plan, world.users["third_staff"], third, 1, note="Đi xe riêng")
    for full in (False, True):
        appendix = registration_appendix(plan=plan, user=world.users["approver"], full=full)
        tables = [item for item in appendix["body"] if item["kind"] == "table"]
        assert [table["caption"] for table in tables] == [
            "1. UBND huyện Cao Lãnh (01 người)",
            "2. UBND huyện Lai Vung (01 người)",
        ]
        assert tables[0]["columns"][-1] == "Ghi chú"
        assert tables[0]["rows"][0][-1] == "Đi xe riêng"
        assert all(sum(table["widths_mm"]) == 165 for table in tables)
        assert all(
            len(table["widths_mm"]) == len(table["columns"]) == len(table["align"]) for table in tables
        )
        assert {"kind": "note", "text": "Tổng số: 02 người."} in appendix["body"]


def test_the_appendix_downloads_as_pdf_and_word(client, world, plan):
    from pdfminer.high_level import extract_text

    register(plan, world.users["member_staff"], world.member, 0)
    client.force_login(world.users["drafter"])
    pdf = client.get(reverse("registration:appendix_pdf", args=[plan.pk]))
    assert pdf.content.startswith(b"%PDF")
    text = " ".join(extract_text(io.BytesIO(pdf.content)).split())
    assert "Phụ lục" in text
    assert "********6781" in text
    assert "087123456781" not in text
    full = client.get(reverse("registration:appendix_pdf", args=[plan.pk]) + "?du-lieu=day-du")
    assert "087123456781" in " ".join(extract_text(io.BytesIO(full.content)).split())
    docx = client.get(reverse("registration:appendix_docx", args=[plan.pk]))
    assert zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").count(b"Nguy") >= 1


# ---------------------------------------------------------------------------
# The plan page
# ---------------------------------------------------------------------------
def test_seed_000_shows_19_expected_and_after_issue_registered_against_expected_per_unit(client, demo):
    plan = demo["000"]
    from django.contrib.auth import get_user_model

    # Seed 000 is history now (its district bodies were reorganised in 2025): read as the superuser.
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    url = reverse("plans:detail", args=[plan.pk])
    panel = client.get(url).context["panels"][0]
    assert panel["expected"] == 19
    assert [(unit.organization.short_name, unit.quota) for unit in panel["progress"].units] == [
        ("UBND huyện Cao Lãnh", 4),
        ("UBND huyện Châu Thành", 4),
        ("UBND huyện Lai Vung", 4),
        ("UBND huyện Tháp Mười", 4),
    ]
    assert "Số người dự kiến: 19 người" in client.get(url).content.decode()

    Plan.objects.filter(pk=plan.pk).update(status="issued", registration_reopened_until=TODAY)
    lai_vung = Organization.objects.get(short_name="UBND huyện Lai Vung")
    for index in range(2):
        register(plan, admin, lai_vung, index)
    page = client.get(url).content.decode()
    assert "Số người dự kiến: 19 người</strong>, trong đó các đơn vị đã đăng ký <strong>2/16</strong>" in page
    assert '<th scope="row">UBND huyện Lai Vung</th><td class="num">4</td><td class="num">2/4</td>' in page


def test_a_plan_without_quotas_has_no_registration_section_or_page(client, world):
    Plan.objects.filter(pk=world.own_plan.pk).update(status="issued")
    client.force_login(world.users["drafter"])
    page = client.get(reverse("plans:detail", args=[world.own_plan.pk]))
    assert "activities/registration/panel.html" not in [panel["template"] for panel in page.context["panels"]]
    assert "Đăng ký danh sách tham gia" not in page.content.decode()
    response = client.get(reverse("registration:overview", args=[world.own_plan.pk]))
    assert response.status_code == 403
    assert policy.NO_REGISTRATION_LIST_MESSAGE in response.content.decode()


def test_a_unit_with_several_classes_imports_with_a_class_column(member, world, plan):
    ParticipantGroup.objects.filter(plan=plan).delete()
    for order, name in ((1, "Lớp thứ nhất"), (2, "Lớp thứ hai")):
        session = Session.objects.create(plan=plan, order=order, name=name)
        group = ParticipantGroup.objects.create(
            plan=plan, session=session, order=order, kind=GroupKind.PER_UNIT, count=1, description="Mỗi huyện"
        )
        group.units.set([world.member])
    template = member.get(reverse("registration:import_template", args=[plan.pk]))
    assert "Lớp, nhóm" in [cell.value for cell in load_workbook(io.BytesIO(template.content)).active[1]]
    header = ["Họ và tên", "Lớp, nhóm", "Số CCCD"]

    no_column = upload(member, plan, world.member, workbook(good_row(0)))
    assert no_column.context["errors"] == [xlsx_import.FILE_GROUP_COLUMN.format(label="Lớp, nhóm")]
    wrong = upload(
        member, plan, world.member, workbook(["Nguyễn Văn An", "Lớp thứ ba", PEOPLE[0][3]], header=header)
    )
    assert wrong.context["errors"][0].startswith("Dòng 2, cột “Lớp, nhóm”: " + services.GROUP_INVALID)

    content = workbook(
        ["Nguyễn Văn An", "lop thu nhat", PEOPLE[0][3]],
        ["Trần Thị Bình", "Lớp thứ hai – Mỗi huyện", PEOPLE[1][3]],
        header=header,
    )
    assert upload(member, plan, world.member, content).status_code == 302
    assert sorted(Registration.objects.values_list("full_name", "group__session__name")) == [
        ("Nguyễn Văn An", "Lớp thứ nhất"),
        ("Trần Thị Bình", "Lớp thứ hai"),
    ]


def test_a_user_registering_for_several_units_picks_the_unit(client, world, plan, third):
    register(plan, world.users["third_staff"], third, 1)
    client.force_login(world.users["admin"])
    url = reverse("registration:unit", args=[plan.pk])
    assert client.get(url).context["unit"] == third  # the first by name: Cao Lãnh
    page = client.get(url, {"unit": world.member.pk})
    assert page.context["unit"] == world.member
    assert page.context["people"] == []
    assert client.get(url, {"unit": "không phải số"}).status_code == 200
    response = add(client, plan, world.member, **person(0))
    assert response.url.endswith(f"?unit={world.member.pk}")
    assert Registration.objects.get(full_name="Nguyễn Văn An").organization == world.member


# ---------------------------------------------------------------------------
# The member unit's dashboard leads it to its list
# ---------------------------------------------------------------------------
def test_the_member_units_dashboard_asks_it_to_register_with_quota_left_and_deadline(member, world, plan):
    register(plan, world.users["member_staff"], world.member, 0)
    page = member.get(reverse("home")).content.decode()
    unit_url = f"{reverse('registration:unit', args=[plan.pk])}?unit={world.member.pk}"
    assert f'href="{unit_url.replace("&", "&amp;")}"' in page
    deadline = TODAY + datetime.timedelta(days=5)
    assert f"đã đăng ký 1/4 người, còn thiếu 3; hạn đến hết ngày {deadline:%d/%m/%Y}" in page


def test_a_reopened_list_shows_its_new_date_and_a_full_or_closed_list_no_task(member, world, plan):
    until = TODAY + datetime.timedelta(days=9)
    Plan.objects.filter(pk=plan.pk).update(
        registration_deadline=TODAY - datetime.timedelta(days=1), registration_reopened_until=until
    )
    assert f"hạn (đã mở lại) đến hết ngày {until:%d/%m/%Y}" in member.get(reverse("home")).content.decode()
    for index in range(4):
        register(plan, world.users["member_staff"], world.member, index)
    assert "Đăng ký danh sách người tham gia" not in member.get(reverse("home")).content.decode()
    Registration.objects.filter(plan=plan).delete()
    Plan.objects.filter(pk=plan.pk).update(registration_reopened_until=None)
    assert "Đăng ký danh sách người tham gia" not in member.get(reverse("home")).content.decode()


def open_lists(plan, unit, count: int, start: int) -> None:
    for index in range(start, start + count):
        other = plan_of(plan.cluster, subject=f"Lớp {index}", status="issued", number=10 + index, date_day=1)
        group = ParticipantGroup.objects.create(plan=other, order=1, kind=GroupKind.PER_UNIT, count=2)
        group.units.set([unit])


def test_the_dashboard_shows_at_most_ten_lists_at_a_cost_that_stops_growing_there(member, world, plan):
    open_lists(plan, world.member, LIMIT, 0)  # with the fixture's plan: one more than shown
    cache.clear()  # both pages read the user's rights (else the second reads them from the cache)
    with CaptureQueriesContext(connection) as full:
        page = member.get(reverse("home")).content.decode()
    assert page.count("UBND huyện Lai Vung: đăng ký người tham gia") == LIMIT
    open_lists(plan, world.member, 20, LIMIT)
    cache.clear()
    with CaptureQueriesContext(connection) as fuller:
        member.get(reverse("home"))
    assert len(fuller) == len(full)


def test_the_dashboard_reads_one_open_list_or_ten_in_the_same_queries(member, world, plan):
    cache.clear()  # both pages read the user's rights (else the second reads them from the cache)
    with CaptureQueriesContext(connection) as one:
        page = member.get(reverse("home")).content.decode()
    assert page.count("đăng ký người tham gia") == 1
    open_lists(plan, world.member, LIMIT - 1, 0)
    cache.clear()
    with CaptureQueriesContext(connection) as ten:
        page = member.get(reverse("home")).content.decode()
    assert page.count("đăng ký người tham gia") == LIMIT
    assert len(ten) == len(one)
