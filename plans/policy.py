"""Who may see and do what with a plan: the one place that answers it.

Rights come from `clusters.Staff` rows (a user's role in a body), read once per request:
- a drafter drafts for their body and, in an office (phòng, ban), for the body it belongs to;
- an approver approves, and a records clerk numbers and issues, for their own body;
- a cluster plan belongs to the cluster's head of the plan's year: that body's drafters, approvers
  and clerks act on it, whoever heads the cluster later; the other member units read it once
  submitted, and answer when their opinion is asked;
- member-unit staff read their own body's plans and their clusters' plans; any staff reads, once
  submitted, the plans that give their unit a quota, and registers its people once issued;
- an overseer reads every plan of their body and of every body under it;
- a superuser may do everything the state of the plan allows.

A plan outside what a user may see is a 404 (`visible_plans`); a refused action on a visible plan
is a 403 whose message says why (`denial`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from activities.choices import GroupKind
from activities.models import ParticipantGroup
from clusters.choices import MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff
from plans.choices import PlanStatus
from plans.models import ConsultationResponse, Plan


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    COPY = "copy"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    CONSULT = "consult"
    ANSWER = "answer"
    RETURN = "return"
    APPROVE = "approve"
    ISSUE = "issue"
    CORRECT = "correct"
    # After issue: the organiser runs registration, tracking and spending; member units register.
    ORGANISE = "organise"
    FOLLOW = "follow"  # read what follows the issue: registrations, tracking, reports
    REPORT = "report"  # the mid-year and year-end review of an issued plan
    UNIT_LIST = "unit_list"  # a unit's own registration list, read and exported after the deadline too
    REGISTER = "register"
    TRACK = "track"
    SPEND = "spend"


# Which roles act on a plan for each action, the first one named in the refusal; VIEW, ANSWER and
# REGISTER have rules of their own.
ACTING_ROLES = {
    Action.EDIT: (StaffRole.DRAFTER,),
    Action.COPY: (StaffRole.DRAFTER,),
    Action.SUBMIT: (StaffRole.DRAFTER,),
    Action.WITHDRAW: (StaffRole.DRAFTER,),
    Action.CORRECT: (StaffRole.DRAFTER,),
    Action.CONSULT: (StaffRole.APPROVER,),
    Action.RETURN: (StaffRole.APPROVER,),
    Action.APPROVE: (StaffRole.APPROVER,),
    Action.ISSUE: (StaffRole.CLERK,),
    Action.ORGANISE: (StaffRole.DRAFTER, StaffRole.APPROVER),
    Action.TRACK: (StaffRole.DRAFTER, StaffRole.APPROVER),
    Action.SPEND: (StaffRole.DRAFTER, StaffRole.APPROVER),
}
# The states in which each action is possible, and what to say when the plan is in another.
ALLOWED_STATES = {
    Action.EDIT: {PlanStatus.DRAFT},
    Action.COPY: set(PlanStatus),
    Action.SUBMIT: {PlanStatus.DRAFT},
    Action.WITHDRAW: {PlanStatus.SUBMITTED},
    Action.CONSULT: {PlanStatus.SUBMITTED},
    Action.ANSWER: {PlanStatus.SUBMITTED},
    Action.RETURN: {PlanStatus.SUBMITTED, PlanStatus.APPROVED},
    Action.APPROVE: {PlanStatus.SUBMITTED},
    Action.ISSUE: {PlanStatus.APPROVED},
    Action.CORRECT: {PlanStatus.ISSUED},
    Action.ORGANISE: {PlanStatus.ISSUED},
    Action.FOLLOW: {PlanStatus.ISSUED},
    Action.REPORT: {PlanStatus.ISSUED},
    Action.UNIT_LIST: {PlanStatus.ISSUED},
    Action.REGISTER: {PlanStatus.ISSUED},
    Action.TRACK: {PlanStatus.ISSUED},
    Action.SPEND: {PlanStatus.ISSUED},
}
STATE_MESSAGES = {
    Action.EDIT: {
        PlanStatus.SUBMITTED: "Kế hoạch đang chờ phê duyệt nên không sửa được. Hãy rút lại để sửa.",
        PlanStatus.APPROVED: "Kế hoạch đã được phê duyệt nên không sửa được. Lãnh đạo có thể trả lại để sửa.",
        PlanStatus.ISSUED: (
            "Kế hoạch đã ban hành nên không sửa được nữa. Hãy lập bản sửa đổi, thay thế hoặc sao chép "
            "để soạn kế hoạch mới."
        ),
    },
    Action.SUBMIT: "Chỉ trình được kế hoạch đang là dự thảo.",
    Action.WITHDRAW: "Chỉ rút lại được kế hoạch đang chờ phê duyệt.",
    Action.CONSULT: "Chỉ lấy ý kiến được khi kế hoạch đang chờ phê duyệt.",
    Action.ANSWER: "Kế hoạch không còn trong thời gian lấy ý kiến.",
    Action.RETURN: "Chỉ trả lại được kế hoạch đang chờ phê duyệt hoặc đã phê duyệt nhưng chưa ban hành.",
    Action.APPROVE: "Chỉ phê duyệt được kế hoạch đang chờ phê duyệt.",
    Action.ISSUE: "Chỉ ban hành được kế hoạch đã được phê duyệt.",
    Action.CORRECT: "Chỉ lập bản sửa đổi, thay thế cho kế hoạch đã ban hành.",
    Action.ORGANISE: "Việc đăng ký danh sách chỉ bắt đầu khi kế hoạch đã ban hành.",
    Action.FOLLOW: "Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành.",
    Action.REPORT: "Chỉ lập báo cáo sơ kết, tổng kết cho kế hoạch đã ban hành.",
    Action.UNIT_LIST: "Danh sách đăng ký chỉ có sau khi kế hoạch được ban hành.",
    Action.REGISTER: "Chỉ đăng ký danh sách được khi kế hoạch đã ban hành.",
    Action.TRACK: "Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành.",
    Action.SPEND: "Chỉ nhập thực chi được khi kế hoạch đã ban hành.",
}
NOT_DRAFTER_MESSAGE = "Chỉ chuyên viên soạn thảo mới tạo được kế hoạch mới."
ROLE_MESSAGES = {
    StaffRole.DRAFTER: "Chỉ chuyên viên soạn thảo của {body} mới làm được việc này.",
    # Organising, tracking and spending: the body's drafters and leaders.
    (
        StaffRole.DRAFTER,
        StaffRole.APPROVER,
    ): "Chỉ chuyên viên, lãnh đạo của {body} (đơn vị tổ chức) mới làm được việc này.",
    StaffRole.APPROVER: "Chỉ lãnh đạo {body} mới phê duyệt hoặc trả lại được kế hoạch này.",
    StaffRole.CLERK: "Chỉ văn thư của {body} mới cấp số và ban hành được kế hoạch này.",
}
NO_HEAD_MESSAGE = "Cụm chưa có Trưởng cụm năm {year}, nên chưa ai xử lý được kế hoạch của cụm năm đó."
NOT_MEMBER_MESSAGE = "Chỉ đơn vị thành viên của cụm năm {year} mới cho ý kiến được."
NOT_ASKED_MESSAGE = "Cụm không lấy ý kiến về kế hoạch này."
CONSULTATION_OPEN_MESSAGE = (
    "Cụm đang lấy ý kiến các đơn vị thành viên đến hết ngày {deadline:%d/%m/%Y}; còn {count} đơn vị "
    "chưa cho ý kiến. Phê duyệt được khi đủ ý kiến hoặc khi hết hạn."
)
CONSULT_CLUSTER_ONLY_MESSAGE = "Chỉ kế hoạch của cụm, khối thi đua mới lấy ý kiến đơn vị thành viên."

# Roles whose staff answer for their unit when a cluster asks its members' opinion, and register
# its people for a plan's event.
ANSWERING_ROLES = (StaffRole.APPROVER, StaffRole.MEMBER_STAFF)
REGISTERING_ROLES = (StaffRole.DRAFTER, StaffRole.APPROVER, StaffRole.MEMBER_STAFF)
NO_QUOTA_MESSAGE = "Đơn vị của bạn không có định mức cử người tham dự trong kế hoạch này."
REGISTRATION_CLOSED_MESSAGE = (
    "Đã hết hạn đăng ký ({deadline:%d/%m/%Y}). Liên hệ đơn vị tổ chức nếu cần mở lại việc đăng ký."
)


@dataclass(frozen=True)
class Scope:
    """One user's rights: for each role, the ids of the bodies they hold it for."""

    is_admin: bool
    bodies: dict[str, frozenset[int]]
    overseen: frozenset[int]

    def acts_for(self, role: str, organization_id: int | None) -> bool:
        return organization_id is not None and organization_id in self.bodies.get(role, frozenset())

    @property
    def all_bodies(self) -> frozenset[int]:
        return frozenset().union(*self.bodies.values()) if self.bodies else frozenset()


def _descendants(roots: set[int]) -> frozenset[int]:
    children = defaultdict(list)
    for pk, parent_id in Organization.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, stack = set(roots), list(roots)
    while stack:
        for child in children[stack.pop()]:
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def scope_of(user) -> Scope:
    """The user's rights, read once and kept on the user object for the rest of the request."""
    cached = getattr(user, "_plan_scope", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        scope = Scope(is_admin=False, bodies={}, overseen=frozenset())
    else:
        bodies: dict[str, set[int]] = defaultdict(set)
        for role, organization_id, level, parent_id in Staff.objects.filter(user=user).values_list(
            "role", "organization_id", "organization__level", "organization__parent_id"
        ):
            bodies[role].add(organization_id)
            if role == StaffRole.DRAFTER and level == OrganizationLevel.OFFICE and parent_id is not None:
                bodies[role].add(parent_id)  # an office drafts for the body it belongs to
        overseer_roots = bodies.get(StaffRole.OVERSEER, set())
        scope = Scope(
            is_admin=user.is_superuser,
            bodies={role: frozenset(ids) for role, ids in bodies.items()},
            overseen=_descendants(overseer_roots) if overseer_roots else frozenset(),
        )
    user._plan_scope = scope
    return scope


def _members(organization_ids, *, head_only: bool = False):
    memberships = ClusterMembership.objects.filter(
        cluster=OuterRef("cluster"), year=OuterRef("year"), organization__in=organization_ids
    )
    if head_only:
        memberships = memberships.filter(role=MembershipRole.HEAD)
    return Exists(memberships)


def visible_plans(user, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    """`queryset` (all plans by default) narrowed to what `user` may see; no joins that repeat rows."""
    queryset = Plan.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.is_admin:
        return queryset
    bodies = scope.all_bodies
    if not bodies:
        return queryset.none()
    quota = ParticipantGroup.objects.filter(plan=OuterRef("pk"), units__in=bodies)
    condition = (
        Q(organization__in=bodies | scope.overseen)
        | _members(bodies, head_only=True)
        | (~Q(status=PlanStatus.DRAFT) & (_members(bodies) | Exists(quota)))
        | Q(cluster__organization__in=scope.overseen)
    )
    return queryset.filter(condition)


def acting_as(user, role: str) -> Q:
    """Plans on which the user holds `role` for the acting body (a filter; everything for a superuser)."""
    scope = scope_of(user)
    if scope.is_admin:
        return Q()
    bodies = scope.bodies.get(role, frozenset())
    return Q(organization__in=bodies) | _members(bodies, head_only=True)


def asked_of(user) -> Q:
    """Cluster plans on which a unit the user answers for is asked its opinion and has not answered."""
    scope = scope_of(user)
    units = set().union(*(scope.bodies.get(role, frozenset()) for role in ANSWERING_ROLES))
    answered = ConsultationResponse.objects.filter(plan=OuterRef("pk"), organization__in=units)
    asked = ClusterMembership.objects.filter(
        cluster=OuterRef("cluster"), year=OuterRef("year"), organization__in=units
    ).exclude(role=MembershipRole.HEAD)
    return Q(consultation_deadline__isnull=False) & Exists(asked) & ~Exists(answered)


def acting_body(plan: Plan) -> Organization | None:
    """The body whose staff act on the plan: its issuer, or the cluster's head of the plan's year."""
    if plan.organization_id:
        return plan.organization
    if not hasattr(plan, "_acting_body"):  # asked once per action on the plan page
        plan._acting_body = plan.cluster.head_for(plan.year)
    return plan._acting_body


def _state_denial(action: Action, plan: Plan) -> str | None:
    if plan.status in ALLOWED_STATES[action]:
        return None
    message = STATE_MESSAGES[action]
    return message[plan.status] if isinstance(message, dict) else message


def denial(user, action: Action, plan: Plan, *, today: datetime.date | None = None) -> str | None:
    """Why `user` may not do `action` to `plan` (a visible one), in Vietnamese; None when allowed."""
    scope = scope_of(user)
    if action == Action.VIEW:
        return None
    if (reason := _state_denial(action, plan)) is not None:
        return reason
    if action == Action.CONSULT and not plan.cluster_id:
        return CONSULT_CLUSTER_ONLY_MESSAGE
    if action == Action.ANSWER:
        return _answer_denial(scope, plan, today)
    if action == Action.REGISTER:
        return _registration_denial(user, plan, today)
    if action in (Action.FOLLOW, Action.REPORT):
        return None  # whoever sees the issued plan follows it and reads its reviews
    if action == Action.UNIT_LIST:
        return None if registering_units(user, plan) else NO_QUOTA_MESSAGE
    if not scope.is_admin:
        body = acting_body(plan)
        if body is None:
            return NO_HEAD_MESSAGE.format(year=plan.year)
        roles = ACTING_ROLES[action]
        if not any(scope.acts_for(role, body.pk) for role in roles):
            message = ROLE_MESSAGES[roles if len(roles) > 1 else roles[0]]
            return message.format(body=body.short_name or body.name)
    if action == Action.APPROVE:
        return _consultation_denial(plan, today)
    return None


def registration_open(plan: Plan, today: datetime.date | None = None) -> bool:
    """Before the deadline (the day itself included), or until the day the organiser reopened it."""
    today = today or timezone.localdate()
    closes = max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)), default=None)
    return closes is None or today <= closes


def registering_units(user, plan: Plan) -> list[Organization]:
    """The units with a quota in the plan (per-unit groups) for which the user registers people;
    every such unit for a superuser."""
    scope = scope_of(user)
    units = Organization.objects.filter(participant_quotas__plan=plan).distinct().order_by("name")
    if scope.is_admin:
        return list(units)
    mine = set().union(*(scope.bodies.get(role, frozenset()) for role in REGISTERING_ROLES))
    return [unit for unit in units if unit.pk in mine]


NO_REGISTRATION_LIST_MESSAGE = (
    "Kế hoạch này không giao định mức cử người cho đơn vị nào nên không có danh sách đăng ký."
)
FULL_LIST_MESSAGE = "Chỉ đơn vị tổ chức hoặc đơn vị được giao định mức mới tải được danh sách đầy đủ."


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


def _registration_denial(user, plan: Plan, today: datetime.date | None) -> str | None:
    if not registering_units(user, plan):
        return NO_QUOTA_MESSAGE
    if not registration_open(plan, today):
        deadline = max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)))
        return REGISTRATION_CLOSED_MESSAGE.format(deadline=deadline)
    return None


def personal_data_units(user, plan: Plan) -> set[int] | None:
    """The units whose people's citizen ID and phone the user sees in full, asked once for a whole
    list: None for every unit (the organiser), else the units the user registers for (maybe none)."""
    if denial(user, Action.ORGANISE, plan) is None:
        return None
    return {unit.pk for unit in registering_units(user, plan)}


def sees_personal_data(user, plan: Plan, organization_id: int) -> bool:
    """Citizen ID and phone in full: only the organiser and the unit that registered the person."""
    units = personal_data_units(user, plan)
    return units is None or organization_id in units


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


def _answer_denial(scope: Scope, plan: Plan, today: datetime.date | None) -> str | None:
    if plan.consultation_deadline is None or (today or timezone.localdate()) > plan.consultation_deadline:
        return NOT_ASKED_MESSAGE
    if not answering_units(scope, plan):
        return NOT_MEMBER_MESSAGE.format(year=plan.year)
    return None


def answering_units(scope_or_user, plan: Plan) -> list[Organization]:
    """The member units (other than the head) for which the user answers a consultation."""
    scope = scope_or_user if isinstance(scope_or_user, Scope) else scope_of(scope_or_user)
    members = consulted_units(plan)
    if scope.is_admin:
        return members
    mine = set().union(*(scope.bodies.get(role, frozenset()) for role in ANSWERING_ROLES))
    return [unit for unit in members if unit.pk in mine]


def consulted_units(plan: Plan) -> list[Organization]:
    """The cluster's member units of the plan's year whose opinion is asked: all but the head."""
    if not plan.cluster_id:
        return []
    memberships = ClusterMembership.objects.filter(cluster_id=plan.cluster_id, year=plan.year).exclude(
        role=MembershipRole.HEAD
    )
    return [membership.organization for membership in memberships.select_related("organization")]


def _consultation_denial(plan: Plan, today: datetime.date | None) -> str | None:
    deadline = plan.consultation_deadline
    if deadline is None or (today or timezone.localdate()) > deadline:
        return None
    answered = set(plan.consultation_responses.values_list("organization_id", flat=True))
    waiting = [unit for unit in consulted_units(plan) if unit.pk not in answered]
    if waiting:
        return CONSULTATION_OPEN_MESSAGE.format(deadline=deadline, count=len(waiting))
    return None


def can(user, action: Action, plan: Plan) -> bool:
    return denial(user, action, plan) is None


def require(user, action: Action, plan: Plan) -> None:
    """Raise PermissionDenied (a 403 with the reason) unless `user` may do `action` to `plan`."""
    if (reason := denial(user, action, plan)) is not None:
        raise PermissionDenied(reason)


def allowed_actions(user, plan: Plan) -> set[Action]:
    """What the plan page offers this user."""
    return {action for action in Action if action != Action.VIEW and can(user, action, plan)}


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
