"""The anonymous page cache's store and its invalidation, on Django's cache framework.

Pages live in a cache alias of their own (PAGE_CACHE_ALIAS, "pages"), holding nothing else, so a content change
empties it whole with `clear()`: no generation counter, no key bookkeeping. What counts as content is the content
registry's list (core/registry.py): a new content model is covered as soon as its app declares it.

The cache is emptied when the transaction that changed content commits (at once outside a transaction), once per
transaction however many objects it saved: admin saves and admin actions (model signals), `loaddata` (post_save
with raw=True) and bulk writes (`content_changed`, sent by the content QuerySets' update(), bulk_create() and
bulk_update()). Clearing after the commit matters: a request between the save and the commit would otherwise
store the old content again.

A scheduled item (published, with `published_at` in the future) becomes public without any save, so no entry
outlives the next scheduled publication time (`page_lifetime`).

A cache that cannot be reached never breaks a page: every operation here logs and carries on.
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import router, transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core import registry

logger = logging.getLogger(__name__)

SCHEDULE_KEY = "next-publication"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


@functools.cache
def content_models():
    """The content the public pages show: the registry's models."""
    return frozenset(registry.models())


def is_content(model):
    return model in content_models()


def clear_pages():
    """Empty the page cache now. False when the cache could not be reached."""
    try:
        page_cache().clear()
    except Exception:
        logger.exception("Could not empty the page cache; its entries expire within PAGE_CACHE_SECONDS.")
        return False
    return True


def clear_on_commit(using=None):
    """Empty the page cache when the current transaction commits; once per transaction."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        clear_pages()
        return
    pending = getattr(connection, "_page_cache_clear", None)
    if pending is not None:
        open_savepoints = set(connection.savepoint_ids)
        # Already scheduled at this level or an outer one: a rollback that drops it drops this change too.
        if any(func is pending and ids <= open_savepoints for ids, func, _robust in connection.run_on_commit):
            return

    def clear():
        if getattr(connection, "_page_cache_clear", None) is clear:
            connection._page_cache_clear = None
        clear_pages()

    connection._page_cache_clear = clear
    transaction.on_commit(clear, using=using)


def _on_save_or_delete(sender, instance, using=None, **kwargs):
    if is_content(sender):
        clear_on_commit(using or router.db_for_write(sender, instance=instance))


def _on_m2m_changed(sender, instance, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and is_content(type(instance)):
        clear_on_commit(using or router.db_for_write(type(instance), instance=instance))


def _on_content_changed(sender, using=None, **kwargs):
    if is_content(sender):
        clear_on_commit(using or router.db_for_write(sender))


def connect_invalidation():
    from core.managers import content_changed

    post_save.connect(_on_save_or_delete, dispatch_uid="perf.cache.post_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="perf.cache.post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="perf.cache.m2m_changed")
    content_changed.connect(_on_content_changed, dispatch_uid="perf.cache.content_changed")


def next_scheduled_publication(now=None):
    """The earliest future publication time of any published content, or None."""
    now = now or timezone.now()
    times = [
        model._base_manager.filter(status="published", published_at__gt=now).aggregate(first=Min("published_at"))[
            "first"
        ]
        for model in registry.publishable_models()
    ]
    return min((moment for moment in times if moment is not None), default=None)


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
