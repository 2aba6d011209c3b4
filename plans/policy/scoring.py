"""Who sees and does what with a criteria table and its scores (the emulation year's scoring).

The policy reads the table's attributes (`cluster_id`, `organization_id`, `year`, `locked_at`) and
its assignments through their relation; it imports nothing of `emulation`.

- A cluster's table is managed (criteria, reviewers, issue) by the drafters and approvers of the
  cluster's head in the table's year; a body's table by the body's drafters and approvers.
- The units scored: the cluster's members that year; for a body's table, the bodies right under it.
- A unit (its drafters, approvers and member staff) scores itself; its self-score is a draft that
  only the unit reads until it sends it; before the table is locked (the review meeting closed) no
  other unit reads it, sent or not.
- The managers read every sent self-score and every review; a reviewer (a person appointed, or the
  staff of a unit appointed to cross-score) reads and scores only the units assigned.
- Once locked, everyone who sees the table reads every score and the ranking; nobody writes.
- An overseer of the owner's body reads the table and, once locked, the scores.
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from clusters.choices import MembershipRole, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization
from plans.policy.scope import scope_of

MANAGE_ROLES = (StaffRole.DRAFTER, StaffRole.APPROVER)
SCORING_ROLES = (StaffRole.DRAFTER, StaffRole.APPROVER, StaffRole.MEMBER_STAFF)

NOT_MANAGER_MESSAGE = (
    "Chỉ lãnh đạo, chuyên viên của đơn vị Trưởng cụm (hoặc của cơ quan có bảng tiêu chí) "
    "mới làm được việc này."
)
NOT_OWN_UNIT_MESSAGE = "Bạn chỉ chấm điểm cho đơn vị của mình."
NOT_ASSIGNED_MESSAGE = "Bạn không được phân công thẩm định đơn vị này."
LOCKED_MESSAGE = "Bảng điểm đã khoá sau cuộc họp bình xét; không sửa được nữa."
NOT_ISSUED_MESSAGE = "Bảng tiêu chí chưa ban hành; chưa chấm điểm được."
DOCUMENT_MOVED_MESSAGE = (
    "Văn bản ban hành bảng tiêu chí đã trình duyệt; muốn sửa tiêu chí, hãy rút văn bản về dự thảo."
)
DOCUMENT_NOT_ISSUED_MESSAGE = "Văn bản ban hành bảng tiêu chí chưa được cấp số, ban hành."
DEADLINE_MESSAGE = "Đã hết hạn tự chấm điểm (ngày {deadline:%d/%m/%Y})."
RANKING_MESSAGE = "Kết quả xếp hạng công bố sau cuộc họp bình xét."
NOT_DRAFT_MESSAGE = "Bảng tiêu chí đã ban hành; muốn sửa, hãy tạo phiên bản mới."


def _roles(user, roles) -> set[int]:
    scope = scope_of(user)
    return set().union(*(scope.bodies.get(role, frozenset()) for role in roles))


def _manager_body(table) -> int | None:
    if table.organization_id is not None:
        return table.organization_id
    head = table.cluster.head_for(table.year)
    return head.pk if head is not None else None


def participant_ids(table) -> set[int]:
    """The units scored on the table, read once per table object."""
    cached = table.__dict__.get("_participant_ids")
    if cached is None:
        if table.cluster_id is not None:
            cached = set(
                ClusterMembership.objects.filter(cluster_id=table.cluster_id, year=table.year).values_list(
                    "organization_id", flat=True
                )
            )
        else:
            cached = set(
                Organization.objects.filter(parent_id=table.organization_id).values_list("pk", flat=True)
            )
        table.__dict__["_participant_ids"] = cached
    return cached


def manages(user, table) -> bool:
    if scope_of(user).is_admin:
        return True
    body = _manager_body(table)
    return body is not None and body in _roles(user, MANAGE_ROLES)


def _overseer_body(table) -> int:
    return table.organization_id if table.organization_id is not None else table.cluster.organization_id


def oversees(user, table) -> bool:
    return _overseer_body(table) in scope_of(user).overseen


def own_units(user, table) -> set[int]:
    """The table's units the user scores itself for (every unit for a superuser)."""
    if scope_of(user).is_admin:
        return participant_ids(table)
    return participant_ids(table) & _roles(user, SCORING_ROLES)


def assigned_units(user, table) -> set[int]:
    """The units the user reviews: appointed in person, or as staff of a unit appointed to
    cross-score (every unit for a superuser)."""
    if scope_of(user).is_admin:
        return participant_ids(table)
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = table.__dict__.setdefault("_assigned_units", {})
    if user.pk in cache:  # asked several times by one page
        return cache[user.pk]
    bodies = _roles(user, SCORING_ROLES)
    found = cache[user.pk] = set()
    for unit_id, reviewer_id, reviewer_unit_id in table.scorecards.filter(
        assignments__isnull=False
    ).values_list("unit_id", "assignments__reviewer_id", "assignments__reviewer_unit_id"):
        if reviewer_id == user.pk or reviewer_unit_id in bodies:
            found.add(unit_id)
    return found


def sees_table(user, table) -> bool:
    """The table and its criteria: its managers and overseers, the staff (any role) of the units
    it scores, and the reviewers appointed."""
    if manages(user, table) or oversees(user, table):
        return True
    if participant_ids(table) & scope_of(user).all_bodies:
        return True
    return bool(assigned_units(user, table))


def readable_units(user, table) -> set[int]:
    """The units whose scorecard page (self-score and review) the user may open."""
    if table.locked_at is not None and sees_table(user, table):
        return participant_ids(table)
    if manages(user, table) or oversees(user, table):
        return participant_ids(table)
    return own_units(user, table) | assigned_units(user, table)


def reads_self_score(user, table, unit_id: int, *, submitted: bool) -> bool:
    """A unit's self-score: its own staff always; others only once sent (the managers, the unit's
    reviewers) and, after the meeting, everyone who sees the table."""
    if unit_id in own_units(user, table):
        return True
    if not submitted:
        return table.locked_at is not None and sees_table(user, table)
    return unit_id in readable_units(user, table)


def sees_ranking(user, table) -> bool:
    """Totals and ranking of every unit: the managers and overseers; everyone else after the meeting."""
    if manages(user, table) or oversees(user, table):
        return True
    return table.locked_at is not None and sees_table(user, table)


def _writable(table) -> str | None:
    if table.locked_at is not None:
        return LOCKED_MESSAGE
    if table.status != "issued":
        return NOT_ISSUED_MESSAGE
    return None


def self_score_denial(user, table, unit_id: int, *, today: datetime.date | None = None) -> str | None:
    if unit_id not in own_units(user, table):
        return NOT_OWN_UNIT_MESSAGE
    deadline = table.self_scoring_deadline
    if deadline is not None and (today or timezone.localdate()) > deadline:
        return DEADLINE_MESSAGE.format(deadline=deadline)
    return _writable(table)


def review_denial(user, table, unit_id: int) -> str | None:
    if unit_id not in assigned_units(user, table):
        return NOT_ASSIGNED_MESSAGE
    return _writable(table)


def manage_denial(user, table, *, editing: bool = False) -> str | None:
    """Why the user may not manage the table (appoint reviewers, lock; `editing`: change the
    criteria, only while a draft)."""
    if not manages(user, table):
        return NOT_MANAGER_MESSAGE
    if table.locked_at is not None:
        return LOCKED_MESSAGE
    if editing and table.status != "draft":
        return NOT_DRAFT_MESSAGE
    if editing and table.document_id is not None and table.document.status != "draft":
        return DOCUMENT_MOVED_MESSAGE
    return None


def issue_denial(user, table) -> str | None:
    """Why the draft table may not be issued (scoring opened on it): it is not a draft, or the
    document that prints it is not issued yet."""
    if (reason := manage_denial(user, table)) is not None:
        return reason
    if table.status != "draft":
        return NOT_DRAFT_MESSAGE
    if table.document_id is not None and table.document.status != "issued":
        return DOCUMENT_NOT_ISSUED_MESSAGE
    return None


def may_create_table(user, *, cluster=None, organization=None, year: int) -> bool:
    """A new table for a cluster (its head that year) or a body (its drafters and approvers)."""
    if scope_of(user).is_admin:
        return True
    bodies = _roles(user, MANAGE_ROLES)
    if organization is not None:
        return organization.pk in bodies
    return ClusterMembership.objects.filter(
        cluster=cluster, year=year, role=MembershipRole.HEAD, organization__in=bodies
    ).exists()


def may_start_tables(user) -> bool:
    """The page to start a table: a superuser, or a drafter or approver of some body."""
    return scope_of(user).is_admin or bool(_roles(user, MANAGE_ROLES))


def table_owners(user) -> tuple[QuerySet, QuerySet]:
    """The clusters (headed by one of the user's bodies in some year) and the bodies for which the
    user may start a criteria table: only their own, never a list of every body."""
    bodies = _roles(user, MANAGE_ROLES)
    clusters = Cluster.objects.filter(
        Exists(
            ClusterMembership.objects.filter(
                cluster=OuterRef("pk"), role=MembershipRole.HEAD, organization__in=bodies
            )
        )
    )
    return clusters, Organization.objects.filter(pk__in=bodies)


def visible_tables(user, tables: QuerySet) -> QuerySet:
    """`tables` narrowed to those the user sees (`sees_table`), as one filter for a list."""
    scope = scope_of(user)
    if scope.is_admin:
        return tables
    bodies = scope.all_bodies
    member = ClusterMembership.objects.filter(
        cluster=OuterRef("cluster"), year=OuterRef("year"), organization__in=bodies
    )
    return tables.filter(
        Exists(member)
        | Q(organization__in=bodies)
        | Q(organization__children__in=bodies)
        | Q(organization__in=scope.overseen)
        | Q(cluster__organization__in=scope.overseen)
        | Q(scorecards__assignments__reviewer=user)
        | Q(scorecards__assignments__reviewer_unit__in=bodies)
    ).distinct()
