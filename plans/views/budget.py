"""The budget after issue: estimate, member units' contributions, actual spending, disclosure.

The organiser (Action.SPEND) enters what was actually spent; everyone who may read the plan, every
member unit of the cluster included, reads the disclosure ("công khai trong Cụm"). The rules and
the figures are in plans.budget; these views only parse input and show results.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from common.confirmation import confirm_deletion
from common.downloads import file_response, filename_slug
from common.errors import ServiceError, add_to_form, add_to_page
from common.forms import DATE_INPUT_FORMATS, DateInput, LenientDecimalField, NumberInput, vietnamese_messages
from plans import policy
from plans.access import plan_view
from plans.budget import expenses as spending
from plans.budget.summary import Amount, budget_queryset, budget_summary
from plans.budget.workbook import disclosure_workbook
from plans.models import BudgetExpense, BudgetLine

AMOUNT_INVALID_MESSAGE = "Nhập số tiền bằng chữ số, ví dụ 1.250.000."
DATE_INVALID_MESSAGE = "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/8/2024."
LINE_INVALID_MESSAGE = "Chọn một dòng trong dự toán của kế hoạch, hoặc để trống."
ADDED_MESSAGE = "Đã ghi khoản chi “{item}”: {amount}."
DELETED_MESSAGE = "Đã xoá khoản chi “{item}”: {amount}."


class ExpenseForm(forms.Form):
    """An actual expense as typed; amounts the Vietnamese way ("1.250.000"), dates day first."""

    budget_line = forms.ModelChoiceField(
        label="Theo dòng dự toán",
        queryset=BudgetLine.objects.none(),
        required=False,
        empty_label="— Không theo dòng nào (chi khác) —",
    )
    item = forms.CharField(
        label="Nội dung chi",
        max_length=300,
        required=False,
        help_text="Để trống khi chi theo dòng dự toán: lấy nội dung của dòng đó.",
    )
    amount = LenientDecimalField(label="Số tiền (đồng)", widget=NumberInput())
    spent_on = forms.DateField(label="Ngày chi", widget=DateInput())
    note = forms.CharField(
        label="Ghi chú, chứng từ",
        max_length=300,
        required=False,
        help_text="Ví dụ: số hóa đơn, phiếu chi.",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = plan.budget_lines.order_by("order", "pk")
        self.fields["spent_on"].input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)
        self.fields["amount"].error_messages.update(
            required=spending.AMOUNT_REQUIRED_MESSAGE, invalid=AMOUNT_INVALID_MESSAGE
        )
        self.fields["spent_on"].error_messages.update(
            required=spending.DATE_REQUIRED_MESSAGE, invalid=DATE_INVALID_MESSAGE
        )
        self.fields["budget_line"].error_messages["invalid_choice"] = LINE_INVALID_MESSAGE


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.SPEND, budget_queryset)
def expenses(request, plan):
    """The organiser's page: what was spent, per estimate line and row by row, and a form to add."""
    form = ExpenseForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            expense = spending.expense_add(plan=plan, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, ADDED_MESSAGE.format(item=expense.item, amount=Amount(expense.amount)))
            return redirect("budget:expenses", pk=plan.pk)
    elif form.is_bound:
        # Some fields did not parse: the other fields' messages come in the same round.
        parsed = {name: form.cleaned_data.get(name) for name in form.fields}
        _, errors = spending.expense_errors(plan=plan, **parsed)
        add_to_form(
            ServiceError(errors={name: errors[name] for name in errors if name not in form.errors}), form
        )
    return render(
        request,
        "plans/budget/expenses.html",
        {"plan": plan, "form": form, "summary": budget_summary(plan)},
    )


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.SPEND)
def expense_delete(request, plan, expense_pk: int):
    expense = BudgetExpense.objects.filter(pk=expense_pk, plan=plan).first()
    if expense is None:
        raise Http404(spending.EXPENSE_GONE_MESSAGE)
    if request.method == "GET":
        return confirm_deletion(
            request,
            question=f"Xoá khoản chi “{expense.item}”?",
            details=[f"{Amount(expense.amount)}, ngày {expense.spent_on:%d/%m/%Y}", expense.note],
            consequence="Việc xoá được ghi vào nhật ký của kế hoạch.",
            cancel_url=reverse("budget:expenses", args=[plan.pk]),
        )
    try:
        expense = spending.expense_delete(plan=plan, user=request.user, expense_id=expense_pk)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        messages.success(request, DELETED_MESSAGE.format(item=expense.item, amount=Amount(expense.amount)))
    return redirect("budget:expenses", pk=plan.pk)


@require_safe
@plan_view(policy.Action.VIEW, budget_queryset)
def disclosure(request, plan):
    """The public disclosure: estimate, contributions per unit, actual spending, totals in words."""
    return render(
        request,
        "plans/budget/disclosure.html",
        {
            "plan": plan,
            "summary": budget_summary(plan),
            "can_spend": policy.can(request.user, policy.Action.SPEND, plan),
        },
    )


@require_safe
@plan_view(policy.Action.VIEW, budget_queryset)
def disclosure_xlsx(request, plan):
    content = disclosure_workbook(plan, budget_summary(plan))
    filename = f"cong-khai-kinh-phi-{filename_slug(plan.subject, words=6) or plan.pk}.xlsx"
    return file_response(content, filename=filename, fmt="xlsx")


def budget_panel(request, plan) -> dict | None:
    """The plan page's budget follow-up section (registered in plans.panels by plans.apps); None:
    nothing to show.

    Shown once the plan is issued, when it has a budget or the user may enter spending. The plan
    page has the cost lines and contributions prefetched; the expenses take one query.
    """
    if policy.denial(request.user, policy.Action.FOLLOW, plan) is not None:
        return None
    summary = budget_summary(plan)
    can_spend = policy.can(request.user, policy.Action.SPEND, plan)
    if summary.is_empty and not can_spend:
        return None
    return {"template": "plans/budget/panel.html", "summary": summary, "can_spend": can_spend}
