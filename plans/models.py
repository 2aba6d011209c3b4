"""The plan document: header data, legal bases, sections, duties, recipients, signer and budget."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster, Organization
from common.models import SearchableModel
from common.years import YEAR_MESSAGE, YEAR_VALIDATORS, year_range
from plans.choices import (
    ActivityNumbering,
    AuditAction,
    ClauseNumbering,
    ConsultationAnswer,
    LegalBasisForm,
    PlanKind,
    PlanStatus,
    SectionBlock,
    SignerAuthority,
)


def one_issuer(name: str) -> models.CheckConstraint:
    """Exactly one of `organization` and `cluster` is set."""
    return models.CheckConstraint(
        condition=(Q(organization__isnull=False) & Q(cluster__isnull=True))
        | (Q(organization__isnull=True) & Q(cluster__isnull=False)),
        name=name,
        violation_error_message="Chọn đúng một cơ quan hoặc một cụm thi đua ban hành.",
    )


class Plan(SearchableModel):
    """A plan (Kế hoạch) issued by an organisation or by an emulation cluster."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name="cụm, khối ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
    )
    kind = models.CharField("loại kế hoạch", max_length=20, choices=PlanKind.choices)
    year = models.PositiveSmallIntegerField("năm kế hoạch", validators=YEAR_VALIDATORS)
    subject = models.CharField("trích yếu", max_length=500)
    status = models.CharField(
        "trạng thái", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )

    # Number and symbol: "Số: 05/KH-UBND". The number stays empty until the plan is issued.
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField(
        "ký hiệu",
        max_length=40,
        blank=True,
        help_text="Để trống thì lấy KH- và chữ viết tắt của cơ quan ban hành",
    )

    # Place and date: a draft may leave the day (and even the month) blank.
    place_name = models.CharField(
        "địa danh", max_length=100, blank=True, help_text="Để trống thì lấy địa danh của cơ quan ban hành"
    )
    date_day = models.PositiveSmallIntegerField(
        "ngày", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    date_month = models.PositiveSmallIntegerField(
        "tháng", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    date_year = models.PositiveSmallIntegerField("năm ký", validators=YEAR_VALIDATORS)

    preamble = models.TextField(
        "lời mở đầu",
        blank=True,
        help_text="Đoạn dẫn sau phần căn cứ, ví dụ: “… xây dựng Kế hoạch … như sau:”",
    )
    closing = models.TextField(
        "đoạn kết", blank=True, help_text="Ví dụ: “Trên đây là Kế hoạch …” (ký hiệu ./. được thêm tự động)"
    )
    activity_numbering = models.CharField(
        "cách đánh số hoạt động",
        max_length=20,
        choices=ActivityNumbering.choices,
        default=ActivityNumbering.PER_QUARTER,
    )
    clause_numbering = models.CharField(
        "cách đánh số điểm trong khoản",
        max_length=10,
        choices=ClauseNumbering.choices,
        default=ClauseNumbering.LETTERS,
    )

    # Signature block: [TM. <collective>] / [<authority> <head's title>] / <title> … <name>.
    signer_on_behalf_of = models.CharField(
        "TM. (thay mặt tập thể)", max_length=200, blank=True, help_text="Ví dụ: ỦY BAN NHÂN DÂN, CỤM THI ĐUA"
    )
    signer_authority = models.CharField(
        "thẩm quyền ký",
        max_length=5,
        choices=SignerAuthority.choices,
        default=SignerAuthority.NONE,
        blank=True,
    )
    signer_authority_of = models.CharField(
        "chức danh người đứng đầu",
        max_length=200,
        blank=True,
        help_text="Sau KT./TL./TUQ./Q., ví dụ: GIÁM ĐỐC",
    )
    signer_title = models.CharField(
        "chức vụ người ký", max_length=200, blank=True, help_text="Ví dụ: PHÓ GIÁM ĐỐC"
    )
    signer_position = models.CharField(
        "chức vụ ghi trên tên", max_length=200, blank=True, help_text="Ví dụ: CHỦ TỊCH UBND HUYỆN HÀ QUẢNG"
    )
    signer_name = models.CharField("họ và tên người ký", max_length=120, blank=True)

    archive_note = models.CharField(
        "nơi lưu", max_length=200, blank=True, help_text="In thành dòng cuối “- Lưu: …”, ví dụ: VT, VP"
    )

    # Budget (Kinh phí): the source of funds and who pays; cost lines and contributions are rows.
    budget_source = models.TextField("nguồn kinh phí", blank=True)
    budget_payer = models.ForeignKey(
        Organization,
        verbose_name="đơn vị thanh toán",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paid_plans",
    )
    budget_payer_duty = models.CharField(
        "nội dung thanh toán", max_length=500, blank=True, help_text="In sau tên đơn vị thanh toán"
    )

    registration_deadline = models.DateField("hạn đăng ký danh sách", null=True, blank=True)
    registration_reopened_until = models.DateField(
        "mở lại đăng ký đến ngày",
        null=True,
        blank=True,
        editable=False,
        help_text="Đơn vị tổ chức mở lại việc đăng ký sau khi hết hạn",
    )

    # Workflow. `version` grows with every saved change, so an edit made on a stale page is refused.
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    consultation_deadline = models.DateField(
        "hạn cho ý kiến",
        null=True,
        blank=True,
        editable=False,
        help_text="Có giá trị khi cụm đang lấy ý kiến các đơn vị thành viên",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name="sửa đổi, thay thế kế hoạch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrections",
    )

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ("-year", "-created_at")
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [
            one_issuer("plans_plan_one_issuer"),
            models.CheckConstraint(
                condition=year_range() & year_range("date_year"),
                name="plans_plan_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(date_month__isnull=True) | (Q(date_month__gte=1) & Q(date_month__lte=12)),
                name="plans_plan_month_range",
                violation_error_message="Tháng phải từ 1 đến 12.",
            ),
            models.CheckConstraint(
                condition=Q(date_day__isnull=True)
                | (Q(date_day__gte=1) & Q(date_day__lte=31) & Q(date_month__isnull=False)),
                name="plans_plan_day_range",
                violation_error_message="Ngày phải từ 1 đến 31 và đi kèm tháng.",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | (Q(number__gte=1) & Q(date_day__isnull=False)),
                name="plans_plan_numbered_has_full_date",
                violation_error_message="Kế hoạch đã có số phải có đủ ngày, tháng, năm.",
            ),
            models.UniqueConstraint(
                fields=("organization", "symbol", "date_year", "number"),
                condition=Q(number__isnull=False, organization__isnull=False),
                name="plans_plan_unique_number_per_organization",
                violation_error_message="Số này đã được dùng cho văn bản khác của cơ quan trong năm.",
            ),
            models.UniqueConstraint(
                fields=("cluster", "symbol", "date_year", "number"),
                condition=Q(number__isnull=False, cluster__isnull=False),
                name="plans_plan_unique_number_per_cluster",
                violation_error_message="Số này đã được dùng cho văn bản khác của cụm trong năm.",
            ),
            models.CheckConstraint(condition=Q(kind__in=PlanKind.values), name="plans_plan_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plans_plan_status_valid"),
            models.CheckConstraint(
                condition=Q(signer_authority__in=SignerAuthority.values),
                name="plans_plan_signer_authority_valid",
            ),
        ]

    def __str__(self):
        return f"{self.full_symbol} – {self.subject}"

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    @property
    def issuer(self) -> Organization | Cluster:
        return self.organization or self.cluster

    @property
    def full_symbol(self) -> str:
        """ "05/KH-UBND" once numbered, "…/KH-UBND" before."""
        number = f"{self.number:02d}" if self.number else "…"
        return f"{number}/{self.effective_symbol}"

    @property
    def effective_symbol(self) -> str:
        if self.symbol:
            return self.symbol
        issuer = self.issuer
        return f"KH-{issuer.abbreviation}" if issuer else "KH"

    @property
    def effective_place_name(self) -> str:
        if self.place_name:
            return self.place_name
        if self.organization_id:
            return self.organization.place_name
        if self.cluster_id:
            head = self.cluster.head_for(self.year)
            return self.cluster.place_name or (head.place_name if head else "")
        return ""

    @property
    def document_date(self) -> datetime.date | None:
        """The full date once day and month are set; drafts usually have none."""
        if self.date_day and self.date_month:
            return datetime.date(self.date_year, self.date_month, self.date_day)
        return None

    @property
    def short_date(self) -> str:
        """ "05/7/2024", or "…/7/2024" while the day is blank, or "…/…/2024"."""
        day = f"{self.date_day:02d}" if self.date_day else "…"
        month = str(self.date_month) if self.date_month else "…"
        return f"{day}/{month}/{self.date_year}"

    def clean(self):
        errors = {}
        if self.date_day and self.date_month:
            try:
                datetime.date(self.date_year, self.date_month, self.date_day)
            except (ValueError, OverflowError):
                errors["date_day"] = (
                    f"Tháng {self.date_month}/{self.date_year} không có ngày {self.date_day}."
                )
        if self.subject and self.subject == self.subject.upper() and self.subject != self.subject.lower():
            errors["subject"] = (
                "Trích yếu viết chữ thường (chỉ viết hoa chữ cái đầu), không viết in hoa toàn bộ."
            )
        if errors:
            raise ValidationError(errors)

    def search_parts(self) -> list[str]:
        issuer = self.issuer
        return [
            "Kế hoạch",  # the document type, so "ke hoach tap huan" finds a training plan
            self.subject,
            self.full_symbol,
            str(self.year),
            self.get_kind_display(),
            issuer.name if issuer else "",
            issuer.short_name if issuer else "",
            self.signer_name,
        ]


class PlanPart(models.Model):
    """An ordered row belonging to one plan."""

    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ("order",)


def unique_order(model_label: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=("plan", "order"),
        name=f"{model_label}_unique_order_in_plan",
        violation_error_message="Thứ tự này đã có trong kế hoạch.",
    )


class LegalBasis(PlanPart):
    """A text the plan rests on: "Căn cứ …;" or "Thực hiện …", free text or another plan."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="legal_bases"
    )
    form = models.CharField(
        "cách dẫn", max_length=10, choices=LegalBasisForm.choices, default=LegalBasisForm.BASED_ON
    )
    text = models.TextField(
        "nội dung",
        blank=True,
        help_text="Không gõ “Căn cứ”/“Thực hiện” và dấu câu cuối; để trống nếu chọn kế hoạch",
    )
    referenced_plan = models.ForeignKey(
        Plan,
        verbose_name="kế hoạch được thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implemented_by",
    )

    class Meta(PlanPart.Meta):
        verbose_name = "căn cứ"
        verbose_name_plural = "căn cứ"
        constraints = [
            unique_order("plans_legalbasis"),
            models.CheckConstraint(
                condition=~Q(text="") | Q(referenced_plan__isnull=False),
                name="plans_legalbasis_text_or_plan",
                violation_error_message="Nhập nội dung căn cứ hoặc chọn một kế hoạch.",
            ),
            models.CheckConstraint(
                condition=Q(form__in=LegalBasisForm.values), name="plans_legalbasis_form_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_form_display()} {self.text or self.referenced_plan}"

    def clean(self):
        if self.referenced_plan_id and self.referenced_plan_id == self.plan_id:
            raise ValidationError({"referenced_plan": "Kế hoạch không thể căn cứ vào chính nó."})


class Section(PlanPart):
    """A numbered part of the plan body; it may have sub-sections and show structured data."""

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc mục",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    heading = models.CharField(
        "tiêu đề", max_length=300, blank=True, help_text="Không gõ số thứ tự: I., 1., a) được đánh tự động"
    )
    body = models.TextField(
        "nội dung",
        blank=True,
        help_text="Mỗi đoạn một dòng; “- ” gạch đầu dòng, “+ ” ý con, **chữ đậm**",
    )
    block = models.CharField(
        "dữ liệu kèm theo", max_length=20, choices=SectionBlock.choices, default=SectionBlock.NONE, blank=True
    )

    class Meta(PlanPart.Meta):
        verbose_name = "mục"
        verbose_name_plural = "mục"
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "order"),
                condition=Q(parent__isnull=True),
                name="plans_section_unique_order_in_plan",
                violation_error_message="Thứ tự này đã có trong kế hoạch.",
            ),
            models.UniqueConstraint(
                fields=("parent", "order"),
                condition=Q(parent__isnull=False),
                name="plans_section_unique_order_in_parent",
                violation_error_message="Thứ tự này đã có trong mục.",
            ),
            models.CheckConstraint(
                condition=Q(block__in=SectionBlock.values), name="plans_section_block_valid"
            ),
        ]

    def __str__(self):
        return self.heading or f"Mục {self.order} (không tiêu đề)"

    def clean(self):
        if self.parent_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": "Mục cha phải thuộc cùng kế hoạch."})


class Duty(PlanPart):
    """What one unit (or a group of units) must do: a clause of "Tổ chức thực hiện"."""

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="duties")
    title = models.CharField(
        "đơn vị (tiêu đề khoản)",
        max_length=300,
        blank=True,
        help_text="Ví dụ: Phòng Nội vụ huyện Tháp Mười (Cụm trưởng)",
    )
    organizations = models.ManyToManyField(
        Organization, verbose_name="đơn vị được giao", blank=True, related_name="plan_duties"
    )
    body = models.TextField("nhiệm vụ", blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            unique_order("plans_duty"),
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(body=""),
                name="plans_duty_not_empty",
                violation_error_message="Nhập đơn vị hoặc nội dung nhiệm vụ.",
            ),
        ]

    def __str__(self):
        return self.title or self.body[:80]


class Recipient(PlanPart):
    """A line of "Nơi nhận"; the archive line ("Lưu: VT, …") comes from the plan and is printed last."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="recipients"
    )
    text = models.CharField("nơi nhận", max_length=300)
    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan nhận",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_plans",
    )

    class Meta(PlanPart.Meta):
        verbose_name = "nơi nhận"
        verbose_name_plural = "nơi nhận"
        constraints = [
            unique_order("plans_recipient"),
            models.CheckConstraint(condition=~Q(text=""), name="plans_recipient_text_not_empty"),
        ]

    def __str__(self):
        return self.text


class BudgetLine(PlanPart):
    """A cost line of the estimate, in VND."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="budget_lines"
    )
    item = models.CharField("nội dung chi", max_length=300)
    quantity = models.DecimalField("số lượng", max_digits=12, decimal_places=2, default=Decimal(1))
    unit = models.CharField("đơn vị tính", max_length=50, blank=True)
    unit_price = models.DecimalField("đơn giá (đồng)", max_digits=15, decimal_places=0)

    class Meta(PlanPart.Meta):
        verbose_name = "dòng dự toán"
        verbose_name_plural = "dự toán kinh phí"
        constraints = [
            unique_order("plans_budgetline"),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) & Q(unit_price__gte=0),
                name="plans_budgetline_non_negative",
                violation_error_message="Số lượng và đơn giá không được âm.",
            ),
        ]

    def __str__(self):
        return self.item

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(Decimal(1))


class BudgetContribution(models.Model):
    """What a member unit puts into the shared fund for the plan."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="contributions"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="đơn vị đóng góp", on_delete=models.PROTECT, related_name="contributions"
    )
    amount = models.DecimalField("số tiền (đồng)", max_digits=15, decimal_places=0)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ("organization__name",)
        verbose_name = "đóng góp kinh phí"
        verbose_name_plural = "đóng góp kinh phí"
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "organization"),
                name="plans_contribution_unique_unit",
                violation_error_message="Đơn vị này đã có khoản đóng góp cho kế hoạch.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="plans_contribution_non_negative",
                violation_error_message="Số tiền đóng góp không được âm.",
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.amount}"


class NumberingRegister(models.Model):
    """The last number given in one series of an issuer for one calendar year (sổ đăng ký văn bản).

    The series is "" when all document types share one series, else the type ("KH").
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name="cụm, khối", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm", validators=YEAR_VALIDATORS)
    series = models.CharField("dãy số", max_length=10, blank=True)
    last_number = models.PositiveIntegerField("số đã cấp gần nhất", default=0)

    class Meta:
        ordering = ("-year",)
        verbose_name = "sổ đăng ký số văn bản"
        verbose_name_plural = "sổ đăng ký số văn bản"
        constraints = [
            one_issuer("plans_numberingregister_one_issuer"),
            models.UniqueConstraint(
                fields=("organization", "year", "series"),
                condition=Q(organization__isnull=False),
                name="plans_numberingregister_unique_organization_series",
            ),
            models.UniqueConstraint(
                fields=("cluster", "year", "series"),
                condition=Q(cluster__isnull=False),
                name="plans_numberingregister_unique_cluster_series",
            ),
            models.CheckConstraint(condition=year_range(), name="plans_numberingregister_year_range"),
        ]

    def __str__(self):
        return f"{self.organization or self.cluster} {self.year} {self.series or 'chung'}: {self.last_number}"


class IssuedDocument(models.Model):
    """The document exactly as issued: its context, its PDF and the PDF's SHA-256, never changed.

    An issued plan prints from here forever, even after its issuing body is renamed or merged.
    """

    plan = models.OneToOneField(
        Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="issued_document"
    )
    context = models.JSONField("nội dung văn bản", encoder=DjangoJSONEncoder)
    # Empty for the moment between the issuing transaction and the rendering right after it.
    pdf = models.FileField("bản PDF", upload_to="issued/%Y/", blank=True)
    sha256 = models.CharField("mã SHA-256 của bản PDF", max_length=64, blank=True)
    issued_at = models.DateTimeField("ban hành lúc", default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("-issued_at",)
        verbose_name = "văn bản đã ban hành"
        verbose_name_plural = "văn bản đã ban hành"
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$") | (Q(sha256="") & Q(pdf="")),
                name="plans_issued_sha256_hex",
            )
        ]

    def __str__(self):
        return f"{self.plan} ({self.sha256[:12]}…)"

    def save(self, *args, **kwargs):
        # Once: created, then given its PDF if it had none; never changed after that.
        if not self._state.adding and not IssuedDocument.objects.filter(pk=self.pk, sha256="").exists():
            raise ValidationError("Văn bản đã ban hành không được sửa; hãy tạo văn bản đính chính.")
        super().save(*args, **kwargs)

    def pdf_bytes(self) -> bytes:
        with self.pdf.open("rb") as file:
            return file.read()


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove a row of the change log."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise AuditLogIsAppendOnly("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")


class AuditEntry(models.Model):
    """One change to a plan, written in the same transaction as the change; never altered.

    The database refuses UPDATE and DELETE too (triggers in migration 0002), so not even
    raw SQL can rewrite history; the model refuses them before they reach it.
    """

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("thao tác", max_length=30, choices=AuditAction.choices)
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    changes = models.JSONField(
        "thay đổi", default=dict, blank=True, encoder=DjangoJSONEncoder, help_text="{mục: {before, after}}"
    )
    note = models.TextField("ghi chú", blank=True)
    # The plan's version after this change and the whole plan as it then stood, so that any two
    # versions can be compared years later.
    version = models.PositiveIntegerField("phiên bản", null=True, blank=True)
    snapshot = models.JSONField("toàn văn sau thay đổi", null=True, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ("plan", "at", "pk")
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="plans_auditentry_action_valid"
            )
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} – {self.plan_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")


class BudgetExpense(models.Model):
    """Money actually spent, entered after the event, against the plan's estimate."""

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="expenses")
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name="theo dòng dự toán",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
    )
    item = models.CharField("nội dung chi", max_length=300)
    amount = models.DecimalField("số tiền (đồng)", max_digits=15, decimal_places=0)
    spent_on = models.DateField("ngày chi", null=True, blank=True)
    note = models.CharField("ghi chú, chứng từ", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("nhập lúc", default=timezone.now)

    class Meta:
        ordering = ("plan", "spent_on", "pk")
        verbose_name = "khoản thực chi"
        verbose_name_plural = "thực chi"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="plans_expense_amount_non_negative",
                violation_error_message="Số tiền không được âm.",
            )
        ]

    def __str__(self):
        return f"{self.item}: {self.amount}"


class ConsultationResponse(models.Model):
    """A member unit's answer when the cluster asks its members' opinion on a plan (lấy ý kiến)."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="consultation_responses"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    answer = models.CharField("ý kiến", max_length=10, choices=ConsultationAnswer.choices)
    comment = models.TextField("nội dung góp ý", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người trả lời", on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ("plan", "organization__name")
        verbose_name = "ý kiến đơn vị thành viên"
        verbose_name_plural = "ý kiến đơn vị thành viên"
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "organization"),
                name="plans_consultation_one_answer_per_unit",
                violation_error_message="Đơn vị đã cho ý kiến về kế hoạch này.",
            ),
            models.CheckConstraint(
                condition=Q(answer__in=ConsultationAnswer.values), name="plans_consultation_answer_valid"
            ),
            models.CheckConstraint(
                condition=~Q(answer=ConsultationAnswer.COMMENT) | ~Q(comment=""),
                name="plans_consultation_comment_has_text",
                violation_error_message="Ghi nội dung góp ý.",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_answer_display()}"


class Notification(models.Model):
    """A message to one user that a plan waits for them or has moved on (shown in the app, also emailed)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="plan_notifications",
    )
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="+")
    action = models.CharField("thao tác", max_length=30, choices=AuditAction.choices)
    message = models.CharField("nội dung", max_length=600)
    created_at = models.DateTimeField("lúc", default=timezone.now)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [models.Index(fields=("recipient", "read_at"), name="plans_notification_unread")]

    def __str__(self):
        return f"{self.recipient}: {self.message}"


def total_amount(rows) -> Decimal:
    """The sum of the rows' `amount` (cost lines or contributions), in đồng."""
    return sum((row.amount for row in rows), Decimal(0))


__all__ = [
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "BudgetContribution",
    "BudgetExpense",
    "BudgetLine",
    "ConsultationResponse",
    "Duty",
    "IssuedDocument",
    "LegalBasis",
    "Notification",
    "NumberingRegister",
    "Plan",
    "Recipient",
    "Section",
    "total_amount",
]
