"""Denmark's country page, with the site's real content, printed by Chromium to PDF (A4): at most four pages, a
header with the page's address, the day it was generated and its citation, the timeline as its table only, and no
text shortened with "…"."""

import re

import pytest
from django.utils import formats, timezone, translation

from coalition.models import Country
from contributions.models import Mandate
from tests.browser import browser_runner

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["da", "nb", "en"]
MAX_PAGES = 4


def pdf_pages(pdf):
    """The number of pages of a PDF file: its /Type /Page objects (not the /Pages tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_pdf_page_counter_counts_pages_not_the_page_tree():
    pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>"
    assert pdf_pages(pdf) == 2


@pytest.mark.browser
def test_denmark_prints_as_a_fact_sheet(chromium, content, live_server):
    denmark = Country.objects.get(code="DK")
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls[language] = denmark.get_absolute_url()
    run = browser_runner(chromium, live_server.url, viewport={"width": 1280, "height": 900})

    def visit(page):
        seen = {}
        for language, url in urls.items():
            page.goto(url)
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4")
            header = page.locator(".print-header")
            seen[language] = {
                "pages": pdf_pages(pdf),
                "header": header.inner_text() if header.is_visible() else None,
                "header_above_title": header.bounding_box()["y"] < page.locator("h1").bounding_box()["y"],
                "chart_shown": page.locator("svg.timeline__chart").is_visible(),
                "table_shown": page.locator("#timeline-table").is_visible(),
                "cite_block_shown": page.locator(".cite").is_visible(),
                "citation": page.locator("#cite-text").text_content(),
                "text": page.locator("main").inner_text(),
                "addresses": page.locator(".sources__address").evaluate_all(
                    "nodes => nodes.filter(n => n.offsetParent).map(n => n.innerHTML)"
                ),
            }
        return seen

    seen = run(visit)

    for language, url in urls.items():
        printed = seen[language]
        assert 1 <= printed["pages"] <= MAX_PAGES, f"{language}: {printed['pages']} pages"
        with translation.override(language):
            today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        header = " ".join(printed["header"].split())
        assert f"{live_server.url}{url}" in header
        assert today in header
        citation = " ".join(printed["citation"].split())
        assert getattr(denmark, f"name_{language}") in citation and f"{live_server.url}{url}" in citation
        assert citation in header  # The page's citation, as "Cite this page" gives it on screen.
        assert printed["header_above_title"]
        assert not printed["chart_shown"] and printed["table_shown"]
        assert not printed["cite_block_shown"]  # Its citation is in the header.
        assert "…" not in printed["text"], language  # Card summaries print whole.
        # A printed source address wraps after slashes (not anywhere inside a word). The country page's sources are
        # the cards' short lists (document titles), which print no address; pages with a full list print them.
        assert all("/<wbr>" in address for address in printed["addresses"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_full_source_list_carries_each_address_with_wrapping_points_for_print(content, client, language):
    mandate = Mandate.objects.get(key="dk-b-123-2014")
    with translation.override(language):
        html = client.get(mandate.get_absolute_url()).content.decode()
    addresses = re.findall(r'<span class="sources__address">(.*?)</span>', html)
    assert addresses and len(addresses) == mandate.sources.count()
    assert all("/<wbr>" in address for address in addresses)
