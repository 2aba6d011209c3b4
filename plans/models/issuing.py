"""The numbering register and the frozen issued document."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clusters.models import Cluster, Organization
from common.years import YEAR_VALIDATORS, year_range
from plans.models.plan import Plan, one_issuer


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
    # The date of the latest document entered in the register: no later issue may be dated before it.
    last_issued_on = models.DateField("ngày văn bản gần nhất", null=True, blank=True)

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


class RegisterEntry(models.Model):
    """One line of a register's own log, never changed: its next number set by hand (with the
    reason), or a document issued outside the product (on paper, in the e-office system) whose
    number the register then skips."""

    class Kind(models.TextChoices):
        NEXT_NUMBER_SET = "next_number_set", "Đặt số tiếp theo"
        OUTSIDE_DOCUMENT = "outside_document", "Văn bản ban hành ngoài phần mềm"

    register = models.ForeignKey(
        NumberingRegister, verbose_name="sổ", on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField("số")
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    subject = models.CharField("trích yếu", max_length=500, blank=True)
    reason = models.TextField("lý do", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ("register", "at", "pk")
        verbose_name = "dòng sổ đăng ký số"
        verbose_name_plural = "dòng sổ đăng ký số"
        constraints = [
            models.UniqueConstraint(
                fields=("register", "number"),
                condition=Q(kind="outside_document"),
                name="plans_registerentry_unique_outside_number",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="plans_registerentry_number_positive"),
            models.CheckConstraint(
                condition=Q(kind="next_number_set") | Q(document_date__isnull=False),
                name="plans_registerentry_outside_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.register}: {self.get_kind_display()} {self.number}"


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
