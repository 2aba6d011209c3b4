"""The append-only change log of plans."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from plans.choices import (
    AuditAction,
)
from plans.models.plan import Plan


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
