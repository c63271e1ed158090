from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app relies on to run on the internet: page cache, health, throttling, tasks."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import page_cache

        page_cache.connect_invalidation()
