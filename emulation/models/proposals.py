"""The proposal dossier (hồ sơ đề nghị khen thưởng): the cluster head's tờ trình with the list of
proposed units and people, drawn from a closed review meeting; its public posting (công khai) and the
objections received during it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from emulation.choices import AuthorityLevel
from emulation.models.meetings import Candidate, ReviewMeeting
from plans.models import Plan


class Proposal(models.Model):
    """A tờ trình đề nghị khen thưởng to one deciding authority, from one review meeting."""

    meeting = models.ForeignKey(
        ReviewMeeting, verbose_name="cuộc họp bình xét", on_delete=models.PROTECT, related_name="proposals"
    )
    authority_level = models.CharField(
        "cấp quyết định khen thưởng",
        max_length=20,
        choices=AuthorityLevel.choices,
        help_text="Đối chiếu với danh mục khen thưởng để cảnh báo khi đề nghị sai thẩm quyền",
    )
    authority = models.CharField(
        "kính gửi",
        max_length=300,
        help_text="Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp",
    )
    # The public posting of the proposed names before the dossier is sent (công khai).
    posting_starts = models.DateField("công khai từ ngày", null=True, blank=True)
    posting_ends = models.DateField("công khai đến ngày", null=True, blank=True)
    posting_place = models.CharField(
        "hình thức, nơi công khai",
        max_length=300,
        blank=True,
        help_text="Ví dụ: niêm yết tại trụ sở và đăng trên cổng thông tin điện tử của xã",
    )
    # The tờ trình itself, drafted, issued and frozen through the plans' workflow.
    document = models.OneToOneField(
        Plan,
        verbose_name="tờ trình",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposal",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(authority_level__in=AuthorityLevel.values),
                name="emulation_proposal_authority_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(posting_starts__isnull=True)
                | Q(posting_ends__isnull=True)
                | Q(posting_ends__gte=F("posting_starts")),
                name="emulation_proposal_posting_ends_after_start",
                violation_error_message="Ngày kết thúc công khai không được trước ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return f"Đề nghị khen thưởng năm {self.meeting.year} – {self.meeting.issuer} gửi {self.authority}"

    def get_absolute_url(self):
        return reverse("emulation:proposal_detail", args=[self.pk])

    def posting_over(self, today=None) -> bool:
        """The posting period has been set and has ended."""
        today = today or timezone.localdate()
        return self.posting_ends is not None and self.posting_ends < today


class ProposedEntry(models.Model):
    """One unit or person on the proposal's list, with the facts that put them there, as they were
    when the list was drawn (rank and score of the score table, votes of the meeting)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="entries"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name="đối tượng bình xét", on_delete=models.PROTECT, related_name="proposed_in"
    )
    order = models.PositiveIntegerField("số thứ tự")
    name = models.CharField("tên tập thể, cá nhân", max_length=500)
    award_name = models.CharField("danh hiệu, hình thức khen thưởng", max_length=200)
    votes = models.PositiveIntegerField("số phiếu đồng ý")
    vote_share = models.DecimalField("tỷ lệ phiếu (%)", max_digits=5, decimal_places=2)
    rank = models.PositiveIntegerField("xếp hạng", null=True, blank=True)
    score = models.DecimalField("tổng điểm", max_digits=8, decimal_places=2, null=True, blank=True)
    # Taken off the list after an objection was upheld; kept, so the dossier shows what changed.
    withdrawn = models.BooleanField("đã rút khỏi danh sách", default=False)

    class Meta:
        ordering = ("proposal", "order")
        verbose_name = "tập thể, cá nhân được đề nghị"
        verbose_name_plural = "tập thể, cá nhân được đề nghị"
        constraints = [
            models.UniqueConstraint(
                fields=("proposal", "candidate"),
                name="emulation_proposedentry_unique_candidate",
                violation_error_message="Đối tượng này đã có trong danh sách đề nghị.",
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.name} – {self.award_name}"


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", "Đang xem xét"
    UPHELD = "upheld", "Có cơ sở, rút khỏi danh sách"
    DISMISSED = "dismissed", "Không có cơ sở"


class Objection(models.Model):
    """An objection (ý kiến phản ánh) received while the proposed names were posted, and its answer."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="objections"
    )
    entry = models.ForeignKey(
        ProposedEntry,
        verbose_name="về tập thể, cá nhân",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
    )
    received_on = models.DateField("ngày nhận")
    sender = models.CharField(
        "người, đơn vị phản ánh", max_length=300, blank=True, help_text="Để trống nếu ẩn danh"
    )
    content = models.TextField("nội dung phản ánh")
    outcome = models.CharField(
        "kết quả xem xét", max_length=10, choices=ObjectionOutcome.choices, default=ObjectionOutcome.PENDING
    )
    answer = models.TextField("trả lời, xử lý", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ghi nhận", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", default=timezone.now)
    decided_at = models.DateTimeField("xử lý lúc", null=True, blank=True)

    class Meta:
        ordering = ("proposal", "received_on", "pk")
        verbose_name = "ý kiến phản ánh khi công khai"
        verbose_name_plural = "ý kiến phản ánh khi công khai"
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=ObjectionOutcome.values), name="emulation_objection_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome=ObjectionOutcome.PENDING) | ~Q(answer=""),
                name="emulation_objection_decided_has_answer",
                violation_error_message="Đã kết luận thì phải ghi nội dung trả lời, xử lý.",
            ),
        ]

    def __str__(self):
        return f"Phản ánh ngày {self.received_on:%d/%m/%Y} – {self.get_outcome_display()}"
