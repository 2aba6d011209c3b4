from django.db import migrations, models

from common.sqlite.statistics import analyse_again


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
        migrations.RunPython(analyse_again("plans_plan"), migrations.RunPython.noop),
    ]
