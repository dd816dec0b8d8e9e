"""Debian's headless Chromium for the browser tests, driven by Playwright; never a downloaded browser."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def require_chromium():
    """Skip where Chromium is missing, unless REQUIRE_BROWSER is set (as in CI), where that is a failure."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER is set.")
        pytest.skip(f"{CHROMIUM} is not installed.")


def browser_runner(browser, base_url, **context_options):
    """A function that runs `scenario(page)` in a new context of `browser` (the session's Chromium, the `chromium`
    fixture of tests/conftest.py: cookies, storage and settings of its own) against `base_url`, and returns its
    result."""

    def run(scenario):
        context = browser.new_context(base_url=base_url, **context_options)
        context.set_default_timeout(15_000)
        try:
            return scenario(context.new_page())
        finally:
            context.close()

    return run


def narrowed(page, url, widths, height=800):
    """Loads `url` at the first of `widths` and yields each width in turn with the page narrowed to it. The site's
    script does not depend on the width, so a loaded page narrowed is laid out as one loaded at that width. The
    tours give the widest first, so that the wide layout is the one checked as it loads."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        if width == widths[0]:
            page.goto(url)
        yield width


# axe-core's WCAG 2.0 and 2.1 A and AA rules. "resultTypes" has axe detail only the violations: every rule is still
# evaluated, but passes and inapplicable rules are not given a selector for each element they looked at, which is
# most of axe's time on a long page (axe-core's documented option for speed).
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VIOLATIONS_ONLY = {"resultTypes": ["violations"]}


def axe_violations(axe, page, options=WCAG_AA):
    """axe-core's report of the page's violations of `options`' rules (axe's defaults with None), or ""."""
    results = axe.run(page, options={**(options or {}), **VIOLATIONS_ONLY})
    return results.generate_report() if results.violations_count else ""
