"""The activities in the groups and order a plan prints them: by quarter, month, wave or date.

A plan's period may cross a calendar year (a school year runs from September to May): a quarter or
a month before the plan's first month belongs to the year after, so the groups sort in true date
order and each label carries its own year. The document, the plan page and the tracking page all
read `activity_groups`, so an activity has the same group and number everywhere.
"""

import datetime
from dataclasses import dataclass, field

from activities.choices import PeriodKind
from activities.models import ROMAN_QUARTERS, Activity, ActivityWave
from activities.tracking.periods import calendar_year
from plans.choices import ActivityLayout, ActivityNumbering, PeriodLabelStyle
from plans.documents.wording import date_span, month_text
from plans.models import Plan

OTHER_ACTIVITIES = "Các hoạt động khác"
# The layouts whose activities print in date order inside their group (a table by quarter or by
# month keeps the order the drafter gave, as the body's own table does).
DATE_ORDERED = (ActivityLayout.DATE, ActivityLayout.LIST, ActivityLayout.WAVES)


@dataclass
class ActivityGroup:
    """Activities under one label ("Quý III/2024", "Tháng 9/2024", "Đợt 1 (…)"); "" when ungrouped."""

    label: str
    rows: list[tuple[int, Activity]] = field(default_factory=list)


def year_of_month(plan: Plan, month: int) -> int:
    """The calendar year of a month of the plan's period: before its first month, the year after."""
    return calendar_year(plan.year, month, plan.first_month)


def year_of_quarter(plan: Plan, quarter: int) -> int:
    """A quarter belongs to the year of its last month (the one a school year starts in included)."""
    return calendar_year(plan.year, quarter * 3, plan.first_month)


def activity_start(activity: Activity, plan: Plan) -> datetime.date:
    """The first day of the activity's period, in the right year."""
    if activity.period_kind == PeriodKind.QUARTER:
        return datetime.date(year_of_quarter(plan, activity.quarter), activity.quarter * 3 - 2, 1)
    if activity.period_kind == PeriodKind.MONTH:
        return datetime.date(year_of_month(plan, activity.month), activity.month, 1)
    return activity.start_date


def period_label(style: str, *, year: int, quarter: int | None = None, month: int | None = None) -> str:
    """ "Quý I/2024", "Quý I", "QUÝ I", "QUÝ I/2024", "Quý I năm 2024" (and "Tháng 9/2024" …)."""
    name = f"Quý {ROMAN_QUARTERS[quarter]}" if quarter else f"Tháng {month_text(month)}"
    label = {
        PeriodLabelStyle.TITLE: name,
        PeriodLabelStyle.UPPER: name,
        PeriodLabelStyle.WORDS: f"{name} năm {year}",
    }.get(style, f"{name}/{year}")
    return label.upper() if style in (PeriodLabelStyle.UPPER, PeriodLabelStyle.UPPER_YEAR) else label


def wave_label(wave: ActivityWave) -> str:
    """ "Đợt 1 (từ ngày 05/09/2024 đến ngày 31/12/2024)"; the name alone without dates."""
    name = wave.name.strip()
    if wave.start_date is None:
        return name
    return f"{name} ({date_span(wave.start_date, wave.end_date)})"


def activity_time(activity: Activity, plan: Plan, *, in_its_quarter: bool = False) -> str:
    """The activity's time as the "Thời gian" column prints it: its dates (with the timing text in
    brackets), or the timing text, or its month or quarter; a quarter under its own quarter's label
    prints nothing new."""
    timing = activity.timing_text.strip()
    kind = activity.period_kind
    if kind in (PeriodKind.DATE, PeriodKind.RANGE):
        span = date_span(activity.start_date, activity.end_date if kind == PeriodKind.RANGE else None)
        span = span[:1].upper() + span[1:]
        return f"{span} ({timing})" if timing else span
    if timing:
        return timing[:1].upper() + timing[1:]
    if kind == PeriodKind.MONTH:
        year = year_of_month(plan, activity.month)
        return period_label(PeriodLabelStyle.TITLE_YEAR, year=year, month=activity.month)
    if in_its_quarter:
        return ""
    return period_label(
        PeriodLabelStyle.TITLE_YEAR, year=year_of_quarter(plan, activity.quarter), quarter=activity.quarter
    )


def carries_time(activities) -> bool:
    """Whether any activity has a month, a date or a timing text: the table then has its time column."""
    return any(item.period_kind != PeriodKind.QUARTER or item.timing_text.strip() for item in activities)


def _by_period(plan: Plan, activities: list[Activity]) -> list[ActivityGroup]:
    """Quarters (or months) in true date order, each labelled with its own year."""
    by_key: dict[tuple, ActivityGroup] = {}
    style, by_month = plan.period_label_style, plan.activity_layout == ActivityLayout.MONTH
    for activity in activities:
        start = activity_start(activity, plan)
        if by_month and activity.period_kind != PeriodKind.QUARTER:
            key = (start.year, start.month, 1)
            label = period_label(style, year=start.year, month=start.month)
        else:
            quarter = activity.effective_quarter
            key = (start.year, quarter * 3 - 2, 0)
            label = period_label(style, year=start.year, quarter=quarter)
        by_key.setdefault(key, ActivityGroup(label)).rows.append((0, activity))
    return [by_key[key] for key in sorted(by_key)]


def _by_wave(plan: Plan, activities: list[Activity]) -> list[ActivityGroup]:
    """Each wave in its order with its activities; those of no wave last."""
    waves = list(plan.waves.all())
    groups = {wave.pk: ActivityGroup(wave_label(wave)) for wave in waves}
    other = ActivityGroup(OTHER_ACTIVITIES if waves else "")
    for activity in activities:
        groups.get(activity.wave_id, other).rows.append((0, activity))
    return [*groups.values(), *([other] if other.rows else [])]


def activity_groups(plan: Plan, activities=None) -> list[ActivityGroup]:
    """The plan's activities grouped and numbered as it prints them: numbers run from 1 in every
    group, or on through the plan (ActivityNumbering)."""
    activities = list(plan.activities.all() if activities is None else activities)
    layout = plan.activity_layout
    if layout in DATE_ORDERED:
        # Stable: activities of the same day keep the drafter's order.
        activities.sort(key=lambda item: activity_start(item, plan))
    if layout in (ActivityLayout.QUARTER, ActivityLayout.MONTH):
        groups = _by_period(plan, activities)
    elif layout == ActivityLayout.WAVES:
        groups = _by_wave(plan, activities)
    else:
        groups = [ActivityGroup("", [(0, item) for item in activities])] if activities else []
    counter = 0
    for group in groups:
        if plan.activity_numbering != ActivityNumbering.CONTINUOUS:
            counter = 0
        numbered = []
        for _number, activity in group.rows:
            counter += 1
            numbered.append((counter, activity))
        group.rows = numbered
    return groups
