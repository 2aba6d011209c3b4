"""Đăng ký thi đua pages: the calls, a call's units and compiled list, a unit's registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.downloads import file_response
from common.errors import ServiceError, add_to_form, add_to_page
from emulation.exports.registrations import registration_workbook
from emulation.forms.registrations import CallForm, LineForm, ReopenForm, StartForm
from emulation.models import Compact, Registration, RegistrationLine
from emulation.selectors.registrations import call_queryset, unit_rows
from emulation.services import registrations as services
from plans import policy
from plans.documents.filenames import document_filename
from plans.documents.pdf import render_plan_pdf
from plans.issuing import printable

CALL_LIMIT = 50
CHOOSE_UNIT_MESSAGE = "Chọn đơn vị lập bản đăng ký."
REOPENED_MESSAGE = "Đã mở lại đăng ký thi đua đến hết ngày {deadline:%d/%m/%Y}."


def _call(request, pk: int):
    """The call, or a 404 when the user may not read it."""
    call = get_object_or_404(call_queryset(), pk=pk)
    if not policy.sees_call(request.user, call):
        raise Http404
    return call


def _registration(request, pk: int) -> Registration:
    """The registration, or a 404 when the user may not read it (another unit's draft included)."""
    registration = get_object_or_404(
        Registration.objects.select_related("call__cluster", "call__organization", "unit", "document"), pk=pk
    )
    readable = policy.visible_registrations(
        request.user, registration.call, Registration.objects.filter(pk=pk)
    )
    if not readable.exists():
        raise Http404
    return registration


@require_safe
@login_required
def call_list(request):
    calls = policy.visible_calls(request.user, call_queryset())[:CALL_LIMIT]
    may_open = policy.may_draft(request.user)
    return render(request, "emulation/call_list.html", {"calls": calls, "may_open": may_open})


@require_http_methods(["GET", "POST"])
@login_required
def call_create(request):
    policy.require_drafter(request.user)
    form = CallForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_open(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, "Đã mở đăng ký thi đua.")
            return redirect(call)
    return render(request, "emulation/call_form.html", {"form": form})


@require_safe
@login_required
def call_detail(request, pk: int):
    return _call_page(request, _call(request, pk))


def _call_page(request, call, *, reopen_form=None):
    runs = policy.runs_call(request.user, call)
    rows = unit_rows(request.user, call)
    filling = policy.filling_units(request.user, call)
    started = {row.unit.pk for row in rows if row.registration is not None}
    startable = [unit for unit in filling if unit.pk not in started]
    compact = (
        Compact.objects.filter(cluster_id=call.cluster_id, year=call.year).first()
        if call.cluster_id
        else None
    )
    may_reopen = (
        policy.may_open_call(
            request.user, organization=call.organization, cluster=call.cluster, year=call.year
        )
        is None
    )
    may_draw_compact = (
        bool(call.cluster_id)
        and compact is None
        and runs
        and (
            policy.may_draft_for(request.user, organization=None, cluster=call.cluster, year=call.year)
            is None
        )
    )
    return render(
        request,
        "emulation/call_detail.html",
        {
            "call": call,
            "runs": runs,
            "rows": rows,
            "start_form": StartForm(units=startable) if startable else None,
            "sent": sum(row.sent for row in rows),
            "compact": compact,
            "may_draw_compact": may_draw_compact,
            "reopen_form": reopen_form or (ReopenForm() if may_reopen else None),
            "reopenings": call.reopenings.select_related("reopened_by"),
        },
    )


@require_POST
@login_required
def call_reopen(request, pk: int):
    """Give the call a new deadline (after it passed, or to extend it); the page says why not."""
    call = _call(request, pk)
    reason = policy.may_open_call(
        request.user, organization=call.organization, cluster=call.cluster, year=call.year
    )
    if reason is not None:
        raise PermissionDenied(reason)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.call_reopen(user=request.user, call=call, deadline=form.cleaned_data["deadline"])
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, REOPENED_MESSAGE.format(deadline=form.cleaned_data["deadline"]))
            return redirect(call)
    return _call_page(request, call, reopen_form=form)


@require_safe
@login_required
def call_export(request, pk: int):
    call = _call(request, pk)
    if not policy.runs_call(request.user, call):
        raise PermissionDenied("Chỉ đơn vị tổ chức đăng ký mới tải được danh sách tổng hợp.")
    content = registration_workbook(call, unit_rows(request.user, call, with_lines=True))
    return file_response(content, filename=f"dang-ky-thi-dua-{call.year}.xlsx", fmt="xlsx")


@require_POST
@login_required
def registration_start(request, pk: int):
    call = _call(request, pk)
    units = policy.filling_units(request.user, call)
    if not units:
        raise PermissionDenied(policy.NO_FILLING_UNIT_MESSAGE)
    # One unit to register for: no need to choose it.
    data = request.POST if request.POST.get("unit") or len(units) > 1 else {"unit": units[0].pk}
    form = StartForm(data, units=units)
    if not form.is_valid():
        messages.error(request, CHOOSE_UNIT_MESSAGE)
        return redirect(call)
    try:
        registration = services.registration_start(
            user=request.user, call=call, unit=form.cleaned_data["unit"]
        )
    except ServiceError as error:
        add_to_page(request, error)
        return redirect(call)
    return redirect(registration)


@require_http_methods(["GET", "POST"])
@login_required
def registration_detail(request, pk: int):
    registration = _registration(request, pk)
    call, document = registration.call, registration.document
    may_fill = (
        policy.fill_denial(request.user, call, registration.unit) is None and document.status == "draft"
    )
    form = LineForm(request.POST or None) if may_fill else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(
                policy.fill_denial(request.user, call, registration.unit) or services.NOT_DRAFT_MESSAGE
            )
        if form.is_valid():
            try:
                services.line_add(user=request.user, registration=registration, **form.cleaned_data)
            except ServiceError as error:
                add_to_form(error, form)
            else:
                return redirect(registration)
    lines = registration.lines.select_related("award").order_by("award__rank", "person_name", "pk")
    return render(
        request,
        "emulation/registration_detail.html",
        {
            "registration": registration,
            "call": call,
            "document": document,
            "lines": lines,
            "form": form,
            "sees_document": policy.visible_plans(request.user).filter(pk=document.pk).exists(),
            "reads_paper": policy.reads_registration_paper(request.user, registration),
        },
    )


@require_POST
@login_required
def line_delete(request, pk: int, line_pk: int):
    registration = _registration(request, pk)
    line = get_object_or_404(RegistrationLine, pk=line_pk, registration=registration)
    try:
        services.line_delete(user=request.user, line=line)
    except ServiceError as error:
        add_to_page(request, error)
    return redirect(registration)


@require_safe
@login_required
def registration_pdf(request, pk: int):
    """The unit's paper as printed (frozen once issued), for its unit and for those who run the call,
    who read a member unit's sent paper without reading the rest of its plans."""
    registration = _registration(request, pk)
    if not policy.reads_registration_paper(request.user, registration):
        raise Http404
    context = printable(registration.document)[0]
    return file_response(
        render_plan_pdf(context), filename=document_filename(context, "pdf"), fmt="pdf", as_attachment=False
    )
