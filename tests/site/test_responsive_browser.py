"""With the site's real content, in Debian's headless Chromium at 320, 375 and 1280 px in every language: no table
content is cut off (each cell's text is inside the viewport or inside a named, focusable region that scrolls), the
page does not scroll sideways, the HTML has no duplicate or dangling ids, and axe-core finds no WCAG 2.1 A/AA
violation (at 320 and 1280 px); the header is compact and the list filters fold behind their <details> on a phone
(open on wide screens, without JavaScript); the language switcher keeps a list's filters."""

import pytest
from django.utils import translation

from coalition.models import Country
from tests.browser import axe_violations, browser_runner, narrowed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["da", "nb", "en"]
WIDTHS = [320, 375, 1280]
# axe-core at the narrowest and the widest: the stylesheet has one breakpoint (40rem), so 375 px is laid out by
# the same rules as 320 px; its cells and overflow are still checked.
AXE_WIDTHS = {320, 1280}

# Every table cell that is shown: [text, why it is cut off] for those whose text is neither inside the viewport nor
# inside a scrolling region that is named and focusable (so that keyboard users can scroll it), or that overflows
# its own cell. Cells of visually hidden header rows (the stacked tables' thead) are skipped.
CLIPPED_CELLS = """() => {
  const width = document.documentElement.clientWidth;
  const hidden = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return true;
      if (style.clip === "rect(0px, 0px, 0px, 0px)") return true;
    }
    return false;
  };
  const scrollRegion = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === "auto" || style.overflowX === "scroll") {
        const named = node.getAttribute("aria-label") || node.getAttribute("aria-labelledby");
        return node.tabIndex >= 0 && node.getAttribute("role") === "region" && named ? node : null;
      }
    }
    return null;
  };
  const clipped = [];
  for (const cell of document.querySelectorAll("table th, table td")) {
    const box = cell.getBoundingClientRect();
    if (!box.width || !box.height || hidden(cell)) continue;
    const text = cell.textContent.trim().replace(/\\s+/g, " ").slice(0, 50);
    if (cell.scrollWidth > cell.clientWidth + 1) clipped.push([text, "overflows its cell"]);
    if (box.left >= -0.5 && box.right <= width + 0.5) continue;
    if (!scrollRegion(cell)) clipped.push([text, `outside the viewport (${Math.round(box.right)} > ${width})`]);
  }
  return clipped;
}"""

BAD_IDS = """() => {
  const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  const references = (element) =>
    ["aria-labelledby", "aria-describedby"].map((name) => element.getAttribute(name) || "").join(" ").split(/\\s+/);
  const dangling = [...document.querySelectorAll("[aria-labelledby], [aria-describedby]")]
    .flatMap(references)
    .filter((id) => id && !document.getElementById(id));
  return {duplicates, dangling};
}"""


def pages(language):
    denmark = Country.objects.get(code="DK")
    with translation.override(language):
        from django.urls import reverse

        return [
            reverse("discovery:comparison"),
            reverse("discovery:open_data"),
            denmark.get_absolute_url(),
            reverse("contributions:contribution_list") + "?country=DK",
            reverse("contributions:mandate_list") + "?country=NO&year=2014",
        ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_at_phone_and_desktop_widths(chromium, content, live_server, language):
    Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe
    urls = pages(language)
    run = browser_runner(chromium, live_server.url, viewport={"width": 1280, "height": 900})

    def visit(page):
        axe, report = Axe(), {}
        for url in urls:
            # The wide layout is checked as it loads, with the filters' <details> still closed.
            for width in narrowed(page, url, [WIDTHS[-1], *WIDTHS[:-1]]):
                for summary in page.locator("details:not([open]) > summary").all():
                    if summary.is_visible():
                        summary.click()  # Open the timeline's table and the folded filters: check them too.
                report[url, width] = {
                    "clipped": page.evaluate(CLIPPED_CELLS),
                    "overflow": page.evaluate("document.documentElement.scrollWidth"),
                    "violations": axe_violations(axe, page) if width in AXE_WIDTHS else "",
                    "ids": page.evaluate(BAD_IDS),
                    "lang": page.locator("html").get_attribute("lang"),
                }
        return report

    report = run(visit)

    for (url, width), seen in report.items():
        where = f"{url} at {width} px"
        assert seen["clipped"] == [], f"{where}: {seen['clipped']}"
        assert seen["overflow"] <= width, f"{where} scrolls sideways ({seen['overflow']} px)"
        assert seen["violations"] == "", f"{where}\n{seen['violations']}"
        assert seen["ids"] == {"duplicates": [], "dangling": []}, where
        assert seen["lang"] == language


def test_phone_header_is_compact_and_filters_fold(chromium, content, live_server):
    url = pages("da")[3]
    run = browser_runner(chromium, live_server.url, java_script_enabled=False)

    def visit(page):
        seen = {}
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(url)
            seen[width] = {
                "header": page.locator(".site-header").bounding_box()["height"],
                "form": page.locator("form.filters").is_visible(),
                "summary": page.locator(".filters-toggle > summary").is_visible(),
                "results": page.locator("#results-heading").bounding_box()["y"],
            }
        page.set_viewport_size({"width": 375, "height": 800})
        page.locator(".filters-toggle > summary").click()
        seen["opened"] = page.locator("form.filters").is_visible()
        return seen

    seen = run(visit)

    for width in (320, 375):
        assert seen[width]["header"] <= 160, seen[width]
        assert not seen[width]["form"] and seen[width]["summary"]  # Folded, one tap away.
        assert seen[width]["results"] < 800, seen[width]  # The results start on the first screen.
    assert seen["opened"]
    assert seen[1280]["form"] and not seen[1280]["summary"]  # Open on a wide screen, without JavaScript.


def test_language_switcher_keeps_the_filters(chromium, content, live_server):
    with translation.override("en"):
        from django.urls import reverse

        url = reverse("contributions:contribution_list") + "?country=DK&kind=transport-aircraft"
    run = browser_runner(chromium, live_server.url, viewport={"width": 375, "height": 800})

    def visit(page):
        page.goto(url)
        before = page.locator("#results-heading + p[role=status]").inner_text()
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Norsk bokmål").click()
        page.wait_for_load_state("load")
        return {
            "before": before,
            "after": page.locator("#results-heading + p[role=status]").inner_text(),
            "url": page.url,
            "country": page.locator("select[name=country]").input_value(),
        }

    seen = run(visit)

    assert seen["url"].endswith("?country=DK&kind=transport-aircraft"), seen["url"]
    assert seen["country"] == "DK"
    count = int("".join(character for character in seen["before"] if character.isdigit()))
    assert count > 0
    assert int("".join(character for character in seen["after"] if character.isdigit())) == count
