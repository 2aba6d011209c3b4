"""A paginator whose count stops at a cap, so a page of a huge list never counts every row."""

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

# How long a kept count or page is trusted: what its key cannot see changes shows within this time.
KEPT_TIMEOUT = 5 * 60


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

    With `cache_key` the count and each page's rows are kept in the shared cache under that key
    (for KEPT_TIMEOUT): the key must change with anything that changes the list."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        cap: int,
        count_by: str | None = None,
        branches=None,
        cache_key: str | None = None,
        **kwargs,
    ):
        self.cap = cap
        self.count_by = count_by
        self.branches = branches
        self.cache_key = cache_key
        super().__init__(object_list, per_page, **kwargs)

    def _kept(self, part: str, read):
        """`read()`, kept under the list's key and `part` when the list has a key."""
        if not self.cache_key:
            return read()
        key = f"{self.cache_key}:{self.cap}:{self.per_page}:{part}"
        value = cache.get(key)
        if value is None:
            value = read()
            cache.set(key, value, KEPT_TIMEOUT)
        return value

    @cached_property
    def _bounded_count(self) -> int:
        return self._kept("count", self._count)

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
        page.object_list = self._kept(f"page:{page.number}", lambda: self._rows(page.object_list))
        return page

    def _rows(self, page_rows) -> list:
        if self.branches and self.capped:
            merged = self._merged(page_rows.query.low_mark, page_rows.query.high_mark)
            return self._read_along_indexes(merged)
        return list(page_rows)

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
