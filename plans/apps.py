from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        # The plan page's panels, from the view modules that own them (see plans/panels.py).
        from plans.panels import register
        from plans.views.budget import budget_panel

        register(budget_panel, position=30)
