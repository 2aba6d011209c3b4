"""A report's tables as an XLSX workbook, one sheet each, with the same rows as the page."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from plans.reports.tables import line_rows, quarter_rows, unit_rows
from plans.reports.tallies import Report


def _sheet(
    workbook: Workbook, title: str, heading: str, columns: list[str], rows: list[list], widths: list[int]
):
    sheet = workbook.create_sheet(title)
    sheet.append([heading])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append(columns)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=2, column=index).font = Font(bold=True)
        sheet.cell(row=2, column=index).alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a text typed as "=…" stays text, never a formula
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    return sheet


def report_workbook(report: Report) -> bytes:
    """The report's tables, one sheet each, with the same rows as the page."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = report.title if report.plan is None else f"{report.title} – {report.plan.full_symbol}"
    count_widths = [28, 10, 12, 15, 15, 10, 10, 10, 16]
    columns, rows, total = quarter_rows(report)
    sheet = _sheet(workbook, "Theo quý", heading, columns, [*rows, total], count_widths)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    columns, rows = unit_rows(report)
    _sheet(workbook, "Theo đơn vị", heading, columns, rows, count_widths)
    line_widths = [6, 60, 22, 30, 22, 40] if report.plan is not None else [6, 16, 60, 22, 30, 22, 40]
    columns, rows = line_rows(report, report.lines, with_result=True)
    _sheet(workbook, "Từng nội dung", heading, columns, rows, line_widths)
    columns, rows = line_rows(report, report.overdue, with_result=False)
    _sheet(workbook, "Quá hạn", heading, columns, rows, line_widths[:-1])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
