"""A paginator whose count stops at a cap, so a page of a huge list never counts every row."""

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

# How long a kept count is trusted: what its key cannot see changes shows within this time.
COUNT_TIMEOUT = 5 * 60


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`); past the cap the
    list says "more than cap" and pages through the first `cap` rows only (filters narrow it).

    With `count_by` (an indexed column) PostgreSQL counts that column alone in its order: it then
    walks the index under the LIMIT (an index-only scan where the filters are on the same index),
    where for a count in no order it chose a sequential scan of the table (bench/pages.py
    --explain). SQLite counts in no order: it already reads a covering index, and ordering by a
    generated column (the plans' date_key) would make it read the table for each row.

    With `branches` (querysets in the list's order whose rows together are the list's rows, each
    read in that order on an index of its own) a list past the cap reads a page as the first rows
    of every branch, merged: the database sorts a few pages' rows, not every row of the list.
    Below the cap the list is read whole, its sort bounded by the cap.

    With `count_key` the count is kept in the shared cache under that key (for COUNT_TIMEOUT): the
    key must change with anything that changes the count."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        cap: int,
        count_by: str | None = None,
        branches=None,
        count_key: str | None = None,
        **kwargs,
    ):
        self.cap = cap
        self.count_by = count_by
        self.branches = branches
        self.count_key = count_key
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _bounded_count(self) -> int:
        key = f"{self.count_key}:{self.cap}" if self.count_key else None
        count = cache.get(key) if key else None
        if count is None:
            count = self._count()
            if key:
                cache.set(key, count, COUNT_TIMEOUT)
        return count

    def _count(self) -> int:
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

    def page(self, number):
        page = super().page(number)
        if self.branches and self.capped:
            rows = self._merged(page.object_list.query.low_mark, page.object_list.query.high_mark)
            page.object_list = self._read_along_indexes(rows)
        return page

    @staticmethod
    def _read_along_indexes(rows) -> list:
        """The merged page's rows. PostgreSQL reads each branch along its index with bitmap scans
        off (for this query only): for a broad search it otherwise built, for every branch, a
        bitmap of every plan of the province the words match (50,000 plans: 7.8 ms for the page,
        1.2 ms so), though a few dozen rows of the branch's index hold its first page."""
        connection = connections[rows.db]
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return list(rows)
        with transaction.atomic(using=rows.db), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            return list(rows)

    def _merged(self, bottom: int, top: int):
        """The list's rows bottom to top: those among the first `top` rows of each branch. Each
        branch is compiled on its own and the parts joined here: Django's own union of subqueries
        spent 4 ms relabelling six copies of the list's filters; compiled alone, each costs 0.1 ms.
        Each part is a select from its branch, since SQLite allows no LIMIT in a UNION's parts."""
        parts, params = [], []
        for number, branch in enumerate(self.branches):
            try:
                sql, branch_params = branch.values("pk")[:top].query.get_compiler(using=branch.db).as_sql()
            except EmptyResultSet:  # a branch that can hold no row
                continue
            # Django's own SQL, every value a parameter.
            parts.append(f'SELECT * FROM ({sql}) AS "branch_{number}"')  # noqa: S608
            params.extend(branch_params)
        if not parts:
            return self.object_list.none()
        merged = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 (as above)
        return self.object_list.filter(pk__in=merged)[bottom:top]
