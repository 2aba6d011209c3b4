"""The plan's registration page (every unit's progress, the list with personal data masked where it
must be), the organiser's tools (reopening, the XLSX, the appendix) and the plan page's section.

Every page that shows or hands out personal data in full is logged (activities.registrations), and
is sent with `Cache-Control: no-store` so that no shared or back-button cache keeps it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from activities.choices import GroupKind
from activities.models import participant_total
from activities.registrations import services, xlsx_export
from activities.registrations.appendix import registration_appendix
from activities.registrations.people import registrations_of
from activities.registrations.personal_data import people_for
from activities.registrations.quotas import quota_groups, registration_progress
from activities.views.registration.forms import ReopenForm
from common.downloads import file_response
from common.errors import ServiceError, add_to_form
from plans import policy
from plans.access import plan_view
from plans.documents import appendix_filename, render_appendix

FULL_DATA_PARAMETER = "du-lieu"
FULL_DATA_VALUE = "day-du"


def _deny(reason: str | None) -> None:
    """A 403 with the reason the policy gave."""
    if reason is not None:
        raise PermissionDenied(reason)


def _render_overview(request, plan, *, reopen_form=None):
    groups = quota_groups(plan)
    _deny(policy.registration_list_denial(request.user, plan, quota_groups=groups))
    progress = registration_progress(plan, groups)
    people = people_for(request.user, plan, registrations_of(plan))
    can_organise = policy.can(request.user, policy.Action.ORGANISE, plan)
    by_unit = []
    for item in progress.units:
        rows = [person for person in people if person.registration.organization_id == item.organization.pk]
        by_unit.append((item, rows))
    return render(
        request,
        "activities/registration/overview.html",
        {
            "plan": plan,
            "progress": progress,
            "by_unit": by_unit,
            "masked": any(not person.full and not person.purged for person in people),
            "full_shown": any(person.full and not person.purged for person in people),
            "registration_open": policy.registration_open(plan),
            "can_organise": can_organise,
            "can_export": policy.full_list_denial(request.user, plan) is None,
            "may_register": policy.denial(request.user, policy.Action.UNIT_LIST, plan) is None,
            "reopen_form": reopen_form if reopen_form is not None else ReopenForm(),
            "full_parameter": f"{FULL_DATA_PARAMETER}={FULL_DATA_VALUE}",
        },
    )


@require_safe
@never_cache
@plan_view(policy.Action.VIEW)
def overview(request, plan):
    return _render_overview(request, plan)


@require_POST
@never_cache
@plan_view(policy.Action.ORGANISE)
def reopen(request, plan):
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            plan = services.registration_reopen(
                plan=plan, user=request.user, until=form.cleaned_data["until"]
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(
                request,
                f"Đã mở lại việc đăng ký đến hết ngày {plan.registration_reopened_until:%d/%m/%Y}.",
            )
            return redirect("registration:overview", pk=plan.pk)
    return _render_overview(request, plan, reopen_form=form)


@require_safe
@never_cache
@plan_view(policy.Action.VIEW)
def export(request, plan):
    _deny(policy.registration_list_denial(request.user, plan))
    content, filename = xlsx_export.registration_workbook(plan=plan, user=request.user)
    return file_response(content, filename=filename, fmt="xlsx")


def _appendix(request, plan, fmt: str) -> HttpResponse:
    _deny(policy.registration_list_denial(request.user, plan))
    full = request.GET.get(FULL_DATA_PARAMETER) == FULL_DATA_VALUE
    appendix = registration_appendix(plan=plan, user=request.user, full=full)
    return file_response(render_appendix(appendix, fmt), filename=appendix_filename(appendix, fmt), fmt=fmt)


@require_safe
@never_cache
@plan_view(policy.Action.ORGANISE)
def appendix_pdf(request, plan):
    return _appendix(request, plan, "pdf")


@require_safe
@never_cache
@plan_view(policy.Action.ORGANISE)
def appendix_docx(request, plan):
    return _appendix(request, plan, "docx")


def registration_panel(request, plan) -> dict | None:
    """The plan page's registration section (registered in plans.panels); None: nothing to show.

    For a plan with per-unit quotas: what each unit is expected to send and, once the plan is
    issued, what it has registered; the links the user may follow. Uses the plan's prefetched
    groups and one query for the counts.
    """
    groups = list(plan.participant_groups.all())
    per_unit = [group for group in groups if group.kind == GroupKind.PER_UNIT]
    if not per_unit:
        return None
    issued = policy.can(request.user, policy.Action.FOLLOW, plan)
    progress = registration_progress(plan, per_unit)
    user = request.user
    closes = max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)), default=None)
    return {
        "template": "activities/registration/panel.html",
        "plan": plan,
        "progress": progress,
        "expected": participant_total(groups),
        "issued": issued,
        "closes": closes,
        "open": policy.registration_open(plan),
        "today": timezone.localdate(),
        "may_register": issued and policy.denial(user, policy.Action.UNIT_LIST, plan) is None,
        "can_organise": issued and policy.can(user, policy.Action.ORGANISE, plan),
    }
