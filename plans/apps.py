from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from django.db.models.signals import post_migrate

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
