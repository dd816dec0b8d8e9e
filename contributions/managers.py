from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce

from core.managers import KeyedManager, PublishableQuerySet
from core.periods import known_first_year, known_last_year, under_way_in

# Mandates in the order they were decided; those without any date last.
MANDATES_IN_ORDER = (Coalesce("adopted_on", "valid_from").asc(nulls_last=True), "key")


class MandateQuerySet(PublishableQuerySet):
    def published(self):
        return super().published().filter(country__status="published")

    def for_listing(self):
        return self.select_related("country").prefetch_related("missions", "sources")

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

    def for_cards(self):
        """What a contribution's card shows (contributions/includes/_contribution_cards.html): its country, mission,
        kind, period with the confirming source, and sources; without the texts a card does not show (the
        descriptions and locations in every language, the former addresses) and without partner countries."""
        hidden = ("description", "location", "former_slugs")
        return (
            self.select_related("country", "mission", "kind", "confirmed_by")
            .prefetch_related("sources")
            .defer(*hidden, *(f"{field}_{code}" for field in hidden[:2] for code, _name in settings.LANGUAGES))
        )

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
