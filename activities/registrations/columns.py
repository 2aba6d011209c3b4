"""The columns of the list as a workbook: the export, the blank template and the import read the same."""

from dataclasses import dataclass

from common.xlsx_reading import header_key as header_key


@dataclass(frozen=True)
class ListColumn:
    """A column of the registration list: the field, its Vietnamese header, the other headers
    people write for it (folded, without punctuation), its width in characters."""

    field: str
    label: str
    aliases: tuple[str, ...] = ()
    width: int = 16


PERSON_COLUMNS = (
    ListColumn("full_name", "Họ và tên", ("ho ten", "ten"), 28),
    ListColumn("position", "Chức vụ", ("chuc vu don vi", "chuc danh"), 30),
    ListColumn("phone", "Số điện thoại", ("dien thoai", "sdt", "so dt", "di dong"), 16),
    ListColumn(
        "citizen_id",
        "Số CCCD",
        ("cccd", "so can cuoc cong dan", "can cuoc cong dan", "so can cuoc", "can cuoc", "so dinh danh"),
        16,
    ),
    ListColumn("id_issue_date", "Ngày cấp", ("ngay cap cccd",), 12),
    ListColumn("id_issue_place", "Nơi cấp", ("noi cap cccd",), 30),
    ListColumn("note", "Ghi chú", (), 24),
)
GROUP_COLUMN = ListColumn("group", "Lớp, nhóm", ("lop", "nhom", "lop hoc"), 24)
COLUMN_LABELS = {column.field: column.label for column in [*PERSON_COLUMNS, GROUP_COLUMN]}


def import_columns(several_groups: bool) -> list[ListColumn]:
    """The list's columns; the class's after the name when the unit has several classes."""
    return (
        [*PERSON_COLUMNS[:1], GROUP_COLUMN, *PERSON_COLUMNS[1:]] if several_groups else list(PERSON_COLUMNS)
    )
