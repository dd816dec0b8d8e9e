"""Staff preview: a draft (or any object) shown as its public page, in any of the site's languages.

The preview runs the public detail view itself (found through the URL name the content registry gives as the
model's `detail_url`), with its template and everything it loads with the object, as `as_view(preview=banner)`:
the view then widens its queryset to every publication state and finds the object by its id
(core.views.PublicViewMixin), and base.html shows the banner ("Preview - not published") at the top of the page
(`{% if preview %}`). Only active staff users who may view or change the object see it; everyone else gets a 404,
as if the address did not exist. Previews are never cached or indexed.

Addresses: /<language>/preview/<app label>/<model name>/<id>/, e.g. /nb/preview/coalition/mission/12/.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch, path, resolve, reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from core import registry
from core.languages import AUTONYMS

from . import workflow

app_name = "preview"


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


def public_view_class(model):
    """The class-based view behind a model's public detail page, found through its URL name; None for a model
    without one."""
    entry = registry.entry_for(model)
    if entry is None or not entry.content.detail_url:
        return None
    try:
        match = resolve(reverse(entry.content.detail_url, kwargs={"slug": "preview"}))
    except NoReverseMatch:
        return None
    return getattr(match.func, "view_class", None)


def preview_links(request, obj):
    """The preview in each language, for the change form; empty when the model has no public page."""
    if obj is None or not can_preview(request.user, type(obj)) or public_view_class(type(obj)) is None:
        return []
    try:
        return [
            {"code": code, "name": AUTONYMS.get(code, name), "url": preview_url(obj, code)}
            for code, name in settings.LANGUAGES
        ]
    except NoReverseMatch:  # The preview's address is not in the URLconf.
        return []


@dataclass(frozen=True)
class Banner:
    """What the preview's banner shows (editorial/preview_banner.html, included by base.html)."""

    object: object
    state: str
    missing: list
    links: list
    change_url: str

    @property
    def language_urls(self):
        """The preview in each language: the page's language switcher and hreflang links lead there."""
        return {link["code"]: link["url"] for link in self.links}


def banner(request, obj):
    opts = obj._meta
    return Banner(
        object=obj,
        state=workflow.publication_state(obj),
        missing=[workflow.language_name(code) for code in workflow.missing_languages(obj)],
        links=[
            {**link, "is_current": link["code"] == translation.get_language()} for link in preview_links(request, obj)
        ],
        change_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
    )


@never_cache
def preview(request, app_label, model_name, pk):
    entry = registry.entry_for(f"{app_label}.{model_name}")
    if entry is None or not can_preview(request.user, entry.model):
        raise Http404
    view_class = public_view_class(entry.model)
    obj = entry.model._default_manager.filter(pk=pk).first()
    if view_class is None or obj is None:
        raise Http404
    response = view_class.as_view(preview=banner(request, obj))(request, pk=obj.pk)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


urlpatterns = [
    path("<slug:app_label>/<slug:model_name>/<int:pk>/", preview, name="object"),
]
