"""The printed plan: an HTML preview with the format check, and the PDF and DOCX files.

Each response carries an ETag built from the document context, so a browser that already has the
current version gets "304 Not Modified" without anything being rendered; rendered bytes are cached
under the same hash (plans.documents.render.render_document), so an unchanged plan is rendered once.
"""

import hashlib
import json

from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from common.downloads import CONTENT_TYPES, file_response
from plans import policy
from plans.access import plan_view
from plans.documents.context import context_hash, document_queryset
from plans.documents.filenames import document_filename
from plans.documents.format_check import check_plan_format
from plans.documents.html import render_plan_html
from plans.documents.integrity import verify
from plans.documents.render import (
    cached_document,
    document_etag,
    known_document,
    remember_document,
    render_document,
)
from plans.issuing import issued_pdf, printable
from plans.models import IssuedDocument


def _conditional(request, etag: str) -> HttpResponse | None:
    """A 304 when the client already holds this exact version."""
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        response.headers["ETag"] = etag
    return response


def _finish(response: HttpResponse, etag: str) -> HttpResponse:
    response.headers["ETag"] = etag
    # Private (behind a login) and always revalidated: a changed plan must never print stale.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _issued_content(request, plan, issued) -> bytes | HttpResponse:
    """An issued plan's PDF is the very file that was issued: served only if its SHA-256 matches
    (a refusal page otherwise); not rendered yet, it is rendered and attached now."""
    if not issued.pdf:
        return issued_pdf(issued)
    verdict = verify(issued)
    if not verdict.servable:
        # 409: the stored file conflicts with the record; the page says so and who was told.
        return render(request, "plans/document_refused.html", {"plan": plan}, status=409)
    return verdict.content


def _file_response(request, plan, fmt: str, *, as_attachment: bool) -> HttpResponse:
    # Served again unchanged: the plan's stamp names the document, and neither the context nor
    # its hash is built (bench/pages.py, "pdf again").
    if (known := known_document(plan, fmt)) is not None:
        etag = document_etag(known["digest"], fmt)
        if (not_modified := _conditional(request, etag)) is not None:
            return not_modified
        if known["issued_id"] is not None and fmt == "pdf":
            # The frozen context is not read to serve the file (only to render a lost one again).
            issued = IssuedDocument.objects.filter(pk=known["issued_id"]).defer("context").first()
            content = _issued_content(request, plan, issued) if issued is not None else None
            if isinstance(content, HttpResponse):
                return content
        else:
            content = cached_document(known["digest"], fmt)
        if content is not None:
            response = file_response(
                content, filename=known["filename"], fmt=fmt, as_attachment=as_attachment
            )
            return _finish(response, etag)
    context, issued = printable(plan)
    digest = context_hash(context)
    etag = document_etag(digest, fmt)
    filename = document_filename(context, fmt)
    remember_document(plan, fmt, digest=digest, filename=filename, issued_id=issued.pk if issued else None)
    if (not_modified := _conditional(request, etag)) is not None:
        return not_modified
    content = _issued_content(request, plan, issued) if issued and fmt == "pdf" else None
    if isinstance(content, HttpResponse):
        return content
    if content is None:
        content = render_document(context, fmt, digest=digest)
    response = file_response(content, filename=filename, fmt=fmt, as_attachment=as_attachment)
    return _finish(response, etag)


@require_safe
@plan_view(policy.Action.VIEW)
def document_pdf(request, plan):
    return _file_response(request, plan, "pdf", as_attachment=False)


@require_safe
@plan_view(policy.Action.VIEW)
def document_docx(request, plan):
    return _file_response(request, plan, "docx", as_attachment=True)


@require_safe
@plan_view(policy.Action.VIEW, document_queryset)
def document_preview(request, plan):
    """The document as it will print, with what the format check found above it."""
    context = printable(plan)[0]
    findings = [finding.as_dict() for finding in check_plan_format(plan)]
    digest = hashlib.sha256(f"{context_hash(context)}{json.dumps(findings)}".encode()).hexdigest()
    etag = document_etag(digest, "html")
    if (not_modified := _conditional(request, etag)) is not None:
        return not_modified
    html = render_plan_html(
        context,
        preview=True,
        findings=findings,
        stylesheet_url=static("plans/document.css"),
        pdf_url=reverse("plans:document_pdf", args=[plan.pk]),
        docx_url=reverse("plans:document_docx", args=[plan.pk]),
    )
    return _finish(HttpResponse(html, content_type=CONTENT_TYPES["html"]), etag)
