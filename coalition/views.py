from django.db.models import Count, F, Prefetch
from django.views.generic import ListView

from contributions.models import Contribution, Mandate
from contributions.views import MANDATES_IN_ORDER
from core.views import (
    NearestPageMixin,
    PublicViewMixin,
    TranslatedSlugDetailView,
    count_per,
    first_rows,
    public_key_figures,
)
from programmes.models import Programme

from .models import Country, Mission


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


class MissionViewMixin(PublicViewMixin):
    model = Mission
    section = "missions"


class MissionListView(MissionViewMixin, NearestPageMixin, ListView):
    paginate_by = 25

    def get_queryset(self):
        # By start, those whose start is not known last (as the page says), on every database.
        return super().get_queryset().select_related("parent").order_by(F("start_date").asc(nulls_last=True), "key")


class MissionDetailView(MissionViewMixin, TranslatedSlugDetailView):
    def add_lists(self, mission):
        mission.public_contributions = first_rows(
            Contribution.objects.published()
            .for_cards()
            .filter(mission=mission)
            .order_by("country__code", "start_date", "key")
        )
        return mission

    def get_queryset(self):
        mandates = Mandate.objects.published().select_related("country").order_by(*MANDATES_IN_ORDER)
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .annotate(public_contribution_count=count_per(Contribution.objects.published(), "mission"))
            .prefetch_related(
                "sources",
                Prefetch("mandates", queryset=mandates, to_attr="public_mandates"),
                Prefetch("parts", queryset=Mission.objects.published(), to_attr="public_parts"),
                Prefetch("key_figures", queryset=public_key_figures(), to_attr="public_key_figures"),
            )
        )


class CountryViewMixin(PublicViewMixin):
    model = Country
    section = "countries"

    def get_queryset(self):
        """Contributing countries have pages; host countries appear only as names."""
        return Country.objects.published().filter(is_contributor=True)


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
        country.public_contributions = first_rows(
            Contribution.objects.published()
            .for_cards()
            .select_related("mission__confirmed_by")  # The timeline draws each mission's period.
            .filter(country=country)
            .order_by("mission__start_date", "mission__key", "start_date", "key")
        )
        country.public_mandates = first_rows(
            Mandate.objects.published().for_listing().filter(country=country).order_by(*MANDATES_IN_ORDER)
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
                Prefetch("key_figures", queryset=public_key_figures(), to_attr="public_key_figures"),
            )
        )
