"""The one error a write refuses with, and the one place that shows it to the user.

Every service raises `ServiceError` with its messages in Vietnamese, each on the input field at
fault (None: about the whole entry or the plan's state) and, for a form of many rows (the plan
editor, an imported spreadsheet), on the row at fault. Views never read its parts: they hand it to
`add_to_form` (messages next to the fields, input kept) or `add_to_page` (a message at the top).
"""

from collections.abc import Iterable, Mapping

from django.contrib import messages as page_messages
from django.core.exceptions import NON_FIELD_ERRORS

FieldErrors = dict[str | None, list[str]]


def _field_errors(errors: Mapping[str | None, Iterable[str] | str]) -> FieldErrors:
    found: FieldErrors = {}
    for name, messages in errors.items():
        key = None if name in (None, NON_FIELD_ERRORS) else name
        found.setdefault(key, []).extend([messages] if isinstance(messages, str) else messages)
    return {name: messages for name, messages in found.items() if messages}


class ServiceError(Exception):
    """A write refused: nothing was written.

    `errors` maps a field name (None: the whole entry) to its messages; `rows` maps a row's key
    (an editor row's form prefix) to the errors of that row. `ServiceError("…", field="reason")`
    is the short form for a single message.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        errors: Mapping[str | None, Iterable[str] | str] | None = None,
        rows: Mapping[str, Mapping[str | None, Iterable[str] | str]] | None = None,
    ):
        combined = dict(errors or {})
        if message:
            combined[field] = [*combined.get(field, ()), message]
        self.errors = _field_errors(combined)
        self.rows = {key: _field_errors(fields) for key, fields in (rows or {}).items()}
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        found = [message for messages in self.errors.values() for message in messages]
        for fields in self.rows.values():
            found += [message for messages in fields.values() for message in messages]
        return found

    @property
    def message(self) -> str:
        """The first message, for a refusal that has one."""
        return self.messages[0] if self.messages else ""


def add_to_form(
    error: ServiceError,
    form,
    *,
    errors: FieldErrors | None = None,
    aliases: Mapping[str, str] | None = None,
) -> None:
    """Put each message of `error` (or of its row `errors`) next to its field of `form`.

    A field the form does not have (after `aliases`, e.g. "organization" → "issuer") puts the
    message at the top of the form, so no message is ever lost.
    """
    for name, messages in (error.errors if errors is None else errors).items():
        target = (aliases or {}).get(name, name) if name else None
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


def add_to_page(request, error: ServiceError) -> None:
    """Every message of `error` at the top of the next page shown."""
    for message in error.messages:
        page_messages.error(request, message)
