"""The review meeting (bình xét, suy tôn): who attended, the candidates, the secret-ballot counts, and
the share of the votes a candidate needs, which is the cluster's (or the body's) rule for the year.

No law fixes one share for every cluster: each cluster's regulations (quy chế hoạt động của cụm)
set it, often "trên 50% số phiếu hợp lệ", sometimes "từ 70% trở lên". So the share is data
(`VotingRule`), with `DEFAULT_RULE` when a cluster has declared none, and a closed meeting keeps
the terms it applied, so its minutes read the same after the rule changes.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from clusters.models import Cluster, Organization
from common.years import YEAR_MESSAGE, YEAR_VALIDATORS, year_range
from emulation.models.awards import Award
from plans.models import Plan
from plans.models.plan import one_issuer, one_per_issuer


class BallotBasis(models.TextChoices):
    """What a candidate's votes are counted against."""

    VALID = "valid", "số phiếu hợp lệ"
    ISSUED = "issued", "số phiếu phát ra"
    PRESENT = "present", "số đại biểu có mặt"


class MeetingStatus(models.TextChoices):
    OPEN = "open", "Đang họp"
    CLOSED = "closed", "Đã kết thúc"


@dataclass(frozen=True)
class RuleTerms:
    """The terms a meeting applies: a candidate passes with more than (or at least) `share` percent
    of the `basis`."""

    share: Decimal
    inclusive: bool
    basis: str
    source: str = ""

    def describe(self) -> str:
        """ "trên 50% số phiếu hợp lệ", "từ 70% số phiếu phát ra trở lên"."""
        share = f"{self.share.normalize():f}".replace(".", ",")
        basis = BallotBasis(self.basis).label
        return f"từ {share}% {basis} trở lên" if self.inclusive else f"trên {share}% {basis}"

    def passes(self, votes: int, base: int) -> bool:
        """Whether `votes` out of `base` reach the share (integers only: no rounding at the edge)."""
        if base <= 0:
            return False
        scaled, needed = Decimal(votes) * 100, self.share * base
        return scaled >= needed if self.inclusive else scaled > needed


# When a cluster has declared no rule for the year: the usual clause of cluster regulations.
DEFAULT_RULE = RuleTerms(
    share=Decimal(50),
    inclusive=False,
    basis=BallotBasis.VALID,
    source="Mặc định (cụm chưa khai báo quy chế bình xét của năm)",
)


def _issuer_fields(related_name: str):
    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        help_text="Cơ quan bình xét cho cán bộ, đơn vị của mình",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name="cụm, khối",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
    )
    return organization, cluster


class IssuerMixin:
    @property
    def issuer(self) -> Organization | Cluster:
        return self.organization or self.cluster


class VotingRule(IssuerMixin, models.Model):
    """The share of the votes a candidate needs to be proposed, as a cluster's (or a body's)
    regulations set it for a year."""

    organization, cluster = _issuer_fields("voting_rules")
    year = models.PositiveSmallIntegerField("năm", validators=YEAR_VALIDATORS)
    share = models.DecimalField(
        "tỷ lệ phiếu (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))],
        help_text="Ví dụ: 50 (trên 50%) hoặc 70 (từ 70% trở lên)",
    )
    inclusive = models.BooleanField(
        "tính cả mức bằng tỷ lệ",
        default=False,
        help_text="Chọn: “từ …% trở lên”; bỏ chọn: “trên …%”",
    )
    basis = models.CharField(
        "tính trên", max_length=10, choices=BallotBasis.choices, default=BallotBasis.VALID
    )
    source = models.CharField(
        "căn cứ",
        max_length=300,
        blank=True,
        help_text="Ví dụ: Quy chế hoạt động của Cụm thi đua số 1, Điều 8",
    )

    class Meta:
        ordering = ("-year",)
        verbose_name = "quy định tỷ lệ phiếu bình xét"
        verbose_name_plural = "quy định tỷ lệ phiếu bình xét"
        constraints = [
            one_issuer("emulation_votingrule_one_issuer"),
            *one_per_issuer(
                "year",
                names=(
                    "emulation_votingrule_unique_cluster_year",
                    "emulation_votingrule_unique_organization_year",
                ),
                messages=(
                    "Cụm đã có quy định tỷ lệ phiếu cho năm này.",
                    "Cơ quan đã có quy định tỷ lệ phiếu cho năm này.",
                ),
            ),
            models.CheckConstraint(
                condition=Q(share__gte=1) & Q(share__lte=100),
                name="emulation_votingrule_share_range",
                violation_error_message="Tỷ lệ phiếu phải từ 1% đến 100%.",
            ),
            models.CheckConstraint(
                condition=Q(basis__in=BallotBasis.values), name="emulation_votingrule_basis_valid"
            ),
            models.CheckConstraint(
                condition=year_range(),
                name="emulation_votingrule_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.issuer} năm {self.year}: {self.terms.describe()}"

    @property
    def terms(self) -> RuleTerms:
        return RuleTerms(share=self.share, inclusive=self.inclusive, basis=self.basis, source=self.source)


class ReviewMeeting(IssuerMixin, models.Model):
    """A cluster's (or a body's) review meeting of a year: attendance, candidates, ballot counts."""

    organization, cluster = _issuer_fields("review_meetings")
    year = models.PositiveSmallIntegerField("năm bình xét", validators=YEAR_VALIDATORS)
    held_on = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    chair_name = models.CharField("chủ trì", max_length=120)
    chair_title = models.CharField("chức vụ người chủ trì", max_length=200, blank=True)
    secretary_name = models.CharField("thư ký", max_length=120)
    secretary_title = models.CharField("chức vụ thư ký", max_length=200, blank=True)
    ballots_issued = models.PositiveIntegerField("số phiếu phát ra", null=True, blank=True)
    ballots_valid = models.PositiveIntegerField("số phiếu hợp lệ", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.OPEN
    )
    # The terms applied, kept at closing so that the minutes print the rule the vote was counted by.
    rule_share = models.DecimalField(
        "tỷ lệ phiếu đã áp dụng (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    rule_inclusive = models.BooleanField("tính cả mức bằng tỷ lệ", default=False)
    rule_basis = models.CharField("tính trên", max_length=10, choices=BallotBasis.choices, blank=True)
    rule_source = models.CharField("căn cứ tỷ lệ phiếu", max_length=300, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người kết thúc",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The minutes (biên bản họp), drafted, issued and frozen through the plans' workflow.
    minutes = models.OneToOneField(
        Plan,
        verbose_name="biên bản họp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_meeting",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ("-year", "-held_on", "-pk")
        verbose_name = "cuộc họp bình xét"
        verbose_name_plural = "cuộc họp bình xét"
        indexes = [
            models.Index(fields=("cluster", "year"), name="emulation_meeting_cluster_idx"),
            models.Index(fields=("organization", "year"), name="emulation_meeting_org_idx"),
        ]
        constraints = [
            one_issuer("emulation_reviewmeeting_one_issuer"),
            models.CheckConstraint(
                condition=Q(ballots_valid__isnull=True)
                | Q(ballots_issued__isnull=True)
                | Q(ballots_valid__lte=F("ballots_issued")),
                name="emulation_reviewmeeting_valid_not_above_issued",
                violation_error_message="Số phiếu hợp lệ không được lớn hơn số phiếu phát ra.",
            ),
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.OPEN, closed_at__isnull=True)
                | (
                    Q(status=MeetingStatus.CLOSED)
                    & Q(ballots_issued__isnull=False)
                    & Q(ballots_valid__isnull=False)
                    & Q(rule_share__isnull=False)
                    & Q(closed_at__isnull=False)
                ),
                name="emulation_reviewmeeting_closed_has_counts",
                violation_error_message="Cuộc họp đã kết thúc phải có số phiếu và tỷ lệ phiếu đã áp dụng.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="emulation_reviewmeeting_status_valid"
            ),
            models.CheckConstraint(
                condition=year_range(),
                name="emulation_reviewmeeting_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"Họp bình xét năm {self.year} – {self.issuer} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("emulation:meeting_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def applied_terms(self) -> RuleTerms | None:
        """The terms kept at closing; None while the meeting is open."""
        if self.rule_share is None:
            return None
        return RuleTerms(
            share=self.rule_share,
            inclusive=self.rule_inclusive,
            basis=self.rule_basis,
            source=self.rule_source,
        )


class Attendee(models.Model):
    """A person invited to the meeting, for a member unit (or in their own right), present or not."""

    meeting = models.ForeignKey(
        ReviewMeeting, verbose_name="cuộc họp", on_delete=models.CASCADE, related_name="attendees"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    full_name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    present = models.BooleanField("có mặt", default=True)
    absence_reason = models.CharField("lý do vắng", max_length=300, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ("meeting", "order", "pk")
        verbose_name = "đại biểu dự họp"
        verbose_name_plural = "đại biểu dự họp"

    def __str__(self):
        return self.full_name


class CandidateKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class Candidate(models.Model):
    """A unit or a person put to the vote for an award, with the votes they received."""

    meeting = models.ForeignKey(
        ReviewMeeting, verbose_name="cuộc họp", on_delete=models.CASCADE, related_name="candidates"
    )
    kind = models.CharField(
        "loại", max_length=12, choices=CandidateKind.choices, default=CandidateKind.COLLECTIVE
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Tập thể được đề nghị, hoặc đơn vị công tác của cá nhân",
    )
    person_name = models.CharField("họ và tên cá nhân", max_length=120, blank=True)
    person_position = models.CharField("chức vụ cá nhân", max_length=200, blank=True)
    award = models.ForeignKey(
        Award,
        verbose_name="danh hiệu, hình thức khen thưởng đề nghị",
        on_delete=models.PROTECT,
        related_name="+",
    )
    votes = models.PositiveIntegerField("số phiếu đồng ý", null=True, blank=True)
    # Decided when the meeting closes, by the terms it applied.
    passed = models.BooleanField("đủ tỷ lệ phiếu", null=True, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ("meeting", "order", "pk")
        verbose_name = "đối tượng bình xét"
        verbose_name_plural = "đối tượng bình xét"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=CandidateKind.COLLECTIVE, person_name="")
                | (Q(kind=CandidateKind.INDIVIDUAL) & ~Q(person_name="")),
                name="emulation_candidate_person_named_when_individual",
                violation_error_message="Cá nhân được bình xét phải có họ và tên; tập thể thì để trống.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CandidateKind.values), name="emulation_candidate_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.award_name}"

    @property
    def award_name(self) -> str:
        return self.award.name

    @property
    def name(self) -> str:
        """The unit's name, or "Ông/Bà …, chức vụ, đơn vị" for a person."""
        unit = self.organization.name
        if self.kind == CandidateKind.COLLECTIVE:
            return unit
        position = f", {self.person_position}" if self.person_position else ""
        return f"{self.person_name}{position}, {unit}"


class MeetingChange(models.Model):
    """One change to a review meeting (opened, recorded, closed), by whom and when, with what each
    recorded part held before and after: as a plan's parts are logged, so that a contested count
    can be traced to who typed it."""

    meeting = models.ForeignKey(
        ReviewMeeting, verbose_name="cuộc họp", on_delete=models.CASCADE, related_name="changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("thao tác", max_length=20)
    # {part: {"before": …, "after": …}} for each part that changed (values as printed).
    changes = models.JSONField("thay đổi", default=dict, blank=True)
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")
        verbose_name = "thay đổi cuộc họp bình xét"
        verbose_name_plural = "thay đổi cuộc họp bình xét"

    def __str__(self):
        return f"{self.meeting}: {self.get_action_display()} ({self.at:%d/%m/%Y %H:%M})"

    ACTIONS = {"create": "Mở cuộc họp", "record": "Ghi diễn biến, số phiếu", "close": "Kết thúc cuộc họp"}
    PARTS = {
        "held_on": "Ngày họp",
        "place": "Địa điểm",
        "chair_name": "Chủ trì",
        "chair_title": "Chức vụ người chủ trì",
        "secretary_name": "Thư ký",
        "secretary_title": "Chức vụ thư ký",
        "ballots_issued": "Số phiếu phát ra",
        "ballots_valid": "Số phiếu hợp lệ",
        "attendees": "Đại biểu dự họp",
        "candidates": "Đối tượng bình xét, số phiếu",
    }

    def get_action_display(self) -> str:
        return self.ACTIONS.get(self.action, self.action)

    def rows(self) -> list[tuple[str, str, str]]:
        """(part, before, after) in words, for the log page."""

        def text(value) -> str:
            value = "; ".join(value) if isinstance(value, list) else value
            return value or "(trống)"

        return [
            (self.PARTS.get(part, part), text(values.get("before")), text(values.get("after")))
            for part, values in self.changes.items()
        ]
