from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

# Sent when content changes without a model signal: QuerySet.update(), bulk_create() and bulk_update() of a
# publishable model. The page cache (perf/cache.py) listens to it besides post_save, post_delete and m2m_changed.
content_changed = Signal()


class ContentChangeQuerySet(models.QuerySet):
    """Bulk writes that bypass model signals announce themselves through `content_changed`."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_changed.send(sender=self.model, using=self.db)
        return rows

    update.alters_data = True

    def bulk_create(self, *args, **kwargs):
        objects = super().bulk_create(*args, **kwargs)
        content_changed.send(sender=self.model, using=self.db)
        return objects

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        content_changed.send(sender=self.model, using=self.db)
        return rows


class PublishableQuerySet(ContentChangeQuerySet):
    """States that editors control. An object is public when it is published and its publication time
    (if one is set) has come."""

    def published(self):
        return self.filter(Q(status="published") & (Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())))

    def with_public_page(self):
        """The objects that have a public page of their own (sitemap.xml lists them): the published ones, unless
        the model's QuerySet narrows it."""
        return self.published()

    def drafts(self):
        return self.filter(status="draft")

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())


class KeyFigureQuerySet(PublishableQuerySet):
    def public(self):
        """Published key figures whose country or mission, where they have one, is public too, with their source.
        The country and mission models are found through the foreign keys, so the foundation imports no
        content app."""
        country = self.model._meta.get_field("country").related_model
        mission = self.model._meta.get_field("mission").related_model
        return (
            self.published()
            .filter(Q(country__isnull=True) | Q(country__in=country._default_manager.published()))
            .filter(Q(mission__isnull=True) | Q(mission__in=mission._default_manager.published()))
            .select_related("source")
        )


class SourceQuerySet(models.QuerySet):
    """Link health, as `manage.py check_sources` last recorded it (core.linkcheck)."""

    def broken(self):
        """Checked, and the address answered with an HTTP error or not at all."""
        return self.filter(link_checked_at__isnull=False).filter(
            Q(link_status__isnull=True) | Q(link_status__gte=400) | ~Q(link_error="")
        )

    def unchecked(self):
        return self.filter(link_checked_at__isnull=True)


class KeyedManager(models.Manager):
    """Looks objects up by their stable `key`, the natural key fixtures use instead of numeric ids.
    Combine it with an app's QuerySet: `KeyedManager.from_queryset(MissionQuerySet)()`."""

    _queryset_class = ContentChangeQuerySet

    def get_by_natural_key(self, key):
        return self.get(key=key)
