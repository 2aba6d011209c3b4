"""A report's tables as an XLSX workbook, one sheet each, with the same rows as the page."""

from common.spreadsheets import Column, Spreadsheet
from plans.reports.tables import line_rows, quarter_rows, unit_rows
from plans.reports.tallies import Report

COUNT_WIDTHS = [28, 10, 12, 15, 15, 10, 10, 10, 16]
PLAN_LINE_WIDTHS = [6, 60, 22, 30, 22, 40]
CLUSTER_LINE_WIDTHS = [6, 16, 60, 22, 30, 22, 40]
HEADING_SIZE = 13


def _columns(titles: list[str], widths: list[int]) -> list[Column]:
    """Every cell of a report wraps its text and sits at the top of its row."""
    return [Column(title, width, wrap=True) for title, width in zip(titles, widths, strict=True)]


def report_workbook(report: Report) -> bytes:
    """Sheets by quarter (with the total row in bold), by unit, every activity, the overdue ones."""
    spreadsheet = Spreadsheet()
    heading = report.title if report.plan is None else f"{report.title} – {report.plan.full_symbol}"

    def add_sheet(title: str, columns: list[str], rows: list[list], widths: list[int]):
        sheet = spreadsheet.sheet(title)
        sheet.heading(heading, size=HEADING_SIZE)
        sheet.table(_columns(columns, widths), rows)
        return sheet

    columns, rows, total = quarter_rows(report)
    add_sheet("Theo quý", columns, rows, COUNT_WIDTHS).append(total, bold=True)
    add_sheet("Theo đơn vị", *unit_rows(report), COUNT_WIDTHS)
    line_widths = PLAN_LINE_WIDTHS if report.plan is not None else CLUSTER_LINE_WIDTHS
    add_sheet("Từng nội dung", *line_rows(report, report.lines, with_result=True), line_widths)
    add_sheet("Quá hạn", *line_rows(report, report.overdue, with_result=False), line_widths[:-1])
    return spreadsheet.to_bytes()
