"""Rendered cards kept per object, so a page-cache miss does not render (or load) again what another page
already rendered.

A card (a contribution, mandate, mission or programme in a list) looks the same on every page that lists its
object: the list, a country's, a mission's or a mandate's page, any page number, any filter. Its HTML depends only
on the object and what it shows of related content, the language, the card template and the template's options
(heading level, which details to show). So each card is kept under those, scoped by the content generation like
the page cache (perf/cache.py): any content change, and the next scheduled publication, ends every kept card.

`render_cards()` takes the objects to show, either
- an unevaluated queryset (a page of a list): it reads only the primary keys, takes the kept cards in one cache
  round trip and loads (with the queryset's own related objects) and renders only the missing ones, so a list page
  whose cards are all kept costs one narrow query instead of three wide ones and no rendering; or
- objects already loaded (a detail page's prefetched lists): it renders only the missing cards.

FRAGMENT_CACHE_SECONDS = 0 (development, the tests by default) turns keeping off: every card is rendered.
"""

import hashlib
import logging

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .cache import current_generation, lifetime, page_cache

logger = logging.getLogger(__name__)

FRAGMENT_KEY = "pagecache:fragment:{generation}:{variant}:{pk}"


def fragment_seconds():
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


def _variant(template_name, name, options):
    """What, besides the object, a card's HTML depends on."""
    described = repr((translation.get_language(), template_name, name, sorted(options.items())))
    return hashlib.sha256(described.encode()).hexdigest()[:32]


def _render(template, name, obj, options):
    return template.render({**options, name: obj})


def _render_all(template, name, objects, options):
    """Every card rendered, none kept."""
    return mark_safe("".join(conditional_escape(_render(template, name, obj, options)) for obj in objects))


def render_cards(objects, template_name, name, **options):
    """The cards of `objects`, in their order, as one HTML string: `template_name` rendered with the object as
    `name` and `options` as further variables."""
    template = get_template(template_name)
    seconds = fragment_seconds()
    if seconds <= 0:
        return _render_all(template, name, objects, options)
    try:
        generation = current_generation()
        variant = _variant(template_name, name, options)
        lazy = isinstance(objects, QuerySet) and objects._result_cache is None
        if lazy:
            pks = list(objects.prefetch_related(None).values_list("pk", flat=True))
            loaded = {}
        else:
            objects = list(objects)
            pks = [obj.pk for obj in objects]
            loaded = {obj.pk: obj for obj in objects}
        keys = {pk: FRAGMENT_KEY.format(generation=generation, variant=variant, pk=pk) for pk in pks}
        cache = page_cache()
        kept = cache.get_many(list(keys.values()))
    except Exception:
        logger.exception("The fragment cache is unreachable; rendering every card.")
        return _render_all(template, name, objects, options)

    missing = [pk for pk in pks if keys[pk] not in kept]
    if missing:
        if lazy:
            rest = objects._chain()
            rest.query.clear_limits()
            loaded = {obj.pk: obj for obj in rest.filter(pk__in=missing)}
        fresh = {}
        for pk in missing:
            if pk not in loaded:  # Unpublished or deleted since the keys were read.
                continue
            html = str(conditional_escape(_render(template, name, loaded[pk], options)))
            kept[keys[pk]] = fresh[keys[pk]] = html
        try:
            keep = lifetime(generation, seconds)
            if keep > 0:
                cache.set_many(fresh, timeout=keep)
        except Exception:
            logger.exception("Could not keep rendered cards.")
    # Each part was rendered by a template (autoescaped) and kept as that output.
    return mark_safe("".join(kept.get(keys[pk], "") for pk in pks))


def cached_fragment(render, *key):
    """`render()`'s HTML, kept like the cards: for a part of a page that is the same for every visitor and
    costly to draw (a timeline), named by `key`, which holds everything it depends on besides the content."""
    seconds = fragment_seconds()
    if seconds <= 0:
        return render()
    try:
        generation = current_generation()
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
        cache_key = FRAGMENT_KEY.format(generation=generation, variant="part", pk=digest)
        html = page_cache().get(cache_key)
    except Exception:
        logger.exception("The fragment cache is unreachable; rendering without it.")
        return render()
    if html is None:
        html = str(render())
        try:
            keep = lifetime(generation, seconds)
            if keep > 0:
                page_cache().set(cache_key, html, timeout=keep)
        except Exception:
            logger.exception("Could not keep a rendered fragment.")
    return mark_safe(html)  # Rendered by a template (autoescaped), kept as that output.
