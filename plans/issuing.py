"""Freezing a plan's document at issue: its context, its PDF and the PDF's fingerprint."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from plans.documents import build_plan_context
from plans.models import IssuedDocument, Plan
from plans.rendering import document_filename, render_plan_pdf


@transaction.atomic
def freeze_document(*, plan: Plan, user) -> IssuedDocument:
    """Render the plan as it stands and keep the result; later prints use this, not the live data."""
    context = build_plan_context(plan)
    pdf = render_plan_pdf(context)
    document = IssuedDocument(
        plan=plan,
        context=context,
        sha256=hashlib.sha256(pdf).hexdigest(),
        issued_by=user if getattr(user, "is_authenticated", False) else None,
    )
    document.pdf.save(document_filename(context, "pdf"), ContentFile(pdf), save=False)
    document.save()
    return document


def printable(plan: Plan) -> tuple[dict, IssuedDocument | None]:
    """What to print: the frozen context of an issued plan (and its document), else the live one."""
    issued = IssuedDocument.objects.filter(plan=plan).first()
    return (issued.context, issued) if issued is not None else (build_plan_context(plan), None)
