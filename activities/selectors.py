"""Reads of activities."""

from django.db.models import Q, QuerySet

from activities.choices import PeriodKind
from activities.models import Activity


def upcoming_activities(plans, start, end) -> QuerySet[Activity]:
    """Activities of these plans that take place between `start` and `end` (dates, or their month)."""
    return (
        Activity.objects.filter(plan__in=plans.values("pk"))
        .filter(
            Q(period_kind__in=[PeriodKind.DATE, PeriodKind.RANGE], start_date__lte=end)
            & (Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start))
            | Q(period_kind=PeriodKind.MONTH, plan__year=start.year, month=start.month)
        )
        .select_related("plan")
        .order_by("start_date", "order")
    )
