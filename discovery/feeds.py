"""An Atom feed per language of new and updated mandates and contributions: the most recently changed published
ones, newest first. Two queries."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from contributions.models import Contribution, Mandate
from core.periods import period_text

ITEMS = 50


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Denmark and Norway against ISIL: new and updated mandates and contributions")
    subtitle = _("Mandates and contributions as they are published or updated, each with its page and sources.")
    author_name = settings.SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("core:home")

    def feed_url(self):
        return reverse("discovery:feed")

    def feed_guid(self):
        return self.request.build_absolute_uri(reverse("discovery:feed"))

    def items(self):
        mandates = Mandate.objects.published().select_related("country").order_by("-updated", "-pk")[:ITEMS]
        contributions = (
            Contribution.objects.published()
            .select_related("country", "mission", "confirmed_by")
            .order_by("-updated", "-pk")[:ITEMS]
        )
        items = sorted([*mandates, *contributions], key=lambda item: item.updated, reverse=True)
        return items[:ITEMS]

    def item_title(self, item):
        if isinstance(item, Mandate):
            return _("Mandate: %(name)s (%(country)s)") % {"name": item.label, "country": item.country.name}
        return _("Contribution: %(name)s (%(country)s, %(mission)s)") % {
            "name": item.title,
            "country": item.country.name,
            "mission": str(item.mission),
        }

    def item_description(self, item):
        """Atom summaries are HTML: the text is escaped, as on the pages, and set in paragraphs. A contribution's
        period comes first, in the site's shared wording (core.periods)."""
        if isinstance(item, Mandate):
            return linebreaks_filter(item.summary or "", autoescape=True)
        period = _("Period: %(period)s") % {"period": period_text(item)}
        return linebreaks_filter(f"{period}\n\n{item.description or ''}", autoescape=True)

    def item_guid(self, item):
        # The page in this language; stable as long as the page's address is.
        return self.request.build_absolute_uri(item.get_absolute_url())

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.published_at or item.created

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [str(Mandate._meta.verbose_name if isinstance(item, Mandate) else Contribution._meta.verbose_name)]
