"""When a content page was published and last updated, and where its change log is: the dates come from the
object itself (its publication time and its last save, which is its latest version), so showing them costs no query.
The content models are named by label, not imported, so that the site layer does not depend on the content apps."""

from django.urls import reverse

# The content pages that have a change log, by the name in their change log's address: the model and the field
# that titles its page and the field of its natural key (the change log's address holds the key).
CHANGE_LOG_MODELS = {
    "mission": ("coalition.Mission", "title", "key"),
    "country": ("coalition.Country", "name", "code"),
    "mandate": ("contributions.Mandate", "label", "key"),
    "contribution": ("contributions.Contribution", "title", "key"),
    "programme": ("programmes.Programme", "title", "key"),
}


def page_dates(obj):
    """(published, last updated) of a public object: its publication time (or creation, for content published
    without one) and its last save, never earlier than its publication."""
    published = obj.published_at or obj.created
    return published, max(published, obj.updated)


def change_log_url(obj):
    """The address of an object's change log, or None for a model that has none."""
    label = obj._meta.label
    for kind, (model_label, _title, key_field) in CHANGE_LOG_MODELS.items():
        if model_label == label:
            return reverse("core:change_log", kwargs={"kind": kind, "key": getattr(obj, key_field)})
    return None
