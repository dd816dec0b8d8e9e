"""Anonymous page cache: public GET pages are rendered once per generation and served from the cache after that.

It sits in MIDDLEWARE after WhiteNoise and before sessions, so a cached page is answered without touching the
session, the database or the view. What is cached, and for whom:

- only GET (and HEAD, answered from the GET entry) requests without a session or messages cookie: staff and
  anyone logged in always get a freshly rendered page, and their pages are marked private;
- only language-prefixed URLs (/da/…, /nb/…, /en/…), so the language is part of the key; the key is the full URL
  with host and query string;
- only 200 responses that set no cookie (a CSRF token sets one), carry no Cache-Control of their own (never_cache,
  private), are not streamed, and do not come from the admin or a view marked `page_cache_exempt`.

Entries hold the generation they were rendered under (perf/cache.py); a content change bumps it, and an entry of
an older generation is a miss. Each stored page gets an ETag, so ConditionalGetMiddleware (just outside this
one) answers a repeat visitor's If-None-Match with 304 Not Modified.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from .cache import GENERATION_KEY, PAGE_KEY, current_generation, page_cache, page_lifetime, remember_generation

logger = logging.getLogger(__name__)

EXCLUDED_NAMESPACES = frozenset({"admin"})
CACHE_HEADER = "X-Page-Cache"


def page_cache_exempt(view):
    """Never store this view's responses in the anonymous page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache_exempt = True
        return response

    return wrapper


def _cookie_names():
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", CookieStorage.cookie_name))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies_to(request):
            response = self.get_response(request)
            if any(name in request.COOKIES for name in _cookie_names()) and "Cache-Control" not in response:
                # Possibly a staff member's view of a public page: keep it out of shared caches.
                patch_cache_control(response, private=True)
            return response

        key = PAGE_KEY.format(digest=hashlib.sha256(request.build_absolute_uri().encode()).hexdigest())
        try:
            # One round trip on a hit: the current generation and the entry together.
            values = page_cache().get_many([GENERATION_KEY, key])
            generation = values.get(GENERATION_KEY) or current_generation()
            remember_generation(generation)
        except Exception as error:
            logger.warning("The page cache is unreachable (%s); serving without it.", error)
            return self.get_response(request)

        entry = values.get(key)
        if entry is not None and entry[0] == generation:
            _generation, content, headers = entry
            response = HttpResponse(content, headers=headers)
            response[CACHE_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if request.method == "GET" and self.storable(request, response):
            self.store(key, generation, response)
        return response

    @staticmethod
    def applies_to(request):
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return False
        if any(name in request.COOKIES for name in _cookie_names()):
            return False
        language = get_language_from_path(request.path_info)
        if language is None:
            return False
        return not request.path_info.startswith(f"/{language}/{settings.ADMIN_URL}")

    @staticmethod
    def storable(request, response):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            # A page with a CSRF token always (re)sets the CSRF cookie, so this rule keeps forms out too.
            and not response.cookies
            and "Cache-Control" not in response
            and not getattr(response, "page_cache_exempt", False)
            and match is not None
            and not EXCLUDED_NAMESPACES.intersection(match.namespaces)
            and not (user is not None and user.is_authenticated)
        )

    @staticmethod
    def store(key, generation, response):
        try:
            lifetime = page_lifetime(generation)
            if lifetime <= 0:
                return
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            # Browsers keep the page but ask again each time; the answer is usually a 304 from the cache.
            patch_cache_control(response, max_age=0)
            headers = dict(response.items())
            page_cache().set(key, (generation, response.content, headers), timeout=lifetime)
            response[CACHE_HEADER] = "miss"
        except Exception:
            logger.exception("Could not store a page in the page cache.")
