"""In-process rendering times: every public page type through the full middleware stack with Django's test client,
production settings (bench.settings), no page cache (PAGE_CACHE_SECONDS=0), no server and no network. The median
time of each page is compared with the median of /robots.txt in the same run, so the figures are ratios that a
busy, shared machine disturbs less than absolute times.

Run by `make bench` (bench/run.py) in a child process, once per database (the real fixtures, the synthetic data):

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=… PAGE_CACHE_SECONDS=0 python -m bench.inprocess --rounds 15

It prints one JSON line: {"pages": [{"name", "path", "median_ms", "ratio", "status"}, …]}.

With `--after-change`, each page row also gets the first request after a content change, with the page cache on
(`first_after_change_ms`, and `after_change_ratio`: that time as a multiple of the page's uncached median; the
target is at most 2) and the request after it, served from the page cache (`cached_ms`). The change is a saved
contribution, committed, as the admin saves it: the page cache is emptied and the first request renders the page
and stores it.
"""

import argparse
import json
import statistics
import time

HOST = "127.0.0.1"


def busiest_objects():
    """The contributing country, the mission and the mandate with the most published contributions: the heaviest
    detail pages of their kinds."""
    from django.db.models import Count, Q

    from coalition.models import Country, Mission
    from contributions.models import Contribution, Mandate

    public = Q(contributions__in=Contribution.objects.published())

    def busiest(queryset):
        return queryset.published().annotate(n=Count("contributions", filter=public)).order_by("-n", "pk").first()

    return busiest(Country.objects.filter(is_contributor=True)), busiest(Mission.objects), busiest(Mandate.objects)


def page_paths(language):
    """(name, path) of each public page type, the busiest detail pages chosen from the data."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.http import urlencode

    from programmes.models import Programme

    translation.activate(language)
    country, mission, mandate = busiest_objects()
    programme = Programme.objects.published().order_by("pk").first()
    pages = [
        ("robots.txt", "/robots.txt"),
        ("404 page", f"/{language}/no-such-page/"),
        ("home", reverse("website:home")),
        ("missions", reverse("coalition:mission_list")),
        ("countries", reverse("website:country_list")),
        ("contributions", reverse("contributions:contribution_list")),
        ("mandates", reverse("contributions:mandate_list")),
        ("programmes", reverse("programmes:programme_list")),
        ("country (busiest)", country.get_absolute_url()),
        ("mission (busiest)", mission.get_absolute_url()),
        ("mandate (busiest)", mandate.get_absolute_url()),
        ("search", f"{reverse('discovery:search')}?{urlencode({'q': 'radar'})}"),
        ("comparison", reverse("discovery:comparison")),
        ("open data", reverse("discovery:open_data")),
        ("contributions CSV", reverse("discovery:contributions_csv") + f"?country={country.code}"),
        ("contributions JSON", reverse("discovery:contributions_json") + f"?country={country.code}"),
        ("contributions XLSX", reverse("discovery:contributions_xlsx") + f"?country={country.code}"),
    ]
    if programme is not None:
        pages.insert(11, ("programme", programme.get_absolute_url()))
    return pages


def fetched(client, path):
    """The response to a GET of `path`, read to its end and closed, as a server would. A streamed export left unread
    keeps its server-side cursor open until the garbage collector frees it, which may happen while the same
    connection runs another query: psycopg then waits for its own lock, for ever."""
    response = client.get(path, secure=True)
    if response.streaming:
        b"".join(response.streaming_content)
    response.close()
    return response


def measure(pages, rounds):
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    times = {name: [] for name, _path in pages}
    statuses = {}
    for name, path in pages:  # Warm-up: templates compiled, connections open.
        statuses[name] = fetched(client, path).status_code
    for _round in range(rounds):  # Interleaved, so a busy moment of the machine hits every page alike.
        for name, path in pages:
            started = time.perf_counter()
            fetched(client, path)
            times[name].append(time.perf_counter() - started)
    floor = statistics.median(times["robots.txt"])
    return [
        {
            "name": name,
            "path": path,
            "status": statuses[name],
            "median_ms": round(statistics.median(times[name]) * 1000, 2),
            "ratio": round(statistics.median(times[name]) / floor, 1),
        }
        for name, path in pages
    ]


def measure_after_change(pages, rounds, uncached):
    """Per page, the first request after a content change commits and the next one, with the page cache on
    (PAGE_CACHE_SECONDS=600 for these requests only): the medians over `rounds` changes."""
    from django.db import transaction
    from django.test import Client, override_settings

    from contributions.models import Contribution

    changed = Contribution.objects.published().order_by("pk").first()
    client = Client(HTTP_HOST=HOST)
    first = {name: [] for name, _path in pages}
    cached = {name: [] for name, _path in pages}

    def get(path):
        started = time.perf_counter()
        fetched(client, path)
        return time.perf_counter() - started

    with override_settings(PAGE_CACHE_SECONDS=600):
        for _round in range(rounds):
            for name, path in pages:
                with transaction.atomic():
                    changed.save()  # As the admin saves it: the page cache is emptied when this commits.
                first[name].append(get(path))
                cached[name].append(get(path))
    for row in uncached:
        row["first_after_change_ms"] = round(statistics.median(first[row["name"]]) * 1000, 2)
        row["cached_ms"] = round(statistics.median(cached[row["name"]]) * 1000, 2)
        row["after_change_ratio"] = round(row["first_after_change_ms"] / row["median_ms"], 2)
    return uncached


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--language", default="da")
    parser.add_argument("--after-change", action="store_true", help="Also the first request after a change.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    assert settings.PAGE_CACHE_SECONDS == 0, "measured without the page cache"
    pages = page_paths(args.language)
    rows = measure(pages, args.rounds)
    if args.after_change:
        rows = measure_after_change(pages, args.rounds, rows)
    print(json.dumps({"pages": rows}))


if __name__ == "__main__":
    main()
