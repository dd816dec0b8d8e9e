from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The site layer above the content apps: home and About pages, the country pages (they read contributions
    and programmes), sitemap.xml, robots.txt, the template context and the public template tags."""

    name = "website"
    verbose_name = _("Public website")
