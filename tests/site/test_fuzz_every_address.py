"""Property-based tests: arbitrary query strings and path segments thrown at every public list, detail,
search, export and feed address, and at the language switch, never produce a server error: text with search
operators, quotes, NUL and control characters, long values and repeated parameters. Hypothesis runs a bounded,
derandomised number of examples so that the suite stays fast and repeatable in CI, where it runs on PostgreSQL
(whose full-text search and text columns refuse input SQLite accepts). `pytest -m fuzz` selects these tests."""

from importlib import import_module
from urllib.parse import quote, urlencode

import django_filters
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import module_has_submodule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import registry
from tests.factories import SourceFactory
from tests.helpers import list_pages

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

LANGUAGES = ["da", "nb", "en"]
LIST_URLS = [
    *list_pages(),
    "discovery:search",
    "discovery:feed",
    "discovery:datapackage",
    "discovery:catalogue",
    *(
        f"discovery:{dataset}_{kind}"
        for dataset in ("contributions", "mandates", "missions", "programmes", "sources", "organisations", "citations")
        for kind in ("csv", "json", "xlsx")
    ),
]
# Every detail page: the content registry's `detail_url`s (statements take their kind as the slug).
DETAIL_URLS = [entry.content.detail_url for entry in registry.detail_pages()]
DATASET_URLS = ["discovery:json_schema", "discovery:table_schema"]

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def filter_names():
    """Every parameter a public FilterSet reads, so that generated queries reach the filtering code."""
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "filters"):
            import_module(f"{app_config.name}.filters")
    names, pending = set(), [django_filters.FilterSet]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        names.update(getattr(cls, "base_filters", {}))
    return sorted(names | {"page", "q", "sort", "order", "format", "language"})


PARAMETER_NAMES = filter_names()

# Search syntax and what PostgreSQL's query parsers read as operators, repeated (runs of them overflow its stack).
OPERATORS = ["-", "- ", "!", "(", ")", "&", "|", "<->", "<2>", ":*", '"', "'", " or ", "OR", "\\", "*", "%", "_"]
operator_repeats = st.tuples(st.sampled_from(OPERATORS), st.integers(min_value=1, max_value=70)).map(
    lambda pair: pair[0] * pair[1]
)
operator_runs = st.lists(
    st.one_of(operator_repeats, st.sampled_from(OPERATORS), st.sampled_from(["iraq", "bidrag", "F-16", "æøå", "a"])),
    max_size=20,
).map("".join)
control_text = st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Ll", "Po"]), max_size=30)
# Values: anything, numbers far outside any range, real keys and codes (to get past the first check), operators,
# control characters and values far beyond any field's length.
values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["DK", "NO", "dk", "nmi", "2014", "0", "-1", "1e9", "", " ", "\x00", "%00", "' OR 1=1 --"]),
    st.binary(max_size=20).map(lambda raw: raw.decode("latin-1")),
    operator_runs,
    control_text,
    st.sampled_from(["-", "a", "\x00", "'", '"']).map(lambda char: char * 5000),
)
queries = st.dictionaries(
    keys=st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(min_size=1, max_size=12)),
    values=st.lists(values, min_size=1, max_size=3),
    max_size=5,
)
# Raw query strings, including broken percent-encoding and separators.
RAW_TOKENS = [*"abcq=&;%+/?#[] 09ZzFf\\\"'<>.-_~æø", "%FF", "%00", "%zz", "%", "&&", "=="]
raw_queries = st.lists(st.sampled_from(RAW_TOKENS), max_size=30).map("".join)
segments = st.one_of(
    st.from_regex(r"[-a-zA-Z0-9_]{1,100}", fullmatch=True),  # what the slug converter accepts
    st.text(min_size=1, max_size=60).map(lambda text: quote(text, safe="")),
    st.sampled_from(["..", ".", "%2e%2e", "%2F", "%00", "a" * 2000, "nmi", "dk"]),
)


@pytest.fixture
def linked_site(denmark, norway, published_mission, published_mandate, published_contribution, published_programme):
    """A small published site, so that detail pages, filters and exports have something to find, with several
    related objects on each side (host countries, sources, partners)."""
    published_mission.host_countries.set([denmark, norway])
    published_contribution.partner_countries.set([norway])
    published_contribution.sources.add(SourceFactory(), SourceFactory())


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def assert_no_server_error(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url}"
    if response.streaming:
        # A streamed export runs its query while it is sent, after the status: read it to the end.
        b"".join(response.streaming_content)


@FUZZ
@given(name=st.sampled_from(LIST_URLS), language=st.sampled_from(LANGUAGES), query=queries)
def test_list_search_export_and_feed_addresses_with_any_query(client, linked_site, name, language, query):
    url = f"{url_in(language, name)}?{urlencode(query, doseq=True)}"
    assert_no_server_error(client.get(url), url)


@FUZZ
@given(name=st.sampled_from(LIST_URLS), language=st.sampled_from(LANGUAGES), raw=raw_queries)
def test_list_addresses_with_any_raw_query_string(client, linked_site, name, language, raw):
    path = url_in(language, name)
    assert_no_server_error(client.get(path, QUERY_STRING=raw), f"{path}?{raw}")


@FUZZ
@given(name=st.sampled_from(DETAIL_URLS), language=st.sampled_from(LANGUAGES), segment=segments, query=queries)
def test_detail_addresses_with_any_path_segment(client, linked_site, name, language, segment, query):
    base = url_in(language, name, slug="placeholder")
    url = base.replace("placeholder", segment) + "?" + urlencode(query, doseq=True)
    assert_no_server_error(client.get(url), url)


@FUZZ
@given(
    name=st.sampled_from(DATASET_URLS),
    language=st.sampled_from(LANGUAGES),
    segment=segments,
    tail=st.lists(segments, max_size=2),
)
def test_dataset_and_unknown_addresses_with_any_path(client, linked_site, name, language, segment, tail):
    schema = url_in(language, name, dataset="placeholder").replace("placeholder", segment)
    assert_no_server_error(client.get(schema), schema)
    anywhere = "/".join(["", language, segment, *tail, ""])
    assert_no_server_error(client.get(anywhere), anywhere)


def test_fuzzing_reaches_real_pages(client, linked_site, published_mission):
    """The strategies are not all 404s: real parameter names and a known slug get through to the views."""
    assert {"country", "year", "mission", "kind"} <= set(PARAMETER_NAMES)
    response = client.get(url_in("en", "contributions:contribution_list") + "?country=DK&year=2014&page=1")
    assert response.status_code == 200
    assert client.get(published_mission.get_absolute_url()).status_code == 200


@FUZZ
@given(language=st.sampled_from(LANGUAGES), text=st.one_of(operator_runs, control_text, st.text(max_size=200)))
def test_search_with_any_text(client, linked_site, language, text):
    """Any text up to the length limit gives a results page or the "nothing matches" advice (200); NUL a 400."""
    url = url_in(language, "discovery:search")
    response = client.get(url, {"q": text[:200]})
    assert_no_server_error(response, f"{url}?q={text[:200]!r}")
    assert response.status_code == (400 if "\x00" in text[:200] else 200)


@FUZZ
@given(
    name=st.sampled_from(LIST_URLS),
    language=st.sampled_from(LANGUAGES),
    parameter=st.sampled_from(PARAMETER_NAMES),
    repeated=st.lists(values, min_size=2, max_size=6),
)
def test_repeated_parameters(client, linked_site, name, language, parameter, repeated):
    url = f"{url_in(language, name)}?{urlencode({parameter: repeated}, doseq=True)}"
    assert_no_server_error(client.get(url), url)


@FUZZ
@given(
    method=st.sampled_from(["get", "post"]),
    language=values,
    next_url=st.one_of(values, segments.map(lambda segment: f"/en/{segment}/")),
    referer=st.one_of(st.none(), values),
)
def test_language_switch_with_any_input(client, linked_site, method, language, next_url, referer):
    headers = {} if referer is None else {"HTTP_REFERER": referer.replace("\x00", "")}
    response = getattr(client, method)("/i18n/setlang/", {"language": language, "next": next_url}, **headers)
    assert_no_server_error(response, f"{method} /i18n/setlang/ language={language!r} next={next_url!r}")
