"""The glossary page, and links from a page's text to it: the first occurrence on the page of each term."""

import pytest
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from pages.models import GlossaryTerm
from tests.factories import GlossaryTermFactory, MissionFactory
from tests.helpers import LANGUAGES, parse, url_in


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_lists_published_terms_with_sources(client, glossary_term, language):
    GlossaryTermFactory(
        key="draft-term", status="draft", term_en="A draft term", term_da="Et udkast", term_nb="Et utkast"
    )

    response = client.get(url_in(language, "pages:glossary"))

    assert response.status_code == 200
    parsed = parse(response)
    assert parsed.html_lang == language and parsed.h1_count == 1
    term = getattr(glossary_term, f"term_{language}")
    assertContains(response, f'<dt id="nmi"><dfn>{term}</dfn></dt>', html=True)
    assertContains(response, getattr(glossary_term, f"definition_{language}"))
    assertContains(response, f'href="{glossary_term.sources.get().url}"')  # The term's source.
    assertNotContains(response, "draft-term")


def test_the_glossary_is_alphabetical_in_each_language(client, db):
    GlossaryTermFactory(key="b", term_en="Beta", term_da="Alfa", term_nb="Alfa")
    GlossaryTermFactory(key="a", term_en="Alpha", term_da="Beta", term_nb="Beta")
    english = client.get(url_in("en", "pages:glossary")).content.decode()
    danish = client.get(url_in("da", "pages:glossary")).content.decode()
    assert english.index('id="a"') < english.index('id="b"')
    assert danish.index('id="b"') < danish.index('id="a"')


def test_the_first_use_of_a_term_on_a_page_links_to_its_entry(client, glossary_term):
    mission = MissionFactory(
        summary_en="NATO Mission Iraq advises. NMI trains.",
        body_en="The NMI is a mission; nmi in lower case is no acronym.",
    )
    html = client.get(url_in("en", mission)).content.decode()

    link = '<a class="glossary-link" href="/en/glossary/#nmi">NATO Mission Iraq</a>'
    assert html.count('class="glossary-link"') == 1  # Only the first use of the term on the page.
    assert link in html
    assert "<h1>" in html and 'glossary-link" href="/en/glossary/#nmi">NATO Mission Iraq</a></h1>' not in html


def test_acronyms_match_only_in_capitals_and_other_forms_in_any_case(client, glossary_term):
    GlossaryTerm.objects.filter(pk=glossary_term.pk).update(variants_en="NMI, the advisory mission")
    mission = MissionFactory(summary_en="Words about nmi.", body_en="It was The Advisory Mission.")
    html = client.get(url_in("en", mission)).content.decode()
    assert '<a class="glossary-link" href="/en/glossary/#nmi">The Advisory Mission</a>' in html
    assert ">nmi<" not in html


def test_terms_are_linked_in_the_page_language(client, glossary_term):
    mission = MissionFactory(summary_da="NATO's Mission i Irak (NMI) rådgiver.", summary_en="No term here.")
    with translation.override("da"):
        html = client.get(mission.get_absolute_url()).content.decode()
    assert '<a class="glossary-link" href="/da/ordliste/#nmi">NATO&#x27;s Mission i Irak (NMI)</a>' in html
