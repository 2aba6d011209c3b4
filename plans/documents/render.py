"""A document context in the format asked for: "pdf", "docx" or "html".

Plans and reports go through `render_document`, cached under the hash of their context and the
fingerprint of the renderers, so an unchanged document is rendered once; `document_etag` names
that version for the browser. Appendices go through `render_appendix` and are never cached: they
may list personal data, which stays out of the shared cache.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from plans.documents import docx, docx_layout, fonts, html, layout, pdf
from plans.documents.context import context_hash
from plans.documents.docx import render_appendix_docx, render_plan_docx
from plans.documents.html import STYLESHEET_PATH, TEMPLATE_NAME, render_appendix_html, render_plan_html
from plans.documents.pdf import html_to_pdf, render_plan_pdf

DOCUMENT_FORMATS = ("pdf", "docx", "html")
CACHE_TIMEOUT = 60 * 60 * 24 * 7
# The modules that lay a context out: a change to any of them changes every rendered file.
RENDERER_MODULES = (fonts, layout, html, pdf, docx_layout, docx)


def render_context(context: dict, fmt: str) -> bytes:
    """The plan or report context laid out in `fmt`, not cached."""
    if fmt == "pdf":
        return render_plan_pdf(context)
    if fmt == "docx":
        return render_plan_docx(context)
    if fmt == "html":
        return render_plan_html(context).encode("utf-8")
    raise ValueError(f"Định dạng không hỗ trợ: {fmt}")


@functools.cache
def renderer_fingerprint() -> str:
    """Changes when the template, the stylesheet or a renderer changes, so caches never go stale."""
    template = Path(settings.BASE_DIR) / "templates" / TEMPLATE_NAME
    digest = hashlib.sha256()
    for path in (template, STYLESHEET_PATH, *(Path(module.__file__) for module in RENDERER_MODULES)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def document_etag(context_digest: str, fmt: str) -> str:
    return f'"{fmt}-{context_digest[:40]}-{renderer_fingerprint()}"'


def _document_key(digest: str, fmt: str) -> str:
    return f"plans:document:{fmt}:{renderer_fingerprint()}:{digest}"


def render_document(context: dict, fmt: str, *, digest: str | None = None) -> bytes:
    """The rendered bytes, from the cache when this exact context was rendered before."""
    digest = digest or context_hash(context)
    key = _document_key(digest, fmt)
    content = cache.get(key)
    if content is None:
        content = render_context(context, fmt)
        cache.set(key, content, CACHE_TIMEOUT)
    return content


def has_document(digest: str, fmt: str) -> bool:
    """Whether `render_document` kept this context's bytes (asked without fetching them)."""
    return cache.has_key(_document_key(digest, fmt))


def cached_document(digest: str, fmt: str) -> bytes | None:
    """The bytes `render_document` kept for this context, if they are still in the cache."""
    return cache.get(_document_key(digest, fmt))


# How long a plan's stamp names its document: the plan's own changes bump its version and
# `updated_at` (so they are never printed stale); what the document reads from other rows (a
# cited plan's number, a body's new name) shows after this long at most.
STAMP_TIMEOUT = 60 * 10


def _stamp_key(plan, fmt: str) -> str:
    return (
        f"plans:document-stamp:{fmt}:{renderer_fingerprint()}:{plan.pk}:{plan.version}:"
        f"{plan.updated_at.timestamp() if plan.updated_at else ''}"
    )


def known_document(plan, fmt: str) -> dict | None:
    """What was served last for this plan's current version: its digest, file name and issued
    document, found without building the context (a cache read, no query)."""
    return cache.get(_stamp_key(plan, fmt))


def remember_document(plan, fmt: str, *, digest: str, filename: str, issued_id: int | None) -> None:
    # An issued plan prints its frozen context, which no other row changes: its stamp lasts as
    # long as the rendered bytes.
    cache.set(
        _stamp_key(plan, fmt),
        {"digest": digest, "filename": filename, "issued_id": issued_id},
        CACHE_TIMEOUT if issued_id is not None else STAMP_TIMEOUT,
    )


def render_appendix(appendix: dict, fmt: str, *, stylesheet_url: str | None = None) -> bytes:
    """The appendix as a document of its own: "html", "pdf" or "docx"."""
    if fmt == "pdf":
        return html_to_pdf(render_appendix_html(appendix))
    if fmt == "docx":
        return render_appendix_docx(appendix)
    if fmt == "html":
        return render_appendix_html(appendix, stylesheet_url=stylesheet_url).encode("utf-8")
    raise ValueError(f"Định dạng không hỗ trợ: {fmt}")
