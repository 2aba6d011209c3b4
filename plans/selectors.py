"""Reads of plans: querysets that pages and exports share, each with a constant number of queries."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from common.text import fold
from plans import policy
from plans.choices import AuditAction, PlanStatus, SectionBlock
from plans.document_types import PLAN
from plans.documents import block_prefetches, document_prefetches
from plans.models import AuditEntry, BudgetExpense, ConsultationResponse, Plan
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


CORRECTION_FIELDS = ("id", "subject", "status", "number", "symbol", "year")


def plan_page_queryset() -> QuerySet[Plan]:
    """Plans with what their page reads for each reader (the issuer, the corrections) and the id of
    their latest change-log entry, which stamps the rows `plan_page_rows` keeps in the shared cache;
    the plan's own parts come with `plan_parts_prefetches` when their rendering is not cached."""
    latest_entry = AuditEntry.objects.filter(plan=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    return (
        Plan.objects.select_related("organization", "cluster", "budget_payer")
        .annotate(latest_entry=Subquery(latest_entry))
        .prefetch_related(
            # Ordered by id: the model's default order let SQLite walk a whole index of plans to
            # avoid sorting the one or two corrections of this plan.
            Prefetch("corrections", queryset=Plan.objects.only(*CORRECTION_FIELDS).order_by("pk")),
            "corrects",
        )
    )


def plan_parts_prefetches() -> list[Prefetch]:
    """Every part the plan page shows, in a number of queries that rows do not change."""
    return [*document_prefetches(), *block_prefetches(set(SectionBlock.values))]


# What the plan page keeps of a change-log entry: never the whole plan it saved (`snapshot`), and of
# its author only the name (the rows go to the shared cache, a password hash never does).
HISTORY_FIELDS = ("plan", "actor", "action", "at", "changes", "note", "version")
ACTOR_FIELDS = ("actor__username", "actor__first_name", "actor__last_name")


def _page_row_querysets(plan: Plan) -> dict[str, QuerySet]:
    """By the plan's accessor: the rows that its page (the history, why it was returned) and the
    page's panels (plans.panels) read. The groups with their units (registration); once issued,
    the activities (tracking), the cost lines, contributions and expenses (budget)."""
    querysets = {
        "audit_entries": AuditEntry.objects.filter(plan=plan)
        .select_related("actor")
        .only(*HISTORY_FIELDS, *ACTOR_FIELDS)
        .order_by("-at", "-pk"),
        "participant_groups": PARTS_BY_NAME["groups"].rows(plan),
    }
    if plan.status == PlanStatus.ISSUED:
        activities = PARTS_BY_NAME["activities"]
        # The activities alone: tracking reads none of their bodies.
        querysets["activities"] = activities.model.objects.filter(plan=plan).order_by(*activities.ordering)
        querysets["budget_lines"] = PARTS_BY_NAME["budget_lines"].rows(plan)
        querysets["contributions"] = PARTS_BY_NAME["contributions"].rows(plan)
        querysets["expenses"] = BudgetExpense.objects.filter(plan=plan).order_by("spent_on", "pk")
    return querysets


def plan_page_rows(plan: Plan, *, timeout: int) -> None:
    """Give `plan` (from `plan_page_queryset`) the rows of `_page_row_querysets` as if prefetched: from
    the shared cache while the plan has no new change-log entry, else read and kept there.

    Every write of these rows logs an entry (the editor's saves, workflow steps, tracking,
    registration, spending), so a new entry is a new key at once; what they read from other rows
    (a unit's name) shows after `timeout` at most. The rows are the same for every reader: what a
    user may see of them (the drafts in the history, the buttons of the panels) is decided on each
    request by the policy.
    """
    stamp = plan.updated_at.timestamp() if plan.updated_at else ""
    key = f"plans:page-rows:{plan.pk}:{plan.version}:{stamp}:{plan.latest_entry}:{plan.status}"
    rows = cache.get(key)
    if rows is None:
        rows = {accessor: list(queryset) for accessor, queryset in _page_row_querysets(plan).items()}
        cache.set(key, rows, timeout)  # pickled here, before the rows point to this plan
    for accessor, found in rows.items():
        _give_prefetched(plan, accessor, found)


def _give_prefetched(plan: Plan, accessor: str, rows: list) -> None:
    """Make `plan.<accessor>.all()` answer `rows` without a query, as `prefetch_related` leaves it,
    and each row's `plan` this plan."""
    field = plan._meta.get_field(accessor).field  # the row's foreign key to the plan
    for row in rows:
        field.set_cached_value(row, plan)
    queryset = getattr(plan, accessor).all()
    queryset._result_cache, queryset._prefetch_done = rows, True
    if not hasattr(plan, "_prefetched_objects_cache"):
        plan._prefetched_objects_cache = {}
    plan._prefetched_objects_cache[accessor] = queryset


def latest_change() -> str:
    """A stamp of the plans' newest state, for cache keys: when a plan was last written (any save,
    the admin site's and an import's included: `updated_at` is set on every save, and a new plan is
    the newest) and the id of the newest change-log entry (every write a user makes to a plan's
    parts, workflow, consultation, registration, tracking and spending logs one: plans.audit).
    Two reads of an index's end."""
    written = Plan.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    logged = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"{written.timestamp() if written else ''}-{logged or ''}"


# Steps after which the drafters hold the plan again; the last one says why.
BACK_TO_DRAFT = {AuditAction.RETURNED, AuditAction.WITHDRAWN, AuditAction.SUBMITTED}


def return_reason(plan: Plan) -> AuditEntry | None:
    """The approver's entry that sent the plan back, while the plan is a draft because of it."""
    if plan.status != PlanStatus.DRAFT:
        return None
    # The entries are given newest first (plan_page_rows).
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
