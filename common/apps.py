from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_tables(using="default", **kwargs):
    # `migrate` also makes the database cache's table, so no set-up path can forget it.
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Dùng chung"

    def ready(self):
        post_migrate.connect(_create_cache_tables, sender=self, dispatch_uid="common.create_cache_tables")
        from common import admin_vietnamese, admin_widgets

        admin_vietnamese.apply()
        admin_widgets.apply()
