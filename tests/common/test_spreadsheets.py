"""The one XLSX writer: text stays text, Word's control characters never break an export."""

import datetime
from io import BytesIO

from openpyxl import load_workbook

from common.downloads import filename_slug
from common.spreadsheets import DATE_FORMAT, MONEY_FORMAT, Column, Spreadsheet


def _reopened(spreadsheet: Spreadsheet):
    return load_workbook(BytesIO(spreadsheet.to_bytes())).active


def test_text_typed_as_a_formula_stays_text():
    spreadsheet = Spreadsheet()
    sheet = spreadsheet.sheet("Danh sách")
    sheet.table([Column("Nội dung"), Column("Ghi chú")], [["=1+1", "+84 912"], ["@SUM(A1)", "-5"]])
    reopened = _reopened(spreadsheet)
    assert [[cell.value for cell in row] for row in reopened.iter_rows(min_row=2)] == [
        ["=1+1", "+84 912"],
        ["@SUM(A1)", "-5"],
    ]
    assert all(cell.data_type == "s" for row in reopened.iter_rows(min_row=2) for cell in row)


def test_control_characters_pasted_from_word_are_dropped_not_fatal():
    spreadsheet = Spreadsheet()
    spreadsheet.sheet("Kế hoạch").append(["Tập huấn\x0bnghiệp vụ\x1b"])
    assert _reopened(spreadsheet)["A1"].value == "Tập huấnnghiệp vụ"


def test_columns_give_widths_formats_and_a_frozen_header():
    spreadsheet = Spreadsheet()
    sheet = spreadsheet.sheet("Chi")
    sheet.heading("Công khai kinh phí")
    sheet.blank()
    columns = [Column("Nội dung", 40), Column("Số tiền", 18, MONEY_FORMAT)]
    sheet.table(columns, [["Khen thưởng", 1_500_000]])
    sheet.append([datetime.date(2024, 3, 5)])
    reopened = _reopened(spreadsheet)
    assert reopened["A1"].value == "Công khai kinh phí"
    assert reopened["A1"].font.bold
    assert reopened["A3"].value == "Nội dung"
    assert reopened["A3"].font.bold
    assert reopened.freeze_panes == "A4"
    assert reopened["B4"].number_format == MONEY_FORMAT
    assert reopened.column_dimensions["A"].width == 40
    assert reopened["A5"].value.date() == datetime.date(2024, 3, 5)
    assert reopened["A5"].number_format == DATE_FORMAT


def test_file_names_have_no_diacritics():
    assert filename_slug("Kế hoạch Tập huấn nghiệp vụ năm 2024") == "ke-hoach-tap-huan-nghiep-vu-nam-2024"
    assert filename_slug("UBND huyện Tháp Mười", words=2, last=True) == "thap-muoi"
    assert filename_slug("Đồng Tháp", words=1) == "dong"
