"""A consultation of the cluster's member units never blocks approval in silence: the plan page says
why approval waits and for whom, the approver may close it early with a reason or approve over the
missing answers once the deadline has passed (both logged), and an answer is changed only by its unit
or, on its behalf and never silently, by an administrator."""

import datetime

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusters.choices import OrganizationLevel
from clusters.models import ClusterMembership, Organization
from common.errors import ServiceError
from plans import policy, workflow
from plans.choices import AuditAction, ConsultationAnswer, PlanStatus
from plans.models import AuditEntry, ConsultationResponse, Notification

pytestmark = pytest.mark.django_db


def silent_unit(world, name="Ủy ban nhân dân huyện Cao Lãnh", short_name="UBND huyện Cao Lãnh"):
    """A member unit of the cluster in 2024 with nobody who can sign in for it."""
    unit = Organization.objects.create(
        name=name, short_name=short_name, level=OrganizationLevel.DISTRICT, parent=world.province
    )
    ClusterMembership.objects.create(cluster=world.cluster, organization=unit, year=2024)
    return unit


@pytest.fixture
def consulting(world):
    """The cluster's plan, submitted, asking its members' opinion for a week; one member has no account."""
    world.silent = silent_unit(world)
    plan = workflow.plan_submit(plan=world.cluster_plan, user=world.users["drafter"])
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    return workflow.consultation_open(plan=plan, user=world.users["approver"], deadline=deadline)


def page(client, user, plan):
    client.force_login(user)
    return client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def log(plan, action):
    return AuditEntry.objects.get(plan=plan, action=action)


def test_the_plan_page_tells_the_approver_and_the_drafter_why_approval_waits(client, world, consulting):
    deadline = f"{consulting.consultation_deadline:%d/%m/%Y}"
    for role in ("approver", "drafter"):
        html = page(client, world.users[role], consulting)
        assert "Kế hoạch chờ ý kiến các đơn vị thành viên" in html
        assert f"đến hết ngày {deadline}; còn 2 đơn vị chưa cho ý kiến" in html
        assert "UBND huyện Cao Lãnh, UBND huyện Lai Vung" in html
        assert "Chưa cho ý kiến (đơn vị chưa có tài khoản)" in html  # Cao Lãnh, not Lai Vung
        assert html.count("chưa có tài khoản") == 1
        assert reverse("plans:approve", args=[consulting.pk]) not in html
    assert reverse("plans:consultation_close", args=[consulting.pk]) in page(
        client, world.users["approver"], consulting
    )
    drafter_page = page(client, world.users["drafter"], consulting)
    assert reverse("plans:consultation_close", args=[consulting.pk]) not in drafter_page
    # The member unit is asked to answer, not told about the approval.
    assert "Kế hoạch chờ ý kiến" not in page(client, world.users["member_staff"], consulting)


def test_the_plan_page_queries_do_not_grow_with_the_units_awaited(client, world, consulting):
    client.force_login(world.users["approver"])
    url = reverse("plans:detail", args=[consulting.pk])
    # Both pages render the plan's parts and read the user's rights (else both come from the cache).
    cache.clear()
    with CaptureQueriesContext(transaction.get_connection()) as few:
        client.get(url)
    for number in range(5):
        silent_unit(world, name=f"Ủy ban nhân dân xã {number}", short_name=f"UBND xã {number}")
    cache.clear()
    with CaptureQueriesContext(transaction.get_connection()) as many:
        html = client.get(url).content.decode()
    assert "còn 7 đơn vị chưa cho ý kiến" in html
    assert len(many) == len(few)


def test_the_approver_closes_the_consultation_early_with_a_reason_and_approves(client, world, consulting):
    client.force_login(world.users["approver"])
    url = reverse("plans:consultation_close", args=[consulting.pk])
    response = client.post(url, {"reason": "   "})
    assert "Ghi rõ lý do kết thúc lấy ý kiến trước hạn." in response.content.decode()
    consulting.refresh_from_db()
    assert consulting.consultation_closed_at is None

    response = client.post(url, {"reason": "Cần ban hành kịp hội nghị sơ kết."}, follow=True)
    assert "Đã kết thúc lấy ý kiến" in response.content.decode()
    note = log(consulting, AuditAction.CONSULTATION_CLOSED).note
    assert "Lý do: Cần ban hành kịp hội nghị sơ kết." in note
    assert note.endswith("\nĐơn vị chưa cho ý kiến: UBND huyện Cao Lãnh, UBND huyện Lai Vung.")
    assert Notification.objects.filter(
        recipient=world.users["drafter"], action=AuditAction.CONSULTATION_CLOSED
    ).exists()

    consulting.refresh_from_db()
    assert policy.denial(world.users["member_staff"], policy.Action.ANSWER, consulting) is not None
    assert policy.denial(world.users["approver"], policy.Action.CLOSE_CONSULTATION, consulting) is not None
    assert not type(consulting).objects.filter(policy.asked_of(world.users["member_staff"])).exists()
    workflow.plan_approve(plan=consulting, user=world.users["approver"], note="Đồng ý.")
    approved = log(consulting, AuditAction.APPROVED)
    assert approved.note == "Đồng ý.\nĐơn vị chưa cho ý kiến: UBND huyện Cao Lãnh, UBND huyện Lai Vung."


def test_only_a_running_consultation_of_the_head_unit_is_closed_by_its_approver(world, consulting):
    with pytest.raises(ServiceError):
        workflow.consultation_close(plan=consulting, user=world.users["drafter"], reason="Gấp.")
    workflow.consultation_close(plan=consulting, user=world.users["approver"], reason="Gấp.")
    with pytest.raises(ServiceError, match="không đang trong thời gian lấy ý kiến"):
        workflow.consultation_close(plan=consulting, user=world.users["approver"], reason="Lần nữa.")
    # Withdrawn and submitted again, the plan is no longer under a closed consultation.
    workflow.plan_withdraw(plan=consulting, user=world.users["drafter"])
    consulting.refresh_from_db()
    assert consulting.consultation_closed_at is None
    assert consulting.consultation_deadline is None


def test_after_the_deadline_the_approval_names_the_units_that_did_not_answer(world, consulting):
    workflow.consultation_answer(
        plan=consulting,
        user=world.users["member_staff"],
        organization=world.member,
        answer=ConsultationAnswer.AGREE,
    )
    after = consulting.consultation_deadline + datetime.timedelta(days=1)
    assert policy.denial(world.users["approver"], policy.Action.APPROVE, consulting, today=after) is None
    assert policy.approval_wait(world.users["approver"], consulting, today=after) is None
    type(consulting).objects.filter(pk=consulting.pk).update(consultation_deadline=timezone.localdate())
    consulting.refresh_from_db()
    with pytest.raises(ServiceError, match=r"còn 1 đơn vị chưa cho ý kiến \(UBND huyện Cao Lãnh\)"):
        workflow.plan_approve(plan=consulting, user=world.users["approver"])
    type(consulting).objects.filter(pk=consulting.pk).update(
        consultation_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    consulting.refresh_from_db()
    workflow.plan_approve(plan=consulting, user=world.users["approver"])
    assert log(consulting, AuditAction.APPROVED).note == "Đơn vị chưa cho ý kiến: UBND huyện Cao Lãnh."
    consulting.refresh_from_db()
    assert consulting.status == PlanStatus.APPROVED


def test_a_unit_changes_its_own_answer_an_administrator_answers_on_its_behalf(client, world, consulting):
    workflow.consultation_answer(
        plan=consulting,
        user=world.users["member_staff"],
        organization=world.member,
        answer=ConsultationAnswer.AGREE,
    )
    workflow.consultation_answer(
        plan=consulting,
        user=world.users["member_approver"],
        organization=world.member,
        answer=ConsultationAnswer.COMMENT,
        comment="Đề nghị bổ sung kinh phí.",
    )
    own = ConsultationResponse.objects.get(plan=consulting, organization=world.member)
    assert (own.answer, own.on_behalf) == (ConsultationAnswer.COMMENT, False)
    with pytest.raises(ServiceError, match="Chỉ đơn vị thành viên"):  # not for another unit
        workflow.consultation_answer(
            plan=consulting,
            user=world.users["member_staff"],
            organization=world.silent,
            answer=ConsultationAnswer.AGREE,
        )

    admin = world.users["admin"]
    client.force_login(admin)
    url = reverse("plans:answer", args=[consulting.pk])
    html = client.get(url).content.decode()
    # The unit still to answer first; the one that answered is marked as such.
    assert html.index("UBND huyện Cao Lãnh") < html.index("UBND huyện Lai Vung")
    assert "đã cho ý kiến “Có ý kiến góp ý”, ghi mới sẽ thay ý kiến này" in html
    assert "Thay ý kiến đã có" in html

    typed = {"organization": world.member.pk, "answer": ConsultationAnswer.AGREE}
    html = client.post(url, typed).content.decode()
    assert "đã cho ý kiến (có ý kiến góp ý). Đánh dấu “Thay ý kiến đã có”" in html
    own.refresh_from_db()
    assert own.answer == ConsultationAnswer.COMMENT  # never silently overwritten

    client.post(url, {**typed, "replace": "on"})
    own.refresh_from_db()
    assert (own.answer, own.on_behalf, own.answered_by) == (ConsultationAnswer.AGREE, True, admin)
    notes = list(
        AuditEntry.objects.filter(plan=consulting, action=AuditAction.CONSULTATION_ANSWERED).values_list(
            "note", flat=True
        )
    )
    assert notes[-1] == "UBND huyện Lai Vung: Nhất trí (thay mặt đơn vị, thay ý kiến đã có)"

    client.post(url, {"organization": world.silent.pk, "answer": ConsultationAnswer.AGREE})
    silent = ConsultationResponse.objects.get(plan=consulting, organization=world.silent)
    assert silent.on_behalf
    html = page(client, world.users["approver"], consulting)
    assert html.count("quantri (thay mặt đơn vị), ") == 2  # in the table of answers
    assert "Kế hoạch chờ ý kiến" not in html  # every unit has answered


def test_one_answer_per_unit_is_a_database_rule(world, consulting):
    values = {"answer": ConsultationAnswer.AGREE, "answered_by": world.users["member_staff"]}
    ConsultationResponse.objects.create(plan=consulting, organization=world.member, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationResponse.objects.create(plan=consulting, organization=world.member, **values)


def test_the_consultation_form_marks_the_units_with_no_account(client, world):
    silent_unit(world)
    workflow.plan_submit(plan=world.cluster_plan, user=world.users["drafter"])
    client.force_login(world.users["approver"])
    html = client.get(reverse("plans:consult", args=[world.cluster_plan.pk])).content.decode()
    assert html.count("chưa có tài khoản") == 1
    assert 'UBND huyện Cao Lãnh <span class="muted">(chưa có tài khoản' in html


def test_the_closing_page_queries_do_not_grow_with_the_answers(client, world, consulting):
    client.force_login(world.users["approver"])
    url = reverse("plans:consultation_close", args=[consulting.pk])
    with CaptureQueriesContext(transaction.get_connection()) as few:
        client.get(url)
    for unit in (world.member, world.silent):
        ConsultationResponse.objects.create(
            plan=consulting,
            organization=unit,
            answer=ConsultationAnswer.AGREE,
            answered_by=world.users["admin"],
        )
    with CaptureQueriesContext(transaction.get_connection()) as many:
        html = client.get(url).content.decode()
    assert html.count("quantri, ") == 2
    assert len(many) <= len(few)  # fewer: no unit left to look up accounts for
