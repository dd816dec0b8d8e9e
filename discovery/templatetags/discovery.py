"""Template tags that put the open data and discovery features on the public pages: download links and their
<link rel="alternate"> in the head of the lists and the timeline."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join

from discovery.datasets import DATASETS
from discovery.feeds import UpdatesFeed
from discovery.timeline import country_timeline, mission_timeline, overview_timeline
from perf.fragments import cached_fragment

register = template.Library()

FORMATS = (
    ("csv", "text/csv"),
    ("json", "application/json"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)


def export_url(request, dataset_name, file_format):
    """The data set's download address with the list's current filters (not its page number), each once with the
    value the list applies (the last given): the download refuses others and repeated ones."""
    dataset = DATASETS[dataset_name]
    url = reverse(f"discovery:{dataset_name}_{file_format}")
    if request is None or dataset.filterset_class is None:
        return url
    params = request.GET.copy()
    for name in list(params):
        if name in dataset.filterset_class.base_filters:
            params.setlist(name, [params[name]])
        else:
            params.pop(name)
    return f"{url}?{params.urlencode()}" if params else url


def _is_empty(context):
    """Whether the list has no rows (with these filters): then no download is offered, as it would be empty."""
    paginator = context.get("paginator")
    return paginator is not None and paginator.count == 0


@register.simple_tag(takes_context=True)
def export_alternates(context, dataset_name):
    """<link rel="alternate"> to the list's rows as CSV and JSON, for the page's <head>. None while the
    filters are invalid (the downloads would answer 400) or select no row."""
    if context.get("filter_errors") or _is_empty(context):
        return ""
    request = context.get("request")
    return format_html_join(
        "\n",
        '<link rel="alternate" type="{}" href="{}">',
        ((media_type, export_url(request, dataset_name, file_format)) for file_format, media_type in FORMATS),
    )


@register.inclusion_tag("discovery/includes/_downloads.html", takes_context=True)
def export_links(context, dataset_name):
    request = context.get("request")
    dataset = DATASETS[dataset_name]
    csv_url = export_url(request, dataset_name, "csv")
    return {
        "dataset": dataset,
        "show": not context.get("filter_errors") and not _is_empty(context),
        "csv_url": csv_url,
        "json_url": export_url(request, dataset_name, "json"),
        "xlsx_url": export_url(request, dataset_name, "xlsx"),
        "filtered": "?" in csv_url,
    }


TIMELINE_TEMPLATE = "discovery/includes/_timeline.html"


def _timeline(build, *key):
    """A timeline's HTML. Drawing one takes longer than the rest of its page, and it is the same for every
    visitor, so it is kept like the cards (perf/fragments.py), by language and day."""
    return cached_fragment(
        lambda: render_to_string(TIMELINE_TEMPLATE, {"timeline": build()}),
        "timeline",
        translation.get_language(),
        timezone.localdate(),
        *key,
    )


@register.simple_tag
def timeline_for_country(country):
    return _timeline(lambda: country_timeline(country), "country", country.pk)


@register.simple_tag
def timeline_for_mission(mission):
    return _timeline(lambda: mission_timeline(mission), "mission", mission.pk)


@register.simple_tag
def timeline_overview(missions, countries):
    missions, countries = list(missions), list(countries)
    return _timeline(
        lambda: overview_timeline(missions, countries),
        "overview",
        [mission.pk for mission in missions],
        [country.pk for country in countries],
    )


@register.filter
def zip_with(headers, cells):
    """Pairs of (header, cell) for a table row whose cells follow the columns' headers in order: lets each cell
    name its column (`data-label`) for the stacked layout of narrow screens."""
    return list(zip(headers, cells, strict=False))


@register.simple_tag
def feed_link():
    """The Atom feed's <link rel="alternate"> for the page's <head>."""
    return format_html(
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        UpdatesFeed.title,
        reverse("discovery:feed"),
    )
