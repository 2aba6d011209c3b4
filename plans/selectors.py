"""Reads of plans: querysets that pages and exports share, each with a constant number of queries."""

from django.db.models import Prefetch, QuerySet

from common.text import fold
from plans import policy
from plans.choices import AuditAction, PlanStatus, SectionBlock
from plans.documents import block_prefetches, document_queryset
from plans.models import AuditEntry, ConsultationResponse, Plan
from plans.search_index import search_word


def date_key(day) -> int:
    """A date as the integer that `Plan.date_key` stores: 2024-07-05 -> 20240705."""
    return day.year * 10000 + day.month * 100 + day.day


def plan_list_queryset() -> QuerySet[Plan]:
    """Plans with their issuer joined, as lists show them (ordered by the stored `date_key`)."""
    return Plan.objects.select_related("organization", "cluster")


def search_plans(queryset: QuerySet[Plan], query: str) -> QuerySet[Plan]:
    """Plans whose text holds every word of `query`, typed with or without diacritics."""
    for word in fold(query).split():
        queryset = search_word(queryset, word)
    return queryset


def plan_detail_queryset() -> QuerySet[Plan]:
    """Plans with every part the plan page shows, in a number of queries that rows do not change."""
    return document_queryset().prefetch_related(
        *block_prefetches(set(SectionBlock.values)),
        Prefetch(
            "audit_entries",
            queryset=AuditEntry.objects.select_related("actor").defer("snapshot").order_by("-at", "-pk"),
        ),
        Prefetch(
            "consultation_responses", queryset=ConsultationResponse.objects.select_related("answered_by")
        ),
        # Ordered by id: the model's default order let SQLite walk a whole index of plans to
        # avoid sorting the one or two corrections of this plan.
        Prefetch(
            "corrections",
            queryset=Plan.objects.only("id", "subject", "status", "number", "symbol", "year").order_by("pk"),
        ),
        "corrects",
    )


# Steps after which the drafters hold the plan again; the last one says why.
BACK_TO_DRAFT = {AuditAction.RETURNED, AuditAction.WITHDRAWN, AuditAction.SUBMITTED}


def return_reason(plan: Plan) -> AuditEntry | None:
    """The approver's entry that sent the plan back, while the plan is a draft because of it."""
    if plan.status != PlanStatus.DRAFT:
        return None
    # The entries are prefetched newest first (plan_detail_queryset).
    last = next((entry for entry in plan.audit_entries.all() if entry.action in BACK_TO_DRAFT), None)
    return last if last is not None and last.action == AuditAction.RETURNED else None


def consultation_rows(plan: Plan) -> list[tuple]:
    """Each consulted member unit with its answer (None while it has not answered)."""
    if plan.consultation_deadline is None:
        return []
    answers = {response.organization_id: response for response in plan.consultation_responses.all()}
    return [(unit, answers.get(unit.pk)) for unit in policy.consulted_units(plan)]


def upcoming_registration_deadlines(plans: QuerySet[Plan], start, end) -> QuerySet[Plan]:
    """Of `plans`, those whose registration list closes between `start` and `end`, soonest first."""
    return plans.filter(registration_deadline__range=(start, end)).order_by("registration_deadline")


def waiting_for(user, plans: QuerySet[Plan], today) -> dict[str, QuerySet[Plan]]:
    """Of `plans`, those that wait for this user: to approve, to issue, to answer, and drafts to write."""
    return {
        "approve": plans.filter(policy.may_act_on(user, policy.Action.APPROVE)),
        "issue": plans.filter(policy.may_act_on(user, policy.Action.ISSUE)),
        "answer": plans.filter(policy.asked_of(user), consultation_deadline__gte=today),
        "drafts": plans.filter(policy.may_act_on(user, policy.Action.EDIT)),
    }
