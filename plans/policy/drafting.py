"""Who starts and drafts plans, and who is told that a plan waits for them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from clusters.choices import MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization
from plans.models import Plan
from plans.policy.rules import NO_HEAD_MESSAGE, NOT_DRAFTER_MESSAGE, ROLE_MESSAGES
from plans.policy.scope import acting_body, scope_of


def may_draft(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.bodies.get(StaffRole.DRAFTER))


def require_drafter(user) -> None:
    """Raise PermissionDenied (a 403 with the reason) unless `user` may start a plan."""
    if not may_draft(user):
        raise PermissionDenied(NOT_DRAFTER_MESSAGE)


def drafting_organizations(user) -> QuerySet[Organization]:
    """The bodies in whose name the user may start a plan."""
    scope = scope_of(user)
    if scope.is_admin:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=scope.bodies.get(StaffRole.DRAFTER, frozenset()))


def may_draft_for(user, *, organization: Organization | None, cluster, year: int) -> str | None:
    """Why the user may not draft a plan of this issuer and year; None when they may."""
    scope = scope_of(user)
    if scope.is_admin:
        return None
    if organization is not None:
        if scope.acts_for(StaffRole.DRAFTER, organization.pk):
            return None
        return ROLE_MESSAGES[StaffRole.DRAFTER].format(body=organization.short_name or organization.name)
    head = cluster.head_for(year)
    if head is None:
        return NO_HEAD_MESSAGE.format(year=year)
    if scope.acts_for(StaffRole.DRAFTER, head.pk):
        return None
    return f"Kế hoạch của cụm năm {year} do {head.short_name or head.name} (Trưởng cụm năm đó) soạn thảo."


def drafting_clusters(user) -> QuerySet[Cluster]:
    """Clusters whose plans the user may draft in some year: their body heads the cluster then."""
    scope = scope_of(user)
    if scope.is_admin:
        return Cluster.objects.all()
    drafters = scope.bodies.get(StaffRole.DRAFTER, frozenset())
    heads = ClusterMembership.objects.filter(role=MembershipRole.HEAD, organization__in=drafters)
    return Cluster.objects.filter(pk__in=heads.values("cluster"))


def users_acting(role: str, plan: Plan):
    """The users who hold `role` for the plan's acting body: whom to tell that the plan waits."""
    body = acting_body(plan)
    if body is None:
        return get_user_model().objects.none()
    bodies = [body.pk]
    if role == StaffRole.DRAFTER:
        bodies += list(body.children.filter(level=OrganizationLevel.OFFICE).values_list("pk", flat=True))
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_roles__role=role, staff_roles__organization__in=bodies)
        .distinct()
    )


def register_keepers(user) -> QuerySet[Organization]:
    """The bodies whose numbering register the user keeps: a records clerk's own bodies; every body
    for a superuser (the body administrator)."""
    scope = scope_of(user)
    if scope.is_admin:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=scope.bodies.get(StaffRole.CLERK, frozenset()))
