"""What happens around a plan: spending after issue, member units' opinions, notifications, reminders."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clusters.models import Organization
from plans.choices import (
    AuditAction,
    ConsultationAnswer,
    ReminderKind,
)
from plans.models.parts import BudgetLine
from plans.models.plan import Plan


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


class DeadlineReminder(models.Model):
    """That one person was reminded of one deadline of a plan: each deadline is recalled once per person
    (a deadline that moves, a reopened registration for instance, is a new one)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("loại hạn", max_length=20, choices=ReminderKind.choices)
    deadline = models.DateField("hạn")
    sent_at = models.DateTimeField("nhắc lúc", default=timezone.now)

    class Meta:
        ordering = ("-sent_at", "-pk")
        verbose_name = "lời nhắc hạn"
        verbose_name_plural = "lời nhắc hạn"
        constraints = [
            models.UniqueConstraint(
                fields=("recipient", "plan", "kind", "deadline"), name="plans_reminder_once_per_deadline"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="plans_reminder_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.get_kind_display()} {self.deadline:%d/%m/%Y}"
