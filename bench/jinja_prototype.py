"""A measurement, not part of the site: what Jinja2 would give on one page type, the contribution list.

The public templates are Django templates. On the list, most of the time goes to rendering its 20 contribution cards
(templates/contributions/includes/_contribution_cards.html). This script renders those cards twice from the same
rows, once with that Django template and once with a Jinja2 copy of it (bench/jinja2/contribution_cards.html, the
same markup written out from the same values, those of the `contribution_cards` template tag, with Django's
translations), checks that both give the same HTML (whitespace aside), and times both, the whole page and
/robots.txt, interleaved. From these it estimates the page's time with Jinja2 cards: the page's median less the
Django cards' plus the Jinja2 cards'.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=… PAGE_CACHE_SECONDS=0 python -m bench.jinja_prototype

It prints one JSON line with the medians in milliseconds.
"""

import argparse
import json
import re
import statistics
import time
from pathlib import Path


def jinja_environment():
    from django.utils.translation import gettext, ngettext
    from jinja2 import Environment, FileSystemLoader

    from website.templatetags.public import contribution_cards

    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "jinja2"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    environment.install_gettext_callables(gettext, ngettext, newstyle=True)
    environment.globals.update(contribution_cards=contribution_cards)
    return environment


def squeeze(html):
    """The HTML with runs of white space as one and the two spellings of an escaped apostrophe as one (Django
    writes &#x27;, MarkupSafe &#39;): what a browser reads the same."""
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").replace("&#x27;", "&#39;").strip()


def timed(function, times):
    started = time.perf_counter()
    result = function()
    times.append(time.perf_counter() - started)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--language", default="da")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.template.loader import get_template
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from contributions.views import ContributionListView

    assert settings.PAGE_CACHE_SECONDS == 0, "measured without the page cache"
    translation.activate(args.language)
    page = reverse("contributions:contribution_list")
    view = ContributionListView(paginate_by=ContributionListView.paginate_by)
    django_cards = get_template("contributions/includes/_contribution_cards.html")
    jinja_cards = jinja_environment().get_template("contribution_cards.html")
    context = {"heading_level": 3, "show_country": True, "show_mission": True}

    def rows():
        return view.get_queryset()[: view.paginate_by].card_rows()  # As the list reads them.

    def render_django():
        return django_cards.render({**context, "contributions": rows()})

    def render_jinja():
        return jinja_cards.render(**context, contributions=rows())

    def read_only():
        return rows()

    client = Client(HTTP_HOST="127.0.0.1")
    same = squeeze(render_django()) == squeeze(render_jinja())
    times = {"robots.txt": [], "page": [], "rows": [], "django cards": [], "jinja2 cards": []}
    for _round in range(args.rounds):
        timed(lambda: client.get("/robots.txt", secure=True), times["robots.txt"])
        timed(lambda: client.get(page, secure=True), times["page"])
        translation.activate(args.language)  # The client's request leaves its language active; the cards use ours.
        timed(read_only, times["rows"])
        timed(render_django, times["django cards"])
        timed(render_jinja, times["jinja2 cards"])
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    cards_django = medians["django cards"] - medians["rows"]
    cards_jinja = medians["jinja2 cards"] - medians["rows"]
    estimate = medians["page"] - cards_django + cards_jinja
    floor = medians["robots.txt"]
    print(
        json.dumps(
            {
                "same_html": same,
                "rounds": args.rounds,
                "median_ms": {name: round(value, 2) for name, value in medians.items()},
                "cards_template_ms": {"django": round(cards_django, 2), "jinja2": round(cards_jinja, 2)},
                "page_ratio": round(medians["page"] / floor, 1),
                "page_with_jinja2_cards_ms": round(estimate, 2),
                "page_with_jinja2_cards_ratio": round(estimate / floor, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
