"""In Chromium: search, the timeline's table and the citation work without JavaScript; the timeline prints as its
table; the citation is copied with its button. (Axe-core and the Content-Security-Policy on these pages, with their
folded parts opened, are checked by the tour of every page, tests/site/test_accessibility_browser.py.)"""

import pytest
from django.utils import translation

from tests.discovery.conftest import url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def object_url(language, obj):
    with translation.override(language):
        return obj.get_absolute_url()


def test_search_from_the_header_works_without_javascript(no_script_page, scene):
    no_script_page.goto(url_in("en", "website:home"))

    no_script_page.get_by_role("searchbox", name="Search missions, mandates, contributions and programmes").fill(
        "Anbar"
    )
    no_script_page.get_by_role("search").get_by_role("button", name="Search").click()
    no_script_page.wait_for_load_state("load")

    assert no_script_page.url.endswith(url_in("en", "discovery:search") + "?q=Anbar")
    link = no_script_page.locator(".search-result__title a")
    assert link.count() == 1
    assert link.first.get_attribute("href") == object_url("en", scene.no_contribution)


def test_timeline_table_opens_without_javascript(no_script_page, scene):
    no_script_page.goto(object_url("en", scene.norway))

    table = no_script_page.locator("#timeline-table")
    assert not table.is_visible()
    no_script_page.get_by_text("The timeline as a table").click()
    assert table.is_visible()
    assert no_script_page.locator("svg.timeline__chart").is_visible()


def test_the_timeline_prints_as_its_table_only(browser_page, scene):
    browser_page.goto(object_url("en", scene.oir))
    browser_page.emulate_media(media="print")

    assert not browser_page.locator("svg.timeline__chart").is_visible()
    assert not browser_page.locator(".site-search").is_visible()
    table = browser_page.locator("#timeline-table")
    assert table.is_visible()  # Though its <details> is closed.
    box = table.bounding_box()
    page_width = browser_page.evaluate("document.documentElement.clientWidth")
    assert box["width"] <= page_width  # Printed whole, not cut off by the scrolling box.


def test_cite_this_page_copies_the_citation(browser_page, scene):
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.goto(object_url("en", scene.denmark))

    browser_page.get_by_role("button", name="Copy citation").click()

    status = browser_page.get_by_role("status").filter(has_text="Citation copied.")
    status.wait_for(state="visible")  # The copy is asynchronous: its message may come a moment after the click.
    assert status.is_visible()
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    shown = " ".join(browser_page.locator("#cite-text").inner_text().split())
    assert copied == shown
    assert copied.startswith("“Denmark”. Denmark and Norway against ISIL. http")


def test_without_javascript_the_citation_is_text_without_a_button(no_script_page, scene):
    no_script_page.goto(object_url("en", scene.denmark))

    assert no_script_page.locator("#cite-text").is_visible()
    assert not no_script_page.get_by_role("button", name="Copy citation").is_visible()
