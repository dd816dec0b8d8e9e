from django.views.generic import TemplateView

from perf.middleware import page_cache_exempt


class BaselineView(TemplateView):
    """The benchmark's floor: a trivial template through the full middleware stack, never cached. Only the
    benchmark's URLconf (bench/urls.py) routes to it."""

    template_name = "bench/baseline.html"


baseline = page_cache_exempt(BaselineView.as_view())


class LayoutView(TemplateView):
    """A reference, not a target: the site's layout (header, navigation, language switcher, search form, footer)
    around a heading, never cached. What every real page costs before its content."""

    template_name = "bench/layout.html"


layout = page_cache_exempt(LayoutView.as_view())
