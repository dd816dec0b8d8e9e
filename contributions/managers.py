from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce

from core.managers import KeyedManager, PublishableQuerySet
from core.models import link_is_broken
from core.periods import PERIOD_FIELDS, known_first_year, known_last_year, under_way_in


def _in_each_language(name):
    return tuple(f"{name}_{code}" for code, _name in settings.LANGUAGES)


# What a contribution's card shows (contributions/includes/_contribution_cards.html), as columns of `values()`: the
# translated texts in every language (the card shows a fallback as such), the related rows' names, the period
# with its confirming source, the figures. `card_rows()` reads them.
CARD_VALUES = (
    "id",
    *_in_each_language("slug"),
    *_in_each_language("title"),
    *_in_each_language("equipment"),
    "country_id",
    *_in_each_language("country__name"),
    "mission__acronym",
    *_in_each_language("mission__title"),
    "kind__status",
    "kind__published_at",
    *_in_each_language("kind__name"),
    *PERIOD_FIELDS,
    "confirmed_by_id",
    "confirmed_by__publisher",
    "confirmed_by__url",
    "confirmed_by__title",
    "certainty",
    "personnel",
    "personnel_qualifier",
    "as_of",
    "as_of_precision",
)
# Besides CARD_VALUES, what a country's page reads of each contribution to head its cards' groups by mission and to
# draw the mission in its timeline (the mission's address and period), and what a mission's page reads to head them
# by country (the country's code, address and whether it has a page).
MISSION_VALUES = (
    "mission_id",
    *_in_each_language("mission__slug"),
    *(f"mission__{name}" for name in PERIOD_FIELDS),
    "mission__confirmed_by__publisher",
    "mission__confirmed_by__url",
    "mission__confirmed_by__title",
)
COUNTRY_VALUES = ("country__code", "country__is_contributor", *_in_each_language("country__slug"))
# A card's sources, as the card template reads them (`link_is_broken` computed as `Source.link_is_broken`).
CARD_SOURCE_VALUES = ("url", "language", "title", "publisher", "kind", "archive_url")


# What a mandate's card shows, as columns of `values()` (`MandateQuerySet.card_rows()`): the translated texts in every
# language (the card shows a fallback as such), the country's name and code, the kind and the dates it was decided;
# and of each of its missions, what its link needs and whether it is public.
MANDATE_CARD_VALUES = (
    "id",
    *_in_each_language("slug"),
    *_in_each_language("label"),
    *_in_each_language("summary"),
    "country_id",
    "country__code",
    *_in_each_language("country__name"),
    "kind",
    "adopted_on",
    "adopted_precision",
    "valid_from",
    "valid_from_precision",
)
MANDATE_MISSION_VALUES = (
    *_in_each_language("slug"),
    "acronym",
    *_in_each_language("title"),
    "status",
    "published_at",
)


def related_values(queryset, rows, relation, names):
    """{row id: [values of `names` of each related row]} for the many-to-many `relation` of the rows (read from
    `queryset`'s model, each with its "id"), in the related model's order: one query through the relation's table,
    none when there are no rows."""
    field = queryset.model._meta.get_field(relation)
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    by_row = {row["id"]: [] for row in rows}
    if by_row:
        links = (
            field.remote_field.through.objects.filter(**{f"{owner}_id__in": by_row})
            .order_by(*(f"{target}__{name}" for name in field.related_model._meta.ordering))
            .values_list(f"{owner}_id", *(f"{target}__{name}" for name in names))
        )
        for row_id, *values in links:
            by_row[row_id].append(values)
    return by_row


# Mandates in the order they were decided; those without any date last.
MANDATES_IN_ORDER = (Coalesce("adopted_on", "valid_from").asc(nulls_last=True), "key")


class MandateQuerySet(PublishableQuerySet):
    def published(self):
        return super().published().filter(country__status="published")

    def for_listing(self):
        return self.select_related("country").prefetch_related("missions", "sources")

    def card_rows(self, missions=True):
        """What the cards of these mandates show (contributions/includes/_mandate_cards.html), as plain values
        (`MANDATE_CARD_VALUES`) without building model instances: a list of dicts, each with its `missions` (with
        `missions`, in a second query) as dicts of `MANDATE_MISSION_VALUES`, in the missions' order. A card shows
        no sources."""
        rows = list(self.raw_values(*MANDATE_CARD_VALUES))
        if not missions:
            return rows
        by_mandate = related_values(self, rows, "missions", MANDATE_MISSION_VALUES)
        for row in rows:
            row["missions"] = [
                dict(zip(MANDATE_MISSION_VALUES, values, strict=True)) for values in by_mandate[row["id"]]
            ]
        return rows

    def in_order(self):
        return self.order_by(*MANDATES_IN_ORDER)


class ContributionKindQuerySet(PublishableQuerySet):
    pass


class ContributionQuerySet(PublishableQuerySet):
    def published(self):
        """Published contributions whose country and mission are public too."""
        return super().published().filter(country__status="published", mission__status="published")

    def for_listing(self):
        return self.select_related(
            "country", "mission", "mission__confirmed_by", "kind", "confirmed_by"
        ).prefetch_related("partner_countries", "sources")

    def card_rows(self, mission=False, country=False):
        """What the cards of these contributions show, as plain values (`CARD_VALUES`; with `mission`, also
        `MISSION_VALUES`, and with `country`, `COUNTRY_VALUES`) in two queries, without building a model instance
        for a row, its related rows or its sources: a list of dicts, each with its `sources` as dicts of
        `CARD_SOURCE_VALUES` and `link_is_broken`, in the sources' order."""
        extra = (*(MISSION_VALUES if mission else ()), *(COUNTRY_VALUES if country else ()))
        # As stored (`raw_values`: without the per-row fallbacks of django-modeltranslation's `values()`; each
        # language's column is named, and the card marks a fallback itself).
        rows = list(self.raw_values(*CARD_VALUES, *extra))
        link_health = ("link_checked_at", "link_error", "link_status")
        by_contribution = related_values(self, rows, "sources", (*CARD_SOURCE_VALUES, *link_health))
        for row in rows:
            row["sources"] = [
                {
                    **dict(zip(CARD_SOURCE_VALUES, values[:-3], strict=True)),
                    "link_is_broken": link_is_broken(*values[-3:]),
                }
                for values in by_contribution[row["id"]]
            ]
        return rows

    def with_known_years(self):
        """Each row's known span in years (`known_first_year`, `known_last_year`): see the year rule in
        core/periods.py."""
        return self.annotate(known_first_year=known_first_year(), known_last_year=known_last_year())

    def active_in(self, year):
        """Contributions that the sources place under way at some point in the given calendar year (the year rule
        in core/periods.py: only the known span counts; an unknown start or end stretches nothing)."""
        return self.with_known_years().filter(under_way_in(year))


class AuthorisationManager(models.Manager):
    def get_by_natural_key(self, contribution_key, mandate_key):
        return self.get(contribution__key=contribution_key, mandate__key=mandate_key)


MandateManager = KeyedManager.from_queryset(MandateQuerySet)
ContributionKindManager = KeyedManager.from_queryset(ContributionKindQuerySet)
ContributionManager = KeyedManager.from_queryset(ContributionQuerySet)
