"""Search, the "Open data" page, the comparison of Denmark and Norway and the machine-readable schemas."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core.views import PublicViewMixin

from .catalogue import catalogue, schema_org_datasets
from .comparison import compare
from .datasets import DATASETS
from .forms import ComparisonForm, SearchForm
from .licence import data_licence
from .schema import catalogue_url, data_package, json_schema, table_schema
from .search import LIMIT_PER_KIND, TARGETS, search


class SearchView(PublicViewMixin, TemplateView):
    """Results for ?q=… (and optionally ?type=mission|mandate|contribution|programme). An empty, too long or
    otherwise unusable query gets the page with a message and advice, never an error."""

    template_name = "discovery/search.html"
    paginate_by = 20
    page_cache_parameters = ("q", "type", "page")

    def kept_query_parameters(self):
        return [*SearchForm.base_fields, "page"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context.update(
            form=form,
            query="",
            outcome=None,
            page_obj=None,
            limit=LIMIT_PER_KIND,
            stemming=connection.vendor == "postgresql",
        )
        if not form.is_bound or not form.is_valid() or not form.cleaned_data["q"]:
            return context
        query, kind = form.cleaned_data["q"], form.cleaned_data["type"]
        outcome = search(query, kinds=[kind] if kind else None)
        paginator = Paginator(outcome.results, self.paginate_by, allow_empty_first_page=True)
        context.update(
            query=query,
            kind=kind,
            outcome=outcome,
            page_obj=paginator.get_page(self.request.GET.get("page")),
            facets=[
                (target, outcome.counts.get(target.kind), target in outcome.truncated)
                for target in TARGETS
                if not kind or target.kind == kind
            ],
        )
        return context


JSON_IN_HTML = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class OpenDataView(PublicViewMixin, TemplateView):
    template_name = "discovery/open_data.html"
    section = "open_data"
    citation_title = _("Open data")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = list(DATASETS.values())
        context["licence"] = data_licence()
        # A JSON-LD data block: browsers neither run it nor apply the script policy to it. "<", ">" and "&" are
        # escaped so that no text in it can close the element.
        context["schema_org"] = mark_safe(  # Escaped just here.
            json.dumps(schema_org_datasets(self.request), ensure_ascii=False).translate(JSON_IN_HTML)
        )
        context["site_name"] = settings.SITE_NAME
        context["catalogue_url_absolute"] = catalogue_url(self.request)
        context["example_url"] = self.request.build_absolute_uri(reverse("discovery:contributions_csv") + "?country=DK")
        return context


class ComparisonView(PublicViewMixin, TemplateView):
    """Denmark and Norway side by side; `?year=` keeps the contributions under way that year (the year rule in
    core/periods.py). An unusable year gets the form's error with status 400."""

    template_name = "discovery/comparison.html"
    section = "comparison"
    citation_title = _("Denmark and Norway side by side")

    def get(self, request, *args, **kwargs):
        form = ComparisonForm(request.GET or None)
        valid = not form.is_bound or form.is_valid()
        year = form.cleaned_data.get("year") if form.is_bound and valid else None
        context = self.get_context_data(form=form, year=year, comparison=compare(year=year) if valid else None)
        return self.render_to_response(context, status=200 if valid else 400)


class SchemaView(View):
    """A data set's JSON Schema or Table Schema, the data package or the DCAT catalogue: JSON at a stable
    address."""

    document = None  # "json-schema", "table-schema", "data-package" or "catalogue"

    def get(self, request, dataset=None):
        if self.document == "data-package":
            body, content_type = data_package(request), "application/json"
        elif self.document == "catalogue":
            body, content_type = catalogue(request), "application/ld+json"
        else:
            if dataset not in DATASETS:
                raise Http404("No such data set.")
            if self.document == "json-schema":
                body, content_type = json_schema(DATASETS[dataset], request), "application/schema+json"
            else:
                body, content_type = table_schema(DATASETS[dataset]), "application/json"
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=2), content_type=f"{content_type}; charset=utf-8"
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
