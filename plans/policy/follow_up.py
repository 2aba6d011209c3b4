"""Who follows an issued plan: registration lists, personal data, cluster reports and the calendar."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from activities.choices import GroupKind
from activities.models import ParticipantGroup
from clusters.models import Cluster, ClusterMembership, Organization
from plans.models import Plan
from plans.policy.decisions import denial, registering_units
from plans.policy.rules import ALLOWED_STATES, FULL_LIST_MESSAGE, NO_REGISTRATION_LIST_MESSAGE, Action
from plans.policy.scope import _members, scope_of, visible_plans


def registration_list_denial(user, plan: Plan, *, quota_groups: list | None = None) -> str | None:
    """Why the plan's registration page (every unit's progress, the list with personal data masked
    where it must be) is not shown to a user who sees the plan; None when it is. Whoever follows
    the issued plan reads it, and only a plan with per-unit quotas has one (`quota_groups`: the
    plan's per-unit groups, when the caller has them already)."""
    if (reason := denial(user, Action.FOLLOW, plan)) is not None:
        return reason
    if quota_groups is None:
        has_quotas = ParticipantGroup.objects.filter(plan=plan, kind=GroupKind.PER_UNIT).exists()
    else:
        has_quotas = bool(quota_groups)
    return None if has_quotas else NO_REGISTRATION_LIST_MESSAGE


def full_list_denial(user, plan: Plan) -> str | None:
    """Why the list with personal data in full (the XLSX) is refused: only the organiser (every
    unit's people) and a unit with a quota (its own) take it."""
    return FULL_LIST_MESSAGE if personal_data_units(user, plan) == set() else None


def personal_data_units(user, plan: Plan) -> set[int] | None:
    """The units whose people's citizen ID and phone the user sees in full, asked once for a whole
    list: None for every unit (the organiser), else the units the user registers for (maybe none)."""
    if denial(user, Action.ORGANISE, plan) is None:
        return None
    return {unit.pk for unit in registering_units(user, plan)}


def may_see_cluster(user, cluster: Cluster) -> bool:
    """A cluster's reports: for a superuser, staff of a member unit (any year), and staff and
    overseers of the body that runs the cluster. The reports count only the plans they may see."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    bodies = scope.all_bodies | scope.overseen
    if cluster.organization_id in bodies:
        return True
    return ClusterMembership.objects.filter(cluster=cluster, organization__in=bodies).exists()


# ---------------------------------------------------------------------------
# Following issued plans: tracking and the calendar
# ---------------------------------------------------------------------------
def is_followed(plan: Plan) -> bool:
    """The plan is in a state whose progress is followed (issued), whoever reads it."""
    return plan.status in ALLOWED_STATES[Action.FOLLOW]


def sees_every_plan(user) -> bool:
    """A superuser with no body of their own: their calendar shows every plan unless they choose."""
    scope = scope_of(user)
    return scope.is_admin and not scope.all_bodies


def sees_province_overview(user) -> bool:
    """An overseer sees the dashboard's overview of the year's plans by body and state."""
    return bool(scope_of(user).overseen)


def sees_most_plans(user) -> bool:
    """A superuser or an overseer: their lists hold most of the province's plans, where a unit's
    hold its own few (the list counts the first by walking the date index, the second through the
    indexes of their own bodies and clusters)."""
    scope = scope_of(user)
    return scope.is_admin or bool(scope.overseen)


def own_plans(user) -> QuerySet[Plan]:
    """The visible plans of the user's bodies (and of those they oversee) and of the clusters those
    bodies belong to in the plan's year; every plan for `sees_every_plan`."""
    plans = visible_plans(user)
    if sees_every_plan(user):
        return plans
    scope = scope_of(user)
    bodies = scope.all_bodies | scope.overseen
    return plans.filter(Q(organization__in=bodies) | _members(bodies))


def calendar_issuers(user) -> tuple[QuerySet[Organization], QuerySet[Cluster]]:
    """The bodies and the clusters whose calendar the user may ask for: those with plans the user
    sees, and the user's own bodies and the clusters they belong to (in any year)."""
    visible = visible_plans(user)
    bodies = scope_of(user).all_bodies
    organizations = Organization.objects.filter(
        Exists(visible.filter(organization=OuterRef("pk"))) | Q(pk__in=bodies)
    )
    clusters = Cluster.objects.filter(
        Exists(visible.filter(cluster=OuterRef("pk")))
        | Exists(ClusterMembership.objects.filter(cluster=OuterRef("pk"), organization__in=bodies))
    )
    return organizations, clusters
