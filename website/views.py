"""The site layer's pages: home, About, the country pages (they read contributions, mandates and programmes, so they
live above the content apps) and robots.txt."""

from django.db.models import Count, F, Prefetch
from django.urls import reverse
from django.views.generic import ListView, TemplateView

from coalition.models import Country, Mission
from contributions.models import Contribution, Mandate
from core.models import KeyFigure
from core.views import DETAIL_LIST_LIMIT, PublicViewMixin, TranslatedSlugDetailView, count_per
from programmes.models import Programme


def counts_per_country():
    """{country id: (published contributions, published mandates)}: two grouped counts over every published row
    (one correlated count per country read the contribution table once per country)."""

    def per_country(queryset):
        return dict(queryset.order_by().values("country").annotate(n=Count("pk")).values_list("country", "n"))

    def compute():
        contributions = per_country(Contribution.objects.published())
        mandates = per_country(Mandate.objects.published())
        return {pk: (contributions.get(pk, 0), mandates.get(pk, 0)) for pk in {*contributions, *mandates}}

    return compute()


class HomeView(PublicViewMixin, TemplateView):
    """The overview. Every list on it is bounded, so the page keeps its size however much content there is; the
    real content fits within the bounds, and each list links to the whole of it."""

    template_name = "website/home.html"
    latest_mandates = 5
    missions_shown = 12
    programmes_shown = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["key_figures"] = KeyFigure.objects.public()
        context["latest_mandates"] = (
            Mandate.objects.published()
            .order_by(F("adopted_on").desc(nulls_last=True), "-key")[: self.latest_mandates]
            .card_rows()
        )
        missions = list(Mission.objects.published().for_listing().select_related("parent")[: self.missions_shown + 1])
        context["missions"] = missions[: self.missions_shown]
        context["more_missions"] = len(missions) > self.missions_shown
        programmes = list(Programme.objects.published().for_listing()[: self.programmes_shown + 1])
        context["programmes"] = programmes[: self.programmes_shown]
        context["more_programmes"] = len(programmes) > self.programmes_shown
        context["countries"] = Country.objects.with_public_page()
        return context


class AboutView(PublicViewMixin, TemplateView):
    """What the site is, who publishes and edits it, how sources are chosen and how to report an error. The
    publisher comes from the settings (PUBLISHER_NAME, PUBLISHER_EMAIL, PUBLISHER_URL); where none is set, the page
    says so."""

    template_name = "website/about.html"


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context


class CountryViewMixin(PublicViewMixin):
    model = Country
    section = "countries"

    def get_queryset(self):
        """Contributing countries have pages; host countries appear only as names. A staff preview shows any."""
        countries = self.visible_objects()
        return countries if self.preview else countries.contributors()


class CountryListView(CountryViewMixin, ListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = counts_per_country()
        for country in context["object_list"]:
            country.contribution_count, country.mandate_count = counts.get(country.pk, (0, 0))
        return context


class CountryDetailView(CountryViewMixin, TranslatedSlugDetailView):
    citation_field = "name"

    def add_lists(self, country):
        # As plain values (`card_rows()`), with each mission's address and period for the groups' headings and the
        # timeline.
        country.public_contributions = (
            Contribution.objects.published()
            .filter(country=country)
            .order_by("mission__start_date", "mission__key", "start_date", "key")[:DETAIL_LIST_LIMIT]
            .card_rows(mission=True)
        )
        country.public_mandates = (
            Mandate.objects.published().filter(country=country).in_order()[:DETAIL_LIST_LIMIT].card_rows()
        )
        return country

    def get_queryset(self):
        programmes = Programme.objects.published().for_listing()
        return (
            super()
            .get_queryset()
            .annotate(
                public_contribution_count=count_per(Contribution.objects.published(), "country"),
                public_mandate_count=count_per(Mandate.objects.published(), "country"),
            )
            .prefetch_related(
                Prefetch("programmes", queryset=programmes, to_attr="public_programmes"),
                Prefetch("key_figures", queryset=KeyFigure.objects.public(), to_attr="public_key_figures"),
            )
        )
