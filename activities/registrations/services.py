"""The writes of registration: add, change and remove a registered person, and reopen registration.

Each is one transaction on the plan row locked by `plans.locking.lock_plan`, which asks the policy
again on it (`Action.REGISTER` for a unit the user registers for; `Action.ORGANISE` to reopen), so
two people registering at once cannot pass the quota between them: the second waits for the first
and then counts its row. Every field is checked, each message on the field at fault, and a refusal
is a `ServiceError` that writes nothing. Every change of the list writes one entry of the plan's
change log that names the person and their unit, never their citizen ID or phone in full.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from activities.models import ParticipantGroup, Registration
from activities.registrations.duplicates import (
    CITIZEN_ID_TAKEN,
    CitizenIdRefused,
    logs_refusals,
    taken_citizen_ids,
)
from activities.registrations.people import PERSON_FIELDS, normalise_person, person_errors
from activities.registrations.personal_data import mask
from activities.registrations.quotas import Quota, quota_groups, unit_quotas
from clusters.models import Organization
from common.errors import ServiceError
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction
from plans.locking import lock_plan
from plans.models import Plan

GROUP_REQUIRED = "Chọn lớp, nhóm mà người này tham gia."
GROUP_INVALID = "Lớp, nhóm không có trong định mức của đơn vị; hãy chọn lại."
UNIT_INVALID = "Bạn không đăng ký được cho đơn vị này; hãy chọn lại đơn vị."
QUOTA_FULL = (
    "{unit} đã đăng ký đủ {quota:02d}/{quota:02d} người theo định mức{group}. Không thêm được nữa; "
    "muốn thay người, hãy sửa hoặc xoá một người trong danh sách."
)
REOPEN_PAST = "Ngày mở lại đến phải từ hôm nay ({today:%d/%m/%Y}) trở đi."

# How the change log names what a change touched.
CHANGE_LABELS = {name: str(Registration._meta.get_field(name).verbose_name) for name in PERSON_FIELDS}
CHANGE_LABELS["group"] = "lớp, nhóm"


def registering_unit(user, plan: Plan, organization: Organization) -> Organization:
    """`organization`, when the user registers people for it in the plan."""
    for unit in policy.registering_units(user, plan):
        if unit.pk == organization.pk:
            return unit
    raise ServiceError(UNIT_INVALID, field="organization")


def log_list_change(*, plan: Plan, user, note: str) -> None:
    """One entry of the plan's change log for a change of its list of registered people."""
    record_change(plan=plan, actor=user, action=AuditAction.REGISTRATION, note=note)


def person_label(registration: Registration) -> str:
    """The person as the change log names them: "Nguyễn Văn An, CCCD ********6781 (UBND huyện Lai
    Vung)". The log is read by whoever reads the plan's history, so the citizen ID is masked."""
    citizen_id = f", CCCD {mask(registration.citizen_id)}" if registration.citizen_id else ""
    return f"{registration.full_name}{citizen_id} ({registration.organization})"


def _pick_group(quotas: list[Quota], group: ParticipantGroup | int | None) -> Quota:
    """The quota the person counts against; a refusal when the unit has several and none is chosen."""
    if len(quotas) == 1 and group in (None, ""):
        return quotas[0]
    if group in (None, ""):
        raise ServiceError(GROUP_REQUIRED, field="group")
    group_id = group.pk if isinstance(group, ParticipantGroup) else int(group)
    for quota in quotas:
        if quota.group.pk == group_id:
            return quota
    raise ServiceError(GROUP_INVALID, field="group")


def _quota_error(
    plan: Plan, organization: Organization, quota: Quota, *, several: bool, exclude_pk: int | None
) -> str | None:
    """The refusal when the quota is full (counted on the locked plan, so it cannot race)."""
    rows = Registration.objects.filter(plan=plan, organization=organization, group=quota.group)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    if rows.count() < quota.count:
        return None
    group = f" ({quota.label})" if several else ""
    return QUOTA_FULL.format(unit=organization, quota=quota.count, group=group)


def _checked_quota(
    *, plan: Plan, user, organization: Organization, person: dict, group, registration: Registration | None
) -> Quota:
    """The quota the normalised `person` counts against, once everything is right; else every
    problem at once (the citizen ID is checked against the plan last: see `duplicates`)."""
    errors: dict[str | None, list[str]] = defaultdict(list, person_errors(person))
    quotas = unit_quotas(quota_groups(plan), organization)
    quota = None
    if not quotas:
        errors[None].append(policy.NO_QUOTA_MESSAGE)
    else:
        try:
            quota = _pick_group(quotas, group)
        except ServiceError as error:
            for name, messages in error.errors.items():
                errors[name].extend(messages)
    # A person already counted in the group keeps their place when only their details change.
    if quota is not None and (registration is None or registration.group_id != quota.group.pk):
        exclude_pk = registration.pk if registration is not None else None
        message = _quota_error(plan, organization, quota, several=len(quotas) > 1, exclude_pk=exclude_pk)
        if message is not None:
            errors[None].append(message)
    if errors:
        raise ServiceError(errors=errors)
    exclude = Q(pk=registration.pk) if registration is not None else None
    citizen_ids = [person["citizen_id"]]
    if taken_citizen_ids(
        user=user, plan=plan, organization=organization, citizen_ids=citizen_ids, exclude=exclude
    ):
        errors = {"citizen_id": [CITIZEN_ID_TAKEN]}
        raise CitizenIdRefused(user=user, plan=plan, organization=organization, checked=1, errors=errors)
    return quota


def _save_person(
    *,
    plan: Plan,
    user,
    organization: Organization,
    values: dict,
    group,
    registration: Registration | None = None,
) -> Registration:
    """Check everything, report every problem at once, then save."""
    person = normalise_person(values)
    quota = _checked_quota(
        plan=plan, user=user, organization=organization, person=person, group=group, registration=registration
    )
    if registration is None:
        registration = Registration(plan=plan, organization=organization, registered_by=user)
    registration.group = quota.group
    for name, value in person.items():
        setattr(registration, name, value)
    try:
        registration.full_clean(exclude=["registered_by"])
    except ValidationError as error:  # the model's own rules, should any differ from the above
        raise ServiceError(errors=error.message_dict) from error
    registration.save()
    return registration


@logs_refusals
@transaction.atomic
def registration_create(
    *, plan: Plan, user, organization: Organization, values: dict, group=None
) -> Registration:
    """Register one person for `organization` under its quota (the group chosen when it has several)."""
    plan = lock_plan(plan, user, policy.Action.REGISTER)
    organization = registering_unit(user, plan, organization)
    person = _save_person(plan=plan, user=user, organization=organization, values=values, group=group)
    log_list_change(plan=plan, user=user, note=f"Đăng ký {person_label(person)}")
    return person


def _changes(before: dict, registration: Registration) -> str:
    """What a change touched: "chức vụ, số điện thoại" (the values of personal fields left out)."""
    labels = []
    for name, old in before.items():
        new = registration.group_id if name == "group" else getattr(registration, name)
        if new != old:
            labels.append(
                f"{CHANGE_LABELS[name]} (trước: {old})" if name == "full_name" else CHANGE_LABELS[name]
            )
    return ", ".join(labels) or "không đổi gì"


@logs_refusals
@transaction.atomic
def registration_update(*, registration: Registration, user, values: dict, group=None) -> Registration:
    plan = lock_plan(registration.plan, user, policy.Action.REGISTER)
    organization = registering_unit(user, plan, registration.organization)
    before = {name: getattr(registration, name) for name in PERSON_FIELDS} | {"group": registration.group_id}
    registration = _save_person(
        plan=plan,
        user=user,
        organization=organization,
        values=values,
        group=group if group not in (None, "") else registration.group_id,
        registration=registration,
    )
    note = f"Sửa thông tin {person_label(registration)}: {_changes(before, registration)}"
    log_list_change(plan=plan, user=user, note=note)
    return registration


@transaction.atomic
def registration_delete(*, registration: Registration, user) -> None:
    plan = lock_plan(registration.plan, user, policy.Action.REGISTER)
    registering_unit(user, plan, registration.organization)
    note = f"Xoá {person_label(registration)} khỏi danh sách"
    registration.delete()
    log_list_change(plan=plan, user=user, note=note)


@transaction.atomic
def registration_reopen(*, plan: Plan, user, until: datetime.date) -> Plan:
    """The organiser opens registration again until `until` (today or later), after the deadline or
    to extend it."""
    today = timezone.localdate()
    if until < today:
        raise ServiceError(REOPEN_PAST.format(today=today), field="until")
    plan = lock_plan(plan, user, policy.Action.ORGANISE)
    plan.registration_reopened_until = until
    plan.save(update_fields=["registration_reopened_until", "updated_at"])
    note = f"Mở lại đăng ký đến hết ngày {until:%d/%m/%Y}"
    record_change(plan=plan, actor=user, action=AuditAction.REGISTRATION_REOPENED, note=note)
    return plan
