from django.db import migrations, models

from common.sqlite.statistics import analyse_again


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0024_org_year_kind_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(fields=["updated_at"], name="plans_plan_updated_idx"),
        ),
        migrations.RunPython(analyse_again("plans_plan"), migrations.RunPython.noop),
    ]
