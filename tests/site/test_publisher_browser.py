"""In Debian's headless Chromium at 320, 375 and 1280 px: every content page shows its publisher, "Published" and
"Last updated" where a visitor sees them, and every figure on the page has a visible link to its source."""

import pytest
from django.test import override_settings

from contributions.models import Contribution
from programmes.models import Programme
from tests.browser import browser_runner, narrowed
from tests.factories import SourceFactory
from tests.helpers import LANGUAGES, url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 375, 1280]

# For each figure block on the page: does it hold a visible link inside its list of sources?
FIGURES_WITHOUT_SOURCE = """
() => [...document.querySelectorAll('.key-figure, .figure, .budget')]
  .filter(figure => ![...figure.querySelectorAll('.sources a[href]')].some(link => link.getClientRects().length))
  .map(figure => figure.textContent.trim().slice(0, 80))
"""
# The publisher line and the two dates, each drawn inside the viewport's width.
DATES_SHOWN = """
() => {
  const visible = element => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= document.documentElement.clientWidth;
  };
  const block = document.querySelector('main .page-dates');
  const from = block && block.querySelector('.page-dates__from');
  return {
    from: visible(from) ? from.innerText : '',
    dates: block ? [...block.querySelectorAll('dt')].filter(visible).map(term => term.innerText) : [],
    log: visible(block && block.querySelector('.page-dates__log a')),
  };
}
"""


@override_settings(PUBLISHER_NAME="Example Research Centre", PUBLISHER_EMAIL="editors@isil.example.org")
@pytest.mark.parametrize("language", LANGUAGES)
def test_publisher_dates_and_figure_sources_at_every_width(chromium, live_server, site, language):
    # The scenario's figures without a source get one, as every figure of the real content has
    # (tests/site/test_figure_sources.py).
    for model in (Contribution, Programme):
        for obj in model.objects.filter(sources=None):
            obj.sources.add(SourceFactory())
    urls = [
        url_in(language, obj)
        for obj in (site.mission, site.denmark, site.dk_mandate, site.no_contribution, site.programme)
    ]
    run = browser_runner(chromium, live_server.url)

    def visit(page):
        report = {}
        for url in urls:
            for width in narrowed(page, url, WIDTHS[::-1]):
                report[width, url] = {
                    "shown": page.evaluate(DATES_SHOWN),
                    "unsourced": page.evaluate(FIGURES_WITHOUT_SOURCE),
                    "figures": page.locator(".key-figure, .figure, .budget").count(),
                    "footer": page.locator("footer .publisher").inner_text(),
                }
        return report

    report = run(visit)

    figures = 0
    for (width, url), seen in report.items():
        assert "Example Research Centre" in seen["shown"]["from"], (width, url)
        assert len(seen["shown"]["dates"]) == 2, (width, url, seen["shown"])
        assert seen["shown"]["log"], (width, url)
        assert "editors@isil.example.org" in seen["footer"], (width, url)
        assert seen["unsourced"] == [], (width, url)
        figures += seen["figures"]
    assert figures > 0
