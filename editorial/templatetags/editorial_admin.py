"""Template tags of the editorial admin: translation completeness on the index, kinds of change in the history."""

from django import template
from django.utils.translation import gettext_lazy as _

from core import registry
from editorial import dashboard, workflow

register = template.Library()

HISTORY_TYPES = {
    "+": _("Created"),
    "~": _("Changed"),
    "-": _("Deleted"),
}


@register.simple_tag
def translation_status(app_list):
    """For each translated content model (core/registry.py) the user may see on the admin index: how many of its
    entries miss a language, in total and per language. One query per model."""
    content = set(registry.models())
    rows = []
    for app in app_list:
        for entry in app["models"]:
            model = entry.get("model")
            if model not in content or not workflow.translated_text_fields(model):
                continue
            counts = workflow.completeness_counts(model._default_manager.all())
            rows.append(
                {
                    "name": entry["name"],
                    "url": entry.get("admin_url"),
                    "incomplete": counts["incomplete"],
                    "languages": [
                        {"code": code, "name": workflow.language_name(code), "count": counts[code]}
                        for code in workflow.language_codes()
                    ],
                }
            )
    return rows


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    """The dashboard's sections for the signed-in staff member (editorial.dashboard)."""
    return dashboard.build(context["request"])


@register.filter
def change_kind(record):
    """What a version in the history is: created, changed, deleted, or the editorial step that made it."""
    reason = workflow.CHANGE_REASONS.get(record.history_change_reason)
    return reason or HISTORY_TYPES.get(record.history_type, record.history_type)
