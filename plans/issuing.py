"""Freezing a plan's document at issue: its context, its PDF and the PDF's fingerprint.

Issuing takes two steps. Inside the issuing transaction, which holds the numbering register, the
context (the whole text, with the number and date) is frozen: that is the act. The PDF is then
rendered from that frozen context by a background task (`render_issued_pdf`, queued in the same
transaction) and attached with its SHA-256, so neither the register nor the user waits while
WeasyPrint works; the plan page says "đang tạo bản PDF" meanwhile. Should no worker run, or the task
fail, the first print of the plan's PDF renders and attaches it (`issued_pdf`).
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from common.tasks import background_task, enqueue_after
from plans.documents import build_plan_context, document_filename, render_plan_pdf
from plans.models import IssuedDocument, Plan


def freeze_context(*, plan: Plan, user) -> IssuedDocument:
    """Keep the plan's document as it stands; later prints use this, not the live data."""
    return IssuedDocument.objects.create(
        plan=plan,
        context=build_plan_context(plan),
        issued_by=user if getattr(user, "is_authenticated", False) else None,
    )


def attach_pdf(document: IssuedDocument) -> IssuedDocument:
    """Render the frozen context once and keep the PDF with its SHA-256."""
    return _store(document, render_plan_pdf(document.context))


def _store(document: IssuedDocument, pdf: bytes) -> IssuedDocument:
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.pdf.save(document_filename(document.context, "pdf"), ContentFile(pdf), save=False)
    document.save()
    return document


def _attach_once(document_id: int) -> IssuedDocument:
    """Attach the PDF unless it is there; the worker and a first print may race, one file wins."""
    document = IssuedDocument.objects.get(pk=document_id)
    if document.pdf:
        return document
    # Rendered outside the lock: on SQLite a transaction holds the whole database for its length.
    pdf = render_plan_pdf(document.context)
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document_id)
        return locked if locked.pdf else _store(locked, pdf)


def issued_pdf(document: IssuedDocument) -> bytes:
    """The issued PDF, attached now if the background task has not done it yet."""
    if not document.pdf:
        document = _attach_once(document.pk)
    return document.pdf_bytes()


@background_task("Tạo bản PDF của văn bản ban hành", priority=50)
def render_issued_pdf(document_id: int) -> None:
    """The second step of issuing, on the task queue (first in line: people wait for their print)."""
    _attach_once(document_id)


def attach_pdf_after_commit(document: IssuedDocument) -> None:
    """Queue the PDF's rendering; it runs only if the issue commits."""
    enqueue_after(render_issued_pdf, document.pk)


def pdf_pending(plan: Plan) -> bool:
    """Whether the plan is issued and its PDF not yet attached (the page says it is being made)."""
    return IssuedDocument.objects.filter(plan=plan, pdf="").exists()


def printable(plan: Plan) -> tuple[dict, IssuedDocument | None]:
    """What to print: the frozen context of an issued plan (and its document), else the live one."""
    issued = IssuedDocument.objects.filter(plan=plan).first()
    return (issued.context, issued) if issued is not None else (build_plan_context(plan), None)
