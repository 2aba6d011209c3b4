"""The catalogue of emulation titles and forms of commendation, and who may decide each, as dated data.

The law changes every year or two (the 2022 Law took effect on 01/01/2024; on 01/7/2025 the district
level was abolished and its awards moved to the commune chairman), so which authority decides an award
is a row with its validity dates (`AwardRule`), never code. `may_decide` answers for a day; the pages
that propose an award warn with `authority_warning`.
"""

import datetime

from django.db import models
from django.db.models import Q

from emulation.choices import AuthorityLevel, AwardCategory, AwardRecipient
from plans.models import LegalText

__all__ = ["Award", "AwardRule", "authority_warning", "deciding_authorities", "may_decide"]


class Award(models.Model):
    """A title (danh hiệu) or a form of commendation (hình thức khen thưởng), for whom it is."""

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên", max_length=200)
    category = models.CharField("loại", max_length=10, choices=AwardCategory.choices)
    recipient = models.CharField("đối tượng", max_length=12, choices=AwardRecipient.choices)
    rank = models.PositiveSmallIntegerField(
        "thứ tự", default=100, help_text="Cao hơn đứng trước: số nhỏ hơn (Cờ thi đua trước Giấy khen)"
    )

    class Meta:
        ordering = ("rank", "name")
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh hiệu, hình thức khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=AwardCategory.values), name="emulation_award_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(recipient__in=AwardRecipient.values), name="emulation_award_recipient_valid"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_individual(self) -> bool:
        return self.recipient == AwardRecipient.INDIVIDUAL


class AwardRuleQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> "AwardRuleQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class AwardRule(models.Model):
    """Who decides an award in a period, on what conditions, under which legal text."""

    award = models.ForeignKey(
        Award, verbose_name="danh hiệu, hình thức", on_delete=models.CASCADE, related_name="rules"
    )
    authority = models.CharField("cấp quyết định", max_length=20, choices=AuthorityLevel.choices)
    conditions = models.TextField("tiêu chuẩn, điều kiện", blank=True)
    legal_basis = models.ForeignKey(
        LegalText,
        verbose_name="căn cứ pháp lý",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_rules",
    )
    valid_from = models.DateField("áp dụng từ ngày", null=True, blank=True)
    valid_until = models.DateField(
        "áp dụng đến hết ngày", null=True, blank=True, help_text="Để trống nếu còn áp dụng"
    )
    confirmed = models.BooleanField(
        "đã xác nhận",
        default=False,
        help_text="Thẩm quyền và tiêu chuẩn đã đối chiếu văn bản gốc (Công báo); để trống nếu chưa",
    )
    note = models.TextField("ghi chú", blank=True)

    objects = AwardRuleQuerySet.as_manager()

    class Meta:
        ordering = ("award__rank", "authority", "valid_from")
        verbose_name = "thẩm quyền quyết định khen thưởng"
        verbose_name_plural = "thẩm quyền quyết định khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(authority__in=AuthorityLevel.values), name="emulation_awardrule_authority_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="emulation_awardrule_period",
                violation_error_message="Ngày hết áp dụng phải sau ngày bắt đầu áp dụng.",
            ),
            models.UniqueConstraint(
                fields=("award", "authority", "valid_from"),
                name="emulation_awardrule_unique_period_start",
                violation_error_message="Thẩm quyền này đã có quy định bắt đầu từ ngày đó.",
            ),
        ]

    def __str__(self):
        return f"{self.award}: {self.get_authority_display()}"


def may_decide(authority: str, award: Award, day: datetime.date) -> bool:
    """Whether `authority` (an AuthorityLevel) may decide `award` on `day`, by the catalogue."""
    return award.rules.in_force_on(day).filter(authority=authority).exists()


def deciding_authorities(award: Award, day: datetime.date) -> list[str]:
    """The AuthorityLevel values that decide `award` on `day`, highest first."""
    found = set(award.rules.in_force_on(day).values_list("authority", flat=True))
    return [value for value in AuthorityLevel.values if value in found]


AUTHORITY_WARNING = (
    "Theo danh mục khen thưởng áp dụng ngày {day:%d/%m/%Y}, {authority} không quyết định “{award}”"
)


def authority_warning(authority: str, award: Award, day: datetime.date) -> str | None:
    """A warning in Vietnamese when `authority` may not decide `award` on `day`, else None. A warning,
    not a refusal: the catalogue may lag behind a new text."""
    if may_decide(authority, award, day):
        return None
    text = AUTHORITY_WARNING.format(day=day, authority=AuthorityLevel(authority).label, award=award.name)
    deciders = [AuthorityLevel(value).label for value in deciding_authorities(award, day)]
    return (
        f"{text}; cấp quyết định: {', '.join(deciders)}."
        if deciders
        else f"{text}; danh mục chưa ghi cấp nào."
    )
