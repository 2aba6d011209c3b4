from django.db import migrations, models


def complete_sqlite_statistics(apps, schema_editor):
    """SQLite plans with the statistics ANALYZE left: a database analysed before this index would
    have none for it, and the planner then took it for a body's list in date order (and sorted
    every plan of the body). Analysed again here; a database never analysed stays so."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'plans_plan' LIMIT 1")
        if cursor.fetchone() is not None:
            cursor.execute("ANALYZE plans_plan")


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0005_header_name_with_line_breaks"),
        ("plans", "0023_addressee"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(
                fields=["organization", "year", "kind", "date_key"], name="plans_plan_org_year_kind_idx"
            ),
        ),
        migrations.RunPython(complete_sqlite_statistics, migrations.RunPython.noop),
    ]
