"""The benchmark's URLconf: the site's own URLs plus the baseline page at /<language>/bench/baseline/
and the layout reference at /<language>/bench/layout/. Only
bench.settings points ROOT_URLCONF here, so the baseline is never reachable in normal production."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

from .views import baseline, layout

urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(
        path("bench/baseline/", baseline, name="bench_baseline"),
        path("bench/layout/", layout, name="bench_layout"),
    ),
]
