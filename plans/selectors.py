"""Reads of plans: querysets that pages and exports share, each with a constant number of queries."""

from django.db.models import ExpressionWrapper, F, IntegerField, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from common.text import fold
from plans.choices import SectionBlock
from plans.documents import block_prefetches, document_queryset
from plans.models import AuditEntry, Plan


def date_key(day) -> int:
    """A date as the integer that `plans_with_date_key` compares: 2024-07-05 -> 20240705."""
    return day.year * 10000 + day.month * 100 + day.day


def plan_list_queryset() -> QuerySet[Plan]:
    """Plans with their issuer joined and `date_key`, the document date as YYYYMMDD.

    A draft's blank day (or month) counts as the first of its month (or year), so drafts sort
    and filter by the period their date line names. Plain arithmetic keeps it portable between
    SQLite and PostgreSQL.
    """
    return Plan.objects.select_related("organization", "cluster").annotate(
        date_key=ExpressionWrapper(
            F("date_year") * 10000
            + Coalesce(F("date_month"), Value(1)) * 100
            + Coalesce(F("date_day"), Value(1)),
            output_field=IntegerField(),
        )
    )


def search_plans(queryset: QuerySet[Plan], query: str) -> QuerySet[Plan]:
    """Plans whose text holds every word of `query`, typed with or without diacritics."""
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def plan_detail_queryset() -> QuerySet[Plan]:
    """Plans with every part the plan page shows, in a number of queries that rows do not change."""
    return document_queryset().prefetch_related(
        *block_prefetches(set(SectionBlock.values)),
        Prefetch("audit_entries", queryset=AuditEntry.objects.select_related("actor").order_by("-at", "-pk")),
    )


def issued_by(organizations) -> Q:
    """Plans issued by these bodies, or by a cluster they belong to in the plan's year."""
    return Q(organization__in=organizations) | Q(
        cluster__memberships__organization__in=organizations, cluster__memberships__year=F("year")
    )


def plans_of_organizations(organizations) -> QuerySet[Plan]:
    return plan_list_queryset().filter(issued_by(organizations)).distinct().order_by("-updated_at")


def upcoming_registration_deadlines(organizations, start, end) -> QuerySet[Plan]:
    """Plans whose registration list closes between `start` and `end` and that concern these
    bodies: they issue it, belong to its cluster that year, or have a quota in it."""
    return (
        plan_list_queryset()
        .filter(registration_deadline__range=(start, end))
        .filter(issued_by(organizations) | Q(participant_groups__units__in=organizations))
        .distinct()
        .order_by("registration_deadline")
    )
