from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from website.sitemaps import sitemaps
from website.views import RobotsView

# Error pages in the visitor's language and the site's layout; the 500 page depends on nothing that can break.
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler500 = "core.errors.server_error"

# Outside the language prefix: language-neutral files and the language switch. "/" itself has no pattern:
# LocaleMiddleware redirects it to /da/, /nb/ or /en/ by the browser's Accept-Language (or language cookie).
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path(settings.ADMIN_URL, admin.site.urls),
    # Staff preview of drafts as their public page (404 for everyone else).
    path("preview/", include("editorial.preview")),
    path("", include("website.urls")),
    path("", include("editorial.urls")),
    path("", include("coalition.urls")),
    path("", include("contributions.urls")),
    path("", include("programmes.urls")),
    path("", include("discovery.urls")),
    path("", include("pages.urls")),
)
