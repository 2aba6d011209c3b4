"""Tracking of activities after issue: status, results, evidence; the calendar.

The pages only parse input and show results; the rules are in activities.tracking and plans.policy.
Every plan page goes through plans.access.plan_view (404 for a plan the user may not see,
403 with the reason for a refused action).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities import selectors
from activities.choices import ActivityStatus
from activities.models import ROMAN_QUARTERS, Activity, ActivityEvidence, activities_by_quarter
from activities.selectors import calendar_activities, calendar_plans
from activities.tracking import services
from activities.tracking.calendar import Window, calendar_months, plan_window
from activities.tracking.evidence import EVIDENCE_RECOVERY_DAYS, download_name
from activities.tracking.periods import is_overdue, period_label, quarter_of_month, status_counts
from clusters.models import Cluster, Organization
from common.confirmation import confirm_deletion
from common.downloads import file_response
from common.errors import ServiceError, add_to_form, add_to_page
from common.forms import DATE_INPUT_FORMATS, DateInput, NumberInput, vietnamese_messages
from common.years import FIRST_YEAR, LAST_YEAR
from plans import policy
from plans.access import plan_view

SAVED_MESSAGE = "Đã cập nhật tình trạng hoạt động."
UPLOADED_MESSAGE = "Đã tải lên tệp minh chứng “{name}”."
DELETED_MESSAGE = f"Đã xoá tệp minh chứng; có thể khôi phục trong {EVIDENCE_RECOVERY_DAYS} ngày ở cuối trang."
RESTORED_MESSAGE = "Đã khôi phục tệp minh chứng “{name}”."
FILE_MISSING_MESSAGE = "Tệp minh chứng không còn trên máy chủ; hãy báo quản trị hệ thống."
CALENDAR_INVALID_MESSAGE = (
    "Một số lựa chọn của lịch không hợp lệ (xem ghi chú bên dưới); lịch hiện theo mặc định."
)
BOTH_PERIODS_MESSAGE = "Chọn tháng hoặc quý, không chọn cả hai; lịch đang hiện theo tháng."
BOTH_ISSUERS_MESSAGE = "Chọn cơ quan hoặc cụm thi đua, không chọn cả hai; lịch đang hiện theo cơ quan."
MONTHS = [(str(month), f"Tháng {month}") for month in range(1, 13)]
QUARTERS = [(str(quarter), f"Quý {roman}") for quarter, roman in ROMAN_QUARTERS.items()]


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------
class ActivityTrackingForm(forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=ActivityStatus.choices)
    completed_on = forms.DateField(
        label="Ngày hoàn thành",
        required=False,
        widget=DateInput(),
        help_text="Bắt buộc khi đã hoàn thành; không sau ngày hôm nay.",
    )
    result_note = forms.CharField(
        label="Kết quả",
        required=False,
        max_length=services.RESULT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)
        self.fields["status"].error_messages["invalid_choice"] = services.STATUS_INVALID_MESSAGE


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Tệp minh chứng",
        required=False,  # the service says what is missing or wrong, in one place
        allow_empty_file=True,
        help_text="PDF, JPEG, PNG, DOCX hoặc XLSX; tối đa 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)


def _blank_form(activity: Activity) -> ActivityTrackingForm:
    initial = {
        "status": activity.status,
        "completed_on": activity.completed_on,
        "result_note": activity.result_note,
    }
    return ActivityTrackingForm(initial=initial, prefix=f"a{activity.pk}")


# ---------------------------------------------------------------------------
# The tracking page of a plan
# ---------------------------------------------------------------------------
@dataclass
class ActivityRow:
    activity: Activity
    number: int
    period: str
    overdue: bool
    form: ActivityTrackingForm | None
    upload_form: EvidenceForm | None


def _activities(plan):
    return plan.activities.order_by("order", "pk").prefetch_related(
        "lead_organizations",
        Prefetch("evidence", queryset=ActivityEvidence.objects.select_related("uploaded_by")),
    )


def _page(request, plan, *, bound_for: int | None = None, form=None, upload_form=None):
    """The tracking page; `form`/`upload_form` (bound, with errors) replace the blank ones of `bound_for`."""
    today = timezone.localdate()
    track_denial = policy.denial(request.user, policy.Action.TRACK, plan)
    may_track = track_denial is None
    activities = list(_activities(plan))
    rows_by_quarter = []
    for quarter, items in activities_by_quarter(activities, numbering=plan.activity_numbering):
        rows = []
        for number, activity in items:
            row = ActivityRow(
                activity=activity,
                number=number,
                period=period_label(activity, plan.year),
                overdue=is_overdue(activity, today, year=plan.year),
                form=None,
                upload_form=None,
            )
            if may_track:
                mine = activity.pk == bound_for
                row.form = form if mine and form is not None else _blank_form(activity)
                row.upload_form = (
                    upload_form
                    if mine and upload_form is not None
                    else EvidenceForm(prefix=f"e{activity.pk}")
                )
            rows.append(row)
        rows_by_quarter.append((f"Quý {ROMAN_QUARTERS[quarter]}/{plan.year}", rows))
    counts = status_counts(activities, today, year=plan.year)
    return render(
        request,
        "activities/tracking/plan.html",
        {
            "plan": plan,
            "quarters": rows_by_quarter,
            "counts": counts,
            "may_track": may_track,
            "deleted_evidence": selectors.recoverable_evidence(plan) if may_track else [],
            "recovery_days": EVIDENCE_RECOVERY_DAYS,
            "track_denial": track_denial,
            "today": today,
            "max_files": services.MAX_EVIDENCE_PER_ACTIVITY,
            "calendar_url": _calendar_url(plan, activities, today),
        },
    )


def _calendar_url(plan, activities, today) -> str:
    window = plan_window(plan, activities, today)
    return reverse("tracking:calendar") + _query(
        organization=plan.organization_id, cluster=plan.cluster_id, year=window.year, quarter=window.quarter
    )


def _back(plan, activity_id: int | None = None):
    url = reverse("tracking:plan", args=[plan.pk])
    return redirect(f"{url}#hd-{activity_id}" if activity_id else url)


def _plan_activity(plan, activity_id: int) -> Activity:
    return get_object_or_404(Activity, pk=activity_id, plan=plan)


@require_safe
@plan_view(policy.Action.VIEW)
def tracking_plan(request, plan):
    policy.require(request.user, policy.Action.FOLLOW, plan)
    return _page(request, plan)


@require_POST
@plan_view(policy.Action.TRACK)
def activity_update(request, plan, activity_id: int):
    activity = _plan_activity(plan, activity_id)
    form = ActivityTrackingForm(request.POST, prefix=f"a{activity.pk}")
    if form.is_valid():
        try:
            services.activity_track(
                activity=activity,
                plan=plan,
                user=request.user,
                status=form.cleaned_data["status"],
                completed_on=form.cleaned_data["completed_on"],
                result_note=form.cleaned_data["result_note"],
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, SAVED_MESSAGE)
            return _back(plan, activity.pk)
    return _page(request, plan, bound_for=activity.pk, form=form)


@require_POST
@plan_view(policy.Action.TRACK)
def evidence_upload(request, plan, activity_id: int):
    activity = _plan_activity(plan, activity_id)
    upload_form = EvidenceForm(request.POST, request.FILES, prefix=f"e{activity.pk}")
    if upload_form.is_valid():
        try:
            evidence = services.evidence_add(
                activity=activity, plan=plan, user=request.user, upload=upload_form.cleaned_data["file"]
            )
        except ServiceError as error:
            add_to_form(error, upload_form)
        else:
            messages.success(request, UPLOADED_MESSAGE.format(name=evidence.original_name))
            return _back(plan, activity.pk)
    return _page(request, plan, bound_for=activity.pk, upload_form=upload_form)


@require_safe
@plan_view(policy.Action.VIEW)
def evidence_download(request, plan, evidence_id: int):
    """The stored file, to those who may see the plan; never from MEDIA_URL."""
    evidence = get_object_or_404(ActivityEvidence, pk=evidence_id, activity__plan=plan)
    try:
        with evidence.file.open("rb") as handle:
            content = handle.read()  # at most MAX_EVIDENCE_BYTES: no file handle outlives the request
    except (FileNotFoundError, OSError) as error:
        raise Http404(FILE_MISSING_MESSAGE) from error
    response = file_response(content, filename=download_name(evidence), content_type=evidence.content_type)
    patch_cache_control(response, no_store=True)  # evidence may name people: no cache keeps a copy
    return response


@require_http_methods(["GET", "POST"])
@plan_view(policy.Action.TRACK)
def evidence_delete(request, plan, evidence_id: int):
    evidence = get_object_or_404(
        ActivityEvidence.objects.select_related("activity"), pk=evidence_id, activity__plan=plan
    )
    if request.method == "GET":
        return confirm_deletion(
            request,
            question=f"Xoá tệp minh chứng “{evidence.original_name}”?",
            details=[f"Hoạt động {evidence.activity.order}: {evidence.activity.content}"],
            consequence=(
                "Tệp rời hồ sơ theo dõi; người theo dõi kế hoạch khôi phục được trong "
                f"{EVIDENCE_RECOVERY_DAYS} ngày, sau đó tệp bị xoá hẳn. "
                "Việc xoá được ghi vào nhật ký của kế hoạch."
            ),
            cancel_url=f"{reverse('tracking:plan', args=[plan.pk])}#hd-{evidence.activity_id}",
        )
    try:
        services.evidence_delete(evidence=evidence, plan=plan, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        messages.success(request, DELETED_MESSAGE)
    return _back(plan, evidence.activity_id)


@require_POST
@plan_view(policy.Action.TRACK)
def evidence_restore(request, plan, evidence_id: int):
    try:
        evidence = services.evidence_restore(evidence=evidence_id, plan=plan, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
        return _back(plan)
    messages.success(request, RESTORED_MESSAGE.format(name=evidence.original_name))
    return _back(plan, evidence.activity_id)


# ---------------------------------------------------------------------------
# The plan page's section
# ---------------------------------------------------------------------------
OVERDUE_SHOWN = 5


def tracking_panel(request, plan) -> dict | None:
    """The plan page's tracking section (registered in plans.panels by activities.apps); None:
    nothing to show."""
    if policy.denial(request.user, policy.Action.FOLLOW, plan) is not None:
        return None
    today = timezone.localdate()
    activities = list(plan.activities.all())  # prefetched by the plan page
    overdue = [activity for activity in activities if is_overdue(activity, today, year=plan.year)]
    return {
        "template": "activities/tracking/panel.html",
        "plan": plan,
        "counts": status_counts(activities, today, year=plan.year),
        "overdue": [(activity, period_label(activity, plan.year)) for activity in overdue[:OVERDUE_SHOWN]],
        "more_overdue": max(len(overdue) - OVERDUE_SHOWN, 0),
        "may_track": policy.can(request.user, policy.Action.TRACK, plan),
    }


# ---------------------------------------------------------------------------
# The calendar
# ---------------------------------------------------------------------------
class CalendarForm(forms.Form):
    organization = forms.ModelChoiceField(
        label="Cơ quan", queryset=Organization.objects.none(), required=False
    )
    cluster = forms.ModelChoiceField(
        label="Cụm, khối thi đua", queryset=Cluster.objects.none(), required=False
    )
    year = forms.IntegerField(
        label="Năm",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        widget=NumberInput(attrs={"size": 5}),
    )
    month = forms.TypedChoiceField(
        label="Tháng", choices=[("", "—"), *MONTHS], coerce=int, required=False, empty_value=None
    )
    quarter = forms.TypedChoiceField(
        label="Quý", choices=[("", "—"), *QUARTERS], coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, organizations, clusters, everything: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["cluster"].queryset = clusters
        self.fields["organization"].empty_label = "— Tất cả —" if everything else "— Các đơn vị của tôi —"
        self.fields["cluster"].empty_label = "—"
        vietnamese_messages(self)
        self.fields["year"].error_messages["invalid"] = "Năm không hợp lệ; nhập 4 chữ số, ví dụ 2024."

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("month") and cleaned.get("quarter"):
            self.add_error("quarter", BOTH_PERIODS_MESSAGE)
            cleaned["quarter"] = None
        if cleaned.get("organization") and cleaned.get("cluster"):
            self.add_error("cluster", BOTH_ISSUERS_MESSAGE)
            cleaned["cluster"] = None
        return cleaned


def _query(**params) -> str:
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def _calendar_form(request, *, everything: bool) -> CalendarForm:
    """The calendar's choices: the bodies and clusters the user may ask for (plans.policy)."""
    organizations, clusters = policy.calendar_issuers(request.user)
    return CalendarForm(
        request.GET or None,
        organizations=organizations.order_by("name"),
        clusters=clusters.order_by("name"),
        everything=everything,
    )


def _calendar_choice(
    request, form: CalendarForm, today
) -> tuple[Organization | None, Cluster | None, Window]:
    """The body or cluster and the month or quarter asked for; what is invalid falls back to the
    default (the user's own plans, this month) with a message."""
    values: dict = {}
    if form.is_bound:
        form.is_valid()
        values = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
        if form.errors:
            messages.warning(request, CALENDAR_INVALID_MESSAGE)
    year = values.get("year") or today.year
    month, quarter = values.get("month"), values.get("quarter")
    if month is None and quarter is None:
        month = today.month
    window = Window(year, month=month) if month else Window(year, quarter=quarter)
    return values.get("organization"), values.get("cluster"), window


@require_safe
@login_required
def calendar_view(request):
    """Activities of a body's or a cluster's plans in a month or a quarter; bad parameters fall back."""
    today = timezone.localdate()
    everything = policy.sees_every_plan(request.user)  # a superuser with no body: every plan
    form = _calendar_form(request, everything=everything)
    organization, cluster, window = _calendar_choice(request, form, today)
    issuer = {
        "organization": organization.pk if organization else None,
        "cluster": cluster.pk if cluster else None,
    }
    plans = calendar_plans(request.user, organization_id=issuer["organization"], cluster_id=issuer["cluster"])
    months = calendar_months(calendar_activities(plans, window), window, today)

    def link(target: Window) -> str:
        return _query(**issuer, year=target.year, month=target.month, quarter=target.quarter)

    if window.month is not None:
        switch = Window(window.year, quarter=quarter_of_month(window.month))
    else:
        switch = Window(window.year, month=window.months[0])
    return render(
        request,
        "activities/tracking/calendar.html",
        {
            "form": form,
            "window": window,
            "months": months,
            "count": len({entry.activity.pk for month in months for entry in month.entries}),
            "organization": organization,
            "cluster": cluster,
            "everything": everything,
            "today": today,
            "previous_url": link(window.shifted(-1)),
            "next_url": link(window.shifted(1)),
            "month_view": window.month is not None,
            "switch_url": link(switch),
            "today_url": link(Window(today.year, month=today.month)),
        },
    )
