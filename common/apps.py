from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Dùng chung"

    def ready(self):
        from common import admin_vietnamese

        admin_vietnamese.apply()
