from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .registry import Content


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Sources and shared parts")
    content = [
        Content("source", fixture="01_sources"),
        Content("keyfigure", fixture="03_key_figures"),
    ]

    def ready(self):
        from .roles import sync_editorial_groups

        # Keeps the editorial groups complete after every migrate and after a test database is flushed.
        post_migrate.connect(sync_editorial_groups, sender=self, dispatch_uid="core.sync_editorial_groups")
        add_norwegian_language_fallbacks()


def add_norwegian_language_fallbacks():
    """Browsers that ask for plain Norwegian ("no") or Nynorsk ("nn") get the Bokmål pages rather than English.
    Django resolves a language it does not serve through LANG_INFO's "fallback" list, as it does for Chinese."""
    from django.conf.locale import LANG_INFO

    for code in ("no", "nn"):
        LANG_INFO[code].setdefault("fallback", ["nb"])
