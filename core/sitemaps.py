"""sitemap.xml: every public page in every language, each with its hreflang alternates and an x-default."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from coalition.models import Country, Mission
from contributions.models import Contribution, Mandate
from programmes.models import Programme


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        """Add the x-default alternate: the page in the default language. (Django's own `x_default` drops the
        language prefix, which here leads to a redirect or a 404 rather than to the page.)"""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(alt["location"] for alt in url["alternates"] if alt["lang_code"] == settings.LANGUAGE_CODE)
            url["alternates"].append({"location": default, "lang_code": "x-default"})
        return urls


class ListPagesSitemap(PublicSitemap):
    """The home page, the lists, the comparison and the Open data page."""

    def items(self):
        return [
            "core:home",
            "coalition:mission_list",
            "coalition:country_list",
            "contributions:mandate_list",
            "contributions:contribution_list",
            "programmes:programme_list",
            "discovery:comparison",
            "discovery:open_data",
            "core:about",
        ]

    def location(self, item):
        return reverse(item)


class DetailPagesSitemap(PublicSitemap):
    """One published object's page; `get_absolute_url()` gives its address in each language."""

    queryset = None

    def items(self):
        return self.queryset.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated


class MissionSitemap(DetailPagesSitemap):
    queryset = Mission.objects


class CountrySitemap(DetailPagesSitemap):
    def items(self):
        return Country.objects.published().filter(is_contributor=True).order_by("pk")


class MandateSitemap(DetailPagesSitemap):
    queryset = Mandate.objects


class ContributionSitemap(DetailPagesSitemap):
    queryset = Contribution.objects


class ProgrammeSitemap(DetailPagesSitemap):
    queryset = Programme.objects


SITEMAPS = {
    "pages": ListPagesSitemap,
    "missions": MissionSitemap,
    "countries": CountrySitemap,
    "mandates": MandateSitemap,
    "contributions": ContributionSitemap,
    "programmes": ProgrammeSitemap,
}
