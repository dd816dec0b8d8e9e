from django.apps import AppConfig
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
        add_norwegian_language_fallbacks()


def add_norwegian_language_fallbacks():
    """Browsers that ask for plain Norwegian ("no") or Nynorsk ("nn") get the Bokmål pages rather than English.
    Django resolves a language it does not serve through LANG_INFO's "fallback" list, as it does for Chinese."""
    from django.conf.locale import LANG_INFO

    for code in ("no", "nn"):
        LANG_INFO[code].setdefault("fallback", ["nb"])
