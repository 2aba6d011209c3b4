"""Giao ước thi đua: a cluster's compact for a year, a paper (a `plans.Plan` of type "compact") that
every member unit signs; the head unit signs it as the document's signer, the others in its
signature block, whose names and titles are kept here."""

from django.db import models
from django.urls import reverse

from clusters.models import Cluster, Organization
from common.years import YEAR_VALIDATORS
from plans.models import Plan

__all__ = ["Compact", "CompactSignatory"]


class Compact(models.Model):
    """The compact of a cluster's members for a year."""

    cluster = models.ForeignKey(
        Cluster, verbose_name="cụm, khối", on_delete=models.PROTECT, related_name="compacts"
    )
    year = models.PositiveSmallIntegerField("năm thi đua", validators=YEAR_VALIDATORS)
    document = models.OneToOneField(
        Plan, verbose_name="văn bản giao ước", on_delete=models.PROTECT, related_name="emulation_compact"
    )

    class Meta:
        ordering = ("-year", "cluster__name")
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=("cluster", "year"),
                name="emulation_compact_one_per_cluster_year",
                violation_error_message="Cụm đã có giao ước thi đua của năm này.",
            )
        ]

    def __str__(self):
        return f"Giao ước thi đua năm {self.year} – {self.cluster}"

    def get_absolute_url(self):
        return reverse("emulation:compact_detail", args=[self.pk])


class CompactSignatory(models.Model):
    """A member unit's signature block in the compact: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name"."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="signatories")
    unit = models.ForeignKey(Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField("thứ tự")
    on_behalf_of = models.CharField("TM. (thay mặt tập thể)", max_length=200, blank=True)
    title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    name = models.CharField("họ và tên người ký", max_length=120, blank=True)

    class Meta:
        ordering = ("compact", "order")
        verbose_name = "đơn vị ký giao ước"
        verbose_name_plural = "đơn vị ký giao ước"
        constraints = [
            models.UniqueConstraint(
                fields=("compact", "unit"), name="emulation_compactsignatory_one_per_unit"
            )
        ]

    def __str__(self):
        return str(self.unit)

    @property
    def lines(self) -> list[str]:
        lines = [f"TM. {self.on_behalf_of.strip().upper()}"] if self.on_behalf_of.strip() else []
        if self.title.strip():
            lines.append(self.title.strip().upper())
        return lines
