"""The check that a citizen ID is registered once per plan, without making it an oracle.

A member unit sees other units' citizen IDs masked (last four digits). If the duplicate check
named the unit that holds an ID, or answered freely, a unit could recover a full ID by trying
candidates. So:

- the answer names no unit and confirms no entry: "registered in the plan; ask the organiser";
- the plan is asked only once everything else of the entry (or the file) is right and fits the
  quota, so a probe that misses registers a real person, visible in the change log;
- each citizen ID asked in an entry that is then refused counts against a budget per user
  (`CHECK_LIMIT` in `CHECK_WINDOW`, in the cache); once it is spent, entries with a citizen ID
  are refused until the window has passed;
- every refused check is logged in `PersonalDataAccess` (kept although the entry rolls back).
"""

import functools
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Q

from activities.choices import PersonalDataUse
from activities.models import Registration
from activities.registrations.personal_data import log_personal_data
from common.errors import ServiceError
from plans.models import Plan

CITIZEN_ID_TAKEN = "Số CCCD này đã được đăng ký trong kế hoạch; liên hệ đơn vị tổ chức."
CHECKS_SPENT = (
    "Bạn đã nhập quá nhiều số CCCD trùng trong thời gian ngắn; hãy thử lại sau {minutes} phút "
    "hoặc liên hệ đơn vị tổ chức."
)
CHECK_LIMIT = 10
CHECK_WINDOW = 60 * 60  # seconds


class CitizenIdRefused(ServiceError):
    """An entry refused by the duplicate check: logged once the entry's transaction is undone."""

    def __init__(self, *, user, plan: Plan, organization, checked: int, errors):
        super().__init__(errors=errors)
        self.user, self.plan, self.organization, self.checked = user, plan, organization, checked


def _budget_key(user) -> str:
    return f"citizen-id-checks:{user.pk}"


def checks_left(user) -> int:
    return CHECK_LIMIT - cache.get(_budget_key(user), 0)


def _spend(user, count: int) -> None:
    key = _budget_key(user)
    if cache.add(key, count, CHECK_WINDOW):
        return
    try:
        cache.incr(key, count)
    except ValueError:  # expired between add and incr
        cache.add(key, count, CHECK_WINDOW)


def taken_citizen_ids(
    *, user, plan: Plan, organization, citizen_ids: Iterable[str], exclude: Q | None = None
) -> set[str]:
    """Of `citizen_ids`, those already registered for the plan (other rows than `exclude`).

    Ask only when the entry is otherwise right. A refusal for a spent budget is raised here; the
    caller raises `refusal(...)` when the answer is not empty.
    """
    wanted = [value for value in citizen_ids if value]
    if not wanted:
        return set()
    if checks_left(user) <= 0:
        errors = {"citizen_id": [CHECKS_SPENT.format(minutes=CHECK_WINDOW // 60)]}
        raise CitizenIdRefused(user=user, plan=plan, organization=organization, checked=0, errors=errors)
    rows = Registration.objects.filter(plan=plan, citizen_id__in=wanted)
    if exclude is not None:
        rows = rows.exclude(exclude)
    taken = set(rows.values_list("citizen_id", flat=True))
    if taken:
        _spend(user, len(wanted))
    return taken


def logs_refusals(service):
    """Wraps a service (outside its transaction): a refused duplicate check leaves a log entry."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except CitizenIdRefused as refusal:
            log_personal_data(
                user=refusal.user,
                plan=refusal.plan,
                use=PersonalDataUse.DUPLICATE_CHECK,
                rows=refusal.checked,
                organization=refusal.organization,
            )
            raise

    return wrapper
