"""Scoring against a criteria table: each unit's self-score with evidence, the reviewers' scores, the
reviewers appointed for each unit, and the log of every change until the table is locked."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from emulation.choices import ScoreSide
from emulation.models.criteria import POINTS, CriteriaTable, Criterion


class Scorecard(models.Model):
    """A unit's scoring on a table: whether its self-score is still a draft (seen only by the unit)."""

    table = models.ForeignKey(
        CriteriaTable, verbose_name="bảng tiêu chí", on_delete=models.PROTECT, related_name="scorecards"
    )
    unit = models.ForeignKey(
        "clusters.Organization", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="scorecards"
    )
    self_submitted_at = models.DateTimeField("gửi bản tự chấm lúc", null=True, blank=True)
    self_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("table", "unit__name")
        verbose_name = "bản chấm điểm của đơn vị"
        verbose_name_plural = "bản chấm điểm của đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=("table", "unit"),
                name="emulation_scorecard_unique_unit",
                violation_error_message="Đơn vị đã có bản chấm điểm trên bảng này.",
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.table}"

    @property
    def self_submitted(self) -> bool:
        return self.self_submitted_at is not None


class ReviewAssignment(models.Model):
    """A reviewer appointed to score a unit: a person, or a member unit scoring another (chấm chéo)."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name="đơn vị được chấm", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thẩm định",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_assignments",
    )
    reviewer_unit = models.ForeignKey(
        "clusters.Organization",
        verbose_name="đơn vị chấm chéo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cross_reviews",
    )

    class Meta:
        ordering = ("scorecard", "pk")
        verbose_name = "phân công thẩm định"
        verbose_name_plural = "phân công thẩm định"
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True, reviewer_unit__isnull=False)
                | Q(reviewer__isnull=False, reviewer_unit__isnull=True),
                name="emulation_reviewassignment_one_reviewer",
                violation_error_message="Phân công một người thẩm định hoặc một đơn vị chấm chéo.",
            ),
            models.UniqueConstraint(
                fields=("scorecard", "reviewer"),
                name="emulation_reviewassignment_unique_person",
                violation_error_message="Người này đã được phân công chấm đơn vị.",
            ),
            models.UniqueConstraint(
                fields=("scorecard", "reviewer_unit"),
                name="emulation_reviewassignment_unique_unit",
                violation_error_message="Đơn vị này đã được phân công chấm chéo.",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer or self.reviewer_unit} chấm {self.scorecard.unit}"


class Score(models.Model):
    """The points one side gives one unit on one criterion.

    `max_points` is the criterion's maximum copied when the score is written (an issued table never
    changes, a new version makes new rows), so the database itself keeps every score within 0..max,
    and a penalty's deduction within its cap. A penalty is stored as the points it deducts.
    """

    scorecard = models.ForeignKey(
        Scorecard, verbose_name="bản chấm điểm", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name="tiêu chí", on_delete=models.PROTECT, related_name="scores"
    )
    side = models.CharField("bên chấm", max_length=6, choices=ScoreSide.choices)
    result = models.DecimalField("kết quả (giá trị đạt, số lần)", null=True, blank=True, **POINTS)
    points = models.DecimalField("điểm", **POINTS)
    max_points = models.DecimalField("điểm tối đa", **POINTS)
    note = models.TextField("giải trình, lý do", blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người chấm", on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField("chấm lúc", default=timezone.now)

    class Meta:
        ordering = ("scorecard", "criterion", "side")
        verbose_name = "điểm"
        verbose_name_plural = "điểm"
        constraints = [
            models.UniqueConstraint(
                fields=("scorecard", "criterion", "side"),
                name="emulation_score_unique_side",
                violation_error_message="Tiêu chí này đã được chấm.",
            ),
            models.CheckConstraint(condition=Q(side__in=ScoreSide.values), name="emulation_score_side_valid"),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=F("max_points")),
                name="emulation_score_within_max",
                violation_error_message="Điểm phải từ 0 đến điểm tối đa của tiêu chí.",
            ),
            models.CheckConstraint(
                condition=Q(result__isnull=True) | Q(result__gte=0),
                name="emulation_score_result_not_negative",
                violation_error_message="Kết quả không được âm.",
            ),
        ]

    def __str__(self):
        return f"{self.scorecard.unit} – {self.criterion}: {self.points}"


class ScoreEvidence(models.Model):
    """Evidence for a unit's self-score on a criterion: a tracked activity's file, or a file uploaded."""

    score = models.ForeignKey(Score, verbose_name="điểm", on_delete=models.CASCADE, related_name="evidence")
    activity_evidence = models.ForeignKey(
        "activities.ActivityEvidence",
        verbose_name="minh chứng của hoạt động",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="score_uses",
    )
    file = models.FileField("tệp", upload_to="scoring/%Y/%m/", blank=True)
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    content_type = models.CharField("loại tệp", max_length=100, blank=True)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0)

    class Meta:
        ordering = ("score", "pk")
        verbose_name = "tài liệu kiểm chứng"
        verbose_name_plural = "tài liệu kiểm chứng"
        constraints = [
            models.CheckConstraint(
                condition=(Q(activity_evidence__isnull=True) & ~Q(file=""))
                | (Q(activity_evidence__isnull=False) & Q(file="")),
                name="emulation_scoreevidence_one_source",
            ),
            models.UniqueConstraint(
                fields=("score", "activity_evidence"),
                name="emulation_scoreevidence_unique_activity_file",
            ),
        ]

    def __str__(self):
        return self.original_name or str(self.activity_evidence)

    @property
    def name(self) -> str:
        return self.activity_evidence.original_name if self.activity_evidence_id else self.original_name


ACTION_LABELS = {
    "create": "Lập bảng tiêu chí",
    "copy": "Sao chép từ năm trước",
    "new_version": "Tạo phiên bản mới",
    "criterion_add": "Thêm tiêu chí",
    "criterion_update": "Sửa tiêu chí",
    "criterion_delete": "Xoá tiêu chí",
    "issue": "Ban hành bảng tiêu chí",
    "carry": "Chuyển điểm sang phiên bản mới",
    "document": "Tạo văn bản ban hành bảng tiêu chí",
    "score_self": "Đơn vị tự chấm",
    "score_review": "Thẩm định",
    "self_submit": "Gửi bản tự chấm",
    "assign": "Phân công thẩm định",
    "lock": "Khoá bảng điểm",
}


class ScoringChange(models.Model):
    """One change to a table or its scores, by whom and when, with the values before and after."""

    table = models.ForeignKey(
        CriteriaTable, verbose_name="bảng tiêu chí", on_delete=models.CASCADE, related_name="changes"
    )
    unit = models.ForeignKey(
        "clusters.Organization",
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("thao tác", max_length=40)
    changes = models.JSONField("thay đổi", default=dict, blank=True)
    at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = "nhật ký chấm điểm"
        verbose_name_plural = "nhật ký chấm điểm"
        indexes = [models.Index(fields=("table", "-at"), name="emulation_scoringchange_table")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} {self.label}"

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)
