"""Đăng ký thi đua: the head unit opens the call, each member unit registers as a paper signed by its
head, the head sees every sent registration and the compiled list, and no unit sees another's draft."""

import datetime
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from clusters.choices import StaffRole
from clusters.models import ClusterMembership, Organization
from common.errors import ServiceError
from emulation.models import Award, CallReminder, CallReopening, Registration, RegistrationCall
from emulation.reminders import registration_call_reminders
from emulation.services.registrations import (
    DEADLINE_PAST_MESSAGE,
    DUPLICATE_MESSAGE,
    NOT_DRAFT_MESSAGE,
    PERSON_MESSAGE,
    call_open,
    line_add,
    registration_start,
)
from plans import workflow
from plans.documents.context import build_plan_context
from plans.models import Plan
from tests.world import _user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    """The world's users and Lai Vung's own drafter and records clerk, who register for it."""
    return {
        **world.users,
        "member_drafter": _user("soanthaolaivung", body=world.member, role=StaffRole.DRAFTER),
        "member_clerk": _user("vanthulaivung", body=world.member, role=StaffRole.CLERK),
    }


@pytest.fixture
def call(world, people):
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    return call_open(user=people["drafter"], cluster=world.cluster, year=2024, deadline=deadline)


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def sent_registration(call, world, people) -> Registration:
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    line_add(
        user=people["member_drafter"], registration=registration, award=award("tap-the-lao-dong-xuat-sac")
    )
    line_add(
        user=people["member_drafter"],
        registration=registration,
        award=award("chien-si-thi-dua-co-so"),
        person_name="Trần  Thị Bình",
        position="Phó Chủ tịch UBND huyện",
    )
    issue(registration.document, people)
    registration.document.refresh_from_db()
    return registration


def issue(document, people) -> None:
    """Signed by Lai Vung's chairman (typed in the editor), approved and numbered by Lai Vung."""
    Plan.objects.filter(pk=document.pk).update(signer_name="Nguyễn Văn Lai")
    document.refresh_from_db()
    workflow.plan_submit(plan=document, user=people["member_drafter"])
    workflow.plan_approve(plan=document, user=people["member_approver"])
    workflow.plan_issue(plan=document, user=people["member_clerk"], confirm_date=True)


def test_a_unit_registers_as_a_paper_that_prints_its_titles_and_is_numbered_when_issued(call, world, people):
    registration = sent_registration(call, world, people)

    document = registration.document
    assert document.full_symbol.endswith("/ĐKTĐ-UBND")
    context = document.issued_document.context
    assert context["title"] == "ĐĂNG KÝ THI ĐUA"
    tables = [item for item in context["body"] if item.get("type") == "table"]
    assert [table["rows"] for table in tables] == [
        [["1", "Tập thể lao động xuất sắc"]],
        [["1", "Trần Thị Bình", "Phó Chủ tịch UBND huyện", "Chiến sĩ thi đua cơ sở"]],
    ]


def test_an_individual_title_needs_a_name_and_a_title_is_registered_once(call, world, people):
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    with pytest.raises(ServiceError) as error:
        line_add(user=people["member_drafter"], registration=registration, award=award("lao-dong-tien-tien"))
    assert error.value.errors == {"person_name": [PERSON_MESSAGE]}
    line_add(user=people["member_drafter"], registration=registration, award=award("giay-khen"))
    with pytest.raises(ServiceError) as error:
        line_add(user=people["member_drafter"], registration=registration, award=award("giay-khen"))
    assert error.value.errors == {"award": [DUPLICATE_MESSAGE.format(award="Giấy khen")]}


def test_the_lines_are_frozen_once_the_paper_is_submitted(call, world, people):
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    workflow.plan_submit(plan=registration.document, user=people["member_drafter"])
    with pytest.raises(ServiceError) as error:
        line_add(user=people["member_drafter"], registration=registration, award=award("giay-khen"))
    assert error.value.message == NOT_DRAFT_MESSAGE


def test_the_head_sees_a_units_registration_only_once_sent_and_compiles_the_list(client, call, world, people):
    draft = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    line_add(user=people["member_drafter"], registration=draft, award=award("giay-khen"))
    client.force_login(people["approver"])  # Tháp Mười, head of the cluster in 2024

    page = client.get(reverse("emulation:call_detail", args=[call.pk])).content.decode()
    assert "UBND huyện Lai Vung" in page
    assert "Chưa gửi bản đăng ký" in page
    assert draft.get_absolute_url() not in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:detail", args=[draft.document.pk])).status_code == 404

    line_add(user=people["member_drafter"], registration=draft, award=award("tap-the-lao-dong-xuat-sac"))
    issue(draft.document, people)

    assert client.get(draft.get_absolute_url()).status_code == 200
    workbook = load_workbook(BytesIO(client.get(reverse("emulation:call_export", args=[call.pk])).content))
    rows = [row for row in workbook.active.iter_rows(values_only=True) if row[0] and str(row[0]).isdigit()]
    assert [(row[1], row[3]) for row in rows] == [
        ("Ủy ban nhân dân huyện Lai Vung", "Tập thể lao động xuất sắc"),
        ("Ủy ban nhân dân huyện Lai Vung", "Giấy khen"),
        ("Ủy ban nhân dân huyện Tháp Mười", "Chưa gửi bản đăng ký"),
    ]


def test_the_head_opens_a_member_units_paper_as_pdf_once_sent_never_its_draft(client, call, world, people):
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    line_add(
        user=people["member_drafter"], registration=registration, award=award("tap-the-lao-dong-xuat-sac")
    )
    url = reverse("emulation:registration_pdf", args=[registration.pk])
    client.force_login(people["approver"])  # the head's chairman
    assert client.get(url).status_code == 404
    client.force_login(people["member_drafter"])
    assert client.get(url).status_code == 200
    assert "Bản đăng ký (PDF)" in client.get(registration.get_absolute_url()).content.decode()
    Plan.objects.filter(pk=registration.document_id).update(status="issued")
    client.force_login(people["approver"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    # The head still does not read the member's other plans.
    assert client.get(reverse("plans:detail", args=[registration.document_id])).status_code == 404


def test_a_member_unit_sees_its_own_row_but_never_another_units_registration(client, call, world, people):
    own_draft = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    head_draft = registration_start(user=people["drafter"], call=call, unit=world.own)
    client.force_login(people["member_staff"])

    page = client.get(reverse("emulation:call_detail", args=[call.pk])).content.decode()
    assert own_draft.get_absolute_url() in page
    assert "Tháp Mười" not in page
    assert client.get(own_draft.get_absolute_url()).status_code == 200
    assert client.get(head_draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("emulation:call_export", args=[call.pk])).status_code == 403


def test_no_registration_after_the_deadline(call, world, people):
    call.deadline = timezone.localdate() - datetime.timedelta(days=1)
    call.save()
    with pytest.raises(ServiceError, match="Đã hết hạn đăng ký thi đua"):
        registration_start(user=people["member_drafter"], call=call, unit=world.member)


def test_the_head_reopens_a_closed_call_with_a_new_deadline_which_is_recorded(client, call, world, people):
    passed = timezone.localdate() - datetime.timedelta(days=1)
    RegistrationCall.objects.filter(pk=call.pk).update(deadline=passed)
    url = reverse("emulation:call_reopen", args=[call.pk])
    # A member unit's staff may not; a date already past is refused next to the field, as typed.
    client.force_login(people["member_drafter"])
    assert client.post(url, {"deadline": "31/12/2030"}).status_code == 403
    client.force_login(people["drafter"])
    response = client.post(url, {"deadline": f"{passed:%d/%m/%Y}"})
    assert response.status_code == 200
    assert response.context["reopen_form"].errors["deadline"] == [DEADLINE_PAST_MESSAGE]
    assert f'value="{passed:%d/%m/%Y}"' in response.content.decode()

    until = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(url, {"deadline": f"{until:%d/%m/%Y}"}, follow=True)
    assert f"Đã mở lại đăng ký thi đua đến hết ngày {until:%d/%m/%Y}." in response.content.decode()
    [reopening] = CallReopening.objects.filter(call=call)
    assert (reopening.previous_deadline, reopening.deadline, reopening.reopened_by) == (
        passed,
        until,
        people["drafter"],
    )
    assert f"hạn {passed:%d/%m/%Y} → {until:%d/%m/%Y}" in response.content.decode()
    # The unit registers again.
    call.refresh_from_db()
    assert (
        registration_start(user=people["member_drafter"], call=call, unit=world.member).unit == world.member
    )


def test_units_that_have_not_sent_are_reminded_once_before_the_deadline(
    call, world, people, settings, django_capture_on_commit_callbacks
):
    sent_registration(call, world, people)  # Lai Vung sent; Tháp Mười has not
    call.deadline = timezone.localdate() + datetime.timedelta(days=settings.DEADLINE_REMINDER_DAYS)
    call.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = registration_call_reminders()

    # Tháp Mười's approver and the drafter of its office; not its clerk, nobody of Lai Vung.
    reminded = set(CallReminder.objects.values_list("recipient__username", flat=True))
    assert reminded == {"pheduyet", "soanthao"}
    assert told == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "pheduyet@example.invalid",
        "soanthao@example.invalid",
    ]
    assert "UBND huyện Tháp Mười chưa gửi bản đăng ký thi đua năm 2024" in mail.outbox[0].body
    assert registration_call_reminders() == 0


def test_the_call_page_costs_the_same_with_more_units(
    client, call, world, people, django_assert_max_num_queries
):
    client.force_login(people["approver"])
    url = reverse("emulation:call_detail", args=[call.pk])
    client.get(url)
    for index in range(15):
        unit = Organization.objects.create(name=f"UBND xã số {index}", level="commune", abbreviation="UBND")
        ClusterMembership.objects.create(cluster=world.cluster, organization=unit, year=2024)
        drafter = _user(f"soanthao{index}", body=unit, role=StaffRole.DRAFTER)
        registration = registration_start(user=drafter, call=call, unit=unit)
        line_add(user=drafter, registration=registration, award=award("giay-khen"))
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("emulation:call_export", args=[call.pk])).status_code == 200


def test_the_registration_prints_an_empty_line_instead_of_nothing(call, world, people):
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    body = build_plan_context(registration.document)["body"]
    assert body[0]["runs"][0]["text"].startswith("(Chưa đăng ký danh hiệu nào.)")


def test_a_registration_page_costs_the_same_with_more_lines(
    client, call, world, people, django_assert_max_num_queries
):
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    client.force_login(people["member_drafter"])
    for index in range(12):
        line_add(
            user=people["member_drafter"],
            registration=registration,
            award=award("lao-dong-tien-tien"),
            person_name=f"Nguyễn Văn {index}",
        )
    with django_assert_max_num_queries(20):
        assert client.get(registration.get_absolute_url()).status_code == 200


def test_a_line_typed_wrong_keeps_what_was_typed_and_says_why(client, call, world, people):
    registration = registration_start(user=people["member_drafter"], call=call, unit=world.member)
    client.force_login(people["member_drafter"])
    response = client.post(
        registration.get_absolute_url(),
        {"award": award("lao-dong-tien-tien").pk, "person_name": "", "position": "Chuyên viên\x0b phòng"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert PERSON_MESSAGE in page
    assert "phòng" in page
    assert not registration.lines.exists()
