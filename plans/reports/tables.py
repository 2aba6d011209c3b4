"""A report's tables as plain rows: the page, the document and the workbook show the same ones."""

from plans.reports.tallies import STATUS_COLUMNS, Report, ReportLine


def quarter_rows(report: Report) -> tuple[list[str], list[list], list]:
    """(columns, a row per quarter, the total row)."""
    columns = ["Quý", *(label for _, label in STATUS_COLUMNS)]
    return columns, [tally.cells() for tally in report.quarters], report.total.cells()


def unit_rows(report: Report) -> tuple[list[str], list[list]]:
    columns = ["Đơn vị chủ trì", *(label for _, label in STATUS_COLUMNS)]
    return columns, [tally.cells() for tally in report.units]


def line_rows(report: Report, lines: list[ReportLine], *, with_result: bool) -> tuple[list[str], list[list]]:
    """A row per activity; a cluster's report names each activity's plan, `with_result` its result."""
    cluster = report.plan is None
    columns = ["TT", "Nội dung công việc", "Thời gian", "Đơn vị thực hiện", "Tình trạng"]
    if cluster:
        columns.insert(1, "Kế hoạch")
    if with_result:
        columns.append("Kết quả")
    rows = []
    for number, line in enumerate(lines, start=1):
        row = [str(number), " ".join(line.activity.content.split()), line.period, line.units, line.status]
        if line.overdue:
            row[4] += " (quá hạn)"
        if cluster:
            row.insert(1, line.plan.full_symbol)
        if with_result:
            row.append(line.result)
        rows.append(row)
    return columns, rows
