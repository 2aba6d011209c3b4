"""The member unit's registration pages: its quota, its list (in full: its own people), and adding,
changing, removing and importing people.

The pages only parse input and show results; the rules are in activities.registrations and
plans.policy. Every page that shows personal data in full is logged there, and is sent with
`Cache-Control: no-store` so that no shared or back-button cache keeps it.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities.choices import PersonalDataUse
from activities.models import Registration
from activities.registrations import services, xlsx_export, xlsx_import
from activities.registrations.columns import import_columns
from activities.registrations.people import PERSON_FIELDS, editable_registration, registrations_of
from activities.registrations.personal_data import log_personal_data, people_for
from activities.registrations.quotas import quota_groups, registration_progress, unit_quotas
from activities.views.registration.forms import ImportForm, RegistrationForm
from common.confirmation import confirm_deletion
from common.downloads import file_response
from common.errors import ServiceError, add_to_form, add_to_page
from plans import policy
from plans.access import plan_view


def _chosen_unit(value, units):
    """The unit picked in the page's unit selector (its id), else the user's first."""
    for unit in units:
        if str(unit.pk) == str(value):
            return unit
    return units[0]


def _unit_url(plan, unit) -> str:
    return f"{reverse('registration:unit', args=[plan.pk])}?unit={unit.pk}"


def _render_unit(request, plan, units, unit, *, form=None):
    groups = quota_groups(plan)
    quotas = unit_quotas(groups, unit)
    progress = registration_progress(plan, groups).of(unit)
    people = people_for(request.user, plan, registrations_of(plan, [unit.pk]))
    closed = policy.denial(request.user, policy.Action.REGISTER, plan)
    if form is None:
        form = RegistrationForm(units=units, quotas=quotas, initial={"unit": unit.pk})
    return render(
        request,
        "activities/registration/unit.html",
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
    policy.require(request.user, policy.Action.UNIT_LIST, plan)
    units = policy.registering_units(request.user, plan)
    return _render_unit(request, plan, units, _chosen_unit(request.GET.get("unit"), units))


@require_POST
@never_cache
@plan_view(policy.Action.REGISTER)
def registration_add(request, plan):
    units = policy.registering_units(request.user, plan)
    unit = _chosen_unit(request.POST.get("unit"), units)
    quotas = unit_quotas(quota_groups(plan), unit)
    form = RegistrationForm(request.POST, units=units, quotas=quotas)
    if form.is_valid():
        try:
            person = services.registration_create(
                plan=plan,
                user=request.user,
                organization=unit,
                values=form.values(),
                group=form.cleaned_data.get("group"),
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, f"Đã đăng ký {person.full_name}.")
            return redirect(_unit_url(plan, unit))
    return _render_unit(request, plan, units, unit, form=form)


def _own_registration(request, plan, registration_id: int) -> Registration:
    try:
        return editable_registration(request.user, plan, registration_id)
    except Registration.DoesNotExist as error:
        raise Http404("Không có người đăng ký này trong danh sách của đơn vị bạn.") from error


@require_http_methods(["GET", "POST"])
@never_cache
@plan_view(policy.Action.REGISTER)
def registration_edit(request, plan, registration_id: int):
    registration = _own_registration(request, plan, registration_id)
    units = [registration.organization]
    quotas = unit_quotas(quota_groups(plan), registration.organization)
    initial = {name: getattr(registration, name) for name in PERSON_FIELDS}
    initial |= {"unit": registration.organization_id, "group": registration.group_id}
    form = RegistrationForm(request.POST or None, units=units, quotas=quotas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update(
                registration=registration,
                user=request.user,
                values=form.values(),
                group=form.cleaned_data.get("group"),
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, f"Đã lưu thông tin của {registration.full_name}.")
            return redirect(_unit_url(plan, registration.organization))
    if request.method == "GET":
        log_personal_data(
            user=request.user,
            plan=plan,
            use=PersonalDataUse.VIEW,
            rows=1,
            organization=registration.organization,
        )
    return render(
        request,
        "activities/registration/edit.html",
        {"plan": plan, "registration": registration, "form": form},
    )


@require_http_methods(["GET", "POST"])
@never_cache
@plan_view(policy.Action.REGISTER)
def registration_delete(request, plan, registration_id: int):
    registration = _own_registration(request, plan, registration_id)
    if request.method == "GET":
        return confirm_deletion(
            request,
            question=f"Xoá {registration.full_name} khỏi danh sách?",
            details=[registration.organization.name, registration.position],
            cancel_url=_unit_url(plan, registration.organization),
        )
    try:
        services.registration_delete(registration=registration, user=request.user)
    except ServiceError as error:
        add_to_page(request, error)
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
    if request.method == "POST" and form.is_valid():
        try:
            result = xlsx_import.registration_import(
                plan=plan,
                user=request.user,
                organization=unit,
                content=form.cleaned_data["file"].read(),
                replace=form.cleaned_data["replace"],
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            replaced = f" (thay cho {result.replaced} người đã có)" if result.replaced else ""
            messages.success(request, f"Đã nhập {result.created} người từ tệp{replaced}.")
            return redirect(_unit_url(plan, unit))
    quotas = unit_quotas(quota_groups(plan), unit)
    return render(
        request,
        "activities/registration/import.html",
        {
            "plan": plan,
            "units": units,
            "unit": unit,
            "quotas": quotas,
            "columns": import_columns(len(quotas) > 1),
            "form": form,
            # Every problem of a refused file (the form has no check of its own across fields).
            "errors": form.non_field_errors(),
            "max_rows": xlsx_import.MAX_IMPORT_ROWS,
        },
    )


@require_safe
@plan_view(policy.Action.VIEW)
def import_template(request, plan):
    policy.require(request.user, policy.Action.UNIT_LIST, plan)
    units = policy.registering_units(request.user, plan)
    content, filename = xlsx_export.import_template(plan, _chosen_unit(request.GET.get("unit"), units))
    return file_response(content, filename=filename, fmt="xlsx")
