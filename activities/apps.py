from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Hoạt động, thành phần và đăng ký"

    def ready(self):
        # The plan page shows these sections through plans.panels; it never imports these views.
        from activities.views.registration.overview import registration_panel
        from activities.views.tracking import tracking_panel
        from plans.panels import register

        register(registration_panel, position=10)
        register(tracking_panel, position=20)
