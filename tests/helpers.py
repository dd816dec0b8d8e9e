"""Helpers shared by the tests of every app: reading a public page's HTML, addresses in each language, running a
command under the production settings, and recording Content-Security-Policy violations in a browser. Fixtures
live in the conftest.py files; these are plain functions and classes a test imports."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

PROJECT_DIR = Path(__file__).resolve().parent.parent

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def list_pages():
    """The URL names of the public pages that take no slug, as sitemap.xml lists them: the home page, each content
    model's list page (its `list_url` in the content registry, core/registry.py) and the pages of no model. The
    tours over every page type start from here, so a new content model's list is toured without being named."""
    from core import registry
    from website.sitemaps import FIRST_PAGES, LAST_PAGES

    lists = [entry.content.list_url for entry in registry.entries() if entry.content.list_url]
    return [*FIRST_PAGES, *lists, *LAST_PAGES]


def objects_with_a_page():
    """Every object with a public page of its own, model by model as the content registry declares them."""
    from core import registry

    return [obj for entry in registry.detail_pages() for obj in entry.model._default_manager.with_public_page()]


@dataclass
class ParsedPage:
    """What the tests look at in a public page's HTML."""

    html_lang: str = ""
    title: str = ""
    h1_count: int = 0
    alternates: dict = field(default_factory=dict)  # hreflang -> href
    canonical: str = ""
    switcher: dict = field(default_factory=dict)  # language code -> href
    lang_elements: list = field(default_factory=list)  # (tag, lang) of elements inside <body> with a lang
    links: list = field(default_factory=list)  # hrefs of every <a>


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_title = False
        self._in_body = False
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.html_lang = attrs.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self._in_body = True
        elif tag == "h1":
            self.page.h1_count += 1
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.page.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.page.canonical = attrs["href"]
        elif tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a":
            self.page.links.append(attrs.get("href", ""))
            if self._in_switcher:
                self.page.switcher[attrs["hreflang"]] = attrs["href"]
        if self._in_body and "lang" in attrs:
            self.page.lang_elements.append((tag, attrs["lang"]))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "nav":
            self._in_switcher = False

    def handle_data(self, data):
        if self._in_title:
            self.page.title += data


def parse(response):
    parser = _PageParser()
    parser.feed(response.content.decode())
    parser.page.title = " ".join(parser.page.title.split())
    return parser.page


def url_in(language, obj_or_name, **kwargs):
    """An object's address (or a named URL's) in the given language."""
    with translation.override(language):
        if isinstance(obj_or_name, str):
            return reverse(obj_or_name, kwargs=kwargs or None)
        return obj_or_name.get_absolute_url()


# -- Production settings -----------------------------------------------------------------------------------------------

# Production settings run in a subprocess: they read the environment once, at import.
PROD_SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
]
VALID_PROD_ENV = {
    "SECRET_KEY": "k7Qp2vX9" * 8,
    "ALLOWED_HOSTS": "isil.example.org,www.isil.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/isil_deploy_check",
    "TRUSTED_PROXY_COUNT": "1",
}


def run_with_prod_settings(args, **environment):
    """Run `python args…` in the project with config.settings.prod and the given environment, on top of a
    valid one. Variables given as None are removed; empty strings stay, so a .env file cannot fill them."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CSP_", "ADMIN_"))}
    env.update(VALID_PROD_ENV)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    for key, value in environment.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


# -- Content-Security-Policy in a browser ------------------------------------------------------------------------------

# Runs in every page before its own scripts and outside its policy: keeps the violations the page reports.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` (${event.sourceFile || ""}:${event.lineNumber || ""})`);
});
"""

# The violations once the tasks queued by the page's loading have run.
SETTLED_CSP_VIOLATIONS = """() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(
    () => requestAnimationFrame(() => resolve(window.__cspViolations || []))), 0))"""


class CSPRecorder:
    """A browser page that collects CSP violations from the DOM event and from the console."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.console = []
        self.page.on("console", lambda message: self.console.append(message.text))

    def violations(self):
        """What the page has reported since it loaded. `goto()` returns after the load event, when every resource
        of the page has been fetched or blocked; the violation events are queued as tasks, so this lets the queue
        run (a timer and two frames) before reading them, instead of waiting for the network to stay idle for half
        a second."""
        reported = self.page.evaluate(SETTLED_CSP_VIOLATIONS)
        logged = [text for text in self.console if "Content Security Policy" in text]
        return reported + logged
