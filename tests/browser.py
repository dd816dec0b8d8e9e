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
