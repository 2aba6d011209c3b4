"""Is an issued PDF still the file that was issued? Its bytes against the SHA-256 on record.

One check for every place that needs it: the document view before it serves an issued PDF, and
`manage.py verify_documents` over the whole register (after a restore, say). A file that is
missing is rendered again from the frozen context: if that gives the very bytes on record it takes
the lost file's place; otherwise, like a file that differs, it is refused, logged and reported to
the records clerks of the issuing body and to the administrators.
"""

import enum
import hashlib
import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Q

from clusters.choices import StaffRole
from plans import policy
from plans.choices import AuditAction
from plans.documents.pdf import render_plan_pdf
from plans.models import IssuedDocument, Notification

logger = logging.getLogger(__name__)


class Status(enum.StrEnum):
    OK = "ok"
    RESTORED = "restored"  # was missing; rendered again to the same bytes and put back
    MISMATCH = "mismatch"  # the stored file's bytes differ from the record
    MISSING = "missing"  # no file, and rendering again does not give the recorded bytes
    UNATTACHED = "unattached"  # issued, PDF not rendered yet: nothing to compare


@dataclass(frozen=True)
class Verdict:
    document: IssuedDocument
    status: Status
    found_sha256: str = ""
    content: bytes | None = None  # the verified bytes, when the status lets them be served

    @property
    def servable(self) -> bool:
        return self.status in (Status.OK, Status.RESTORED)

    @property
    def message(self) -> str:
        """What was found, in Vietnamese, for the command's report and the alert."""
        return {
            Status.OK: "khớp mã SHA-256",
            Status.RESTORED: "tệp bị mất, đã tạo lại từ nội dung đã ban hành và khớp mã SHA-256",
            Status.MISMATCH: f"tệp không khớp mã SHA-256 (ghi nhận {self.document.sha256[:12]}…, "
            f"tệp hiện có {self.found_sha256[:12]}…)",
            Status.MISSING: "tệp bị mất và bản tạo lại từ nội dung đã ban hành không khớp mã SHA-256",
            Status.UNATTACHED: "chưa có bản PDF",
        }[self.status]


def _stored_bytes(document: IssuedDocument) -> bytes | None:
    storage = document.pdf.storage
    if not storage.exists(document.pdf.name):
        return None
    with storage.open(document.pdf.name, "rb") as file:
        return file.read()


def _put_back(document: IssuedDocument, pdf: bytes) -> None:
    name = document.pdf.storage.save(document.pdf.name, ContentFile(pdf))
    if name != document.pdf.name:  # the storage chose another name: point the record at it
        IssuedDocument.objects.filter(pk=document.pk).update(pdf=name)
        document.pdf.name = name


def verify(document: IssuedDocument, *, restore: bool = True, alert: bool = True) -> Verdict:
    """Compare the stored PDF with its recorded SHA-256; a missing file is rendered again.

    `restore`: put a missing file back when rendering again matches the record.
    `alert`: log and tell the clerks and administrators when the file cannot be trusted.
    """
    if not document.pdf:
        return Verdict(document, Status.UNATTACHED)
    content = _stored_bytes(document)
    status = Status.OK
    if content is None:
        content = render_plan_pdf(document.context)
        status = Status.RESTORED
    found = hashlib.sha256(content).hexdigest()
    if found != document.sha256:
        verdict = Verdict(document, Status.MISSING if status == Status.RESTORED else Status.MISMATCH, found)
        if alert:
            raise_alarm(verdict)
        return verdict
    if status == Status.RESTORED:
        if restore:
            _put_back(document, content)
        logger.warning("Issued PDF of plan %s was missing; rendered again, hash matches", document.plan_id)
    return Verdict(document, status, found, content)


def raise_alarm(verdict: Verdict) -> None:
    """Log the failure and tell, once while unread, the body's records clerks and the administrators."""
    document = verdict.document
    logger.error(
        "Issued PDF of plan %s cannot be trusted: %s (file %s, recorded %s, found %s)",
        document.plan_id,
        verdict.status,
        document.pdf.name,
        document.sha256,
        verdict.found_sha256 or "-",
    )
    plan = document.plan
    people = get_user_model().objects.filter(
        Q(pk__in=policy.users_acting(StaffRole.CLERK, plan)) | Q(is_superuser=True, is_active=True)
    )
    already = Notification.objects.filter(
        plan=plan, action=AuditAction.DOCUMENT_MISMATCH, read_at__isnull=True
    ).values("recipient")
    message = (
        f"Bản PDF đã ban hành của kế hoạch “{plan.subject}” ({plan.full_symbol}) không còn đúng bản gốc: "
        f"{verdict.message}. Hệ thống đã ngừng cung cấp tệp này; hãy khôi phục từ bản sao lưu."
    )
    Notification.objects.bulk_create(
        Notification(recipient=person, plan=plan, action=AuditAction.DOCUMENT_MISMATCH, message=message[:600])
        for person in people.exclude(pk__in=already).order_by("pk")
    )
