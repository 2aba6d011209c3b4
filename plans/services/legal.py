"""Writes to the list of legal texts (plans.models.LegalText)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ServiceError
from plans import policy
from plans.models import LegalText

REPLACES_ITSELF_MESSAGE = "Văn bản không thể thay thế chính nó."


@transaction.atomic
def legal_text_save(*, user, text: LegalText, replaced_by: Iterable[LegalText]) -> LegalText:
    """Create or update `text` (its fields already set) and what replaced it."""
    policy.require_legal_text_manager(user)
    replaced_by = list(replaced_by)
    if text.pk is not None and any(other.pk == text.pk for other in replaced_by):
        raise ServiceError(REPLACES_ITSELF_MESSAGE, field="replaced_by")
    try:
        text.full_clean()
    except ValidationError as error:
        raise ServiceError(errors=error.message_dict) from None
    text.save()
    text.replaced_by.set(replaced_by)
    return text
