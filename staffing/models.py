"""The audit log of staff management: who changed whose account or role, when, and what."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clusters.models import Organization
from staffing.choices import StaffChangeKind


class StaffChange(models.Model):
    """One change to a staff account or role, written by the service that made it (append-only)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_changes",
        help_text="Trống: một lần nhập từ tệp",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField("việc", max_length=20, choices=StaffChangeKind.choices)
    detail = models.TextField("nội dung", blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = "nhật ký quản trị cán bộ"
        verbose_name_plural = "nhật ký quản trị cán bộ"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StaffChangeKind.values), name="staffing_staffchange_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} – {self.actor} – {self.get_kind_display()} – {self.target or ''}"
