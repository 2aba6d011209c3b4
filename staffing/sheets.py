"""The workbook of a province's bodies, clusters, members by year and staff: one declaration of its
sheets and columns, read by the import, the export and the blank template."""

from dataclasses import dataclass

from clusters.choices import ClusterKind, MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff
from common.spreadsheets import Column, Spreadsheet
from common.xlsx_reading import header_key


@dataclass(frozen=True)
class SheetColumn:
    """A column: the value's name, its Vietnamese header, other headers people write (folded), width."""

    field: str
    label: str
    aliases: tuple[str, ...] = ()
    width: int = 20


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: tuple[SheetColumn, ...]

    @property
    def labels(self) -> dict[str, str]:
        return {column.field: column.label for column in self.columns}


BODIES = SheetSpec(
    "Cơ quan, đơn vị",
    (
        SheetColumn("name", "Tên đầy đủ", ("ten co quan", "ten don vi", "ten"), 40),
        SheetColumn("short_name", "Tên viết tắt", (), 24),
        SheetColumn("level", "Cấp", ("cap hanh chinh",), 20),
        SheetColumn("parent", "Cơ quan cấp trên", ("cap tren", "don vi cap tren"), 36),
        SheetColumn("abbreviation", "Chữ viết tắt trong ký hiệu", ("chu viet tat", "viet tat"), 14),
        SheetColumn("place_name", "Địa danh", (), 16),
        SheetColumn("header_parent_line", "Dòng cơ quan chủ quản", ("co quan chu quan",), 28),
        SheetColumn("is_collective", "Chế độ tập thể", ("tap the",), 12),
    ),
)
CLUSTERS = SheetSpec(
    "Cụm, khối thi đua",
    (
        SheetColumn("name", "Tên cụm, khối", ("ten cum", "ten khoi", "ten"), 36),
        SheetColumn("kind", "Loại", (), 14),
        SheetColumn("abbreviation", "Chữ viết tắt trong ký hiệu", ("chu viet tat", "viet tat"), 14),
        SheetColumn("place_name", "Địa danh", (), 16),
    ),
)
MEMBERS = SheetSpec(
    "Thành viên cụm",
    (
        SheetColumn("cluster", "Cụm, khối", ("cum", "khoi", "ten cum"), 36),
        SheetColumn("year", "Năm", (), 8),
        SheetColumn("organization", "Đơn vị", ("don vi thanh vien", "thanh vien"), 36),
        SheetColumn("role", "Vai trò", (), 16),
    ),
)
STAFF = SheetSpec(
    "Cán bộ",
    (
        SheetColumn("username", "Tên đăng nhập", ("tai khoan",), 18),
        SheetColumn("full_name", "Họ và tên", ("ho ten",), 26),
        SheetColumn("email", "Thư điện tử", ("email", "e mail"), 28),
        SheetColumn("organization", "Đơn vị", ("co quan", "co quan don vi"), 36),
        SheetColumn("role", "Vai trò", (), 24),
    ),
)
SHEETS = (BODIES, CLUSTERS, MEMBERS, STAFF)
YES = "Có"
NO = "Không"


def choice_keys(choices) -> dict[str, str]:
    """A choice's value from what people write: its label or its code, folded."""
    keys = {header_key(label): value for value, label in choices.choices}
    keys |= {header_key(value): value for value in choices.values}
    return keys


LEVELS = choice_keys(OrganizationLevel)
KINDS = choice_keys(ClusterKind) | {"cum": ClusterKind.AREA, "khoi": ClusterKind.SECTOR}
MEMBERSHIP_ROLES = choice_keys(MembershipRole)
STAFF_ROLES = choice_keys(StaffRole)


def _header(spec: SheetSpec) -> list[Column]:
    return [Column(column.label, width=column.width) for column in spec.columns]


def _short_kind(kind: str) -> str:
    return "Khối" if kind == ClusterKind.SECTOR else "Cụm"


GUIDE = (
    (
        "Cơ quan, đơn vị",
        "Mỗi dòng một cơ quan, đơn vị. Cơ quan cấp trên: tên đầy đủ của một cơ quan đã có "
        "trong tỉnh (kể cả Ủy ban nhân dân tỉnh) hoặc có ở dòng khác của trang này. Cơ quan cùng tên đã có "
        "thì được cập nhật theo tệp.",
    ),
    ("Cấp", ", ".join(OrganizationLevel.labels)),
    ("Chế độ tập thể", f"“{YES}” (UBND, HĐND: ký TM.) hoặc “{NO}”; để trống là “{NO}”."),
    (
        "Cụm, khối thi đua",
        "Mỗi dòng một cụm, khối của tỉnh. Loại: “Cụm” (theo địa bàn) hoặc “Khối” (theo ngành).",
    ),
    (
        "Thành viên cụm",
        "Mỗi dòng một đơn vị của một cụm trong một năm. Danh sách trong tệp của một cụm, một "
        "năm thay danh sách cũ của cụm năm đó. Vai trò: "
        + ", ".join(MembershipRole.labels)
        + "; để trống là "
        "Thành viên.",
    ),
    (
        "Cán bộ",
        "Mỗi dòng một vai trò của một người; một người có nhiều vai trò thì ghi nhiều dòng cùng tên "
        "đăng nhập. Tài khoản mới chưa có mật khẩu: người dùng bấm “Quên mật khẩu” ở trang đăng nhập để đặt "
        "mật khẩu qua thư điện tử, hoặc người quản trị đặt trên trang tài khoản.",
    ),
    ("Vai trò của cán bộ", ", ".join(StaffRole.labels)),
    (
        "Nhập",
        "Tệp chỉ được nhập khi mọi dòng đều đúng; nếu có lỗi, trang báo từng dòng, từng cột và chưa lưu gì.",
    ),
)


def _guide(sheet) -> None:
    sheet.header([Column("Mục", width=22), Column("Cách ghi", width=100, wrap=True)], freeze=False)
    for item in GUIDE:
        sheet.append(item)


def province_workbook(province: Organization | None, bodies: list[Organization]) -> bytes:
    """The province's bodies (under `province`), clusters, members and staff; the blank template
    when `province` is None, with one example row per sheet."""
    book = Spreadsheet()
    sheets = {spec.title: book.sheet(spec.title) for spec in SHEETS}
    for spec in SHEETS:
        sheets[spec.title].header(_header(spec))
    if province is None:
        _guide(book.sheet("Hướng dẫn"))
        return book.to_bytes()
    ids = [body.pk for body in bodies]
    for body in bodies:
        if body.pk == province.pk:
            continue
        sheets[BODIES.title].append(
            [
                body.name,
                body.short_name,
                body.get_level_display(),
                body.parent.name if body.parent else "",
                body.abbreviation,
                body.place_name,
                body.header_parent_line,
                YES if body.is_collective else NO,
            ]
        )
    clusters = Cluster.objects.filter(organization__in=ids).order_by("name")
    for cluster in clusters:
        sheets[CLUSTERS.title].append(
            [cluster.name, _short_kind(cluster.kind), cluster.abbreviation, cluster.place_name]
        )
    memberships = (
        ClusterMembership.objects.filter(cluster__in=clusters)
        .select_related("cluster", "organization")
        .order_by("cluster__name", "-year", "role", "organization__name")
    )
    for membership in memberships:
        sheets[MEMBERS.title].append(
            [
                membership.cluster.name,
                membership.year,
                membership.organization.name,
                membership.get_role_display(),
            ]
        )
    staff = (
        Staff.objects.filter(organization__in=ids)
        .select_related("user", "organization")
        .order_by("organization__name", "user__username", "role")
    )
    for role in staff:
        sheets[STAFF.title].append(
            [
                role.user.username,
                role.user.get_full_name(),
                role.user.email,
                role.organization.name,
                role.get_role_display(),
            ]
        )
    return book.to_bytes()
