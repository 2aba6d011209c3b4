"""SQLite's planner statistics kept whole when a migration adds an index."""


def analyse_again(table: str):
    """A migration operation's function: ANALYZE `table` again on SQLite when ANALYZE left
    statistics for it. A database analysed before a new index has none for that index, and the
    planner then preferred it to the one that reads in the query's order (a body's list in date
    order read through the new body, year and kind index sorted every plan of the body). A
    database never analysed stays so."""

    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return
            cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
            if cursor.fetchone() is not None:
                cursor.execute(f'ANALYZE "{table}"')

    return run
