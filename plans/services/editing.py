"""Create and update a draft plan: its fields and every part, validated as a whole.

`plan_create` and `plan_update` take plain values: the plan's fields (`plans.parts.PLAN_FIELDS`)
and, for each part, a list of `RowInput`. They check everything first (each row with the model's
own rules, then the rules that span rows) and raise one `ServiceError` with every message located
on its row and field; nothing is written then. Each write records its change-log row.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.errors import ServiceError
from plans import policy
from plans.audit import plan_snapshot, record_change
from plans.choices import AuditAction, PlanStatus
from plans.history import describe_all
from plans.locking import lock_plan
from plans.models import AuditEntry, Plan
from plans.parts import PLAN_FIELDS
from plans.services.rows import RowErrors, RowInput, check_rows, write_rows

STALE_MESSAGE = (
    "Không lưu được: trong lúc bạn sửa, kế hoạch đã được lưu bởi người khác (xem các thay đổi dưới "
    "đây). Nội dung bạn nhập vẫn còn trên trang; kiểm tra lại rồi bấm “Lưu” nếu muốn ghi đè."
)
SAVE_CONFLICT_MESSAGE = (
    "Không lưu được vì dữ liệu vừa bị thay đổi ở nơi khác (trùng số thứ tự hoặc trùng đơn vị). "
    "Hãy tải lại trang và thử lại."
)
ONE_ISSUER_MESSAGE = "Chọn đúng một cơ quan hoặc một cụm thi đua ban hành."


class StalePlanError(ServiceError):
    """The plan was saved by someone else after the editor was opened; `entries` say what changed."""

    def __init__(self, *, current_version: int, entries: list[AuditEntry]):
        super().__init__(STALE_MESSAGE)
        self.current_version = current_version
        self.entries = entries


def check_issuer(user, fields: dict[str, Any]) -> None:
    """The user drafts for the plan's issuer (for a cluster, the head unit of the plan's year)."""
    organization, cluster = fields.get("organization"), fields.get("cluster")
    if (organization is None) == (cluster is None) or not isinstance(fields.get("year"), int):
        return  # the plan's own validation says what is wrong
    reason = policy.may_draft_for(user, organization=organization, cluster=cluster, year=fields["year"])
    if reason is not None:
        raise ServiceError(reason, field="organization")


def _check_plan(plan: Plan, fields: dict[str, Any], errors: RowErrors) -> None:
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(f"{name} is not a field that plans.services may set.")
        setattr(plan, name, value)
    exclude = {"search_text"}
    if (plan.organization is None) == (plan.cluster is None):
        errors.add_plan("organization", ONE_ISSUER_MESSAGE)
        exclude |= {"organization", "cluster"}  # said once, not again by the constraint
    try:
        plan.full_clean(exclude=exclude)
    except ValidationError as error:
        errors.add_validation(error, errors.add_plan)
    except OverflowError:  # a day or year far out of range, before its own validator said so
        errors.add_plan("date_day", "Ngày, tháng, năm không hợp lệ.")


def _save_plan(plan: Plan, fields: dict[str, Any], parts: dict[str, list[RowInput]] | None) -> Plan:
    errors = RowErrors()
    _check_plan(plan, fields, errors)
    prepared = check_rows(plan, parts or {}, errors)
    if errors:
        raise errors.exception()
    try:
        with transaction.atomic():
            plan.save()
            write_rows(prepared)
    except IntegrityError as error:
        raise ServiceError(SAVE_CONFLICT_MESSAGE) from error
    return plan


@transaction.atomic
def plan_create(*, user, fields: dict[str, Any], parts: dict[str, list[RowInput]] | None = None) -> Plan:
    """A new draft plan with the given fields and parts (validated as a whole)."""
    check_issuer(user, fields)
    plan = _save_plan(Plan(status=PlanStatus.DRAFT), fields, parts)
    record_change(plan=plan, actor=user, action=AuditAction.CREATED)
    return plan


def _changes_since(plan: Plan, version: int) -> list[AuditEntry]:
    entries = list(
        AuditEntry.objects.filter(plan=plan, version__gt=version)
        .select_related("actor")
        .defer("snapshot")
        .order_by("at", "pk")
    )
    for entry, described in zip(entries, describe_all([entry.changes for entry in entries]), strict=True):
        entry.described = described
    return entries


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    user,
    fields: dict[str, Any],
    parts: dict[str, list[RowInput]] | None = None,
    expected_version: int | None = None,
) -> Plan:
    """Save the plan's fields and every part given (a part not given is left as it is).

    In a given part, an existing row that is not in the list is deleted, and rows are renumbered
    1, 2, 3… in the order of their position numbers. With `expected_version` (the version the
    editor was opened on), a plan saved by anyone since is refused with `StalePlanError`. A save
    that changes nothing writes nothing, not even a change-log row.
    """
    current = lock_plan(plan, user, policy.Action.EDIT)
    if expected_version is not None and current.version != expected_version:
        raise StalePlanError(current_version=current.version, entries=_changes_since(plan, expected_version))
    # The issuer the plan will have: the one given, else the one it has.
    current_issuer = {"organization": plan.organization, "cluster": plan.cluster, "year": plan.year}
    check_issuer(user, {**current_issuer, **fields})
    before = plan_snapshot(plan)
    plan.version = current.version + 1
    _save_plan(plan, fields, parts)
    entry = record_change(plan=plan, actor=user, action=AuditAction.UPDATED, before=before)
    if not entry.changes:
        transaction.set_rollback(True)
        plan.version = current.version
    return plan


class _PreviewDone(Exception):
    """Raised to roll back the preview's save, carrying what was rendered inside it."""

    def __init__(self, value):
        super().__init__()
        self.value = value


def plan_preview(
    *, plan: Plan, user, fields: dict[str, Any], parts: dict[str, list[RowInput]], render
) -> Any:
    """`render(plan)` of the plan as it would be saved with these values; nothing is ever saved.

    The save runs with every rule of `plan_update`, inside a transaction that is then rolled back,
    so the live preview prints exactly what "Lưu" would print (ServiceError when it would refuse).
    """
    try:
        with transaction.atomic():
            saved = plan_update(plan=plan, user=user, fields=fields, parts=parts)
            raise _PreviewDone(render(saved))
    except _PreviewDone as done:
        return done.value
