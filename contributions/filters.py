"""Filters for the public lists of mandates and contributions. Choices use stable keys (country codes,
mission and mandate keys), so a filtered list's address can be shared and reads the same in every language."""

import django_filters
from django import forms
from django.db.models import Max, Min, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from coalition.models import Country, Mission
from core.filters import ChoiceLimit, search_all_languages

from .models import Contribution, ContributionKind, Mandate, MandateKind


def contributing_countries(request):
    return Country.objects.published().filter(is_contributor=True)


def public_missions(request):
    return Mission.objects.published()


def public_kinds(request):
    return ContributionKind.objects.published()


def public_mandates(request):
    return Mandate.objects.published()


# Above this many published mandates, the contribution filter offers only the chosen country's mandates (and the
# one asked for by address, as the links from a mandate's page do): a list of thousands is neither usable nor fast.
MANDATE_CHOICES_LIMIT = 100


class ContributionFilterForm(forms.Form):
    """The contribution filter's form (its FilterSet's Meta.form): the mandate list is limited as said above. The
    limit narrows what the form offers, never what it accepts (the mandate asked for is always offered), so it is
    applied where the choices are read (`ChoiceLimit`), in the same query: no query of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mandate = self.fields["mandate"]
        chosen = Q(key=self.data.get("mandate", ""))
        if country := self.data.get("country", ""):
            chosen |= Q(country__code=country)
        mandate.choice_limit = ChoiceLimit(
            MANDATE_CHOICES_LIMIT, mandate.queryset.filter(chosen), _("Choose a country to list its mandates.")
        )


class ContributionFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=contributing_countries,
        to_field_name="code",
        empty_label=_("All countries"),
    )
    mission = django_filters.ModelChoiceFilter(
        label=_("Mission"),
        queryset=public_missions,
        to_field_name="key",
        empty_label=_("All missions"),
    )
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind of contribution"),
        queryset=public_kinds,
        to_field_name="key",
        empty_label=_("All kinds"),
    )
    mandate = django_filters.ModelChoiceFilter(
        label=_("Mandate"),
        field_name="mandates",
        queryset=public_mandates,
        to_field_name="key",
        empty_label=_("All mandates"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Active in year"),
        help_text=_(
            "Contributions that the sources place under way in that year: from the start to the end, or to the last "
            "date a source confirmed them under way. An unknown start or end adds no year."
        ),
        method="filter_active_in",
        empty_label=_("Any year"),
        choices=[],
    )
    q = django_filters.CharFilter(
        label=_("Text"), method="filter_text", max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )

    # The columns each model choice's label comes from: what the model's __str__ reads (core.filters.form_fields).
    choice_labels = {
        "country": ("name", "code"),
        "mission": ("acronym", "title"),
        "kind": ("name",),
        "mandate": ("label",),
    }

    class Meta:
        model = Contribution
        fields = ["country", "mission", "kind", "mandate", "year", "q"]
        form = ContributionFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = self.year_choices()

    def year_choices(self):
        """Every year from the first to the last that a contribution's known span reaches (the year rule in
        core/periods.py); the filter is always given the published contributions."""
        span = (
            self.queryset.prefetch_related(None)
            .with_known_years()
            .aggregate(first=Min("known_first_year"), last=Max("known_last_year"))
        )
        if span["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(span["first"], span["last"] + 1)]

    def filter_active_in(self, queryset, name, value):
        return queryset.active_in(int(value))

    def filter_text(self, queryset, name, value):
        return queryset.filter(search_all_languages(["title", "description", "location", "equipment"], value))


class MandateFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=contributing_countries, to_field_name="code", empty_label=_("All countries")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind of decision"), choices=MandateKind, empty_label=_("All kinds"))
    year = django_filters.ChoiceFilter(label=_("Year"), method="filter_year", empty_label=_("Any year"), choices=[])

    choice_labels = {"country": ("name", "code")}  # As in ContributionFilter.

    class Meta:
        model = Mandate
        fields = ["country", "kind", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = self.year_choices()

    def year_choices(self):
        """The years in which published mandates were adopted (or, without an adoption date, took effect);
        the filter is always given the published mandates."""
        years = (
            self.queryset.prefetch_related(None)
            .annotate(decision_year=ExtractYear(Coalesce("adopted_on", "valid_from")))
            .filter(decision_year__isnull=False)
            .order_by("decision_year")
            .values_list("decision_year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def filter_year(self, queryset, name, value):
        return queryset.annotate(decision_year=ExtractYear(Coalesce("adopted_on", "valid_from"))).filter(
            decision_year=int(value)
        )
