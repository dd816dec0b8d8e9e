from django.db import models

from core.managers import PublishableQuerySet


class StatementManager(models.Manager.from_queryset(PublishableQuerySet)):
    """Statements are identified by their kind (one accessibility statement, one privacy statement)."""

    def get_by_natural_key(self, kind):
        return self.get(kind=kind)


class GlossaryTermQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related("sources")
