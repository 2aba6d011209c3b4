"""Whether a user may take an action on a plan, and if not, why (the reason shown on a 403)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from clusters.choices import MembershipRole, StaffRole
from clusters.models import ClusterMembership, Organization, Staff
from plans.choices import PlanStatus
from plans.models import Plan
from plans.policy.rules import (
    ACTING_ROLES,
    ALLOWED_STATES,
    ANSWERING_ROLES,
    CONSULT_CLUSTER_ONLY_MESSAGE,
    CONSULTATION_OPEN_MESSAGE,
    NO_HEAD_MESSAGE,
    NO_QUOTA_MESSAGE,
    NOT_ASKED_MESSAGE,
    NOT_CONSULTING_MESSAGE,
    NOT_MEMBER_MESSAGE,
    REGISTERING_ROLES,
    REGISTRATION_CLOSED_MESSAGE,
    ROLE_MESSAGES,
    STATE_MESSAGES,
    Action,
)
from plans.policy.scope import (
    Scope,
    acting_body,
    scope_of,
)


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
    if action in (Action.CONSULT, Action.CLOSE_CONSULTATION) and not plan.cluster_id:
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
    if action == Action.CLOSE_CONSULTATION and not consultation_running(plan, today):
        return NOT_CONSULTING_MESSAGE
    return None


def consultation_running(plan: Plan, today: datetime.date | None = None) -> bool:
    """Asked, not closed early, and not past its deadline (the day itself included)."""
    deadline = plan.consultation_deadline
    return (
        deadline is not None
        and plan.consultation_closed_at is None
        and (today or timezone.localdate()) <= deadline
    )


def registration_closes(plan: Plan) -> datetime.date | None:
    """The day the plan's list closes: the deadline, or the later day the organiser reopened it until."""
    return max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)), default=None)


def registration_open(plan: Plan, today: datetime.date | None = None) -> bool:
    """Before the deadline (the day itself included), or until the day the organiser reopened it."""
    today = today or timezone.localdate()
    closes = registration_closes(plan)
    return closes is None or today <= closes


def registering_bodies(user) -> frozenset[int]:
    """The bodies for which the user registers people (their drafters, leaders and member staff)."""
    scope = scope_of(user)
    return frozenset().union(*(scope.bodies.get(role, frozenset()) for role in REGISTERING_ROLES))


def registering_units(user, plan: Plan) -> list[Organization]:
    """The units with a quota in the plan (per-unit groups) for which the user registers people;
    every such unit for a superuser."""
    if not hasattr(plan, "_quota_units"):  # asked twice by allowed_actions (register, unit list)
        plan._quota_units = list(
            Organization.objects.filter(participant_quotas__plan=plan).distinct().order_by("name")
        )
    units = plan._quota_units
    if scope_of(user).is_admin:
        return list(units)
    mine = registering_bodies(user)
    return [unit for unit in units if unit.pk in mine]


def _registration_denial(user, plan: Plan, today: datetime.date | None) -> str | None:
    if not registering_units(user, plan):
        return NO_QUOTA_MESSAGE
    if not registration_open(plan, today):
        return REGISTRATION_CLOSED_MESSAGE.format(deadline=registration_closes(plan))
    return None


def _answer_denial(scope: Scope, plan: Plan, today: datetime.date | None) -> str | None:
    if not consultation_running(plan, today):
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


def waiting_units(plan: Plan) -> list[Organization]:
    """The consulted member units that have not answered (two queries, whatever their number)."""
    if plan.consultation_deadline is None:
        return []
    answered = set(plan.consultation_responses.values_list("organization_id", flat=True))
    return [unit for unit in consulted_units(plan) if unit.pk not in answered]


def units_without_account(units) -> set[int]:
    """Of `units`, the pks of those where no active user may answer (no account to sign in with)."""
    pks = {unit.pk for unit in units}
    with_account = Staff.objects.filter(
        organization_id__in=pks, role__in=ANSWERING_ROLES, user__is_active=True
    ).values_list("organization_id", flat=True)
    return pks - set(with_account)


def _consultation_denial(plan: Plan, today: datetime.date | None) -> str | None:
    if not consultation_running(plan, today):
        return None
    if waiting := waiting_units(plan):
        return CONSULTATION_OPEN_MESSAGE.format(
            deadline=plan.consultation_deadline,
            count=len(waiting),
            units=", ".join(unit.short_name or unit.name for unit in waiting),
        )
    return None


def approval_wait(user, plan: Plan, today: datetime.date | None = None) -> str | None:
    """Why a submitted plan cannot be approved yet because of its consultation, told to whoever drafts
    or approves it (the same reason the approver gets on a 403); None when it does not wait."""
    if plan.status != PlanStatus.SUBMITTED:
        return None
    scope = scope_of(user)
    body = acting_body(plan)
    if not scope.is_admin and (
        body is None
        or not any(scope.acts_for(role, body.pk) for role in (StaffRole.DRAFTER, StaffRole.APPROVER))
    ):
        return None
    return _consultation_denial(plan, today)


def answers_on_behalf(user, organization: Organization) -> bool:
    """Whether `user` answers for a unit they do not belong to (an administrator, recorded as such)."""
    scope = scope_of(user)
    return not any(organization.pk in scope.bodies.get(role, frozenset()) for role in ANSWERING_ROLES)


def can(user, action: Action, plan: Plan) -> bool:
    return denial(user, action, plan) is None


def require(user, action: Action, plan: Plan) -> None:
    """Raise PermissionDenied (a 403 with the reason) unless `user` may do `action` to `plan`."""
    if (reason := denial(user, action, plan)) is not None:
        raise PermissionDenied(reason)


def allowed_actions(user, plan: Plan, among: Iterable[Action] = Action) -> set[Action]:
    """Of `among` (every action by default), those this user may take on the plan."""
    return {action for action in among if action != Action.VIEW and can(user, action, plan)}
