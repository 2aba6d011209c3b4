"""Personal data of registered people (citizen ID, phone, ID issue date and place).

Shown in full only to the organiser and to the unit that registered the person, masked elsewhere
(last four digits); every full view, export, full appendix, import and purge is logged in
`PersonalDataAccess`. After the event, `purge_personal_data` erases those fields (see `event_end`
for the day the event ends) once the retention period has passed.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from activities.choices import PeriodKind, PersonalDataUse
from activities.models import Activity, PersonalDataAccess, Registration, Session
from activities.registrations.people import PERSONAL_FIELDS
from activities.registrations.quotas import group_label
from clusters.models import Organization
from plans import policy
from plans.models import Plan

# How long personal data is kept after the event ends, unless `purge_personal_data --days` says
# otherwise: long enough to settle the event's costs, no longer (minimisation).
RETENTION_DAYS = settings.PERSONAL_DATA_RETENTION_DAYS


def mask(value: str) -> str:
    """Keep the last four characters: "001234567890" -> "********7890"."""
    return "*" * max(len(value) - 4, 0) + value[-4:] if value else ""


def log_personal_data(
    *, user, plan: Plan, use: str, rows: int, organization: Organization | None = None
) -> PersonalDataAccess:
    return PersonalDataAccess.objects.create(
        user=user, plan=plan, organization=organization, use=use, rows=rows, at=timezone.now()
    )


# ---------------------------------------------------------------------------
# The list as one viewer may see it
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonRow:
    """A registered person as one viewer may see them: personal fields in full or masked."""

    registration: Registration
    full: bool

    @property
    def shown_phone(self) -> str:
        return self.registration.phone if self.full else mask(self.registration.phone)

    @property
    def shown_citizen_id(self) -> str:
        return self.registration.citizen_id if self.full else mask(self.registration.citizen_id)

    @property
    def shown_issue_date(self) -> datetime.date | None:
        return self.registration.id_issue_date if self.full else None

    @property
    def shown_issue_place(self) -> str:
        return self.registration.id_issue_place if self.full else ""

    @property
    def purged(self) -> bool:
        return self.registration.purged_at is not None

    @property
    def group_label(self) -> str:
        return group_label(self.registration.group) if self.registration.group_id else ""


def people_for(user, plan: Plan, rows: Iterable[Registration]) -> list[PersonRow]:
    """The rows as `user` may see them, and the full view logged: one entry for the whole list when
    the organiser sees it, else one per unit whose people are shown in full."""
    units = policy.personal_data_units(user, plan)
    people = [PersonRow(row, units is None or row.organization_id in units) for row in rows]
    shown = [person.registration for person in people if person.full and not person.purged]
    if shown and units is None:
        log_personal_data(user=user, plan=plan, use=PersonalDataUse.VIEW, rows=len(shown))
    elif shown:
        by_unit = Counter(row.organization_id for row in shown)
        organizations = {row.organization_id: row.organization for row in shown}
        for organization_id, count in by_unit.items():
            log_personal_data(
                user=user,
                plan=plan,
                use=PersonalDataUse.VIEW,
                rows=count,
                organization=organizations[organization_id],
            )
    return people


# ---------------------------------------------------------------------------
# Erasing personal data after the event
# ---------------------------------------------------------------------------
def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _activity_end(activity: Activity, year: int) -> datetime.date | None:
    if activity.period_kind in (PeriodKind.DATE, PeriodKind.RANGE):
        return activity.end_date or activity.start_date
    if activity.period_kind == PeriodKind.MONTH and activity.month:
        return _month_end(year, activity.month)
    if activity.period_kind == PeriodKind.QUARTER and activity.quarter:
        return _month_end(year, activity.quarter * 3)
    return None


def event_end(plan: Plan) -> datetime.date | None:
    """The day the plan's event ends: the latest end of its activities and classes (an activity of
    a month or a quarter runs to its last day; a class without dates does not count); when none has
    a date, the day registration closed (the deadline, or the day it was reopened until); None when
    the plan says nothing of when, and its registrations are then never purged by date."""
    ends = [_activity_end(activity, plan.year) for activity in plan.activities.all()]
    ends += [session.end_date or session.start_date for session in plan.sessions.all()]
    ends = [day for day in ends if day is not None]
    if ends:
        return max(ends)
    return max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)), default=None)


HOLDS_PERSONAL_DATA = (
    ~Q(phone="") | ~Q(citizen_id="") | Q(id_issue_date__isnull=False) | ~Q(id_issue_place="")
) & Q(purged_at__isnull=True)


@dataclass(frozen=True)
class PurgedPlan:
    plan: Plan
    ended: datetime.date
    rows: int


@dataclass
class PurgeResult:
    purged: list[PurgedPlan] = field(default_factory=list)
    undated: list[Plan] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(item.rows for item in self.purged)


def _plans_holding_personal_data():
    """Plans with personal data not yet erased, with what `event_end` reads of them."""
    activities = Activity.objects.only("plan_id", "period_kind", "quarter", "month", "start_date", "end_date")
    return (
        Plan.objects.filter(pk__in=Registration.objects.filter(HOLDS_PERSONAL_DATA).values("plan"))
        .select_related("organization", "cluster")
        .prefetch_related(
            Prefetch("activities", queryset=activities),
            Prefetch("sessions", queryset=Session.objects.only("plan_id", "start_date", "end_date")),
        )
        .order_by("pk")
    )


@transaction.atomic
def purge_personal_data(
    *, days: int = RETENTION_DAYS, user=None, today: datetime.date | None = None, dry_run: bool = False
) -> PurgeResult:
    """Blank the phone, citizen ID and its issue date and place of every registration whose plan's
    event ended more than `days` days before `today` (so not on day `days` itself), set `purged_at`,
    and log one PURGE entry per plan in the name of `user` (needed unless `dry_run`)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if user is None and not dry_run:
        raise ValueError("a user must answer for the purge in the log")
    today = today or timezone.localdate()
    now = timezone.now()
    result = PurgeResult()
    for plan in _plans_holding_personal_data():
        ended = event_end(plan)
        if ended is None:
            result.undated.append(plan)
            continue
        if (today - ended).days <= days:
            continue
        rows = Registration.objects.filter(HOLDS_PERSONAL_DATA, plan=plan)
        count = rows.count()
        if not dry_run:
            erased = {name: None if name == "id_issue_date" else "" for name in PERSONAL_FIELDS}
            rows.update(**erased, purged_at=now)
            log_personal_data(user=user, plan=plan, use=PersonalDataUse.PURGE, rows=count)
        result.purged.append(PurgedPlan(plan, ended, count))
    return result
