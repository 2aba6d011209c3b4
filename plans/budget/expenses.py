"""Actual spending on an issued plan, entered by its organiser (Action.SPEND).

Each write locks the plan and asks the policy again on it (plans.locking.lock_plan), validates and
saves in one transaction; a refusal or bad input is a `ServiceError` with a message per field.
An expense is not a part of the plan's document, but the plan's change log records each one added
or removed, with who and when; the row keeps who entered it (created_by, created_at).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.errors import ServiceError
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction
from plans.documents.amounts import format_vnd
from plans.locking import lock_plan
from plans.models import BudgetExpense, BudgetLine, Plan

ITEM_REQUIRED_MESSAGE = "Nhập nội dung chi, hoặc chọn dòng dự toán để lấy nội dung của dòng đó."
AMOUNT_REQUIRED_MESSAGE = "Nhập số tiền đã chi."
AMOUNT_NEGATIVE_MESSAGE = "Số tiền không được âm."
AMOUNT_WHOLE_MESSAGE = "Số tiền tính bằng đồng, không có phần lẻ."
AMOUNT_TOO_LARGE_MESSAGE = "Số tiền quá lớn (tối đa 15 chữ số)."
DATE_REQUIRED_MESSAGE = "Nhập ngày chi (ngày/tháng/năm)."
DATE_FUTURE_MESSAGE = "Ngày chi không được sau hôm nay ({today:%d/%m/%Y})."
DATE_TOO_EARLY_MESSAGE = "Ngày chi của kế hoạch năm {year} không thể trước ngày {earliest:%d/%m/%Y}."
LINE_NOT_OF_PLAN_MESSAGE = "Dòng dự toán này không thuộc kế hoạch."
EXPENSE_GONE_MESSAGE = "Không tìm thấy khoản chi này trong kế hoạch (có thể đã bị xoá)."
AMOUNT_DIGITS = 15  # BudgetExpense.amount: max_digits=15, decimal_places=0


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


def expense_errors(
    *,
    plan: Plan,
    item: str,
    amount: Decimal | None,
    spent_on: datetime.date | None,
    budget_line: BudgetLine | None = None,
    note: str = "",
    user=None,
    today: datetime.date | None = None,
) -> tuple[BudgetExpense, dict[str, list[str]]]:
    """The expense as it would be saved and what is wrong with it, field by field (empty lists when
    nothing is); the page asks this too when some fields did not parse, so every message comes at once."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {"item": [], "amount": [], "spent_on": [], "budget_line": [], "note": []}
    item = " ".join((item or "").split())
    if not item and budget_line is not None and budget_line.plan_id == plan.pk:
        item = budget_line.item  # spent on an estimate line: its wording unless typed otherwise
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
        expense.full_clean(exclude=[name for name, messages in errors.items() if messages] + ["created_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    return expense, errors


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
    """Record money actually spent on the plan; ServiceError by field when the input is wrong."""
    plan = lock_plan(plan, user, policy.Action.SPEND)
    expense, errors = expense_errors(
        plan=plan, item=item, amount=amount, spent_on=spent_on, budget_line=budget_line, note=note,
        user=user, today=today,
    )  # fmt: skip
    if any(errors.values()):
        raise ServiceError(errors=errors)
    expense.save()
    note = f"Thực chi: {expense.item} – {format_vnd(expense.amount)}"
    record_change(plan=plan, actor=user, action=AuditAction.EXPENSE, note=note)
    return expense


@transaction.atomic
def expense_delete(*, plan: Plan, user, expense_id: int) -> BudgetExpense:
    """Remove an expense entered by mistake; ServiceError when it is not (or no longer) the plan's."""
    plan = lock_plan(plan, user, policy.Action.SPEND)
    expense = BudgetExpense.objects.filter(pk=expense_id, plan=plan).first()
    if expense is None:
        raise ServiceError(EXPENSE_GONE_MESSAGE)
    expense.delete()
    note = f"Xoá khoản thực chi: {expense.item} – {format_vnd(expense.amount)}"
    record_change(plan=plan, actor=user, action=AuditAction.EXPENSE, note=note)
    return expense
