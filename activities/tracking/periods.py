"""When an activity takes place, and whether it is overdue: plain functions over activities loaded
with their plan, so that pages run a fixed number of queries."""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from activities.choices import ActivityStatus, PeriodKind
from activities.models import ROMAN_QUARTERS, Activity

# Never overdue: done, cancelled, or postponed (its date has moved; reports count it apart).
NOT_DUE_STATUSES = {ActivityStatus.DONE, ActivityStatus.CANCELLED, ActivityStatus.POSTPONED}


def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = 3 * (quarter - 1) + 1
    return datetime.date(year, first, 1), month_end(year, first + 2)


def calendar_year(year: int, month: int, first_month: int = 1) -> int:
    """The calendar year of a month of a plan's period that starts in `first_month` of `year`: a
    school year from September 2024 has its January in 2025."""
    return year if month >= first_month else year + 1


def period_bounds(
    activity: Activity, year: int | None = None, first_month: int = 1
) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the activity's period; months and quarters are of the plan's
    period (a quarter is of the year of its last month). Without `year`, the plan's own period."""
    if year is None:
        year, first_month = activity.plan.year, activity.plan.first_month
    if activity.period_kind == PeriodKind.RANGE:
        return activity.start_date, activity.end_date or activity.start_date
    if activity.period_kind == PeriodKind.DATE:
        return activity.start_date, activity.start_date
    if activity.period_kind == PeriodKind.MONTH:
        year = calendar_year(year, activity.month, first_month)
        return datetime.date(year, activity.month, 1), month_end(year, activity.month)
    return quarter_bounds(calendar_year(year, activity.quarter * 3, first_month), activity.quarter)


def period_label(activity: Activity, year: int | None = None, first_month: int = 1) -> str:
    """ "Quý II/2024", "Tháng 7/2024", "05/7/2024", "31/8/2024 – 03/9/2024"."""
    start, end = period_bounds(activity, year, first_month)
    if activity.period_kind == PeriodKind.QUARTER:
        return f"Quý {ROMAN_QUARTERS[activity.quarter]}/{start.year}"
    if activity.period_kind == PeriodKind.MONTH:
        return f"Tháng {activity.month}/{start.year}"
    if start == end:
        return _short(start)
    return f"{_short(start)} – {_short(end)}"


def _short(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


def is_overdue(
    activity: Activity, today: datetime.date | None = None, *, year: int | None = None, first_month: int = 1
) -> bool:
    """The activity's period ended before `today` and it is not done, cancelled or postponed."""
    today = today or timezone.localdate()
    if activity.status in NOT_DUE_STATUSES:
        return False
    return period_bounds(activity, year, first_month)[1] < today


@dataclass
class StatusCounts:
    """How many activities are in each status, and how many of them are overdue."""

    by_status: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def rows(self) -> list[tuple[str, str, int]]:
        """(status value, label, count) in the order of the choices."""
        return [(value, label, self.by_status.get(value, 0)) for value, label in ActivityStatus.choices]


def status_counts(
    activities, today: datetime.date | None = None, *, year: int | None = None, first_month: int = 1
) -> StatusCounts:
    today = today or timezone.localdate()
    counts = StatusCounts()
    for activity in activities:
        counts.by_status[activity.status] += 1
        counts.overdue += is_overdue(activity, today, year=year, first_month=first_month)
    return counts
