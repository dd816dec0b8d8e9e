"""The building blocks of every public page: the shared mixin, translated-slug detail pages, filtered lists, and
the staff preview's widened queryset (editorial/preview.py runs a public detail view with `preview` set)."""

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from .citation import cite
from .filters import active_filters, form_fields
from .languages import page_languages, path_urls

# A detail page lists at most this many contributions (or mandates) and links to the whole list, filtered and
# paginated, for the rest: the page stays the same size whatever the amount of content. The real content has fewer
# per country, mission or mandate, so its pages show everything. Each list is a query of its own with a LIMIT
# (`queryset[:DETAIL_LIST_LIMIT]`), not a sliced Prefetch: Django implements that with a window function, which
# numbers every related row (all 2,879 of a busy country's contributions) before keeping the first few, where a
# LIMIT lets PostgreSQL keep only the first rows while it sorts.
DETAIL_LIST_LIMIT = 25


def count_per(queryset, field):
    """A subquery counting the rows of `queryset` whose `field` points at the outer object."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


class PublicViewMixin:
    """What every public page shares: only published objects, through the model's `for_listing()`, and the
    page's address in each language for the language switcher, the hreflang links and the canonical link.

    The staff preview (editorial/preview.py) runs a detail view with `preview` set, through
    `as_view(preview=...)`: the queryset is then widened to every publication state, the object is found by its id
    (`pk`), the language links lead to the preview in each language and base.html shows the preview's banner
    (`{% if preview %}`). Only that view sets it, after checking the staff member's permissions."""

    section = None  # Which main navigation entry the page belongs to.
    # The page's title for "Cite this page" and the printout's header; pages without one are not cited.
    citation_title = None
    # The staff preview's banner (editorial.preview.Banner), or None on the public site.
    preview = None

    def visible_objects(self):
        """What the page may show: the published objects; every one in a staff preview."""
        objects = self.model._default_manager
        return objects.all() if self.preview else objects.published()

    def get_queryset(self):
        return self.visible_objects().for_listing()

    def get_language_urls(self):
        """{language code: path} of this page in each language."""
        if self.preview:
            return self.preview.language_urls
        return path_urls(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview
        context["page_languages"] = page_languages(self.request, self.get_language_urls(), self.get_kept_query())
        context["section"] = self.section
        context["citation"] = self.get_citation()
        return context

    def kept_query_parameters(self):
        """The query parameters that mean the same in every language, which the language switcher keeps: the page
        number of a paginated list (subclasses add their filters or search words)."""
        return [getattr(self, "page_kwarg", "page")] if getattr(self, "paginate_by", None) else []

    def get_kept_query(self):
        kept = QueryDict(mutable=True)
        for name in self.kept_query_parameters():
            values = [value for value in self.request.GET.getlist(name) if value]
            if values:
                kept.setlist(name, values)
        return kept.urlencode()

    def get_citation(self):
        if not self.citation_title:
            return None
        return cite(self.request, self.citation_title, self.request.path)


class CanonicalDetailView(PublicViewMixin, DetailView):
    """A published object at its one address (`get_absolute_url()`): another address that finds it redirects
    there. Subclasses say how the address finds the object (`find_object`); a staff preview finds it by its id."""

    def find_object(self, queryset):
        raise NotImplementedError

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        found = preview_object(queryset, self.kwargs["pk"]) if self.preview else self.find_object(queryset)
        return self.add_lists(found)

    def add_lists(self, obj):
        """Attach the lists the page shows with the object (see DETAIL_LIST_LIMIT) once it is found."""
        return obj

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical and not self.preview:
            return HttpResponsePermanentRedirect(canonical)
        return self.render_to_response(self.get_context_data(object=self.object))


class TranslatedSlugDetailView(CanonicalDetailView):
    """A published object found by its slug. Each object has a slug per language; where the active language
    has none, the object's address uses the fallback language's slug (what `get_absolute_url()` gives), so
    a link never leads nowhere. A slug from another language (say, after switching language by hand)
    redirects to the object's address in the active language."""

    citation_field = "title"  # The object's field that titles its citation.

    def find_object(self, queryset):
        slug = self.kwargs["slug"]
        in_any_language = Q()
        for code, _name in settings.LANGUAGES:
            in_any_language |= Q(**{f"slug_{code}": slug})
        candidates = list(queryset.filter(in_any_language)[: len(settings.LANGUAGES)])
        for candidate in candidates:
            if candidate.slug == slug:  # The slug of the active language, or of its fallback.
                return candidate
        if candidates:
            return candidates[0]
        former = self.find_by_former_slug(queryset, slug)
        if former is not None:
            return former
        raise Http404(_("Nothing is published at this address."))

    def find_by_former_slug(self, queryset, slug):
        """An object whose slug was changed (a model with `former_slugs`, one per line): its old address redirects
        to the current one."""
        if not hasattr(queryset.model, "former_slugs"):
            return None
        for candidate in queryset.filter(former_slugs__contains=slug)[:10]:
            if slug in candidate.former_slugs.split():
                return candidate
        return None

    def get_citation(self):
        return cite(self.request, getattr(self.object, self.citation_field), self.object.get_absolute_url())

    def get_language_urls(self):
        if self.preview:
            return self.preview.language_urls
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = self.object.get_absolute_url()
        return urls


def preview_object(queryset, pk):
    """The object a staff preview shows, from a detail view's widened queryset, with all it loads for the page."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Nothing is published at this address."))
    return obj


class NearestPageMixin:
    """For a paginated list view: a page number that is not a number or out of range shows the nearest page
    (not a 404), and the page links are elided around the current page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=True
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            # First and last pages and two either side of the current one, not a link to each of thousands.
            context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            context["page_ellipsis"] = page.paginator.ELLIPSIS
        return context


class PublicFilterView(PublicViewMixin, NearestPageMixin, FilterView):
    """A filtered, paginated list. Invalid filter values give the page with the form's errors and no
    results (`strict`); a page number that is not a number or out of range shows the nearest page. The filter
    form is written from `filter_fields` (core.filters.form_fields), with the model choices labelled as the
    FilterSet's `choice_labels` says."""

    strict = True

    def count_without(self, name):
        """How many rows the list has without the filter `name`."""
        params = self.request.GET.copy()
        params.pop(name, None)
        params.pop(self.page_kwarg, None)
        filterset = self.filterset_class(params, queryset=self.get_queryset(), request=self.request)
        if not filterset.is_valid():
            return None
        return filterset.qs.count()

    def kept_query_parameters(self):
        # Filter values are keys and codes, the same in every language (contributions/filters.py).
        return [*self.filterset_class.base_filters, self.page_kwarg]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["active_filters"] = active_filters(self.filterset, self.request)
        context["filter_fields"] = form_fields(self.filterset.form, self.filterset.choice_labels)
        context["filter_errors"] = self.filterset.is_bound and not self.filterset.is_valid()
        if not context["filter_errors"] and context["active_filters"] and not context["paginator"].count:
            # An empty result: what removing each filter would show (a count per filter in use, at most a handful).
            context["filter_removals"] = [(chip, self.count_without(chip.name)) for chip in context["active_filters"]]
        return context
