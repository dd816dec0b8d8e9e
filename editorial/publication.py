"""When a content page was published and last updated, and where its change log is: the dates come from the
object itself (its publication time and its last save, which is its latest version), so showing them costs no query.
Which pages have a change log, and what titles it, the content registry says (`Content(change_log=...)`)."""

from django.urls import reverse

from core import registry


def page_dates(obj):
    """(published, last updated) of a public object: its publication time (or creation, for content published
    without one) and its last save, never earlier than its publication."""
    published = obj.published_at or obj.created
    return published, max(published, obj.updated)


def change_log_url(obj):
    """The address of an object's change log, or None for a model that has none. The address holds the object's
    natural key (a country's code, a mission's key)."""
    entry = registry.entry_for(obj)
    if entry is None or not entry.content.change_log:
        return None
    (key,) = obj.natural_key()
    return reverse("editorial:change_log", kwargs={"kind": entry.content.model, "key": key})
