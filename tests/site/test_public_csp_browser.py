"""What the browser tours' Content-Security-Policy check reports."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_page_that_breaks_the_policy_is_reported(csp_page, denmark):
    """The browser tours' policy check (tests/helpers.py: the recorder and SETTLED_CSP_VIOLATIONS; the public
    pages' tour is tests/site/test_accessibility_browser.py) can fail: a page served with the site's policy and an
    inline script, an inline style and an image from elsewhere is reported three times, with no wait for the
    network to be idle."""
    page = csp_page.page
    policy = page.goto(reverse("website:home")).headers["content-security-policy"]
    body = (
        '<!DOCTYPE html><title>x</title><p style="color: red">x</p><script>1</script><img src="http://192.0.2.1/x.png">'
    )
    page.route(
        "**/breaks-the-policy/",
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/html", "Content-Security-Policy": policy}, body=body
        ),
    )
    page.goto("/breaks-the-policy/")

    violations = " ".join(csp_page.violations())
    assert "script-src" in violations
    assert "style-src" in violations
    assert "img-src" in violations
