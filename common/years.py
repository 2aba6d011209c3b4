"""The years a plan, a register or a membership may name: one source for models, forms and filters."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q

FIRST_YEAR = 1945
LAST_YEAR = 2100
YEAR_MESSAGE = f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}."
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_range(field: str = "year") -> Q:
    """The condition of a check constraint that keeps `field` within the years above."""
    return Q(**{f"{field}__gte": FIRST_YEAR}) & Q(**{f"{field}__lte": LAST_YEAR})


def parse_year(value) -> int | None:
    """A year from a query string, or None when it is not one of the years above."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None
