"""The figures of a plan's budget: estimate, contributions and actual spending, per line and in
total, each amount with how it is written.

`budget_summary` reads the plan's rows as prefetched (`budget_queryset`, or the plan page's
queryset) so that a page runs the same queries for 1 or 100 rows.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from clusters.models import Organization
from plans.documents.amounts import format_vnd, vnd_in_words
from plans.models import BudgetContribution, BudgetExpense, BudgetLine, Plan, total_amount

OTHER_SPENDING_LABEL = "Chi khác (ngoài các dòng dự toán)"


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
