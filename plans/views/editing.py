"""Drafting plans: start one (from a template or as a copy), edit it on one page, copy it.

The views only wire forms to `plans.services`; the rules live there and in the models.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.errors import ServiceError, add_to_form, add_to_page
from common.text import sentence_case
from plans import policy, services
from plans.access import plan_view
from plans.documents.context import build_plan_context
from plans.documents.html import render_plan_html
from plans.forms import Catalog, PlanCopyForm, PlanEditor, PlanStartForm
from plans.forms.pickers import PICK_BUTTON
from plans.models import Plan


def _edit_url(plan: Plan) -> str:
    return reverse("plans:edit", args=[plan.pk])


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    """Two ways to start: the template of a kind of plan, or a copy of an existing plan."""
    policy.require_drafter(request.user)
    catalog = Catalog(user=request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    # A picker searched without JavaScript: the page comes back with what was typed and found.
    searching = request.method == "POST" and bool(request.POST.get(PICK_BUTTON))
    start_form = PlanStartForm(
        request.POST if action == "template" or searching else None,
        catalog=catalog,
        user=request.user,
        prefix="start",
    )
    if searching:
        start_form._errors = ErrorDict()  # nothing is checked yet
    copy_form = PlanCopyForm(
        request.POST if action == "copy" or searching else None, catalog=catalog, prefix="copy"
    )
    if searching:
        copy_form._errors = ErrorDict()
    if action == "template" and start_form.is_valid():
        try:
            plan = services.plan_create_from_template(user=request.user, **start_form.service_kwargs())
        except ServiceError as error:
            add_to_form(error, start_form, aliases={"organization": "issuer", "cluster": "issuer"})
        else:
            how = "trống" if start_form.cleaned_data["start"] == "blank" else "từ mẫu"
            messages.success(
                request, f"Đã tạo kế hoạch {how}. Hãy điền, sửa nội dung cho phù hợp rồi bấm “Lưu”."
            )
            return redirect(_edit_url(plan))
    if action == "copy" and copy_form.is_valid():
        source = copy_form.cleaned_data["source"]
        to_next_year = copy_form.cleaned_data["to_next_year"]
        response = _copy(request, source, to_next_year=to_next_year)
        if response is not None:
            return response
        copy_form.add_error(None, "Không sao chép được kế hoạch này.")
    return render(request, "plans/plan_create.html", {"start_form": start_form, "copy_form": copy_form})


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.EDIT, lambda: Plan.objects.select_related("organization", "cluster", "budget_payer"))
def plan_edit(request, plan):
    """Every field and every part of the plan on one page; one button saves it all.

    The page carries the plan's version: a save over someone else's newer save is refused, with
    their changes listed and everything typed kept on the page.
    """
    if request.method == "GET":
        opened = tuple(request.GET.getlist("open"))
        part = request.GET.get("part", "")
        editor = PlanEditor(plan=plan, user=request.user, opened=(*opened, part))
        if part in editor.formsets:
            # One long part, loaded when the drafter opens it (static/plans/plan_form.js).
            return render(
                request, "plans/plan_form.html#formset", {"plan": plan, "part": editor.part_map()[part]}
            )
        if request.GET.get("empty_rows"):
            # The blank row of each part, fetched after the page has loaded (the page stays light).
            context = {"plan": plan, "parts": editor.blank_rows()}
            return render(request, "plans/plan_form.html#empty_rows", context)
        return _render_editor(request, plan, editor, empty_rows_later=True)

    if "subject_sentence_case" in request.POST:
        # The one-click recasing of a subject typed in capitals, without JavaScript: the page comes
        # back with everything as typed and the subject in sentence case, not yet saved.
        data = request.POST.copy()
        data["subject"] = sentence_case(data.get("subject", ""))
        editor = PlanEditor(plan=plan, user=request.user, data=data, redisplay=True)
        messages.info(request, "Đã chuyển trích yếu sang chữ thường; kiểm tra tên riêng rồi bấm Lưu.")
        return _render_editor(request, plan, editor)
    editor = PlanEditor(plan=plan, user=request.user, data=request.POST, add_row=request.POST.get("add_row"))
    if editor.redisplaying:
        return _render_editor(request, plan, editor)
    if editor.is_valid():
        try:
            services.plan_update(
                plan=plan, user=request.user, expected_version=editor.version(), **editor.service_input()
            )
        except services.StalePlanError as error:
            # The next save, made knowingly, goes over the version now shown.
            editor = PlanEditor(
                plan=plan, user=request.user, data=editor.data_with_version(error.current_version)
            )
            editor.is_valid()
            return _render_editor(request, plan, editor, conflict=error)
        except ServiceError as error:
            editor.apply_errors(error)
        else:
            messages.success(request, "Đã lưu kế hoạch.")
            return redirect(plan)
    return _render_editor(request, plan, editor)


def _render_editor(
    request,
    plan: Plan,
    editor: PlanEditor,
    conflict: services.StalePlanError | None = None,
    *,
    empty_rows_later: bool = False,
):
    # The heading shows the saved subject: the form may hold one that is not valid yet.
    saved = Plan.objects.only("subject").filter(pk=plan.pk).first() if editor.data is not None else plan
    return render(
        request,
        "plans/plan_form.html",
        {
            "plan": plan,
            "saved_subject": saved.subject if saved else plan.subject,
            "editor": editor,
            "cards": editor.cards(),
            "totals": editor.totals(),
            "conflict": conflict,
            "empty_rows_later": empty_rows_later,
        },
    )


PREVIEW_INVALID_MESSAGE = (
    "Bản in bên cạnh chưa cập nhật: còn {count} chỗ chưa hợp lệ. Bấm “Lưu kế hoạch” để xem lỗi ở "
    "từng ô; nội dung đã nhập không mất."
)


def _document_page(context: dict, *, status: int = 200) -> HttpResponse:
    html = render_plan_html(context, stylesheet_url=static("plans/document.css"))
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"  # the typed, unsaved text is never kept
    return response


@require_http_methods(["GET", "POST"])
@xframe_options_sameorigin
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
@plan_view(policy.Action.EDIT)
def plan_edit_preview(request, plan):
    """The printed page beside the editor, by the same pipeline as the PDF.

    GET: the saved plan (the frame's page without JavaScript, so it follows each save). POST: the
    editor's unsaved data, saved by the same service inside a transaction that is rolled back.
    """
    if request.method == "GET":
        return _document_page(build_plan_context(plan))
    editor = PlanEditor(plan=plan, user=request.user, data=request.POST)
    if not editor.is_valid():
        return HttpResponse(
            PREVIEW_INVALID_MESSAGE.format(count=len(editor.error_summary()) or 1),
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    try:
        context = services.plan_preview(
            plan=plan,
            user=request.user,
            render=lambda saved: build_plan_context(saved.pk),
            **editor.service_input(),
        )
    except ServiceError as error:
        message = " ".join(str(text) for text in error.messages) or PREVIEW_INVALID_MESSAGE.format(count=1)
        return HttpResponse(message, status=422, content_type="text/plain; charset=utf-8")
    return _document_page(context)


@login_required
@require_GET
def pick(request):
    """What a picker finds as one types: bodies or plans matching `q`, the plan's suggestions first.

    With `plan`, the choices of that plan's editor (which the user must be allowed to edit).
    """
    plan = None
    if (plan_id := request.GET.get("plan", "")).isdigit() and len(plan_id) < 19:
        plan = get_object_or_404(
            policy.visible_plans(request.user, Plan.objects.select_related("organization", "cluster")),
            pk=plan_id,
        )
        policy.require(request.user, policy.Action.EDIT, plan)
    catalog = Catalog(user=request.user, exclude_plan=plan)
    found = catalog.search(request.GET.get("source", ""), request.GET.get("q", "")[:100])
    return JsonResponse({"results": [{"value": value, "label": label} for value, label in found]})


def _copy(request, source: Plan, *, to_next_year: bool):
    try:
        copy = services.plan_copy(plan=source, user=request.user, to_next_year=to_next_year)
    except ServiceError as error:
        add_to_page(request, error)
        return None
    if to_next_year:
        messages.success(request, f"Đã sao chép kế hoạch sang năm {copy.year}. Đây là bản nháp mới.")
    else:
        messages.success(request, "Đã sao chép kế hoạch. Đây là bản nháp mới.")
    return redirect(_edit_url(copy))


@require_POST
@plan_view(policy.Action.COPY)
def plan_copy(request, source):
    return _copy(request, source, to_next_year=False) or redirect(source)


@require_POST
@plan_view(policy.Action.COPY)
def plan_copy_next_year(request, source):
    return _copy(request, source, to_next_year=True) or redirect(source)
