"""Who may open, read and fill the emulation year's registrations, and who draws up a cluster's compact.

The emulation app's objects are read by their attributes only (this package may not import it):
- a registration call has `cluster_id` (or `organization_id`) and `year`; it is run by the cluster's
  head of that year (or by the body), whose staff read every unit's registration once it is sent,
  and whose drafters open the call;
- the units that register are the cluster's members of that year (the head included), or the
  bodies directly under the body that calls; a unit's drafter fills its registration, any of its
  staff reads it, drafts included; no other unit ever reads another's draft;
- an overseer reads the calls, and the sent registrations, of the bodies they oversee.
The registration's document and the compact are plans: their workflow follows the plan rules.
"""

from django.db.models import Q, QuerySet

from clusters.choices import StaffRole
from clusters.models import ClusterMembership, Organization
from plans.choices import PlanStatus
from plans.policy.drafting import may_draft_for
from plans.policy.scope import scope_of

NOT_REGISTERING_UNIT_MESSAGE = "Đơn vị của bạn không thuộc các đơn vị đăng ký thi đua của đợt này."
NO_FILLING_UNIT_MESSAGE = "Bạn không lập bản đăng ký cho đơn vị nào trong đợt đăng ký này."
NOT_UNIT_DRAFTER_MESSAGE = "Chỉ chuyên viên soạn thảo của {unit} mới lập, sửa bản đăng ký thi đua của đơn vị."


def call_body(call) -> Organization | None:
    """The body that runs the call: the cluster's head of the call's year, or the calling body."""
    if call.organization_id:
        return call.organization
    return call.cluster.head_for(call.year)


def may_open_call(user, *, organization, cluster, year: int) -> str | None:
    """Why the user may not open a registration call for this issuer and year; None when they may.
    Those who draft the issuer's plans of that year open its calls."""
    return may_draft_for(user, organization=organization, cluster=cluster, year=year)


def registering_units_of_call(call) -> QuerySet[Organization]:
    """The units that register in the call: the cluster's members of its year, or the bodies
    directly under the calling body."""
    if call.cluster_id:
        members = ClusterMembership.objects.filter(cluster_id=call.cluster_id, year=call.year)
        return Organization.objects.filter(pk__in=members.values("organization"))
    return Organization.objects.filter(parent_id=call.organization_id)


def runs_call(user, call) -> bool:
    """Whether the user reads every unit's sent registration and the compiled list: the staff of the
    body that runs the call, its overseers, a superuser."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    body = call_body(call)
    return body is not None and (body.pk in scope.all_bodies or body.pk in scope.overseen)


def own_units(user, call) -> list[Organization]:
    """The registering units whose staff the user is (any role), in name order."""
    scope = scope_of(user)
    bodies = scope.all_bodies | scope.overseen
    if not bodies:
        return []
    return list(registering_units_of_call(call).filter(pk__in=bodies).order_by("name"))


def sees_call(user, call) -> bool:
    return runs_call(user, call) or bool(own_units(user, call))


def visible_registrations(user, call, registrations: QuerySet) -> QuerySet:
    """Of the call's `registrations`, those the user reads: their own units' in any state; the others'
    once sent (the document issued), for those who run the call."""
    scope = scope_of(user)
    if scope.is_admin:
        return registrations
    own = Q(unit__in=scope.all_bodies | scope.overseen)
    if runs_call(user, call):
        return registrations.filter(own | Q(document__status=PlanStatus.ISSUED))
    return registrations.filter(own)


def reads_registration_paper(user, registration) -> bool:
    """The registration's printed paper (its PDF), not only its lines: the unit's own staff in any
    state, and those who run the call (the cluster's head, the calling body) once the unit sent it,
    even though the paper is the unit's and not theirs."""
    registrations = type(registration).objects.filter(pk=registration.pk)
    return visible_registrations(user, registration.call, registrations).exists()


def fill_denial(user, call, unit: Organization) -> str | None:
    """Why the user may not start or change the unit's registration in this call; None when they may."""
    scope = scope_of(user)
    if not registering_units_of_call(call).filter(pk=unit.pk).exists():
        return NOT_REGISTERING_UNIT_MESSAGE
    if scope.is_admin or scope.acts_for(StaffRole.DRAFTER, unit.pk):
        return None
    return NOT_UNIT_DRAFTER_MESSAGE.format(unit=unit.short_name or unit.name)


def filling_units(user, call) -> list[Organization]:
    """The units whose registration the user may start in the call."""
    scope = scope_of(user)
    units = registering_units_of_call(call).order_by("name")
    if scope.is_admin:
        return list(units)
    return list(units.filter(pk__in=scope.bodies.get(StaffRole.DRAFTER, frozenset())))


def visible_calls(user, queryset: QuerySet) -> QuerySet:
    """Of `queryset` (registration calls), those the user reads: calls of the clusters their bodies
    belong to that year, of their bodies and of the bodies above them, and of what they oversee."""
    scope = scope_of(user)
    if scope.is_admin:
        return queryset
    bodies = scope.all_bodies | scope.overseen
    if not bodies:
        return queryset.none()
    parents = set(Organization.objects.filter(pk__in=bodies).values_list("parent_id", flat=True)) - {None}
    condition = Q(organization__in=bodies | parents)
    memberships = ClusterMembership.objects.filter(organization__in=bodies).values_list("cluster_id", "year")
    for cluster_id, year in set(memberships):
        condition |= Q(cluster=cluster_id, year=year)
    condition |= Q(cluster__organization__in=scope.overseen)
    return queryset.filter(condition)
