"""The provincial administrator's pages for the list of legal texts that plans cite."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from common.errors import ServiceError, add_to_form
from plans import policy
from plans.forms.legal import LegalTextForm
from plans.models import LegalText
from plans.services.legal import legal_text_save

SAVED_MESSAGE = "Đã lưu {text}."


@require_safe
@login_required
def legal_text_list(request):
    policy.require_legal_text_manager(request.user)
    today = timezone.localdate()
    texts = list(LegalText.objects.prefetch_related("replaced_by").order_by("-in_force_from", "number"))
    show_all = request.GET.get("all") == "1"
    rows = [(text, text.in_force_on(today)) for text in texts]
    if not show_all:
        rows = [row for row in rows if row[1]]
    return render(request, "plans/legal_text_list.html", {"rows": rows, "show_all": show_all, "today": today})


@require_http_methods(["GET", "POST"])
@login_required
def legal_text_edit(request, pk=None):
    policy.require_legal_text_manager(request.user)
    text = get_object_or_404(LegalText, pk=pk) if pk is not None else LegalText()
    form = LegalTextForm(request.POST if request.method == "POST" else None, instance=text)
    if request.method == "POST" and form.is_valid():
        try:
            text = legal_text_save(
                user=request.user, text=form.instance, replaced_by=form.cleaned_data["replaced_by"]
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, SAVED_MESSAGE.format(text=text))
            return redirect("plans:legal_texts")
    return render(request, "plans/legal_text_form.html", {"form": form, "text": text})
