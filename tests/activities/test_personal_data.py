"""Personal data of registrations (citizen ID, phone, ID issue date and place): in full only for the
organiser and the registering unit, masked elsewhere and in the appendix by default; every full
view, export, full appendix, import and purge logged with who and when; erased after the event."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantGroup, PersonalDataAccess, Registration, Session
from activities.registrations.personal_data import RETENTION_DAYS, event_end, mask
from clusters.choices import MembershipRole
from clusters.models import ClusterMembership
from plans.models import Plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAI_VUNG_ID, CAO_LANH_ID = "087123456781", "087123456782"


@pytest.fixture
def plan(world, third):
    """The cluster's issued plan; Lai Vung and Cao Lãnh have each registered one person."""
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(status="issued", registration_deadline=TODAY)
    group = ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=4)
    group.units.set([world.member, third])
    plan.refresh_from_db()
    for unit, name, citizen_id, phone in (
        (world.member, "Nguyễn Văn An", LAI_VUNG_ID, "0912345671"),
        (third, "Trần Thị Bình", CAO_LANH_ID, "0912345672"),
    ):
        Registration.objects.create(
            plan=plan,
            organization=unit,
            group=group,
            full_name=name,
            citizen_id=citizen_id,
            phone=phone,
            id_issue_date=datetime.date(2021, 3, 15),
            id_issue_place="Cục Cảnh sát QLHC về TTXH",
        )
    return plan


def log_rows():
    return list(
        PersonalDataAccess.objects.order_by("pk").values_list(
            "user__username", "use", "organization__short_name", "rows"
        )
    )


def test_mask_keeps_only_the_last_four_characters():
    assert mask("087123456781") == "********6781"
    assert mask("0912345671") == "******5671"
    assert mask("123") == "123"
    assert mask("") == ""


# ---------------------------------------------------------------------------
# Who sees what
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "full_ids", "masked_ids"),
    [
        ("approver", [LAI_VUNG_ID, CAO_LANH_ID], []),  # the organiser
        ("drafter", [LAI_VUNG_ID, CAO_LANH_ID], []),
        ("admin", [LAI_VUNG_ID, CAO_LANH_ID], []),
        ("member_staff", [LAI_VUNG_ID], [CAO_LANH_ID]),  # its own unit only
        ("clerk", [], [LAI_VUNG_ID, CAO_LANH_ID]),  # sees the plan, not the data
        ("overseer", [], [LAI_VUNG_ID, CAO_LANH_ID]),
    ],
)
def test_the_list_shows_personal_data_in_full_only_to_the_organiser_and_the_registering_unit(
    client, world, plan, role, full_ids, masked_ids
):
    client.force_login(world.users[role])
    page = client.get(reverse("registration:overview", args=[plan.pk])).content.decode()
    for citizen_id in full_ids:
        assert citizen_id in page
    for citizen_id in masked_ids:
        assert citizen_id not in page
        assert mask(citizen_id) in page
    assert ("Cục Cảnh sát QLHC về TTXH" in page) == bool(full_ids)
    assert ("0912345672" in page) == (CAO_LANH_ID in full_ids)


def test_the_admin_list_of_registrations_masks_the_data(admin_client, plan):
    page = admin_client.get(reverse("admin:activities_registration_changelist")).content.decode()
    assert "********6781" in page
    assert LAI_VUNG_ID not in page


# ---------------------------------------------------------------------------
# The log: every full view and every export, with who and when
# ---------------------------------------------------------------------------
def test_every_full_view_is_logged_with_who_when_which_unit_and_how_many(client, world, plan):
    before = timezone.now()
    client.force_login(world.users["approver"])
    client.get(reverse("registration:overview", args=[plan.pk]))
    client.get(reverse("registration:overview", args=[plan.pk]))
    client.force_login(world.users["member_staff"])
    client.get(reverse("registration:overview", args=[plan.pk]))
    client.get(reverse("registration:unit", args=[plan.pk]))
    person = Registration.objects.get(citizen_id=LAI_VUNG_ID)
    client.get(reverse("registration:edit", args=[plan.pk, person.pk]))

    assert log_rows() == [
        ("pheduyet", "view", None, 2),  # the organiser: every unit's list, once per page view
        ("pheduyet", "view", None, 2),
        ("thanhvien", "view", "UBND huyện Lai Vung", 1),  # a unit: its own people only
        ("thanhvien", "view", "UBND huyện Lai Vung", 1),
        ("thanhvien", "view", "UBND huyện Lai Vung", 1),
    ]
    entries = PersonalDataAccess.objects.all()
    assert all(entry.plan_id == plan.pk and before <= entry.at <= timezone.now() for entry in entries)


def test_a_masked_view_is_not_logged(client, world, plan):
    client.force_login(world.users["overseer"])
    assert client.get(reverse("registration:overview", args=[plan.pk])).status_code == 200
    client.force_login(world.users["approver"])
    client.get(reverse("registration:appendix_docx", args=[plan.pk]))  # masked by default
    assert log_rows() == []


def test_every_export_and_full_appendix_is_logged(client, world, plan):
    client.force_login(world.users["approver"])
    client.get(reverse("registration:export", args=[plan.pk]))
    client.get(reverse("registration:appendix_docx", args=[plan.pk]) + "?du-lieu=day-du")
    client.force_login(world.users["member_staff"])
    client.get(reverse("registration:export", args=[plan.pk]))
    assert log_rows() == [
        ("pheduyet", "export", None, 2),
        ("pheduyet", "appendix", None, 2),
        ("thanhvien", "export", "UBND huyện Lai Vung", 1),
    ]


def test_a_member_unit_cannot_ask_for_the_full_appendix(client, world, plan):
    client.force_login(world.users["member_staff"])
    response = client.get(reverse("registration:appendix_pdf", args=[plan.pk]) + "?du-lieu=day-du")
    assert response.status_code == 403
    assert log_rows() == []


def test_an_import_is_logged(client, world, plan):
    book = Workbook()
    book.active.append(["Họ và tên", "Số CCCD"])
    book.active.append(["Lê Văn Cường", "087123456783"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    client.force_login(world.users["member_staff"])
    response = client.post(
        reverse("registration:import", args=[plan.pk]), {"unit": world.member.pk, "file": buffer}
    )
    assert response.status_code == 302, response.context["errors"] or response.context["form"].errors
    assert log_rows() == [("thanhvien", "import", "UBND huyện Lai Vung", 1)]


def test_pages_with_personal_data_are_never_cached(client, world, plan):
    client.force_login(world.users["member_staff"])
    for name in ("registration:unit", "registration:overview", "registration:export"):
        assert "no-store" in client.get(reverse(name, args=[plan.pk]))["Cache-Control"]


# ---------------------------------------------------------------------------
# Erasing after the event
# ---------------------------------------------------------------------------
def ends(plan, day):
    Activity.objects.create(
        plan=plan,
        order=1,
        content="Giao lưu, học tập kinh nghiệm",
        period_kind=PeriodKind.RANGE,
        start_date=day - datetime.timedelta(days=3),
        end_date=day,
    )


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def personal(citizen_id_owner: str) -> tuple:
    row = Registration.objects.get(full_name=citizen_id_owner)
    return row.phone, row.citizen_id, row.id_issue_date, row.id_issue_place, row.purged_at is not None


def test_the_purge_erases_the_personal_fields_once_the_event_is_over_by_more_than_the_days(world, plan):
    ends(plan, TODAY - datetime.timedelta(days=31))

    assert "Đã xoá dữ liệu cá nhân của 0 người đăng ký (0 kế hoạch)." in purge("--days", "31")
    assert personal("Nguyễn Văn An")[1] == LAI_VUNG_ID  # ended exactly 31 days ago: kept

    output = purge("--days", "30")

    assert "Đã xoá dữ liệu cá nhân của 2 người đăng ký (1 kế hoạch)." in output
    assert personal("Nguyễn Văn An") == ("", "", None, "", True)
    assert personal("Trần Thị Bình") == ("", "", None, "", True)
    assert Registration.objects.get(full_name="Nguyễn Văn An").full_name == "Nguyễn Văn An"  # names stay
    assert log_rows() == [("quantri", "purge", None, 2)]  # the first superuser answers by default
    assert "0 người đăng ký" in purge("--days", "30")  # nothing left to erase, nothing logged
    assert len(log_rows()) == 1


def test_a_dry_run_lists_what_would_be_erased_and_changes_nothing(world, plan):
    ends(plan, TODAY - datetime.timedelta(days=200))

    output = purge("--dry-run")

    assert "Chạy thử: sẽ xoá dữ liệu cá nhân của 2 người đăng ký (1 kế hoạch). Chưa xoá gì." in output
    assert personal("Nguyễn Văn An")[1] == LAI_VUNG_ID
    assert log_rows() == []


def test_the_purge_is_logged_in_the_name_of_the_user_given(world, plan):
    ends(plan, TODAY - datetime.timedelta(days=200))
    purge("--user", "pheduyet")
    assert log_rows() == [("pheduyet", "purge", None, 2)]
    with pytest.raises(CommandError, match="Không có tài khoản"):
        purge("--user", "khong-co-ai")
    with pytest.raises(CommandError, match="không âm"):
        purge("--days", "-1")


def test_the_default_retention_is_used_without_days(world, plan):
    ends(plan, TODAY - datetime.timedelta(days=RETENTION_DAYS))
    assert "0 người" in purge()
    Activity.objects.filter(plan=plan).update(end_date=TODAY - datetime.timedelta(days=RETENTION_DAYS + 1))
    assert "2 người" in purge()


def test_the_event_ends_with_its_last_dated_activity_or_class_else_at_the_deadline(world, plan):
    plan = Plan.objects.prefetch_related("activities", "sessions").get(pk=plan.pk)
    assert event_end(plan) == TODAY  # no dates: the registration deadline

    Activity.objects.create(plan=plan, order=1, content="Sơ kết", period_kind=PeriodKind.QUARTER, quarter=2)
    Activity.objects.create(plan=plan, order=2, content="Hội thi", period_kind=PeriodKind.MONTH, month=9)
    Session.objects.create(plan=plan, order=1, name="Lớp thứ nhất", start_date=datetime.date(2024, 10, 2))
    plan = Plan.objects.prefetch_related("activities", "sessions").get(pk=plan.pk)
    assert event_end(plan) == datetime.date(2024, 10, 2)

    Activity.objects.create(plan=plan, order=3, content="Tổng kết", period_kind=PeriodKind.QUARTER, quarter=4)
    plan = Plan.objects.prefetch_related("activities", "sessions").get(pk=plan.pk)
    assert event_end(plan) == datetime.date(2024, 12, 31)


def test_a_plan_that_says_nothing_of_when_is_never_purged_and_is_listed(world, plan):
    Plan.objects.filter(pk=plan.pk).update(registration_deadline=None)
    output = purge("--days", "0")
    assert "Bỏ qua" in output
    assert "không xác định được ngày kết thúc" in output
    assert personal("Nguyễn Văn An")[1] == LAI_VUNG_ID


def test_purged_people_stay_on_the_list_without_their_data(client, world, plan):
    ends(plan, TODAY - datetime.timedelta(days=200))
    purge()
    client.force_login(world.users["approver"])
    page = client.get(reverse("registration:overview", args=[plan.pk])).content.decode()
    assert "Nguyễn Văn An" in page
    assert "Đã xoá dữ liệu cá nhân" in page
    assert [use for _, use, _, _ in log_rows()] == ["purge"]  # no personal data was shown


def test_membership_roles_do_not_leak_data_to_the_other_members_head_next_year(client, world, plan):
    """In 2025 Lai Vung heads the cluster, but the 2024 plan stays organised by Tháp Mười: Lai Vung's
    leader sees only Lai Vung's people in full."""
    assert ClusterMembership.objects.filter(
        cluster=world.cluster, year=2025, organization=world.member, role=MembershipRole.HEAD
    ).exists()
    client.force_login(world.users["member_approver"])
    page = client.get(reverse("registration:overview", args=[plan.pk])).content.decode()
    assert LAI_VUNG_ID in page
    assert CAO_LANH_ID not in page
