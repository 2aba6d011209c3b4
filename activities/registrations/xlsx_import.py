"""A unit's list imported from an XLSX file: all or nothing.

Every bad cell is reported by row and column ("Dòng 5, cột “Số CCCD”: …"), the quota is checked for
the whole file, and nothing is written unless the whole file is right. A refusal is a
`ServiceError` whose messages are about the whole file (field None), in the order of the file.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from activities.choices import PersonalDataUse
from activities.models import Registration
from activities.registrations.columns import (
    COLUMN_LABELS,
    GROUP_COLUMN,
    PERSON_COLUMNS,
    ListColumn,
    header_key,
    import_columns,
)
from activities.registrations.duplicates import (
    CITIZEN_ID_TAKEN,
    CitizenIdRefused,
    logs_refusals,
    taken_citizen_ids,
)
from activities.registrations.people import PERSON_FIELDS, normalise_person, person_errors
from activities.registrations.personal_data import log_personal_data
from activities.registrations.quotas import Quota, quota_groups, unit_quotas
from activities.registrations.services import GROUP_INVALID, GROUP_REQUIRED, log_list_change, registering_unit
from clusters.models import Organization
from common.errors import ServiceError
from common.text import clean_text
from common.xlsx_reading import (
    CELL_LOCATION,
    HEADER_SEARCH_ROWS,
    find_header,
    open_workbook,
    parse_date,
    worksheet_rows,
)
from plans import policy
from plans.locking import lock_plan
from plans.models import Plan

# Uploads: an XLSX list of a few hundred people is a few tens of kilobytes.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 500

CITIZEN_ID_REPEATED = "Trùng số CCCD với dòng {row} của tệp."
QUOTA_FILE = (
    "Định mức của {unit}{group} là {quota:02d} người; đã đăng ký {existing:02d}, tệp có thêm "
    "{adding:02d} người: vượt {excess:02d} người. Chưa nhập ai; hãy bớt người trong tệp rồi nhập lại."
)
FILE_NO_HEADER = (
    "Không thấy dòng tiêu đề có cột “Họ và tên” trong {rows} dòng đầu của trang tính thứ nhất. "
    "Dòng tiêu đề cần có các cột: {columns}."
)
FILE_NO_ROWS = "Tệp không có người nào (các dòng dưới dòng tiêu đề đều trống)."
FILE_TOO_MANY_ROWS = "Tệp có hơn {limit} người; hãy chia thành nhiều tệp."
FILE_GROUP_COLUMN = "Đơn vị có định mức cho nhiều lớp, nhóm: tệp cần thêm cột “{label}” ghi tên lớp, nhóm."
LEADING_ZERO_LOST = (
    "Excel đã coi ô này là số nên mất chữ số 0 ở đầu. Hãy định dạng cột là Văn bản (Text) rồi nhập lại."
)


# ---------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------
@dataclass
class FileRow:
    """One person read from the file, with the row number Excel shows."""

    number: int
    values: dict
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _find_header(rows: list[tuple[int, tuple]]) -> tuple[int, dict[int, ListColumn]] | None:
    """The header row (the first with a “Họ và tên” column) and the column each cell names."""
    return find_header(rows, [*PERSON_COLUMNS, GROUP_COLUMN], PERSON_COLUMNS[0])


def _cell_text(value, column: ListColumn) -> tuple[str, str | None]:
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
    return clean_text(str(value), single_line=True), None


def _sheet_rows(content: bytes) -> list[tuple[int, tuple]]:
    """The non-empty rows of the first sheet with their row numbers; refuses a file with too many."""
    workbook = open_workbook(content, limit=MAX_IMPORT_BYTES)
    try:
        return worksheet_rows(
            workbook.worksheets[0],
            limit=MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS,
            too_many=FILE_TOO_MANY_ROWS.format(limit=MAX_IMPORT_ROWS),
        )
    finally:
        workbook.close()


def _file_row(number: int, row: tuple, columns: dict[int, ListColumn]) -> FileRow:
    person = FileRow(number, {name: "" for name in PERSON_FIELDS} | {"id_issue_date": None, "group": ""})
    for index, column in columns.items():
        value = row[index] if index < len(row) else None
        if column.field == "id_issue_date":
            person.values[column.field], problem = parse_date(value)
        else:
            person.values[column.field], problem = _cell_text(value, column)
        if problem:
            person.errors[column.field].append(problem)
    return person


def read_registration_file(content: bytes, *, several_groups: bool) -> list[FileRow]:
    """The people of an XLSX file, each with what is wrong in each of its cells; file-level
    problems (not an XLSX, too large, no header, too many rows) raise `ServiceError`."""
    rows = _sheet_rows(content)
    header = _find_header([(number, row) for number, row in rows if number <= HEADER_SEARCH_ROWS])
    if header is None:
        labels = ", ".join(f"“{column.label}”" for column in import_columns(several_groups))
        raise ServiceError(FILE_NO_HEADER.format(rows=HEADER_SEARCH_ROWS, columns=labels))
    header_number, columns = header
    if several_groups and GROUP_COLUMN not in columns.values():
        raise ServiceError(FILE_GROUP_COLUMN.format(label=GROUP_COLUMN.label))
    people = [_file_row(number, row, columns) for number, row in rows if number > header_number]
    if len(people) > MAX_IMPORT_ROWS:
        raise ServiceError(FILE_TOO_MANY_ROWS.format(limit=MAX_IMPORT_ROWS))
    if not people:
        raise ServiceError(FILE_NO_ROWS)
    return people


# ---------------------------------------------------------------------------
# Checking the file's people and registering them
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    created: int
    replaced: int


@dataclass
class _Person:
    row: FileRow
    values: dict  # normalised
    quota: Quota | None


def _row_quota(row: FileRow, quotas: list[Quota]) -> Quota | None:
    """The class a row names (by its label or, alone, by its session's name, "Lớp thứ nhất")."""
    if len(quotas) == 1:
        return quotas[0]
    by_label = {header_key(quota.group.session.name): quota for quota in quotas if quota.group.session_id}
    by_label |= {header_key(quota.label): quota for quota in quotas}
    quota = by_label.get(header_key(row.values["group"]))
    if quota is None:
        names = "; ".join(f"“{item.label}”" for item in quotas)
        row.errors["group"].append(
            f"{GROUP_REQUIRED} Ghi một trong: {names}."
            if not row.values["group"]
            else f"{GROUP_INVALID} ({names})"
        )
    return quota


def _checked_people(rows: list[FileRow], quotas: list[Quota]) -> list[_Person]:
    """Every row normalised with its quota, and what is wrong with it added to its errors: each
    field, a citizen ID twice in the file."""
    seen: dict[str, int] = {}
    people = []
    for row in rows:
        person = normalise_person(row.values)
        for name, messages in person_errors(person).items():
            if name not in row.errors:  # a cell that could not be read says so once
                row.errors[name].extend(messages)
        quota = _row_quota(row, quotas)
        citizen_id = person["citizen_id"]
        if citizen_id and "citizen_id" not in row.errors:
            if citizen_id in seen:
                row.errors["citizen_id"].append(CITIZEN_ID_REPEATED.format(row=seen[citizen_id]))
            else:
                seen[citizen_id] = row.number
        people.append(_Person(row, person, quota))
    return people


def _refuse_taken(
    *, plan: Plan, user, organization: Organization, people: list[_Person], exclude: Q | None
) -> None:
    """Asked once the file is otherwise right (see `duplicates`): each row whose citizen ID the
    plan already has is refused, and the file with it."""
    citizen_ids = [person.values["citizen_id"] for person in people if person.values["citizen_id"]]
    taken = taken_citizen_ids(
        user=user, plan=plan, organization=organization, citizen_ids=citizen_ids, exclude=exclude
    )
    if not taken:
        return
    rows = [person.row for person in people if person.values["citizen_id"] in taken]
    for row in rows:
        row.errors["citizen_id"].append(CITIZEN_ID_TAKEN)
    errors = {None: _located_messages(rows)}
    raise CitizenIdRefused(
        user=user, plan=plan, organization=organization, checked=len(citizen_ids), errors=errors
    )


def _located_messages(rows: list[FileRow]) -> list[str]:
    """Every problem of every row, by row and in the order of the columns."""
    order = [column.field for column in import_columns(several_groups=True)]
    return [
        CELL_LOCATION.format(row=row.number, column=COLUMN_LABELS[name], message=message)
        for row in rows
        for name in order
        for message in dict.fromkeys(row.errors.get(name, ()))
    ]


def _quota_messages(
    organization: Organization, quotas: list[Quota], people: list[_Person], existing: Counter
) -> list[str]:
    """A message for each quota the file would overrun, with the unit's `existing` people."""
    adding = Counter(person.quota.group.pk for person in people if person.quota is not None)
    messages = []
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
    return messages


@logs_refusals
@transaction.atomic
def registration_import(
    *, plan: Plan, user, organization: Organization, content: bytes, replace: bool = False
) -> ImportResult:
    """Register everyone in the XLSX `content` for `organization`, or no one: every problem of the
    file is reported at once. With `replace`, the unit's current list is replaced by the file's."""
    plan = lock_plan(plan, user, policy.Action.REGISTER)
    organization = registering_unit(user, plan, organization)
    quotas = unit_quotas(quota_groups(plan), organization)
    if not quotas:
        raise ServiceError(policy.NO_QUOTA_MESSAGE)
    rows = read_registration_file(content, several_groups=len(quotas) > 1)
    exclude = Q(organization=organization) if replace else None
    people = _checked_people(rows, quotas)
    current = Registration.objects.filter(plan=plan, organization=organization)
    existing = Counter() if replace else Counter(current.values_list("group_id", flat=True))
    messages = _located_messages(rows) + _quota_messages(organization, quotas, people, existing)
    if messages:
        raise ServiceError(errors={None: messages})
    _refuse_taken(plan=plan, user=user, organization=organization, people=people, exclude=exclude)
    replaced = current.delete()[0] if replace else 0
    for person in people:
        Registration(
            plan=plan,
            organization=organization,
            group=person.quota.group,
            registered_by=user,
            **person.values,
        ).save()
    log_personal_data(
        user=user, plan=plan, use=PersonalDataUse.IMPORT, rows=len(people), organization=organization
    )
    note = f"Nhập từ tệp {len(people)} người cho {organization}"
    if replace:
        note += f", thay cả danh sách cũ ({replaced} người)"
    log_list_change(plan=plan, user=user, note=note)
    return ImportResult(created=len(people), replaced=replaced)
