"""In Debian's headless Chromium: every public page type in each language, with its timeline's table and any other
folded part opened, has no axe-core violation of any rule axe runs by default (the WCAG 2.0/2.1 A and AA rules and
axe's best practices), has one <h1>, reflows at 320 px without sideways scrolling, makes no request outside the
site, is served with the site's Content-Security-Policy and breaks none of it (no script, style, image or font that
the policy blocks). Search is visited with results, without, with no query and with one too long."""

import pytest

from tests.browser import axe_violations, browser_runner
from tests.factories import GlossaryTermFactory, StatementFactory
from tests.helpers import LANGUAGES, RECORD_CSP_VIOLATIONS, SETTLED_CSP_VIOLATIONS, list_pages, url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browse(chromium, live_server):
    """Runs `visit(page)` in headless Chromium against the live server and returns its result. Skipped where
    Chromium is missing, unless REQUIRE_BROWSER is set (as in CI)."""
    Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe
    run = browser_runner(chromium, live_server.url, viewport={"width": 1280, "height": 900})
    return lambda visit: run(lambda page: visit(page, Axe()))


def page_urls(site, language):
    """Every list page (the content registry's, tests/helpers.py), search with and without results and with a
    query too long, one page of every other type, a filtered list, one with a form error and the 404 page."""
    StatementFactory(kind="accessibility")
    StatementFactory(kind="privacy")
    GlossaryTermFactory(key="nmi", variants_en="NMI")
    return [
        *(url_in(language, name) for name in [*list_pages(), "discovery:search"]),
        url_in(language, "discovery:search") + "?q=NATO",
        url_in(language, "discovery:search") + "?q=xylofon",
        url_in(language, "discovery:search") + "?q=" + "x" * 201,
        url_in(language, "pages:accessibility"),
        url_in(language, "pages:privacy"),
        *(url_in(language, obj) for obj in (site.mission, site.norway, site.dk_mandate, site.no_contribution)),
        url_in(language, site.programme),
        url_in(language, "contributions:contribution_list") + "?country=NO",
        url_in(language, "contributions:contribution_list") + "?country=DK&year=1066",
        url_in(language, "coalition:mission_detail", slug="no-such-mission"),
        url_in(language, "editorial:change_log", kind="mission", key=site.mission.key),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_in_a_browser(browse, live_server, site, language):
    urls = page_urls(site, language)

    def visit(page, axe):
        page.context.add_init_script(RECORD_CSP_VIOLATIONS)
        requests, console = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(message.text))
        report = {}
        for url in urls:
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(url)
            # Open the timeline's table and every other <details> shown, so that axe checks what is inside too
            # (the list filters' summary shows only on narrow screens).
            for summary in page.locator("details > summary").all():
                if summary.is_visible():
                    summary.click()
            violations = axe_violations(axe, page, options=None)
            page.set_viewport_size({"width": 320, "height": 640})
            report[url] = {
                "status": response.status,
                "policy": response.headers.get("content-security-policy", ""),
                "policy violations": page.evaluate(SETTLED_CSP_VIOLATIONS),
                "lang": page.locator("html").get_attribute("lang"),
                "h1": page.locator("h1").count(),
                "violations": violations,
                "overflow": page.evaluate("document.documentElement.scrollWidth"),
            }
        report["requests"] = requests
        report["console"] = console
        return report

    report = browse(visit)

    for url in urls:
        seen = report[url]
        assert seen["status"] == (404 if "no-such-mission" in url else 200), url
        assert seen["lang"] == language, url
        assert seen["h1"] == 1, url
        assert "script-src 'self'" in seen["policy"], url
        assert seen["policy violations"] == [], url
        assert seen["violations"] == "", f"{url}\n{seen['violations']}"
        assert seen["overflow"] <= 320, f"{url} scrolls sideways at 320 px ({seen['overflow']} px)"
    assert all(request.startswith(live_server.url) for request in report["requests"]), report["requests"]
    assert not [line for line in report["console"] if "Content Security Policy" in line]
