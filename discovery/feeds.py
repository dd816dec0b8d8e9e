"""An Atom feed per language of new and updated missions, mandates, contributions and programmes: the most recently
changed published ones, newest first. One query per kind of record, however many entries.

Each entry's id is a tag: URI (RFC 4151) built from the record's key, which never changes, so renaming a page's
address does not announce the entry again. Its published time is when the record became public, from its edit
history (the first version with the status Published, or the scheduled publication time if that came later); its
updated time is its last change, or the moment a scheduled publication came. Records loaded from fixtures have no
history until their first edit: their publication time, else their creation, stands in. Each entry links to its
sources, and its summary lists them."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, JSONObject
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.models import Mission
from contributions.models import Contribution, Mandate
from core.models import Source
from core.periods import period_text
from programmes.models import Programme

from .datasets import related_array

ITEMS = 50

# What each kind of entry reads: (related objects for its title, the text of its summary).
KINDS = {
    Mission: (("confirmed_by",), "summary"),
    Mandate: (("country",), "summary"),
    Contribution: (("country", "mission", "confirmed_by"), "description"),
    Programme: (("donor", "confirmed_by"), "summary"),
}

SOURCE = JSONObject(key="key", url="url", title="title", publisher="publisher", kind="kind")


def tag_uri(language, item):
    """tag:AUTHORITY:LANGUAGE/MODEL/KEY: the same for as long as the record's key, in each language's feed."""
    return f"tag:{settings.FEED_TAG_AUTHORITY}:{language}/{item._meta.model_name}/{item.key}"


def entries(model):
    """The model's ITEMS most recently changed published records, with their sources and the time each became
    public according to its history."""
    history = model.history.model
    related, _text = KINDS[model]
    first_published = (
        history.objects.filter(id=OuterRef("pk"), status="published").order_by("history_date").values("history_date")
    )
    return (
        model.objects.published()
        .select_related(*related)
        .prefetch_related(None)
        .annotate(
            feed_updated=Greatest("updated", Coalesce("published_at", "updated")),
            first_published=Subquery(first_published[:1]),
            feed_sources=related_array(
                Source.objects.all(), model._meta.get_field("sources").remote_field.name, SOURCE
            ),
        )
        .order_by("-feed_updated", "-pk")[:ITEMS]
    )


class SourcedAtomFeed(Atom1Feed):
    """Atom with a link to each of an entry's sources (rel="related", titled with its publisher and title)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for source in item["sources"]:
            handler.addQuickElement(
                "link",
                "",
                {"rel": "related", "href": source["url"], "title": f"{source['publisher']}: {source['title']}"},
            )


class UpdatesFeed(Feed):
    feed_type = SourcedAtomFeed
    title = gettext_lazy(
        "Denmark and Norway against ISIL: new and updated missions, mandates, contributions and programmes"
    )
    subtitle = gettext_lazy(
        "Missions, mandates, contributions and programmes as they are published or updated, each with its page and "
        "sources."
    )
    author_name = settings.SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("website:home")

    def feed_url(self):
        return reverse("discovery:feed")

    def feed_guid(self):
        return self.request.build_absolute_uri(reverse("discovery:feed"))

    def items(self):
        items = [item for model in KINDS for item in entries(model)]
        items.sort(key=lambda item: (item.feed_updated, item.pk), reverse=True)
        return items[:ITEMS]

    def item_title(self, item):
        if isinstance(item, Mission):
            return _("Mission: %(name)s") % {"name": item.title}
        if isinstance(item, Programme):
            return _("Programme: %(name)s (%(country)s)") % {"name": item.title, "country": item.donor.name}
        if isinstance(item, Mandate):
            return _("Mandate: %(name)s (%(country)s)") % {"name": item.label, "country": item.country.name}
        return _("Contribution: %(name)s (%(country)s, %(mission)s)") % {
            "name": item.title,
            "country": item.country.name,
            "mission": str(item.mission),
        }

    def item_description(self, item):
        """Atom summaries are HTML: the period first for what has one, in the site's shared wording (core.periods),
        then the text, escaped as on the pages and set in paragraphs; then the sources."""
        _related, text = KINDS[type(item)]
        body = getattr(item, text) or ""
        if not isinstance(item, Mandate):
            body = "{}\n\n{}".format(_("Period: %(period)s") % {"period": period_text(item)}, body)
        return linebreaks_filter(body, autoescape=True) + self.sources_html(item)

    @staticmethod
    def sources_html(item):
        sources = sources_of(item)
        if not sources:
            return ""
        links = format_html_join(
            ", ",
            '<a href="{}">{}: {}</a>{}',
            (
                (
                    source["url"],
                    source["publisher"],
                    source["title"],
                    f" ({_('secondary source')})" if source["kind"] == "secondary" else "",
                )
                for source in sources
            ),
        )
        return format_html("\n\n<p>{} {}</p>", _("Sources:"), links)

    def item_guid(self, item):
        return tag_uri(translation.get_language(), item)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        candidates = [moment for moment in (item.first_published, item.published_at) if moment is not None]
        return max(candidates) if candidates else item.created

    def item_updateddate(self, item):
        return item.feed_updated

    def item_categories(self, item):
        return [str(item._meta.verbose_name)]

    def item_extra_kwargs(self, item):
        return {"sources": sources_of(item)}


def sources_of(item):
    return sorted(item.feed_sources or [], key=lambda source: source["key"])
