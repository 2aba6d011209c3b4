"""The office's numbering register: a records clerk (or the administrator) sets where it continues
and enters the documents issued outside the product; the rules are in plans.numbering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from common.errors import ServiceError, add_to_form
from common.years import parse_year
from plans import numbering, policy
from plans.register_forms import NextNumberForm, OutsideDocumentForm


@require_safe
@login_required
def register_list(request):
    bodies = policy.register_keepers(request.user).order_by("name")
    return render(request, "plans/registers/list.html", {"bodies": bodies})


@require_http_methods(["GET", "POST"])
@login_required
def register_detail(request, pk: int):
    body = get_object_or_404(policy.register_keepers(request.user), pk=pk)
    year = parse_year(request.GET.get("year")) or timezone.localdate().year
    action = request.POST.get("action") if request.method == "POST" else None
    next_form = NextNumberForm(request.POST if action == "next" else None, prefix="next")
    outside_form = OutsideDocumentForm(request.POST if action == "outside" else None, prefix="outside")
    form = {"next": next_form, "outside": outside_form}.get(action)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if form is next_form:
                numbering.register_set_next(issuer=body, year=year, user=request.user, **data)
                done = f"Sổ năm {year} sẽ cấp tiếp số {data['next_number']:02d}."
            else:
                numbering.register_enter_outside(issuer=body, user=request.user, **data)
                done = f"Đã ghi văn bản số {data['number']:02d} vào sổ; số này sẽ được bỏ qua khi cấp số."
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, done)
            return redirect(f"{request.path}?year={year}")
    register = numbering.peek_register(body, year)
    entries = register.entries.select_related("actor").order_by("-at", "-pk") if register.pk else []
    return render(
        request,
        "plans/registers/detail.html",
        {
            "body": body,
            "year": year,
            "register": register,
            "next_number": numbering.following_number(register),
            "entries": entries,
            "next_form": next_form,
            "outside_form": outside_form,
        },
    )
