"""Template context shared by every public page: the page's address in each language."""

from django.utils.functional import SimpleLazyObject

from core.languages import home_urls, page_languages, path_urls


def public_site(request):
    """Lazily computed, so pages that never show them (the admin) pay nothing. Views that know their
    object's address in each language (detail pages) put their own `page_languages` in the context."""
    return {
        "page_languages": SimpleLazyObject(lambda: page_languages(request, path_urls(request.path))),
        "home_languages": SimpleLazyObject(lambda: page_languages(request, home_urls())),
    }
