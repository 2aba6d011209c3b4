"""Reads of activities."""

from django.db.models import Q, QuerySet

from activities.choices import PeriodKind
from activities.models import Activity, ActivityEvidence
from activities.tracking.calendar import Window
from activities.tracking.evidence import recovery_cutoff
from activities.tracking.periods import quarter_of_month
from plans import policy
from plans.models import Plan


def upcoming_activities(plans, start, end) -> QuerySet[Activity]:
    """Activities of these plans that take place between `start` and `end` (dates, or their month).

    The dates pick the rows (each set through its own index), then the plans filter them: the other
    way round read every activity of every plan the user sees (all of them, for an overseer).
    """
    ids = Activity.objects.order_by().values("pk")
    dated = [PeriodKind.DATE, PeriodKind.RANGE]
    happening = ids.filter(period_kind__in=dated, end_date__gte=start, start_date__lte=end).union(
        ids.filter(period_kind__in=dated, end_date__isnull=True, start_date__gte=start, start_date__lte=end),
        ids.filter(period_kind=PeriodKind.MONTH, month=start.month, plan__year=start.year),
    )
    return (
        Activity.objects.filter(pk__in=happening, plan__in=plans.values("pk"))
        # The issuer too: a plan's symbol falls back to its issuer's abbreviation.
        .select_related("plan__organization", "plan__cluster")
        .order_by("start_date", "order")
    )


def calendar_plans(
    user, *, organization_id: int | None = None, cluster_id: int | None = None
) -> QuerySet[Plan]:
    """The visible plans of a body or a cluster; without either, the user's own (plans.policy.own_plans)."""
    if organization_id is not None:
        return policy.visible_plans(user).filter(organization_id=organization_id)
    if cluster_id is not None:
        return policy.visible_plans(user).filter(cluster_id=cluster_id)
    return policy.own_plans(user)


def calendar_activities(plans: QuerySet[Plan], window: Window) -> QuerySet[Activity]:
    """Activities of `plans` whose period meets the window, with their plan: one query."""
    quarters = sorted({quarter_of_month(month) for month in window.months})
    meets = (
        Q(period_kind=PeriodKind.QUARTER, plan__year=window.year, quarter__in=quarters)
        | Q(period_kind=PeriodKind.MONTH, plan__year=window.year, month__in=window.months)
        | Q(period_kind=PeriodKind.DATE, start_date__gte=window.start, start_date__lte=window.end)
        | Q(period_kind=PeriodKind.RANGE, start_date__lte=window.end, end_date__gte=window.start)
    )
    return (
        Activity.objects.filter(plan__in=plans.values("pk"))
        .filter(meets)
        .select_related("plan__organization", "plan__cluster")
        .order_by("start_date", "plan__year", "month", "quarter", "plan_id", "order", "pk")
    )


def recoverable_evidence(plan: Plan, now=None) -> QuerySet[ActivityEvidence]:
    """The plan's evidence files deleted in the last EVIDENCE_RECOVERY_DAYS, newest deletion first."""
    return (
        ActivityEvidence.with_deleted.filter(activity__plan=plan, deleted_at__gt=recovery_cutoff(now))
        .select_related("activity", "deleted_by")
        .order_by("-deleted_at", "-pk")
    )
