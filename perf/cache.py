"""The anonymous page cache's store and its invalidation, on Django's cache framework.

Pages live in a cache alias of their own (PAGE_CACHE_ALIAS, "pages"), holding nothing else, so a content change
empties it whole with `clear()`: no generation counter, no key bookkeeping. What counts as content is the content
registry's list (core/registry.py): a new content model is covered as soon as its app declares it.

The cache is emptied when the transaction that changed content commits (at once outside a transaction), once per
transaction however many objects it saved: admin saves and admin actions (model signals), `loaddata` (post_save
with raw=True) and bulk writes (`content_changed`, sent by the content QuerySets' update(), bulk_create() and
bulk_update()). The receivers are connected to the registry's models (and their many-to-many relations) only, so
other models' saves cost nothing. Clearing after the commit matters: a request between the save and the commit
would otherwise store the old content again.

A scheduled item (published, with `published_at` in the future) becomes public without any save, so no entry
outlives the next scheduled publication time (`page_lifetime`).

A cache that cannot be reached never breaks a page: every operation here logs and carries on.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import moments, registry
from core.models import Status

logger = logging.getLogger(__name__)

SCHEDULE_KEY = "next-publication"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def clear_pages():
    """Empty the page cache now. False when the cache could not be reached."""
    try:
        page_cache().clear()
    except Exception:
        logger.exception("Could not empty the page cache; its entries expire within PAGE_CACHE_SECONDS.")
        return False
    return True


# When this thread last emptied the cache (time.monotonic()); Django's database connections are per thread too.
_last_emptied = threading.local()


def clear_on_commit(using=None):
    """Empty the page cache when the current transaction commits (at once outside a transaction).

    A transaction that saves many objects (a fixture load, an admin action) schedules one emptying per object; at
    the commit the first one empties the cache and the others, finding it emptied since they were scheduled, do
    nothing. A rolled-back transaction's emptyings are dropped with it (Django's on_commit)."""
    scheduled = time.monotonic()

    def clear():
        if getattr(_last_emptied, "at", float("-inf")) > scheduled:
            return
        clear_pages()
        _last_emptied.at = time.monotonic()

    transaction.on_commit(clear, using=using)


def _on_save_or_delete(sender, instance, using=None, **kwargs):
    clear_on_commit(using or router.db_for_write(sender, instance=instance))


def _on_m2m_changed(sender, instance, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        clear_on_commit(using or router.db_for_write(type(instance), instance=instance))


def _on_content_changed(sender, using=None, **kwargs):
    clear_on_commit(using or router.db_for_write(sender))


def connect_invalidation():
    """Connect the emptying to each content model's signals (and its many-to-many relations'), nothing else."""
    from core.managers import content_changed

    for model in registry.models():
        label = model._meta.label_lower
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=f"perf.cache.post_save.{label}")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=f"perf.cache.post_delete.{label}")
        content_changed.connect(_on_content_changed, sender=model, dispatch_uid=f"perf.cache.changed.{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _on_m2m_changed, sender=through, dispatch_uid=f"perf.cache.m2m.{through._meta.label_lower}"
            )


def next_scheduled_publication(now=None):
    """The earliest future publication time of any published content, or None. One query over every publishable
    model's table (core/moments.py): it runs on the first request after every content change."""
    quote = connection.ops.quote_name
    now = moments.time_parameter(now)
    where = f"{quote('status')} = %s AND {quote('published_at')} > %s"
    return moments.extreme(
        "MIN",
        [
            moments.moment("MIN", "published_at", model._meta.db_table, where, [Status.PUBLISHED, now])
            for model in registry.publishable_models()
        ],
    )


def page_lifetime():
    """Seconds a page rendered now may be kept: PAGE_CACHE_SECONDS, cut short by the next scheduled publication.
    That time is looked up once and kept in the page cache itself, so clearing the cache forgets it too."""
    max_age = settings.PAGE_CACHE_SECONDS
    cache = page_cache()
    now = time.time()
    moment = cache.get(SCHEDULE_KEY)
    if moment is None or (moment and moment <= now):
        scheduled = next_scheduled_publication()
        moment = scheduled.timestamp() if scheduled else 0
        cache.set(SCHEDULE_KEY, moment, timeout=max(1, min(max_age, int(moment - now) if moment else max_age)))
    if moment:
        return max(0, min(max_age, int(moment - now)))
    return max_age
