"""A paginator whose count stops at a cap, so a page of a huge list never counts every row."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`); past the cap the
    list says "more than cap" and pages through the first `cap` rows only (filters narrow it).

    With `count_by` (an indexed column) PostgreSQL counts that column alone in its order: it then
    walks the index under the LIMIT (an index-only scan where the filters are on the same index),
    where for a count in no order it chose a sequential scan of the table (bench/pages.py
    --explain). SQLite counts in no order: it already reads a covering index, and ordering by a
    generated column (the plans' date_key) would make it read the table for each row."""

    def __init__(self, object_list, per_page, *, cap: int, count_by: str | None = None, **kwargs):
        self.cap = cap
        self.count_by = count_by
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _bounded_count(self) -> int:
        rows = self.object_list.order_by()
        # A DISTINCT list (a filter of several values) would count distinct values of the column.
        if self.count_by and not rows.query.distinct and connections[rows.db].vendor == "postgresql":
            rows = rows.order_by(f"-{self.count_by}").values(self.count_by)
        return rows[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @property
    def capped(self) -> bool:
        """True when the list holds more rows than `count` says."""
        return self._bounded_count > self.cap
