"""Files the app hands out: their content types, their names and the response that carries them."""

import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from common.text import fold

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
}


def filename_slug(text: str, *, words: int | None = None, last: bool = False) -> str:
    """Text as a file-name piece without diacritics: "Kế hoạch Tập huấn" -> "ke-hoach-tap-huan".

    `words` keeps only the first (or, with `last`, the last) so many words.
    """
    pieces = [piece for piece in re.split(r"[^a-z0-9]+", fold(text or "")) if piece]
    if words is not None:
        pieces = pieces[-words:] if last else pieces[:words]
    return "-".join(pieces)


def file_response(
    content: bytes,
    *,
    filename: str,
    fmt: str | None = None,
    content_type: str | None = None,
    as_attachment: bool = True,
) -> HttpResponse:
    """A download (or, without `as_attachment`, a file the browser shows) that is never cached by a
    shared cache: every file here is behind a sign-in. `fmt` names a type of `CONTENT_TYPES`."""
    response = HttpResponse(content, content_type=content_type or CONTENT_TYPES[fmt or ""])
    response.headers["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response.headers["Cache-Control"] = "private, no-cache"
    return response
