"""The statements and the glossary in sitemap.xml, in every language; registered in core.sitemaps.SITEMAPS by
PagesConfig.ready()."""

from django.urls import reverse

from core.sitemaps import PublicSitemap

from .models import GlossaryTerm, Statement


class PagesSitemap(PublicSitemap):
    def items(self):
        items = [
            f"pages:{kind}" for kind in Statement.objects.published().order_by("kind").values_list("kind", flat=True)
        ]
        if GlossaryTerm.objects.published().exists():
            items.append("pages:glossary")
        return items

    def location(self, item):
        return reverse(item)
