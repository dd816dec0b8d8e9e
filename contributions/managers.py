from core.managers import KeyedManager, PublishableQuerySet


class MandateQuerySet(PublishableQuerySet):
    def published(self):
        return super().published().filter(country__status="published")

    def for_listing(self):
        return self.select_related("country").prefetch_related("missions", "sources")


class ContributionKindQuerySet(PublishableQuerySet):
    pass


class ContributionQuerySet(PublishableQuerySet):
    def published(self):
        """Published contributions whose country and mission are public too."""
        return super().published().filter(country__status="published", mission__status="published")

    def for_listing(self):
        return self.select_related("country", "mission", "kind", "mandate").prefetch_related(
            "partner_countries", "sources"
        )

    def active_in(self, year):
        """Contributions under way at some point in the given calendar year."""
        return self.filter(start_date__year__lte=year).exclude(end_date__year__lt=year)


MandateManager = KeyedManager.from_queryset(MandateQuerySet)
ContributionKindManager = KeyedManager.from_queryset(ContributionKindQuerySet)
ContributionManager = KeyedManager.from_queryset(ContributionQuerySet)
