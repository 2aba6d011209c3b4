"""Pages of the criteria tables and of scoring. They parse input and show results; the rules are in
emulation.criteria, emulation.scoring and plans.policy.scoring. A table the user may not see is a
404; a refused action on a table they see is a 403 with the reason (or, for a write refused on the
locked row, a message on the page)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters.models import Organization
from common.downloads import file_response
from common.errors import ServiceError, add_to_form, add_to_page
from emulation import arithmetic, criteria_document, scoring
from emulation import criteria as criteria_services
from emulation.choices import ScoreSide
from emulation.forms.scoring import AssignForm, CopyForm, CriterionForm, ScoreForm, TableCreateForm
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.scores import ScoreEvidence, ScoringChange
from plans.policy import may_draft_for
from plans.policy import scoring as policy

SAVED_MESSAGE = "Đã lưu."
ISSUED_MESSAGE = "Đã ban hành bảng tiêu chí; các đơn vị bắt đầu chấm điểm được."
DOCUMENT_MESSAGE = (
    "Đã tạo dự thảo văn bản ban hành bảng tiêu chí; hoàn thiện người ký rồi trình duyệt như kế hoạch."
)
SUBMITTED_MESSAGE = "Đã gửi bản tự chấm của đơn vị."
LOG_PAGE = 200


def table_view(view):
    """`view(request, table, …)` for a URL with the table's `pk`: 404 unless the user sees it."""

    @wraps(view)
    @login_required
    def wrapper(request, pk: int, *args, **kwargs):
        table = get_object_or_404(
            CriteriaTable.objects.select_related("cluster", "organization", "plan", "document"), pk=pk
        )
        if not policy.sees_table(request.user, table):
            raise Http404
        return view(request, table, *args, **kwargs)

    return wrapper


def _deny(reason: str | None) -> None:
    if reason is not None:
        raise PermissionDenied(reason)


@require_safe
@login_required
def table_list(request):
    tables = policy.visible_tables(
        request.user,
        CriteriaTable.objects.select_related("cluster", "organization").order_by("-year", "title"),
    )[:200]
    return render(request, "emulation/scoring/table_list.html", {"tables": tables})


@require_http_methods(["GET", "POST"])
@login_required
def table_create(request):
    _deny(None if policy.may_start_tables(request.user) else policy.NOT_MANAGER_MESSAGE)
    form = TableCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            table = criteria_services.table_create(actor=request.user, **form.service_arguments())
        except ServiceError as error:
            add_to_form(error, form)
        else:
            return redirect(table)
    return render(request, "emulation/scoring/table_create.html", {"form": form})


@require_safe
@table_view
def table_detail(request, table):
    criteria = scoring.criteria_of(table)
    lines = scoring.unit_sheet(table, None)
    manage_denial = policy.manage_denial(request.user, table, editing=True)
    units = Organization.objects.filter(pk__in=policy.readable_units(request.user, table)).order_by("name")
    context = {
        "table": table,
        "lines": lines,
        "maximum": arithmetic.maximum(criteria),
        "may_edit": manage_denial is None,
        # The guidance that issues the table is a paper of its owner: only its drafters start it.
        "may_draft_document": manage_denial is None
        and may_draft_for(
            request.user, organization=table.organization, cluster=table.cluster, year=table.year
        )
        is None,
        "manages": policy.manages(request.user, table),
        "criterion_form": CriterionForm(table=table) if manage_denial is None else None,
        "assign_form": AssignForm(units=units) if policy.manage_denial(request.user, table) is None else None,
        "copy_form": CopyForm(),
        "units": units,
        "sees_ranking": policy.sees_ranking(request.user, table),
    }
    return render(request, "emulation/scoring/table_detail.html", context)


def _criterion_form(request, table, criterion=None):
    form = CriterionForm(request.POST or None, instance=criterion, table=table)
    if request.method == "POST" and form.is_valid():
        try:
            criteria_services.criterion_save(
                actor=request.user,
                table=table,
                criterion=criterion,
                activities=form.cleaned_data.get("activities"),
                **form.service_fields(),
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, SAVED_MESSAGE)
            return redirect(table)
    return render(request, "emulation/scoring/criterion_form.html", {"table": table, "form": form})


@require_http_methods(["GET", "POST"])
@table_view
def criterion_add(request, table):
    _deny(policy.manage_denial(request.user, table, editing=True))
    return _criterion_form(request, table)


@require_http_methods(["GET", "POST"])
@table_view
def criterion_edit(request, table, criterion_id: int):
    _deny(policy.manage_denial(request.user, table, editing=True))
    return _criterion_form(request, table, get_object_or_404(Criterion, pk=criterion_id, table=table))


@require_POST
@table_view
def criterion_delete(request, table, criterion_id: int):
    _deny(policy.manage_denial(request.user, table, editing=True))
    try:
        criteria_services.criterion_delete(
            actor=request.user, criterion=get_object_or_404(Criterion, pk=criterion_id, table=table)
        )
    except ServiceError as error:
        add_to_page(request, error)
    return redirect(table)


def _errors_to_page(request, form) -> None:
    """A small form posted from the table's page: its messages at the top of that page."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _table_action(request, table, action, success: str = SAVED_MESSAGE, **arguments):
    try:
        result = action(actor=request.user, table=table, **arguments)
    except ServiceError as error:
        add_to_page(request, error)
        return redirect(table)
    messages.success(request, success)
    return redirect(result if isinstance(result, CriteriaTable) else table)


@require_POST
@table_view
def table_issue(request, table):
    _deny(policy.manage_denial(request.user, table))
    return _table_action(request, table, criteria_services.table_issue, ISSUED_MESSAGE)


@require_POST
@table_view
def table_document(request, table):
    """Start the document that issues the table, then complete it in the plan editor."""
    _deny(policy.manage_denial(request.user, table, editing=True))
    try:
        document = criteria_document.table_document_create(actor=request.user, table=table)
    except ServiceError as error:
        add_to_page(request, error)
        return redirect(table)
    messages.success(request, DOCUMENT_MESSAGE)
    return redirect("plans:edit", document.pk)


@require_POST
@table_view
def table_new_version(request, table):
    _deny(policy.manage_denial(request.user, table))
    return _table_action(request, table, criteria_services.table_new_version)


@require_POST
@table_view
def table_copy(request, table):
    _deny(None if policy.manages(request.user, table) else policy.NOT_MANAGER_MESSAGE)
    form = CopyForm(request.POST)
    if not form.is_valid():
        _errors_to_page(request, form)
        return redirect(table)
    return _table_action(request, table, criteria_services.table_copy_to_year, year=form.cleaned_data["year"])


@require_POST
@table_view
def assign_reviewer(request, table):
    _deny(policy.manage_denial(request.user, table))
    units = Organization.objects.filter(pk__in=policy.participant_ids(table)).order_by("name")
    form = AssignForm(request.POST, units=units)
    if not form.is_valid():
        _errors_to_page(request, form)
        return redirect(table)
    return _table_action(
        request,
        table,
        scoring.assign_reviewer,
        unit_id=form.cleaned_data["unit"],
        reviewer=form.cleaned_data["reviewer"],
        reviewer_unit_id=form.cleaned_data["reviewer_unit"],
    )


def _unit(table, unit_id: int, user) -> Organization:
    if unit_id not in policy.readable_units(user, table):
        raise Http404
    return get_object_or_404(Organization, pk=unit_id)


@require_http_methods(["GET", "POST"])
@table_view
def scorecard(request, table, unit_id: int):
    """A unit's sheet: its self-score (a draft only it reads until sent) and the reviewers' scores."""
    unit = _unit(table, unit_id, request.user)
    card = table.scorecards.filter(unit=unit).first()
    submitted = card is not None and card.self_submitted
    reads_own = policy.reads_self_score(request.user, table, unit.pk, submitted=submitted)
    self_denial = policy.self_score_denial(request.user, table, unit.pk)
    review_denial = policy.review_denial(request.user, table, unit.pk)
    lines = scoring.unit_sheet(table, unit.pk)
    failed = None
    if request.method == "POST":
        side = ScoreSide.REVIEW if request.POST.get("side") == ScoreSide.REVIEW else ScoreSide.SELF
        _deny(self_denial if side == ScoreSide.SELF else review_denial)
        line = next((line for line in lines if str(line.criterion.pk) == request.POST.get("criterion")), None)
        if line is None:
            raise Http404
        form = ScoreForm(
            request.POST,
            request.FILES,
            offered=line.offered if side == ScoreSide.SELF else (),
            auto_id=_field_ids(line, side),
        )
        if form.is_valid():
            try:
                scoring.score_set(
                    actor=request.user,
                    table=table,
                    unit_id=unit.pk,
                    criterion=line.criterion,
                    side=side,
                    result=form.cleaned_data["result"],
                    points=form.cleaned_data["points"],
                    note=form.cleaned_data["note"],
                    evidence_ids=form.cleaned_data["evidence"],
                    uploads=[form.cleaned_data["file"]] if form.cleaned_data["file"] else [],
                )
            except ServiceError as error:
                add_to_form(error, form)
            else:
                messages.success(request, SAVED_MESSAGE)
                return redirect(request.path + f"#tc-{line.criterion.pk}")
        failed = (line.criterion.pk, side, form)
    for line in lines:
        line.self_form = (
            _line_form(line, ScoreSide.SELF, failed) if self_denial is None and not submitted else None
        )
        line.review_form = _line_form(line, ScoreSide.REVIEW, failed) if review_denial is None else None
    totals = scoring.scoreboard(table, unit_ids={unit.pk})
    context = {
        "table": table,
        "unit": unit,
        "card": card,
        "lines": lines,
        "reads_own": reads_own,
        "may_submit": self_denial is None and not submitted,
        "totals": totals[0] if totals else None,
    }
    response = render(request, "emulation/scoring/scorecard.html", context, status=400 if failed else 200)
    patch_cache_control(response, no_store=True)
    return response


def _line_form(line, side, failed):
    if not line.criterion.is_scored:
        return None
    if failed is not None and failed[0] == line.criterion.pk and failed[1] == side:
        return failed[2]
    score = line.own if side == ScoreSide.SELF else line.review
    initial = {}
    if score is not None:
        initial = {"result": score.result, "points": score.points, "note": score.note}
    return ScoreForm(
        initial=initial,
        offered=line.offered if side == ScoreSide.SELF else (),
        auto_id=_field_ids(line, side),
    )


def _field_ids(line, side) -> str:
    """Ids of one criterion's form: a sheet holds one per criterion and side, each label naming its box."""
    return f"id_{side}_{line.criterion.pk}_%s"


@require_POST
@table_view
def scorecard_submit(request, table, unit_id: int):
    unit = _unit(table, unit_id, request.user)
    _deny(policy.self_score_denial(request.user, table, unit.pk))
    try:
        scoring.self_submit(actor=request.user, table=table, unit_id=unit.pk)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        messages.success(request, SUBMITTED_MESSAGE)
    return redirect("emulation:scorecard", table.pk, unit.pk)


@require_safe
@table_view
def score_evidence(request, table, evidence_id: int):
    """A file uploaded as evidence, to those who read the unit's self-score."""
    evidence = get_object_or_404(
        ScoreEvidence.objects.select_related("score__scorecard"),
        pk=evidence_id,
        score__scorecard__table=table,
    )
    card = evidence.score.scorecard
    if card.unit_id not in policy.readable_units(request.user, table) or not policy.reads_self_score(
        request.user, table, card.unit_id, submitted=card.self_submitted
    ):
        raise Http404
    if not evidence.file:
        raise Http404
    try:
        with evidence.file.open("rb") as handle:
            content = handle.read()
    except OSError as error:
        raise Http404 from error
    response = file_response(content, filename=evidence.original_name, content_type=evidence.content_type)
    patch_cache_control(response, no_store=True)
    return response


@require_safe
@table_view
def ranking(request, table):
    _deny(None if policy.sees_ranking(request.user, table) else policy.RANKING_MESSAGE)
    return render(
        request,
        "emulation/scoring/ranking.html",
        {
            "table": table,
            "rows": scoring.ranking(table),
            "maximum": arithmetic.maximum(scoring.criteria_of(table)),
        },
    )


@require_safe
@table_view
def change_log(request, table):
    _deny(
        None
        if policy.manages(request.user, table) or policy.oversees(request.user, table)
        else policy.NOT_MANAGER_MESSAGE
    )
    changes = ScoringChange.objects.filter(table=table).select_related("actor", "unit")[:LOG_PAGE]
    return render(request, "emulation/scoring/change_log.html", {"table": table, "changes": changes})
