"""The site's languages as pages show them: each page's address in each language (language switcher, hreflang and
canonical links) and the languages' names."""

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import pgettext_lazy

# Each language's name in that language, for the language switcher and the preview's language links.
AUTONYMS = {"da": "Dansk", "nb": "Norsk bokmål", "en": "English"}

# Language names as they read inside a sentence ("shown in Danish"; Danish and Norwegian write them in lower case).
LANGUAGE_NAMES_IN_SENTENCE = {
    "da": pgettext_lazy("language name inside a sentence", "Danish"),
    "nb": pgettext_lazy("language name inside a sentence", "Norwegian"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool


@dataclass(frozen=True)
class PageLanguages:
    """The links a page needs for its language switcher, hreflang alternates and canonical address."""

    links: list
    canonical_url: str
    x_default_url: str


def page_languages(request, urls, query=""):
    """Build `PageLanguages` from {language code: path} for the current page. `query` (an encoded query string: a
    list's filters, search words and page) is kept on the language switcher's links that lead to the same page in
    another language, not on those that fall back to a home page, nor on the canonical and hreflang addresses."""
    current = translation.get_language()
    homes = home_urls() if query else {}
    links = [
        LanguageLink(
            code=code,
            name=AUTONYMS.get(code, code),
            url=f"{urls[code]}?{query}" if query and (urls[code] != homes[code] or code == current) else urls[code],
            absolute_url=request.build_absolute_uri(urls[code]),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]
    by_code = {link.code: link for link in links}
    canonical = by_code.get(current, by_code[settings.LANGUAGE_CODE])
    return PageLanguages(links, canonical.absolute_url, by_code[settings.LANGUAGE_CODE].absolute_url)


def home_urls():
    """The home page in each language."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("website:home")
    return urls


def path_urls(path):
    """The same page in each language, from the current path and its translated URL patterns. A path
    that resolves to nothing in another language (an unknown address) leads to that language's home."""
    current = translation.get_language()
    homes = home_urls()
    urls = {}
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        urls[code] = homes[code] if url == path and code != current else url
    return urls


def url_prefix(name):
    """The address of the detail page `name` in the active language around its slug, reversed once for a list of
    such pages: (before, after), for `join_url`."""
    placeholder = "--slug--"
    before, after = reverse(name, kwargs={"slug": placeholder}).split(placeholder)
    return before, after


def join_url(prefix, slug):
    """A detail page's address from `url_prefix(…)` and a slug, quoted as reverse() quotes it."""
    return f"{prefix[0]}{quote(slug, safe=RFC3986_SUBDELIMS + '/~:@')}{prefix[1]}"
