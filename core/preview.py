"""Staff preview: a draft (or any object) shown as its public page, in any of the site's languages.

The preview runs the public detail view itself, with its template and everything it loads with the object,
but finds the object by its id whatever its publication state, and puts an unmistakable "Preview - not
published" banner at the top of the page. Only active staff users who may view the object see it; everyone
else gets a 404, as if the address did not exist. Previews are never cached or indexed.

Addresses: /<language>/preview/<app label>/<model name>/<id>/, e.g. /nb/preview/coalition/mission/12/.
"""

import re

from django.apps import apps
from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from . import editorial

app_name = "preview"

# The public detail page of each model that has one.
PREVIEWS = {
    "coalition.mission": "coalition:mission_detail",
    "coalition.country": "coalition:country_detail",
    "contributions.mandate": "contributions:mandate_detail",
    "contributions.contribution": "contributions:contribution_detail",
    "programmes.programme": "programmes:programme_detail",
    # Statements have fixed addresses; the view finds one by its kind, which it takes as its slug.
    "pages.statement": "pages:statement_by_kind",
}

# Each language's name in that language, for the language links.
AUTONYMS = {"da": "Dansk", "nb": "Norsk bokmål", "en": "English"}

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def can_preview(user, model):
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and (
            user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
            or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )
    )


def preview_url(obj, language):
    opts = obj._meta
    with translation.override(language):
        return reverse(
            "preview:object", kwargs={"app_label": opts.app_label, "model_name": opts.model_name, "pk": obj.pk}
        )


def preview_links(request, obj):
    """The preview in each language, for the change form; empty when the model has no public page."""
    label = obj._meta.label_lower if obj is not None else None
    if label not in PREVIEWS or not can_preview(request.user, type(obj)) or public_view_class(PREVIEWS[label]) is None:
        return []
    try:
        return [
            {"code": code, "name": AUTONYMS.get(code, name), "url": preview_url(obj, code)}
            for code, name in settings.LANGUAGES
        ]
    except NoReverseMatch:  # The preview's address is not in the URLconf.
        return []


def public_view_class(url_name):
    """The class-based view behind a public detail page, found through its URL name."""
    try:
        match = resolve(reverse(url_name, kwargs={"slug": "preview"}))
    except NoReverseMatch:
        return None
    return getattr(match.func, "view_class", None)


class PreviewMixin:
    """Put before a public detail view: the object is the one previewed, found whatever its state, with what
    the public page loads with it (its select_related and prefetch_related)."""

    preview_object = None

    def get_object(self, queryset=None):
        public = super().get_queryset() if queryset is None else queryset
        model = type(self.preview_object)
        objects = model._default_manager.filter(pk=self.preview_object.pk)
        objects = objects.prefetch_related(*public._prefetch_related_lookups)
        objects.query.select_related = public.query.select_related
        return self.add_lists(objects.get())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_language_urls(self):
        return {code: preview_url(self.object, code) for code, _name in settings.LANGUAGES}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        return context


def banner(request, obj):
    opts = obj._meta
    return render_to_string(
        "admin/editorial/preview_banner.html",
        {
            "object": obj,
            "state": editorial.publication_state(obj),
            "missing": [editorial.language_name(code) for code in editorial.missing_languages(obj)],
            "links": [
                {**link, "is_current": link["code"] == translation.get_language()}
                for link in preview_links(request, obj)
            ],
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        },
        request=request,
    )


def preview(request, app_label, model_name, pk):
    label = f"{app_label}.{model_name}".lower()
    if label not in PREVIEWS:
        raise Http404
    model = apps.get_model(label)
    if not can_preview(request.user, model):
        raise Http404
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    view_class = public_view_class(PREVIEWS[label])
    if view_class is None:
        raise Http404
    preview_class = type(f"Preview{view_class.__name__}", (PreviewMixin, view_class), {})
    response = preview_class.as_view(preview_object=obj)(request, slug=obj.slug or "")
    if hasattr(response, "render"):
        response.render()
    markup = banner(request, obj).encode(response.charset)
    body = _BODY.search(response.content)
    if body:
        response.content = response.content[: body.end()] + markup + response.content[body.end() :]
    else:
        response.content = markup + response.content
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


urlpatterns = [
    path("<slug:app_label>/<slug:model_name>/<int:pk>/", preview, name="object"),
]
