"""Who runs and who reads a review meeting (bình xét) and the proposal dossier drawn from it.

The policy reads the meeting's own attributes (`cluster_id`, `organization_id`, `year`,
`closed_at`), never the emulation app, which sits above plans:
- a cluster's meeting of a year is run by the drafters and leaders of the cluster's head that year
  (as its plans are), a body's own meeting by that body's drafters and leaders; they also draw the
  proposal, post it and record the objections;
- the head's records clerk reads everything the head runs, as does an overseer of the body that
  organises the cluster (or of the body itself) and the superuser;
- the cluster's other member units of that year read the meeting, its minutes and the proposal once
  the meeting is closed, never its counts while it runs.
"""

from django.db.models import Q, QuerySet

from clusters.choices import MembershipRole, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization
from plans.policy.scope import Scope, scope_of

RUNNING_ROLES = (StaffRole.DRAFTER, StaffRole.APPROVER)
READING_ROLES = (*RUNNING_ROLES, StaffRole.CLERK)

NO_REVIEW_HEAD_MESSAGE = "Cụm chưa có Trưởng cụm năm {year}, nên chưa ai tổ chức bình xét được."
NOT_REVIEW_RUNNER_MESSAGE = (
    "Chỉ chuyên viên, lãnh đạo của {body} (đơn vị tổ chức bình xét) mới làm được việc này."
)
MEETING_CLOSED_MESSAGE = "Cuộc họp bình xét đã kết thúc nên không sửa được nữa."
MEETING_OPEN_MESSAGE = "Chỉ lập hồ sơ đề nghị được khi cuộc họp bình xét đã kết thúc."


def review_body(
    *, cluster: Cluster | None, organization: Organization | None, year: int
) -> Organization | None:
    """The body whose staff run the review: the body itself, or the cluster's head of the year."""
    if organization is not None:
        return organization
    return cluster.head_for(year) if cluster is not None else None


def review_denial(
    user, *, cluster: Cluster | None, organization: Organization | None, year: int
) -> str | None:
    """Why the user may not run the review (and its proposal) of this issuer and year; None if they may."""
    scope = scope_of(user)
    if scope.is_admin:
        return None
    body = review_body(cluster=cluster, organization=organization, year=year)
    if body is None:
        return NO_REVIEW_HEAD_MESSAGE.format(year=year)
    if any(scope.acts_for(role, body.pk) for role in RUNNING_ROLES):
        return None
    return NOT_REVIEW_RUNNER_MESSAGE.format(body=body.short_name or body.name)


def meeting_denial(user, meeting, *, while_open: bool | None = None) -> str | None:
    """Why the user may not act on `meeting` (a visible one): not its runner, or the meeting is
    closed (`while_open=True`: recording attendance and votes) or still open (`False`: proposing)."""
    if reason := review_denial(
        user, cluster=meeting.cluster, organization=meeting.organization, year=meeting.year
    ):
        return reason
    closed = meeting.closed_at is not None
    if while_open is True and closed:
        return MEETING_CLOSED_MESSAGE
    if while_open is False and not closed:
        return MEETING_OPEN_MESSAGE
    return None


def _roles_bodies(scope: Scope, roles) -> frozenset[int]:
    return frozenset().union(*(scope.bodies.get(role, frozenset()) for role in roles))


def visible_reviews(user, queryset: QuerySet, *, prefix: str = "") -> QuerySet:
    """`queryset` of meetings (or of rows reaching a meeting through `prefix`, e.g. "meeting__")
    narrowed to those the user may read; the ids it needs are read first (small sets)."""
    scope = scope_of(user)
    if scope.is_admin:
        return queryset
    if not scope.all_bodies:
        return queryset.none()
    readers = _roles_bodies(scope, READING_ROLES)

    def field(name: str) -> str:
        return f"{prefix}{name}"

    condition = Q(**{f"{field('organization')}__in": readers | scope.overseen})
    if scope.overseen_clusters:
        condition |= Q(**{f"{field('cluster')}__in": scope.overseen_clusters})
    headed = {
        (cluster, year)
        for cluster, year in ClusterMembership.objects.filter(
            organization__in=readers, role=MembershipRole.HEAD
        ).values_list("cluster_id", "year")
    }
    for cluster, year in headed:
        condition |= Q(**{field("cluster"): cluster, field("year"): year})
    closed = Q(**{f"{field('closed_at')}__isnull": False})
    for cluster, year in scope.member_of - headed:
        condition |= Q(**{field("cluster"): cluster, field("year"): year}) & closed
    return queryset.filter(condition)


def review_issuers(user) -> tuple[QuerySet[Organization], QuerySet[Cluster]]:
    """The bodies and clusters for which the user may open a review meeting in some year."""
    scope = scope_of(user)
    if scope.is_admin:
        return Organization.objects.all(), Cluster.objects.all()
    runners = _roles_bodies(scope, RUNNING_ROLES)
    heads = ClusterMembership.objects.filter(role=MembershipRole.HEAD, organization__in=runners)
    return Organization.objects.filter(pk__in=runners), Cluster.objects.filter(pk__in=heads.values("cluster"))


NOT_PROVINCE_READER_MESSAGE = (
    "Chỉ cán bộ theo dõi, giám sát của {body} mới xem được báo cáo thi đua của cả tỉnh."
)


def province_report_denial(user, organization: Organization) -> str | None:
    """Why the user may not read the emulation report of every cluster a body runs: its overseers and
    the superuser do."""
    scope = scope_of(user)
    if scope.is_admin or organization.pk in scope.overseen:
        return None
    return NOT_PROVINCE_READER_MESSAGE.format(body=organization.short_name or organization.name)
