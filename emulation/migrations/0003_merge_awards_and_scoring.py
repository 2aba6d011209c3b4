# The awards catalogue (branch emudocs) and the criteria tables (branch scoring) started side by side.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0001_criteria_tables_and_scoring"),
        ("emulation", "0002_load_awards"),
    ]

    operations = []
