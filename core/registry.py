"""The content registry: the site's content models, declared once.

Each app that holds content lists its models on its AppConfig as `content`, a list of `Content` entries, in the
order their fixtures load (a model after the models it refers to). Everything that needs the list of content models
derives it from here: editorial roles and permissions, the edit history, the staff preview, sitemap.xml, the page
cache's invalidation, the translation dashboard, `make fixtures-dump` and the tests that walk every page type.
Adding a content model is one `Content(...)` line in its app's apps.py plus the model's own files.

The registry reads the declarations through django.apps, so this module (part of the foundation) imports no
content app.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps


@dataclass(frozen=True)
class Content:
    """One content model, declared on its app's AppConfig."""

    model: str
    """The model's name in its app, lower case: "mission"."""
    fixture: str
    """The fixture file that holds its rows: fixtures/<fixture>.json. Files load in the order of their names, which
    begin with a number: a file comes after the files whose objects it refers to ("03_key_figures")."""
    detail_url: str = ""
    """The URL name of the public page of one object, which takes the object's slug (previews, sitemap.xml)."""
    list_url: str = ""
    """The URL name of the public list of these objects (sitemap.xml)."""
    part_of: str = ""
    """Set when the model is edited only as part of another entry, on that entry's form: that model's name."""
    change_log: str = ""
    """For a page with a public change log ("See all updates"): the field that titles it. The change log's address
    holds the object's natural key."""


@dataclass(frozen=True)
class Entry:
    """A declaration together with its model class."""

    app_label: str
    content: Content
    model: type

    @property
    def label(self):
        """The model's label in lower case, e.g. coalition.mission."""
        return self.model._meta.label_lower

    @property
    def publishable(self):
        """Shown on the public site only once published; publishing takes the "publish" permission. A part of
        another entry is published with it."""
        from .models import PublishableModel

        return issubclass(self.model, PublishableModel) and not self.content.part_of


@cache
def entries():
    """Every declared content model, app by app in INSTALLED_APPS order, each app's in its declared order."""
    apps.check_models_ready()
    return tuple(
        Entry(config.label, content, config.get_model(content.model))
        for config in apps.get_app_configs()
        for content in getattr(config, "content", ())
    )


def models():
    return [entry.model for entry in entries()]


def labels():
    return [entry.label for entry in entries()]


def publishable_models():
    return [entry.model for entry in entries() if entry.publishable]


def entry_for(model):
    """The entry of a model class, instance or "app.model" label; None for a model that is not content."""
    label = model.lower() if isinstance(model, str) else model._meta.label_lower
    return next((entry for entry in entries() if entry.label == label), None)


def detail_pages():
    """The entries with a public page per object."""
    return [entry for entry in entries() if entry.content.detail_url]


def change_log_entries():
    """{"mission": entry, …}: the entries with a public change log, by the name in its address."""
    return {entry.content.model: entry for entry in entries() if entry.content.change_log}


def fixture_files():
    """{"01_sources": ["core.source"], …}: each fixture file's models, the files in load order (by name)."""
    files = {}
    for entry in entries():
        files.setdefault(entry.content.fixture, []).append(entry.label)
    return dict(sorted(files.items()))
