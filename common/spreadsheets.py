"""The one way the app writes an XLSX workbook (openpyxl).

Every cell goes through `Sheet.append`, which keeps text as text: a value typed as "=…" (or "+…",
"-…", "@…") is stored as a string and never runs as a formula when the file is opened, and the
control characters that Word pastes (and that the XLSX format forbids) are dropped instead of
failing the whole export.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = "#,##0"
TEXT_FORMAT = "@"


@dataclass(frozen=True)
class Column:
    """A column of a table: its title, width in characters, number format and wrapping."""

    title: str
    width: int = 15
    number_format: str | None = None
    wrap: bool = False


def cell_value(value):
    """What a cell may hold: text without forbidden characters, local times without a zone."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class Sheet:
    """One worksheet, written from the top row down."""

    def __init__(self, worksheet):
        self.worksheet = worksheet
        self.columns: Sequence[Column] = ()
        self.last_row = 0

    def append(self, values: Iterable, *, bold: bool = False, size: int | None = None) -> None:
        """One row; the cells take the formats of the columns set by `header`."""
        self.last_row += 1
        row = self.last_row
        for index, value in enumerate(values, start=1):
            cell = self.worksheet.cell(row=row, column=index, value=cell_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            column = self.columns[index - 1] if index <= len(self.columns) else None
            if column is not None and column.number_format:
                cell.number_format = column.number_format
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
            if column is not None and column.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if bold or size:
                cell.font = Font(bold=bold, size=size)

    def heading(self, text: str, *, size: int | None = None) -> None:
        """A line of bold text above a table."""
        self.append([text], bold=True, size=size)

    def blank(self) -> None:
        """An empty row between two tables."""
        self.last_row += 1

    def header(self, columns: Sequence[Column], *, freeze: bool = True) -> None:
        """The header row of a table: bold titles, the widths, the formats of the rows below."""
        for index, column in enumerate(columns, start=1):
            self.worksheet.column_dimensions[get_column_letter(index)].width = column.width
        self.columns = ()
        self.append([column.title for column in columns], bold=True)
        for cell in self.worksheet[self.last_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if freeze:
            self.worksheet.freeze_panes = f"A{self.last_row + 1}"
        self.columns = columns

    def table(self, columns: Sequence[Column], rows: Iterable[Sequence], *, freeze: bool = True) -> None:
        self.header(columns, freeze=freeze)
        for values in rows:
            self.append(values)

    def add_filter(self) -> None:
        self.worksheet.auto_filter.ref = self.worksheet.dimensions


class Spreadsheet:
    """A workbook of one or more sheets, handed out as bytes."""

    def __init__(self):
        self.workbook = Workbook()
        self._unused_first = True

    def sheet(self, title: str) -> Sheet:
        if self._unused_first:
            worksheet, self._unused_first = self.workbook.active, False
            worksheet.title = title
        else:
            worksheet = self.workbook.create_sheet(title)
        return Sheet(worksheet)

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()
