"""Review meetings (bình xét): the list, opening one, recording attendance, candidates and counts, closing.

The pages parse input and show results; the rules are in emulation.services.meetings and the rights in
plans.policy (review): a meeting the user may not read is a 404, an action refused on one they read a
403 with the reason.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters.models import Cluster, Organization
from common.errors import ServiceError, add_to_form, add_to_page
from common.pagination import CappedPaginator
from emulation.dossier import COUNT_COLUMNS, meeting_counts
from emulation.forms.meetings import (
    AttendeeFormSet,
    CandidateFormSet,
    MeetingForm,
    attendee_initial,
    candidate_initial,
    meeting_initial,
    row_choices,
)
from emulation.models import ReviewMeeting
from emulation.services import meetings as services
from emulation.services import papers
from plans import policy

CREATED_MESSAGE = "Đã mở cuộc họp bình xét năm {year}."
SAVED_MESSAGE = "Đã lưu diễn biến cuộc họp."
MINUTES_MESSAGE = "Đã lập dự thảo biên bản; soạn, trình và ban hành như một văn bản."
CLOSED_MESSAGE = "Đã kết thúc cuộc họp: {passed}/{total} đối tượng đạt tỷ lệ phiếu ({rule})."
PAGE_SIZE = 50
COUNT_CAP = 1000
NOT_RUNNER_MESSAGE = (
    "Chỉ chuyên viên, lãnh đạo của đơn vị Trưởng cụm (hoặc của chính cơ quan) mới mở được cuộc họp "
    "bình xét của {issuer}."
)


def meetings_queryset():
    return ReviewMeeting.objects.select_related("cluster", "organization", "minutes")


def meeting_view(*, run: bool = False, while_open: bool | None = None):
    """Decorate `view(request, meeting, …)`: the meeting among those the user reads (else 404) and,
    for `run`, the user running it in the meeting's state (else 403 with the reason)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, pk: int, *args, **kwargs):
            meeting = get_object_or_404(policy.visible_reviews(request.user, meetings_queryset()), pk=pk)
            if run and (reason := policy.meeting_denial(request.user, meeting, while_open=while_open)):
                raise PermissionDenied(reason)
            return view(request, meeting, *args, **kwargs)

        return wrapper

    return decorator


@require_safe
@login_required
def meeting_list(request):
    meetings = policy.visible_reviews(request.user, meetings_queryset()).order_by("-year", "-held_on", "-pk")
    page_obj = CappedPaginator(meetings, PAGE_SIZE, cap=COUNT_CAP).get_page(request.GET.get("page"))
    organizations, clusters = policy.review_issuers(request.user)
    # A superuser may open a meeting for any issuer: through the cluster's page, not a list of them all.
    sees_all = request.user.is_superuser
    return render(
        request,
        "emulation/meetings/list.html",
        {
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "clusters": [] if sees_all else clusters.order_by("name"),
            "organizations": [] if sees_all else organizations.order_by("name"),
        },
    )


def _issuer(request, kind: str, pk: int) -> tuple[Cluster | None, Organization | None]:
    """The cluster or body the new meeting is for, if the user runs its reviews (else 403)."""
    model = Cluster if kind == "cluster" else Organization
    issuer = get_object_or_404(model, pk=pk)
    organizations, clusters = policy.review_issuers(request.user)
    allowed = clusters if kind == "cluster" else organizations
    if not allowed.filter(pk=issuer.pk).exists():
        raise PermissionDenied(NOT_RUNNER_MESSAGE.format(issuer=issuer.name))
    return (issuer, None) if kind == "cluster" else (None, issuer)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request, kind: str, pk: int):
    cluster, organization = _issuer(request, kind, pk)
    issuer = cluster or organization
    form = MeetingForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                user=request.user, cluster=cluster, organization=organization, **form.cleaned_data
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, CREATED_MESSAGE.format(year=meeting.year))
            return redirect("emulation:meeting_record", meeting.pk)
    return render(request, "emulation/meetings/create.html", {"form": form, "issuer": issuer})


@require_safe
@meeting_view()
def meeting_detail(request, meeting):
    candidates = list(meeting.candidates.select_related("organization", "award"))
    attendees = list(meeting.attendees.select_related("organization"))
    counts = meeting_counts(meeting, attendees=attendees, candidates=candidates)
    runs = policy.meeting_denial(request.user, meeting) is None
    return render(
        request,
        "emulation/meetings/detail.html",
        {
            "meeting": meeting,
            "attendees": attendees,
            "counts": counts,
            "columns": COUNT_COLUMNS,
            "runs": runs,
            "problems": []
            if meeting.is_closed
            else services.close_problems(meeting, candidates, counts.present),
            "proposals": meeting.proposals.order_by("pk"),
            # The change log, for those who run the meeting (its counts as they were typed).
            "changes": meeting.changes.select_related("actor") if runs else (),
        },
    )


@require_http_methods(["GET", "POST"])
@meeting_view(run=True, while_open=True)
def meeting_record(request, meeting):
    units = services.eligible_units(meeting)
    choices = row_choices(units)
    attendee_kwargs = {"units": units, "choices": {"organization": choices["organization"]}}
    candidate_kwargs = {"units": units, "choices": choices}
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, initial=meeting_initial(meeting))
    # The saved rows are the page's starting values; a posted page is read whole, every row as typed
    # (a row left as it was is still a row, not one Django may skip as unchanged).
    attendees = AttendeeFormSet(
        data,
        initial=None if data else attendee_initial(meeting),
        prefix="attendees",
        form_kwargs=attendee_kwargs,
    )
    candidates = CandidateFormSet(
        data,
        initial=None if data else candidate_initial(meeting),
        prefix="candidates",
        form_kwargs=candidate_kwargs,
    )
    if data is not None and all([form.is_valid(), attendees.is_valid(), candidates.is_valid()]):
        attendee_rows = [(index, row.as_input()) for index, row in enumerate(attendees.forms)]
        candidate_rows = [(index, row.as_input()) for index, row in enumerate(candidates.forms)]
        attendee_rows = [(index, item) for index, item in attendee_rows if item is not None]
        candidate_rows = [(index, item) for index, item in candidate_rows if item is not None]
        try:
            services.meeting_record(
                meeting=meeting,
                user=request.user,
                fields=form.cleaned_data,
                attendees=[item for _, item in attendee_rows],
                candidates=[item for _, item in candidate_rows],
            )
        except ServiceError as error:
            add_to_form(error, form)
            # The service numbers the rows it was given; the page's rows include the blank ones.
            for prefix, formset, rows in (
                ("attendees", attendees, attendee_rows),
                ("candidates", candidates, candidate_rows),
            ):
                for position, (index, _) in enumerate(rows):
                    if (row_errors := error.rows.get(f"{prefix}-{position}")) is not None:
                        add_to_form(error, formset.forms[index], errors=row_errors)
        else:
            messages.success(request, SAVED_MESSAGE)
            return redirect(meeting)
    return render(
        request,
        "emulation/meetings/record.html",
        {"meeting": meeting, "form": form, "attendees": attendees, "candidates": candidates},
    )


@require_POST
@meeting_view(run=True, while_open=True)
def meeting_close(request, meeting):
    try:
        closed = services.meeting_close(meeting=meeting, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        candidates = closed.candidates.all()
        messages.success(
            request,
            CLOSED_MESSAGE.format(
                passed=sum(1 for each in candidates if each.passed),
                total=len(candidates),
                rule=closed.applied_terms.describe(),
            ),
        )
    return redirect(meeting)


@require_POST
@meeting_view(run=True, while_open=False)
def meeting_minutes(request, meeting):
    """Draft the minutes of the closed meeting in the plans' pipeline and open them there."""
    try:
        document = papers.minutes_draft(meeting=meeting, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
        return redirect(meeting)
    messages.success(request, MINUTES_MESSAGE)
    return redirect(document)
