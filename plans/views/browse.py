"""Reading plans: the filtered list (and its XLSX export) and the plan page."""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import QuerySet, prefetch_related_objects
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from activities.models import participant_total
from activities.schedule import activity_groups
from common.downloads import file_response
from common.pagination import CappedPaginator
from plans import panels, policy
from plans.access import plan_view
from plans.audit import changed_labels
from plans.choices import PlanKind, PlanStatus
from plans.documents import legal_bases
from plans.documents.format_check import check_plan_format
from plans.documents.render import STAMP_TIMEOUT
from plans.exports import plan_list_workbook
from plans.filtersets import PlanFilterSet
from plans.history import without_drafts
from plans.issuing import pdf_pending
from plans.models import Plan, total_amount
from plans.selectors import (
    consultation_rows,
    latest_change,
    plan_list_queryset,
    plan_page_queryset,
    plan_page_rows,
    plan_parts_prefetches,
    return_reason,
)

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


@dataclass(frozen=True, slots=True)
class Listing:
    """The list's filters from the URL, the plans they select among those the user may see (newest
    document date first unless the user sorts), and those plans as branches of the user's
    visibility (`policy.visibility_branches`; None when the list is read whole)."""

    filterset: PlanFilterSet
    plans: QuerySet[Plan]
    branches: list[QuerySet[Plan]] | None


def listing(request) -> Listing:
    every = plan_list_queryset().only(*LIST_COLUMNS).order_by("-date_key", "-pk")
    filterset = PlanFilterSet(request.GET, queryset=every, request=request)
    # An invalid filter (say, a year typed as text) shows its message and the whole list.
    selected = filterset.qs if filterset.is_valid() else filterset.queryset
    terms = policy.visibility_branches(request.user)
    branches = None if terms is None else [selected.filter(term) for term in terms]
    return Listing(filterset, policy.visible_plans(request.user, selected), branches)


def current_sort(filterset: PlanFilterSet) -> str:
    if not filterset.is_valid():
        return ""
    return (filterset.form.cleaned_data.get("sort") or [""])[0]


@dataclass(frozen=True, slots=True)
class SortLink:
    """A column heading of the list: a link that sorts by it (the other way round when it is the
    current order), keeping the filters and going back to the first page."""

    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted by it

    @property
    def arrow(self) -> str:
        return {"ascending": " ▲", "descending": " ▼"}.get(self.aria_sort, "")


def sort_links(query, sort: str) -> list[SortLink]:
    links = []
    for key, label in SORT_COLUMNS:
        aria_sort = "ascending" if sort == key else "descending" if sort == f"-{key}" else ""
        params = query.copy()
        params.pop("page", None)
        params["sort"] = f"-{key}" if aria_sort == "ascending" else key
        links.append(SortLink(label, f"?{params.urlencode()}", aria_sort))
    return links


KIND_LABELS = dict(PlanKind.choices)
STATUS_LABELS = dict(PlanStatus.choices)
# Any number: the detail URL is reversed once per page and this number replaced by each row's id.
_ANY_ID = 987654321
# One row of the list (date, subject and kind, year, state, last change, number, issuer).
ROW = (
    "<tr>\n"
    "  <td>{}</td>\n"
    '  <td><a href="{}">{}</a><br><span class="muted">{}</span></td>\n'
    "  <td>{}</td>\n"
    '  <td><span class="badge {}">{}</span></td>\n'
    "  <td>{}</td>\n"
    "  <td>{}</td>\n"
    "  <td>{}</td>\n"
    "</tr>\n"
)


def list_rows(plans) -> str:
    """The rows of the list's table, written in one pass: a template drew each of their cells
    through a dozen calls, and a reverse(), a time zone conversion and two choice lookups per row
    on top; here the detail URL is reversed once and the labels read from two dictionaries."""
    head, tail = reverse("plans:detail", args=[_ANY_ID]).split(str(_ANY_ID))
    zone = timezone.get_current_timezone()
    return format_html_join(
        "",
        ROW,
        (
            (
                plan.short_date,
                f"{head}{plan.pk}{tail}",
                plan.subject,
                KIND_LABELS.get(plan.kind, plan.kind),
                plan.year,
                plan.status,
                STATUS_LABELS.get(plan.status, plan.status),
                f"{plan.updated_at.astimezone(zone):%d/%m/%Y %H:%M}" if plan.updated_at else "",
                plan.full_symbol,
                plan.issuer,
            )
            for plan in plans
        ),
    )


FILTERS_TEMPLATE = "plans/includes/plan_filters.html"
# How long a drawn filter form is kept; what it shows of the database (the user's bodies, the
# bodies' and clusters' names) is keyed by the version of those rows, so this only bounds memory.
FILTERS_TIMEOUT = 10 * 60


@functools.cache
def _filters_fingerprint() -> str:
    """Changes with the form's templates and its fields' labels and choices, so that a new release
    never shows a form drawn by the one before."""
    digest = hashlib.sha256(templates_fingerprint((FILTERS_TEMPLATE, "includes/field.html")).encode())
    for name, each in PlanFilterSet.base_filters.items():
        # The labels and fixed choices only: a queryset's repr would read its rows.
        digest.update(
            repr((name, each.label, each.extra.get("choices"), each.extra.get("empty_label"))).encode()
        )
    return digest.hexdigest()[:12]


def list_query_digest(request) -> str:
    """The list's filters and sort as they stand in the URL, whatever its page."""
    query = request.GET.copy()
    query.pop("page", None)
    return hashlib.sha256(query.urlencode().encode()).hexdigest()[:24]


def filters_html(request, filterset: PlanFilterSet) -> str:
    """The filter form as drawn for this query and user: from the shared cache when drawn before
    under the current version of the user's rights and of the bodies and clusters it names (see
    policy.scope_of), else drawn (two small queries and the form's fields) and kept."""
    version = policy.scope_of(request.user).version
    digest = list_query_digest(request)
    key = f"plans:list-filters:{_filters_fingerprint()}:{version}:{request.user.pk}:{digest}"
    html = cache.get(key) if version else None
    if html is None:
        html = render_to_string(FILTERS_TEMPLATE, {"filter": filterset})
        if version:
            cache.set(key, html, FILTERS_TIMEOUT)
    return mark_safe(html)  # noqa: S308 (our own template's output)


# The kept rows are plans with these columns: a release that reads others never finds the last one's.
_ROWS_FINGERPRINT = hashlib.sha256(repr(LIST_COLUMNS).encode()).hexdigest()[:8]


def kept_list_key(request) -> str:
    """Where the list's count and pages are kept for these rights, query and state of the plans:
    paging through a list, or coming back to it from a plan, counts it and reads its page once (a
    count walks up to COUNT_CAP plans: 1–6 ms at 200,000 plans). A plan written anyhow, or a new
    change-log entry, gives a new key at once (latest_change); what the rows read from other rows
    (a body's new name) shows within the paginator's KEPT_TIMEOUT, as on the dashboard."""
    rights, digest = policy.rights_key(request.user), list_query_digest(request)
    return f"plans:list:{_ROWS_FINGERPRINT}:{rights}:{latest_change()}:{digest}"


@require_safe
@login_required
def plan_list(request):
    listed = listing(request)
    # Walking the date index finds a superuser's or an overseer's first thousand plans at once; a
    # unit's plans are a few among many, found faster through its own bodies' indexes (at 200,000
    # plans: 17 ms against 7 ms for a drafter's count on PostgreSQL).
    count_by = "date_key" if policy.sees_most_plans(request.user) else None
    paginator = CappedPaginator(
        listed.plans,
        PAGE_SIZE,
        cap=COUNT_CAP,
        count_by=count_by,
        branches=listed.branches,
        cache_key=kept_list_key(request),
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    return render(
        request,
        "plans/plan_list.html",
        {
            "filters": filters_html(request, listed.filterset),
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "plans": rows,
            "rows": list_rows(rows),
            "sort_links": sort_links(request.GET, current_sort(listed.filterset)),
        },
    )


@require_safe
@login_required
def plan_export(request):
    plans = listing(request).plans
    return file_response(plan_list_workbook(plans), filename="danh-sach-ke-hoach.xlsx", fmt="xlsx")


# How long the rendered parts of a plan are kept: a plan's own changes bump its version and
# `updated_at` (a new key at once); what the parts read from other rows (a body's new name, a cited
# plan's number) shows after this long at most, as in the printed document (plans.documents.render).
PARTS_TIMEOUT = STAMP_TIMEOUT
PARTS_TEMPLATES = ("plans/includes/plan_parts.html", "plans/includes/groups.html")


@functools.cache
def templates_fingerprint(names: tuple[str, ...]) -> str:
    """Changes with these templates, so that a new release never shows a rendering kept by the last."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()[:12]


def plan_parts_html(plan) -> str:
    """The plan's own parts as its page shows them, the same for every reader of this version: read
    from the shared cache, else rendered (with every part fetched) and kept there."""
    stamp = plan.updated_at.timestamp() if plan.updated_at else ""
    key = f"plans:page-parts:{templates_fingerprint(PARTS_TEMPLATES)}:{plan.pk}:{plan.version}:{stamp}"
    html = cache.get(key)
    if html is None:
        prefetch_related_objects([plan], *plan_parts_prefetches())
        groups = list(plan.participant_groups.all())
        plan_groups = [group for group in groups if group.session_id is None]
        sessions = [
            (session, rows, participant_total(rows))
            for session in plan.sessions.all()
            for rows in [[group for group in groups if group.session_id == session.pk]]
        ]
        budget_lines = list(plan.budget_lines.all())
        html = render_to_string(
            PARTS_TEMPLATES[0],
            {
                "plan": plan,
                "bases": legal_bases(plan),
                "findings": check_plan_format(plan),
                "quarters": [(group.label, group.rows) for group in activity_groups(plan)],
                "plan_groups": plan_groups,
                "plan_total": participant_total(plan_groups),
                "sessions": sessions,
                "budget_lines": budget_lines,
                "budget_total": total_amount(budget_lines),
                "contributions_total": total_amount(plan.contributions.all()),
            },
        )
        cache.set(key, html, PARTS_TIMEOUT)
    return mark_safe(html)  # noqa: S308 (our own template's output)


# The actions the plan page offers as buttons (the panels ask for their own).
PAGE_ACTIONS = (
    policy.Action.EDIT,
    policy.Action.SUBMIT,
    policy.Action.WITHDRAW,
    policy.Action.CONSULT,
    policy.Action.CLOSE_CONSULTATION,
    policy.Action.ANSWER,
    policy.Action.APPROVE,
    policy.Action.RETURN,
    policy.Action.ISSUE,
    policy.Action.CORRECT,
    policy.Action.COPY,
)


@require_safe
@plan_view(policy.Action.VIEW, plan_page_queryset)
def plan_detail(request, plan):
    parts = plan_parts_html(plan)
    # The history and the rows the panels read, the same for every reader of this state of the plan.
    plan_page_rows(plan, timeout=PARTS_TIMEOUT)
    history = plan.audit_entries.all()
    if not policy.sees_drafts(request.user, plan):
        history = without_drafts(history)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "parts": parts,
            "history": [(entry, changed_labels(entry)) for entry in history],
            "actions": {str(action) for action in policy.allowed_actions(request.user, plan, PAGE_ACTIONS)},
            "return_reason": return_reason(plan),
            "consultation": consultation_rows(plan),
            "approval_wait": policy.approval_wait(request.user, plan),
            "panels": panels.registry.shown(request, plan),
            "pdf_pending": plan.status == PlanStatus.ISSUED and pdf_pending(plan),
        },
    )
