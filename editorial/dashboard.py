"""The editorial dashboard on the admin index: what needs a staff member's attention, each entry linking to its
object. Built from the content registry (every publishable content model with an admin), so it knows no content
app by name.

- My drafts: drafts the user has created or changed (from the edit history).
- Waiting for review (for reviewers): every draft, the most recently changed first.
- Scheduled: publications due in the next 30 days.
- Recently published: published in the last 30 days.
- Broken sources: the sources whose address the last `check_sources` run found broken.
Translations to finish are counted per model below the dashboard (templatetags/editorial_admin.py).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registry
from core.models import Source, Status

from . import workflow
from .roles import REVIEWERS

ENTRIES_PER_SECTION = 10
HORIZON = timedelta(days=30)


@dataclass
class Entry:
    object: object
    model_name: str
    url: str
    when: object = None
    missing: list = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    empty: str
    entries: list


def publishable_admins(request, permission="view"):
    """(model, model admin) of every registered model with a publication status the user may see or change."""
    found = []
    for model in registry.publishable_models():
        model_admin = admin.site.get_model_admin(model) if admin.site.is_registered(model) else None
        if model_admin is None:
            continue
        allowed = model_admin.has_change_permission if permission == "change" else model_admin.has_view_permission
        if allowed(request):
            found.append((model, model_admin))
    return sorted(found, key=lambda pair: pair[0]._meta.label)


def _url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _entries(querysets, when, newest_first=True):
    entries = []
    for queryset in querysets:
        for obj in queryset[:ENTRIES_PER_SECTION]:
            entries.append(
                Entry(
                    object=obj,
                    model_name=obj._meta.verbose_name,
                    url=_url(obj),
                    when=getattr(obj, when),
                    missing=[workflow.language_name(code) for code in workflow.missing_languages(obj)],
                )
            )
    entries.sort(key=lambda entry: entry.when or timezone.now(), reverse=newest_first)
    return entries[:ENTRIES_PER_SECTION]


def is_reviewer(user):
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


def build(request):
    """The dashboard's sections for this staff member, in order."""
    user, now = request.user, timezone.now()
    sections = []
    changeable = publishable_admins(request, "change")
    if changeable:
        mine = []
        for model, _model_admin in changeable:
            history = getattr(model, "history", None)
            if history is None:
                continue
            touched = history.filter(history_user=user).values(model._meta.pk.attname)
            mine.append(model._default_manager.filter(status=Status.DRAFT, pk__in=touched).order_by("-updated"))
        sections.append(Section("my-drafts", _("My drafts"), _("You have no drafts."), _entries(mine, "updated")))
    visible = publishable_admins(request)
    if is_reviewer(user):
        drafts = [model._default_manager.filter(status=Status.DRAFT).order_by("-updated") for model, _a in visible]
        sections.append(
            Section("review", _("Waiting for review"), _("No drafts are waiting."), _entries(drafts, "updated"))
        )
    scheduled = [
        model._default_manager.filter(
            status=Status.PUBLISHED, published_at__gt=now, published_at__lte=now + HORIZON
        ).order_by("published_at")
        for model, _a in visible
    ]
    sections.append(
        Section(
            "scheduled",
            _("Scheduled for the next 30 days"),
            _("Nothing is scheduled."),
            _entries(scheduled, "published_at", newest_first=False),
        )
    )
    recent = [
        model._default_manager.filter(
            status=Status.PUBLISHED, published_at__lte=now, published_at__gt=now - HORIZON
        ).order_by("-published_at")
        for model, _a in visible
    ]
    sections.append(
        Section(
            "published",
            _("Published in the last 30 days"),
            _("Nothing was published in the last 30 days."),
            _entries(recent, "published_at"),
        )
    )
    source_admin = admin.site.get_model_admin(Source) if admin.site.is_registered(Source) else None
    if source_admin is not None and source_admin.has_view_permission(request):
        broken = Source.objects.broken().order_by("publisher", "title")
        sections.append(
            Section(
                "broken-sources",
                _("Broken source links"),
                _("No source link was found broken at the last check."),
                _entries([broken], "link_checked_at"),
            )
        )
    return sections
