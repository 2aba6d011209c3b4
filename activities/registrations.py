"""Registration of participants: member units send named people for a plan's per-unit quotas.

The rules, in one place (views only parse input and show results):

- Quotas. A unit's quota is what the plan's per-unit groups (`GroupKind.PER_UNIT`) naming the unit
  give it: each group is a quota of its own (a training plan's classes each have theirs), and a
  registration names its group. A unit with one group never has to choose it.
- Writes (add, change, remove, import) need `Action.REGISTER` for a unit the user registers for,
  run in one transaction on the locked plan row (so two people registering at once cannot pass
  the quota between them: the second waits for the first and then counts its row), and check
  every field with a Vietnamese message for the field at fault.
- Imports from XLSX are all or nothing: every bad row is reported by row and column, the quota is
  checked for the whole file, and nothing is written unless the whole file is right.
- Personal data (citizen ID, phone, ID issue date and place) is shown in full only to the
  organiser and to the unit that registered the person, masked elsewhere (last four digits); every
  full view, export, full appendix, import and purge is logged in `PersonalDataAccess`.
- After the event, `purge_personal_data` erases those fields (see `event_end` for the day the
  event ends) once the retention period has passed.
"""

import datetime
import io
import re
import warnings
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from activities.choices import GroupKind, PeriodKind, PersonalDataUse
from activities.models import (
    Activity,
    ParticipantGroup,
    PersonalDataAccess,
    Registration,
    Session,
    citizen_id_validator,
    phone_validator,
)
from clusters.models import Organization
from common.forms import DATE_INPUT_FORMATS
from common.text import fold
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction
from plans.documents import month_text, two_digits
from plans.models import Plan

# How long personal data is kept after the event ends, unless `purge_personal_data --days` says
# otherwise: long enough to settle the event's costs, no longer (minimisation).
RETENTION_DAYS = settings.PERSONAL_DATA_RETENTION_DAYS
# Uploads: an XLSX list of a few hundred people is a few tens of kilobytes.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 500
# An XLSX is a zip: refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
# Header rows may follow a title or two: look for the header in the first rows only.
HEADER_SEARCH_ROWS = 10
EARLIEST_ISSUE_YEAR = 1950
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PERSON_FIELDS = ("full_name", "position", "phone", "citizen_id", "id_issue_date", "id_issue_place", "note")
PERSONAL_FIELDS = ("phone", "citizen_id", "id_issue_date", "id_issue_place")

# Messages (module constants, so that tests can assert the exact text).
NAME_REQUIRED = "Nhập họ và tên."
TOO_LONG = "Dài quá: tối đa {limit} ký tự (đang có {length})."
ISSUE_DATE_FUTURE = "Ngày cấp không được ở tương lai."
ISSUE_DATE_TOO_OLD = f"Ngày cấp không hợp lệ (trước năm {EARLIEST_ISSUE_YEAR})."
ISSUE_DATE_WITHOUT_ID = "Có ngày cấp, nơi cấp thì cần nhập cả số CCCD."
CITIZEN_ID_TAKEN = "Người có số CCCD này đã được {unit} đăng ký cho kế hoạch."
CITIZEN_ID_REPEATED = "Trùng số CCCD với dòng {row} của tệp."
GROUP_REQUIRED = "Chọn lớp, nhóm mà người này tham gia."
GROUP_INVALID = "Lớp, nhóm không có trong định mức của đơn vị; hãy chọn lại."
UNIT_INVALID = "Bạn không đăng ký được cho đơn vị này; hãy chọn lại đơn vị."
QUOTA_FULL = (
    "{unit} đã đăng ký đủ {quota:02d}/{quota:02d} người theo định mức{group}. Không thêm được nữa; "
    "muốn thay người, hãy sửa hoặc xoá một người trong danh sách."
)
QUOTA_FILE = (
    "Định mức của {unit}{group} là {quota:02d} người; đã đăng ký {existing:02d}, tệp có thêm "
    "{adding:02d} người: vượt {excess:02d} người. Chưa nhập ai; hãy bớt người trong tệp rồi nhập lại."
)
NO_QUOTAS = "Kế hoạch này không giao định mức cử người cho đơn vị nào nên không có danh sách đăng ký."
NO_LIST_ACCESS = "Chỉ đơn vị tổ chức hoặc đơn vị được giao định mức mới tải được danh sách đầy đủ."
REOPEN_PAST = "Ngày mở lại đến phải từ hôm nay ({today:%d/%m/%Y}) trở đi."
FILE_TOO_LARGE = (
    "Tệp lớn quá: tối đa {limit} MB (tệp đang có {size} MB). Hãy bỏ bớt các trang tính không cần."
)
FILE_EMPTY = "Chưa chọn tệp, hoặc tệp rỗng."
FILE_NOT_XLSX = (
    "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel, chọn “Lưu thành” kiểu "
    "“Excel Workbook (*.xlsx)” rồi tải lên lại (có thể tải tệp mẫu ngay trên trang này)."
)
FILE_OLD_XLS = (
    "Tệp là bảng tính Excel đời cũ (.xls). Hãy mở tệp bằng Excel, chọn “Lưu thành” kiểu "
    "“Excel Workbook (*.xlsx)” rồi tải lên lại."
)
FILE_NO_HEADER = (
    "Không thấy dòng tiêu đề có cột “Họ và tên” trong {rows} dòng đầu của trang tính thứ nhất. "
    "Dòng tiêu đề cần có các cột: {columns}."
)
FILE_NO_ROWS = "Tệp không có người nào (các dòng dưới dòng tiêu đề đều trống)."
FILE_TOO_MANY_ROWS = "Tệp có hơn {limit} người; hãy chia thành nhiều tệp."
FILE_GROUP_COLUMN = "Đơn vị có định mức cho nhiều lớp, nhóm: tệp cần thêm cột “{label}” ghi tên lớp, nhóm."
FILE_DUPLICATE_COLUMN = "Cột “{label}” có hai lần trong dòng tiêu đề (dòng {row})."
CELL_LOCATION = "Dòng {row}, cột “{column}”: {message}"
DATE_INVALID = "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/08/2024."
DATE_NOT_REAL = "Ngày {text} không có thật."
LEADING_ZERO_LOST = (
    "Excel đã coi ô này là số nên mất chữ số 0 ở đầu. Hãy định dạng cột là Văn bản (Text) rồi nhập lại."
)
MASKED_NOTE = (
    "Số điện thoại và số căn cước công dân chỉ ghi 4 chữ số cuối; ngày cấp, nơi cấp không in "
    "(bảo vệ dữ liệu cá nhân)."
)

_DATE_SHAPE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


def mask(value: str) -> str:
    """Keep the last four characters: "001234567890" -> "********7890"."""
    return "*" * max(len(value) - 4, 0) + value[-4:] if value else ""


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------
class RegistrationError(Exception):
    """Input refused: messages by field name (None: about the whole entry)."""

    def __init__(self, errors: dict[str | None, list[str]]):
        self.errors = {name: list(messages) for name, messages in errors.items() if messages}
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]


class RegistrationFileError(Exception):
    """An import refused: every problem of the file, each located ("Dòng 5, cột “Số CCCD”: …")."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def overview_denial(user, plan: Plan, groups: list[ParticipantGroup] | None = None) -> str | None:
    """Why the plan's registration page (progress, the list with data masked where it must be) is
    not shown to a user who sees the plan; None when it is. Whoever follows the issued plan reads
    it (plans.policy), and only a plan with per-unit quotas has one."""
    if (reason := policy.denial(user, policy.Action.FOLLOW, plan)) is not None:
        return reason
    if not (groups if groups is not None else quota_groups(plan)):
        return NO_QUOTAS
    return None


# ---------------------------------------------------------------------------
# Quotas and progress
# ---------------------------------------------------------------------------
def quota_groups(plan: Plan) -> list[ParticipantGroup]:
    """The plan's per-unit groups, with their units and session, in the plan's order."""
    return list(
        ParticipantGroup.objects.filter(plan=plan, kind=GroupKind.PER_UNIT)
        .select_related("session")
        .prefetch_related(Prefetch("units", queryset=Organization.objects.order_by("name")))
        .order_by("order", "pk")
    )


def group_label(group: ParticipantGroup) -> str:
    """ "Lớp thứ nhất – Mỗi huyện đăng ký", or what there is of it."""
    parts = [group.session.name if group.session_id else "", " ".join(group.description.split())]
    return " – ".join(part for part in parts if part) or f"Nhóm {group.order}"


@dataclass(frozen=True)
class Quota:
    group: ParticipantGroup
    count: int

    @property
    def label(self) -> str:
        return group_label(self.group)


def unit_quotas(groups: Iterable[ParticipantGroup], organization: Organization) -> list[Quota]:
    return [
        Quota(group, group.count or 0)
        for group in groups
        if any(unit.pk == organization.pk for unit in group.units.all())
    ]


@dataclass
class GroupProgress:
    quota: Quota
    registered: int = 0


@dataclass
class UnitProgress:
    """How far a unit is: people registered against its quota (all its groups together)."""

    organization: Organization
    groups: list[GroupProgress]
    registered: int = 0

    @property
    def quota(self) -> int:
        return sum(item.quota.count for item in self.groups)

    @property
    def missing(self) -> int:
        return max(self.quota - self.registered, 0)

    @property
    def sent(self) -> bool:
        return self.registered > 0

    @property
    def complete(self) -> bool:
        return self.registered >= self.quota

    @property
    def status(self) -> str:
        if not self.sent:
            return "Chưa gửi"
        if self.complete:
            return "Đủ định mức"
        return f"Còn thiếu {self.missing:02d}"


@dataclass
class Progress:
    units: list[UnitProgress]
    groups: list[ParticipantGroup]

    @property
    def quota(self) -> int:
        return sum(unit.quota for unit in self.units)

    @property
    def registered(self) -> int:
        return sum(unit.registered for unit in self.units)

    @property
    def not_sent(self) -> list[Organization]:
        return [unit.organization for unit in self.units if not unit.sent]

    @property
    def several_groups(self) -> bool:
        return len(self.groups) > 1

    def of(self, organization: Organization) -> UnitProgress | None:
        return next((unit for unit in self.units if unit.organization.pk == organization.pk), None)


def registration_progress(plan: Plan, groups: list[ParticipantGroup] | None = None) -> Progress:
    """Every unit with a quota: its quota and how many it registered (two or three queries)."""
    groups = quota_groups(plan) if groups is None else groups
    units: dict[int, UnitProgress] = {}
    for group in groups:
        for unit in group.units.all():
            progress = units.setdefault(unit.pk, UnitProgress(unit, []))
            progress.groups.append(GroupProgress(Quota(group, group.count or 0)))
    counts = (
        Registration.objects.filter(plan=plan)
        .values_list("organization_id", "group_id")
        .annotate(rows=Count("pk"))
        .order_by()
    )
    for organization_id, group_id, rows in counts:
        progress = units.get(organization_id)
        if progress is None:  # a unit whose quota was taken away keeps its people out of the count
            continue
        progress.registered += rows
        for item in progress.groups:
            if item.quota.group.pk == group_id:
                item.registered += rows
    ordered = sorted(units.values(), key=lambda item: (fold(item.organization.name), item.organization.pk))
    return Progress(ordered, groups)


# ---------------------------------------------------------------------------
# Checking a person
# ---------------------------------------------------------------------------
def _text(value) -> str:
    return " ".join(str(value or "").split())


def normalise_person(values: dict) -> dict:
    """Spaces trimmed; phone and citizen ID without the separators people type ("0912 345 678")."""
    person = {name: _text(values.get(name)) for name in PERSON_FIELDS if name != "id_issue_date"}
    person["phone"] = _PHONE_SEPARATORS.sub("", person["phone"])
    person["citizen_id"] = re.sub(r"[\s.]", "", person["citizen_id"])
    person["id_issue_date"] = values.get("id_issue_date") or None
    return person


def person_errors(person: dict, *, today: datetime.date | None = None) -> dict[str, list[str]]:
    """Messages by field for one normalised person; empty when every field is right."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = defaultdict(list)
    if not person["full_name"]:
        errors["full_name"].append(NAME_REQUIRED)
    for name in PERSON_FIELDS:
        limit = Registration._meta.get_field(name).max_length
        if limit and len(person[name]) > limit:
            errors[name].append(TOO_LONG.format(limit=limit, length=len(person[name])))
    for name, validator in (("phone", phone_validator), ("citizen_id", citizen_id_validator)):
        if person[name] and name not in errors:
            try:
                validator(person[name])
            except ValidationError as error:
                errors[name].extend(error.messages)
    issued = person["id_issue_date"]
    if issued is not None:
        if issued > today:
            errors["id_issue_date"].append(ISSUE_DATE_FUTURE)
        elif issued.year < EARLIEST_ISSUE_YEAR:
            errors["id_issue_date"].append(ISSUE_DATE_TOO_OLD)
    if (issued or person["id_issue_place"]) and not person["citizen_id"]:
        errors["citizen_id"].append(ISSUE_DATE_WITHOUT_ID)
    return dict(errors)


def _taken_citizen_ids(plan: Plan, citizen_ids: Iterable[str], exclude: Q | None = None) -> dict[str, str]:
    """Citizen IDs already registered for the plan → the unit that registered each."""
    wanted = [value for value in citizen_ids if value]
    if not wanted:
        return {}
    rows = Registration.objects.filter(plan=plan, citizen_id__in=wanted)
    if exclude is not None:
        rows = rows.exclude(exclude)
    found = rows.values_list("citizen_id", "organization__short_name", "organization__name")
    return {citizen_id: short or name for citizen_id, short, name in found}


# ---------------------------------------------------------------------------
# Writes: add, change, remove
# ---------------------------------------------------------------------------
def _locked(plan: Plan, user, action: policy.Action) -> Plan:
    """The plan row locked until the transaction ends, and the action still allowed on it."""
    locked = (
        Plan.objects.select_for_update(of=("self",)).select_related("organization", "cluster").get(pk=plan.pk)
    )
    if (reason := policy.denial(user, action, locked)) is not None:
        raise RegistrationError({None: [reason]})
    return locked


def _registering_unit(user, plan: Plan, organization: Organization) -> Organization:
    for unit in policy.registering_units(user, plan):
        if unit.pk == organization.pk:
            return unit
    raise RegistrationError({"organization": [UNIT_INVALID]})


def _pick_group(quotas: list[Quota], group: ParticipantGroup | int | None) -> Quota | None:
    """The quota the person counts against; errors when the unit has several and none is chosen."""
    if not quotas:
        return None
    if len(quotas) == 1 and group in (None, ""):
        return quotas[0]
    if group in (None, ""):
        raise RegistrationError({"group": [GROUP_REQUIRED]})
    group_id = group.pk if isinstance(group, ParticipantGroup) else int(group)
    for quota in quotas:
        if quota.group.pk == group_id:
            return quota
    raise RegistrationError({"group": [GROUP_INVALID]})


def _quota_error(
    plan: Plan, organization: Organization, quota: Quota, *, several: bool, exclude_pk: int | None
) -> str | None:
    """The refusal when the quota is full (counted on the locked plan, so it cannot race)."""
    rows = Registration.objects.filter(plan=plan, organization=organization, group=quota.group)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    if rows.count() < quota.count:
        return None
    group = f" ({quota.label})" if several else ""
    return QUOTA_FULL.format(unit=organization, quota=quota.count, group=group)


def _save_person(
    *,
    plan: Plan,
    user,
    organization: Organization,
    values: dict,
    group,
    registration: Registration | None = None,
) -> Registration:
    """Check everything, report every problem at once, then save."""
    person = normalise_person(values)
    errors: dict[str | None, list[str]] = defaultdict(list)
    for name, messages in person_errors(person).items():
        errors[name].extend(messages)
    quotas = unit_quotas(quota_groups(plan), organization)
    quota = None
    if not quotas:
        errors[None].append(policy.NO_QUOTA_MESSAGE)
    else:
        try:
            quota = _pick_group(quotas, group)
        except RegistrationError as error:
            for name, messages in error.errors.items():
                errors[name].extend(messages)
    if person["citizen_id"] and "citizen_id" not in errors:
        exclude = Q(pk=registration.pk) if registration is not None else None
        taken = _taken_citizen_ids(plan, [person["citizen_id"]], exclude)
        if person["citizen_id"] in taken:
            errors["citizen_id"].append(CITIZEN_ID_TAKEN.format(unit=taken[person["citizen_id"]]))
    # A person already counted in the group keeps their place when only their details change.
    if quota is not None and (registration is None or registration.group_id != quota.group.pk):
        exclude_pk = registration.pk if registration is not None else None
        message = _quota_error(plan, organization, quota, several=len(quotas) > 1, exclude_pk=exclude_pk)
        if message is not None:
            errors[None].append(message)
    if errors:
        raise RegistrationError(errors)
    if registration is None:
        registration = Registration(plan=plan, organization=organization, registered_by=user)
    registration.group = quota.group
    for name, value in person.items():
        setattr(registration, name, value)
    try:
        registration.full_clean(exclude=["registered_by"])
    except ValidationError as error:  # the model's own rules, should any differ from the above
        raise RegistrationError(
            {None if name == "__all__" else name: messages for name, messages in error.message_dict.items()}
        ) from error
    registration.save()
    return registration


@transaction.atomic
def registration_create(
    *, plan: Plan, user, organization: Organization, values: dict, group=None
) -> Registration:
    """Register one person for `organization` under its quota (the group chosen when it has several)."""
    plan = _locked(plan, user, policy.Action.REGISTER)
    organization = _registering_unit(user, plan, organization)
    return _save_person(plan=plan, user=user, organization=organization, values=values, group=group)


@transaction.atomic
def registration_update(*, registration: Registration, user, values: dict, group=None) -> Registration:
    plan = _locked(registration.plan, user, policy.Action.REGISTER)
    organization = _registering_unit(user, plan, registration.organization)
    return _save_person(
        plan=plan,
        user=user,
        organization=organization,
        values=values,
        group=group if group not in (None, "") else registration.group_id,
        registration=registration,
    )


@transaction.atomic
def registration_delete(*, registration: Registration, user) -> None:
    plan = _locked(registration.plan, user, policy.Action.REGISTER)
    _registering_unit(user, plan, registration.organization)
    registration.delete()


@transaction.atomic
def registration_reopen(*, plan: Plan, user, until: datetime.date) -> Plan:
    """The organiser opens registration again until `until` (today or later), after the deadline or
    to extend it."""
    today = timezone.localdate()
    if until < today:
        raise RegistrationError({"until": [REOPEN_PAST.format(today=today)]})
    plan = _locked(plan, user, policy.Action.ORGANISE)
    plan.registration_reopened_until = until
    plan.save(update_fields=["registration_reopened_until", "updated_at"])
    note = f"Mở lại đăng ký đến hết ngày {until:%d/%m/%Y}"
    record_change(plan=plan, actor=user, action=AuditAction.REGISTRATION_REOPENED, note=note)
    return plan


def editable_registration(user, plan: Plan, registration_id: int) -> Registration:
    """A registration of the plan made by a unit the user registers for; others are not there (404)."""
    units = [unit.pk for unit in policy.registering_units(user, plan)]
    return Registration.objects.select_related("organization", "plan", "group__session").get(
        pk=registration_id, plan=plan, organization__in=units
    )


# ---------------------------------------------------------------------------
# Reading lists, with personal data masked where it must be, and the access log
# ---------------------------------------------------------------------------
def log_personal_data(
    *, user, plan: Plan, use: str, rows: int, organization: Organization | None = None
) -> PersonalDataAccess:
    return PersonalDataAccess.objects.create(
        user=user, plan=plan, organization=organization, use=use, rows=rows, at=timezone.now()
    )


def registrations_of(plan: Plan, organization_ids: Iterable[int] | None = None) -> QuerySet[Registration]:
    """The plan's registrations, of the units given (by id) or of every unit."""
    rows = Registration.objects.filter(plan=plan).select_related("organization", "group__session")
    if organization_ids is not None:
        rows = rows.filter(organization__in=list(organization_ids))
    return rows.order_by("organization__name", "organization_id", "created_at", "pk")


@dataclass(frozen=True)
class PersonRow:
    """A registered person as one viewer may see them: personal fields in full or masked."""

    registration: Registration
    full: bool

    @property
    def shown_phone(self) -> str:
        return self.registration.phone if self.full else mask(self.registration.phone)

    @property
    def shown_citizen_id(self) -> str:
        return self.registration.citizen_id if self.full else mask(self.registration.citizen_id)

    @property
    def shown_issue_date(self) -> datetime.date | None:
        return self.registration.id_issue_date if self.full else None

    @property
    def shown_issue_place(self) -> str:
        return self.registration.id_issue_place if self.full else ""

    @property
    def purged(self) -> bool:
        return self.registration.purged_at is not None

    @property
    def group_label(self) -> str:
        return group_label(self.registration.group) if self.registration.group_id else ""


def people_for(user, plan: Plan, rows: Iterable[Registration]) -> list[PersonRow]:
    """The rows as `user` may see them, and the full view logged: one entry for the whole list when
    the organiser sees it, else one per unit whose people are shown in full."""
    units = policy.personal_data_units(user, plan)
    people = [PersonRow(row, units is None or row.organization_id in units) for row in rows]
    shown = [person.registration for person in people if person.full and not person.purged]
    if shown and units is None:
        log_personal_data(user=user, plan=plan, use=PersonalDataUse.VIEW, rows=len(shown))
    elif shown:
        by_unit = Counter(row.organization_id for row in shown)
        organizations = {row.organization_id: row.organization for row in shown}
        for organization_id, count in by_unit.items():
            log_personal_data(
                user=user,
                plan=plan,
                use=PersonalDataUse.VIEW,
                rows=count,
                organization=organizations[organization_id],
            )
    return people


# ---------------------------------------------------------------------------
# XLSX: the export, the blank import template
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A column of the registration workbook: the field, its Vietnamese header, the other headers
    people write for it (folded, without punctuation), its width in characters."""

    field: str
    label: str
    aliases: tuple[str, ...] = ()
    width: int = 16


PERSON_COLUMNS = (
    Column("full_name", "Họ và tên", ("ho ten", "ten"), 28),
    Column("position", "Chức vụ", ("chuc vu don vi", "chuc danh"), 30),
    Column("phone", "Số điện thoại", ("dien thoai", "sdt", "so dt", "di dong"), 16),
    Column(
        "citizen_id",
        "Số CCCD",
        ("cccd", "so can cuoc cong dan", "can cuoc cong dan", "so can cuoc", "can cuoc", "so dinh danh"),
        16,
    ),
    Column("id_issue_date", "Ngày cấp", ("ngay cap cccd",), 12),
    Column("id_issue_place", "Nơi cấp", ("noi cap cccd",), 30),
    Column("note", "Ghi chú", (), 24),
)
GROUP_COLUMN = Column("group", "Lớp, nhóm", ("lop", "nhom", "lop hoc"), 24)
TEXT_FIELDS = {"phone", "citizen_id"}


def _header_key(text) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split())


def import_columns(several_groups: bool) -> list[Column]:
    return (
        [*PERSON_COLUMNS[:1], GROUP_COLUMN, *PERSON_COLUMNS[1:]] if several_groups else list(PERSON_COLUMNS)
    )


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_header(sheet, columns: list[tuple[str, int]]) -> None:
    sheet.append([label for label, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.freeze_panes = "A2"


def export_filename(plan: Plan, organization: Organization | None = None) -> str:
    symbol = re.sub(r"[^a-z0-9]+", "-", fold(plan.full_symbol.replace("…", ""))).strip("-")
    unit = "-" + "-".join(re.sub(r"[^a-z0-9]+", "-", fold(str(organization))).strip("-").split("-")[-3:])
    return f"danh-sach-dang-ky-{symbol}-{plan.year}{unit if organization else ''}.xlsx"


def registration_workbook(*, plan: Plan, user) -> tuple[bytes, str]:
    """The list in full as XLSX, with its file name: every unit for the organiser, else the user's
    own units. Logged as an export (one entry per unit, or one for every unit)."""
    ids = policy.personal_data_units(user, plan)
    if ids == set():
        raise PermissionDenied(NO_LIST_ACCESS)
    units = None if ids is None else [unit for unit in policy.registering_units(user, plan) if unit.pk in ids]
    rows = list(registrations_of(plan, ids))
    several = len(quota_groups(plan)) > 1
    columns = import_columns(several)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đăng ký"
    _sheet_header(sheet, [("STT", 6), ("Đơn vị", 28)] + [(column.label, column.width) for column in columns])
    for number, row in enumerate(rows, start=1):
        values = {name: getattr(row, name) for name in PERSON_FIELDS}
        values["group"] = group_label(row.group) if row.group_id else ""
        sheet.append([number, str(row.organization)] + [values[column.field] for column in columns])
        for index, column in enumerate(columns, start=3):
            cell = sheet.cell(row=sheet.max_row, column=index)
            if column.field in TEXT_FIELDS:
                cell.number_format = "@"
            elif column.field == "id_issue_date":
                cell.number_format = "dd/mm/yyyy"
            cell.alignment = Alignment(vertical="top", wrap_text=column.field in ("position", "note"))
    sheet.auto_filter.ref = sheet.dimensions
    for unit in units if units is not None else [None]:
        log_personal_data(
            user=user,
            plan=plan,
            use=PersonalDataUse.EXPORT,
            rows=sum(1 for row in rows if unit is None or row.organization_id == unit.pk),
            organization=unit,
        )
    return _workbook_bytes(workbook), export_filename(plan, units[0] if units and len(units) == 1 else None)


TEMPLATE_ROWS = 300
TEMPLATE_HELP = (
    "Cách điền danh sách đăng ký",
    "- Giữ nguyên dòng tiêu đề; mỗi người một dòng, bắt đầu từ dòng 2 của trang “Danh sách”.",
    "- Họ và tên: bắt buộc. Số CCCD: đúng 12 chữ số. Số điện thoại: số Việt Nam, ví dụ 0912345678.",
    "- Ngày cấp: ngày/tháng/năm, ví dụ 15/03/2021, không sau hôm nay.",
    "- Cột số điện thoại và số CCCD đã định dạng Văn bản để giữ chữ số 0 ở đầu; khi dán số từ nơi "
    "khác, hãy dán “chỉ giá trị”.",
    "- Tệp có lỗi thì không ai được nhập; trang web báo từng lỗi theo dòng và cột để sửa.",
)


def import_template(plan: Plan, organization: Organization) -> tuple[bytes, str]:
    """A blank list to fill in: the header row, text-formatted phone and ID columns, and help."""
    quotas = unit_quotas(quota_groups(plan), organization)
    columns = import_columns(len(quotas) > 1)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    _sheet_header(sheet, [(column.label, column.width) for column in columns])
    for index, column in enumerate(columns, start=1):
        if column.field in TEXT_FIELDS or column.field == "id_issue_date":
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = (
                    "@" if column.field in TEXT_FIELDS else "dd/mm/yyyy"
                )
    help_sheet = workbook.create_sheet("Hướng dẫn")
    for line in TEMPLATE_HELP:
        help_sheet.append([line])
    if len(quotas) > 1:
        help_sheet.append(["- Cột “Lớp, nhóm” ghi đúng một trong các tên sau:"])
        for quota in quotas:
            help_sheet.append([f"    {quota.label} (định mức {quota.count:02d} người)"])
    help_sheet.column_dimensions["A"].width = 110
    help_sheet.cell(row=1, column=1).font = Font(bold=True)
    unit = "-".join(re.sub(r"[^a-z0-9]+", "-", fold(str(organization))).strip("-").split("-")[-3:])
    return _workbook_bytes(workbook), f"mau-danh-sach-dang-ky-{unit}.xlsx"


# ---------------------------------------------------------------------------
# XLSX import: all or nothing
# ---------------------------------------------------------------------------
@dataclass
class FileRow:
    """One person read from the file, with the row number Excel shows."""

    number: int
    values: dict
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _open_workbook(content: bytes):
    if not content:
        raise RegistrationFileError([FILE_EMPTY])
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise RegistrationFileError([FILE_OLD_XLS])
    if not content.startswith(b"PK\x03\x04"):
        raise RegistrationFileError([FILE_NOT_XLSX])
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise RegistrationFileError([FILE_NOT_XLSX]) from error
    if "xl/workbook.xml" not in names:
        raise RegistrationFileError([FILE_NOT_XLSX])
    if unpacked > MAX_UNPACKED_BYTES:
        raise RegistrationFileError(
            [FILE_TOO_LARGE.format(limit=megabytes(MAX_IMPORT_BYTES), size=megabytes(unpacked))]
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it does not read
            return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a damaged file fails in many ways inside openpyxl
        raise RegistrationFileError([FILE_NOT_XLSX]) from error


def megabytes(size: int) -> str:
    """ "2,0": a size in MB as Vietnamese write decimals."""
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _find_header(rows: list[tuple[int, tuple]]) -> tuple[int, dict[int, Column]] | None:
    """The header row (the first with a “Họ và tên” column) and the column each cell names."""
    names = {}
    for column in [*PERSON_COLUMNS, GROUP_COLUMN]:
        for name in (_header_key(column.label), *column.aliases):
            names[name] = column
    for number, row in rows:
        found: dict[int, Column] = {}
        repeated = None
        for index, cell in enumerate(row):
            column = names.get(_header_key(cell))
            if column is None:
                continue  # "STT", "Đơn vị" and any column of the user's own are read past
            if column in found.values():
                repeated = column
            found[index] = column
        if PERSON_COLUMNS[0] not in found.values():
            continue
        if repeated is not None:
            raise RegistrationFileError([FILE_DUPLICATE_COLUMN.format(label=repeated.label, row=number)])
        return number, found
    return None


def _cell_text(value, column: Column) -> tuple[str, str | None]:
    """A cell as text, or the reason it cannot be read."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return str(value), None
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return str(value).replace(".", ","), None
        text = str(int(value))
        if column.field == "citizen_id" and len(text) < 12:
            return text, LEADING_ZERO_LOST
        if column.field == "phone":
            return text, LEADING_ZERO_LOST
        return text, None
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return f"{day:%d/%m/%Y}", None
    return str(value), None


def parse_date(value) -> tuple[datetime.date | None, str | None]:
    """A date from a cell (an Excel date, or text typed day first); the reason when it is not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if not isinstance(value, str):
        return None, DATE_INVALID
    text = value.strip()
    for pattern in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date(), None  # noqa: DTZ007  (a date only)
        except ValueError:
            continue
    if _DATE_SHAPE.match(text):
        return None, DATE_NOT_REAL.format(text=text)
    return None, DATE_INVALID


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _sheet_rows(content: bytes) -> list[tuple[int, tuple]]:
    """The non-empty rows of the first sheet with their row numbers; refuses a file with too many."""
    workbook = _open_workbook(content)
    limit = MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS
    rows = []
    try:
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if all(_blank(cell) for cell in row):
                continue
            rows.append((number, row))
            if len(rows) > limit:
                raise RegistrationFileError([FILE_TOO_MANY_ROWS.format(limit=MAX_IMPORT_ROWS)])
    except RegistrationFileError:
        raise
    except Exception as error:  # a damaged sheet fails while it is read
        raise RegistrationFileError([FILE_NOT_XLSX]) from error
    finally:
        workbook.close()
    return rows


def read_registration_file(content: bytes, *, several_groups: bool) -> list[FileRow]:
    """The people of an XLSX file, each with what is wrong in each of its cells; file-level
    problems (not an XLSX, too large, no header, too many rows) raise `RegistrationFileError`."""
    if len(content) > MAX_IMPORT_BYTES:
        raise RegistrationFileError(
            [FILE_TOO_LARGE.format(limit=megabytes(MAX_IMPORT_BYTES), size=megabytes(len(content)))]
        )
    rows = _sheet_rows(content)
    header = _find_header([(number, row) for number, row in rows if number <= HEADER_SEARCH_ROWS])
    if header is None:
        labels = ", ".join(f"“{column.label}”" for column in import_columns(several_groups))
        raise RegistrationFileError([FILE_NO_HEADER.format(rows=HEADER_SEARCH_ROWS, columns=labels)])
    header_number, columns = header
    if several_groups and GROUP_COLUMN not in columns.values():
        raise RegistrationFileError([FILE_GROUP_COLUMN.format(label=GROUP_COLUMN.label)])
    people = []
    for number, row in rows:
        if number <= header_number:
            continue
        person = FileRow(number, {name: "" for name in PERSON_FIELDS} | {"id_issue_date": None, "group": ""})
        for index, column in columns.items():
            value = row[index] if index < len(row) else None
            if column.field == "id_issue_date":
                person.values[column.field], problem = parse_date(value)
            else:
                person.values[column.field], problem = _cell_text(value, column)
            if problem:
                person.errors[column.field].append(problem)
        people.append(person)
    if len(people) > MAX_IMPORT_ROWS:
        raise RegistrationFileError([FILE_TOO_MANY_ROWS.format(limit=MAX_IMPORT_ROWS)])
    if not people:
        raise RegistrationFileError([FILE_NO_ROWS])
    return people


@dataclass(frozen=True)
class ImportResult:
    created: int
    replaced: int


COLUMN_LABELS = {column.field: column.label for column in [*PERSON_COLUMNS, GROUP_COLUMN]}


@transaction.atomic
def registration_import(
    *, plan: Plan, user, organization: Organization, content: bytes, replace: bool = False
) -> ImportResult:
    """Register everyone in the XLSX `content` for `organization`, or no one: every problem of the
    file is reported at once (`RegistrationFileError`). With `replace`, the unit's current list is
    replaced by the file's."""
    plan = _locked(plan, user, policy.Action.REGISTER)
    organization = _registering_unit(user, plan, organization)
    quotas = unit_quotas(quota_groups(plan), organization)
    if not quotas:
        raise RegistrationFileError([policy.NO_QUOTA_MESSAGE])
    people = read_registration_file(content, several_groups=len(quotas) > 1)
    # A class is named by its label or, alone, by its session's name ("Lớp thứ nhất").
    by_label = {_header_key(quota.group.session.name): quota for quota in quotas if quota.group.session_id}
    by_label |= {_header_key(quota.label): quota for quota in quotas}
    seen: dict[str, int] = {}
    persons = []
    for row in people:
        person = normalise_person(row.values)
        for name, messages in person_errors(person).items():
            if name not in row.errors:  # a cell that could not be read says so once
                row.errors[name].extend(messages)
        if len(quotas) == 1:
            quota = quotas[0]
        else:
            quota = by_label.get(_header_key(row.values["group"]))
            if quota is None:
                names = "; ".join(f"“{item.label}”" for item in quotas)
                row.errors["group"].append(
                    f"{GROUP_REQUIRED} Ghi một trong: {names}."
                    if not row.values["group"]
                    else f"{GROUP_INVALID} ({names})"
                )
        cid = person["citizen_id"]
        if cid and "citizen_id" not in row.errors:
            if cid in seen:
                row.errors["citizen_id"].append(CITIZEN_ID_REPEATED.format(row=seen[cid]))
            else:
                seen[cid] = row.number
        persons.append((row, person, quota))
    exclude = Q(organization=organization) if replace else None
    taken = _taken_citizen_ids(plan, seen, exclude)
    for row, person, _ in persons:
        if person["citizen_id"] in taken and seen.get(person["citizen_id"]) == row.number:
            row.errors["citizen_id"].append(CITIZEN_ID_TAKEN.format(unit=taken[person["citizen_id"]]))
    order = [column.field for column in import_columns(several_groups=True)]
    messages = [
        CELL_LOCATION.format(row=row.number, column=COLUMN_LABELS[name], message=message)
        for row in people
        for name in order
        for message in dict.fromkeys(row.errors.get(name, ()))
    ]
    current = Registration.objects.filter(plan=plan, organization=organization)
    existing = Counter() if replace else Counter(current.values_list("group_id", flat=True))
    adding = Counter(quota.group.pk for _, _, quota in persons if quota is not None)
    for quota in quotas:
        total = existing[quota.group.pk] + adding[quota.group.pk]
        if total > quota.count:
            messages.append(
                QUOTA_FILE.format(
                    unit=organization,
                    group=f" ({quota.label})" if len(quotas) > 1 else "",
                    quota=quota.count,
                    existing=existing[quota.group.pk],
                    adding=adding[quota.group.pk],
                    excess=total - quota.count,
                )
            )
    if messages:
        raise RegistrationFileError(messages)
    replaced = current.delete()[0] if replace else 0
    for _, person, quota in persons:
        registration = Registration(
            plan=plan, organization=organization, group=quota.group, registered_by=user, **person
        )
        registration.save()
    log_personal_data(
        user=user, plan=plan, use=PersonalDataUse.IMPORT, rows=len(persons), organization=organization
    )
    return ImportResult(created=len(persons), replaced=replaced)


# ---------------------------------------------------------------------------
# The list as an appendix of the plan (Phụ lục, Mẫu 2.1), for plans.rendering.render_appendix
# ---------------------------------------------------------------------------
APPENDIX_TITLE = "Danh sách cá nhân tham gia"
# The appendix's columns: header and alignment of each field.
APPENDIX_COLUMNS = {
    "number": ("TT", "center"),
    "full_name": ("Họ và tên", "left"),
    "position": ("Chức vụ", "left"),
    "phone": ("Số điện thoại", "center"),
    "citizen_id": ("Số CCCD", "center"),
    "id_issue_date": ("Ngày cấp", "center"),
    "id_issue_place": ("Nơi cấp", "left"),
    "note": ("Ghi chú", "left"),
}
# Which columns, and their widths in mm, by (personal data in full, some person has a note): the
# widths fill the 165 mm text width and keep a 12-digit ID, a 10-digit phone number and a date on
# one line at 13 pt with the cell padding; the note column is printed only when there are notes.
APPENDIX_WIDTHS = {
    (True, False): {
        "number": 10,
        "full_name": 30,
        "position": 22,
        "phone": 27,
        "citizen_id": 31,
        "id_issue_date": 25,
        "id_issue_place": 20,
    },
    (True, True): {
        "number": 10,
        "full_name": 25,
        "position": 17,
        "phone": 27,
        "citizen_id": 31,
        "id_issue_date": 25,
        "id_issue_place": 15,
        "note": 15,
    },
    (False, False): {"number": 10, "full_name": 47, "position": 47, "phone": 28, "citizen_id": 33},
    (False, True): {"number": 10, "full_name": 40, "position": 40, "phone": 28, "citizen_id": 33, "note": 14},
}


def appendix_subtitle(plan: Plan) -> str:
    """ "(Kèm theo Kế hoạch số 05/KH-CTĐ ngày 05 tháng 7 năm 2024 của Cụm thi đua 2)"."""
    parts = [f"Kèm theo Kế hoạch số {plan.full_symbol}"]
    if plan.document_date:
        day = plan.document_date
        parts.append(f"ngày {two_digits(day.day)} tháng {month_text(day.month)} năm {day.year}")
    if plan.issuer is not None:
        parts.append(f"của {plan.issuer.name}")
    return f"({' '.join(parts)})"


def registration_appendix(*, plan: Plan, user, full: bool = False) -> dict:
    """The list as the plan's appendix: one table per unit (and class, when there are several),
    personal data masked unless `full` is asked, which only the organiser may ask (and is logged)."""
    policy.require(user, policy.Action.ORGANISE, plan)
    several = len(quota_groups(plan)) > 1
    rows = list(registrations_of(plan))
    widths = APPENDIX_WIDTHS[(full, any(row.note for row in rows))]
    tables: dict[tuple, list[Registration]] = {}
    for row in rows:
        tables.setdefault((row.organization_id, row.group_id if several else None), []).append(row)
    body = []
    for index, people in enumerate(tables.values(), start=1):
        first = people[0]
        caption = f"{index}. {first.organization}"
        if several and first.group_id:
            caption += f" – {group_label(first.group)}"
        body.append(
            {
                "kind": "table",
                "caption": f"{caption} ({two_digits(len(people))} người)",
                "columns": [APPENDIX_COLUMNS[name][0] for name in widths],
                "rows": [
                    _appendix_row(number, person, full, widths)
                    for number, person in enumerate(people, start=1)
                ],
                "widths_mm": list(widths.values()),
                "align": [APPENDIX_COLUMNS[name][1] for name in widths],
                "total": None,
            }
        )
    body.append({"kind": "note", "text": f"Tổng số: {two_digits(len(rows))} người."})
    if not full:
        body.append({"kind": "note", "text": MASKED_NOTE})
    if full:
        log_personal_data(user=user, plan=plan, use=PersonalDataUse.APPENDIX, rows=len(rows))
    subject = " ".join(plan.subject.split())
    return {
        "label": "Phụ lục",
        "title": f"{APPENDIX_TITLE} {subject[:1].lower()}{subject[1:]}".upper(),
        "subtitle": appendix_subtitle(plan),
        "body": body,
        "meta": {
            "symbol": plan.effective_symbol,
            "year": plan.year,
            "plan_id": plan.pk,
            "number": plan.number,
        },
    }


def _appendix_row(number: int, person: Registration, full: bool, columns) -> list[str]:
    values = {name: getattr(person, name) for name in PERSON_FIELDS}
    values["number"] = str(number)
    values["id_issue_date"] = f"{person.id_issue_date:%d/%m/%Y}" if person.id_issue_date else ""
    if not full:
        values["phone"], values["citizen_id"] = mask(person.phone), mask(person.citizen_id)
    return [values[name] for name in columns]


# ---------------------------------------------------------------------------
# Erasing personal data after the event
# ---------------------------------------------------------------------------
def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _activity_end(activity: Activity, year: int) -> datetime.date | None:
    if activity.period_kind in (PeriodKind.DATE, PeriodKind.RANGE):
        return activity.end_date or activity.start_date
    if activity.period_kind == PeriodKind.MONTH and activity.month:
        return _month_end(year, activity.month)
    if activity.period_kind == PeriodKind.QUARTER and activity.quarter:
        return _month_end(year, activity.quarter * 3)
    return None


def event_end(plan: Plan) -> datetime.date | None:
    """The day the plan's event ends: the latest end of its activities and classes (an activity of
    a month or a quarter runs to its last day; a class without dates does not count); when none has
    a date, the day registration closed (the deadline, or the day it was reopened until); None when
    the plan says nothing of when, and its registrations are then never purged by date."""
    ends = [_activity_end(activity, plan.year) for activity in plan.activities.all()]
    ends += [session.end_date or session.start_date for session in plan.sessions.all()]
    ends = [day for day in ends if day is not None]
    if ends:
        return max(ends)
    return max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)), default=None)


HOLDS_PERSONAL_DATA = (
    ~Q(phone="") | ~Q(citizen_id="") | Q(id_issue_date__isnull=False) | ~Q(id_issue_place="")
) & Q(purged_at__isnull=True)


@dataclass(frozen=True)
class PurgedPlan:
    plan: Plan
    ended: datetime.date
    rows: int


@dataclass
class PurgeResult:
    purged: list[PurgedPlan] = field(default_factory=list)
    undated: list[Plan] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(item.rows for item in self.purged)


@transaction.atomic
def purge_personal_data(
    *, days: int = RETENTION_DAYS, user=None, today: datetime.date | None = None, dry_run: bool = False
) -> PurgeResult:
    """Blank the phone, citizen ID and its issue date and place of every registration whose plan's
    event ended more than `days` days before `today` (so not on day `days` itself), set `purged_at`,
    and log one PURGE entry per plan in the name of `user` (needed unless `dry_run`)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if user is None and not dry_run:
        raise ValueError("a user must answer for the purge in the log")
    today = today or timezone.localdate()
    now = timezone.now()
    plans = (
        Plan.objects.filter(pk__in=Registration.objects.filter(HOLDS_PERSONAL_DATA).values("plan"))
        .select_related("organization", "cluster")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.only(
                    "plan_id", "period_kind", "quarter", "month", "start_date", "end_date"
                ),
            ),
            Prefetch("sessions", queryset=Session.objects.only("plan_id", "start_date", "end_date")),
        )
        .order_by("pk")
    )
    result = PurgeResult()
    for plan in plans:
        ended = event_end(plan)
        if ended is None:
            result.undated.append(plan)
            continue
        if (today - ended).days <= days:
            continue
        rows = Registration.objects.filter(HOLDS_PERSONAL_DATA, plan=plan)
        count = rows.count()
        if not dry_run:
            erased = {name: None if name == "id_issue_date" else "" for name in PERSONAL_FIELDS}
            rows.update(**erased, purged_at=now)
            log_personal_data(user=user, plan=plan, use=PersonalDataUse.PURGE, rows=count)
        result.purged.append(PurgedPlan(plan, ended, count))
    return result
