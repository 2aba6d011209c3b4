"""The legal texts that plans cite, kept as dated data an administrator updates (texts change often)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from common.text import fold
from plans.choices import LegalTextKind

# Texts named first and numbered after ("Luật Thi đua, khen thưởng số 06/2022/QH15 ngày …").
NAMED_KINDS = (LegalTextKind.CONSTITUTION, LegalTextKind.LAW, LegalTextKind.CODE)
KIND_RANK = {kind: rank for rank, kind in enumerate(LegalTextKind.values)}


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 3 năm 2020": the day and months 1 and 2 with a leading zero (Nghị định 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def number_pattern(number: str) -> re.Pattern:
    """The number and symbol as typed in any free text: "152/2025/NĐ-CP" finds "152/2025/nd-cp"."""
    return re.compile(rf"(?<![\w/]){re.escape(fold(number))}(?![\w/-])")


class LegalTextQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> "LegalTextQuerySet":
        return self.filter(
            Q(in_force_from__isnull=True) | Q(in_force_from__lte=day),
            Q(in_force_until__isnull=True) | Q(in_force_until__gte=day),
        )

    def in_force_between(self, first: datetime.date, last: datetime.date) -> "LegalTextQuerySet":
        """Texts in force on at least one day from `first` to `last`."""
        return self.filter(
            Q(in_force_from__isnull=True) | Q(in_force_from__lte=last),
            Q(in_force_until__isnull=True) | Q(in_force_until__gte=first),
        )


class LegalText(models.Model):
    """A law, decree, circular… that plans cite, with the days it is in force and what replaced it."""

    kind = models.CharField("loại văn bản", max_length=20, choices=LegalTextKind.choices)
    number = models.CharField(
        "số, ký hiệu", max_length=60, unique=True, help_text="Ví dụ: 152/2025/NĐ-CP; 06/2022/QH15"
    )
    signed_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=200, help_text="Ví dụ: Chính phủ; Quốc hội")
    title = models.CharField(
        "tên, trích yếu",
        max_length=500,
        help_text=(
            "Luật, bộ luật: tên (ví dụ: Thi đua, khen thưởng). Văn bản khác: trích yếu viết thường "
            "(ví dụ: quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng)"
        ),
    )
    in_force_from = models.DateField("có hiệu lực từ ngày", null=True, blank=True)
    in_force_until = models.DateField(
        "hết hiệu lực sau ngày",
        null=True,
        blank=True,
        help_text="Ngày cuối cùng văn bản còn hiệu lực; để trống nếu còn hiệu lực",
    )
    replaced_by = models.ManyToManyField(
        "self",
        verbose_name="được thay thế bởi",
        symmetrical=False,
        blank=True,
        related_name="replaces",
    )
    confirmed = models.BooleanField(
        "đã xác nhận",
        default=False,
        help_text=(
            "Hiệu lực và văn bản thay thế đã được xác nhận theo nguồn chính thức (Công báo, văn bản gốc); "
            "để trống nếu mới chỉ theo nguồn thứ cấp (báo chí, trang tổng hợp)"
        ),
    )
    cited_by_templates = models.BooleanField(
        "dẫn trong kế hoạch mới",
        default=False,
        help_text="Kế hoạch tạo từ mẫu dẫn văn bản này làm căn cứ khi nó còn hiệu lực vào ngày của kế hoạch",
    )
    other_citations = models.TextField(
        "cách dẫn khác",
        blank=True,
        help_text=(
            "Để nhận ra văn bản khi căn cứ gõ tay không ghi số: mỗi dòng một biểu thức chính quy, so với "
            "nội dung viết thường, không dấu (ví dụ: luat thi dua,? khen thuong nam 2003)"
        ),
    )
    note = models.TextField("ghi chú", blank=True)

    objects = LegalTextQuerySet.as_manager()

    class Meta:
        ordering = ("-signed_on", "number")
        verbose_name = "văn bản pháp luật"
        verbose_name_plural = "văn bản pháp luật"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LegalTextKind.values), name="plans_legaltext_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(in_force_from__isnull=True)
                | Q(in_force_until__isnull=True)
                | Q(in_force_until__gte=models.F("in_force_from")),
                name="plans_legaltext_in_force_period",
                violation_error_message="Ngày hết hiệu lực phải sau ngày có hiệu lực.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        for line in self.other_citations.splitlines():
            try:
                re.compile(line.strip())
            except re.error:
                raise ValidationError(
                    {"other_citations": f"Mẫu “{line.strip()}” không hợp lệ (biểu thức chính quy)."}
                ) from None

    @property
    def citation(self) -> str:
        """The full citation Nghị định 30/2020 asks for: kind, number, date, issuer and title."""
        kind = self.get_kind_display()
        date = f" {long_date(self.signed_on)}" if self.signed_on else ""
        if self.kind in NAMED_KINDS:
            return f"{kind} {self.title.strip()} số {self.number}{date}"
        return f"{kind} số {self.number}{date} của {self.issuer.strip()} {self.title.strip()}".strip()

    @property
    def short_citation(self) -> str:
        date = f" ngày {self.signed_on:%d/%m/%Y}" if self.signed_on else ""
        name = f" {self.title.strip()}" if self.kind in NAMED_KINDS else ""
        return f"{self.get_kind_display()}{name} số {self.number}{date}"

    def in_force_on(self, day: datetime.date) -> bool:
        return (self.in_force_from is None or self.in_force_from <= day) and (
            self.in_force_until is None or day <= self.in_force_until
        )

    def cited_in(self, text: str) -> bool:
        """Whether a basis typed as free text cites this text: by its number, or another way of citing it."""
        folded = fold(text)
        if number_pattern(self.number).search(folded):
            return True
        for line in self.other_citations.splitlines():
            try:
                if line.strip() and re.search(line.strip(), folded):
                    return True
            except re.error:  # a pattern saved around the form's check: ignore it, never fail a page
                continue
        return False
