"""Reading an uploaded XLSX file, for every all-or-nothing import (a registration list; bodies,
clusters and staff): the file's checks, its rows with the numbers Excel shows, its header row, its
cells as text or dates, and the one way a bad cell is reported ("Dòng 5, cột “Số CCCD”: …").

Every refusal is a `ServiceError` in Vietnamese; a damaged file never raises anything else.
"""

import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Sequence

from django import forms
from openpyxl import load_workbook

from common.downloads import XLSX_CONTENT_TYPE
from common.errors import ServiceError
from common.forms import DATE_INPUT_FORMATS
from common.text import fold

# An XLSX is a zip: refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
# Header rows may follow a title or two: look for the header in the first rows only.
HEADER_SEARCH_ROWS = 10

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
FILE_DUPLICATE_COLUMN = "Cột “{label}” có hai lần trong dòng tiêu đề (dòng {row})."
CELL_LOCATION = "Dòng {row}, cột “{column}”: {message}"
DATE_INVALID = "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/08/2024."
DATE_NOT_REAL = "Ngày {text} không có thật."

_DATE_SHAPE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")


def megabytes(size: int) -> str:
    """ "2,0": a size in MB as Vietnamese write decimals."""
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def too_large(size: int, limit: int) -> ServiceError:
    return ServiceError(FILE_TOO_LARGE.format(limit=megabytes(limit), size=megabytes(size)))


def header_key(text) -> str:
    """A header (or a name in a cell) as it is compared: folded, without punctuation."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split())


def open_workbook(content: bytes, *, limit: int):
    """The workbook of an uploaded file (read only), after checking it is a real, sane XLSX."""
    if not content:
        raise ServiceError(FILE_EMPTY)
    if len(content) > limit:
        raise too_large(len(content), limit)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ServiceError(FILE_OLD_XLS)
    if not content.startswith(b"PK\x03\x04"):
        raise ServiceError(FILE_NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ServiceError(FILE_NOT_XLSX) from error
    if "xl/workbook.xml" not in names:
        raise ServiceError(FILE_NOT_XLSX)
    if unpacked > MAX_UNPACKED_BYTES:
        raise too_large(unpacked, limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it does not read
            return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a damaged file fails in many ways inside openpyxl
        raise ServiceError(FILE_NOT_XLSX) from error


def is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def worksheet_rows(worksheet, *, limit: int, too_many: str) -> list[tuple[int, tuple]]:
    """The non-empty rows of a worksheet with their row numbers; `too_many` past `limit` rows."""
    rows = []
    try:
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if all(is_blank(cell) for cell in row):
                continue
            rows.append((number, row))
            if len(rows) > limit:
                raise ServiceError(too_many)
    except ServiceError:
        raise
    except Exception as error:  # a damaged sheet fails while it is read
        raise ServiceError(FILE_NOT_XLSX) from error
    return rows


def find_header(rows: list[tuple[int, tuple]], columns: Sequence, required) -> tuple[int, dict] | None:
    """The header row (the first naming the `required` column among the first rows) and the column
    each of its cells names; `columns` have a `label` and folded `aliases`. Cells naming no column
    ("STT", a column of the user's own) are read past."""
    names = {}
    for column in columns:
        for name in (header_key(column.label), *column.aliases):
            names[name] = column
    for number, row in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        found: dict[int, object] = {}
        repeated = None
        for index, cell in enumerate(row):
            column = names.get(header_key(cell))
            if column is None:
                continue
            if column in found.values():
                repeated = column
            found[index] = column
        if required not in found.values():
            continue
        if repeated is not None:
            raise ServiceError(FILE_DUPLICATE_COLUMN.format(label=repeated.label, row=number))
        return number, found
    return None


def cell_text(value) -> str:
    """A cell as text: whole numbers without ".0", decimals with a comma, dates day first."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return f"{day:%d/%m/%Y}"
    return str(value).strip()


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


class XlsxFileField(forms.FileField):
    """The upload box of an import: an .xlsx of at most `limit` bytes, refused in Vietnamese."""

    def __init__(self, *, limit: int, **kwargs):
        self.limit = limit
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}))
        super().__init__(**kwargs)
        self.error_messages.update({"required": FILE_EMPTY, "empty": FILE_EMPTY, "invalid": FILE_NOT_XLSX})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is not None and upload.size > self.limit:
            raise forms.ValidationError(str(too_large(upload.size, self.limit)))
        return upload
