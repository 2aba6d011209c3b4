"""Freezing a plan's document at issue: its context, its PDF and the PDF's fingerprint.

Issuing takes two steps. Inside the issuing transaction, which holds the numbering register, the
context (the whole text, with the number and date) is frozen: that is the act. Right after
commit the PDF is rendered from that frozen context and attached with its SHA-256, so the register
is not held while WeasyPrint works. Should the second step fail, the first print of the plan's
PDF renders and attaches it (`issued_pdf`).
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from plans.documents import build_plan_context, document_filename, render_plan_pdf
from plans.models import IssuedDocument, Plan

logger = logging.getLogger(__name__)


def freeze_context(*, plan: Plan, user) -> IssuedDocument:
    """Keep the plan's document as it stands; later prints use this, not the live data."""
    return IssuedDocument.objects.create(
        plan=plan,
        context=build_plan_context(plan),
        issued_by=user if getattr(user, "is_authenticated", False) else None,
    )


def attach_pdf(document: IssuedDocument) -> IssuedDocument:
    """Render the frozen context once and keep the PDF with its SHA-256."""
    pdf = render_plan_pdf(document.context)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.pdf.save(document_filename(document.context, "pdf"), ContentFile(pdf), save=False)
    document.save()
    return document


def issued_pdf(document: IssuedDocument) -> bytes:
    """The issued PDF, attached now if rendering it right after issue did not happen."""
    if not document.pdf:
        with transaction.atomic():
            locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
            document = locked if locked.pdf else attach_pdf(locked)
    return document.pdf_bytes()


def attach_pdf_after_commit(document: IssuedDocument) -> None:
    def attach():
        try:
            attach_pdf(IssuedDocument.objects.get(pk=document.pk))
        except Exception:  # the plan is issued; its PDF is attached on first print instead
            logger.exception("Could not render the PDF of issued document %s", document.pk)

    transaction.on_commit(attach, robust=True)


def printable(plan: Plan) -> tuple[dict, IssuedDocument | None]:
    """What to print: the frozen context of an issued plan (and its document), else the live one."""
    issued = IssuedDocument.objects.filter(plan=plan).first()
    return (issued.context, issued) if issued is not None else (build_plan_context(plan), None)
