from django.views.generic import TemplateView

from .middleware import page_cache_exempt


class BaselineView(TemplateView):
    """The benchmark's floor: a trivial template through the full middleware stack, never cached. Only the
    benchmark's URLconf (perf/urls_bench.py) routes to it."""

    template_name = "perf/baseline.html"


baseline = page_cache_exempt(BaselineView.as_view())
