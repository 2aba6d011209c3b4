"""Criteria tables (bảng tiêu chí chấm điểm thi đua): a tree of criteria with their maximum points,
per cluster (or body) and year, versioned once issued."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from common.years import YEAR_MESSAGE, year_range
from emulation.choices import CriterionKind, PointsFormula, TableStatus
from plans.models.plan import one_per_issuer

POINTS = {"max_digits": 7, "decimal_places": 2}
ZERO = Decimal("0")


# Kinds whose points count towards the table's maximum; bonus is added on top, penalty deducted.
REGULAR_KINDS = (CriterionKind.QUANTITATIVE, CriterionKind.QUALITATIVE, CriterionKind.PER_OCCURRENCE)
SCORED_KINDS = (*REGULAR_KINDS, CriterionKind.BONUS, CriterionKind.PENALTY)


class CriteriaTable(models.Model):
    """One version of a cluster's (or a body's) criteria table for a year.

    A table is edited while a draft; once issued it is frozen, and a change makes a new version
    (`previous` points to the one it replaces). Scoring runs on the issued version in force, and is
    locked (`locked_at`) when the review meeting closes.
    """

    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name="cụm, khối thi đua",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_tables",
    )
    organization = models.ForeignKey(
        "clusters.Organization",
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_tables",
        help_text="Bảng tiêu chí của một cơ quan chấm cho các đơn vị trực thuộc (khi không theo cụm)",
    )
    year = models.PositiveSmallIntegerField("năm")
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    title = models.CharField("tên bảng", max_length=300)
    status = models.CharField(
        "trạng thái", max_length=12, choices=TableStatus.choices, default=TableStatus.DRAFT
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name="kế hoạch có các hoạt động được chấm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_tables",
    )
    document = models.OneToOneField(
        "plans.Plan",
        verbose_name="văn bản ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_criteria_table",
        help_text="Văn bản (hướng dẫn) in bảng tiêu chí, ban hành theo quy trình như kế hoạch",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name="thay cho phiên bản",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    bonus_cap = models.DecimalField(
        "tổng điểm thưởng tối đa", null=True, blank=True, help_text="Để trống: không giới hạn chung", **POINTS
    )
    penalty_cap = models.DecimalField(
        "tổng điểm trừ tối đa", null=True, blank=True, help_text="Để trống: không giới hạn chung", **POINTS
    )
    self_scoring_deadline = models.DateField("hạn tự chấm điểm", null=True, blank=True)
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    locked_at = models.DateTimeField("khoá điểm lúc", null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người khoá",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ("-year", "title", "-version")
        verbose_name = "bảng tiêu chí chấm điểm"
        verbose_name_plural = "bảng tiêu chí chấm điểm"
        constraints = [
            models.CheckConstraint(
                condition=Q(cluster__isnull=True, organization__isnull=False)
                | Q(cluster__isnull=False, organization__isnull=True),
                name="emulation_criteriatable_one_owner",
                violation_error_message="Bảng tiêu chí thuộc một cụm, khối hoặc một cơ quan.",
            ),
            *one_per_issuer(
                "year",
                "version",
                names=(
                    "emulation_criteriatable_unique_cluster_version",
                    "emulation_criteriatable_unique_body_version",
                ),
                messages=(
                    "Cụm này đã có phiên bản bảng tiêu chí đó trong năm.",
                    "Cơ quan này đã có phiên bản bảng tiêu chí đó trong năm.",
                ),
            ),
            models.CheckConstraint(
                condition=year_range(),
                name="emulation_criteriatable_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(status__in=TableStatus.values), name="emulation_criteriatable_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(bonus_cap__isnull=True) | Q(bonus_cap__gte=0),
                name="emulation_criteriatable_bonus_cap_not_negative",
                violation_error_message="Tổng điểm thưởng tối đa không được âm.",
            ),
            models.CheckConstraint(
                condition=Q(penalty_cap__isnull=True) | Q(penalty_cap__gte=0),
                name="emulation_criteriatable_penalty_cap_not_negative",
                violation_error_message="Tổng điểm trừ tối đa không được âm.",
            ),
            # A locked table is an issued one: scores are locked on the version they were given on.
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True) | ~Q(status=TableStatus.DRAFT),
                name="emulation_criteriatable_locked_only_issued",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.owner}, năm {self.year}, phiên bản {self.version})"

    def get_absolute_url(self):
        return reverse("emulation:criteria_table", args=[self.pk])

    @property
    def owner(self):
        return self.cluster if self.cluster_id else self.organization

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_editable(self) -> bool:
        return self.status == TableStatus.DRAFT


class Criterion(models.Model):
    """A node of the criteria tree: a group heading, or a criterion scored by its kind's rule.

    The scoring fields by kind: quantitative reads `target`, `formula` (and `points_per_unit`,
    `deduction_per_unit`, `base_points` for the stepped formula); per occurrence and (optionally)
    bonus and penalty read `points_per_unit`; every scored kind is capped at `max_points` (for a
    penalty: the most it deducts).
    """

    table = models.ForeignKey(
        CriteriaTable, verbose_name="bảng tiêu chí", on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc nhóm",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    title = models.TextField("nội dung tiêu chí")
    kind = models.CharField("loại", max_length=12, choices=CriterionKind.choices)
    max_points = models.DecimalField("điểm tối đa", default=ZERO, **POINTS)
    formula = models.CharField("cách tính điểm", max_length=12, choices=PointsFormula.choices, blank=True)
    target = models.DecimalField("chỉ tiêu", null=True, blank=True, **POINTS)
    measure = models.CharField("đơn vị tính", max_length=50, blank=True, help_text="Ví dụ: %, hồ sơ, lớp")
    base_points = models.DecimalField(
        "điểm khi đạt chỉ tiêu",
        null=True,
        blank=True,
        help_text="Chỉ dùng cho cách tính có cộng, trừ",
        **POINTS,
    )
    points_per_unit = models.DecimalField("điểm mỗi lần (mỗi đơn vị vượt)", null=True, blank=True, **POINTS)
    deduction_per_unit = models.DecimalField("điểm trừ mỗi đơn vị thiếu", null=True, blank=True, **POINTS)
    guidance = models.TextField("hướng dẫn chấm, tài liệu kiểm chứng", blank=True)
    # The criterion of the previous version (or year) this one was copied from: a new version's
    # issue carries the scores of criteria whose scoring rule did not change.
    copied_from = models.ForeignKey(
        "self",
        verbose_name="sao chép từ tiêu chí",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    activities = models.ManyToManyField(
        "activities.Activity",
        verbose_name="hoạt động của kế hoạch được đo",
        blank=True,
        related_name="criteria",
    )

    class Meta:
        ordering = ("table", "parent_id", "order", "pk")
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CriterionKind.values), name="emulation_criterion_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gte=0),
                name="emulation_criterion_max_not_negative",
                violation_error_message="Điểm tối đa không được âm.",
            ),
            models.CheckConstraint(
                condition=Q(formula="") | Q(formula__in=PointsFormula.values),
                name="emulation_criterion_formula_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind=CriterionKind.QUANTITATIVE) | (~Q(formula="") & Q(target__gt=0)),
                name="emulation_criterion_quantitative_has_target",
                violation_error_message="Tiêu chí định lượng cần chỉ tiêu lớn hơn 0 và cách tính điểm.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=CriterionKind.PER_OCCURRENCE) | Q(points_per_unit__gt=0),
                name="emulation_criterion_occurrence_has_points",
                violation_error_message="Tiêu chí theo số lần cần số điểm mỗi lần lớn hơn 0.",
            ),
            models.CheckConstraint(
                condition=Q(base_points__isnull=True)
                | (Q(base_points__gte=0) & Q(base_points__lte=F("max_points"))),
                name="emulation_criterion_base_within_max",
                violation_error_message="Điểm khi đạt chỉ tiêu phải từ 0 đến điểm tối đa.",
            ),
            models.CheckConstraint(
                condition=(Q(points_per_unit__isnull=True) | Q(points_per_unit__gte=0))
                & (Q(deduction_per_unit__isnull=True) | Q(deduction_per_unit__gte=0)),
                name="emulation_criterion_steps_not_negative",
                violation_error_message="Số điểm mỗi đơn vị không được âm.",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="emulation_criterion_not_own_parent"),
        ]

    def __str__(self):
        return self.title[:80]

    @property
    def is_scored(self) -> bool:
        return self.kind in SCORED_KINDS

    @property
    def takes_result(self) -> bool:
        """The scorer enters a result (a measured value or a count) and the points follow from it."""
        return self.kind in (CriterionKind.QUANTITATIVE, CriterionKind.PER_OCCURRENCE) or (
            self.kind in (CriterionKind.BONUS, CriterionKind.PENALTY) and self.points_per_unit is not None
        )

    def clean(self):
        if self.parent_id is not None and self.parent is not None:
            if self.parent.table_id != self.table_id:
                raise ValidationError({"parent": "Nhóm tiêu chí phải thuộc cùng bảng."})
            if self.parent.kind != CriterionKind.GROUP:
                raise ValidationError({"parent": "Chỉ đặt tiêu chí vào một nhóm tiêu chí."})
        if self.kind == CriterionKind.QUANTITATIVE:
            errors = {}
            if not self.formula:
                errors["formula"] = "Chọn cách tính điểm cho tiêu chí định lượng."
            if self.target is None or self.target <= 0:
                errors["target"] = "Nhập chỉ tiêu lớn hơn 0."
            if self.formula == PointsFormula.STEPPED and self.base_points is None:
                errors["base_points"] = "Nhập điểm khi đạt chỉ tiêu."
            if errors:
                raise ValidationError(errors)
        if self.kind == CriterionKind.PER_OCCURRENCE and not self.points_per_unit:
            raise ValidationError({"points_per_unit": "Nhập số điểm mỗi lần lớn hơn 0."})
