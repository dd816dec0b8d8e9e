from django.db import models
from django.db.models import Prefetch

from core.managers import KeyedManager, PublishableQuerySet


class ProgrammeQuerySet(PublishableQuerySet):
    def published(self):
        return super().published().filter(donor__status="published")

    def for_listing(self):
        return self.select_related("donor", "confirmed_by").prefetch_related("target_countries", "sources")

    def for_detail(self):
        """A programme with its published themes in order, and each theme's published activities. The models are
        reached through the relations: models.py imports this module."""
        Theme = self.model._meta.get_field("themes").related_model
        Activity = self.model._meta.get_field("activities").related_model

        activities = Activity.objects.published().select_related("partner_organisation").prefetch_related("countries")
        themes = Theme.objects.published().prefetch_related(Prefetch("activities", queryset=activities))
        # Activities the sources place under no theme are listed under a heading of their own.
        unassigned = activities.filter(theme__isnull=True)
        return self.for_listing().prefetch_related(
            Prefetch("themes", queryset=themes),
            Prefetch("activities", queryset=unassigned, to_attr="unassigned_activities"),
        )


class ThemeQuerySet(PublishableQuerySet):
    pass


class ThemeManager(models.Manager.from_queryset(ThemeQuerySet)):
    def get_by_natural_key(self, number, *programme_key):
        return self.get(number=number, programme__key=programme_key[0])


class ActivityQuerySet(PublishableQuerySet):
    pass


ProgrammeManager = KeyedManager.from_queryset(ProgrammeQuerySet)
ActivityManager = KeyedManager.from_queryset(ActivityQuerySet)
