"""The steps of a plan's life as buttons and small forms; the rules are in plans.workflow and plans.policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.errors import ServiceError, add_to_form, add_to_page
from plans import notifications, policy, workflow
from plans.access import plan_view
from plans.audit import changes_between
from plans.choices import AuditAction
from plans.documents.format_check import finding_anchor, issue_findings
from plans.documents.wording import date_line, month_text, two_digits
from plans.history import describe_all, describe_changes, without_drafts
from plans.models import AuditEntry, Notification, Plan
from plans.numbering import following_number, peek_register
from plans.selectors import consultation_rows
from plans.workflow_forms import (
    AnswerForm,
    ApproveForm,
    CloseConsultationForm,
    ConsultationForm,
    IssueForm,
    ReturnForm,
)

DONE_MESSAGES = {
    AuditAction.SUBMITTED: "Đã trình kế hoạch. Lãnh đạo phê duyệt đã được thông báo.",
    AuditAction.WITHDRAWN: "Đã rút kế hoạch về dự thảo; có thể sửa tiếp.",
    AuditAction.RETURNED: "Đã trả lại kế hoạch cho người soạn thảo kèm lý do.",
    AuditAction.APPROVED: "Đã phê duyệt kế hoạch. Văn thư đã được thông báo để cấp số, ban hành.",
    AuditAction.CONSULTATION_OPENED: "Đã gửi đề nghị cho ý kiến đến các đơn vị thành viên.",
    AuditAction.CONSULTATION_ANSWERED: "Đã ghi ý kiến của đơn vị.",
    AuditAction.CONSULTATION_CLOSED: "Đã kết thúc lấy ý kiến; kế hoạch có thể được phê duyệt.",
}


def _detail(plan: Plan):
    return redirect(plan)


def _step(request, plan: Plan, transition, action: str, **kwargs):
    """Run a transition from a button; a refusal (say, someone acted first) comes back as a message."""
    try:
        transition(plan=plan, user=request.user, **kwargs)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        messages.success(request, DONE_MESSAGES[action])
    return _detail(plan)


@require_POST
@plan_view(policy.Action.SUBMIT)
def plan_submit(request, plan):
    return _step(request, plan, workflow.plan_submit, AuditAction.SUBMITTED)


@require_POST
@plan_view(policy.Action.WITHDRAW)
def plan_withdraw(request, plan):
    return _step(request, plan, workflow.plan_withdraw, AuditAction.WITHDRAWN)


def _form_step(request, plan: Plan, form, template: str, run, action: str, extra=None):
    """A step with a form: on GET the form; on POST run it, errors next to the field at fault."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form)
        except ServiceError as error:
            add_to_form(error, form)
        else:
            if action in DONE_MESSAGES:
                messages.success(request, DONE_MESSAGES[action])
            return _detail(plan)
    return render(request, template, {"plan": plan, "form": form, **(extra or {})})


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.APPROVE)
def plan_approve(request, plan):
    form = ApproveForm(request.POST or None)
    return _form_step(
        request,
        plan,
        form,
        "plans/workflow/approve.html",
        lambda form: workflow.plan_approve(plan=plan, user=request.user, note=form.cleaned_data["note"]),
        AuditAction.APPROVED,
    )


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.RETURN)
def plan_return(request, plan):
    form = ReturnForm(request.POST or None)
    return _form_step(
        request,
        plan,
        form,
        "plans/workflow/return.html",
        lambda form: workflow.plan_return(plan=plan, user=request.user, reason=form.cleaned_data["reason"]),
        AuditAction.RETURNED,
    )


def issue_preview(plan: Plan, form: IssueForm) -> dict:
    """What the issue form shows: the number and date it will print, and the format findings with
    links to the editor's fields."""
    day = form.cleaned_data.get("issue_date") if form.is_bound and form.is_valid() else None
    day = day or form.fields["issue_date"].initial
    edit_url = reverse("plans:edit", args=[plan.pk])
    errors, warnings = issue_findings(plan)

    def linked(findings):
        return [{"message": f.message, "url": f"{edit_url}#{finding_anchor(f)}"} for f in findings]

    number = following_number(peek_register(plan.issuer, day.year))
    return {
        "number_line": f"Số: {two_digits(number)}/{plan.effective_symbol}",
        "date_line": date_line(
            plan.effective_place_name, two_digits(day.day), month_text(day.month), day.year
        ),
        "format_errors": linked(errors),
        "format_warnings": linked(warnings),
    }


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.ISSUE)
def plan_issue(request, plan):
    form = IssueForm(request.POST or None, plan=plan)

    def run(form):
        issued = workflow.plan_issue(plan=plan, user=request.user, **form.cleaned_data)
        messages.success(
            request, f"Đã ban hành kế hoạch số {issued.full_symbol} ngày {issued.document_date:%d/%m/%Y}."
        )

    extra = issue_preview(plan, form)
    return _form_step(request, plan, form, "plans/workflow/issue.html", run, AuditAction.ISSUED, extra)


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.CONSULT)
def plan_consult(request, plan):
    form = ConsultationForm(request.POST or None)
    units = policy.consulted_units(plan)
    return _form_step(
        request,
        plan,
        form,
        "plans/workflow/consult.html",
        lambda form: workflow.consultation_open(
            plan=plan, user=request.user, deadline=form.cleaned_data["deadline"]
        ),
        AuditAction.CONSULTATION_OPENED,
        {"units": units, "no_account": policy.units_without_account(units)},
    )


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.ANSWER)
def plan_answer(request, plan):
    units = policy.answering_units(request.user, plan)
    form = AnswerForm(
        request.POST or None,
        units=units,
        answers={response.organization_id: response for response in plan.consultation_responses.all()},
        on_behalf={unit.pk for unit in units if policy.answers_on_behalf(request.user, unit)},
    )
    return _form_step(
        request,
        plan,
        form,
        "plans/workflow/answer.html",
        lambda form: workflow.consultation_answer(
            plan=plan,
            user=request.user,
            organization=form.selected_unit(),
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
            replace=form.cleaned_data.get("replace", False),
        ),
        AuditAction.CONSULTATION_ANSWERED,
    )


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.CLOSE_CONSULTATION)
def plan_consultation_close(request, plan):
    form = CloseConsultationForm(request.POST or None)
    return _form_step(
        request,
        plan,
        form,
        "plans/workflow/close.html",
        lambda form: workflow.consultation_close(
            plan=plan, user=request.user, reason=form.cleaned_data["reason"]
        ),
        AuditAction.CONSULTATION_CLOSED,
        {"consultation": consultation_rows(plan)},
    )


@require_POST
@plan_view(policy.Action.CORRECT)
def plan_correct(request, plan):
    try:
        correction = workflow.correction_start(plan=plan, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
        return _detail(plan)
    messages.success(
        request,
        f"Đã lập bản sửa đổi, thay thế kế hoạch số {plan.full_symbol}. "
        "Sửa nội dung rồi trình phê duyệt như thường lệ.",
    )
    return redirect("plans:edit", pk=correction.pk)


@require_safe
@plan_view(policy.Action.VIEW)
def plan_history(request, plan):
    """Every recorded step, and what differs between two versions the user picks."""
    # Snapshots are whole plans: only the two being compared are read.
    entries = list(plan.audit_entries.select_related("actor").defer("snapshot").order_by("at", "pk"))
    if not policy.sees_drafts(request.user, plan):
        entries = without_drafts(entries)
    versions = [entry for entry in entries if entry.version is not None]
    by_id = {str(entry.pk): entry for entry in versions}
    older = by_id.get(request.GET.get("from", ""))
    newer = by_id.get(request.GET.get("to", ""))
    if versions and (older is None or newer is None):
        older, newer = (versions[-2] if len(versions) > 1 else versions[0]), versions[-1]
    if older is not None and newer is not None and (older.at, older.pk) > (newer.at, newer.pk):
        older, newer = newer, older
    diff = []
    if older and newer:
        snapshots = dict(AuditEntry.objects.filter(pk__in=(older.pk, newer.pk)).values_list("pk", "snapshot"))
        diff = describe_changes(changes_between(snapshots[older.pk], snapshots[newer.pk]))
    newest_first = entries[::-1]
    described = describe_all([entry.changes for entry in newest_first])
    return render(
        request,
        "plans/plan_history.html",
        {
            "plan": plan,
            "entries": list(zip(newest_first, described, strict=True)),
            "versions": versions,
            "older": older,
            "newer": newer,
            "diff": diff,
        },
    )


@require_safe
@login_required
def notification_list(request):
    rows = Notification.objects.filter(recipient=request.user).select_related("plan")[:200]
    return render(request, "plans/notifications.html", {"notifications": rows})


@require_POST
@login_required
def notifications_read(request):
    count = notifications.mark_read(request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("plans:notifications")
