"""Issuing bodies: organisations (a tree of any depth), emulation clusters and their members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from clusters.choices import ClusterKind, MembershipRole, OrganizationLevel, ReorganisationKind, StaffRole
from common.models import SearchableModel
from common.years import YEAR_MESSAGE, year_range


class IssuingBody(SearchableModel):
    """What a body prints on its documents: the two header lines, its symbol and its place."""

    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField(
        "tên viết tắt", max_length=120, blank=True, help_text="Ví dụ: UBND huyện Tháp Mười"
    )
    header_parent_line = models.CharField(
        "dòng cơ quan chủ quản",
        max_length=200,
        blank=True,
        help_text="In phía trên tên cơ quan ở góc trái, chữ in hoa, ví dụ: UBND TỈNH LÀO CAI",
    )
    header_name = models.TextField(
        "tên in trên văn bản",
        max_length=255,
        blank=True,
        help_text=(
            "Chữ in hoa; để trống thì in tên đầy đủ viết hoa. Xuống dòng ở đâu thì văn bản xuống dòng "
            "ở đó, ví dụ: BAN THI ĐUA – KHEN THƯỞNG (dòng 1), TỈNH ĐỒNG THÁP (dòng 2); không xuống "
            "dòng thì phần mềm tự chia dòng"
        ),
    )
    abbreviation = models.CharField(
        "chữ viết tắt trong ký hiệu", max_length=30, help_text="Ví dụ: UBND, SGDĐT, CTĐ"
    )
    place_name = models.CharField(
        "địa danh", max_length=100, blank=True, help_text="In ở dòng địa danh, ngày tháng, ví dụ: Lào Cai"
    )
    numbering_per_type = models.BooleanField(
        "đánh số riêng theo từng loại văn bản",
        default=False,
        help_text="Bỏ chọn: mọi loại văn bản dùng chung một dãy số mỗi năm (Nghị định 30/2020, Điều 15)",
    )
    valid_from = models.DateField("hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.short_name or self.name

    @property
    def printed_name(self) -> str:
        """The issuing body's name as printed, upper case, on one line (its typed breaks as spaces)."""
        return " ".join((self.header_name or self.name).split()).upper()

    @property
    def printed_lines(self) -> tuple[str, ...]:
        """The header's lines of the name where the administrator placed them; () when the name was
        typed on one line (the document then balances it over lines that fit the column)."""
        lines = [" ".join(line.split()).upper() for line in self.header_name.splitlines()]
        lines = [line for line in lines if line]
        return tuple(lines) if len(lines) > 1 else ()

    def search_parts(self) -> list[str]:
        return [self.name, self.short_name, self.header_name, self.abbreviation, self.place_name]


def _validity_constraint(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
        name=f"{prefix}_valid_to_not_before_valid_from",
        violation_error_message="Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.",
    )


class Organization(IssuingBody):
    """A public body or unit: province, department, district, commune, office, school…"""

    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.CharField("cấp", max_length=20, choices=OrganizationLevel.choices)
    is_collective = models.BooleanField(
        "cơ quan hoạt động theo chế độ tập thể",
        default=False,
        help_text="UBND, HĐND, Ban…: người đứng đầu ký với tiền tố TM.",
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        constraints = [_validity_constraint("clusters_organization")]

    def get_absolute_url(self):
        return reverse("clusters:organization_detail", args=[self.pk])

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": "Cơ quan cấp trên không được là chính nó hoặc cấp dưới của nó."}
                )
            ancestor = ancestor.parent

    def in_force_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def in_force_on(day) -> Q:
    """Bodies (or clusters) in force on `day`: a filter."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


class Succession(models.Model):
    """One link of a reorganisation: `predecessor` ended the day before `date`, `successor` took over.

    A merge is several links into one successor, a split one predecessor into several, a rename one
    link to a body with the new name. The bodies themselves are never renamed in place, so every
    plan keeps the names it was drafted and issued under.
    """

    predecessor = models.ForeignKey(
        Organization,
        verbose_name="cơ quan trước",
        on_delete=models.PROTECT,
        related_name="links_to_successors",
    )
    successor = models.ForeignKey(
        Organization,
        verbose_name="cơ quan kế thừa",
        on_delete=models.PROTECT,
        related_name="links_to_predecessors",
    )
    date = models.DateField("từ ngày", help_text="Ngày cơ quan kế thừa bắt đầu hoạt động")
    kind = models.CharField("hình thức", max_length=10, choices=ReorganisationKind.choices)

    class Meta:
        ordering = ("-date", "predecessor__name")
        verbose_name = "sắp xếp, kế thừa cơ quan"
        verbose_name_plural = "sắp xếp, kế thừa cơ quan"
        constraints = [
            models.UniqueConstraint(
                fields=("predecessor", "successor"),
                name="clusters_succession_unique_pair",
                violation_error_message="Hai cơ quan này đã có quan hệ kế thừa.",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="clusters_succession_not_itself",
                violation_error_message="Một cơ quan không thể kế thừa chính nó.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReorganisationKind.values), name="clusters_succession_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.date:%d/%m/%Y})"


class Cluster(IssuingBody):
    """An emulation cluster (Cụm, by area) or block (Khối, by sector) of peer units."""

    kind = models.CharField("loại", max_length=10, choices=ClusterKind.choices, default=ClusterKind.AREA)
    organization = models.ForeignKey(
        Organization,
        verbose_name="thuộc cơ quan",
        on_delete=models.PROTECT,
        related_name="clusters",
        help_text="Cơ quan cấp tỉnh tổ chức cụm, khối thi đua",
    )
    members = models.ManyToManyField(
        Organization, through="ClusterMembership", related_name="member_of_clusters", blank=True
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "cụm, khối thi đua"
        verbose_name_plural = "cụm, khối thi đua"
        constraints = [_validity_constraint("clusters_cluster")]

    def get_absolute_url(self):
        return reverse("clusters:cluster_detail", args=[self.pk])

    def head_for(self, year: int) -> Organization | None:
        """The member unit that leads the cluster in `year` (the role rotates).

        Read once per instance and year: a plan page asks it several times (place, signer, rights).
        """
        heads = self.__dict__.setdefault("_heads", {})
        if year not in heads:
            membership = (
                self.memberships.filter(year=year, role=MembershipRole.HEAD)
                .select_related("organization")
                .first()
            )
            heads[year] = membership.organization if membership else None
        return heads[year]


class ClusterMembership(models.Model):
    """A member unit of a cluster in one year, with its role that year."""

    cluster = models.ForeignKey(
        Cluster, verbose_name="cụm, khối", on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    year = models.PositiveSmallIntegerField("năm")
    role = models.CharField(
        "vai trò", max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    class Meta:
        ordering = ("cluster", "-year", "role", "organization__name")
        verbose_name = "thành viên cụm theo năm"
        verbose_name_plural = "thành viên cụm theo năm"
        constraints = [
            models.UniqueConstraint(
                fields=("cluster", "organization", "year"),
                name="clusters_membership_unique_member_year",
                violation_error_message="Đơn vị này đã là thành viên của cụm trong năm đó.",
            ),
            models.UniqueConstraint(
                fields=("cluster", "year"),
                condition=Q(role=MembershipRole.HEAD),
                name="clusters_membership_one_head_per_year",
                violation_error_message="Mỗi cụm chỉ có một Trưởng cụm trong một năm.",
            ),
            models.CheckConstraint(
                condition=year_range(),
                name="clusters_membership_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values),
                name="clusters_membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_role_display()} {self.cluster} năm {self.year}"


class Staff(models.Model):
    """A user's role in an organisation; the later workflow decides rights from these rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    organization = models.ForeignKey(
        Organization, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField("vai trò", max_length=20, choices=StaffRole.choices)

    class Meta:
        ordering = ("organization__name", "user__username")
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        constraints = [
            models.UniqueConstraint(
                fields=("user", "organization", "role"),
                name="clusters_staff_unique_role",
                violation_error_message="Người dùng đã có vai trò này tại đơn vị.",
            ),
            models.CheckConstraint(condition=Q(role__in=StaffRole.values), name="clusters_staff_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organization}"
