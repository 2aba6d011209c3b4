"""Registration of participants by member units, and the organiser's follow-up.

The pages only parse input and show results; the rules are in activities.registrations and
plans.policy. Every page that shows or hands out personal data in full is logged there, and is
sent with `Cache-Control: no-store` so that no shared or back-button cache keeps it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities import registrations
from activities.choices import GroupKind, PersonalDataUse
from activities.models import Registration, participant_total
from common.downloads import CONTENT_TYPES
from common.forms import DATE_INPUT_FORMATS, DateInput, vietnamese_messages
from plans import policy
from plans.documents import appendix_filename, render_appendix
from plans.views.access import plan_view

TEMPLATES = "activities/registration/"
FULL_DATA_PARAMETER = "du-lieu"
FULL_DATA_VALUE = "day-du"


def _deny(reason: str | None) -> None:
    """A 403 with the reason, for the rules of this area that plans.policy does not hold."""
    if reason is not None:
        raise PermissionDenied(reason)


def _chosen_unit(value, units):
    """The unit picked in the page's unit selector (its id), else the user's first."""
    for unit in units:
        if str(unit.pk) == str(value):
            return unit
    return units[0]


def _unit_url(plan, unit) -> str:
    return f"{reverse('registration:unit', args=[plan.pk])}?unit={unit.pk}"


def _file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# ---------------------------------------------------------------------------
# Forms: they parse what was typed; the service checks it and says what is wrong where
# ---------------------------------------------------------------------------
class RegistrationForm(forms.Form):
    """One person. The phone and ID fields take what people type ("0912 345 678"); the service
    removes the separators and checks them."""

    unit = forms.TypedChoiceField(label="Đơn vị cử", coerce=int)
    group = forms.TypedChoiceField(label="Lớp, nhóm", coerce=int, required=False)
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    phone = forms.CharField(label="Số điện thoại", required=False, help_text="Ví dụ: 0912345678")
    citizen_id = forms.CharField(label="Số CCCD", required=False, help_text="Đủ 12 chữ số")
    id_issue_date = forms.DateField(label="Ngày cấp", required=False, widget=DateInput())
    id_issue_place = forms.CharField(label="Nơi cấp", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, units, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, str(unit)) for unit in units]
        self.fields["unit"].widget = forms.HiddenInput()
        if len(quotas) > 1:
            self.fields["group"].required = True
            self.fields["group"].choices = [("", "— Chọn —")] + [
                (quota.group.pk, f"{quota.label} (định mức {quota.count:02d} người)") for quota in quotas
            ]
        else:
            del self.fields["group"]
        self.fields["id_issue_date"].input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)
        self.fields["full_name"].error_messages["required"] = registrations.NAME_REQUIRED
        for name in ("phone", "citizen_id"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in registrations.PERSON_FIELDS}

    def add_service_errors(self, error: registrations.RegistrationError) -> None:
        for name, found in error.errors.items():
            for message in found:
                self.add_error(name if name in self.fields else None, message)


class ImportForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị cử", coerce=int)
    file = forms.FileField(
        label="Tệp danh sách (.xlsx)",
        help_text=(
            f"Bảng tính Excel .xlsx, tối đa {registrations.MAX_IMPORT_BYTES // 1024 // 1024} MB, dòng đầu là "
            "tiêu đề các cột."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    replace = forms.BooleanField(
        label="Thay cả danh sách hiện có của đơn vị bằng danh sách trong tệp",
        required=False,
        help_text="Không chọn: người trong tệp được thêm vào danh sách đã có.",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, str(unit)) for unit in units]
        self.fields["unit"].widget = forms.HiddenInput()
        vietnamese_messages(self)
        self.fields["file"].error_messages.update(
            {
                "required": registrations.FILE_EMPTY,
                "empty": registrations.FILE_EMPTY,
                "invalid": registrations.FILE_NOT_XLSX,
            }
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > registrations.MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                registrations.FILE_TOO_LARGE.format(
                    limit=registrations.megabytes(registrations.MAX_IMPORT_BYTES),
                    size=registrations.megabytes(upload.size),
                )
            )
        return upload


class ReopenForm(forms.Form):
    until = forms.DateField(
        label="Mở lại việc đăng ký đến hết ngày",
        widget=DateInput(),
        help_text="Các đơn vị đăng ký, sửa danh sách được đến hết ngày này.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)


# ---------------------------------------------------------------------------
# The member unit's page: its quota, its list (in full: its own), add, change, remove, import
# ---------------------------------------------------------------------------
def _render_unit(request, plan, units, unit, *, form=None):
    groups = registrations.quota_groups(plan)
    quotas = registrations.unit_quotas(groups, unit)
    progress = registrations.registration_progress(plan, groups).of(unit)
    people = registrations.people_for(request.user, plan, registrations.registrations_of(plan, [unit.pk]))
    closed = policy.denial(request.user, policy.Action.REGISTER, plan)
    if form is None:
        form = RegistrationForm(units=units, quotas=quotas, initial={"unit": unit.pk})
    return render(
        request,
        f"{TEMPLATES}unit.html",
        {
            "plan": plan,
            "units": units,
            "unit": unit,
            "quotas": quotas,
            "several_groups": len(quotas) > 1,
            "progress": progress,
            "people": people,
            "closed": closed,
            "can_edit": closed is None,
            "form": form,
            "can_organise": policy.can(request.user, policy.Action.ORGANISE, plan),
        },
    )


@require_safe
@never_cache
@plan_view(policy.Action.VIEW)
def unit_page(request, plan):
    _deny(policy.denial(request.user, policy.Action.UNIT_LIST, plan))
    units = policy.registering_units(request.user, plan)
    return _render_unit(request, plan, units, _chosen_unit(request.GET.get("unit"), units))


@require_POST
@never_cache
@plan_view(policy.Action.REGISTER)
def registration_add(request, plan):
    units = policy.registering_units(request.user, plan)
    unit = _chosen_unit(request.POST.get("unit"), units)
    quotas = registrations.unit_quotas(registrations.quota_groups(plan), unit)
    form = RegistrationForm(request.POST, units=units, quotas=quotas)
    if form.is_valid():
        try:
            person = registrations.registration_create(
                plan=plan,
                user=request.user,
                organization=unit,
                values=form.values(),
                group=form.cleaned_data.get("group"),
            )
        except registrations.RegistrationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Đã đăng ký {person.full_name}.")
            return redirect(_unit_url(plan, unit))
    return _render_unit(request, plan, units, unit, form=form)


def _own_registration(request, plan, registration_id: int) -> Registration:
    try:
        return registrations.editable_registration(request.user, plan, registration_id)
    except Registration.DoesNotExist as error:
        raise Http404("Không có người đăng ký này trong danh sách của đơn vị bạn.") from error


@require_http_methods(["GET", "POST"])
@never_cache
@plan_view(policy.Action.REGISTER)
def registration_edit(request, plan, registration_id: int):
    registration = _own_registration(request, plan, registration_id)
    units = [registration.organization]
    quotas = registrations.unit_quotas(registrations.quota_groups(plan), registration.organization)
    initial = {name: getattr(registration, name) for name in registrations.PERSON_FIELDS}
    initial |= {"unit": registration.organization_id, "group": registration.group_id}
    form = RegistrationForm(request.POST or None, units=units, quotas=quotas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registrations.registration_update(
                registration=registration,
                user=request.user,
                values=form.values(),
                group=form.cleaned_data.get("group"),
            )
        except registrations.RegistrationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Đã lưu thông tin của {registration.full_name}.")
            return redirect(_unit_url(plan, registration.organization))
    if request.method == "GET":
        registrations.log_personal_data(
            user=request.user,
            plan=plan,
            use=PersonalDataUse.VIEW,
            rows=1,
            organization=registration.organization,
        )
    return render(
        request, f"{TEMPLATES}edit.html", {"plan": plan, "registration": registration, "form": form}
    )


@require_POST
@plan_view(policy.Action.REGISTER)
def registration_delete(request, plan, registration_id: int):
    registration = _own_registration(request, plan, registration_id)
    try:
        registrations.registration_delete(registration=registration, user=request.user)
    except registrations.RegistrationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xoá {registration.full_name} khỏi danh sách.")
    return redirect(_unit_url(plan, registration.organization))


@require_http_methods(["GET", "POST"])
@never_cache
@plan_view(policy.Action.REGISTER)
def registration_import(request, plan):
    units = policy.registering_units(request.user, plan)
    data = request.POST if request.method == "POST" else None
    unit = _chosen_unit((data or request.GET).get("unit"), units)
    form = ImportForm(data, request.FILES or None, units=units, initial={"unit": unit.pk})
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = registrations.registration_import(
                plan=plan,
                user=request.user,
                organization=unit,
                content=form.cleaned_data["file"].read(),
                replace=form.cleaned_data["replace"],
            )
        except (registrations.RegistrationFileError, registrations.RegistrationError) as error:
            errors = error.messages
        else:
            replaced = f" (thay cho {result.replaced} người đã có)" if result.replaced else ""
            messages.success(request, f"Đã nhập {result.created} người từ tệp{replaced}.")
            return redirect(_unit_url(plan, unit))
    quotas = registrations.unit_quotas(registrations.quota_groups(plan), unit)
    return render(
        request,
        f"{TEMPLATES}import.html",
        {
            "plan": plan,
            "units": units,
            "unit": unit,
            "quotas": quotas,
            "columns": registrations.import_columns(len(quotas) > 1),
            "form": form,
            "errors": errors,
            "max_rows": registrations.MAX_IMPORT_ROWS,
        },
    )


@require_safe
@plan_view(policy.Action.VIEW)
def import_template(request, plan):
    _deny(policy.denial(request.user, policy.Action.UNIT_LIST, plan))
    units = policy.registering_units(request.user, plan)
    content, filename = registrations.import_template(plan, _chosen_unit(request.GET.get("unit"), units))
    return _file_response(content, registrations.XLSX_CONTENT_TYPE, filename)


# ---------------------------------------------------------------------------
# The plan's registration page: progress of every unit, the list (masked where it must be), and
# the organiser's tools (reopen, exports, appendix)
# ---------------------------------------------------------------------------
def _render_overview(request, plan, *, reopen_form=None):
    groups = registrations.quota_groups(plan)
    _deny(registrations.overview_denial(request.user, plan, groups))
    progress = registrations.registration_progress(plan, groups)
    people = registrations.people_for(request.user, plan, registrations.registrations_of(plan))
    can_organise = policy.can(request.user, policy.Action.ORGANISE, plan)
    by_unit = []
    for item in progress.units:
        rows = [person for person in people if person.registration.organization_id == item.organization.pk]
        by_unit.append((item, rows))
    return render(
        request,
        f"{TEMPLATES}overview.html",
        {
            "plan": plan,
            "progress": progress,
            "by_unit": by_unit,
            "masked": any(not person.full and not person.purged for person in people),
            "full_shown": any(person.full and not person.purged for person in people),
            "registration_open": policy.registration_open(plan),
            "can_organise": can_organise,
            "can_export": can_organise or bool(policy.registering_units(request.user, plan)),
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
            plan = registrations.registration_reopen(
                plan=plan, user=request.user, until=form.cleaned_data["until"]
            )
        except registrations.RegistrationError as error:
            for name, found in error.errors.items():
                for message in found:
                    form.add_error(name if name in form.fields else None, message)
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
    _deny(registrations.overview_denial(request.user, plan))
    content, filename = registrations.registration_workbook(plan=plan, user=request.user)
    return _file_response(content, registrations.XLSX_CONTENT_TYPE, filename)


def _appendix(request, plan, fmt: str) -> HttpResponse:
    _deny(registrations.overview_denial(request.user, plan))
    full = request.GET.get(FULL_DATA_PARAMETER) == FULL_DATA_VALUE
    appendix = registrations.registration_appendix(plan=plan, user=request.user, full=full)
    return _file_response(
        render_appendix(appendix, fmt), CONTENT_TYPES[fmt], appendix_filename(appendix, fmt)
    )


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


# ---------------------------------------------------------------------------
# The plan page's section
# ---------------------------------------------------------------------------
def registration_panel(request, plan) -> dict | None:
    """The plan page's registration section (see activities/panels.py); None: nothing to show.

    For a plan with per-unit quotas: what each unit is expected to send and, once the plan is
    issued, what it has registered; the links the user may follow. Uses the plan's prefetched
    groups and one query for the counts.
    """
    groups = list(plan.participant_groups.all())
    quota_groups = [group for group in groups if group.kind == GroupKind.PER_UNIT]
    if not quota_groups:
        return None
    issued = policy.can(request.user, policy.Action.FOLLOW, plan)
    progress = registrations.registration_progress(plan, quota_groups)
    user = request.user
    closes = max(filter(None, (plan.registration_deadline, plan.registration_reopened_until)), default=None)
    return {
        "template": f"{TEMPLATES}panel.html",
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
