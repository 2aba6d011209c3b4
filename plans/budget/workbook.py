"""The budget disclosure as an XLSX workbook: the page's three tables and their totals."""

from common.spreadsheets import DATE_FORMAT, MONEY_FORMAT, Column, Spreadsheet
from plans.budget.summary import BudgetSummary
from plans.models import Plan

# The columns of each table keep the widths of the one before, so the sheet reads as one.
LINE_COLUMNS = (
    Column("Nội dung chi", 48),
    Column("Dự toán (đồng)", 18, MONEY_FORMAT),
    Column("Thực chi (đồng)", 18, MONEY_FORMAT),
    Column("Chênh lệch (đồng)", 22, MONEY_FORMAT),
)
CONTRIBUTION_COLUMNS = (
    Column("Đơn vị", 48),
    Column("Số tiền (đồng)", 18, MONEY_FORMAT),
    Column("Ghi chú", 18),
)
EXPENSE_COLUMNS = (
    Column("Nội dung chi", 48),
    Column("Ngày chi", 18, DATE_FORMAT),
    Column("Số tiền (đồng)", 18, MONEY_FORMAT),
    Column("Ghi chú, chứng từ", 22),
)


def disclosure_workbook(plan: Plan, summary: BudgetSummary) -> bytes:
    """The disclosure's three tables and its totals, amounts as whole numbers formatted "#,##0"."""
    spreadsheet = Spreadsheet()
    sheet = spreadsheet.sheet("Công khai kinh phí")
    sheet.heading(f"Công khai kinh phí: {plan.subject}")
    sheet.heading(f"{plan.full_symbol} – {plan.issuer}")
    sheet.blank()
    sheet.heading("1. Dự toán và thực chi theo từng nội dung")
    lines = [
        [entry.item, int(entry.estimate.value), int(entry.actual.value), int(entry.difference.value)]
        for entry in summary.lines
    ]
    total = [
        "Tổng cộng",
        int(summary.estimate.value),
        int(summary.actual.value),
        int(summary.difference.value),
    ]
    sheet.table(LINE_COLUMNS, [*lines, total], freeze=False)
    sheet.blank()
    sheet.heading("2. Đóng góp của các đơn vị")
    contributions = [
        [entry.organization.name, int(entry.amount.value), entry.note] for entry in summary.contributions
    ]
    sheet.table(
        CONTRIBUTION_COLUMNS,
        [*contributions, ["Tổng cộng", int(summary.contributed.value), ""]],
        freeze=False,
    )
    sheet.blank()
    sheet.heading("3. Các khoản thực chi")
    expenses = [
        [expense.item, expense.spent_on, int(expense.amount), expense.note] for expense in summary.expenses
    ]
    sheet.table(EXPENSE_COLUMNS, expenses, freeze=False)
    return spreadsheet.to_bytes()
