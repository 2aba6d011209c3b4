"""Following a plan's activities once it is issued: status, completion, results, evidence, calendar.

The writes (`activity_track`, `evidence_add`, `evidence_delete`) are keyword-only, take the acting
user, ask `plans.policy` again on the locked rows (the page the user clicked may be stale) and run
in one transaction. Bad input raises `TrackingInputError` with a Vietnamese message per field.

An evidence file is recognised by its content (its first bytes; for DOCX and XLSX, the main part
named in the package's `[Content_Types].xml`), never by its name, and is stored through Django's
storage API under a generated name; it is downloaded only through a view that checks the policy.

The reads (`is_overdue`, `period_bounds`, `calendar_activities`, `calendar_months`) are plain
functions over activities loaded with their plan, so pages run a fixed number of queries.
"""

import calendar
import datetime
import re
import unicodedata
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from activities.choices import ActivityStatus, PeriodKind
from activities.models import ROMAN_QUARTERS, Activity, ActivityEvidence
from clusters.models import ClusterMembership
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction, PlanStatus
from plans.models import Plan

# ---------------------------------------------------------------------------
# Messages (module constants, so that tests can assert the exact text)
# ---------------------------------------------------------------------------
STATUS_INVALID_MESSAGE = "Chọn một tình trạng trong danh sách."
DONE_NEEDS_DATE_MESSAGE = "Nhập ngày hoàn thành cho hoạt động đã hoàn thành."
FUTURE_DATE_MESSAGE = "Ngày hoàn thành không được sau ngày hôm nay ({today:%d/%m/%Y})."
TOO_EARLY_MESSAGE = "Ngày hoàn thành không được trước năm {year} (năm trước năm kế hoạch)."
DATE_WITHOUT_DONE_MESSAGE = (
    "Chỉ ghi ngày hoàn thành khi hoạt động đã hoàn thành: xoá ngày này hoặc chọn “Đã hoàn thành”."
)
RESULT_TOO_LONG_MESSAGE = "Kết quả dài quá: tối đa {limit} ký tự (đang có {length})."
NO_FILE_MESSAGE = "Chọn một tệp để tải lên."
EMPTY_FILE_MESSAGE = "Tệp rỗng (0 byte); hãy chọn lại tệp."
TOO_LARGE_MESSAGE = "Tệp quá lớn: tối đa {limit} MB (tệp này {size} MB)."
TYPE_REFUSED_MESSAGE = (
    "Chỉ nhận tệp PDF, ảnh JPEG, PNG, văn bản Word (DOCX) hoặc bảng tính Excel (XLSX). "
    "Nội dung tệp “{name}” không phải một trong các loại này (loại tệp được nhận biết theo nội dung, "
    "không theo tên)."
)
TOO_MANY_FILES_MESSAGE = "Mỗi hoạt động có tối đa {limit} tệp minh chứng; hãy xoá bớt tệp cũ trước."
ACTIVITY_GONE_MESSAGE = "Hoạt động này không còn trong kế hoạch (có thể vừa bị xoá); hãy tải lại trang."
EVIDENCE_GONE_MESSAGE = "Tệp minh chứng này không còn (có thể vừa bị xoá)."

RESULT_MAX_LENGTH = 5000
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_PER_ACTIVITY = 20
ORIGINAL_NAME_MAX = 255
# What `[Content_Types].xml` may take before we stop reading it (a real one is a few kilobytes).
CONTENT_TYPES_MAX_BYTES = 512 * 1024

CLOSED_STATUSES = {ActivityStatus.DONE, ActivityStatus.CANCELLED}


class TrackingInputError(Exception):
    """Input refused: `errors` maps each field at fault ("status", "completed_on", "file"…, or
    "__all__") to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def can_track(user, plan: Plan) -> bool:
    return policy.denial(user, policy.Action.TRACK, plan) is None


# ---------------------------------------------------------------------------
# Periods and overdue activities
# ---------------------------------------------------------------------------
def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = 3 * (quarter - 1) + 1
    return datetime.date(year, first, 1), month_end(year, first + 2)


def period_bounds(activity: Activity, year: int | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the activity's period; months and quarters are of the plan's year."""
    year = activity.plan.year if year is None else year
    if activity.period_kind == PeriodKind.RANGE:
        return activity.start_date, activity.end_date or activity.start_date
    if activity.period_kind == PeriodKind.DATE:
        return activity.start_date, activity.start_date
    if activity.period_kind == PeriodKind.MONTH:
        return datetime.date(year, activity.month, 1), month_end(year, activity.month)
    return quarter_bounds(year, activity.quarter)


def period_label(activity: Activity, year: int | None = None) -> str:
    """ "Quý II/2024", "Tháng 7/2024", "05/7/2024", "31/8/2024 – 03/9/2024"."""
    year = activity.plan.year if year is None else year
    if activity.period_kind == PeriodKind.QUARTER:
        return f"Quý {ROMAN_QUARTERS[activity.quarter]}/{year}"
    if activity.period_kind == PeriodKind.MONTH:
        return f"Tháng {activity.month}/{year}"
    start, end = period_bounds(activity, year)
    if start == end:
        return _short(start)
    return f"{_short(start)} – {_short(end)}"


def _short(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


def is_overdue(activity: Activity, today: datetime.date | None = None, *, year: int | None = None) -> bool:
    """The activity's period ended before `today` and it is neither done nor cancelled."""
    today = today or timezone.localdate()
    if activity.status in CLOSED_STATUSES:
        return False
    return period_bounds(activity, year)[1] < today


@dataclass
class StatusCounts:
    """How many activities are in each status, and how many of them are overdue."""

    by_status: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def rows(self) -> list[tuple[str, str, int]]:
        """(status value, label, count) in the order of the choices."""
        return [(value, label, self.by_status.get(value, 0)) for value, label in ActivityStatus.choices]


def status_counts(activities, today: datetime.date | None = None, *, year: int | None = None) -> StatusCounts:
    today = today or timezone.localdate()
    counts = StatusCounts()
    for activity in activities:
        counts.by_status[activity.status] += 1
        counts.overdue += is_overdue(activity, today, year=year)
    return counts


# ---------------------------------------------------------------------------
# Updating an activity
# ---------------------------------------------------------------------------
def _locked_activity(activity: Activity | int, user, plan: Plan | None = None) -> Activity:
    """The activity row locked for the change, its plan with it, after asking the policy again."""
    pk = activity.pk if isinstance(activity, Activity) else activity
    queryset = Activity.objects.select_for_update(of=("self",)).select_related(
        "plan__organization", "plan__cluster"
    )
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    try:
        locked = queryset.get(pk=pk)
    except Activity.DoesNotExist as error:
        raise TrackingInputError({"__all__": ACTIVITY_GONE_MESSAGE}) from error
    policy.require(user, policy.Action.TRACK, locked.plan)
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

    Raises PermissionDenied when the user may not track the plan, and TrackingInputError with a
    message per field for bad input ("__all__" when the activity is not, or no longer, the plan's).
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
        raise TrackingInputError(errors)
    locked.status = status
    locked.completed_on = completed_on
    locked.result_note = result_note
    try:
        locked.full_clean(validate_unique=False, validate_constraints=True)
    except ValidationError as error:
        raise TrackingInputError(
            {name: " ".join(messages) for name, messages in error.message_dict.items()}
        ) from error
    locked.save(update_fields=["status", "completed_on", "result_note"])
    done = f" ngày {completed_on:%d/%m/%Y}" if completed_on else ""
    note = f"Hoạt động {locked.order}: {locked.get_status_display()}{done}"
    record_change(plan=locked.plan, actor=user, action=AuditAction.TRACKED, note=note)
    return locked


# ---------------------------------------------------------------------------
# Evidence files
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
JPEG = FileKind("jpg", "image/jpeg", "Ảnh JPEG")
PNG = FileKind("png", "image/png", "Ảnh PNG")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
ALLOWED_KINDS = (PDF, JPEG, PNG, DOCX, XLSX)
KIND_LABELS = {kind.content_type: kind.label for kind in ALLOWED_KINDS}

# The main part of an Office Open XML package, as `[Content_Types].xml` names it (macro-enabled
# .docm/.xlsm packages name other types and are refused).
_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""\b(PartName|ContentType)\s*=\s*["']([^"']*)["']""")


def sniff_kind(upload) -> FileKind | None:
    """The allowed kind the file's content is, or None; the name of the file plays no part."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _office_kind(upload)
        finally:
            upload.seek(0)
    return None


def _office_kind(upload) -> FileKind | None:
    """DOCX or XLSX when the ZIP's `[Content_Types].xml` names a Word or Excel main part it holds."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return None
            with package.open(info) as stream:
                content_types = stream.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError, EOFError):
        return None
    if len(content_types) > CONTENT_TYPES_MAX_BYTES:
        return None
    for override in _OVERRIDE.findall(content_types):
        attributes = {
            key.decode(): value.decode("utf-8", "replace") for key, value in _ATTRIBUTE.findall(override)
        }
        kind = _MAIN_PARTS.get(attributes.get("ContentType", "").strip().lower())
        if kind is not None and attributes.get("PartName", "").lstrip("/") in names:
            return kind
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_original_name(name: str) -> str:
    """The name as the user's computer knew it: no folders, no control characters, at most 255 long."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _CONTROL.sub("", name).strip().strip(".") or "tep-minh-chung"
    if len(name) > ORIGINAL_NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: ORIGINAL_NAME_MAX - len(extension) - 1]}.{extension}"
        else:
            name = name[:ORIGINAL_NAME_MAX]
    return name


def _megabytes(size: int) -> str:
    """ "10", "10,1": tenths of a megabyte, rounded up, so a file just over the limit reads as over it."""
    tenths = -(-size * 10 // (1024 * 1024))
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth}" if tenth else str(whole)


def check_evidence(upload: UploadedFile | None) -> FileKind:
    """The file's kind, or TrackingInputError({"file": …}) saying what is wrong with it."""
    if upload is None:
        raise TrackingInputError({"file": NO_FILE_MESSAGE})
    if not upload.size:
        raise TrackingInputError({"file": EMPTY_FILE_MESSAGE})
    if upload.size > MAX_EVIDENCE_BYTES:
        raise TrackingInputError(
            {
                "file": TOO_LARGE_MESSAGE.format(
                    limit=_megabytes(MAX_EVIDENCE_BYTES), size=_megabytes(upload.size)
                )
            }
        )
    kind = sniff_kind(upload)
    if kind is None:
        raise TrackingInputError({"file": TYPE_REFUSED_MESSAGE.format(name=clean_original_name(upload.name))})
    return kind


@transaction.atomic
def evidence_add(
    *, activity: Activity | int, user, upload: UploadedFile | None, plan: Plan | None = None
) -> ActivityEvidence:
    """Keep a file showing the activity was done (Action.TRACK), under a generated name."""
    locked = _locked_activity(activity, user, plan)
    kind = check_evidence(upload)
    if locked.evidence.count() >= MAX_EVIDENCE_PER_ACTIVITY:
        raise TrackingInputError({"file": TOO_MANY_FILES_MESSAGE.format(limit=MAX_EVIDENCE_PER_ACTIVITY)})
    evidence = ActivityEvidence(
        activity=locked,
        original_name=clean_original_name(upload.name),
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=user,
    )
    upload.seek(0)
    try:
        evidence.file.save(f"{uuid.uuid4().hex}.{kind.extension}", upload, save=False)
        evidence.save()
    except Exception:
        # Nothing half done: a file whose row could not be written is removed again.
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    note = f"Hoạt động {locked.order}: thêm minh chứng “{evidence.original_name}”"
    record_change(plan=locked.plan, actor=user, action=AuditAction.EVIDENCE, note=note)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: ActivityEvidence | int, user, plan: Plan | None = None) -> None:
    """Remove an evidence file (Action.TRACK); the stored file goes once the deletion commits."""
    pk = evidence.pk if isinstance(evidence, ActivityEvidence) else evidence
    queryset = ActivityEvidence.objects.select_for_update(of=("self",)).select_related(
        "activity__plan__organization", "activity__plan__cluster"
    )
    if plan is not None:
        queryset = queryset.filter(activity__plan=plan)
    try:
        row = queryset.get(pk=pk)
    except ActivityEvidence.DoesNotExist as error:
        raise TrackingInputError({"file": EVIDENCE_GONE_MESSAGE}) from error
    policy.require(user, policy.Action.TRACK, row.activity.plan)
    storage, name = row.file.storage, row.file.name
    row.delete()
    note = f"Hoạt động {row.activity.order}: xoá minh chứng “{row.original_name}”"
    record_change(plan=row.activity.plan, actor=user, action=AuditAction.EVIDENCE, note=note)
    transaction.on_commit(lambda: storage.delete(name))


def evidence_queryset(plan: Plan) -> QuerySet[ActivityEvidence]:
    return ActivityEvidence.objects.filter(activity__plan=plan).select_related("activity")


# ---------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """A month or a quarter of a year."""

    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def months(self) -> list[int]:
        if self.month is not None:
            return [self.month]
        first = 3 * (self.quarter - 1) + 1
        return [first, first + 1, first + 2]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.months[0], 1)

    @property
    def end(self) -> datetime.date:
        return month_end(self.year, self.months[-1])

    @property
    def label(self) -> str:
        if self.month is not None:
            return f"Tháng {self.month}/{self.year}"
        return f"Quý {ROMAN_QUARTERS[self.quarter]}/{self.year}"

    @property
    def in_sentence(self) -> str:
        """ "tháng 8/2024", "quý III/2024": the label inside a sentence."""
        return self.label[0].lower() + self.label[1:]

    def shifted(self, step: int) -> "Window":
        """The previous (-1) or next (+1) month or quarter."""
        if self.month is not None:
            index = self.year * 12 + self.month - 1 + step
            return Window(index // 12, month=index % 12 + 1)
        index = self.year * 4 + self.quarter - 1 + step
        return Window(index // 4, quarter=index % 4 + 1)


def calendar_activities(plans: QuerySet[Plan], window: Window) -> QuerySet[Activity]:
    """Activities of `plans` whose period meets the window, with their plan: one query."""
    quarters = sorted({quarter_of_month(month) for month in window.months})
    meets = (
        Q(period_kind=PeriodKind.QUARTER, plan__year=window.year, quarter__in=quarters)
        | Q(period_kind=PeriodKind.MONTH, plan__year=window.year, month__in=window.months)
        | Q(period_kind=PeriodKind.DATE, start_date__gte=window.start, start_date__lte=window.end)
        | Q(period_kind=PeriodKind.RANGE, start_date__lte=window.end, end_date__gte=window.start)
    )
    return (
        Activity.objects.filter(plan__in=plans.values("pk"))
        .filter(meets)
        .select_related("plan__organization", "plan__cluster")
        .order_by("start_date", "plan__year", "month", "quarter", "plan_id", "order", "pk")
    )


@dataclass
class CalendarEntry:
    activity: Activity
    plan: Plan
    period: str
    start: datetime.date
    end: datetime.date
    scope: str  # "day": a date or a range; "month"; "quarter"
    tracked: bool  # the plan is issued: its status and overdue flag mean something
    overdue: bool


@dataclass
class CalendarMonth:
    year: int
    month: int
    entries: list[CalendarEntry]

    @property
    def label(self) -> str:
        return f"Tháng {self.month}/{self.year}"


SCOPE_ORDER = {"day": 0, "month": 1, "quarter": 2}
SCOPES = {PeriodKind.QUARTER: "quarter", PeriodKind.MONTH: "month"}


def calendar_months(activities, window: Window, today: datetime.date | None = None) -> list[CalendarMonth]:
    """Each month of the window with the activities it holds: an activity of a quarter is in each
    of its months, a range in every month it meets; dated ones first, by date."""
    today = today or timezone.localdate()
    entries = []
    for activity in activities:
        start, end = period_bounds(activity)
        tracked = activity.plan.status == PlanStatus.ISSUED
        entries.append(
            CalendarEntry(
                activity=activity,
                plan=activity.plan,
                period=period_label(activity),
                start=start,
                end=end,
                scope=SCOPES.get(activity.period_kind, "day"),
                tracked=tracked,
                overdue=tracked and is_overdue(activity, today),
            )
        )
    months = []
    for month in window.months:
        first, last = datetime.date(window.year, month, 1), month_end(window.year, month)
        held = [entry for entry in entries if entry.start <= last and entry.end >= first]
        held.sort(key=lambda entry: (SCOPE_ORDER[entry.scope], entry.start, entry.end, entry.activity.pk))
        months.append(CalendarMonth(window.year, month, held))
    return months


def calendar_plans(
    user, *, organization_id: int | None = None, cluster_id: int | None = None
) -> QuerySet[Plan]:
    """The visible plans of a body or a cluster; without either, those of the user's own bodies
    (their issued plans and their clusters'), or every visible plan for a superuser."""
    plans = policy.visible_plans(user)
    if organization_id is not None:
        return plans.filter(organization_id=organization_id)
    if cluster_id is not None:
        return plans.filter(cluster_id=cluster_id)
    scope = policy.scope_of(user)
    if scope.is_admin and not scope.all_bodies:
        return plans
    bodies = scope.all_bodies | scope.overseen
    member = ClusterMembership.objects.filter(
        cluster=OuterRef("cluster"), year=OuterRef("year"), organization__in=bodies
    )
    return plans.filter(Q(organization__in=bodies) | Exists(member))


__all__ = [
    "MAX_EVIDENCE_BYTES",
    "CalendarMonth",
    "TrackingInputError",
    "Window",
    "activity_track",
    "calendar_activities",
    "calendar_months",
    "calendar_plans",
    "evidence_add",
    "evidence_delete",
    "is_overdue",
    "period_bounds",
    "period_label",
    "sniff_kind",
    "status_counts",
]
