"""The life of a plan: submit, return with a reason, withdraw, consult the cluster, approve, issue with
the next number, correct an issued plan; each step logged and told to the people who must act."""

import datetime
import hashlib

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from activities.choices import GroupKind
from activities.models import ParticipantGroup
from common.errors import ServiceError
from plans import policy, services, workflow
from plans.choices import AuditAction, ConsultationAnswer, PlanStatus
from plans.models import AuditEntry, IssuedDocument, Notification, Plan
from plans.parts import PLAN_FIELDS
from tests.world import plan_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(world):
    return world.users


def submitted(plan, users):
    return workflow.plan_submit(plan=plan, user=users["drafter"])


def approved(plan, users):
    return workflow.plan_approve(plan=submitted(plan, users), user=users["approver"])


def actions_of(plan):
    return list(AuditEntry.objects.filter(plan=plan).order_by("at", "pk").values_list("action", flat=True))


def test_the_whole_path_logs_each_step_with_who_and_the_state_before_and_after(world, users):
    plan = world.own_plan
    submitted(plan, users)
    workflow.plan_return(plan=plan, user=users["approver"], reason="Bổ sung dự toán kinh phí.")
    workflow.plan_submit(plan=plan, user=users["drafter"])
    workflow.plan_approve(plan=plan, user=users["approver"])
    workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2024, 3, 5))

    assert actions_of(plan) == ["submitted", "returned", "submitted", "approved", "issued"]
    entries = list(AuditEntry.objects.filter(plan=plan).order_by("at", "pk"))
    assert [entry.actor.username for entry in entries] == [
        "soanthao",
        "pheduyet",
        "soanthao",
        "pheduyet",
        "vanthu",
    ]
    assert entries[1].note == "Bổ sung dự toán kinh phí."
    assert entries[1].changes["plan.status"] == {"before": "submitted", "after": "draft"}
    assert entries[4].changes["plan.number"] == {"before": None, "after": 1}
    assert entries[4].snapshot["plan"]["status"] == "issued"
    assert [entry.version for entry in entries] == [2, 3, 4, 5, 6]


def test_issuing_gives_the_next_number_the_full_date_and_freezes_the_pdf(
    world, users, django_capture_on_commit_callbacks
):
    first = approved(world.own_plan, users)
    second = approved(plan_of(world.own, subject="Tuyên truyền thi đua yêu nước"), users)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.plan_issue(plan=first, user=users["clerk"], issue_date=datetime.date(2024, 3, 5))
    workflow.plan_issue(plan=second, user=users["clerk"], issue_date=datetime.date(2024, 3, 6))

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.number, first.document_date) == ("issued", 1, datetime.date(2024, 3, 5))
    assert (second.number, second.full_symbol) == (2, "02/KH-UBND")
    document = IssuedDocument.objects.get(plan=first)
    assert document.pdf_bytes().startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(document.pdf_bytes()).hexdigest()
    assert document.context["header"]["number_line"] == "Số: 01/KH-UBND"
    assert document.context["header"]["date_line"] == "Tháp Mười, ngày 05 tháng 3 năm 2024"


def test_a_number_is_taken_in_the_register_of_the_issue_year(world, users):
    plan = approved(world.own_plan, users)
    workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2025, 1, 2))
    plan.refresh_from_db()
    assert (plan.number, plan.date_year, plan.year) == (1, 2025, 2024)


def test_a_future_issue_date_is_refused_on_its_field_and_nothing_is_numbered(world, users):
    plan = approved(world.own_plan, users)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=tomorrow)
    assert list(refused.value.errors) == ["issue_date"]
    plan.refresh_from_db()
    assert (plan.status, plan.number) == ("approved", None)


@pytest.mark.parametrize(
    ("step", "role"),
    [
        (workflow.plan_submit, "approver"),
        (workflow.plan_approve, "drafter"),
        (workflow.plan_issue, "approver"),
    ],
)
def test_a_step_by_the_wrong_role_is_refused_with_the_reason(world, users, step, role):
    plan = world.own_plan
    if step is not workflow.plan_submit:
        submitted(plan, users)
    if step is workflow.plan_issue:
        workflow.plan_approve(plan=plan, user=users["approver"])
    status = Plan.objects.get(pk=plan.pk).status
    with pytest.raises(ServiceError) as refused:
        step(plan=plan, user=users[role])
    assert "UBND huyện Tháp Mười" in refused.value.message
    assert Plan.objects.get(pk=plan.pk).status == status


def test_a_return_needs_a_reason(world, users):
    plan = submitted(world.own_plan, users)
    with pytest.raises(ServiceError) as refused:
        workflow.plan_return(plan=plan, user=users["approver"], reason="   ")
    assert refused.value.errors == {"reason": [workflow.REASON_REQUIRED_MESSAGE]}
    assert Plan.objects.get(pk=plan.pk).status == "submitted"


def test_the_drafter_reads_the_reason_on_the_plan_page(world, users, client):
    plan = submitted(world.own_plan, users)
    workflow.plan_return(plan=plan, user=users["approver"], reason="Sửa lại thành phần tham dự lớp 2.")
    client.force_login(users["drafter"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Kế hoạch bị trả lại để sửa" in page
    assert "Sửa lại thành phần tham dự lớp 2." in page
    workflow.plan_submit(plan=plan, user=users["drafter"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Kế hoạch bị trả lại để sửa" not in page


def test_the_drafter_withdraws_before_approval_but_not_after(world, users):
    plan = submitted(world.own_plan, users)
    workflow.plan_withdraw(plan=plan, user=users["drafter"])
    assert Plan.objects.get(pk=plan.pk).status == "draft"
    approved(plan, users)
    with pytest.raises(ServiceError, match="chờ phê duyệt"):
        workflow.plan_withdraw(plan=plan, user=users["drafter"])


def test_a_plan_that_is_not_a_draft_cannot_be_saved(world, users):
    plan = submitted(world.own_plan, users)
    fields = {name: getattr(plan, name) for name in PLAN_FIELDS}
    with pytest.raises(ServiceError):
        services.plan_update(plan=plan, user=users["drafter"], fields={**fields, "subject": "Sửa lén"})
    assert Plan.objects.get(pk=plan.pk).subject != "Sửa lén"


def test_an_issued_plan_cannot_be_edited_in_the_browser_and_says_why(world, users, client):
    plan = approved(world.own_plan, users)
    workflow.plan_issue(plan=plan, user=users["clerk"])
    client.force_login(users["drafter"])
    response = client.get(reverse("plans:edit", args=[plan.pk]))
    assert response.status_code == 403
    assert "đã ban hành nên không sửa được" in response.content.decode()
    response = client.post(reverse("plans:edit", args=[plan.pk]), {"subject": "Sửa sau khi ban hành"})
    assert response.status_code == 403
    assert Plan.objects.get(pk=plan.pk).subject == world.own_plan.subject


def test_a_correction_is_a_new_draft_linked_to_the_issued_plan_which_stays_as_issued(world, users):
    plan = approved(world.own_plan, users)
    workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2024, 3, 5))
    correction = workflow.correction_start(plan=plan, user=users["drafter"])
    assert (correction.status, correction.corrects_id, correction.number) == ("draft", plan.pk, None)
    approved(correction, users)
    workflow.plan_issue(plan=correction, user=users["clerk"], issue_date=datetime.date(2024, 3, 9))
    correction.refresh_from_db()
    plan.refresh_from_db()
    assert (plan.status, plan.number, correction.number) == ("issued", 1, 2)
    assert actions_of(plan)[-1] == AuditAction.CORRECTION_STARTED


def test_a_cluster_plan_is_approved_by_the_head_of_its_own_year_whoever_heads_later(world, users):
    plan_2024 = world.cluster_plan
    plan_2025 = plan_of(world.cluster, year=2025, subject="Kế hoạch thi đua của Cụm năm 2025")
    lai_vung_drafter = users["member_staff"]  # member staff may not draft, even for the 2025 head
    with pytest.raises(ServiceError):
        workflow.plan_submit(plan=plan_2025, user=lai_vung_drafter)
    submitted(plan_2024, users)
    # Lai Vung heads the cluster in 2025: its leader does not approve Tháp Mười's 2024 plan.
    with pytest.raises(ServiceError, match="UBND huyện Tháp Mười"):
        workflow.plan_approve(plan=plan_2024, user=users["member_approver"])
    workflow.plan_approve(plan=plan_2024, user=users["approver"])
    assert Plan.objects.get(pk=plan_2024.pk).status == "approved"

    plan_2025.status = PlanStatus.SUBMITTED
    plan_2025.save()
    assert policy.denial(users["approver"], policy.Action.APPROVE, plan_2025) is not None
    assert policy.denial(users["member_approver"], policy.Action.APPROVE, plan_2025) is None


def test_a_consultation_holds_approval_until_every_member_answers(world, users):
    plan = submitted(world.cluster_plan, users)
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    workflow.consultation_open(plan=plan, user=users["approver"], deadline=deadline)
    with pytest.raises(ServiceError, match="còn 1 đơn vị"):
        workflow.plan_approve(plan=plan, user=users["approver"])

    with pytest.raises(ServiceError) as refused:
        workflow.consultation_answer(
            plan=plan,
            user=users["member_staff"],
            organization=world.member,
            answer=ConsultationAnswer.COMMENT,
        )
    assert list(refused.value.errors) == ["comment"]
    workflow.consultation_answer(
        plan=plan,
        user=users["member_staff"],
        organization=world.member,
        answer=ConsultationAnswer.COMMENT,
        comment="Đề nghị lùi thời gian sang tháng 8.",
    )
    workflow.plan_approve(plan=plan, user=users["approver"])
    assert actions_of(plan) == ["submitted", "consultation_opened", "consultation_answered", "approved"]


def test_after_the_deadline_the_plan_is_approved_without_the_missing_answers(world, users):
    plan = submitted(world.cluster_plan, users)
    deadline = timezone.localdate()
    workflow.consultation_open(plan=plan, user=users["approver"], deadline=deadline)
    plan.refresh_from_db()
    assert policy.denial(users["approver"], policy.Action.APPROVE, plan, today=deadline) is not None
    after = deadline + datetime.timedelta(days=1)
    assert policy.denial(users["approver"], policy.Action.APPROVE, plan, today=after) is None
    assert policy.denial(users["member_staff"], policy.Action.ANSWER, plan, today=after) is not None


def test_only_member_units_answer_and_only_cluster_plans_are_consulted(world, users):
    plan = submitted(world.cluster_plan, users)
    workflow.consultation_open(plan=plan, user=users["approver"], deadline=timezone.localdate())
    with pytest.raises(ServiceError):
        workflow.consultation_answer(
            plan=plan, user=users["outsider"], organization=world.other, answer=ConsultationAnswer.AGREE
        )
    own = submitted(world.own_plan, users)
    with pytest.raises(ServiceError, match="cụm, khối"):
        workflow.consultation_open(plan=own, user=users["approver"], deadline=timezone.localdate())


def test_each_step_tells_the_people_who_must_act_in_the_app_and_by_email(
    world, users, django_capture_on_commit_callbacks
):
    plan = world.own_plan
    with django_capture_on_commit_callbacks(execute=True):
        submitted(plan, users)
    assert list(Notification.objects.values_list("recipient__username", "action")) == [
        ("pheduyet", "submitted")
    ]
    assert [message.to for message in mail.outbox] == [["pheduyet@example.invalid"]]
    assert "chờ phê duyệt" in mail.outbox[0].body
    assert reverse("plans:detail", args=[plan.pk]) in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        workflow.plan_return(plan=plan, user=users["approver"], reason="Thiếu dự toán.")
    returned = Notification.objects.get(action="returned")
    assert (returned.recipient.username, "Thiếu dự toán." in returned.message) == ("soanthao", True)

    with django_capture_on_commit_callbacks(execute=True):
        approved(plan, users)
    assert set(
        Notification.objects.filter(action="approved").values_list("recipient__username", flat=True)
    ) == {"vanthu", "soanthao"}
    with django_capture_on_commit_callbacks(execute=True):
        workflow.plan_issue(plan=plan, user=users["clerk"])
    assert set(
        Notification.objects.filter(action="issued").values_list("recipient__username", flat=True)
    ) == {
        "soanthao",
        "pheduyet",
    }
    assert len(mail.outbox) == 7  # approver, drafter, approver, clerk + drafter, drafter + approver


def test_a_refused_step_tells_nobody(world, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        workflow.plan_approve(plan=world.own_plan, user=users["approver"])
    assert (Notification.objects.count(), len(mail.outbox), AuditEntry.objects.count()) == (0, 0, 0)


def test_the_notification_list_shows_new_ones_and_marks_them_read(world, users, client):
    submitted(world.own_plan, users)
    client.force_login(users["approver"])
    home = client.get(reverse("home")).content.decode()
    assert '1<span class="visually-hidden"> thông báo chưa đọc</span>' in home
    assert world.own_plan.subject in home  # under "Chờ bạn phê duyệt"
    page = client.get(reverse("plans:notifications")).content.decode()
    assert "đã trình kế hoạch" in page
    client.post(reverse("plans:notifications_read"))
    assert Notification.objects.get().read_at is not None
    assert "thông báo chưa đọc" not in client.get(reverse("home")).content.decode()


def test_the_buttons_on_the_plan_page_follow_the_users_rights(world, users, client):
    plan = submitted(world.own_plan, users)
    client.force_login(users["approver"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Phê duyệt" in page
    assert "Trả lại để sửa" in page
    assert "Sửa kế hoạch" not in page
    client.force_login(users["drafter"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Rút lại để sửa" in page
    assert ">Phê duyệt<" not in page


def test_the_return_form_keeps_the_page_and_says_the_reason_is_missing(world, users, client):
    plan = submitted(world.own_plan, users)
    client.force_login(users["approver"])
    response = client.post(reverse("plans:return", args=[plan.pk]), {"reason": ""})
    assert response.status_code == 200
    assert workflow.REASON_REQUIRED_MESSAGE in response.content.decode()
    response = client.post(reverse("plans:return", args=[plan.pk]), {"reason": "Thiếu căn cứ."})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "draft"


def test_the_issue_form_refuses_a_date_that_is_not_a_date_next_to_the_field(world, users, client):
    plan = approved(world.own_plan, users)
    client.force_login(users["clerk"])
    response = client.post(reverse("plans:issue", args=[plan.pk]), {"issue_date": "31/02/2024"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert 'value="31/02/2024"' in response.content.decode()
    response = client.post(reverse("plans:issue", args=[plan.pk]), {"issue_date": "05/03/2024"})
    assert response.status_code == 302
    pdf = client.get(reverse("plans:document_pdf", args=[plan.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_a_step_clicked_on_a_stale_page_is_refused_with_a_message_not_an_error(world, users, client):
    plan = submitted(world.own_plan, users)
    client.force_login(users["drafter"])
    workflow.plan_approve(plan=plan, user=users["approver"])
    response = client.post(reverse("plans:withdraw", args=[plan.pk]), follow=True)
    assert response.status_code == 403
    assert "Chỉ rút lại được kế hoạch đang chờ phê duyệt." in response.content.decode()


def test_a_cluster_plan_is_numbered_in_the_clusters_register_and_its_members_are_told(world, users):
    plan = approved(world.cluster_plan, users)
    workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2024, 7, 1))
    plan.refresh_from_db()
    assert (plan.full_symbol, plan.effective_place_name) == ("01/KH-CTĐ", "Tháp Mười")
    told = set(Notification.objects.filter(action="issued").values_list("recipient__username", flat=True))
    assert told == {"soanthao", "pheduyet", "thanhvien", "lanhdaolaivung"}


def test_a_pdf_not_rendered_right_after_issue_is_rendered_and_kept_on_first_print(world, users, client):
    plan = approved(world.own_plan, users)
    workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2024, 3, 5))  # no commit
    assert IssuedDocument.objects.get(plan=plan).sha256 == ""
    client.force_login(users["drafter"])
    first = client.get(reverse("plans:document_pdf", args=[plan.pk])).content
    document = IssuedDocument.objects.get(plan=plan)
    assert document.sha256 == hashlib.sha256(first).hexdigest()
    assert client.get(reverse("plans:document_pdf", args=[plan.pk])).content == first


def test_a_user_who_does_not_draft_for_the_issuer_cannot_save_even_a_single_field(world, users):
    with pytest.raises(ServiceError) as refused:
        services.plan_update(
            plan=world.own_plan, user=users["member_staff"], fields={"subject": "Sửa trái phép"}
        )
    assert "UBND huyện Tháp Mười" in refused.value.messages[0]
    assert Plan.objects.get(pk=world.own_plan.pk).subject != "Sửa trái phép"


def test_a_subject_pasted_with_line_breaks_never_fails_a_step(
    world, users, django_capture_on_commit_callbacks
):
    plan = world.own_plan
    Plan.objects.filter(pk=plan.pk).update(subject="Tập huấn nghiệp vụ\r\ncông tác thi đua\nnăm 2024")
    plan.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        approved(plan, users)
    with django_capture_on_commit_callbacks(execute=True):
        issued = workflow.plan_issue(plan=plan, user=users["clerk"])
    assert issued.status == PlanStatus.ISSUED
    assert IssuedDocument.objects.get(plan=plan).sha256  # the PDF is attached
    assert mail.outbox
    assert all("\n" not in message.subject and "\r" not in message.subject for message in mail.outbox)


def test_a_failing_mail_server_never_fails_the_issue_nor_its_pdf(
    world, users, monkeypatch, django_capture_on_commit_callbacks
):
    plan = approved(world.own_plan, users)

    def refuse(backend, messages):
        raise RuntimeError("the mail server went away")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        issued = workflow.plan_issue(plan=plan, user=users["clerk"])
    document = IssuedDocument.objects.get(plan=issued)
    assert hashlib.sha256(document.pdf_bytes()).hexdigest() == document.sha256
    assert Notification.objects.filter(plan=plan, action=AuditAction.ISSUED).exists()


def test_the_issue_notice_tells_each_member_unit_its_quota_deadline_and_where_to_register(world, users):
    plan = world.cluster_plan
    deadline = datetime.date(2024, 8, 10)
    Plan.objects.filter(pk=plan.pk).update(registration_deadline=deadline)
    group = ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=4)
    group.units.set([world.member])
    plan.refresh_from_db()
    workflow.plan_issue(plan=approved(plan, users), user=users["clerk"])
    member = Notification.objects.get(recipient=users["member_staff"], action=AuditAction.ISSUED)
    link = reverse("registration:unit", args=[plan.pk]) + f"?unit={world.member.pk}"
    assert member.message.endswith(
        f"UBND huyện Lai Vung được phân bổ 4 người; hạn đăng ký danh sách đến hết ngày 10/08/2024. "
        f"Đăng ký tại: {settings.SITE_URL}{link}"
    )
    head = Notification.objects.get(recipient=users["drafter"], action=AuditAction.ISSUED)
    assert "được phân bổ" not in head.message
