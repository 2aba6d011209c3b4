"""Evidence files: what a file is, by its content, and how it is kept.

A file is recognised by its content (its first bytes; for DOCX and XLSX, the main part named in the
package's `[Content_Types].xml`), never by its name, and is stored through Django's storage API
under a generated name; it is downloaded only through a view that checks the policy.
"""

import datetime
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from activities.models import ActivityEvidence
from common.downloads import CONTENT_TYPES, XLSX_CONTENT_TYPE
from common.errors import ServiceError

NO_FILE_MESSAGE = "Chọn một tệp để tải lên."
EMPTY_FILE_MESSAGE = "Tệp rỗng (0 byte); hãy chọn lại tệp."
TOO_LARGE_MESSAGE = "Tệp quá lớn: tối đa {limit} MB (tệp này {size} MB)."
TYPE_REFUSED_MESSAGE = (
    "Chỉ nhận tệp PDF, ảnh JPEG, PNG, văn bản Word (DOCX) hoặc bảng tính Excel (XLSX). "
    "Nội dung tệp “{name}” không phải một trong các loại này (loại tệp được nhận biết theo nội dung, "
    "không theo tên)."
)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# How long a deleted file can still be restored by its plan's organiser before it is erased.
EVIDENCE_RECOVERY_DAYS = 30


def recovery_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Files deleted at or before this moment can no longer be restored."""
    return (now or timezone.now()) - datetime.timedelta(days=EVIDENCE_RECOVERY_DAYS)


ORIGINAL_NAME_MAX = 255
# What `[Content_Types].xml` may take before we stop reading it (a real one is a few kilobytes).
CONTENT_TYPES_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str
    aliases: tuple[str, ...] = ()  # other extensions the same kind is known by (".jpeg")


PDF = FileKind("pdf", CONTENT_TYPES["pdf"], "PDF")
JPEG = FileKind("jpg", "image/jpeg", "Ảnh JPEG", aliases=("jpeg",))
PNG = FileKind("png", "image/png", "Ảnh PNG")
DOCX = FileKind("docx", CONTENT_TYPES["docx"], "Word")
XLSX = FileKind("xlsx", XLSX_CONTENT_TYPE, "Excel")

KINDS = {kind.content_type: kind for kind in (PDF, JPEG, PNG, DOCX, XLSX)}

# The main part of an Office Open XML package, as `[Content_Types].xml` names it (macro-enabled
# .docm/.xlsm packages name other types and are refused).
_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""\b(PartName|ContentType)\s*=\s*["']([^"']*)["']""")


def sniff_kind(upload) -> FileKind | None:
    """The allowed kind the file's content is, or None; the name of the file plays no part."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _office_kind(upload)
        finally:
            upload.seek(0)
    return None


def _office_kind(upload) -> FileKind | None:
    """DOCX or XLSX when the ZIP's `[Content_Types].xml` names a Word or Excel main part it holds."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return None
            with package.open(info) as stream:
                content_types = stream.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError, EOFError):
        return None
    if len(content_types) > CONTENT_TYPES_MAX_BYTES:
        return None
    for override in _OVERRIDE.findall(content_types):
        attributes = {
            key.decode(): value.decode("utf-8", "replace") for key, value in _ATTRIBUTE.findall(override)
        }
        kind = _MAIN_PARTS.get(attributes.get("ContentType", "").strip().lower())
        if kind is not None and attributes.get("PartName", "").lstrip("/") in names:
            return kind
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_original_name(name: str) -> str:
    """The name as the user's computer knew it: no folders, no control characters, at most 255 long."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _CONTROL.sub("", name).strip().strip(".") or "tep-minh-chung"
    if len(name) > ORIGINAL_NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: ORIGINAL_NAME_MAX - len(extension) - 1]}.{extension}"
        else:
            name = name[:ORIGINAL_NAME_MAX]
    return name


def download_name(evidence: ActivityEvidence) -> str:
    """The uploader's name with the extension of the kind the content was recognised as: a PDF
    uploaded as "bien-ban.exe" (or "bien-ban") is handed out as "bien-ban.pdf"."""
    name = evidence.original_name or "tep-minh-chung"
    kind = KINDS.get(evidence.content_type)
    if kind is None:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in (kind.extension, *kind.aliases):
        return name
    return f"{stem if dot and stem else name}.{kind.extension}"


def _megabytes(size: int) -> str:
    """ "10", "10,1": tenths of a megabyte, rounded up, so a file just over the limit reads as over it."""
    tenths = -(-size * 10 // (1024 * 1024))
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth}" if tenth else str(whole)


def check_evidence(upload: UploadedFile | None) -> FileKind:
    """The file's kind, or a ServiceError on the "file" field saying what is wrong with it."""
    if upload is None:
        raise ServiceError(NO_FILE_MESSAGE, field="file")
    if not upload.size:
        raise ServiceError(EMPTY_FILE_MESSAGE, field="file")
    if upload.size > MAX_EVIDENCE_BYTES:
        limit, size = _megabytes(MAX_EVIDENCE_BYTES), _megabytes(upload.size)
        raise ServiceError(TOO_LARGE_MESSAGE.format(limit=limit, size=size), field="file")
    kind = sniff_kind(upload)
    if kind is None:
        name = clean_original_name(upload.name)
        raise ServiceError(TYPE_REFUSED_MESSAGE.format(name=name), field="file")
    return kind


def store_evidence(evidence: ActivityEvidence, upload: UploadedFile, kind: FileKind) -> None:
    """Save the file under a generated name, then its row; nothing half done if either fails."""
    upload.seek(0)
    try:
        evidence.file.save(f"{uuid.uuid4().hex}.{kind.extension}", upload, save=False)
        evidence.save()
    except Exception:
        # A file whose row could not be written is removed again.
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
