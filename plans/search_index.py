"""The index behind the plan list's search, one per database, over the folded `search_text`.

PostgreSQL: a pg_trgm GIN index, which serves `LIKE '%word%'` (the `contains` lookup) directly.
SQLite: an FTS5 table with the trigram tokenizer, kept by triggers on `plans_plan`; a phrase of
three letters or more matches as a substring, as `contains` does. SQLite migrations that alter
`plans_plan` rebuild the table and drop its triggers, so `ensure_search_index` runs after every
migrate and puts them back (rebuilding the index if they were missing).
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.expressions import RawSQL

# The trigram tokenizer indexes nothing shorter than three characters.
MIN_INDEXED_LENGTH = 3

_SQLITE_TRIGGERS = {
    "plans_plan_search_ai": """
        CREATE TRIGGER plans_plan_search_ai AFTER INSERT ON plans_plan BEGIN
            INSERT INTO plans_plan_search(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "plans_plan_search_ad": """
        CREATE TRIGGER plans_plan_search_ad AFTER DELETE ON plans_plan BEGIN
            INSERT INTO plans_plan_search(plans_plan_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "plans_plan_search_au": """
        CREATE TRIGGER plans_plan_search_au AFTER UPDATE OF search_text ON plans_plan BEGIN
            INSERT INTO plans_plan_search(plans_plan_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO plans_plan_search(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def create_search_index(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS plans_plan_search_trgm "
                "ON plans_plan USING gin (search_text gin_trgm_ops)"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS plans_plan_search USING fts5("
                "search_text, content='plans_plan', content_rowid='id', tokenize='trigram')"
            )
            ensure_search_index(connection=connection)


def drop_search_index(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS plans_plan_search_trgm")
        elif connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS plans_plan_search")


def ensure_search_index(connection=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Put back the SQLite triggers a table rebuild dropped, and rebuild the index then."""
    connection = connection or connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if "plans_plan_search" not in present:  # before the migration that creates it
            return
        missing = [name for name in _SQLITE_TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(_SQLITE_TRIGGERS[name])
        if missing:
            cursor.execute("INSERT INTO plans_plan_search(plans_plan_search) VALUES ('rebuild')")


def sqlite_match(word: str) -> str:
    """`word` as an FTS5 phrase: quoted, so that no character of it is read as an operator."""
    return '"' + word.replace('"', '""') + '"'


# Past this many matches a search on SQLite tests each plan as the list walks its order (see search_words).
MANY_MATCHES = 1000


def search_words(queryset, words: list[str]):
    """`queryset` narrowed to the plans whose folded text holds every word of `words` (folded).

    On SQLite the indexed words go to FTS5 as one query (its phrases are ANDed). Few matches are
    best read by their ids; thousands (a broad word) are not: SQLite read every one of them from
    the index (and sorted them, or kept them in a table to test each plan against) for a page of
    20. So the matches are counted first (up to MANY_MATCHES, in the index alone), and past that
    each plan's text is tested with LIKE as the list walks its order on its index: a page of a
    word that one plan in three holds is met within some sixty plans (on 200,000 plans, a broad
    search's page: 25 ms reading the matches, 0.1 ms so; its capped count 38 ms, 5 ms so)."""
    connection = connections[queryset.db]
    if connection.vendor == "sqlite":
        indexed = [word for word in words if len(word) >= MIN_INDEXED_LENGTH]
        if indexed:
            params = [" ".join(sqlite_match(word) for word in indexed)]
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM (SELECT rowid FROM plans_plan_search "
                    "WHERE plans_plan_search MATCH %s LIMIT %s)",
                    [*params, MANY_MATCHES + 1],
                )
                many = cursor.fetchone()[0] > MANY_MATCHES
            if not many:
                matches = RawSQL(
                    "SELECT rowid FROM plans_plan_search WHERE plans_plan_search MATCH %s", params
                )
                queryset = queryset.filter(pk__in=matches)
                words = [word for word in words if len(word) < MIN_INDEXED_LENGTH]
    # PostgreSQL's trigram index serves these LIKEs (its planner weighs the matches itself); on
    # SQLite a word of many matches, or too short for the index, is tested plan by plan.
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
