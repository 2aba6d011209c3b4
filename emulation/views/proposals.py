"""Proposal dossiers (hồ sơ đề nghị khen thưởng): draw one from a closed meeting, post the names,
record and decide objections, export the list.

A dossier is read by whoever reads its meeting; it is run by whoever runs the meeting (plans.policy,
review). The rules are in emulation.services.proposals.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.downloads import file_response
from common.errors import ServiceError, add_to_form, add_to_page
from emulation.dossier import (
    PROPOSAL_COLUMNS,
    dossier_pdf,
    proposal_filename,
    proposal_rows,
    proposal_workbook,
)
from emulation.forms.proposals import DecisionForm, ObjectionForm, PostingForm, ProposalForm
from emulation.models import Objection, Proposal
from emulation.services import papers
from emulation.services import proposals as services
from emulation.views.meetings import meeting_view
from plans import policy

CREATED_MESSAGE = "Đã lập hồ sơ đề nghị khen thưởng với {count} tập thể, cá nhân."
POSTED_MESSAGE = "Đã lưu thời gian công khai danh sách đề nghị."
OBJECTION_MESSAGE = "Đã ghi nhận ý kiến phản ánh."
DECIDED_MESSAGE = "Đã ghi kết quả xem xét ý kiến phản ánh."
DOCUMENT_MESSAGE = "Đã lập dự thảo tờ trình; soạn, trình và ban hành như một văn bản."
NO_DOCUMENT_MESSAGE = "Hồ sơ chưa có tờ trình."


def proposal_view(*, run: bool = False):
    """Decorate `view(request, proposal, …)`: the dossier of a meeting the user reads (else 404) and,
    for `run`, one they run (else 403 with the reason)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, pk: int, *args, **kwargs):
            proposals = Proposal.objects.select_related(
                "meeting__cluster", "meeting__organization", "document"
            )
            proposal = get_object_or_404(
                policy.visible_reviews(request.user, proposals, prefix="meeting__"), pk=pk
            )
            if run and (reason := policy.meeting_denial(request.user, proposal.meeting, while_open=False)):
                raise PermissionDenied(reason)
            return view(request, proposal, *args, **kwargs)

        return wrapper

    return decorator


@require_http_methods(["GET", "POST"])
@meeting_view(run=True, while_open=False)
def proposal_create(request, meeting):
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(meeting=meeting, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, CREATED_MESSAGE.format(count=proposal.entries.count()))
            for warning in services.authority_warnings(proposal):
                messages.warning(request, warning)
            return redirect(proposal)
    passed = meeting.candidates.filter(passed=True).select_related("organization", "award")
    return render(
        request, "emulation/proposals/create.html", {"meeting": meeting, "form": form, "passed": passed}
    )


def _page(request, proposal, *, posting_form=None, objection_form=None):
    runs = policy.meeting_denial(request.user, proposal.meeting) is None and not services.is_sent(proposal)
    objections = list(proposal.objections.select_related("entry"))
    return render(
        request,
        "emulation/proposals/detail.html",
        {
            "proposal": proposal,
            "meeting": proposal.meeting,
            "columns": PROPOSAL_COLUMNS,
            "rows": proposal_rows(proposal),
            "withdrawn": [entry for entry in proposal.entries.all() if entry.withdrawn],
            "objections": [(row, DecisionForm(prefix=f"o{row.pk}")) for row in objections],
            "runs": runs,
            "sent": services.is_sent(proposal),
            "problems": services.send_problems(proposal),
            "warnings": services.authority_warnings(proposal),
            "posting_form": posting_form
            or PostingForm(
                initial={
                    "posting_starts": proposal.posting_starts,
                    "posting_ends": proposal.posting_ends,
                    "posting_place": proposal.posting_place,
                }
            ),
            "objection_form": objection_form or ObjectionForm(proposal=proposal),
        },
    )


@require_safe
@proposal_view()
def proposal_detail(request, proposal):
    return _page(request, proposal)


@require_POST
@proposal_view(run=True)
def proposal_posting(request, proposal):
    form = PostingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.posting_set(
                proposal=proposal,
                user=request.user,
                starts=data["posting_starts"],
                ends=data["posting_ends"],
                place=data["posting_place"],
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, POSTED_MESSAGE)
            return redirect(proposal)
    return _page(request, proposal, posting_form=form)


@require_POST
@proposal_view(run=True)
def objection_add(request, proposal):
    form = ObjectionForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.objection_record(proposal=proposal, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, OBJECTION_MESSAGE)
            return redirect(proposal)
    return _page(request, proposal, objection_form=form)


@require_POST
@proposal_view(run=True)
def objection_decide(request, proposal, objection_pk: int):
    objection = get_object_or_404(Objection, pk=objection_pk, proposal=proposal)
    form = DecisionForm(request.POST, prefix=f"o{objection.pk}")
    if form.is_valid():
        try:
            services.objection_decide(objection=objection, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_page(request, error)
        else:
            messages.success(request, DECIDED_MESSAGE)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(proposal)


@require_POST
@proposal_view(run=True)
def proposal_document(request, proposal):
    """Draft the tờ trình in the plans' pipeline and open it there."""
    try:
        document = papers.proposal_document_draft(proposal=proposal, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
        return redirect(proposal)
    messages.success(request, DOCUMENT_MESSAGE)
    return redirect(document)


@require_safe
@proposal_view()
def proposal_pdf(request, proposal):
    """The tờ trình followed by the minutes and the score table, as one PDF."""
    if proposal.document is None:
        raise Http404(NO_DOCUMENT_MESSAGE)
    return file_response(dossier_pdf(proposal), filename=proposal_filename(proposal, "pdf"), fmt="pdf")


@require_safe
@proposal_view()
def proposal_xlsx(request, proposal):
    return file_response(
        proposal_workbook(proposal), filename=proposal_filename(proposal, "xlsx"), fmt="xlsx"
    )
