from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):

        from plans.search_index import ensure_search_index

        # A migration that rebuilds plans_plan on SQLite drops the search triggers; put them back.
        post_migrate.connect(ensure_search_index, sender=self, dispatch_uid="plans_search_index")

        # The plan page's panels, from the view modules that own them (see plans/panels.py).
        from plans.panels import register
        from plans.views.budget import budget_panel

        register(budget_panel, position=30)

        # Numbering registers follow a renamed body (clusters cannot import plans).
        from clusters.reorganisation import body_reorganised
        from plans.numbering import carry_registers

        body_reorganised.connect(carry_registers, dispatch_uid="plans.numbering.carry_registers")

        # A user's rights are kept across requests until the rows they are read from change.
        from plans.policy.scope import connect_scope_signals

        connect_scope_signals()

        post_migrate.connect(keep_change_log_append_only, sender=self, dispatch_uid="plans.append_only")


def keep_change_log_append_only(using, **kwargs):
    """SQLite rebuilds a table to change its constraints (every new audit action does), and the
    rebuild drops the change log's append-only trigger: after every migrate, it is there again."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        trigger = import_module("plans.migrations.0006_workflow").SQLITE_TRIGGER
        with connection.cursor() as cursor:
            cursor.execute(trigger)
