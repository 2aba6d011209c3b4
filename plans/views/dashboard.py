"""The signed-in user's start page: what waits for them, drafts, activities and deadlines ahead."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from activities.registrations.todo import registration_tasks
from activities.selectors import upcoming_activities
from clusters.models import Organization
from plans import policy
from plans.choices import PlanStatus
from plans.selectors import plan_list_queryset, plans_by_issuer, upcoming_registration_deadlines, waiting_for

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


@require_safe
@login_required
def dashboard(request):
    today = timezone.localdate()
    plans = policy.visible_plans(request.user, plan_list_queryset().only(*SHOWN_PLAN_FIELDS))
    waiting = {
        name: list(queryset.order_by("-updated_at")[:LIMIT])
        for name, queryset in waiting_for(request.user, plans, today).items()
    }
    return render(
        request,
        "plans/dashboard.html",
        {
            "overview": plans_by_issuer(plans, today.year)
            if policy.sees_province_overview(request.user)
            else None,
            "statuses": PlanStatus.labels,
            "organizations": Organization.objects.filter(
                pk__in=policy.scope_of(request.user).all_bodies
            ).only("name", "short_name"),
            "tasks": [
                ("Chờ bạn phê duyệt", waiting["approve"]),
                ("Chờ cấp số, ban hành", waiting["issue"]),
                ("Cụm xin ý kiến đơn vị bạn", waiting["answer"]),
            ],
            "registrations": registration_tasks(request.user, plans, today, LIMIT),
            "drafts": waiting["drafts"],
            "activities": upcoming_activities(plans, today, today + HORIZON).only(*SHOWN_ACTIVITY_FIELDS)[
                :LIMIT
            ],
            "deadlines": upcoming_registration_deadlines(plans, today, today + HORIZON)[:LIMIT],
            "may_draft": policy.may_draft(request.user),
            "today": today,
            "horizon_end": today + HORIZON,
        },
    )
