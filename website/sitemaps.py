"""sitemap.xml: every public page in every language, each with its hreflang alternates and an x-default.

The pages come from the content registry (core/registry.py): each content model's list page (`list_url`) and the
page of each object its manager's `with_public_page()` returns (`detail_url`, the address `get_absolute_url()`
gives), besides the home page and the pages that belong to no model.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core import registry

# The pages that list no model of their own, in the order sitemap.xml shows them around the lists.
FIRST_PAGES = ["website:home"]
LAST_PAGES = ["discovery:comparison", "discovery:open_data", "website:about"]


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
    """The home page, each content model's list (when it lists anything), the comparison and the Open data page."""

    def items(self):
        lists = [
            entry.content.list_url
            for entry in registry.entries()
            if entry.content.list_url and entry.model._default_manager.published().exists()
        ]
        return [*FIRST_PAGES, *lists, *LAST_PAGES]

    def location(self, item):
        return reverse(item)


class DetailPagesSitemap(PublicSitemap):
    """The page of each object of one content model that has one."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        return self.model._default_manager.with_public_page().order_by("pk")

    def lastmod(self, obj):
        return obj.updated


def sitemaps():
    """{section: sitemap} for django.contrib.sitemaps' view."""
    sections = {"pages": ListPagesSitemap()}
    for entry in registry.detail_pages():
        sections[entry.label] = DetailPagesSitemap(entry.model)
    return sections
