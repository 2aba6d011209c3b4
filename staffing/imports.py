"""A province's bodies, clusters, members by year and staff imported from one XLSX: all or nothing.

Every bad cell is reported by sheet, row and column ("Cán bộ – Dòng 5, cột “Vai trò”: …") and nothing
is written unless the whole file is right. Names link the sheets: a body's parent, a member's cluster
and unit, a staff member's unit name a body of the province or one the file adds. A body or cluster
already in the province (same name) is updated; the members a file gives for a cluster and a year
replace that year's members; a user name already managed by the importer gets the role added.
New accounts have no password: the person sets one through "Quên mật khẩu" (their email), or the
administrator sets one on the account's page.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower

from clusters.choices import ClusterKind, MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff
from common.errors import ServiceError
from common.xlsx_reading import (
    CELL_LOCATION,
    cell_text,
    find_header,
    header_key,
    open_workbook,
    worksheet_rows,
)
from common.years import FIRST_YEAR, LAST_YEAR, YEAR_MESSAGE
from plans import policy
from staffing.choices import StaffChangeKind
from staffing.models import StaffChange
from staffing.services import log_change, username_problem
from staffing.sheets import (
    BODIES,
    CLUSTERS,
    KINDS,
    LEVELS,
    MEMBERS,
    MEMBERSHIP_ROLES,
    NO,
    SHEETS,
    STAFF,
    STAFF_ROLES,
    YES,
    SheetSpec,
)

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_SHEET_ROWS = 2000

REQUIRED = "Không được để trống."
TOO_LONG = "Dài quá: tối đa {limit} ký tự."
UNKNOWN_CHOICE = "“{value}” không có trong danh sách; ghi một trong: {choices}."
UNKNOWN_BODY = "Không thấy cơ quan, đơn vị “{name}” trong tỉnh hoặc trong trang “Cơ quan, đơn vị” của tệp."
AMBIGUOUS_BODY = "Có nhiều cơ quan, đơn vị cùng tên “{name}”; hãy đổi tên cho khác nhau."
UNKNOWN_CLUSTER = "Không thấy cụm, khối “{name}” trong tỉnh hoặc trong trang “Cụm, khối thi đua” của tệp."
REPEATED = "Trùng với dòng {row}."
PARENT_SELF = "Cơ quan cấp trên không được là chính nó hoặc cấp dưới của nó."
SECOND_HEAD = "Cụm đã có Trưởng cụm năm {year} ở dòng {row}."
EMAIL_INVALID = "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn."
NOT_YOURS = "Tài khoản “{username}” đã có và không thuộc đơn vị bạn quản lý; hãy chọn tên đăng nhập khác."
YES_NO = f"Ghi “{YES}” hoặc “{NO}”."
FILE_NO_ROWS = (
    "Tệp không có dòng nào để nhập (các trang “Cơ quan, đơn vị”, “Cụm, khối thi đua”, “Thành viên cụm”, "
    "“Cán bộ” đều trống)."
)
FILE_NO_HEADER = "Trang “{sheet}” không có dòng tiêu đề với cột “{column}” trong 10 dòng đầu."
FILE_TOO_MANY_ROWS = "Trang “{sheet}” có hơn {limit} dòng; hãy chia thành nhiều tệp."
SHEET_LOCATION = "{sheet} – {location}"


@dataclass
class Row:
    """One row of a sheet: its number as Excel shows it, its cells as text, what is wrong in each."""

    number: int
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    parsed: dict = field(default_factory=dict)  # the cells read as choices, years, accounts

    def error(self, name: str, message: str) -> None:
        self.errors[name].append(message)


@dataclass(frozen=True)
class ImportResult:
    bodies: int
    clusters: int
    memberships: int
    accounts: int
    roles: int

    @property
    def summary(self) -> str:
        return (
            f"{self.bodies} cơ quan, đơn vị; {self.clusters} cụm, khối; {self.memberships} thành viên cụm; "
            f"{self.accounts} tài khoản mới; {self.roles} vai trò mới"
        )


def _sheet(workbook, spec: SheetSpec) -> list[Row]:
    """The rows of the sheet named like `spec` (none when the file has no such sheet)."""
    worksheet = next(
        (ws for ws in workbook.worksheets if header_key(ws.title) == header_key(spec.title)), None
    )
    if worksheet is None:
        return []
    rows = worksheet_rows(
        worksheet,
        limit=MAX_SHEET_ROWS,
        too_many=FILE_TOO_MANY_ROWS.format(sheet=spec.title, limit=MAX_SHEET_ROWS),
    )
    if not rows:
        return []
    header = find_header(rows, spec.columns, spec.columns[0])
    if header is None:
        raise ServiceError(FILE_NO_HEADER.format(sheet=spec.title, column=spec.columns[0].label))
    number, columns = header
    found = []
    for row_number, cells in rows:
        if row_number <= number:
            continue
        values = {column.field: "" for column in spec.columns}
        for index, column in columns.items():
            values[column.field] = cell_text(cells[index] if index < len(cells) else None)
        found.append(Row(row_number, values))
    return found


def read_province_file(content: bytes) -> dict[str, list[Row]]:
    """Every sheet's rows by sheet title; file-level problems raise `ServiceError`."""
    workbook = open_workbook(content, limit=MAX_IMPORT_BYTES)
    try:
        sheets = {spec.title: _sheet(workbook, spec) for spec in SHEETS}
    finally:
        workbook.close()
    if not any(sheets.values()):
        raise ServiceError(FILE_NO_ROWS)
    return sheets


def name_key(text: str) -> str:
    """A body's or cluster's name as it is matched: case and spacing aside, but with its diacritics,
    because names differing only by them are different places ("An" and "Ân")."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


class _Names:
    """Bodies (or clusters) by name: those of the province and those the file adds."""

    def __init__(self, existing, ambiguous_message: str, unknown_message: str):
        self.objects: dict[str, object] = {}
        self.ambiguous: set[str] = set()
        for obj in existing:
            key = name_key(obj.name)
            if key in self.objects:
                self.ambiguous.add(key)
            self.objects[key] = obj
        self.added: dict[str, Row] = {}
        self.ambiguous_message, self.unknown_message = ambiguous_message, unknown_message

    def knows(self, name: str) -> bool:
        return name_key(name) in self.objects or name_key(name) in self.added

    def check(self, row: Row, name_field: str, name: str) -> None:
        key = name_key(name)
        if key in self.ambiguous:
            row.error(name_field, self.ambiguous_message.format(name=name))
        elif not self.knows(name):
            row.error(name_field, self.unknown_message.format(name=name))


def _required(row: Row, *names: str) -> None:
    for name in names:
        if not row.values[name]:
            row.error(name, REQUIRED)


def _lengths(row: Row, model, names: dict[str, str]) -> None:
    """Cells longer than their model field (`names`: cell → field)."""
    for cell, field_name in names.items():
        limit = model._meta.get_field(field_name).max_length
        if limit and len(row.values[cell]) > limit:
            row.error(cell, TOO_LONG.format(limit=limit))


def _choice(row: Row, name: str, keys: dict[str, str], choices, default: str | None = None) -> str | None:
    """The choice a cell names (by label or code); `default` for a blank cell, else it is required."""
    text = row.values[name]
    if not text:
        if default is None:
            row.error(name, REQUIRED)
        return default
    value = keys.get(header_key(text))
    if value is None:
        row.error(
            name,
            UNKNOWN_CHOICE.format(value=text, choices=", ".join(f"“{label}”" for label in choices.labels)),
        )
    return value


def _repeats(rows: list[Row], name: str, key) -> None:
    seen: dict = {}
    for row in rows:
        value = key(row)
        if not value:
            continue
        if value in seen:
            row.error(name, REPEATED.format(row=seen[value]))
        else:
            seen[value] = row.number


def _check_bodies(rows: list[Row], bodies: _Names, province: Organization) -> None:
    _repeats(rows, "name", lambda row: name_key(row.values["name"]))
    for row in rows:
        _required(row, "name", "parent", "abbreviation")
        _lengths(
            row,
            Organization,
            {
                name: name
                for name in ("name", "short_name", "abbreviation", "place_name", "header_parent_line")
            },
        )
        row.parsed["level"] = _choice(row, "level", LEVELS, OrganizationLevel)
        if row.values["is_collective"] and header_key(row.values["is_collective"]) not in (
            header_key(YES),
            header_key(NO),
        ):
            row.error("is_collective", YES_NO)
        if name_key(row.values["name"]) == name_key(province.name):
            row.error("name", PARENT_SELF)
    for row in rows:
        if row.values["parent"]:
            bodies.check(row, "parent", row.values["parent"])
    # A body's chain of parents in the file must end at a body of the province, not loop.
    parents = {name_key(row.values["name"]): name_key(row.values["parent"]) for row in rows}
    for row in rows:
        seen, key = set(), name_key(row.values["name"])
        while key in parents and key not in seen:
            seen.add(key)
            key = parents[key]
        if key in seen and not row.errors.get("parent"):
            row.error("parent", PARENT_SELF)


def _check_clusters(rows: list[Row]) -> None:
    _repeats(rows, "name", lambda row: name_key(row.values["name"]))
    for row in rows:
        _required(row, "name", "abbreviation")
        _lengths(row, Cluster, {name: name for name in ("name", "abbreviation", "place_name")})
        row.parsed["kind"] = _choice(row, "kind", KINDS, ClusterKind, default=ClusterKind.AREA)


def _check_members(rows: list[Row], bodies: _Names, clusters: _Names) -> None:
    _repeats(
        rows,
        "organization",
        lambda row: (
            name_key(row.values["cluster"]),
            row.values["year"],
            name_key(row.values["organization"]),
        ),
    )
    heads: dict = {}
    for row in rows:
        _required(row, "cluster", "year", "organization")
        if row.values["cluster"]:
            clusters.check(row, "cluster", row.values["cluster"])
        if row.values["organization"]:
            bodies.check(row, "organization", row.values["organization"])
        row.parsed["year"] = None
        if row.values["year"]:
            try:
                row.parsed["year"] = int(row.values["year"])
            except ValueError:
                row.error("year", YEAR_MESSAGE)
            else:
                if not FIRST_YEAR <= row.parsed["year"] <= LAST_YEAR:
                    row.error("year", YEAR_MESSAGE)
        row.parsed["role"] = _choice(
            row, "role", MEMBERSHIP_ROLES, MembershipRole, default=MembershipRole.MEMBER
        )
        if row.parsed["role"] == MembershipRole.HEAD:
            key = (name_key(row.values["cluster"]), row.values["year"])
            if key in heads:
                row.error("role", SECOND_HEAD.format(year=row.values["year"], row=heads[key]))
            else:
                heads[key] = row.number


def _check_staff(rows: list[Row], bodies: _Names, managed: set[str]) -> None:
    User = get_user_model()
    names = {row.values["username"].lower() for row in rows if row.values["username"]}
    taken = set(
        User.objects.annotate(folded=Lower("username"))
        .filter(folded__in=names)
        .values_list("folded", flat=True)
    )
    _repeats(
        rows,
        "role",
        lambda row: (
            row.values["username"].lower(),
            name_key(row.values["organization"]),
            header_key(row.values["role"]),
        ),
    )
    for row in rows:
        _required(row, "username", "organization")
        _lengths(row, User, {"username": "username", "full_name": "first_name", "email": "email"})
        username = row.values["username"]
        if username and username.lower() not in managed:
            if username.lower() in taken:
                row.error("username", NOT_YOURS.format(username=username))
            elif username_problem(username):
                row.error("username", username_problem(username))
            if not row.values["full_name"]:
                row.error("full_name", REQUIRED)
        if row.values["email"]:
            try:
                validate_email(row.values["email"])
            except ValidationError:
                row.error("email", EMAIL_INVALID)
        if row.values["organization"]:
            bodies.check(row, "organization", row.values["organization"])
        row.parsed["role"] = _choice(row, "role", STAFF_ROLES, StaffRole)


def _messages(sheets: dict[str, list[Row]]) -> list[str]:
    """Every problem of every row, sheet by sheet, row by row, in the order of the columns."""
    found = []
    for spec in SHEETS:
        labels = spec.labels
        for row in sheets[spec.title]:
            for name in labels:
                for message in dict.fromkeys(row.errors.get(name, ())):
                    location = CELL_LOCATION.format(row=row.number, column=labels[name], message=message)
                    found.append(SHEET_LOCATION.format(sheet=spec.title, location=location))
    return found


def _validated(obj, spec: SheetSpec, row: Row) -> None:
    """The model's own rules (a parent that is its own descendant in the tree already saved), as a
    refusal of the whole file naming the row."""
    try:
        obj.full_clean()
    except ValidationError as error:
        location = f"Dòng {row.number}: " + " ".join(error.messages)
        raise ServiceError(SHEET_LOCATION.format(sheet=spec.title, location=location)) from error


def _save_bodies(rows: list[Row], bodies: _Names, province: Organization) -> int:
    """Create or update the file's bodies, parents first."""
    pending, saved = list(rows), 0
    while pending:
        ready = [row for row in pending if name_key(row.values["parent"]) in bodies.objects]
        for row in ready:
            values = row.values
            body = bodies.objects.get(name_key(values["name"])) or Organization()
            body.name = values["name"]
            body.short_name = values["short_name"]
            body.level = row.parsed["level"]
            body.parent = bodies.objects[name_key(values["parent"])]
            body.abbreviation = values["abbreviation"]
            body.place_name = values["place_name"]
            body.header_parent_line = values["header_parent_line"]
            body.is_collective = header_key(values["is_collective"]) == header_key(YES)
            _validated(body, BODIES, row)
            body.save()
            bodies.objects[name_key(body.name)] = body
            saved += 1
        pending = [row for row in pending if row not in ready]
        if not ready:  # cannot happen after the checks: a loop is refused there
            raise ServiceError(PARENT_SELF)
    return saved


def _save_clusters(rows: list[Row], clusters: _Names, province: Organization) -> None:
    for row in rows:
        values = row.values
        cluster = clusters.objects.get(name_key(values["name"])) or Cluster(organization=province)
        cluster.name = values["name"]
        cluster.kind = row.parsed["kind"]
        cluster.abbreviation = values["abbreviation"]
        cluster.place_name = values["place_name"]
        _validated(cluster, CLUSTERS, row)
        cluster.save()
        clusters.objects[name_key(cluster.name)] = cluster


def _save_members(rows: list[Row], bodies: _Names, clusters: _Names) -> None:
    years = defaultdict(list)
    for row in rows:
        years[(clusters.objects[name_key(row.values["cluster"])], row.parsed["year"])].append(row)
    for (cluster, year), members in years.items():
        ClusterMembership.objects.filter(cluster=cluster, year=year).delete()
        ClusterMembership.objects.bulk_create(
            ClusterMembership(
                cluster=cluster,
                year=year,
                organization=bodies.objects[name_key(row.values["organization"])],
                role=row.parsed["role"],
            )
            for row in members
        )


def _save_staff(rows: list[Row], bodies: _Names, user) -> tuple[int, int]:
    """New accounts (without a password), then the roles not held yet, each logged; in a few
    queries for the whole sheet (bulk writes: a province has thousands of staff)."""
    User = get_user_model()
    names = {row.values["username"].lower() for row in rows}
    accounts = {
        account.username.lower(): account
        for account in User.objects.annotate(folded=Lower("username")).filter(folded__in=names)
    }
    new_accounts, changes = [], []
    for row in rows:
        key = row.values["username"].lower()
        if key not in accounts:
            account = User(
                username=row.values["username"], first_name=row.values["full_name"], email=row.values["email"]
            )
            account.set_unusable_password()
            accounts[key] = account
            new_accounts.append((account, bodies.objects[name_key(row.values["organization"])]))
    User.objects.bulk_create([account for account, _ in new_accounts])  # sets their ids (PostgreSQL, SQLite)
    for account, organization in new_accounts:
        changes.append(
            StaffChange(
                actor=user,
                kind=StaffChangeKind.ACCOUNT_CREATED,
                target=account,
                organization=organization,
                detail=f"Tạo tài khoản {account.username} ({account.first_name}) khi nhập từ tệp",
            )
        )
    held = set(
        Staff.objects.filter(user__in=[account.pk for account in accounts.values()]).values_list(
            "user_id", "organization_id", "role"
        )
    )
    roles = []
    for row in rows:
        account = accounts[row.values["username"].lower()]
        organization = bodies.objects[name_key(row.values["organization"])]
        role = row.parsed["role"]
        if (account.pk, organization.pk, role) in held:
            continue
        held.add((account.pk, organization.pk, role))
        roles.append(Staff(user=account, organization=organization, role=role))
        changes.append(
            StaffChange(
                actor=user,
                kind=StaffChangeKind.ROLE_GRANTED,
                target=account,
                organization=organization,
                detail=f"{StaffRole(role).label} – {organization} (nhập từ tệp)",
            )
        )
    Staff.objects.bulk_create(roles)
    StaffChange.objects.bulk_create(changes)
    return len(new_accounts), len(roles)


@transaction.atomic
def province_import(*, user, province: Organization, content: bytes) -> ImportResult:
    """Import the XLSX `content` into `province`, or nothing: every problem is reported at once."""
    if not policy.import_roots(user).filter(pk=province.pk).exists():
        raise PermissionDenied(policy.NOT_PROVINCE_ADMIN_MESSAGE)
    sheets = read_province_file(content)
    in_province = list(Organization.objects.filter(pk__in=policy.subtree_ids(province)).order_by("pk"))
    bodies = _Names(in_province, AMBIGUOUS_BODY, UNKNOWN_BODY)
    for row in sheets[BODIES.title]:
        if row.values["name"] and name_key(row.values["name"]) not in bodies.objects:
            bodies.added[name_key(row.values["name"])] = row
    clusters = _Names(Cluster.objects.filter(organization__in=in_province), AMBIGUOUS_BODY, UNKNOWN_CLUSTER)
    for row in sheets[CLUSTERS.title]:
        if row.values["name"]:
            clusters.added[name_key(row.values["name"])] = row
    managed = {name.lower() for name in policy.managed_users(user).values_list("username", flat=True)}
    _check_bodies(sheets[BODIES.title], bodies, province)
    _check_clusters(sheets[CLUSTERS.title])
    _check_members(sheets[MEMBERS.title], bodies, clusters)
    _check_staff(sheets[STAFF.title], bodies, managed)
    messages = _messages(sheets)
    if messages:
        raise ServiceError(errors={None: messages})
    saved_bodies = _save_bodies(sheets[BODIES.title], bodies, province)
    _save_clusters(sheets[CLUSTERS.title], clusters, province)
    _save_members(sheets[MEMBERS.title], bodies, clusters)
    created, granted = _save_staff(sheets[STAFF.title], bodies, user)
    policy.scope_changed()  # roles and memberships were written in bulk, which sends no signal
    result = ImportResult(
        bodies=saved_bodies,
        clusters=len(sheets[CLUSTERS.title]),
        memberships=len(sheets[MEMBERS.title]),
        accounts=created,
        roles=granted,
    )
    log_change(actor=user, kind=StaffChangeKind.IMPORTED, organization=province, detail=result.summary)
    return result
