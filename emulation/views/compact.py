"""Giao ước thi đua pages: draw up the cluster's compact, and set who signs for each member."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from common.errors import ServiceError, add_to_form, add_to_page
from emulation.forms.compact import signatory_forms
from emulation.models import Compact
from emulation.selectors.registrations import call_queryset
from emulation.services import compact as services
from plans import policy


@require_POST
@login_required
def compact_create(request, pk: int):
    """The compact of the call's cluster and year (from the call's page)."""
    call = get_object_or_404(call_queryset(), pk=pk, cluster__isnull=False)
    if not policy.sees_call(request.user, call):
        raise Http404
    try:
        compact = services.compact_create(user=request.user, cluster=call.cluster, year=call.year)
    except ServiceError as error:
        add_to_page(request, error)
        return redirect(call)
    return redirect(compact)


@require_http_methods(["GET", "POST"])
@login_required
def compact_detail(request, pk: int):
    compact = get_object_or_404(Compact.objects.select_related("cluster", "document"), pk=pk)
    if not policy.visible_plans(request.user).filter(pk=compact.document_id).exists():
        raise Http404
    may_edit = policy.can(request.user, policy.Action.EDIT, compact.document)
    signatories = list(compact.signatories.select_related("unit"))
    forms = signatory_forms(signatories, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        policy.require(request.user, policy.Action.EDIT, compact.document)
        if all(form.is_valid() for form in forms):
            values = {form.instance.pk: form.cleaned_data for form in forms}
            try:
                services.signatories_update(user=request.user, compact=compact, values=values)
            except ServiceError as error:
                for form in forms:
                    add_to_form(error, form, errors=error.rows.get(str(form.instance.pk), {}))
            else:
                return redirect(compact)
    return render(
        request,
        "emulation/compact_detail.html",
        {
            "compact": compact,
            "document": compact.document,
            "rows": list(zip(signatories, forms, strict=True)),
            "may_edit": may_edit,
            "unsigned": sum(1 for item in signatories if not item.name.strip()),
        },
    )
