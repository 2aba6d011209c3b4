"""What a plan schedules and who takes part: activities, classes, participant groups, registrations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from activities.choices import ActivityStatus, GroupKind, PeriodKind, PersonalDataUse
from clusters.models import Organization
from common.models import SearchableModel
from plans.choices import ActivityNumbering
from plans.models import Plan, PlanPart, unique_order

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Activity(SearchableModel, PlanPart):
    """A scheduled activity of a plan: a row of the table grouped by quarter."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="activities"
    )
    content = models.TextField("nội dung công việc")
    period_kind = models.CharField("thời gian theo", max_length=10, choices=PeriodKind.choices)
    quarter = models.PositiveSmallIntegerField("quý", null=True, blank=True)
    month = models.PositiveSmallIntegerField("tháng", null=True, blank=True)
    start_date = models.DateField("từ ngày", null=True, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)
    timing_text = models.CharField(
        "ghi chú thời gian", max_length=200, blank=True, help_text="Ví dụ: đầu tháng 7/2022"
    )
    lead_organizations = models.ManyToManyField(
        Organization, verbose_name="đơn vị chủ trì", blank=True, related_name="led_activities"
    )
    coordinating_organizations = models.ManyToManyField(
        Organization, verbose_name="đơn vị phối hợp", blank=True, related_name="coordinated_activities"
    )
    implementers_text = models.TextField(
        "đơn vị thực hiện (ghi bằng chữ)",
        blank=True,
        help_text="Mỗi đơn vị một dòng, ví dụ: Các đơn vị trong Cụm thi đua",
    )
    place = models.CharField("địa điểm", max_length=300, blank=True)

    # Tracking, once the plan is issued: not part of the printed document.
    status = models.CharField(
        "tình trạng", max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.NOT_STARTED
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    result_note = models.TextField("kết quả", blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "hoạt động"
        verbose_name_plural = "hoạt động"
        # The dashboard's activities ahead (activities.selectors.upcoming_activities).
        indexes = [
            models.Index(fields=("period_kind", "start_date"), name="activities_activity_start_idx"),
            models.Index(fields=("period_kind", "end_date"), name="activities_activity_end_idx"),
            models.Index(fields=("period_kind", "month"), name="activities_activity_month_idx"),
        ]
        constraints = [
            unique_order("activities_activity"),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | (Q(quarter__gte=1) & Q(quarter__lte=4)),
                name="activities_activity_quarter_range",
                violation_error_message="Quý phải từ 1 đến 4.",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | (Q(month__gte=1) & Q(month__lte=12)),
                name="activities_activity_month_range",
                violation_error_message="Tháng phải từ 1 đến 12.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="activities_activity_end_not_before_start",
                violation_error_message="Ngày kết thúc không được trước ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=(Q(period_kind=PeriodKind.QUARTER) & Q(quarter__isnull=False))
                | (Q(period_kind=PeriodKind.MONTH) & Q(month__isnull=False))
                | (Q(period_kind=PeriodKind.DATE) & Q(start_date__isnull=False))
                | (Q(period_kind=PeriodKind.RANGE) & Q(start_date__isnull=False) & Q(end_date__isnull=False)),
                name="activities_activity_period_complete",
                violation_error_message="Thời gian chưa đủ: chọn quý, tháng hoặc ngày tương ứng.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActivityStatus.values), name="activities_activity_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ActivityStatus.DONE) | Q(completed_on__isnull=False),
                name="activities_activity_done_has_date",
                violation_error_message="Hoạt động đã hoàn thành cần ngày hoàn thành.",
            ),
        ]

    def __str__(self):
        return self.content[:100]

    def search_parts(self) -> list[str]:
        return [self.content, self.implementers_text, self.timing_text, self.place]

    @property
    def effective_quarter(self) -> int:
        """The quarter the activity is listed under in the plan's table."""
        if self.period_kind == PeriodKind.QUARTER:
            return self.quarter
        month = self.month if self.period_kind == PeriodKind.MONTH else self.start_date.month
        return (month - 1) // 3 + 1

    def clean(self):
        if self.period_kind == PeriodKind.QUARTER and self.quarter is None:
            raise ValidationError({"quarter": "Chọn quý."})
        if self.period_kind == PeriodKind.MONTH and self.month is None:
            raise ValidationError({"month": "Chọn tháng."})
        if self.period_kind in (PeriodKind.DATE, PeriodKind.RANGE) and self.start_date is None:
            raise ValidationError({"start_date": "Nhập ngày bắt đầu."})
        if self.period_kind == PeriodKind.RANGE and self.end_date is None:
            raise ValidationError({"end_date": "Nhập ngày kết thúc."})


class Session(PlanPart):
    """A class or session of a plan (seed 002 runs two classes), each with its own participants."""

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField("tên lớp, buổi", max_length=200, help_text="Ví dụ: Lớp thứ nhất")
    duration = models.CharField("thời lượng", max_length=100, blank=True, help_text="Ví dụ: 01 ngày")
    timing_text = models.CharField(
        "thời gian", max_length=200, blank=True, help_text="Ví dụ: dự kiến trong quý II năm 2024"
    )
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=300, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "lớp, buổi"
        verbose_name_plural = "lớp, buổi"
        constraints = [
            unique_order("activities_session"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="activities_session_end_not_before_start",
                violation_error_message="Ngày kết thúc không được trước ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return self.name


class ParticipantGroup(PlanPart):
    """Who takes part and how many: a named invitee, a fixed count, or a quota per unit."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="participant_groups"
    )
    session = models.ForeignKey(
        Session,
        verbose_name="lớp, buổi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participant_groups",
    )
    kind = models.CharField("loại", max_length=20, choices=GroupKind.choices)
    description = models.TextField(
        "mô tả",
        blank=True,
        help_text="Ví dụ: “Mời lãnh đạo Phòng Thi đua - Khen thưởng, Sở Nội vụ” hoặc “Mỗi huyện đăng ký”",
    )
    honorific = models.CharField("danh xưng", max_length=20, blank=True, help_text="Ông, Bà, Đồng chí")
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    position = models.CharField("chức vụ, đơn vị", max_length=300, blank=True)
    count = models.PositiveIntegerField(
        "số người", null=True, blank=True, help_text="Số cố định, hoặc định mức mỗi đơn vị"
    )
    noun = models.CharField("đơn vị đếm", max_length=200, default="người", blank=True)
    units = models.ManyToManyField(
        Organization, verbose_name="các đơn vị áp định mức", blank=True, related_name="participant_quotas"
    )
    unit_count = models.PositiveIntegerField(
        "số đơn vị", null=True, blank=True, help_text="Với định mức theo loại đơn vị, nếu biết"
    )

    class Meta(PlanPart.Meta):
        verbose_name = "nhóm thành phần"
        verbose_name_plural = "thành phần, số lượng"
        constraints = [
            unique_order("activities_participantgroup"),
            models.CheckConstraint(
                condition=Q(kind__in=GroupKind.values), name="activities_group_kind_valid"
            ),
            models.CheckConstraint(
                condition=(Q(kind=GroupKind.NAMED) & ~Q(full_name=""))
                | (~Q(kind=GroupKind.NAMED) & Q(count__isnull=False)),
                name="activities_group_kind_has_its_data",
                violation_error_message="Khách mời cần họ tên; các nhóm khác cần số người.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=0),
                name="activities_group_count_non_negative",
                violation_error_message="Số người không được âm.",
            ),
        ]

    def __str__(self):
        if self.kind == GroupKind.NAMED:
            return f"{self.honorific} {self.full_name}".strip()
        return f"{self.description} {self.count} {self.noun}".strip()

    def clean(self):
        if self.session_id and self.session.plan_id != self.plan_id:
            raise ValidationError({"session": "Lớp phải thuộc cùng kế hoạch."})

    @property
    def total(self) -> int | None:
        """How many people the group brings; None when a quota's number of units is unknown.

        Uses `units.all()` so that a prefetch of `units` answers it without a query.
        """
        if self.kind == GroupKind.NAMED:
            return 1
        if self.kind == GroupKind.FIXED:
            return self.count
        if self.kind == GroupKind.PER_UNIT:
            return self.count * len(self.units.all())
        return self.count * self.unit_count if self.unit_count is not None else None


def participant_total(groups) -> int | None:
    """Sum of the groups' totals; None if any group's total is unknown. Never typed by hand."""
    totals = [group.total for group in groups]
    if any(total is None for total in totals):
        return None
    return sum(totals)


def activities_by_quarter(activities, *, numbering: str) -> list[tuple[int, list[tuple[int, Activity]]]]:
    """Activities grouped under their quarter, quarters in order, activities in their given order,
    each with its number as the plan prints it: from 1 in every quarter, or on through the year.

    The one numbering of activities: the document, the plan page, the tracking page and the
    reports all read it, so an activity has the same number everywhere.
    """
    by_quarter: dict[int, list[Activity]] = {}
    for activity in activities:
        by_quarter.setdefault(activity.effective_quarter, []).append(activity)
    numbered, counter = [], 0
    for quarter, items in sorted(by_quarter.items()):
        if numbering != ActivityNumbering.CONTINUOUS:
            counter = 0
        rows = []
        for activity in items:
            counter += 1
            rows.append((counter, activity))
        numbered.append((quarter, rows))
    return numbered


class ParticipantBreakdown(PlanPart):
    """Part of a per-unit quota: "15 người gồm 01 lãnh đạo, 01 cán bộ, 13 giáo viên"."""

    group = models.ForeignKey(
        ParticipantGroup, verbose_name="nhóm", on_delete=models.CASCADE, related_name="breakdown"
    )
    count = models.PositiveIntegerField("số người")
    description = models.CharField("thành phần", max_length=300)

    class Meta(PlanPart.Meta):
        verbose_name = "cơ cấu"
        verbose_name_plural = "cơ cấu thành phần"
        constraints = [
            models.UniqueConstraint(
                fields=("group", "order"),
                name="activities_breakdown_unique_order",
                violation_error_message="Thứ tự này đã có trong nhóm.",
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="activities_breakdown_count_non_negative",
                violation_error_message="Số người không được âm.",
            ),
        ]

    def __str__(self):
        return f"{self.count:02d} {self.description}"


citizen_id_validator = RegexValidator(r"^\d{12}$", "Số căn cước công dân gồm đúng 12 chữ số.")
phone_validator = RegexValidator(
    r"^(0|\+84)(3|5|7|8|9)\d{8}$|^(0|\+84)2\d{9}$",
    "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912345678).",
)


class Registration(SearchableModel):
    """A named person that a member unit sends to a plan's event."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="registrations"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="đơn vị cử", on_delete=models.PROTECT, related_name="registrations"
    )
    group = models.ForeignKey(
        ParticipantGroup,
        verbose_name="theo định mức",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    full_name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    phone = models.CharField("số điện thoại", max_length=15, blank=True, validators=[phone_validator])
    citizen_id = models.CharField("số CCCD", max_length=12, blank=True, validators=[citizen_id_validator])
    id_issue_date = models.DateField("ngày cấp", null=True, blank=True)
    id_issue_place = models.CharField("nơi cấp", max_length=200, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_at = models.DateTimeField("đăng ký lúc", auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đăng ký",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the personal fields (phone, citizen ID and its issue) were erased after the event.
    purged_at = models.DateTimeField("đã xoá dữ liệu cá nhân lúc", null=True, blank=True)

    class Meta:
        ordering = ("organization__name", "full_name")
        verbose_name = "người đăng ký"
        verbose_name_plural = "danh sách đăng ký"
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen_id="") | Q(citizen_id__regex=r"^[0-9]{12}$"),
                name="activities_registration_citizen_id_12_digits",
                violation_error_message="Số căn cước công dân gồm đúng 12 chữ số.",
            ),
            models.CheckConstraint(
                condition=~Q(full_name=""),
                name="activities_registration_name_not_empty",
                violation_error_message="Nhập họ và tên.",
            ),
            models.UniqueConstraint(
                fields=("plan", "citizen_id"),
                condition=~Q(citizen_id=""),
                name="activities_registration_unique_person",
                violation_error_message="Người có số CCCD này đã được đăng ký cho kế hoạch.",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.organization})"

    def search_parts(self) -> list[str]:
        return [self.full_name, self.position, self.note]

    def clean(self):
        if self.id_issue_date and self.id_issue_date > timezone.localdate():
            raise ValidationError({"id_issue_date": "Ngày cấp không được ở tương lai."})


class LiveEvidenceManager(models.Manager):
    """Evidence not deleted: what every page, count and download sees."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class ActivityEvidence(models.Model):
    """A file that shows an activity was done (minutes, photos, a report), kept through the storage API.

    A deleted file is only marked deleted: its organiser may restore it for `EVIDENCE_RECOVERY_DAYS`,
    after which the daily work erases the row and the stored file.
    """

    activity = models.ForeignKey(
        Activity, verbose_name="hoạt động", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("tệp", upload_to="evidence/%Y/%m/")
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField("loại tệp", max_length=100)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải lên", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    deleted_at = models.DateTimeField("xoá lúc", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xoá",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    with_deleted = models.Manager()
    objects = LiveEvidenceManager()

    class Meta:
        ordering = ("activity", "uploaded_at", "pk")
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        # The related managers (activity.evidence) and the admin see live files only; the base
        # manager (used by Django internally, e.g. for cascades) sees every row.
        default_manager_name = "objects"
        base_manager_name = "with_deleted"
        constraints = [
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True, deleted_by__isnull=True)
                | Q(deleted_at__isnull=False, deleted_by__isnull=False),
                name="activities_evidence_deleted_with_who",
                violation_error_message="Minh chứng đã xoá phải ghi thời điểm và người xoá.",
            ),
        ]
        indexes = [models.Index(fields=("deleted_at",), name="activities_evid_deleted_idx")]

    def __str__(self):
        return self.original_name


class PersonalDataAccess(models.Model):
    """Who saw or took registrations' personal data in full, when, and of which plan and unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người truy cập", on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="personal_data_accesses"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="danh sách của đơn vị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Trống: danh sách của mọi đơn vị",
    )
    use = models.CharField("hình thức", max_length=20, choices=PersonalDataUse.choices)
    rows = models.PositiveIntegerField("số người", default=0)
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = "nhật ký truy cập dữ liệu cá nhân"
        verbose_name_plural = "nhật ký truy cập dữ liệu cá nhân"
        constraints = [
            models.CheckConstraint(
                condition=Q(use__in=PersonalDataUse.values), name="activities_personaldata_use_valid"
            )
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.user} – {self.get_use_display()}"


__all__ = [
    "Activity",
    "ActivityEvidence",
    "ParticipantBreakdown",
    "ParticipantGroup",
    "PersonalDataAccess",
    "Registration",
    "Session",
    "activities_by_quarter",
    "participant_total",
]
