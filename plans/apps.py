from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        # The plan page's panels, from the view modules that own them (see plans/panels.py).
        from plans.panels import register
        from plans.views.budget import budget_panel

        register(budget_panel, position=30)

        # Numbering registers follow a renamed body (clusters cannot import plans).
        from clusters.reorganisation import body_reorganised
        from plans.numbering import carry_registers

        body_reorganised.connect(carry_registers, dispatch_uid="plans.numbering.carry_registers")
