from django.db import models

from core.managers import KeyedManager, PublishableQuerySet


class CountryQuerySet(PublishableQuerySet):
    def contributors(self):
        return self.filter(is_contributor=True)

    def with_public_page(self):
        """Contributing countries have pages; host countries appear only as names."""
        return self.published().contributors()


class CountryManager(models.Manager.from_queryset(CountryQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class OrganisationQuerySet(PublishableQuerySet):
    pass


class MissionQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("lead_organisation", "confirmed_by").prefetch_related("host_countries")


OrganisationManager = KeyedManager.from_queryset(OrganisationQuerySet)
MissionManager = KeyedManager.from_queryset(MissionQuerySet)
