from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerfConfig(AppConfig):
    name = "perf"
    verbose_name = _("Performance: page cache")

    def ready(self):
        from . import cache

        cache.connect_invalidation()
