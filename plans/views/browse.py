"""Reading plans: the filtered list (and its XLSX export) and the plan page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from activities.models import participant_total
from activities.schedule import activity_groups
from common.downloads import file_response
from common.pagination import CappedPaginator
from plans import panels, policy
from plans.access import plan_view
from plans.audit import changed_labels
from plans.choices import PlanStatus
from plans.documents import legal_bases
from plans.documents.format_check import check_plan_format
from plans.exports import plan_list_workbook
from plans.filtersets import PlanFilterSet
from plans.history import without_drafts
from plans.issuing import pdf_pending
from plans.models import total_amount
from plans.selectors import consultation_rows, plan_detail_queryset, plan_list_queryset, return_reason

PAGE_SIZE = 20  # rows a page draws: the page costs what it shows
# The list counts and pages through this many plans at most; past it the filters narrow the list.
COUNT_CAP = 1000
SORT_COLUMNS = [
    ("date", "Ngày văn bản"),
    ("subject", "Trích yếu"),
    ("year", "Năm"),
    ("status", "Trạng thái"),
    ("updated", "Cập nhật"),
]


# What a row of the list (and of its export) shows: the plan's text columns (its preamble and
# closing can run to pages) are never read.
LIST_COLUMNS = (
    "organization__name",
    "organization__short_name",
    "organization__abbreviation",
    "cluster__name",
    "cluster__short_name",
    "cluster__abbreviation",
    "document_type",
    "kind",
    "year",
    "subject",
    "status",
    "number",
    "symbol",
    "date_day",
    "date_month",
    "date_year",
    "updated_at",
)


def filtered_plans(request) -> PlanFilterSet:
    """The list's filters from the URL; newest document date first unless the user sorts."""
    plans = policy.visible_plans(request.user, plan_list_queryset().only(*LIST_COLUMNS))
    return PlanFilterSet(request.GET, queryset=plans.order_by("-date_key", "-pk"), request=request)


def current_sort(filterset: PlanFilterSet) -> str:
    if not filterset.is_valid():
        return ""
    return (filterset.form.cleaned_data.get("sort") or [""])[0]


@require_safe
@login_required
def plan_list(request):
    filterset = filtered_plans(request)
    # An invalid filter (say, a year typed as text) shows its message and the whole list.
    plans = filterset.qs if filterset.is_valid() else filterset.queryset
    page_obj = CappedPaginator(plans, PAGE_SIZE, cap=COUNT_CAP).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/plan_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "plans": page_obj.object_list,
            "sort_columns": SORT_COLUMNS,
            "current_sort": (filterset.form.cleaned_data.get("sort") or [""])[0]
            if filterset.is_valid()
            else "",
        },
    )


@require_safe
@login_required
def plan_export(request):
    filterset = filtered_plans(request)
    plans = filterset.qs if filterset.is_valid() else filterset.queryset
    return file_response(plan_list_workbook(plans), filename="danh-sach-ke-hoach.xlsx", fmt="xlsx")


@require_safe
@plan_view(policy.Action.VIEW, plan_detail_queryset)
def plan_detail(request, plan):
    groups = list(plan.participant_groups.all())
    sessions = [
        (session, [group for group in groups if group.session_id == session.pk])
        for session in plan.sessions.all()
    ]
    plan_groups = [group for group in groups if group.session_id is None]
    budget_lines = list(plan.budget_lines.all())
    history = plan.audit_entries.all()
    if not policy.sees_drafts(request.user, plan):
        history = without_drafts(history)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "bases": legal_bases(plan),
            "findings": check_plan_format(plan),
            "quarters": [(group.label, group.rows) for group in activity_groups(plan)],
            "plan_groups": plan_groups,
            "plan_total": participant_total(plan_groups),
            "sessions": [(session, rows, participant_total(rows)) for session, rows in sessions],
            "budget_lines": budget_lines,
            "budget_total": total_amount(budget_lines),
            "contributions_total": total_amount(plan.contributions.all()),
            "history": [(entry, changed_labels(entry)) for entry in history],
            "actions": {str(action) for action in policy.allowed_actions(request.user, plan)},
            "return_reason": return_reason(plan),
            "consultation": consultation_rows(plan),
            "approval_wait": policy.approval_wait(request.user, plan),
            "panels": panels.registry.shown(request, plan),
            "pdf_pending": plan.status == PlanStatus.ISSUED and pdf_pending(plan),
        },
    )
