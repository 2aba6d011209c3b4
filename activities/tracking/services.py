"""The writes of tracking: an activity's status, completion and result; its evidence files.

Each is keyword-only, takes the acting user and runs in one transaction: it locks the plan and asks
the policy again on it (plans.locking.lock_plan, Action.TRACK: the page the user clicked may be
stale), then reads and locks the activity or evidence row of that plan. A refusal or bad input is
a `ServiceError` with a Vietnamese message per field (None: the whole entry).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from activities.choices import ActivityStatus
from activities.models import Activity, ActivityEvidence
from activities.tracking.evidence import (
    EVIDENCE_RECOVERY_DAYS,
    check_evidence,
    clean_original_name,
    recovery_cutoff,
    store_evidence,
)
from common.errors import ServiceError
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction
from plans.locking import lock_plan
from plans.models import Plan

STATUS_INVALID_MESSAGE = "Chọn một tình trạng trong danh sách."
DONE_NEEDS_DATE_MESSAGE = "Nhập ngày hoàn thành cho hoạt động đã hoàn thành."
FUTURE_DATE_MESSAGE = "Ngày hoàn thành không được sau ngày hôm nay ({today:%d/%m/%Y})."
TOO_EARLY_MESSAGE = "Ngày hoàn thành không được trước năm {year} (năm trước năm kế hoạch)."
DATE_WITHOUT_DONE_MESSAGE = (
    "Chỉ ghi ngày hoàn thành khi hoạt động đã hoàn thành: xoá ngày này hoặc chọn “Đã hoàn thành”."
)
RESULT_TOO_LONG_MESSAGE = "Kết quả dài quá: tối đa {limit} ký tự (đang có {length})."
TOO_MANY_FILES_MESSAGE = "Mỗi hoạt động có tối đa {limit} tệp minh chứng; hãy xoá bớt tệp cũ trước."
ACTIVITY_GONE_MESSAGE = "Hoạt động này không còn trong kế hoạch (có thể vừa bị xoá); hãy tải lại trang."
EVIDENCE_GONE_MESSAGE = "Tệp minh chứng này không còn (có thể vừa bị xoá)."

RESULT_MAX_LENGTH = 5000
MAX_EVIDENCE_PER_ACTIVITY = 20


def _plan_id(plan: Plan | None, rows, pk: int, plan_path: str) -> int | None:
    """The plan to lock: the one given, else the one the row among `rows` belongs to (None: no such row)."""
    if plan is not None:
        return plan.pk
    return rows.filter(pk=pk).values_list(plan_path, flat=True).first()


def _locked_activity(activity: Activity | int, user, plan: Plan | None) -> Activity:
    """The activity of the locked plan (Action.TRACK asked again), its own row locked too."""
    pk = activity.pk if isinstance(activity, Activity) else activity
    plan_id = _plan_id(plan, Activity.objects, pk, "plan_id")
    if plan_id is None:
        raise ServiceError(ACTIVITY_GONE_MESSAGE)
    locked_plan = lock_plan(plan_id, user, policy.Action.TRACK)
    try:
        locked = Activity.objects.select_for_update(of=("self",)).get(pk=pk, plan=locked_plan)
    except Activity.DoesNotExist as error:
        raise ServiceError(ACTIVITY_GONE_MESSAGE) from error
    locked.plan = locked_plan
    return locked


def validate_tracking(
    *,
    status: str,
    completed_on: datetime.date | None,
    result_note: str,
    plan_year: int,
    today: datetime.date,
) -> dict[str, str]:
    """Every rule of a status change, each message on its field; an empty dict when all is well."""
    errors: dict[str, str] = {}
    if status not in ActivityStatus.values:
        errors["status"] = STATUS_INVALID_MESSAGE
    elif status == ActivityStatus.DONE and completed_on is None:
        errors["completed_on"] = DONE_NEEDS_DATE_MESSAGE
    elif status != ActivityStatus.DONE and completed_on is not None:
        errors["completed_on"] = DATE_WITHOUT_DONE_MESSAGE
    if "completed_on" not in errors and completed_on is not None:
        if completed_on > today:
            errors["completed_on"] = FUTURE_DATE_MESSAGE.format(today=today)
        elif completed_on.year < plan_year - 1:
            errors["completed_on"] = TOO_EARLY_MESSAGE.format(year=plan_year - 1)
    if len(result_note) > RESULT_MAX_LENGTH:
        errors["result_note"] = RESULT_TOO_LONG_MESSAGE.format(
            limit=f"{RESULT_MAX_LENGTH:,}".replace(",", "."), length=len(result_note)
        )
    return errors


@transaction.atomic
def activity_track(
    *,
    activity: Activity | int,
    user,
    status: str,
    completed_on: datetime.date | None,
    result_note: str = "",
    plan: Plan | None = None,
    today: datetime.date | None = None,
) -> Activity:
    """Set an activity's status, completion date and result (Action.TRACK on its issued plan).

    Raises ServiceError: the user may not (or no longer) track the plan, the activity is not (or
    no longer) the plan's, or a message per field for bad input.
    """
    today = today or timezone.localdate()
    locked = _locked_activity(activity, user, plan)
    result_note = (result_note or "").strip()
    errors = validate_tracking(
        status=status,
        completed_on=completed_on,
        result_note=result_note,
        plan_year=locked.plan.year,
        today=today,
    )
    if errors:
        raise ServiceError(errors=errors)
    locked.status = status
    locked.completed_on = completed_on
    locked.result_note = result_note
    try:
        locked.full_clean(validate_unique=False, validate_constraints=True)
    except ValidationError as error:
        raise ServiceError(errors=error.message_dict) from error
    locked.save(update_fields=["status", "completed_on", "result_note"])
    done = f" ngày {completed_on:%d/%m/%Y}" if completed_on else ""
    note = f"Hoạt động {locked.order}: {locked.get_status_display()}{done}"
    record_change(plan=locked.plan, actor=user, action=AuditAction.TRACKED, note=note)
    return locked


@transaction.atomic
def evidence_add(
    *, activity: Activity | int, user, upload: UploadedFile | None, plan: Plan | None = None
) -> ActivityEvidence:
    """Keep a file showing the activity was done (Action.TRACK), under a generated name."""
    locked = _locked_activity(activity, user, plan)
    kind = check_evidence(upload)
    if locked.evidence.count() >= MAX_EVIDENCE_PER_ACTIVITY:
        raise ServiceError(TOO_MANY_FILES_MESSAGE.format(limit=MAX_EVIDENCE_PER_ACTIVITY), field="file")
    evidence = ActivityEvidence(
        activity=locked,
        original_name=clean_original_name(upload.name),
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=user,
    )
    store_evidence(evidence, upload, kind)
    note = f"Hoạt động {locked.order}: thêm minh chứng “{evidence.original_name}”"
    record_change(plan=locked.plan, actor=user, action=AuditAction.EVIDENCE, note=note)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: ActivityEvidence | int, user, plan: Plan | None = None) -> None:
    """Mark an evidence file deleted (Action.TRACK); it stays restorable for EVIDENCE_RECOVERY_DAYS."""
    row = _locked_evidence(evidence, user, plan, ActivityEvidence.objects)
    row.deleted_at, row.deleted_by = timezone.now(), user
    row.save(update_fields=["deleted_at", "deleted_by"])
    note = (
        f"Hoạt động {row.activity.order}: xoá minh chứng “{row.original_name}” "
        f"(khôi phục được trong {EVIDENCE_RECOVERY_DAYS} ngày)"
    )
    record_change(plan=row.activity.plan, actor=user, action=AuditAction.EVIDENCE, note=note)


@transaction.atomic
def evidence_restore(
    *, evidence: ActivityEvidence | int, user, plan: Plan | None = None, now: datetime.datetime | None = None
) -> ActivityEvidence:
    """Bring back a file deleted less than EVIDENCE_RECOVERY_DAYS ago (Action.TRACK)."""
    recoverable = ActivityEvidence.with_deleted.filter(deleted_at__gt=recovery_cutoff(now))
    row = _locked_evidence(evidence, user, plan, recoverable)
    if row.activity.evidence.count() >= MAX_EVIDENCE_PER_ACTIVITY:
        raise ServiceError(TOO_MANY_FILES_MESSAGE.format(limit=MAX_EVIDENCE_PER_ACTIVITY), field="file")
    row.deleted_at = row.deleted_by = None
    row.save(update_fields=["deleted_at", "deleted_by"])
    note = f"Hoạt động {row.activity.order}: khôi phục minh chứng “{row.original_name}”"
    record_change(plan=row.activity.plan, actor=user, action=AuditAction.EVIDENCE, note=note)
    return row


def _locked_evidence(evidence: ActivityEvidence | int, user, plan: Plan | None, rows) -> ActivityEvidence:
    """The evidence row among `rows` of the locked plan (Action.TRACK asked again), locked too."""
    pk = evidence.pk if isinstance(evidence, ActivityEvidence) else evidence
    plan_id = _plan_id(plan, ActivityEvidence.with_deleted, pk, "activity__plan_id")
    if plan_id is None:
        raise ServiceError(EVIDENCE_GONE_MESSAGE, field="file")
    locked_plan = lock_plan(plan_id, user, policy.Action.TRACK)
    try:
        row = (
            rows.select_for_update(of=("self",))
            .select_related("activity")
            .get(pk=pk, activity__plan=locked_plan)
        )
    except ActivityEvidence.DoesNotExist as error:
        raise ServiceError(EVIDENCE_GONE_MESSAGE, field="file") from error
    row.activity.plan = locked_plan
    return row


def purge_deleted_evidence(*, now: datetime.datetime | None = None) -> int:
    """Erase the rows and stored files of evidence deleted more than EVIDENCE_RECOVERY_DAYS ago."""
    expired = ActivityEvidence.with_deleted.filter(deleted_at__lte=recovery_cutoff(now))
    count = 0
    for row in expired.iterator():
        with transaction.atomic():
            storage, name = row.file.storage, row.file.name
            row.delete()
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        count += 1
    return count
