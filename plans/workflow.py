"""The life of a plan: draft → submitted → approved → issued, with returns, withdrawal, the cluster's
consultation of its member units, and corrections of issued plans.

Each transition takes the acting user, runs in one transaction on the locked plan row, asks
`plans.policy` again on that row (the page the user clicked may be stale), and writes its
change-log row and its notifications in the same transaction.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from common.errors import ServiceError
from common.years import FIRST_YEAR, YEAR_MESSAGE
from plans import issue_gates, notifications, policy
from plans.audit import plan_snapshot, record_change
from plans.choices import AuditAction, ConsultationAnswer, PlanStatus
from plans.documents.format_check import issue_findings
from plans.documents.pdf import probe_document_font
from plans.issuing import attach_pdf_after_commit, freeze_context
from plans.locking import lock_plan
from plans.models import ConsultationResponse, Plan
from plans.numbering import allocate_number, issue_date_floor
from plans.services import plan_copy

REASON_REQUIRED_MESSAGE = "Ghi rõ lý do trả lại để người soạn thảo biết cần sửa gì."
COMMENT_REQUIRED_MESSAGE = "Ghi nội dung góp ý (hoặc chọn “Nhất trí”)."
FUTURE_DATE_MESSAGE = "Ngày ban hành không được sau ngày hôm nay."
DEADLINE_PAST_MESSAGE = "Hạn cho ý kiến phải từ ngày hôm nay trở đi."
BEFORE_REGISTER_MESSAGE = (
    "Ngày ban hành không được trước ngày {floor:%d/%m/%Y}, ngày của văn bản gần nhất trong sổ năm {year}."
)
FAR_DATE_MESSAGE = (
    "Ngày ban hành {day:%d/%m/%Y} cách năm {year} của kế hoạch hơn một năm; kiểm tra lại ngày, "
    "hoặc đánh dấu xác nhận nếu đúng là ngày ký."
)
FORMAT_ERRORS_MESSAGE = "Chưa ban hành được: văn bản còn lỗi thể thức phải sửa trước (xem danh sách)."
FORMAT_WARNINGS_MESSAGE = (
    "Văn bản còn điểm cần xem lại về thể thức (xem danh sách); đánh dấu xác nhận để vẫn ban hành."
)
NO_MEMBERS_MESSAGE = "Cụm không có đơn vị thành viên nào khác trong năm {year} để lấy ý kiến."
CLOSE_REASON_REQUIRED_MESSAGE = "Ghi rõ lý do kết thúc lấy ý kiến trước hạn."
REPLACE_CONFIRM_MESSAGE = (
    "{unit} đã cho ý kiến ({answer}). Đánh dấu “Thay ý kiến đã có” nếu muốn ghi ý kiến mới thay mặt đơn vị."
)


def _unit_names(units) -> str:
    return ", ".join(unit.short_name or unit.name for unit in units)


def _move(plan: Plan, user, *, status: str, action: str, note: str = "", then=None, **fields) -> Plan:
    """Move the plan on, log it, run `then(plan)` (what must follow the step before anyone is told),
    and notify the people who act next."""
    before = plan_snapshot(plan)
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.version += 1
    plan.save()
    record_change(plan=plan, actor=user, action=action, before=before, note=note)
    if then is not None:
        then(plan)
    notifications.notify(plan=plan, action=action, actor=user, note=note)
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan, user) -> Plan:
    plan = lock_plan(plan, user, policy.Action.SUBMIT)
    return _move(plan, user, status=PlanStatus.SUBMITTED, action=AuditAction.SUBMITTED)


@transaction.atomic
def plan_withdraw(*, plan: Plan, user) -> Plan:
    plan = lock_plan(plan, user, policy.Action.WITHDRAW)
    plan.consultation_responses.all().delete()
    return _move(
        plan,
        user,
        status=PlanStatus.DRAFT,
        action=AuditAction.WITHDRAWN,
        consultation_deadline=None,
        consultation_closed_at=None,
    )


@transaction.atomic
def plan_return(*, plan: Plan, user, reason: str) -> Plan:
    """Back to draft with the approver's reason, which the drafters read on the plan page."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED_MESSAGE, field="reason")
    plan = lock_plan(plan, user, policy.Action.RETURN)
    # A new submission asks the members again, on the text they will then read.
    plan.consultation_responses.all().delete()
    return _move(
        plan,
        user,
        status=PlanStatus.DRAFT,
        action=AuditAction.RETURNED,
        note=reason,
        consultation_deadline=None,
        consultation_closed_at=None,
    )


@transaction.atomic
def consultation_open(*, plan: Plan, user, deadline: datetime.date) -> Plan:
    """Ask every member unit of the cluster (of the plan's year) to agree or comment by `deadline`."""
    today = timezone.localdate()
    if deadline < today:
        raise ServiceError(DEADLINE_PAST_MESSAGE, field="deadline")
    plan = lock_plan(plan, user, policy.Action.CONSULT)
    if not policy.consulted_units(plan):
        raise ServiceError(NO_MEMBERS_MESSAGE.format(year=plan.year))
    plan.consultation_deadline = deadline
    plan.version += 1
    plan.save(update_fields=["consultation_deadline", "version", "updated_at"])
    note = f"Hạn cho ý kiến: {deadline:%d/%m/%Y}"
    record_change(plan=plan, actor=user, action=AuditAction.CONSULTATION_OPENED, note=note)
    notifications.notify(plan=plan, action=AuditAction.CONSULTATION_OPENED, actor=user, note=note)
    return plan


@transaction.atomic
def consultation_answer(
    *, plan: Plan, user, organization, answer: str, comment: str = "", replace: bool = False
) -> ConsultationResponse:
    """A member unit's opinion; it may change its answer until the deadline. Only the unit's own staff
    change it silently: an administrator answers on its behalf (so recorded), and replaces an answer
    already given only when `replace` says so."""
    comment = (comment or "").strip()
    if answer not in ConsultationAnswer.values:
        raise ServiceError("Chọn “Nhất trí” hoặc “Có ý kiến góp ý”.", field="answer")
    if answer == ConsultationAnswer.COMMENT and not comment:
        raise ServiceError(COMMENT_REQUIRED_MESSAGE, field="comment")
    plan = lock_plan(plan, user, policy.Action.ANSWER)
    if organization not in policy.answering_units(user, plan):
        raise ServiceError(policy.NOT_MEMBER_MESSAGE.format(year=plan.year), field="organization")
    on_behalf = policy.answers_on_behalf(user, organization)
    existing = plan.consultation_responses.filter(organization=organization).first()
    if on_behalf and existing is not None and not replace:
        raise ServiceError(
            REPLACE_CONFIRM_MESSAGE.format(unit=organization, answer=existing.get_answer_display().lower()),
            field="replace",
        )
    response, _ = ConsultationResponse.objects.update_or_create(
        plan=plan,
        organization=organization,
        defaults={
            "answer": answer,
            "comment": comment,
            "answered_by": user,
            "answered_at": timezone.now(),
            "on_behalf": on_behalf,
        },
    )
    label = ConsultationAnswer(answer).label
    note = f"{organization.short_name or organization.name}: {label}" + (f" – {comment}" if comment else "")
    if on_behalf:
        note += " (thay mặt đơn vị" + (", thay ý kiến đã có" if existing else "") + ")"
    record_change(plan=plan, actor=user, action=AuditAction.CONSULTATION_ANSWERED, note=note)
    notifications.notify(plan=plan, action=AuditAction.CONSULTATION_ANSWERED, actor=user, note=note)
    return response


@transaction.atomic
def consultation_close(*, plan: Plan, user, reason: str) -> Plan:
    """The approver ends the consultation before its deadline, with a reason; the plan may then be
    approved without the answers still missing, which the change log names."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(CLOSE_REASON_REQUIRED_MESSAGE, field="reason")
    plan = lock_plan(plan, user, policy.Action.CLOSE_CONSULTATION)
    waiting = policy.waiting_units(plan)
    plan.consultation_closed_at = timezone.now()
    plan.version += 1
    plan.save(update_fields=["consultation_closed_at", "version", "updated_at"])
    note = f"Kết thúc lấy ý kiến trước hạn {plan.consultation_deadline:%d/%m/%Y}. Lý do: {reason}"
    if waiting:
        note += f"\nĐơn vị chưa cho ý kiến: {_unit_names(waiting)}."
    record_change(plan=plan, actor=user, action=AuditAction.CONSULTATION_CLOSED, note=note)
    notifications.notify(plan=plan, action=AuditAction.CONSULTATION_CLOSED, actor=user, note=note)
    return plan


@transaction.atomic
def plan_approve(*, plan: Plan, user, note: str = "") -> Plan:
    plan = lock_plan(plan, user, policy.Action.APPROVE)
    note = (note or "").strip()
    # Approved over missing answers (deadline passed or consultation closed): say whose.
    if waiting := policy.waiting_units(plan):
        missing = f"Đơn vị chưa cho ý kiến: {_unit_names(waiting)}."
        note = f"{note}\n{missing}" if note else missing
    return _move(plan, user, status=PlanStatus.APPROVED, action=AuditAction.APPROVED, note=note)


def default_issue_date(plan: Plan) -> datetime.date:
    """The date the issue form offers: the one typed in the draft if whole and not ahead, else today."""
    today = timezone.localdate()
    typed = plan.document_date
    return typed if typed is not None and typed <= today else today


def _check_issue(plan: Plan, issue_date: datetime.date, *, confirm_date: bool, confirm_warnings: bool) -> str:
    """Refuse an issue the date or the format check rules out; the note of what was confirmed."""
    if issue_date > timezone.localdate():
        raise ServiceError(FUTURE_DATE_MESSAGE, field="issue_date")
    if issue_date.year < FIRST_YEAR:
        raise ServiceError(YEAR_MESSAGE, field="issue_date")
    floor = issue_date_floor(plan.issuer, issue_date.year, plan.document_facts.prefix)
    if floor is not None and issue_date < floor:
        raise ServiceError(
            BEFORE_REGISTER_MESSAGE.format(floor=floor, year=issue_date.year), field="issue_date"
        )
    far = abs(issue_date.year - plan.year) > 1
    if far and not confirm_date:
        raise ServiceError(FAR_DATE_MESSAGE.format(day=issue_date, year=plan.year), field="confirm_date")
    if gates := issue_gates.reasons(plan):
        raise ServiceError(errors={None: gates})
    errors, warnings = issue_findings(plan)
    if errors:
        raise ServiceError(errors={"findings": [FORMAT_ERRORS_MESSAGE, *(f.message for f in errors)]})
    if warnings and not confirm_warnings:
        raise ServiceError(FORMAT_WARNINGS_MESSAGE, field="confirm_warnings")
    probe_document_font()  # a machine that would print in another font refuses before numbering
    confirmed = [f"Xác nhận ngày ban hành {issue_date:%d/%m/%Y} cho kế hoạch năm {plan.year}."] if far else []
    if warnings:
        confirmed.append(
            "Xác nhận ban hành dù còn điểm cần xem lại: " + " ".join(f.message for f in warnings)
        )
    return " ".join(confirmed)


@transaction.atomic
def plan_issue(
    *,
    plan: Plan,
    user,
    issue_date: datetime.date | None = None,
    confirm_date: bool = False,
    confirm_warnings: bool = False,
) -> Plan:
    """Give the plan the next number of its issuer's register for the year of `issue_date` (the
    draft's date, else today, by default), date it, and freeze its document; the PDF and its
    SHA-256 follow on commit.

    Refused when the format check finds an error (no signer, an empty section, no place); its
    warnings, and a date more than a year from the plan's, need the clerk's confirmation, which
    the change log keeps.
    """
    plan = lock_plan(plan, user, policy.Action.ISSUE)
    issue_date = issue_date or default_issue_date(plan)
    confirmed = _check_issue(plan, issue_date, confirm_date=confirm_date, confirm_warnings=confirm_warnings)
    number = allocate_number(
        issuer=plan.issuer,
        year=issue_date.year,
        document_type=plan.document_facts.prefix,
        issued_on=issue_date,
    )
    note = f"Số {number:02d}/{plan.effective_symbol}, ngày {issue_date:%d/%m/%Y}"
    return _move(
        plan,
        user,
        status=PlanStatus.ISSUED,
        action=AuditAction.ISSUED,
        note=f"{note}. {confirmed}" if confirmed else note,
        # The frozen document and its PDF come before the emails, so a slow mail server never
        # delays them.
        then=lambda issued: attach_pdf_after_commit(freeze_context(plan=issued, user=user)),
        number=number,
        date_day=issue_date.day,
        date_month=issue_date.month,
        date_year=issue_date.year,
    )


@transaction.atomic
def correction_start(*, plan: Plan, user) -> Plan:
    """A new draft that will replace the issued plan once issued; the issued one stays as it was."""
    plan = lock_plan(plan, user, policy.Action.CORRECT)
    return plan_copy(plan=plan, user=user, as_correction=True)
