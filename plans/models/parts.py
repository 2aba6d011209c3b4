"""The rows a plan is made of: legal bases, sections, duties, recipients, cost lines, contributions."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from clusters.models import Organization
from plans.choices import (
    LegalBasisForm,
    SectionBlock,
)
from plans.models.legal import LegalText
from plans.models.plan import Plan


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
    legal_text = models.ForeignKey(
        LegalText,
        verbose_name="văn bản pháp luật",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_by",
    )

    class Meta(PlanPart.Meta):
        verbose_name = "căn cứ"
        verbose_name_plural = "căn cứ"
        constraints = [
            unique_order("plans_legalbasis"),
            models.CheckConstraint(
                condition=~Q(text="") | Q(referenced_plan__isnull=False) | Q(legal_text__isnull=False),
                name="plans_legalbasis_text_plan_or_legal_text",
                violation_error_message="Nhập nội dung căn cứ, chọn một văn bản pháp luật hoặc một kế hoạch.",
            ),
            models.CheckConstraint(
                condition=Q(form__in=LegalBasisForm.values), name="plans_legalbasis_form_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_form_display()} {self.text or self.legal_text or self.referenced_plan}"

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
    numbered = models.BooleanField(
        "đánh số dù không có tiêu đề",
        default=False,
        help_text="Một khoản chỉ có nội dung, in “1. …” ở đầu đoạn đầu tiên",
    )
    block = models.CharField(
        "dữ liệu kèm theo", max_length=20, choices=SectionBlock.choices, default=SectionBlock.NONE, blank=True
    )
    # What to write here, from the template: shown in the empty box of the editor, never printed.
    hint = models.TextField("gợi ý (không in)", blank=True)

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


def total_amount(rows) -> Decimal:
    """The sum of the rows' `amount` (cost lines or contributions), in đồng."""
    return sum((row.amount for row in rows), Decimal(0))
