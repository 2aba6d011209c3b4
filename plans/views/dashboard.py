"""The signed-in user's start page: what waits for them, drafts, activities and deadlines ahead."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from activities.registrations.todo import registration_tasks
from activities.selectors import upcoming_activities
from clusters.models import Organization
from plans import policy
from plans.choices import PlanStatus
from plans.selectors import (
    latest_change,
    plan_list_queryset,
    plans_by_issuer,
    upcoming_registration_deadlines,
    waiting_for,
)
from plans.views.browse import PARTS_TIMEOUT, templates_fingerprint

HORIZON = datetime.timedelta(days=30)
LIMIT = 10
# The columns the page shows of a plan (subject, issuer, symbol, dates of its list): reading and
# building only these costs a fraction of the whole row with its issuer's.
SHOWN_ISSUER_FIELDS = ("name", "short_name", "abbreviation")
SHOWN_PLAN_FIELDS = (
    "subject",
    "year",
    "status",
    "document_type",
    "number",
    "symbol",
    "updated_at",
    "registration_deadline",
    "registration_reopened_until",
    *(f"{issuer}__{field}" for issuer in ("organization", "cluster") for field in SHOWN_ISSUER_FIELDS),
)
SHOWN_ACTIVITY_FIELDS = (
    "content",
    "start_date",
    "month",
    "order",
    *(f"plan__{field}" for field in SHOWN_PLAN_FIELDS if not field.startswith("registration")),
)


# How long a user's lists are kept: a plan written, a new entry of any plan's change log, a change
# of the user's rights or a new day is a new key at once (latest_change); what the lists read from
# other rows (a body's name) shows after this long at most, as on the plan page.
LISTS_TIMEOUT = PARTS_TIMEOUT
LISTS_TEMPLATES = ("plans/includes/dashboard_lists.html",)


@require_safe
@login_required
def dashboard(request):
    today = timezone.localdate()
    user = request.user
    # Kept per user: the key holds everything the lists depend on, the rights included.
    key = (
        f"plans:dashboard:{templates_fingerprint(LISTS_TEMPLATES)}:{user.pk}:{policy.rights_key(user)}:"
        f"{today.isoformat()}:{latest_change()}"
    )
    lists = cache.get(key)
    if lists is None:
        lists = render_to_string(LISTS_TEMPLATES[0], dashboard_lists(user, today))
        cache.set(key, lists, LISTS_TIMEOUT)
    return render(
        request,
        "plans/dashboard.html",
        {"lists": mark_safe(lists), "may_draft": policy.may_draft(user)},  # noqa: S308 (our template's output)
    )


def dashboard_lists(user, today) -> dict:
    """What waits for the user, the drafts of their bodies, activities and deadlines ahead and, for an
    overseer, the year's plans by issuer; each list at most LIMIT rows."""
    plans = policy.visible_plans(user, plan_list_queryset().only(*SHOWN_PLAN_FIELDS))
    waiting = {
        name: list(queryset.order_by("-updated_at")[:LIMIT])
        for name, queryset in waiting_for(user, plans, today).items()
    }
    return {
        "overview": plans_by_issuer(plans, today.year) if policy.sees_province_overview(user) else None,
        "statuses": PlanStatus.labels,
        "organizations": Organization.objects.filter(pk__in=policy.scope_of(user).all_bodies).only(
            "name", "short_name"
        ),
        "tasks": [
            ("Chờ bạn phê duyệt", waiting["approve"]),
            ("Chờ cấp số, ban hành", waiting["issue"]),
            ("Cụm xin ý kiến đơn vị bạn", waiting["answer"]),
        ],
        "registrations": registration_tasks(user, plans, today, LIMIT),
        "drafts": waiting["drafts"],
        "activities": upcoming_activities(plans, today, today + HORIZON).only(*SHOWN_ACTIVITY_FIELDS)[:LIMIT],
        "deadlines": upcoming_registration_deadlines(plans, today, today + HORIZON)[:LIMIT],
        "today": today,
        "horizon_end": today + HORIZON,
    }
