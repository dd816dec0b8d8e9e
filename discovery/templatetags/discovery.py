"""Template tags that put the open data and discovery features on the public pages: download links and their
<link rel="alternate"> in the head of the lists and the timeline."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from discovery.datasets import DATASETS
from discovery.feeds import UpdatesFeed
from discovery.timeline import country_timeline, mission_timeline, overview_timeline

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


def _timeline(timeline):
    return render_to_string(TIMELINE_TEMPLATE, {"timeline": timeline})


@register.simple_tag
def timeline_for_country(country):
    return _timeline(country_timeline(country))


@register.simple_tag
def timeline_for_mission(mission):
    return _timeline(mission_timeline(mission))


@register.simple_tag
def timeline_overview(missions, countries):
    return _timeline(overview_timeline(list(missions), list(countries)))


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
