"""The timeline of the real content in Debian's headless Chromium at 320, 375 and 1280 px: on a wide screen no
bar or marker covers a row label and no two labels overlap; on a narrow one the chart gives way to a list of every
entry with its dates, inside the viewport, one item below the other."""

import pytest
from django.utils import translation

from coalition.models import Country
from tests.browser import browser_runner, narrowed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["da", "nb", "en"]

MEASURE = """
() => {
  const boxes = selector => [...document.querySelectorAll(selector)]
    .map(element => element.getBoundingClientRect())
    .filter(box => box.width > 0 && box.height > 0);
  const overlap = (a, b) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const labels = boxes('.timeline__chart .timeline__label');
  const marks = boxes('.timeline__chart .timeline__bar, .timeline__chart .timeline__marker');
  const items = boxes('.timeline__list > li');
  const width = document.documentElement.clientWidth;
  return {
    labels: labels.length,
    covered: labels.filter(label => marks.some(mark => overlap(label, mark))).length,
    overlapping: labels.filter((label, i) => labels.some((other, j) => i !== j && overlap(label, other))).length,
    items: items.length,
    itemsOutside: items.filter(item => item.left < 0 || item.right > width).length,
    itemsOverlapping: items.filter((item, i) => items.some((other, j) => i !== j && overlap(item, other))).length,
    rows: document.querySelectorAll('#timeline-table tbody tr').length,
    chartShown: boxes('.timeline__chart').length > 0,
  };
}
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_labels_never_covered_and_a_list_on_a_phone(chromium, live_server, content, language):
    with translation.override(language):
        urls = [f"/{language}/", Country.objects.get(code="DK").get_absolute_url()]
    run = browser_runner(chromium, live_server.url)

    def visit(page):
        seen = {}
        for url in urls:
            for width in narrowed(page, url, (1280, 375, 320), height=900):
                seen[width, url] = page.evaluate(MEASURE)
        return seen

    report = run(visit)

    for (width, url), seen in report.items():
        assert seen["rows"] > 0, (width, url)
        if width == 1280:
            assert seen["chartShown"] and seen["labels"] > 0, (width, url, seen)
            assert seen["covered"] == 0, (width, url, seen)
            assert seen["overlapping"] == 0, (width, url, seen)
            assert seen["items"] == 0, (width, url, seen)
        else:
            assert not seen["chartShown"], (width, url, seen)
            assert seen["items"] == seen["rows"], (width, url, seen)
            assert seen["itemsOutside"] == 0, (width, url, seen)
            assert seen["itemsOverlapping"] == 0, (width, url, seen)
