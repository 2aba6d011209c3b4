"""Which legal texts a plan cites and whether they are in force on its date (plans.models.LegalText)."""

import calendar
import datetime
from collections.abc import Iterable

from plans.models import LegalBasis, LegalText, Plan
from plans.models.legal import KIND_RANK


def plan_dates(plan: Plan) -> tuple[datetime.date, datetime.date]:
    """The first and the last day the plan's date can be: its date, or its month or year while undated."""
    if plan.document_date:
        return plan.document_date, plan.document_date
    year = plan.date_year
    if plan.date_month:
        last_day = calendar.monthrange(year, plan.date_month)[1]
        return datetime.date(year, plan.date_month, 1), datetime.date(year, plan.date_month, last_day)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def template_date(year: int, today: datetime.date) -> datetime.date:
    """The day whose texts a new plan of `year` cites: today within that year, else its nearest end."""
    return min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def in_hierarchy_order(texts: Iterable[LegalText]) -> list[LegalText]:
    """Laws before decrees before circulars, the older first (the order a plan cites them in)."""
    return sorted(
        texts,
        key=lambda text: (KIND_RANK.get(text.kind, len(KIND_RANK)), text.signed_on or datetime.date.max),
    )


def template_texts(day: datetime.date) -> list[LegalText]:
    """The texts a plan created from a template on `day` cites (marked so by an administrator)."""
    return in_hierarchy_order(LegalText.objects.in_force_on(day).filter(cited_by_templates=True))


def all_texts() -> list[LegalText]:
    """Every text with its replacements, read in two queries (the list is short)."""
    return in_hierarchy_order(LegalText.objects.prefetch_related("replaced_by"))


def texts_cited(basis: LegalBasis, text: str, texts: list[LegalText]) -> list[LegalText]:
    """The texts a basis cites: the one it points to, or those its free text names by number or otherwise."""
    if basis.legal_text_id:
        return [basis.legal_text]
    return [known for known in texts if known.cited_in(text)] if text else []


def replacements_on(text: LegalText, day: datetime.date, by_pk: dict[int, LegalText]) -> list[LegalText]:
    """What replaced `text` and is in force on `day`, following replacements that were replaced in turn."""
    found, seen = [], {text.pk}
    queue = [by_pk.get(other.pk, other) for other in text.replaced_by.all()]
    while queue:
        other = queue.pop(0)
        if other.pk in seen:
            continue
        seen.add(other.pk)
        if other.in_force_until is not None and other.in_force_until < day:
            queue += [by_pk.get(next_.pk, next_) for next_ in other.replaced_by.all()]
        else:
            found.append(other)
    return in_hierarchy_order(found)
