from django.db import models
from django.db.models import Q
from django.utils import timezone


class PublishableQuerySet(models.QuerySet):
    """States that editors control. An object is public when it is published and its publication time
    (if one is set) has come."""

    def published(self):
        return self.filter(Q(status="published") & (Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())))

    def drafts(self):
        return self.filter(status="draft")

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())


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

    def get_by_natural_key(self, key):
        return self.get(key=key)
