"""The anonymous page cache: public GET/HEAD pages rendered once and served from Django's cache framework (the
PAGE_CACHE_ALIAS alias, perf/cache.py) until content changes, a scheduled item is due or PAGE_CACHE_SECONDS pass.

It sits in MIDDLEWARE after ConditionalGetMiddleware and before sessions, so a hit is answered without touching the
session, the database or the view, and a repeat visitor's If-None-Match is answered with 304 by
ConditionalGetMiddleware alone (every stored page carries its ETag).

What is cached, and for whom:
- GET and HEAD (answered from the GET entry) without a session or messages cookie: staff and anyone logged in
  always get a freshly rendered page, never stored, marked `private, no-store`;
- language-prefixed URLs only (/da/…, /nb/…, /en/…), outside the admin;
- the key is the language, the path and the values of the query parameters the view reads (`cache_parameters`);
  any other parameter (?utm_source=…) is removed from the request before the view sees it, so it neither changes
  the page nor creates an entry;
- 200 responses that set no cookie (a CSRF token sets one), have no Cache-Control of their own (never_cache,
  private), are not streamed, are not marked `page_cache_exempt` and are at most PAGE_CACHE_MAX_ENTRY_BYTES.

Anonymous pages tell shared caches what they may do: `Cache-Control: public, max-age=N, s-maxage=N` with N at
most PAGE_CACHE_CLIENT_SECONDS and never past the entry's own end. A cache that cannot be reached means rendering.
"""

import hashlib
import logging
import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from .cache import page_cache, page_lifetime

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Page-Cache"
PAGE_KEY = "page:{digest}"


def page_cache_exempt(view):
    """Never store this view's responses in the anonymous page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache_exempt = True
        return response

    return wrapper


def cache_parameters(view):
    """(names, strict) for a resolved view: the query parameters its page reads, and whether a request with any
    other parameter bypasses the cache (strict: the view answers it, with a 400) instead of losing it.

    A view declares `page_cache_parameters` (names, or a class method given its as_view() arguments) and
    optionally `page_cache_strict`; a filtered list reads its
    filters and its page number, any other paginated list its page number; a view that declares nothing reads
    none."""
    view_class = getattr(view, "view_class", None)
    strict = bool(getattr(view_class, "page_cache_strict", False))
    declared = getattr(view, "page_cache_parameters", None) or getattr(view_class, "page_cache_parameters", None)
    if callable(declared):  # A class method given the view's as_view() arguments.
        declared = declared(**getattr(view, "view_initkwargs", {}))
    if declared is not None:
        return frozenset(declared), strict
    names = set()
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is not None:
        names.update(filterset_class.base_filters)
    if getattr(view_class, "paginate_by", None) or filterset_class is not None:
        names.add(getattr(view_class, "page_kwarg", "page"))
    return frozenset(names), strict


def _cookie_names():
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", CookieStorage.cookie_name))


def _public_headers(response, seconds):
    patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = self.cacheable_parameters(request)
        if parameters is None:
            response = self.get_response(request)
            if any(name in request.COOKIES for name in _cookie_names()) and "Cache-Control" not in response:
                # Possibly a staff member's view of a public page: never kept by a browser or a shared cache.
                patch_cache_control(response, private=True, no_store=True)
            return response

        kept = [(name, value) for name, values in request.GET.lists() if name in parameters for value in values]
        if len(kept) != sum(len(values) for _name, values in request.GET.lists()):
            request.GET = QueryDict(urlencode(kept), encoding=request.encoding)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        language = get_language_from_path(request.path_info)
        described = f"{language}\n{request.path}\n{urlencode(sorted(kept))}"
        key = PAGE_KEY.format(digest=hashlib.sha256(described.encode()).hexdigest())
        try:
            entry = page_cache().get(key)
        except Exception as error:
            logger.warning("The page cache is unreachable (%s); serving without it.", error)
            return self.get_response(request)

        if entry is not None:
            expires, content, headers = entry
            response = HttpResponse(content, headers=headers)
            _public_headers(response, max(0, min(settings.PAGE_CACHE_CLIENT_SECONDS, int(expires - time.time()))))
            response[CACHE_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if self.storable(request, response):
            self.store(key, response)
        return response

    @staticmethod
    def cacheable_parameters(request):
        """The query parameters the requested page reads, or None when the request is not for the page cache."""
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return None
        if any(name in request.COOKIES for name in _cookie_names()):
            return None
        language = get_language_from_path(request.path_info)
        if language is None or request.path_info.startswith(f"/{language}/{settings.ADMIN_URL}"):
            return None
        try:
            with translation.override(language):
                match = resolve(request.path_info, get_urlconf())
        except Resolver404:
            return None
        names, strict = cache_parameters(match.func)
        if strict and any(name not in names for name in request.GET):
            return None
        return names

    @staticmethod
    def storable(request, response):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            # A page with a CSRF token always (re)sets the CSRF cookie, so this rule keeps forms out too.
            and not response.cookies
            and "Cache-Control" not in response
            and not getattr(response, "page_cache_exempt", False)
            and not (user is not None and user.is_authenticated)
        )

    @staticmethod
    def store(key, response):
        try:
            lifetime = page_lifetime()
            if lifetime <= 0:
                return
            # The page does not depend on the cookie (no session, no user) nor on Accept-Language (the language
            # is in the path): a shared cache may give it to anyone asking for this address.
            vary = [
                value.strip()
                for value in response.get("Vary", "").split(",")
                if value.strip() and value.strip().lower() not in ("cookie", "accept-language")
            ]
            if vary:
                response["Vary"] = ", ".join(vary)
            elif "Vary" in response:
                del response["Vary"]
            _public_headers(response, min(settings.PAGE_CACHE_CLIENT_SECONDS, lifetime))
            if len(response.content) > settings.PAGE_CACHE_MAX_ENTRY_BYTES:
                return
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            headers = {name: value for name, value in response.items() if name != "Cache-Control"}
            page_cache().set(key, (time.time() + lifetime, response.content, headers), timeout=lifetime)
            response[CACHE_HEADER] = "miss"
        except Exception:
            logger.exception("Could not store a page in the page cache.")
