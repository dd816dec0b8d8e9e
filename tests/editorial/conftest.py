"""Scenario fixtures for the editorial workflow: editors and reviewers, admin URLs, and helpers that post the
admin's change form the way a browser does."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Source
from editorial.roles import EDITORS, REVIEWERS
from tests.browser import browser_runner
from tests.factories import MissionFactory, OrganisationFactory, SourceFactory

PASSWORD = "correct horse battery staple"


def make_staff(username, group_name=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=True, **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return make_staff("eva", EDITORS, first_name="Eva", last_name="Editor")


@pytest.fixture
def second_editor(db):
    return make_staff("nils", EDITORS, first_name="Nils", last_name="Nordmann")


@pytest.fixture
def reviewer(db):
    return make_staff("rita", REVIEWERS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    client = Client()  # Its own: a test may use an editor's client too.
    client.force_login(reviewer)
    return client


@pytest.fixture
def complete_mission(db):
    """A draft mission with its texts in all three languages."""
    return MissionFactory(key="complete-draft", status="draft", lead_organisation=OrganisationFactory())


@pytest.fixture
def incomplete_mission(db):
    """A draft mission with no Norwegian text."""
    return MissionFactory(key="no-norwegian", status="draft", title_nb="", summary_nb="")


def admin_url(obj_or_model, view, *args, language="en"):
    opts = obj_or_model._meta
    with translation.override(language):
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def change_url(obj, language="en"):
    return admin_url(obj, "change", obj.pk, language=language)


_ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def form_data(html, form_id):
    """The values a browser would submit from the form with this id (inputs, textareas, selects)."""
    start = html.index(f'id="{form_id}"')
    form = html[start : html.index("</form>", start)]
    data = {}
    for match in re.finditer(r"<(input|textarea|select)\b([^>]*)>", form):
        tag, attrs = match.group(1), dict(_ATTR.findall(match.group(2)))
        name = attrs.get("name")
        if not name or attrs.get("type") in {"submit", "button", "file"}:
            continue
        if tag == "input":
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in match.group(2):
                    data.setdefault(name, []).append(attrs.get("value", "on"))
                continue
            data[name] = unescape(attrs.get("value", ""))
        elif tag == "textarea":
            end = form.index("</textarea>", match.end())
            data[name] = unescape(form[match.end() : end].removeprefix("\n"))
        else:
            end = form.index("</select>", match.end())
            options = re.findall(r"<option\b([^>]*)>", form[match.end() : end])
            chosen = [dict(_ATTR.findall(option)).get("value", "") for option in options if "selected" in option]
            if chosen:
                data[name] = chosen if "multiple" in match.group(2) else chosen[0]
    return data


def open_change_form(client, obj, language="en"):
    """GET the change form and return the data its form would submit, unchanged."""
    response = client.get(change_url(obj, language))
    assert response.status_code == 200
    return form_data(response.content.decode(), f"{obj._meta.model_name}_form")


@pytest.fixture
def in_browser(chromium, live_server):
    """Runs `scenario(page)` in Debian's headless Chromium against the live server and returns its result.
    Skipped where Chromium is missing, unless REQUIRE_BROWSER is set."""
    return browser_runner(chromium, live_server.url, locale="en-GB")


def saved_by(obj, user):
    obj._history_user = user
    obj.save()
    return obj


@pytest.fixture
def dashboard_scene(editor, second_editor):
    now = timezone.now()
    scene = {
        "mine": saved_by(MissionFactory(status="draft", acronym="", title_en="Draft by Eva"), editor),
        "theirs": saved_by(MissionFactory(status="draft", acronym="", title_en="Draft by Nils"), second_editor),
        "soon": MissionFactory(published_at=now + datetime.timedelta(days=10), acronym="", title_en="Due in ten days"),
        "later": MissionFactory(
            published_at=now + datetime.timedelta(days=40), acronym="", title_en="Due in forty days"
        ),
        "recent": MissionFactory(
            published_at=now - datetime.timedelta(days=2), acronym="", title_en="Published two days ago"
        ),
        "old": MissionFactory(
            published_at=now - datetime.timedelta(days=90), acronym="", title_en="Published long ago"
        ),
        "broken": SourceFactory(key="dead", title="A vanished page", publisher="Example"),
        "fine": SourceFactory(key="alive", title="A living page", publisher="Example"),
    }
    Source.objects.filter(key="dead").update(link_checked_at=now, link_status=404)
    Source.objects.filter(key="alive").update(link_checked_at=now, link_status=200)
    return scene
