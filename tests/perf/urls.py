"""A URLconf for the page-cache tests: small language-prefixed pages that show content, set cookies, use a CSRF
token or opt out of caching, next to the site's own URLs."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.cache import never_cache

from coalition.models import Mission
from config.urls import urlpatterns as site_urlpatterns
from perf.middleware import page_cache_exempt


def mission_titles(request):
    titles = " | ".join(mission.title for mission in Mission.objects.published().order_by("key"))
    return HttpResponse(f"<p>{titles}</p><p>page {request.GET.get('page', '1')}</p><p>{request.GET.urlencode()}</p>")


# The page cache keys this page by ?page= and removes any other parameter (perf/middleware.py).
mission_titles.page_cache_parameters = ("page",)


def sets_cookie(request):
    response = mission_titles(request)
    response.set_cookie("seen", "1")
    return response


def uses_csrf_token(request):
    return HttpResponse(f"<form>{get_token(request)}</form>")


def streamed(request):
    return StreamingHttpResponse(iter([b"a,b\n", b"1,2\n"]), content_type="text/csv")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(
        path("test-titles/", mission_titles, name="titles"),
        path("test-cookie/", sets_cookie, name="cookie"),
        path("test-csrf/", uses_csrf_token, name="csrf"),
        path("test-never-cache/", never_cache(mission_titles), name="never_cache"),
        path("test-exempt/", page_cache_exempt(mission_titles), name="exempt"),
        path("test-stream/", streamed, name="stream"),
    ),
]
