from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Statements and glossary")

    def ready(self):
        # The statements and the glossary join sitemap.xml here, so the project's URLconf needs no import of this
        # app (core.sitemaps knows no app that depends on core).
        from core.sitemaps import SITEMAPS

        from .sitemaps import PagesSitemap

        SITEMAPS.setdefault("statements", PagesSitemap)
