"""Đăng ký thi đua: a cluster's (or a body's) call to its units for a year, each unit's registration
of the titles it aims for, and the lines of that registration.

A unit's registration is a paper (bản đăng ký thi đua) signed by its head: a `plans.Plan` of type
"registration", drafted, approved and issued like a plan. It counts as sent once issued.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from clusters.models import Cluster, Organization
from common.years import YEAR_MESSAGE, YEAR_VALIDATORS, year_range
from emulation.models.awards import Award
from plans.models import Plan
from plans.models.plan import one_issuer, one_per_issuer

__all__ = ["CallReminder", "Registration", "RegistrationCall", "RegistrationLine"]


class RegistrationCall(models.Model):
    """A call to the units of a cluster (or of a body) to register their emulation titles by a deadline."""

    cluster = models.ForeignKey(
        Cluster,
        verbose_name="cụm, khối",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_calls",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_calls",
    )
    year = models.PositiveSmallIntegerField("năm thi đua", validators=YEAR_VALIDATORS)
    deadline = models.DateField("hạn đăng ký")
    note = models.TextField("hướng dẫn đăng ký", blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người mở", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("mở lúc", auto_now_add=True)

    class Meta:
        ordering = ("-year", "-created_at")
        verbose_name = "đợt đăng ký thi đua"
        verbose_name_plural = "đợt đăng ký thi đua"
        indexes = [models.Index(fields=("deadline",), name="emulation_call_deadline_idx")]
        constraints = [
            one_issuer("emulation_registrationcall_one_issuer"),
            models.CheckConstraint(
                condition=year_range(),
                name="emulation_registrationcall_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
            *one_per_issuer(
                "year",
                names=(
                    "emulation_registrationcall_one_per_cluster_year",
                    "emulation_registrationcall_one_per_body_year",
                ),
                messages=(
                    "Cụm này đã mở đăng ký thi đua cho năm này.",
                    "Cơ quan này đã mở đăng ký thi đua cho năm này.",
                ),
            ),
        ]

    def __str__(self):
        return f"Đăng ký thi đua năm {self.year} – {self.issuer}"

    def get_absolute_url(self):
        return reverse("emulation:call_detail", args=[self.pk])

    @property
    def issuer(self) -> Organization | Cluster:
        return self.cluster or self.organization


class Registration(models.Model):
    """A unit's registration in a call; what it registers prints in its document."""

    call = models.ForeignKey(
        RegistrationCall, verbose_name="đợt đăng ký", on_delete=models.CASCADE, related_name="registrations"
    )
    unit = models.ForeignKey(
        Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="emulation_registrations"
    )
    document = models.OneToOneField(
        Plan, verbose_name="bản đăng ký", on_delete=models.PROTECT, related_name="emulation_registration"
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)

    class Meta:
        ordering = ("call", "unit__name")
        verbose_name = "bản đăng ký thi đua"
        verbose_name_plural = "bản đăng ký thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=("call", "unit"),
                name="emulation_registration_one_per_unit",
                violation_error_message="Đơn vị đã có bản đăng ký trong đợt này.",
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.call}"

    def get_absolute_url(self):
        return reverse("emulation:registration_detail", args=[self.pk])


class RegistrationLine(models.Model):
    """One title or award registered: for the unit itself, or for a named person of it."""

    registration = models.ForeignKey(
        Registration, verbose_name="bản đăng ký", on_delete=models.CASCADE, related_name="lines"
    )
    award = models.ForeignKey(
        Award,
        verbose_name="danh hiệu, hình thức",
        on_delete=models.PROTECT,
        related_name="registration_lines",
    )
    person_name = models.CharField("họ và tên", max_length=120, blank=True)
    position = models.CharField("chức vụ, đơn vị công tác", max_length=200, blank=True)

    class Meta:
        ordering = ("registration", "award__rank", "person_name", "pk")
        verbose_name = "danh hiệu đăng ký"
        verbose_name_plural = "danh hiệu đăng ký"

    def __str__(self):
        return f"{self.award}: {self.person_name}" if self.person_name else str(self.award)


class CallReminder(models.Model):
    """A person reminded of a call's deadline: each is reminded once per deadline."""

    call = models.ForeignKey(RegistrationCall, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhắc hạn đăng ký thi đua"
        verbose_name_plural = "nhắc hạn đăng ký thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=("call", "recipient", "deadline"), name="emulation_callreminder_once_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.call}: {self.recipient} ({self.deadline:%d/%m/%Y})"


class CallReopening(models.Model):
    """A call reopened after (or before) its deadline: the deadline it had, the new one, who and when.
    Each reminder is sent once per deadline (CallReminder), so the units are reminded again."""

    call = models.ForeignKey(RegistrationCall, on_delete=models.CASCADE, related_name="reopenings")
    previous_deadline = models.DateField("hạn cũ")
    deadline = models.DateField("hạn mới")
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người mở lại", on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField("mở lại lúc", auto_now_add=True)

    class Meta:
        ordering = ("reopened_at", "pk")
        verbose_name = "mở lại đăng ký thi đua"
        verbose_name_plural = "mở lại đăng ký thi đua"

    def __str__(self):
        return f"{self.call}: {self.previous_deadline:%d/%m/%Y} → {self.deadline:%d/%m/%Y}"
