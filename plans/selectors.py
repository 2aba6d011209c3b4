"""Reads of plans: querysets that pages and exports share, each with a constant number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from common.text import fold
from plans import policy
from plans.choices import AuditAction, PlanStatus, SectionBlock
from plans.document_types import PLAN
from plans.documents import block_prefetches, document_prefetches
from plans.models import AuditEntry, ConsultationResponse, Plan
from plans.parts import PARTS_BY_NAME
from plans.search_index import search_words


def date_key(day) -> int:
    """A date as the integer that `Plan.date_key` stores: 2024-07-05 -> 20240705."""
    return day.year * 10000 + day.month * 100 + day.day


def plan_list_queryset() -> QuerySet[Plan]:
    """Plans with their issuer joined, as lists show them (ordered by the stored `date_key`)."""
    return Plan.objects.select_related("organization", "cluster")


def search_plans(queryset: QuerySet[Plan], query: str) -> QuerySet[Plan]:
    """Plans whose text holds every word of `query`, typed with or without diacritics."""
    return search_words(queryset, fold(query).split())


def plan_page_queryset() -> QuerySet[Plan]:
    """Plans with what their page reads for each reader (the issuer, the history, the corrections);
    the plan's own parts come with `plan_parts_prefetches` when their rendering is not cached."""
    return Plan.objects.select_related("organization", "cluster", "budget_payer").prefetch_related(
        Prefetch(
            "audit_entries",
            queryset=AuditEntry.objects.select_related("actor").defer("snapshot").order_by("-at", "-pk"),
        ),
        # Ordered by id: the model's default order let SQLite walk a whole index of plans to
        # avoid sorting the one or two corrections of this plan.
        Prefetch(
            "corrections",
            queryset=Plan.objects.only("id", "subject", "status", "number", "symbol", "year").order_by("pk"),
        ),
        "corrects",
    )


def plan_parts_prefetches() -> list[Prefetch]:
    """Every part the plan page shows, in a number of queries that rows do not change."""
    return [*document_prefetches(), *block_prefetches(set(SectionBlock.values))]


def plan_panel_prefetches(plan: Plan) -> list[Prefetch]:
    """The parts that the page's panels (plans.panels) read when the parts themselves come from the
    cache: the groups with their units (registration), and once issued the activities (tracking)
    and the cost lines and contributions (budget)."""
    lookups = [PARTS_BY_NAME["groups"].prefetch()]
    if plan.status == PlanStatus.ISSUED:
        activities = PARTS_BY_NAME["activities"]
        # The activities alone: tracking reads none of their bodies.
        lookups.append(activities.prefetch(activities.model.objects.order_by(*activities.ordering)))
        lookups += [PARTS_BY_NAME[name].prefetch() for name in ("budget_lines", "contributions")]
    return lookups


# Steps after which the drafters hold the plan again; the last one says why.
BACK_TO_DRAFT = {AuditAction.RETURNED, AuditAction.WITHDRAWN, AuditAction.SUBMITTED}


def return_reason(plan: Plan) -> AuditEntry | None:
    """The approver's entry that sent the plan back, while the plan is a draft because of it."""
    if plan.status != PlanStatus.DRAFT:
        return None
    # The entries are prefetched newest first (plan_page_queryset).
    last = next((entry for entry in plan.audit_entries.all() if entry.action in BACK_TO_DRAFT), None)
    return last if last is not None and last.action == AuditAction.RETURNED else None


def consultation_rows(plan: Plan) -> list[tuple]:
    """Each consulted member unit with its answer (None while it has not answered) and whether it has
    an account to answer with; a fixed number of queries, whatever the number of units."""
    if plan.consultation_deadline is None:
        return []
    # One query with who answered, whether or not the caller prefetched the answers.
    responses = ConsultationResponse.objects.filter(plan=plan).select_related("answered_by")
    answers = {response.organization_id: response for response in responses}
    units = policy.consulted_units(plan)
    no_account = policy.units_without_account([unit for unit in units if unit.pk not in answers])
    return [(unit, answers.get(unit.pk), unit.pk not in no_account) for unit in units]


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


@dataclass
class IssuerTally:
    """One body's (or cluster's) plans of a year, counted by status, for the overseer's overview."""

    name: str
    counts: dict[str, int]

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in PlanStatus.values]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


ISSUER_NAMES = ("organization__short_name", "organization__name", "cluster__short_name", "cluster__name")


def plans_by_issuer(plans: QuerySet[Plan], year: int) -> list[IssuerTally]:
    """Of `plans`, the plans (not the other papers) of `year` counted by issuer and status (one
    grouped query), by issuer name."""
    tallies: dict[str, IssuerTally] = {}
    rows = (
        plans.filter(year=year, document_type=PLAN)
        .order_by()
        .values(*ISSUER_NAMES, "status")
        .annotate(count=Count("pk"))
        .values_list(*ISSUER_NAMES, "status", "count")
    )
    for *names, status, count in rows:
        name = next((each for each in names if each), "")  # the short name as pages show it
        tallies.setdefault(name, IssuerTally(name, {})).counts[status] = count
    return sorted(tallies.values(), key=lambda tally: fold(tally.name))
