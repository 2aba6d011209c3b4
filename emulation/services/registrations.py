"""Đăng ký thi đua: open a call, start a unit's registration (its document), add and remove its lines."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clusters.models import Cluster, Organization
from common.errors import ServiceError
from emulation.choices import AwardRecipient
from emulation.models import Award, CallReopening, Registration, RegistrationCall, RegistrationLine
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction, PlanKind, PlanStatus, SectionBlock
from plans.models import Plan
from plans.services import RowInput, plan_create

DEADLINE_PAST_MESSAGE = "Hạn đăng ký không được trước ngày hôm nay."
DEADLINE_SAME_MESSAGE = "Hạn mới trùng với hạn đăng ký hiện tại ({deadline:%d/%m/%Y})."
CALL_EXISTS_MESSAGE = "Đã có đợt đăng ký thi đua năm {year} của {issuer}."
DEADLINE_PASSED_MESSAGE = "Đã hết hạn đăng ký thi đua (ngày {deadline:%d/%m/%Y})."
PERSON_MESSAGE = "Nhập họ và tên người đăng ký danh hiệu cá nhân."
NO_PERSON_MESSAGE = "“{award}” là danh hiệu của tập thể: để trống họ và tên."
DUPLICATE_MESSAGE = "Đơn vị đã đăng ký “{award}”."
DUPLICATE_PERSON_MESSAGE = "{person} đã được đăng ký “{award}”."
NOT_DRAFT_MESSAGE = "Bản đăng ký đã trình hoặc đã ban hành; rút về dự thảo trước khi sửa."
SUBJECT = "Đăng ký danh hiệu thi đua, hình thức khen thưởng năm {year}"
PREAMBLE = (
    "Thực hiện hướng dẫn đăng ký thi đua năm {year} của {issuer}, {unit} đăng ký danh hiệu thi đua, "
    "hình thức khen thưởng năm {year} như sau:"
)
CLOSING = "{unit} cam kết phấn đấu hoàn thành các chỉ tiêu, nhiệm vụ để đạt danh hiệu đã đăng ký."


def _deadline_check(call: RegistrationCall, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if today > call.deadline:
        raise ServiceError(DEADLINE_PASSED_MESSAGE.format(deadline=call.deadline))


@transaction.atomic
def call_open(
    *,
    user,
    year: int,
    deadline: datetime.date,
    cluster: Cluster | None = None,
    organization: Organization | None = None,
    note: str = "",
) -> RegistrationCall:
    """Open the registration of a cluster's (or a body's) units for `year`, closing on `deadline`."""
    reason = policy.may_open_call(user, organization=organization, cluster=cluster, year=year)
    if reason is not None:
        raise PermissionDenied(reason)
    if deadline < timezone.localdate():
        raise ServiceError(DEADLINE_PAST_MESSAGE, field="deadline")
    issuer = cluster or organization
    if RegistrationCall.objects.filter(cluster=cluster, organization=organization, year=year).exists():
        raise ServiceError(CALL_EXISTS_MESSAGE.format(year=year, issuer=issuer))
    call = RegistrationCall(
        cluster=cluster,
        organization=organization,
        year=year,
        deadline=deadline,
        note=note.strip(),
        opened_by=user,
    )
    try:
        call.full_clean()
    except ValidationError as error:
        raise ServiceError(errors=error.message_dict) from None
    call.save()
    return call


@transaction.atomic
def call_reopen(*, user, call: RegistrationCall, deadline: datetime.date) -> CallReopening:
    """Reopen the call until `deadline` (those who may open it): the change is kept with the old
    deadline, and the units that have not registered are reminded again before the new one."""
    reason = policy.may_open_call(user, organization=call.organization, cluster=call.cluster, year=call.year)
    if reason is not None:
        raise PermissionDenied(reason)
    call = RegistrationCall.objects.select_for_update().get(pk=call.pk)
    if deadline < timezone.localdate():
        raise ServiceError(DEADLINE_PAST_MESSAGE, field="deadline")
    if deadline == call.deadline:
        raise ServiceError(DEADLINE_SAME_MESSAGE.format(deadline=deadline), field="deadline")
    reopening = CallReopening.objects.create(
        call=call, previous_deadline=call.deadline, deadline=deadline, reopened_by=user
    )
    call.deadline = deadline
    call.save(update_fields=["deadline"])
    return reopening


def _require_fill(user, call: RegistrationCall, unit: Organization) -> None:
    reason = policy.fill_denial(user, call, unit)
    if reason is not None:
        raise PermissionDenied(reason)


def _document_fields(call: RegistrationCall, unit: Organization) -> dict:
    names = {"unit": unit.name, "issuer": call.issuer.name, "year": call.year}
    collective = unit.is_collective
    return {
        "organization": unit,
        "document_type": "registration",
        "kind": PlanKind.OTHER,
        "year": call.year,
        "subject": SUBJECT.format(**names),
        "date_year": timezone.localdate().year,
        "preamble": PREAMBLE.format(**names),
        "closing": CLOSING.format(**names),
        # The head signs for the unit: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" for a people's committee.
        "signer_on_behalf_of": "ỦY BAN NHÂN DÂN" if collective else "",
        "signer_title": "CHỦ TỊCH" if collective else "",
        "archive_note": "VT",
    }


@transaction.atomic
def registration_start(*, user, call: RegistrationCall, unit: Organization) -> Registration:
    """The unit's registration and its draft document (bản đăng ký), ready for its lines."""
    _require_fill(user, call, unit)
    _deadline_check(call)
    existing = Registration.objects.filter(call=call, unit=unit).first()
    if existing is not None:
        return existing
    document = plan_create(
        user=user,
        fields=_document_fields(call, unit),
        parts={
            "sections": [RowInput(key="s1", position=1, values={"block": SectionBlock.REGISTERED_AWARDS})],
            "recipients": [RowInput(key="r1", position=1, values={"text": call.issuer.name})],
        },
    )
    return Registration.objects.create(call=call, unit=unit, document=document)


def _require_draft(user, registration: Registration) -> None:
    """The unit's drafter, on a document still a draft: read again and locked, so that a submit made
    meanwhile (on another page) is seen and no line slips in beside it."""
    _require_fill(user, registration.call, registration.unit)
    registration.document = Plan.objects.select_for_update().get(pk=registration.document_id)
    if registration.document.status != PlanStatus.DRAFT:
        raise ServiceError(NOT_DRAFT_MESSAGE)


@transaction.atomic
def line_add(
    *, user, registration: Registration, award: Award, person_name: str = "", position: str = ""
) -> RegistrationLine:
    """Register `award` for the unit, or for a named person of it (an individual title)."""
    _require_draft(user, registration)
    _deadline_check(registration.call)
    person_name, position = " ".join(person_name.split()), " ".join(position.split())
    individual = award.recipient == AwardRecipient.INDIVIDUAL
    if individual and not person_name:
        raise ServiceError(PERSON_MESSAGE, field="person_name")
    if not individual and person_name:
        raise ServiceError(NO_PERSON_MESSAGE.format(award=award.name), field="person_name")
    same = registration.lines.filter(award=award, person_name__iexact=person_name)
    if same.exists():
        message = (
            DUPLICATE_PERSON_MESSAGE.format(person=person_name, award=award.name) if individual else None
        )
        raise ServiceError(message or DUPLICATE_MESSAGE.format(award=award.name), field="award")
    line = RegistrationLine(
        registration=registration, award=award, person_name=person_name, position=position
    )
    try:
        line.full_clean()
    except ValidationError as error:
        raise ServiceError(errors=error.message_dict) from None
    line.save()
    record_change(
        plan=registration.document, actor=user, action=AuditAction.UPDATED, note=f"Thêm đăng ký: {line}."
    )
    return line


@transaction.atomic
def line_delete(*, user, line: RegistrationLine) -> None:
    registration = line.registration
    _require_draft(user, registration)
    note = f"Xoá đăng ký: {line}."
    line.delete()
    record_change(plan=registration.document, actor=user, action=AuditAction.UPDATED, note=note)
