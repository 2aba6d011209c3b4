"""The one way a write takes hold of a plan: lock its row, then ask the policy again on it."""

import datetime

from common.errors import ServiceError
from plans import policy
from plans.models import Plan


def lock_plan(plan: Plan | int, user, action: policy.Action, *, today: datetime.date | None = None) -> Plan:
    """The plan's row, locked until the transaction ends, with `action` still allowed on it.

    The page the user acted on may be stale (someone may have moved the plan on since), so the
    policy is asked again on the locked row; a refusal is a `ServiceError` with its reason, shown
    as a message rather than an error page. Call it inside `transaction.atomic`.
    """
    pk = plan if isinstance(plan, int) else plan.pk
    locked = Plan.objects.select_for_update(of=("self",)).select_related("organization", "cluster").get(pk=pk)
    if (reason := policy.denial(user, action, locked, today=today)) is not None:
        raise ServiceError(reason)
    return locked
