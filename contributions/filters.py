"""Filters for the public lists of mandates and contributions. Choices use stable keys (country codes,
mission and mandate keys), so a filtered list's address can be shared and reads the same in every language."""

import django_filters
from django import forms
from django.db.models import Max, Min, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from coalition.models import Country, Mission
from core.filters import search_all_languages

from .models import Contribution, ContributionKind, Mandate, MandateKind


def contributing_countries(request):
    return Country.objects.published().filter(is_contributor=True)


def public_missions(request):
    return Mission.objects.published()


def public_kinds(request):
    return ContributionKind.objects.published()


# Above this many published mandates, the contribution filter offers only the chosen country's mandates (and the
# one asked for by address, as the links from a mandate's page do): a list of thousands is neither usable nor fast.
MANDATE_CHOICES_LIMIT = 100

# The filter's <select>s, with their options written in one loop rather than one template each.
FLAT_SELECT_TEMPLATE = "contributions/forms/select_flat.html"


def public_mandates(request):
    return Mandate.objects.published()


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

    class Meta:
        model = Contribution
        fields = ["country", "mission", "kind", "mandate", "year", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = self.year_choices()

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            self.limit_mandate_choices(form.fields["mandate"])
            for name in ("country", "mission", "kind", "mandate", "year"):
                form.fields[name].widget.template_name = FLAT_SELECT_TEMPLATE
        return self._form

    def limit_mandate_choices(self, field):
        """Offer every published mandate, unless there are more than MANDATE_CHOICES_LIMIT: then only the chosen
        country's and the one asked for. The first query also provides the choices, so the common case costs no
        more than listing them."""
        mandates = [
            (str(field.prepare_value(m)), str(field.label_from_instance(m)))
            for m in field.queryset[: MANDATE_CHOICES_LIMIT + 1]
        ]
        if len(mandates) <= MANDATE_CHOICES_LIMIT:
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            field.widget.choices = empty + mandates
            return
        data = self.data or {}
        requested, country = data.get("mandate", ""), data.get("country", "")
        chosen = Q(key=requested)
        if country:
            chosen |= Q(country__code=country)
        field.queryset = field.queryset.filter(chosen)
        field.help_text = _("Choose a country to list its mandates.")

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
