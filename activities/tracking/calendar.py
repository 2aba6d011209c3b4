"""The calendar of activities: a month or a quarter, each month with the activities it holds.

The activities come from activities.selectors.calendar_activities (one query, with their plan); a
plan's activities show their status only once the plan is followed (plans.policy.is_followed).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from activities.choices import PeriodKind
from activities.models import ROMAN_QUARTERS, Activity
from activities.tracking.periods import is_overdue, month_end, period_bounds, period_label, quarter_of_month
from plans import policy
from plans.models import Plan


@dataclass(frozen=True)
class Window:
    """A month or a quarter of a year."""

    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def months(self) -> list[int]:
        if self.month is not None:
            return [self.month]
        first = 3 * (self.quarter - 1) + 1
        return [first, first + 1, first + 2]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.months[0], 1)

    @property
    def end(self) -> datetime.date:
        return month_end(self.year, self.months[-1])

    @property
    def label(self) -> str:
        if self.month is not None:
            return f"Tháng {self.month}/{self.year}"
        return f"Quý {ROMAN_QUARTERS[self.quarter]}/{self.year}"

    @property
    def in_sentence(self) -> str:
        """ "tháng 8/2024", "quý III/2024": the label inside a sentence."""
        return self.label[0].lower() + self.label[1:]

    def shifted(self, step: int) -> "Window":
        """The previous (-1) or next (+1) month or quarter."""
        if self.month is not None:
            index = self.year * 12 + self.month - 1 + step
            return Window(index // 12, month=index % 12 + 1)
        index = self.year * 4 + self.quarter - 1 + step
        return Window(index // 4, quarter=index % 4 + 1)


def plan_window(plan: Plan, activities, today: datetime.date) -> Window:
    """The quarter a plan's calendar opens on: today's while the plan's activities run, otherwise
    the quarter of its first activity (a past or future plan opens where its work is)."""
    spans = [period_bounds(activity, plan.year, plan.first_month) for activity in activities]
    if not spans:
        return Window(plan.year, quarter=quarter_of_month(today.month) if today.year == plan.year else 1)
    first, last = min(start for start, _ in spans), max(end for _, end in spans)
    day = today if first <= today <= last else first
    return Window(day.year, quarter=quarter_of_month(day.month))


@dataclass
class CalendarEntry:
    activity: Activity
    plan: Plan
    period: str
    start: datetime.date
    end: datetime.date
    scope: str  # "day": a date or a range; "month"; "quarter"
    tracked: bool  # the plan is followed: its status and overdue flag mean something
    overdue: bool


@dataclass
class CalendarMonth:
    year: int
    month: int
    entries: list[CalendarEntry]

    @property
    def label(self) -> str:
        return f"Tháng {self.month}/{self.year}"


SCOPE_ORDER = {"day": 0, "month": 1, "quarter": 2}
SCOPES = {PeriodKind.QUARTER: "quarter", PeriodKind.MONTH: "month"}


def _entry(activity: Activity, today: datetime.date) -> CalendarEntry:
    start, end = period_bounds(activity)
    tracked = policy.is_followed(activity.plan)
    return CalendarEntry(
        activity=activity,
        plan=activity.plan,
        period=period_label(activity),
        start=start,
        end=end,
        scope=SCOPES.get(activity.period_kind, "day"),
        tracked=tracked,
        overdue=tracked and is_overdue(activity, today),
    )


def calendar_months(activities, window: Window, today: datetime.date | None = None) -> list[CalendarMonth]:
    """Each month of the window with the activities it holds: an activity of a quarter is in each
    of its months, a range in every month it meets; dated ones first, by date."""
    today = today or timezone.localdate()
    entries = [_entry(activity, today) for activity in activities]
    months = []
    for month in window.months:
        first, last = datetime.date(window.year, month, 1), month_end(window.year, month)
        held = [entry for entry in entries if entry.start <= last and entry.end >= first]
        held.sort(key=lambda entry: (SCOPE_ORDER[entry.scope], entry.start, entry.end, entry.activity.pk))
        months.append(CalendarMonth(window.year, month, held))
    return months
