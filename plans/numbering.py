"""Numbers of issued documents: consecutive in each series of an issuer and year, never reused.

Allocation locks the register row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
transactions already let one writer in at a time), and the plan's unique constraint on
(issuer, symbol, year, number) stands behind it.

The register is the office's own: a records clerk may set where it continues (an office adopting
the product in September has already issued 40 documents) and enter the documents it issues
outside the product, whose numbers the register then skips. Both are lines of its log.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from clusters.choices import ReorganisationKind
from clusters.models import Cluster, Organization
from common.errors import ServiceError
from common.years import FIRST_YEAR, YEAR_MESSAGE
from plans.document_types import DOCUMENT_TYPES, PLAN, facts_of
from plans.models import NumberingRegister, Plan, RegisterEntry

DOCUMENT_TYPE = facts_of(PLAN).prefix

NUMBER_USED_MESSAGE = "Số {number:02d} đã được dùng trong sổ năm {year}; chọn số khác."
NUMBER_POSITIVE_MESSAGE = "Số phải từ 1 trở lên."
REASON_MESSAGE = "Ghi lý do đặt lại số (ví dụ: đã ban hành 40 văn bản trên giấy trước khi dùng phần mềm)."
SUBJECT_MESSAGE = "Nhập trích yếu của văn bản."
FUTURE_MESSAGE = "Ngày văn bản không được sau ngày hôm nay."


def series_for(issuer: Organization | Cluster, document_type: str = DOCUMENT_TYPE) -> str:
    return document_type if issuer.numbering_per_type else ""


def _lookup(issuer: Organization | Cluster, year: int, series: str) -> dict:
    issuer_field = "cluster" if isinstance(issuer, Cluster) else "organization"
    return {issuer_field: issuer, "year": year, "series": series}


def _register(issuer: Organization | Cluster, year: int, series: str) -> NumberingRegister:
    lookup = _lookup(issuer, year, series)
    registers = NumberingRegister.objects.select_for_update()
    register = registers.filter(**lookup).first()
    if register is not None:
        return register
    try:
        # A savepoint: if another transaction created the row meanwhile, lock that one instead.
        with transaction.atomic():
            return NumberingRegister.objects.create(**lookup)
    except IntegrityError:
        return registers.get(**lookup)


def peek_register(
    issuer: Organization | Cluster, year: int, document_type: str = DOCUMENT_TYPE
) -> NumberingRegister:
    """The register as it stands, unlocked and unsaved if it has no row yet (for pages)."""
    lookup = _lookup(issuer, year, series_for(issuer, document_type))
    return NumberingRegister.objects.filter(**lookup).first() or NumberingRegister(**lookup)


def used_numbers(register: NumberingRegister, *, above: int = 0) -> set[int]:
    """Numbers above `above` taken in the register: by documents issued outside the product, and by
    plans (a number set back into a gap must not land on one)."""
    if register.pk is None:
        return set()
    outside = register.entries.filter(kind=RegisterEntry.Kind.OUTSIDE_DOCUMENT, number__gt=above)
    issuer_field = "cluster" if register.cluster_id else "organization"
    plans = Plan.objects.filter(
        **{f"{issuer_field}_id": register.cluster_id or register.organization_id},
        date_year=register.year,
        number__gt=above,
    )
    if register.series:  # a register per document type holds only the papers of its type
        plans = plans.filter(
            document_type__in=[facts.code for facts in DOCUMENT_TYPES if facts.prefix == register.series]
        )
    return set(outside.values_list("number", flat=True)) | set(plans.values_list("number", flat=True))


def following_number(register: NumberingRegister) -> int:
    """The number the register gives next: after its last, skipping numbers already used."""
    used = used_numbers(register, above=register.last_number)
    number = register.last_number + 1
    while number in used:
        number += 1
    return number


@transaction.atomic
def allocate_number(
    *,
    issuer: Organization | Cluster,
    year: int,
    document_type: str = DOCUMENT_TYPE,
    issued_on: datetime.date | None = None,
) -> int:
    """The next number of the issuer's series for `year`; the caller's transaction keeps it."""
    register = _register(issuer, year, series_for(issuer, document_type))
    register.last_number = following_number(register)
    fields = ["last_number"]
    if issued_on is not None and (register.last_issued_on is None or issued_on > register.last_issued_on):
        register.last_issued_on = issued_on
        fields.append("last_issued_on")
    register.save(update_fields=fields)
    return register.last_number


def issue_date_floor(
    issuer: Organization | Cluster, year: int, document_type: str = DOCUMENT_TYPE
) -> datetime.date | None:
    """The date of the latest document in the issuer's register for `year`: no issue before it."""
    return peek_register(issuer, year, document_type).last_issued_on


def _check_free(register: NumberingRegister, number: int, field: str) -> None:
    if number < 1:
        raise ServiceError(NUMBER_POSITIVE_MESSAGE, field=field)
    if number in used_numbers(register, above=number - 1):
        raise ServiceError(NUMBER_USED_MESSAGE.format(number=number, year=register.year), field=field)


@transaction.atomic
def register_set_next(
    *, issuer: Organization | Cluster, year: int, next_number: int, reason: str, user
) -> RegisterEntry:
    """Make the register give `next_number` next; the reason goes to its log."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_MESSAGE, field="reason")
    register = _register(issuer, year, series_for(issuer))
    _check_free(register, next_number, "next_number")
    register.last_number = next_number - 1
    register.save(update_fields=["last_number"])
    return RegisterEntry.objects.create(
        register=register,
        kind=RegisterEntry.Kind.NEXT_NUMBER_SET,
        number=next_number,
        reason=reason,
        actor=user,
    )


@transaction.atomic
def register_enter_outside(
    *, issuer: Organization | Cluster, number: int, document_date: datetime.date, subject: str, user
) -> RegisterEntry:
    """A document issued outside the product: its number is skipped by the register of its year."""
    subject = (subject or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = SUBJECT_MESSAGE
    if document_date > timezone.localdate():
        errors["document_date"] = FUTURE_MESSAGE
    elif document_date.year < FIRST_YEAR:
        errors["document_date"] = YEAR_MESSAGE
    if errors:
        raise ServiceError(errors=errors)
    register = _register(issuer, document_date.year, series_for(issuer))
    _check_free(register, number, "number")
    if register.last_issued_on is None or document_date > register.last_issued_on:
        register.last_issued_on = document_date
        register.save(update_fields=["last_issued_on"])
    return RegisterEntry.objects.create(
        register=register,
        kind=RegisterEntry.Kind.OUTSIDE_DOCUMENT,
        number=number,
        document_date=document_date,
        subject=subject,
        actor=user,
    )


def carry_registers(*, predecessors, successors, kind: str, date, **kwargs) -> None:
    """On a rename the body goes on with its year's numbers (one series per body and year, Nghị định
    30/2020, Điều 15); bodies formed by a merge or a split start at 01. Receiver of `body_reorganised`."""
    if kind != ReorganisationKind.RENAME:
        return
    ((predecessor,), (successor,)) = predecessors, successors
    for register in NumberingRegister.objects.filter(organization=predecessor, year=date.year):
        NumberingRegister.objects.update_or_create(
            organization=successor,
            year=register.year,
            series=register.series,
            defaults={"last_number": register.last_number, "last_issued_on": register.last_issued_on},
        )
