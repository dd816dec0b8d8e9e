"""The admin, including modeltranslation's tabbed forms (jQuery UI from static/vendor/), works in a real
browser under the site's Content-Security-Policy: no violation reported, the language tabs work."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import ContributionFactory, MandateFactory, MissionFactory, ProgrammeFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_session_cookie(live_server):
    """A logged-in superuser's session cookie for the live server."""
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "not-used-here-123")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": live_server.url}


def admin_url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def test_translated_change_form_runs_under_the_policy(csp_page, staff_session_cookie):
    mission = MissionFactory(title_da="Dansk titel", title_nb="Norsk tittel", title_en="English title")
    csp_page.context.add_cookies([staff_session_cookie])
    page = csp_page.page

    response = page.goto(admin_url("coalition_mission_change", mission.pk))
    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]

    # jQuery UI turned each translated field group into tabs, one per language.
    tabs = page.locator(".ui-tabs-nav a")
    assert tabs.count() >= 3
    page.locator(".ui-tabs-nav a", has_text="nb").first.click()
    assert page.locator("#id_title_nb").is_visible()
    assert page.locator("#id_title_nb").input_value() == "Norsk tittel"
    assert not page.locator("#id_title_da").is_visible()

    assert csp_page.violations() == []


@pytest.mark.parametrize(
    ("name", "args"),
    [("index", ()), ("coalition_mission_changelist", ()), ("coalition_mission_add", ())],
)
def test_admin_pages_run_under_the_policy(csp_page, staff_session_cookie, name, args):
    MissionFactory()
    csp_page.context.add_cookies([staff_session_cookie])
    response = csp_page.page.goto(admin_url(name, *args))
    assert response.status == 200
    assert csp_page.violations() == []


@pytest.mark.parametrize(
    ("name", "factory", "inline_prefix"),
    [
        ("programmes_programme_change", ProgrammeFactory, "themes"),  # stacked translated inline
        ("programmes_programme_change", ProgrammeFactory, "activities"),  # tabular translated inline
        ("contributions_contribution_change", ContributionFactory, "authorisations"),  # ordered mandates
        ("contributions_mandate_change", MandateFactory, None),  # contributions listed read-only
        ("core_source_change", SourceFactory, None),  # prepopulated key field
    ],
)
def test_change_forms_with_inlines_run_under_the_policy(csp_page, staff_session_cookie, name, factory, inline_prefix):
    obj = factory()
    csp_page.context.add_cookies([staff_session_cookie])
    page = csp_page.page
    response = page.goto(admin_url(name, obj.pk))
    assert response.status == 200
    if inline_prefix:
        # Django's inlines.js adds a blank inline form, and modeltranslation gives it language tabs.
        rows = page.locator(f".dynamic-{inline_prefix}")
        before = rows.count()
        page.locator(f"#{inline_prefix}-group .add-row a").click()
        assert rows.count() == before + 1
    assert csp_page.violations() == []


def test_login_page_runs_under_the_policy(csp_page):
    response = csp_page.page.goto(admin_url("login", language="da"))
    assert response.status == 200
    assert csp_page.violations() == []
