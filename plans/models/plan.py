"""The plan (Kế hoạch) itself: its issuer, number, date, texts, signer and workflow fields."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from clusters.models import Cluster, Organization
from common.models import SearchableModel
from common.years import YEAR_MESSAGE, YEAR_VALIDATORS, year_range
from plans.choices import (
    ActivityLayout,
    ActivityNumbering,
    ClauseNumbering,
    HeadingNumbering,
    Opening,
    PeriodLabelStyle,
    PlanKind,
    PlanStatus,
    SignerAuthority,
)
from plans.document_types import PLAN, DocumentType, DocumentTypeFacts, facts_of


def one_issuer(name: str) -> models.CheckConstraint:
    """Exactly one of `organization` and `cluster` is set."""
    return models.CheckConstraint(
        condition=(Q(organization__isnull=False) & Q(cluster__isnull=True))
        | (Q(organization__isnull=True) & Q(cluster__isnull=False)),
        name=name,
        violation_error_message="Chọn đúng một cơ quan hoặc một cụm thi đua ban hành.",
    )


def one_per_issuer(
    *fields: str, names: tuple[str, str], messages: tuple[str, str]
) -> list[models.UniqueConstraint]:
    """One row per cluster, and one per body, for `fields` (a year, a version): the pair of partial
    unique constraints a model with `one_issuer` needs, named `names` (cluster's, body's) and
    refused with `messages`."""
    return [
        models.UniqueConstraint(
            fields=(issuer, *fields),
            condition=Q(**{f"{issuer}__isnull": False}),
            name=name,
            violation_error_message=message,
        )
        for issuer, name, message in zip(("cluster", "organization"), names, messages, strict=True)
    ]


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
    # Which paper this is (a plan, a compact, minutes, …): what it prints and its symbol's prefix.
    document_type = models.CharField(
        "loại văn bản", max_length=20, choices=DocumentType.choices, default=PLAN
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
        help_text=(
            "Để trống thì lấy ký hiệu của loại văn bản (KH-, BB-, TTr-…) và chữ viết tắt của cơ quan ban hành"
        ),
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
    opening = models.CharField(
        "cách trình bày phần mở đầu",
        max_length=20,
        choices=Opening.choices,
        default=Opening.PARAGRAPHS,
        help_text="Một câu: “Thực hiện …; …, Ủy ban nhân dân … ban hành Kế hoạch … như sau:”",
    )
    heading_numbering = models.CharField(
        "cách đánh số mục lớn",
        max_length=20,
        choices=HeadingNumbering.choices,
        default=HeadingNumbering.ROMAN,
    )
    activity_layout = models.CharField(
        "cách trình bày hoạt động",
        max_length=10,
        choices=ActivityLayout.choices,
        default=ActivityLayout.QUARTER,
    )
    period_label_style = models.CharField(
        "cách ghi quý, tháng",
        max_length=12,
        choices=PeriodLabelStyle.choices,
        default=PeriodLabelStyle.TITLE_YEAR,
    )
    first_month = models.PositiveSmallIntegerField(
        "kỳ kế hoạch bắt đầu từ tháng",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="1 với năm dương lịch; 9 với năm học (tháng 9 năm kế hoạch đến tháng 8 năm sau)",
    )
    activity_time_column = models.BooleanField(
        "in cột “Thời gian”",
        default=True,
        help_text="Khi hoạt động có tháng, ngày hoặc ghi chú thời gian",
    )
    venue = models.CharField(
        "địa điểm chung",
        max_length=300,
        blank=True,
        help_text="In một lần cho cả kế hoạch, ví dụ: Hội trường Ủy ban nhân dân tỉnh",
    )
    clause_numbering = models.CharField(
        "cách đánh số các cấp dưới mục lớn",
        max_length=10,
        choices=ClauseNumbering.choices,
        default=ClauseNumbering.STANDARD,
        help_text="Cũng dùng cho các lớp và nhiệm vụ của các đơn vị in dưới một mục",
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

    # Nghị định 30 puts "Kính gửi:" under the trích yếu of a tờ trình, báo cáo or công văn, never in
    # their text; a plan (Mẫu 1.4) has none.
    addressee = models.CharField(
        "kính gửi",
        max_length=500,
        blank=True,
        help_text="Tờ trình, báo cáo: nơi nhận văn bản, in giữa trang dưới trích yếu “Kính gửi: …”; "
        "kế hoạch không có dòng này.",
    )
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
    consultation_closed_at = models.DateTimeField(
        "kết thúc lấy ý kiến lúc",
        null=True,
        blank=True,
        editable=False,
        help_text="Lãnh đạo kết thúc việc lấy ý kiến trước hạn",
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

    # The document date as YYYYMMDD, the list's order and its date filter. A draft's blank day
    # (or month) counts as the first of its month (or year), so drafts sort by the period their
    # date line names. Stored by the database itself, so every write path keeps it, and indexed.
    date_key = models.GeneratedField(
        expression=F("date_year") * 10000
        + Coalesce(F("date_month"), Value(1)) * 100
        + Coalesce(F("date_day"), Value(1)),
        output_field=models.IntegerField(),
        db_persist=True,
        verbose_name="khóa ngày văn bản",
    )

    class Meta:
        ordering = ("-year", "-created_at")
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        # What the plan list orders and filters by, and what decides who sees a cluster plan.
        indexes = [
            models.Index(fields=("date_key", "id"), name="plans_plan_date_key_idx"),
            models.Index(fields=("organization", "date_key"), name="plans_plan_org_date_idx"),
            # A body's plans of a year (and kind): a unit's filtered list and its count read them
            # straight (200,000 plans: the count 9.8 ms through the year's index, 0.2 ms so).
            models.Index(
                fields=("organization", "year", "kind", "date_key"), name="plans_plan_org_year_kind_idx"
            ),
            models.Index(fields=("cluster", "year"), name="plans_plan_cluster_year_idx"),
            # A year and a kind, newest first: the filtered list reads its page in order instead of
            # walking the whole date index for the few rows a body sees (bench/pages.py, 200,000).
            models.Index(fields=("year", "kind", "date_key", "id"), name="plans_plan_year_kind_date_idx"),
            models.Index(fields=("kind",), name="plans_plan_kind_idx"),
            models.Index(fields=("document_type", "date_key"), name="plans_plan_type_date_idx"),
            # The dashboard: what waits in a state, newest change first; deadlines ahead.
            models.Index(fields=("status", "updated_at"), name="plans_plan_status_updated_idx"),
            # When a plan was last written: a stamp of the kept lists and dashboards (latest_change).
            models.Index(fields=("updated_at",), name="plans_plan_updated_idx"),
            models.Index(fields=("registration_deadline",), name="plans_plan_registration_idx"),
        ]
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
                condition=Q(first_month__gte=1) & Q(first_month__lte=12),
                name="plans_plan_first_month_range",
                violation_error_message="Tháng bắt đầu phải từ 1 đến 12.",
            ),
            models.CheckConstraint(
                condition=Q(activity_layout__in=ActivityLayout.values),
                name="plans_plan_activity_layout_valid",
            ),
            models.CheckConstraint(
                condition=Q(period_label_style__in=PeriodLabelStyle.values),
                name="plans_plan_period_label_style_valid",
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
                fields=("organization", "document_type", "symbol", "date_year", "number"),
                condition=Q(number__isnull=False, organization__isnull=False),
                name="plans_plan_unique_number_per_organization",
                violation_error_message="Số này đã được dùng cho văn bản khác của cơ quan trong năm.",
            ),
            models.UniqueConstraint(
                fields=("cluster", "document_type", "symbol", "date_year", "number"),
                condition=Q(number__isnull=False, cluster__isnull=False),
                name="plans_plan_unique_number_per_cluster",
                violation_error_message="Số này đã được dùng cho văn bản khác của cụm trong năm.",
            ),
            models.CheckConstraint(condition=Q(kind__in=PlanKind.values), name="plans_plan_kind_valid"),
            models.CheckConstraint(
                condition=Q(document_type__in=DocumentType.values), name="plans_plan_document_type_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plans_plan_status_valid"),
            models.CheckConstraint(condition=Q(opening__in=Opening.values), name="plans_plan_opening_valid"),
            models.CheckConstraint(
                condition=Q(heading_numbering__in=HeadingNumbering.values),
                name="plans_plan_heading_numbering_valid",
            ),
            models.CheckConstraint(
                condition=Q(clause_numbering__in=ClauseNumbering.values),
                name="plans_plan_clause_numbering_valid",
            ),
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
    def document_facts(self) -> DocumentTypeFacts:
        return facts_of(self.document_type)

    @property
    def effective_symbol(self) -> str:
        """The typed symbol, else the type's prefix and the issuer's abbreviation: "KH-UBND", "BB-CTĐ"."""
        if self.symbol:
            return self.symbol
        issuer = self.issuer
        prefix = self.document_facts.prefix
        return f"{prefix}-{issuer.abbreviation}" if issuer else prefix

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
        if self.addressee.strip() and not self.document_facts.has_addressee:
            errors["addressee"] = (
                f"{self.document_facts.label} không có dòng “Kính gửi” (Nghị định 30/2020/NĐ-CP); "
                "ghi nơi nhận ở mục “Nơi nhận”."
            )
        if errors:
            raise ValidationError(errors)

    def search_parts(self) -> list[str]:
        issuer = self.issuer
        return [
            self.document_facts.label,  # the document type, so "ke hoach tap huan" finds a training plan
            self.subject,
            self.full_symbol,
            str(self.year),
            self.get_kind_display(),
            issuer.name if issuer else "",
            issuer.short_name if issuer else "",
            self.signer_name,
        ]
