"""In Chromium: the pages with search, downloads, timelines, the comparison and citations have no axe-core
accessibility violations and no Content-Security-Policy violations, and the search works without JavaScript."""

import pytest
from django.utils import translation

from tests.browser import axe_violations
from tests.discovery.conftest import url_in
from tests.helpers import SETTLED_CSP_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def object_url(language, obj):
    with translation.override(language):
        return obj.get_absolute_url()


PAGES = [
    ("home", lambda scene: url_in("en", "website:home")),
    ("country", lambda scene: object_url("da", scene.denmark)),
    ("mission", lambda scene: object_url("nb", scene.oir)),
    ("mandate", lambda scene: object_url("en", scene.no_mandate)),
    ("contribution", lambda scene: object_url("da", scene.no_contribution)),
    ("contribution list", lambda scene: url_in("en", "contributions:contribution_list") + "?country=NO"),
    ("mandate list", lambda scene: url_in("nb", "contributions:mandate_list")),
    ("search results", lambda scene: url_in("en", "discovery:search") + "?q=Anbar"),
    ("search, no results", lambda scene: url_in("da", "discovery:search") + "?q=xylofon"),
    ("search, empty", lambda scene: url_in("nb", "discovery:search")),
    ("search, too long", lambda scene: url_in("en", "discovery:search") + "?q=" + "x" * 201),
    ("open data", lambda scene: url_in("en", "discovery:open_data")),
    ("comparison", lambda scene: url_in("da", "discovery:comparison")),
]


def test_pages_have_no_accessibility_or_policy_violations(browser_page, scene):
    """One tour of the pages (the scene is built once for all of them); every page's problems are reported."""
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), {}
    for name, url in PAGES:
        response = browser_page.goto(url(scene))
        browser_page.wait_for_load_state("load")
        # Open the timeline's table, so that axe checks it too (the list filters' summary shows only on narrow
        # screens).
        for summary in browser_page.locator("details > summary").all():
            if summary.is_visible():
                summary.click()
        seen = {
            "status": response.status,
            "axe": axe_violations(axe, browser_page, options=None),
            "csp": browser_page.evaluate(SETTLED_CSP_VIOLATIONS),
            "h1": browser_page.locator("h1").count(),
        }
        if seen != {"status": 200, "axe": "", "csp": [], "h1": 1}:
            problems[name] = seen

    assert problems == {}


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
