"""Whom a user acts for (their staff roles, kept in the shared cache across requests until any of
them changes) and which plans they may see."""

import functools
import operator
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import In
from django.db.models.signals import m2m_changed, post_delete, post_save

from activities.models import ParticipantGroup
from clusters.choices import MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff, Succession
from clusters.reorganisation import body_reorganised, earlier_bodies, predecessors_of
from plans.choices import PlanStatus
from plans.models import ConsultationResponse, Plan
from plans.policy.rules import ACTING_ROLES, ALLOWED_STATES, ANSWERING_ROLES, Action


@dataclass(frozen=True)
class Scope:
    """One user's rights: for each role, the ids of the bodies they hold it for."""

    is_admin: bool
    bodies: dict[str, frozenset[int]]
    overseen: frozenset[int]
    # Bodies whose staff the user manages (a staff administrator's body and every body under it);
    # kept apart from `bodies`, because managing staff gives no right on plans.
    administered: frozenset[int] = frozenset()
    # The bodies that the user's bodies took over (reorganisations): their plans stay readable.
    inherited: frozenset[int] = frozenset()
    # The (cluster, year) pairs the user's bodies head, and those they belong to (heads included).
    headed: frozenset[tuple[int, int]] = frozenset()
    member_of: frozenset[tuple[int, int]] = frozenset()
    # The clusters of the bodies the user oversees.
    overseen_clusters: frozenset[int] = frozenset()
    # The plans giving the user's bodies a quota: read when a rule needs them, kept apart from the
    # rest under a version of their own (plans' groups change far more often than rights do).
    _quota_plans: frozenset[int] | None = field(default=None, compare=False, repr=False)
    _quota_key: tuple[str, str, str] | None = field(default=None, compare=False, repr=False)
    # The version of the rows these rights were read from ("" when not known): what is drawn from
    # them (and from the bodies' and clusters' names) may be kept under it (plans.views.browse).
    version: str = field(default="", compare=False)

    def acts_for(self, role: str, organization_id: int | None) -> bool:
        return organization_id is not None and organization_id in self.bodies.get(role, frozenset())

    @property
    def all_bodies(self) -> frozenset[int]:
        return frozenset().union(*self.bodies.values()) if self.bodies else frozenset()


def _descendants(roots: set[int]) -> frozenset[int]:
    children = defaultdict(list)
    for pk, parent_id in Organization.objects.order_by().values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, stack = set(roots), list(roots)
    while stack:
        for child in children[stack.pop()]:
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


# ---------------------------------------------------------------------------
# The rights of a user across requests: kept in the shared cache under the user's id with the
# version of the rows they come from (staff roles, bodies and their tree, reorganisations, clusters
# and their memberships). Any write to those rows draws a new version (scope_changed), so the next
# request of every user reads their rights again; `is_superuser` and `is_active` are read from the
# user of each request, never kept.
# ---------------------------------------------------------------------------
SCOPE_VERSION_KEY = "plans:scope:version"
# A new format of the kept rights gets a new prefix, so that a release never reads an older one.
SCOPE_KEY = "plans:scope:v1:{}"
# A safety net only: the version changes with every write the rights are made of.
SCOPE_TIMEOUT = 15 * 60
# The plans that give the user's bodies a quota, under a version of their own that every write to
# a plan's participant groups (or to their units) replaces.
QUOTA_VERSION_KEY = "plans:quota:version"
QUOTA_KEY = "plans:quota:v1:{}"


def _new_version() -> str:
    # Random, never a counter: a version evicted from the cache must not come back as an earlier one
    # under which rights were kept that have changed since.
    return uuid.uuid4().hex


def _replace_version(key: str) -> None:
    """A new version now (this transaction's own requests) and again once the transaction commits
    (a request that read the rows before the commit may have kept them under the first one)."""
    cache.set(key, _new_version(), None)
    transaction.on_commit(lambda: cache.set(key, _new_version(), None))


def scope_changed(**kwargs) -> None:
    """Rights may have changed: every user's are read again on their next request."""
    _replace_version(SCOPE_VERSION_KEY)


def quotas_changed(**kwargs) -> None:
    """A plan's participant groups changed: the plans giving each user a quota are read again."""
    _replace_version(QUOTA_VERSION_KEY)


# The rows the rights are read from; writes through bulk_create send no signal, so the services
# that write those rows in bulk call scope_changed themselves (staffing.imports).
SCOPE_MODELS = (Staff, Organization, Succession, Cluster, ClusterMembership)


def connect_scope_signals() -> None:
    """Called once at start-up (plans.apps)."""
    for model in SCOPE_MODELS:
        uid = f"plans.policy.scope:{model._meta.label}"
        post_save.connect(scope_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(scope_changed, sender=model, dispatch_uid=uid + ":delete")
    members = Cluster.members.through
    m2m_changed.connect(scope_changed, sender=members, dispatch_uid="plans.policy.scope:members")
    body_reorganised.connect(scope_changed, dispatch_uid="plans.policy.scope:reorganised")
    uid = "plans.policy.scope:quotas"
    post_save.connect(quotas_changed, sender=ParticipantGroup, dispatch_uid=uid + ":save")
    post_delete.connect(quotas_changed, sender=ParticipantGroup, dispatch_uid=uid + ":delete")
    m2m_changed.connect(quotas_changed, sender=ParticipantGroup.units.through, dispatch_uid=uid + ":units")


def _read_scope(user) -> dict:
    """The user's rights as read from the database (a few small queries)."""
    bodies: dict[str, set[int]] = defaultdict(set)
    administered: set[int] = set()
    for role, organization_id, level, parent_id in Staff.objects.filter(user=user).values_list(
        "role", "organization_id", "organization__level", "organization__parent_id"
    ):
        if role == StaffRole.STAFF_ADMIN:
            administered.add(organization_id)
            continue
        bodies[role].add(organization_id)
        if role == StaffRole.DRAFTER and level == OrganizationLevel.OFFICE and parent_id is not None:
            bodies[role].add(parent_id)  # an office drafts for the body it belongs to
    overseer_roots = bodies.get(StaffRole.OVERSEER, set())
    own = set().union(*bodies.values()) if bodies else set()
    earlier = earlier_bodies() if own else {}
    # An overseer also oversees what the bodies it took over had under them.
    overseen = frozenset()
    if overseer_roots:
        overseen = _descendants(overseer_roots | predecessors_of(overseer_roots, earlier))
    memberships = (
        list(
            ClusterMembership.objects.filter(organization__in=own)
            .order_by()  # the model's order joins the bodies to sort them
            .values_list("cluster_id", "year", "role")
        )
        if own
        else []
    )
    head = MembershipRole.HEAD
    return {
        "bodies": {role: frozenset(ids) for role, ids in bodies.items()},
        "overseen": overseen,
        "administered": _descendants(administered) if administered else frozenset(),
        "inherited": predecessors_of(own, earlier),
        "headed": frozenset((cluster, year) for cluster, year, role in memberships if role == head),
        "member_of": frozenset((cluster, year) for cluster, year, _ in memberships),
        "overseen_clusters": frozenset(
            Cluster.objects.filter(organization__in=overseen).values_list("pk", flat=True)
        )
        if overseen
        else frozenset(),
    }


def _version(found: dict, key: str) -> str | None:
    version = found.get(key)
    if version is None:
        cache.add(key, _new_version(), None)
        version = cache.get(key)
    return version


def scope_of(user) -> Scope:
    """The user's rights, read once and kept on the user object for the rest of the request: from
    the shared cache when kept there under the current version (one round trip), else read from
    the database and kept."""
    cached = getattr(user, "_plan_scope", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        scope = Scope(is_admin=False, bodies={}, overseen=frozenset())
        user._plan_scope = scope
        return scope
    key, quota_key = SCOPE_KEY.format(user.pk), QUOTA_KEY.format(user.pk)
    found = cache.get_many([SCOPE_VERSION_KEY, QUOTA_VERSION_KEY, key, quota_key])
    version, quota_version = _version(found, SCOPE_VERSION_KEY), _version(found, QUOTA_VERSION_KEY)
    kept = found.get(key)
    if kept is not None and kept[0] == version:
        rights = kept[1]
    else:
        # The version is read before the rows: rights read while they change are kept under a
        # version that the change has already replaced, so they are never used.
        rights = _read_scope(user)
        if version is not None:
            cache.set(key, (version, rights), SCOPE_TIMEOUT)
    quotas = found.get(quota_key)
    # Kept quotas count only for the same bodies (the rights' version) and the same groups.
    stamp = (quota_key, version, quota_version) if version and quota_version else None
    scope = Scope(
        is_admin=user.is_superuser,
        version=version or "",
        _quota_plans=quotas[1] if quotas is not None and stamp and quotas[0] == stamp[1:] else None,
        _quota_key=stamp,
        **rights,
    )
    user._plan_scope = scope
    return scope


class _IdsIn(In):
    """`column IN (ids)` for a set of ids the policy read from the database itself (ints), written
    as it is: Django's `__in` prepared every id again for each query, and an overseer's lists name
    hundreds of bodies in each of their two queries (the count and the page)."""

    def get_prep_lookup(self):
        return sorted(self.rhs)

    def process_rhs(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        return "(" + ", ".join(["%s"] * len(self.rhs)) + ")", list(self.rhs)


def _ids_in(column: str, ids) -> Q:
    return Q(_IdsIn(F(column), ids))


def _members(organization_ids, *, head_only: bool = False):
    memberships = ClusterMembership.objects.filter(
        cluster=OuterRef("cluster"), year=OuterRef("year"), organization__in=organization_ids
    )
    if head_only:
        memberships = memberships.filter(role=MembershipRole.HEAD)
    return Exists(memberships)


def visible_plans(user, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    """`queryset` (all plans by default) narrowed to what `user` may see; no joins that repeat rows.

    The rule is written as an OR of conditions on the plan's own indexed columns, with the ids it
    needs read first (the memberships, clusters and quotas of the user's bodies: small sets). An OR
    of correlated EXISTS made both databases read the whole plans table for every list page and
    its count; this one each reads through its indexes (bench/pages.py --explain).
    """
    queryset = Plan.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.is_admin:
        return queryset
    if not scope.all_bodies:
        return queryset.none()
    return queryset.filter(functools.reduce(operator.or_, _visibility_terms(scope, by_body=False)))


# A list read branch by branch (visibility_branches) sorts the first page of each branch; past
# this many branches (an overseer's hundreds of bodies) the list is read whole, in the date index.
MAX_BRANCHES = 12


def visibility_branches(user) -> list[Q] | None:
    """The terms of `visible_plans`' rule for a unit's user, each read in date order on an index of
    its own: one per body, per overseen cluster, per cluster and year, and the plans giving a quota.

    Their OR cannot be read in date order, so a list sorted every plan the user sees for a page of
    20 (at 200,000 plans, 8,000 for the bench's commune: 21 ms on SQLite); the first rows of each
    term, merged, are the list's first rows (`CappedPaginator(branches=…)`). None when the user
    sees every plan, none or too many branches."""
    scope = scope_of(user)
    if scope.is_admin or not scope.all_bodies:
        return None
    branches = _visibility_terms(scope, by_body=True)
    return branches if len(branches) <= MAX_BRANCHES else None


def _visibility_terms(scope: Scope, *, by_body: bool) -> list[Q]:
    """The OR's terms: the plans read in every state (`_DraftReaders`), other states of the years
    the bodies are members of a cluster, plans that give them a quota. Each term stands on its own
    index (SQLite reads an OR through several indexes only when every term does); `by_body`
    splits the bodies and clusters into a term each."""
    terms = _draft_readers(scope).terms(by_body=by_body)
    issued = ~Q(status=PlanStatus.DRAFT)
    member_years = sorted(scope.member_of - scope.headed)
    terms += [Q(cluster=cluster_id, year=year) & issued for cluster_id, year in member_years]
    quota_plans = _quota_plans(scope)
    if quota_plans:
        terms.append(_ids_in("pk", quota_plans) & issued)
    return terms


@dataclass(frozen=True)
class _DraftReaders:
    """Plans the user reads in every state, drafts included: those of the issuing body (and of the
    clusters it heads, the years it heads them), of the bodies it took over, and of the bodies and
    clusters they oversee. One rule, as the first terms of the lists' filter and as a test of a
    plan in hand."""

    organizations: frozenset[int]
    clusters: frozenset[int]
    headed: frozenset[tuple[int, int]]

    def terms(self, *, by_body: bool) -> list[Q]:
        if by_body:
            terms = [Q(organization=body) for body in sorted(self.organizations)]
            terms += [Q(cluster=cluster) for cluster in sorted(self.clusters)]
        else:
            terms = [_ids_in("organization", self.organizations)]
            if self.clusters:
                terms.append(_ids_in("cluster", self.clusters))
        return terms + [Q(cluster=cluster_id, year=year) for cluster_id, year in sorted(self.headed)]

    def admit(self, plan: Plan) -> bool:
        return (
            plan.organization_id in self.organizations
            or plan.cluster_id in self.clusters
            or (plan.cluster_id, plan.year) in self.headed
        )


def _draft_readers(scope: Scope) -> _DraftReaders:
    return _DraftReaders(
        organizations=scope.all_bodies | scope.overseen | scope.inherited,
        clusters=scope.overseen_clusters,
        headed=scope.headed,
    )


def sees_drafts(user, plan: Plan) -> bool:
    """Whether the user reads the plan's drafts too; a member unit reads it only from its submission
    on, so its history before that (drafts, deleted text) stays with the issuing body."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if not scope.all_bodies:
        return False
    return _draft_readers(scope).admit(plan)  # no query: the scope holds what it needs


def _quota_plans(scope: Scope) -> frozenset[int]:
    """The plans that give the user's bodies a quota: kept with the scope when they are of the
    current versions, else read (one small query) and kept."""
    if scope._quota_plans is None:
        plans = frozenset(
            ParticipantGroup.objects.filter(units__in=scope.all_bodies)
            .order_by()  # else DISTINCT runs on (plan, order)
            .values_list("plan_id", flat=True)
            .distinct()
        )
        object.__setattr__(scope, "_quota_plans", plans)
        if scope._quota_key is not None:
            key, *versions = scope._quota_key
            cache.set(key, (tuple(versions), plans), SCOPE_TIMEOUT)
    return scope._quota_plans


def acting_as(user, role: str) -> Q:
    """Plans on which the user holds `role` for the acting body (a filter; everything for a superuser)."""
    scope = scope_of(user)
    if scope.is_admin:
        return Q()
    bodies = scope.bodies.get(role, frozenset())
    if not bodies:
        return Q(pk__in=[])  # matches nothing, and Django then sends no query at all
    return Q(organization__in=bodies) | _members(bodies, head_only=True)


def may_act_on(user, action: Action) -> Q:
    """Plans on which the user may take `action` now: their role for the acting body, and the plan's
    state (a filter over ACTING_ROLES and ALLOWED_STATES, for the lists of what waits for them)."""
    roles = Q()
    for role in ACTING_ROLES[action]:
        roles |= acting_as(user, role)
    return roles & Q(status__in=ALLOWED_STATES[action])


def asked_of(user) -> Q:
    """Cluster plans on which a unit the user answers for is asked its opinion and has not answered."""
    scope = scope_of(user)
    units = set().union(*(scope.bodies.get(role, frozenset()) for role in ANSWERING_ROLES))
    if not units:
        return Q(pk__in=[])  # matches nothing, and Django then sends no query at all
    answered = ConsultationResponse.objects.filter(plan=OuterRef("pk"), organization__in=units)
    asked = ClusterMembership.objects.filter(
        cluster=OuterRef("cluster"), year=OuterRef("year"), organization__in=units
    ).exclude(role=MembershipRole.HEAD)
    return (
        Q(consultation_deadline__isnull=False, consultation_closed_at__isnull=True)
        & Exists(asked)
        & ~Exists(answered)
    )


def acting_body(plan: Plan) -> Organization | None:
    """The body whose staff act on the plan: its issuer, or the cluster's head of the plan's year."""
    if plan.organization_id:
        return plan.organization
    if not hasattr(plan, "_acting_body"):  # asked once per action on the plan page
        plan._acting_body = plan.cluster.head_for(plan.year)
    return plan._acting_body
