"""The budget after issue: actual spending against the estimate, and the figures disclosed to the
cluster ("công khai trong Cụm").

Writes (`expense_add`, `expense_delete`) check the policy (Action.SPEND: the organiser's drafters
and leaders, once the plan is issued) on the locked plan, validate, and save in one transaction.
An expense is not a part of the plan's document, so the plan's change log does not record it; the
row keeps who entered it and when (created_by, created_at), and deletions are logged.
Reads (`budget_summary`) take the plan's rows as prefetched (plans.views.budget.budget_queryset,
or the plan page's queryset) so that a page runs the same queries for 1 or 100 rows.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from clusters.models import Organization
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction
from plans.documents.amounts import format_vnd, vnd_in_words
from plans.models import BudgetContribution, BudgetExpense, BudgetLine, Plan, total_amount

ITEM_REQUIRED_MESSAGE = "Nhập nội dung chi."
AMOUNT_REQUIRED_MESSAGE = "Nhập số tiền đã chi."
AMOUNT_NEGATIVE_MESSAGE = "Số tiền không được âm."
AMOUNT_WHOLE_MESSAGE = "Số tiền tính bằng đồng, không có phần lẻ."
AMOUNT_TOO_LARGE_MESSAGE = "Số tiền quá lớn (tối đa 15 chữ số)."
DATE_REQUIRED_MESSAGE = "Nhập ngày chi (ngày/tháng/năm)."
DATE_FUTURE_MESSAGE = "Ngày chi không được sau hôm nay ({today:%d/%m/%Y})."
DATE_TOO_EARLY_MESSAGE = "Ngày chi của kế hoạch năm {year} không thể trước ngày {earliest:%d/%m/%Y}."
LINE_NOT_OF_PLAN_MESSAGE = "Dòng dự toán này không thuộc kế hoạch."
OTHER_SPENDING_LABEL = "Chi khác (ngoài các dòng dự toán)"
AMOUNT_DIGITS = 15  # BudgetExpense.amount: max_digits=15, decimal_places=0


# ---------------------------------------------------------------------------
# Reading: the figures of the disclosure
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Amount:
    """A sum of money with how it is written: "1.250.000 đồng", "Một triệu hai trăm … đồng"."""

    value: Decimal

    @property
    def text(self) -> str:
        return format_vnd(self.value)

    @property
    def words(self) -> str:
        return vnd_in_words(self.value)

    @property
    def is_negative(self) -> bool:
        return self.value < 0

    @property
    def magnitude(self) -> "Amount":
        """The amount without its sign, for "vượt … đồng" and "còn lại … đồng"."""
        return Amount(abs(self.value))

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LineSpending:
    """One estimate line (or the spending outside every line) with what was actually spent on it."""

    line: BudgetLine | None
    item: str
    estimate: Amount
    actual: Amount
    expenses: int

    @property
    def difference(self) -> Amount:
        """Estimate less actual: positive when less was spent, negative when more."""
        return Amount(self.estimate.value - self.actual.value)


@dataclass(frozen=True)
class UnitContribution:
    organization: Organization
    amount: Amount
    note: str


@dataclass(frozen=True)
class BudgetSummary:
    lines: list[LineSpending]
    contributions: list[UnitContribution]
    expenses: list[BudgetExpense]
    estimate: Amount
    contributed: Amount
    actual: Amount

    @property
    def difference(self) -> Amount:
        """Estimate less actual spending (negative: spending went over the estimate)."""
        return Amount(self.estimate.value - self.actual.value)

    @property
    def remaining_fund(self) -> Amount:
        """What is left of the members' contributions after the actual spending."""
        return Amount(self.contributed.value - self.actual.value)

    @property
    def contributions_match(self) -> bool:
        """Contributions add up to the estimate (or one of them is not given)."""
        return not self.contributions or not self.lines_with_estimate or self.estimate == self.contributed

    @property
    def lines_with_estimate(self) -> list[LineSpending]:
        return [entry for entry in self.lines if entry.line is not None]

    @property
    def is_empty(self) -> bool:
        return not (self.lines or self.contributions or self.expenses)


def budget_prefetches() -> list[Prefetch]:
    """The rows budget_summary reads, each in one query."""
    return [
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "pk")),
        Prefetch(
            "contributions",
            queryset=BudgetContribution.objects.select_related("organization").order_by(
                "organization__name", "pk"
            ),
        ),
        Prefetch(
            "expenses",
            queryset=BudgetExpense.objects.select_related("created_by", "budget_line").order_by(
                "spent_on", "pk"
            ),
        ),
    ]


def budget_queryset() -> QuerySet[Plan]:
    return Plan.objects.select_related("organization", "cluster", "budget_payer").prefetch_related(
        *budget_prefetches()
    )


def budget_summary(plan: Plan) -> BudgetSummary:
    """Estimate, contributions and actual spending of the plan, per line and in total."""
    lines = list(plan.budget_lines.all())
    contributions = list(plan.contributions.all())
    expenses = list(plan.expenses.all())
    spent: dict[int | None, list[BudgetExpense]] = {}
    known = {line.pk for line in lines}
    for expense in expenses:
        key = expense.budget_line_id if expense.budget_line_id in known else None
        spent.setdefault(key, []).append(expense)
    rows = [
        LineSpending(
            line=line,
            item=line.item,
            estimate=Amount(line.amount),
            actual=Amount(total_amount(spent.get(line.pk, []))),
            expenses=len(spent.get(line.pk, [])),
        )
        for line in lines
    ]
    if None in spent:
        rows.append(
            LineSpending(
                line=None,
                item=OTHER_SPENDING_LABEL,
                estimate=Amount(Decimal(0)),
                actual=Amount(total_amount(spent[None])),
                expenses=len(spent[None]),
            )
        )
    return BudgetSummary(
        lines=rows,
        contributions=[
            UnitContribution(organization=item.organization, amount=Amount(item.amount), note=item.note)
            for item in contributions
        ],
        expenses=expenses,
        estimate=Amount(total_amount(lines)),
        contributed=Amount(total_amount(contributions)),
        actual=Amount(total_amount(expenses)),
    )


# ---------------------------------------------------------------------------
# Writing: actual expenses
# ---------------------------------------------------------------------------
def _locked(plan: Plan, user) -> Plan:
    """The plan, locked for the rest of the transaction, with the right to spend checked on it."""
    locked = (
        Plan.objects.select_for_update(of=("self",)).select_related("organization", "cluster").get(pk=plan.pk)
    )
    policy.require(user, policy.Action.SPEND, locked)
    return locked


def _validate_amount(amount, errors: dict[str, list[str]]) -> None:
    if amount is None:
        errors["amount"].append(AMOUNT_REQUIRED_MESSAGE)
    elif amount < 0:
        errors["amount"].append(AMOUNT_NEGATIVE_MESSAGE)
    elif amount != amount.to_integral_value():
        errors["amount"].append(AMOUNT_WHOLE_MESSAGE)
    elif len(str(int(amount))) > AMOUNT_DIGITS:
        errors["amount"].append(AMOUNT_TOO_LARGE_MESSAGE)


def _validate_date(spent_on, plan: Plan, today: datetime.date, errors: dict[str, list[str]]) -> None:
    if spent_on is None:
        errors["spent_on"].append(DATE_REQUIRED_MESSAGE)
        return
    earliest = datetime.date(plan.year - 1, 1, 1)  # an advance may be paid the year before
    if spent_on > today:
        errors["spent_on"].append(DATE_FUTURE_MESSAGE.format(today=today))
    elif spent_on < earliest:
        errors["spent_on"].append(DATE_TOO_EARLY_MESSAGE.format(year=plan.year, earliest=earliest))


@transaction.atomic
def expense_add(
    *,
    plan: Plan,
    user,
    item: str,
    amount: Decimal | None,
    spent_on: datetime.date | None,
    budget_line: BudgetLine | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> BudgetExpense:
    """Record money actually spent on the plan; ValidationError by field when the input is wrong."""
    plan = _locked(plan, user)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {"item": [], "amount": [], "spent_on": [], "budget_line": [], "note": []}
    item = " ".join((item or "").split())
    if not item:
        errors["item"].append(ITEM_REQUIRED_MESSAGE)
    amount = Decimal(amount) if amount is not None else None
    _validate_amount(amount, errors)
    _validate_date(spent_on, plan, today, errors)
    if budget_line is not None and budget_line.plan_id != plan.pk:
        errors["budget_line"].append(LINE_NOT_OF_PLAN_MESSAGE)
    expense = BudgetExpense(
        plan=plan,
        budget_line=budget_line,
        item=item,
        amount=amount,
        spent_on=spent_on,
        note=(note or "").strip(),
        created_by=user,
    )
    try:
        expense.full_clean(exclude=[name for name, messages in errors.items() if messages])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    found = {name: messages for name, messages in errors.items() if messages}
    if found:
        raise ValidationError(found)
    expense.save()
    note = f"Thực chi: {expense.item} – {format_vnd(expense.amount)}"
    record_change(plan=plan, actor=user, action=AuditAction.EXPENSE, note=note)
    return expense


@transaction.atomic
def expense_delete(*, plan: Plan, user, expense_id: int) -> BudgetExpense:
    """Remove an expense entered by mistake; BudgetExpense.DoesNotExist when it is not the plan's."""
    plan = _locked(plan, user)
    expense = BudgetExpense.objects.get(pk=expense_id, plan=plan)
    expense.delete()
    note = f"Xoá khoản thực chi: {expense.item} – {format_vnd(expense.amount)}"
    record_change(plan=plan, actor=user, action=AuditAction.EXPENSE, note=note)
    return expense


# ---------------------------------------------------------------------------
# The disclosure as a workbook
# ---------------------------------------------------------------------------
def _text_cell(sheet, row: int, column: int, value) -> None:
    """A text cell that stays text: a value typed as "=…" is never run as a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def disclosure_workbook(plan: Plan, summary: BudgetSummary) -> bytes:
    """The disclosure's three tables and its totals, amounts as numbers formatted "#,##0"."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Công khai kinh phí"
    bold = Font(bold=True)
    money = "#,##0"
    row = 1

    def heading(text: str) -> None:
        nonlocal row
        _text_cell(sheet, row, 1, text)
        sheet.cell(row=row, column=1).font = bold
        row += 1

    def table(columns: list[str], rows: list[list], money_columns: set[int]) -> None:
        nonlocal row
        for column, title in enumerate(columns, start=1):
            _text_cell(sheet, row, column, title)
            sheet.cell(row=row, column=column).font = bold
        row += 1
        for values in rows:
            for column, value in enumerate(values, start=1):
                _text_cell(sheet, row, column, value)
                if column in money_columns:
                    sheet.cell(row=row, column=column).number_format = money
            row += 1
        row += 1

    heading(f"Công khai kinh phí: {plan.subject}")
    heading(f"{plan.full_symbol} – {plan.issuer}")
    row += 1
    heading("1. Dự toán và thực chi theo từng nội dung")
    table(
        ["Nội dung chi", "Dự toán (đồng)", "Thực chi (đồng)", "Chênh lệch (đồng)"],
        [
            [entry.item, int(entry.estimate.value), int(entry.actual.value), int(entry.difference.value)]
            for entry in summary.lines
        ]
        + [
            [
                "Tổng cộng",
                int(summary.estimate.value),
                int(summary.actual.value),
                int(summary.difference.value),
            ]
        ],
        {2, 3, 4},
    )
    heading("2. Đóng góp của các đơn vị")
    table(
        ["Đơn vị", "Số tiền (đồng)", "Ghi chú"],
        [[entry.organization.name, int(entry.amount.value), entry.note] for entry in summary.contributions]
        + [["Tổng cộng", int(summary.contributed.value), ""]],
        {2},
    )
    heading("3. Các khoản thực chi")
    table(
        ["Nội dung chi", "Ngày chi", "Số tiền (đồng)", "Ghi chú, chứng từ"],
        [[expense.item, expense.spent_on, int(expense.amount), expense.note] for expense in summary.expenses],
        {3},
    )
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
    for column, width in enumerate((48, 18, 18, 22), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
