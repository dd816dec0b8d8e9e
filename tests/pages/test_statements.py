"""The accessibility and privacy statements: fixed addresses in each language, the deployment's facts from the
settings, links from every page's footer, drafts never shown, the staff preview, and the sitemap."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from editorial.preview import preview_url
from pages.models import Statement
from pages.text import Block, blocks
from tests.editorial.conftest import make_staff
from tests.helpers import LANGUAGES, parse, url_in

FOOTER = {
    "da": ("Tilgængelighedserklæring", "Privatlivserklæring", "Ordliste"),
    "nb": ("Tilgjengelighetserklæring", "Personvernerklæring", "Ordliste"),
    "en": ("Accessibility statement", "Privacy statement", "Glossary"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["website:home", "coalition:mission_list", "discovery:open_data"])
def test_every_page_links_both_statements_and_the_glossary_from_its_footer(client, db, language, name):
    html = client.get(url_in(language, name)).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for url_name, label in zip(
        ["pages:accessibility", "pages:privacy", "pages:glossary"], FOOTER[language], strict=True
    ):
        assert f'<a href="{url_in(language, url_name)}">{label}</a>' in footer


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_in_each_language(client, accessibility_statement, language):
    response = client.get(url_in(language, "pages:accessibility"))

    assert response.status_code == 200
    assertTemplateUsed(response, "pages/statement_detail.html")
    parsed = parse(response)
    assert parsed.html_lang == language
    assert parsed.h1_count == 1
    assert parsed.title.startswith(getattr(accessibility_statement, f"title_{language}"))
    assert set(parsed.alternates) == {*LANGUAGES, "x-default"}
    assertContains(response, "Directive (EU) 2016/2102")  # Its sources.


def test_the_addresses_are_translated(db):
    assert [url_in(code, "pages:accessibility") for code in LANGUAGES] == [
        "/da/tilgaengelighedserklaering/",
        "/nb/tilgjengelighetserklaering/",
        "/en/accessibility-statement/",
    ]
    assert [url_in(code, "pages:privacy") for code in LANGUAGES] == [
        "/da/privatlivserklaering/",
        "/nb/personvernerklaering/",
        "/en/privacy-statement/",
    ]


def test_the_text_format(accessibility_statement):
    assert blocks(accessibility_statement.body_en) == [
        Block("heading", "Legal basis"),
        Block("paragraph", "The act."),
        Block("list", items=("one", "two")),
        Block("heading", "Feedback and contact"),
        Block("insert", "feedback"),
        Block("insert", "assessment"),
        Block("insert", "official-statements"),
    ]
    assert blocks("[[no-such-part]]\n\n<b>x</b>") == [
        Block("paragraph", "[[no-such-part]]"),
        Block("paragraph", "<b>x</b>"),
    ]


def test_the_facts_come_from_the_settings(client, accessibility_statement, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tilgaengelighed@example.org"
    settings.ACCESSIBILITY_RESPONSE_DAYS = 14
    settings.ACCESSIBILITY_ASSESSED_ON = "2026-11-02"
    settings.WAS_TOOL_STATEMENT_URL = "https://www.was.digst.dk/example"
    settings.UUSTATUS_STATEMENT_URL = "https://uustatus.no/nb/erklaringer/publisert/example"

    response = client.get(url_in("en", "pages:accessibility"))

    assertContains(response, '<a href="mailto:tilgaengelighed@example.org">tilgaengelighed@example.org</a>', html=True)
    assertContains(response, "We answer within 14 days.")
    assertContains(response, "The site was last assessed on 2 November 2026.")
    assertContains(response, 'href="https://www.was.digst.dk/example"')
    assertContains(response, 'href="https://uustatus.no/nb/erklaringer/publisert/example"')
    with translation.override("da"):
        danish = client.get(reverse("pages:accessibility"))
    assertContains(danish, "14 dage")


def test_missing_settings_are_said_to_be_missing_not_guessed(
    client, accessibility_statement, privacy_statement, settings
):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    settings.ACCESSIBILITY_ASSESSED_ON = ""
    settings.WAS_TOOL_STATEMENT_URL = settings.UUSTATUS_STATEMENT_URL = ""
    settings.DATA_CONTROLLER = ""
    settings.SERVER_LOG_RETENTION_DAYS = 0

    accessibility = client.get(url_in("en", "pages:accessibility"))
    privacy = client.get(url_in("en", "pages:privacy"))

    assertContains(accessibility, "has not yet given a contact address")
    assertContains(accessibility, "No date of an assessment has been recorded yet.")
    assertNotContains(accessibility, "mailto:")
    assertContains(privacy, "has not yet named the data controller")
    assertContains(privacy, "has not yet stated how long server logs are kept")


def test_the_privacy_statement_takes_the_controller_and_log_retention_from_the_settings(
    client, privacy_statement, settings
):
    settings.DATA_CONTROLLER = "Example Ministry, Street 1, 1000 City"
    settings.PRIVACY_CONTACT_EMAIL = "privacy@example.org"
    settings.SERVER_LOG_RETENTION_DAYS = 30

    response = client.get(url_in("nb", "pages:privacy"))

    assertContains(response, "Example Ministry, Street 1, 1000 City")
    assertContains(response, "mailto:privacy@example.org")
    assertContains(response, "30 dager")


def test_the_statement_text_is_escaped(client, accessibility_statement):
    accessibility_statement.body_en = "<script>alert(1)</script>"
    accessibility_statement.save()
    response = client.get(url_in("en", "pages:accessibility"))
    assertNotContains(response, "<script>alert(1)")
    assertContains(response, "&lt;script&gt;")


def test_a_draft_statement_is_not_shown_but_staff_preview_it(client, accessibility_statement):
    Statement.objects.filter(pk=accessibility_statement.pk).update(status="draft")
    assert client.get(url_in("en", "pages:accessibility")).status_code == 404

    editor = make_staff("eva", "Editors")
    staff = Client()
    staff.force_login(editor)
    response = staff.get(preview_url(accessibility_statement, "nb"))
    assert response.status_code == 200
    assertContains(response, 'id="preview-banner"')
    assertContains(response, "Tilgjengelighetserklæring")
    assert client.get(preview_url(accessibility_statement, "nb")).status_code == 404


def test_any_other_address_of_a_statement_redirects_to_its_own(client, accessibility_statement):
    with translation.override("en"):
        url = reverse("pages:statement_by_kind", kwargs={"slug": "accessibility"})
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, "/en/accessibility-statement/")
    assert client.get(url.replace("accessibility", "nothing")).status_code == 404


def test_the_sitemap_lists_published_statements_and_the_glossary(client, accessibility_statement, glossary_term):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/da/tilgaengelighedserklaering/" in xml
    assert "http://testserver/en/glossary/" in xml
    assert "/privacy-statement/" not in xml  # None published.


def test_the_admin_lists_and_edits_statements(admin_client, accessibility_statement):
    assert admin_client.get(reverse("admin:pages_statement_changelist")).status_code == 200
    response = admin_client.get(reverse("admin:pages_statement_change", args=[accessibility_statement.pk]))
    assert response.status_code == 200
    assertContains(response, preview_url(accessibility_statement, "da"))
    assert admin_client.get(reverse("admin:pages_statement_add")).status_code == 200


def test_the_assessment_date_must_be_a_date(client, accessibility_statement, settings):
    settings.ACCESSIBILITY_ASSESSED_ON = "last spring"
    from django.core.exceptions import ImproperlyConfigured

    from pages.views import assessed_on

    with pytest.raises(ImproperlyConfigured):
        assessed_on()
    settings.ACCESSIBILITY_ASSESSED_ON = "2026-01-31"
    assert assessed_on() == datetime.date(2026, 1, 31)
