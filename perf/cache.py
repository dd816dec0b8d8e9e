"""The anonymous page cache's bookkeeping: a generation number that every content change bumps, and the time
until which a cached page may be kept.

Pages are stored together with the generation that was current when they were rendered. Saving, deleting or
relinking anything in a content app bumps the generation once the transaction commits, so every page rendered
before the change stops matching, whatever it showed. Bumping after the commit (not at save time) matters: a
visitor's request that arrives between the save and the commit would otherwise re-cache the old content under
the new generation.

A scheduled item (published, with `published_at` in the future) becomes public without any save. Pages are
therefore never kept past the next scheduled publication time, nor longer than PAGE_CACHE_SECONDS.

The same generation scopes `cached_query`: results of expensive queries (the row count of a filtered list, the
range of years in the filter) that every worker shares until the content changes.
"""

import hashlib
import logging
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import router, transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
SCHEDULE_KEY = "pagecache:next-publication:{generation}"
PAGE_KEY = "pagecache:page:{digest}"
QUERY_KEY = "pagecache:query:{generation}:{digest}"

# Apps whose models the public pages show. Any save, delete or many-to-many change in them invalidates the cache.
DEFAULT_CONTENT_APPS = ("core", "coalition", "contributions", "programmes", "pages")


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def content_apps():
    return frozenset(getattr(settings, "PAGE_CACHE_CONTENT_APPS", DEFAULT_CONTENT_APPS))


def initial_generation():
    """A fresh generation when the counter is missing (first start, or the cache lost it). Milliseconds since
    the epoch keep it above any earlier value, so a page stored before the loss can never match again."""
    return int(time.time() * 1000)


# Within one request the generation is read from the cache once (the page cache middleware reads it anyway) and
# remembered; the next request reads it again. A bump in this process updates it at once.
_request = threading.local()


def _start_request(**kwargs):
    _request.active, _request.generation = True, None


def _finish_request(**kwargs):
    _request.active, _request.generation = False, None


def remember_generation(generation):
    if getattr(_request, "active", False):
        _request.generation = generation


def current_generation():
    generation = getattr(_request, "generation", None)
    if generation is not None:
        return generation
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, initial_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    remember_generation(generation)
    return generation


def bump_generation():
    """Invalidate every cached page. Returns the new generation, or None when the cache is unreachable."""
    cache = page_cache()
    _request.generation = None
    try:
        try:
            generation = cache.incr(GENERATION_KEY)
        except ValueError:  # No counter yet (or the cache evicted it).
            cache.add(GENERATION_KEY, initial_generation(), timeout=None)
            generation = cache.incr(GENERATION_KEY)
    except Exception:
        logger.exception("Could not invalidate the page cache; cached pages expire within PAGE_CACHE_SECONDS.")
        return None
    remember_generation(generation)
    return generation


def schedule_bump(using=None):
    """Bump the generation when the current transaction commits (at once outside a transaction). A transaction
    that saves many objects (an admin form with inlines, `loaddata`) bumps once."""
    connection = transaction.get_connection(using)
    pending = getattr(connection, "_page_cache_bump", None)
    if pending is not None and connection.in_atomic_block:
        open_savepoints = set(connection.savepoint_ids)
        # Already scheduled at this level or an outer one: a rollback that drops it drops this change too.
        if any(func is pending and ids <= open_savepoints for ids, func, _robust in connection.run_on_commit):
            return

    def bump():
        if getattr(connection, "_page_cache_bump", None) is bump:
            connection._page_cache_bump = None
        bump_generation()

    connection._page_cache_bump = bump
    transaction.on_commit(bump, using=using)


def _is_content(model):
    return model._meta.app_label in content_apps()


def _on_save_or_delete(sender, instance, using=None, **kwargs):
    # loaddata saves with raw=True. It runs in one transaction, so the deduplicated bump after its commit is the
    # single "after loaddata" invalidation; nothing else happens during the load.
    if _is_content(sender):
        schedule_bump(using or router.db_for_write(sender, instance=instance))


def _on_m2m_changed(sender, instance, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and _is_content(sender):
        schedule_bump(using or router.db_for_write(type(instance), instance=instance))


def connect_invalidation():
    request_started.connect(_start_request, dispatch_uid="perf.cache.request_started")
    request_finished.connect(_finish_request, dispatch_uid="perf.cache.request_finished")
    post_save.connect(_on_save_or_delete, dispatch_uid="perf.cache.post_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="perf.cache.post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="perf.cache.m2m_changed")


def scheduled_models():
    """Content models with a `published_at` publication time."""
    from core.models import PublishableModel

    return [
        model
        for model in apps.get_models()
        if _is_content(model) and issubclass(model, PublishableModel) and not model._meta.proxy
    ]


def next_scheduled_publication(now=None):
    """The earliest future publication time of any published content, or None."""
    now = now or timezone.now()
    times = [
        model._base_manager.filter(status="published", published_at__gt=now).aggregate(first=Min("published_at"))[
            "first"
        ]
        for model in scheduled_models()
    ]
    return min((moment for moment in times if moment is not None), default=None)


def lifetime(generation, max_age):
    """Seconds something computed now under `generation` may be kept: `max_age`, cut short by the next scheduled
    publication. The next publication time is looked up once per generation and cached with it."""
    cache = page_cache()
    key = SCHEDULE_KEY.format(generation=generation)
    now = time.time()
    moment = cache.get(key)
    if moment is None or (moment and moment <= now):
        scheduled = next_scheduled_publication()
        moment = scheduled.timestamp() if scheduled else 0
        cache.set(key, moment, timeout=max(1, min(max_age, int(moment - now) if moment else max_age)))
    if moment:
        return max(0, min(max_age, int(moment - now)))
    return max_age


def page_lifetime(generation):
    """Seconds a page rendered now under `generation` may be kept (at most PAGE_CACHE_SECONDS)."""
    return lifetime(generation, settings.PAGE_CACHE_SECONDS)


_MISSING = object()


def cached_query(compute, *key):
    """`compute()`, shared by every worker through the cache until the content changes, a scheduled item is
    published or QUERY_CACHE_SECONDS pass (0: not cached). For results that are expensive with much content and
    change only with it, such as the number of rows in a filtered list. `key` names the result: everything it
    depends on (the list, the filter values, the language)."""
    max_age = getattr(settings, "QUERY_CACHE_SECONDS", 0)
    if max_age <= 0:
        return compute()
    cache = page_cache()
    try:
        generation = current_generation()
        cache_key = QUERY_KEY.format(generation=generation, digest=hashlib.sha256(repr(key).encode()).hexdigest())
        value = cache.get(cache_key, _MISSING)
    except Exception:
        logger.exception("The query cache is unreachable; computing without it.")
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            seconds = lifetime(generation, max_age)
            if seconds > 0:
                cache.set(cache_key, value, timeout=seconds)
        except Exception:
            logger.exception("Could not store a result in the query cache.")
    return value
