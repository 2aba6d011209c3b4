"""The signed-in user's start page: drafts, plans waiting, activities and deadlines ahead."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from activities.selectors import upcoming_activities
from clusters.selectors import user_organizations
from plans.choices import PlanStatus
from plans.selectors import plans_of_organizations, upcoming_registration_deadlines

HORIZON = datetime.timedelta(days=30)
LIMIT = 10


@require_safe
@login_required
def dashboard(request):
    today = timezone.localdate()
    organizations = user_organizations(request.user)
    plans = plans_of_organizations(organizations)
    return render(
        request,
        "plans/dashboard.html",
        {
            "organizations": organizations,
            "drafts": plans.filter(status=PlanStatus.DRAFT)[:LIMIT],
            "waiting": plans.filter(status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED])[:LIMIT],
            "activities": upcoming_activities(plans, today, today + HORIZON)[:LIMIT],
            "deadlines": upcoming_registration_deadlines(organizations, today, today + HORIZON)[:LIMIT],
            "today": today,
            "horizon_end": today + HORIZON,
        },
    )
