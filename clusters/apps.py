from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Clusters")

    def ready(self) -> None:
        from .names import register_sqlite_functions

        # The search and sort functions PostgreSQL has from a migration (see clusters/names.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="lcn_sqlite_functions")
